"""DuckDB library: round trip, idempotence, removal, crash safety, re-check, YoY partners, locking, CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from functools import cache
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from checks import run_checks
from checks.findings import Finding
from library.schema import CHILDREN
from library.store import DEFAULT_PATH, ENV_VAR, Library, LibraryBusy, open_library, rules_version
from parsing import PARSER_VERSION, BudgetDocument, frames, parse
from tests.conftest import ROOT, seed_path
from tests.support.synth import Variant, load_seed, vary

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


@cache
def checked(prefix: str) -> tuple[str, bytes, BudgetDocument, list[Finding]]:
    path = seed_path(prefix)
    data = path.read_bytes()
    doc = parse(path.name, data)
    return path.name, data, doc, run_checks(doc)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return open_library(tmp_path / "library.duckdb", timeout=20)


def _rows(library: Library, table: str, doc_id: int) -> pd.DataFrame:
    order = "seq" if table == "findings" else "line"
    return library._query(
        f"SELECT * EXCLUDE (doc_id) FROM {table} WHERE doc_id = ? ORDER BY {order}", [doc_id]
    )


def _plain(frame: pd.DataFrame) -> list[list[object]]:
    """Values with every kind of missing (None, NaN, NA) as None, numbers as float: dtype-free equality."""
    frame = frame.astype(object)
    return [[None if pd.isna(v) else float(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
             for v in row] for row in frame.itertuples(index=False)]  # fmt: skip


def _counts(library: Library) -> dict[str, int]:
    return {
        t: int(library._query(f"SELECT count(*) AS n FROM {t}")["n"][0]) for t in [*CHILDREN, "documents"]
    }


def test_path_from_argument_env_or_default(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env" / "lib.duckdb"))
    assert open_library().path == tmp_path / "env" / "lib.duckdb"
    assert open_library(tmp_path / "arg.duckdb").path == tmp_path / "arg.duckdb"
    assert DEFAULT_PATH == ROOT / "data" / "library.duckdb"
    assert "data/library*" in (ROOT / ".gitignore").read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_round_trip_gives_the_parsed_figures(library, prefix):
    name, data, doc, findings = checked(prefix)
    assert library.add(name, data, doc, findings) is True
    row = library.documents().iloc[0]
    assert (row.file_name, row.department_code, row.department_name, row.budget_year) == (
        name, doc.department_code, doc.department_name, doc.budget_year,
    )  # fmt: skip
    assert (row.parser_version, row.rules_version, row.findings) == (
        PARSER_VERSION,
        rules_version(),
        len(findings),
    )
    for table in ("line_items", "projects", "plan_points", "indicators", "sections"):
        expected = getattr(frames, table)(doc).sort_values("line", kind="stable").reset_index(drop=True)
        stored = _rows(library, table, row.doc_id)
        assert list(stored.columns) == list(expected.columns) and len(stored) > 0
        assert _plain(stored) == _plain(expected), table
    total = library._query(
        "SELECT amount FROM line_items WHERE doc_id = ? AND \"table\" = 'expense' AND kind = 'total'"
        " AND \"column\" = 'total'", [row.doc_id]
    )["amount"]  # fmt: skip
    assert Decimal(str(total[0])) == doc.table("expense").rows[0].values["total"].value
    loaded, loaded_findings = library.load(row.doc_id)
    assert loaded == doc and loaded_findings == findings


def test_re_adding_the_same_bytes_is_a_no_op(library):
    name, data, doc, findings = checked("000")
    assert library.add(name, data, doc, findings) is True
    before = _counts(library)
    assert library.add("renamed.txt", data, doc, findings) is False
    assert _counts(library) == before and before["documents"] == 1


def test_remove_deletes_every_row(library):
    for prefix in ("000", "001"):
        library.add(*checked(prefix))
    first, second = library.documents()["doc_id"]
    assert library.remove(first) is True
    assert library.remove(first) is False
    for table in [*CHILDREN, "documents"]:
        assert library._query(f"SELECT count(*) AS n FROM {table} WHERE doc_id = ?", [first])["n"][0] == 0
    assert list(library.documents()["doc_id"]) == [second]
    with pytest.raises(KeyError):
        library.load(first)


def test_error_mid_ingest_leaves_no_partial_document(library, monkeypatch):
    library.add(*checked("001"))
    before = _counts(library)
    real = __import__("library.store", fromlist=["_insert"])._insert

    def failing(con, table, *rows):
        if table == "indicators":  # after documents, metrics, line_items, projects, plan_points
            raise RuntimeError("disk full (injected)")
        real(con, table, *rows)

    monkeypatch.setattr("library.store._insert", failing)
    with pytest.raises(RuntimeError, match="injected"):
        library.add(*checked("000"))
    assert _counts(library) == before
    monkeypatch.setattr("library.store._insert", real)
    assert library.add(*checked("000")) is True
    assert _counts(library)["documents"] == 2


def test_process_killed_mid_ingest_leaves_no_partial_document(library):
    library.add(*checked("001"))
    before = _counts(library)
    script = textwrap.dedent(f"""
        import os
        import library.store as lib
        from tests.library.test_library import checked
        real = lib._insert
        def dying(con, table, *rows):
            real(con, table, *rows)
            if table == "indicators":
                os._exit(3)  # no rollback, no close: as if the machine lost power
        lib._insert = dying
        lib.open_library({str(library.path)!r}).add(*checked("000"))
    """)  # fmt: skip
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=120, check=False
    )
    assert run.returncode == 3, run.stderr.decode()
    assert _counts(library) == before
    assert library.add(*checked("000")) is True


def test_recheck_updates_rows_of_other_versions(library):
    library.add(*checked("000"))
    with duckdb.connect(str(library.path)) as con:
        con.execute("UPDATE documents SET rules_version = 'old', parser_version = '0.0.1'")
        con.execute("DELETE FROM findings")
    assert library.recheck() == 1
    row = library.documents().iloc[0]
    assert (row.parser_version, row.rules_version, row.findings) == (PARSER_VERSION, rules_version(), 73)
    assert library.recheck() == 0


def _variant(library: Library, variant: Variant) -> int:
    text = vary(load_seed(seed_path("000")), variant).encode("utf-8")
    name = f"{variant.code}_{variant.year}.txt"
    library.add(name, text, parse(name, text), [])
    return int(library.documents()["doc_id"].iloc[-1])


def test_previous_year_and_project_matches(library):
    name = "沧州经济开发区群众工作中心"
    old = _variant(library, Variant("223", name, 2024))
    renamed = ("办公设备购置费", "办公设备采购项目")  # same code: matched by code
    recoded = ("13091124P000062100028", "13091125P000062100099")  # same name: matched by name, score 100
    both = [("交警管理设备", "交警管理设备购置"), ("13091124P00006310001A", "13091125P00006310077B")]
    new = _variant(library, Variant("223", name, 2025, Decimal("1.1"), (renamed, recoded, *both)))
    moved = _variant(library, Variant("987", name, 2025))  # department re-coded: fuzzy name
    other = _variant(library, Variant("555", "青县财政局", 2025))
    assert (library.previous_year(new), library.previous_year(moved)) == (old, old)
    assert (library.previous_year(other), library.previous_year(old)) == (None, None)
    matches = library.project_matches(old, new).set_index("old_name")
    assert len(matches) == 9 and list(matches["method"]).count("code") == 7
    assert tuple(matches.loc["办公设备购置费", ["new_name", "method"]]) == ("办公设备采购项目", "code")
    assert tuple(matches.loc["创建文明城市专项", ["new_code", "method", "score"]]) == (
        recoded[1],
        "name",
        100.0,
    )
    fuzzy = matches.loc["交警管理设备"]
    assert (fuzzy.new_name, fuzzy.method, fuzzy.new_budget) == ("交警管理设备购置", "name", 16.06)
    assert 80 <= fuzzy.score < 100


def test_matrix_counts_findings_by_department_and_year(library):
    for prefix in ("000", "001"):
        library.add(*checked(prefix))
    matrix = library.matrix()
    # the seeds' golden counts (tests/golden): 000 73, 001 79 — one finding per place (indicator row, project)
    assert matrix.loc[("223", "沧州经济开发区群众工作中心"), 2024] == 73
    assert matrix.loc[("455", "沧州渤海新区南大港产业园区政法工作办公室"), 2023] == 79
    assert pd.isna(matrix.loc[("223", "沧州经济开发区群众工作中心"), 2023])


def test_reader_keeps_working_while_another_process_writes(library):
    count = 12
    script = textwrap.dedent(f"""
        from decimal import Decimal
        from library.store import open_library
        from tests.support.synth import Variant, load_seed, vary
        from parsing import parse
        from tests.conftest import seed_path
        lib = open_library({str(library.path)!r}, timeout=60)
        seed = load_seed(seed_path("000"))
        for i in range({count}):
            text = vary(seed, Variant(str(300 + i), f"县{{i}}局", 2024, Decimal("1.01") + i)).encode()
            lib.add(f"{{i}}.txt", text, parse(f"{{i}}.txt", text), [])
    """)  # fmt: skip
    seen: list[int] = []
    with subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stderr=subprocess.PIPE) as writer:
        errors = _read_while_writing(library, writer, seen)
    assert writer.returncode == 0, errors
    assert seen == sorted(seen) and seen[-1] == count
    assert len(set(seen)) > 3, seen  # the reads really interleaved with the writes


def _read_while_writing(library: Library, writer: subprocess.Popen, seen: list[int]) -> str:
    slowest = 0.0
    while True:
        done = writer.poll() is not None
        start = time.monotonic()
        state = library._query(
            "SELECT d.doc_id, (SELECT count(*) FROM line_items l WHERE l.doc_id = d.doc_id) AS n FROM documents d"
        )  # one snapshot: a listed document always has all its rows
        slowest = max(slowest, time.monotonic() - start)
        assert (state["n"] > 0).all()
        seen.append(len(state))
        if done:
            break
    assert slowest < 20  # waited for the lock now and then, never indefinitely
    return writer.stderr.read().decode()  # type: ignore[union-attr]


def test_locked_file_raises_library_busy_after_the_timeout(library):
    script = f"import duckdb, time; c = duckdb.connect({str(library.path)!r}); print('held', flush=True); time.sleep(4)"
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout.readline().strip() == "held"  # type: ignore[union-attr]
        impatient = Library(library.path, timeout=0.5)
        start = time.monotonic()
        with pytest.raises(LibraryBusy, match="正被其他程序占用"):
            impatient.documents()
        assert 0.4 < time.monotonic() - start < 3
        assert len(Library(library.path, timeout=20).documents()) == 0  # waits for the holder, then reads


def test_batch_cli_with_good_and_bad_files_fills_the_library(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for i, year in enumerate((2023, 2024)):
        text = vary(load_seed(seed_path("000")), Variant("223", "沧州经济开发区群众工作中心", year))
        (folder / f"good{i}.txt").write_text(text, encoding="utf-8")
    (folder / "sub" / "empty.txt").write_bytes(b"")
    (folder / "bad.txt").write_bytes(PNG)
    env = {**os.environ, ENV_VAR: str(tmp_path / "lib.duckdb")}
    command = [
        sys.executable,
        "-m",
        "checks",
        folder,
        "--format",
        "xlsx",
        "-o",
        tmp_path / "r.xlsx",
        "--library",
    ]

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(map(str, command)), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )

    first, second = run(), run()
    assert first.returncode == 0, first.stderr
    assert "新增 2 份（可读 2 份）" in first.stderr and "新增 0 份" in second.stderr
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames[:2] == ["汇总", "问题清单"]
    library = open_library(tmp_path / "lib.duckdb")
    assert sorted(library.documents()["budget_year"]) == [2023, 2024]
    newer = int(library.documents().set_index("budget_year")["doc_id"][2024])
    assert library.previous_year(newer) == int(library.documents().set_index("budget_year")["doc_id"][2023])


def test_a_library_from_an_earlier_version_gains_new_columns_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.duckdb"
    first = open_library(path, timeout=20)
    first.add(*checked("000"))
    with duckdb.connect(str(path)) as con:  # as written before findings had a page
        con.execute("ALTER TABLE findings DROP COLUMN page")
    again = open_library(path, timeout=20)
    with duckdb.connect(str(path)) as con:
        types = dict(
            con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'findings'"
            ).fetchall()
        )
        kept = con.execute("SELECT count(*) FROM findings").fetchone()[0]
    assert types["page"] == "INTEGER" and kept == 73
    assert again.add(*checked("003")) is True
    assert sorted(again.documents()["findings"]) == [36, 73]  # 003 and 000 (tests/golden)
