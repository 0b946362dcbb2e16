"""Issue 16: absurd amounts, damaged library files, FIFOs and symlink loops never cost the batch its report."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest

from checks import run_checks
from checks.report import DocumentStatus
from library import prepared
from library.batch import collect_files
from library.store import ENV_VAR, LibraryCorrupt, open_library
from parsing import parse
from tests.conftest import ROOT, seed_path

CELL = "\t492.28\n"  # 000: the first amount cell (一般公共预算拨款收入, 收支总表, line 24)


def _big_seed(folder: Path, name: str, cell: str) -> Path:
    text = seed_path("000").read_text(encoding="utf-8").replace(CELL, f"\t{cell}\n", 1)
    path = folder / name
    path.write_text(text.replace("沧州经济开发区群众工作中心", f"{name}中心"), encoding="utf-8")
    return path


def _checks(*args: object, library: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, ENV_VAR: str(library)}
    command = [sys.executable, "-m", "checks", *map(str, args)]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_huge_amounts_are_stored_without_the_money_value_and_the_report_is_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for prefix in ("000", "001"):
        shutil.copy(seed_path(prefix), folder)
    _big_seed(folder, "e18.txt", "1000000000000000000.00")  # DECIMAL(24, 6) holds 18 integer digits
    _big_seed(folder, "d26.txt", "9" * 26 + ".00")
    run = _checks(
        folder, "-o", tmp_path / "r.json", "--jobs", "2", "--library", library=tmp_path / "lib.duckdb"
    )
    assert run.returncode == 0, run.stderr
    assert "新增 4 份（可读 4 份）" in run.stderr and "Traceback" not in run.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [d["status"] for d in report["documents"]] == ["ok"] * 4
    with duckdb.connect(str(tmp_path / "lib.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT d.file_name, l.raw, l.amount FROM line_items l JOIN documents d USING (doc_id)"
                           " WHERE l.raw IN ('1000000000000000000.00', ?) ORDER BY 1", ["9" * 26 + ".00"]).fetchall()  # fmt: skip
        stored = con.execute("SELECT amount FROM line_items WHERE raw = '492.28' LIMIT 1").fetchone()
    assert [(Path(f).name, raw, amount) for f, raw, amount in rows] == [
        ("d26.txt", "9" * 26 + ".00", None), ("e18.txt", "1000000000000000000.00", None),
    ]  # fmt: skip
    assert stored == (Decimal("492.280000"),)


def test_a_document_the_database_refuses_does_not_cost_its_burst(tmp_path, monkeypatch):
    # Without the clamp, 10^18 reaches DuckDB and is refused: the three other documents of the burst stay.
    monkeypatch.setattr(prepared, "MONEY_LIMIT", Decimal("Infinity"))
    big = _big_seed(tmp_path, "e18.txt", "1000000000000000000.00")
    names = [seed_path(p) for p in ("000", "001")] + [big] + [seed_path("003")]
    results = []
    for path in names:
        doc = parse(str(path), path.read_bytes())
        results.append((DocumentStatus(file=str(path)), run_checks(doc)))
    library = open_library(tmp_path / "lib.duckdb")
    skipped: list[str] = []
    assert library.add_results(results, jobs=1, skipped=skipped) == 3
    assert skipped == [str(big)]
    assert sorted(Path(f).name[:3] for f in library.documents()["file_name"]) == ["000", "001", "003"]


def _damaged(tmp_path: Path, kind: str) -> Path:
    good = tmp_path / "good.duckdb"
    library = open_library(good)
    doc = parse("000.txt", seed_path("000").read_bytes())
    library.add("000.txt", seed_path("000").read_bytes(), doc, run_checks(doc))
    data = good.read_bytes()
    damaged = {
        "empty": b"",
        "random": bytes((i * 7919 + 13) % 251 for i in range(100_000)),
        "half": data[: len(data) // 2],
        "cut_4k": data[:-4096],
        "first_4k": data[:4096],
    }[kind]
    path = tmp_path / f"{kind}.duckdb"
    path.write_bytes(damaged)
    return path


@pytest.mark.parametrize("kind", ["empty", "random", "half", "cut_4k", "first_4k"])
def test_a_damaged_library_is_refused_untouched_and_the_report_is_written(tmp_path, kind):
    path = _damaged(tmp_path, kind)
    before = path.read_bytes()
    with pytest.raises(LibraryCorrupt, match="已损坏"):
        open_library(path)
    run = _checks(seed_path("001"), "-o", tmp_path / "r.csv", "--library", library=path)
    assert run.returncode == 1
    message = [line for line in run.stderr.splitlines() if "文件库" in line]
    assert len(message) == 1 and "已损坏" in message[0] and "未作任何修改" in message[0], run.stderr
    assert "Traceback" not in run.stderr
    assert path.read_bytes() == before and not path.with_name(path.name + ".wal").exists()
    assert "规则编号" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")


def test_a_whole_library_still_opens(tmp_path):
    path = _damaged(tmp_path, "empty").with_name("good.duckdb")
    assert len(open_library(path).documents()) == 1


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    """A seed, a FIFO named x.txt, a self-link, a two-link loop and a folder link back up."""
    folder = tmp_path / "odd"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(seed_path("000"), folder)
    os.mkfifo(folder / "x.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "sub" / "up").symlink_to("..")
    return folder


def test_folders_yield_only_regular_files(odd_folder):
    assert [p.name for p in collect_files([odd_folder])] == [seed_path("000").name]


def test_a_folder_with_a_fifo_and_symlink_loops_is_checked(odd_folder, tmp_path):
    run = _checks(odd_folder, "-o", tmp_path / "r.json", library=tmp_path / "unused.duckdb")
    assert run.returncode == 0, run.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [(Path(d["file"]).name, d["status"]) for d in report["documents"]] == [
        (seed_path("000").name, "ok")
    ]


def test_a_fifo_or_loop_named_directly_is_an_error_row_not_a_hang(odd_folder, tmp_path):
    run = _checks(
        odd_folder / "x.txt", odd_folder / "loop.txt", seed_path("001"), library=tmp_path / "u.duckdb"
    )
    assert run.returncode == 0, run.stderr
    documents = json.loads(run.stdout)["documents"]
    assert [(Path(d["file"]).name, d["status"]) for d in documents] == [
        ("x.txt", "error"), ("loop.txt", "error"), (seed_path("001").name, "ok"),
    ]  # fmt: skip
    assert "不是普通文件" in documents[0]["error"]


def test_a_fifo_named_directly_gets_a_failed_form_not_a_hang(odd_folder, tmp_path):
    form = tmp_path / "form.xlsx"
    run = _checks(odd_folder / "x.txt", seed_path("001"), "--format", "checklist", "-o", form,
                  library=tmp_path / "u.duckdb")  # fmt: skip
    assert run.returncode == 0, run.stderr
    book = openpyxl.load_workbook(form, read_only=True)
    assert len(book.sheetnames) == 2
    first = "\n".join(str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c)
    assert "不是普通文件" in first
