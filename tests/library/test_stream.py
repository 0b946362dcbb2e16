"""Issue 16: `python -m checks --library` parses each file once and streams its results to the report and
the library; the report and the stored documents are what the whole-run code produced."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pyarrow as pa
import pytest

from checks import run_checks
from checks.report import findings_csv, findings_frame, findings_json
from checks.report_stream import BURST, Rendered, StreamedReport, render_json
from library import batch, cli, ingest, peers, prepared, store
from library.batch import check_files
from library.schema import CHILDREN, MONEY, column_type
from library.store import ENV_VAR, open_library
from parsing import frames, parse
from tests.conftest import ROOT, SEEDS, seed_path

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


@pytest.fixture(scope="module")
def results() -> list:
    """The four seeds, an empty file and a PNG named .txt, checked once, then repeated under new names so
    that the run spans several CSV bursts and has unreadable files among the readable ones."""
    folder = Path(__file__).parent  # only names: the files are read from where they are
    names = [*sorted(SEEDS.glob("*.txt"))]
    base = check_files(names, jobs=1)
    base.insert(2, batch.failed_result("empty.txt", ValueError("文件为空")))
    base.append(batch.failed_result("bad.txt", ValueError("无法读取")))
    out = []
    for copy in range(6):
        for status, found in base:
            name = str(folder / f"{copy}_{Path(status.file).name}")
            out.append(
                (
                    status.model_copy(update={"file": name}),
                    [f.model_copy(update={"file": name}) for f in found],
                )
            )
    return out


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_streamed_report_is_the_whole_run_report_byte_for_byte(results, fmt):
    assert len(results) > 2 * BURST
    documents = [status for status, _ in results]
    findings = [f for _, found in results for f in found]
    if fmt == "json":
        text = json.dumps(findings_json(documents, findings), ensure_ascii=False, indent=2)
        expected = (text + "\n").encode("utf-8")
    else:
        expected = findings_csv(documents, findings)
    out = io.BytesIO()
    with StreamedReport(fmt) as report:
        for status, found in results:
            report.add(status, found)
        report.write(out)
        assert (report.documents, report.failed, report.findings) == (len(documents), 12, len(findings))
    assert out.getvalue() == expected


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_run_without_findings_or_documents_matches_too(fmt):
    status = batch.failed_result("empty.txt", ValueError("文件为空"))[0]
    for documents in ([], [status]):
        out = io.BytesIO()
        with StreamedReport(fmt) as report:
            for doc in documents:
                report.add(doc, [])
            report.write(out)
        if fmt == "json":
            text = json.dumps(findings_json(documents, []), ensure_ascii=False, indent=2) + "\n"
            assert out.getvalue() == text.encode("utf-8")
        else:
            assert out.getvalue() == findings_csv(documents, [])


@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_rendered_where_they_are_checked_make_the_same_json_report(jobs):
    names = [*sorted(SEEDS.glob("*.txt")), SEEDS / "missing.txt"] * 2  # enough files for the workers
    plain = check_files(names, jobs=1)
    text = json.dumps(findings_json([s for s, _ in plain], [f for _, fs in plain for f in fs]), ensure_ascii=False,
                      indent=2)  # fmt: skip
    out = io.BytesIO()
    with StreamedReport("json") as report:
        for (status, part), _ in batch.iter_checked(names, jobs=jobs, render=render_json):
            assert isinstance(part, Rendered)
            report.add_rendered(status, part)
        report.write(out)
    assert out.getvalue() == (text + "\n").encode("utf-8")
    with StreamedReport("csv") as report, pytest.raises(ValueError):
        report.add_rendered(*plain[0])


def _contents(path: Path) -> dict[str, list[tuple]]:
    """Every stored row by file name, without ids and timestamps (which differ from run to run)."""
    with duckdb.connect(str(path), read_only=True) as con:
        out = {
            "documents": con.execute(
                "SELECT * EXCLUDE (doc_id, added_at, checked_at) FROM documents ORDER BY file_name"
            ).fetchall()
        }
        out["sources"] = con.execute(
            "SELECT d.file_name, s.part, s.data FROM sources s JOIN documents d USING (doc_id) ORDER BY ALL"
        ).fetchall()
        for table in CHILDREN:
            out[table] = con.execute(
                f"SELECT d.file_name, t.* EXCLUDE (doc_id) FROM {table} t JOIN documents d USING (doc_id)"
                " ORDER BY ALL"
            ).fetchall()
    return out


def _fit_money_before_issue_16(table, frame):
    """Money cells beyond DECIMAL(24, 6) left empty, as the store did in pandas before issue 16."""
    for column in frame.columns:
        if column_type(table, column) == MONEY and len(frame):
            values = frame[column]
            if values.dtype == object:
                frame[column] = values.map(prepared.storable)
            elif (values.abs() >= float(prepared.MONEY_LIMIT)).any():
                frame[column] = values.where(values.abs() < float(prepared.MONEY_LIMIT))
    return frame


def _prepare_before_issue_16(file_name, data, doc, findings):
    """The rows as the store prepared them before issue 16: every table a pandas frame."""
    found = findings_frame(findings)
    found.insert(0, "seq", range(len(found)))
    rows = {"metrics": pd.DataFrame([peers.raw_metrics(doc)], columns=peers.RAW_COLUMNS), "findings": found}
    for table in ("line_items", "projects", "plan_points", "indicators", "sections"):
        rows[table] = getattr(frames, table)(doc)
    rows = {table: _fit_money_before_issue_16(table, frame) for table, frame in rows.items()}
    identity = (doc.department_code, doc.department_name, doc.budget_year, len(doc.units))
    return store.Prepared(file_name, data, hashlib.sha256(data).hexdigest(), identity, rows, doc.kind)


def _insert_before_issue_16(con, table, frames, ids):
    """How the store wrote rows before the batch passed Arrow tables: pandas frames, a copy of each with its
    doc_id, joined in pandas and converted to Arrow once."""
    frames = [f.assign(doc_id=i) for f, i in zip(frames, ids, strict=True) if not f.empty]
    if frames:
        con.register(
            "rows_view", pa.Table.from_pandas(pd.concat(frames, ignore_index=True), preserve_index=False)
        )
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM rows_view")


def _through_the_api(files: list[Path], path: Path) -> dict[str, list[tuple]]:
    """Each file parsed, checked and added one by one through Library.add, rows written as before issue 16."""
    library = open_library(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store, "prepare", _prepare_before_issue_16)
        patch.setattr(store, "_insert", _insert_before_issue_16)
        for file in files:
            data = file.read_bytes()
            doc = parse(str(file), data)
            library.add(str(file), data, doc, run_checks(doc))
    return _contents(path)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder)
    (folder / "bad.txt").write_bytes(PNG)
    return folder


def test_library_run_parses_each_file_once_and_stores_what_the_api_stores(folder, tmp_path, monkeypatch):
    calls: list[str] = []

    def counted(name, data):
        calls.append(Path(name).name)
        return parse(name, data)

    monkeypatch.setattr(batch, "parse", counted)
    monkeypatch.setattr(store, "parse", counted)
    monkeypatch.setattr(ingest, "parse", counted)
    monkeypatch.setattr(batch, "tune_gc", lambda: None)  # the test process keeps its collector
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cli.duckdb"))
    report = tmp_path / "r.json"
    assert cli.main([str(folder), "-o", str(report), "--jobs", "1", "--library"]) == 0
    files = sorted(folder.glob("*.txt"))
    assert sorted(calls) == sorted(f.name for f in files)
    seeds = [f for f in files if f.name != "bad.txt"]
    stored = _contents(tmp_path / "cli.duckdb")
    assert stored == _through_the_api(seeds, tmp_path / "api.duckdb")
    golden = sorted((ROOT / "tests" / "golden").glob("seeds__*.json"))
    assert len(stored["documents"]) == 4
    assert len(stored["findings"]) == sum(len(json.loads(f.read_text(encoding="utf-8"))) for f in golden)
    assert [d["status"] for d in json.loads(report.read_text(encoding="utf-8"))["documents"]] == [
        "ok"
    ] * 4 + ["error"]


def test_parallel_library_run_stores_what_the_api_stores(folder, tmp_path):
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:  # the same bytes under another name: stored once
        shutil.copy(seed, folder / f"copy_{seed.name}")
    env = {**os.environ, ENV_VAR: str(tmp_path / "cli.duckdb")}
    command = [sys.executable, "-m", "checks", folder, "-o", tmp_path / "r.csv", "--jobs", "2", "--library"]
    run = subprocess.run(
        list(map(str, command)), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert "新增 4 份（可读 6 份）" in run.stderr
    seeds = sorted(f for f in folder.glob("[0-9]*.txt"))
    assert _contents(tmp_path / "cli.duckdb") == _through_the_api(seeds, tmp_path / "api.duckdb")


def test_a_refused_document_is_named_and_the_rest_of_its_burst_is_stored(
    folder, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(prepared, "MONEY_LIMIT", Decimal("Infinity"))  # no clamp: 10^18 now reaches DuckDB
    text = seed_path("000").read_text(encoding="utf-8").replace("\t492.28\n", "\t1000000000000000000.00\n", 1)
    (folder / "e18.txt").write_text(text.replace("沧州经济开发区群众工作中心", "e18中心"), encoding="utf-8")
    monkeypatch.setattr(batch, "tune_gc", lambda: None)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cli.duckdb"))
    assert cli.main([str(folder), "-o", str(tmp_path / "r.json"), "--jobs", "1", "--library"]) == 0
    names = sorted(Path(n).name for n in open_library(tmp_path / "cli.duckdb").documents()["file_name"])
    assert names == sorted(seed.name for seed in SEEDS.glob("*.txt"))
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [Path(d["file"]).name for d in report["documents"] if d["status"] == "ok"][-1] == "e18.txt"
    err = capsys.readouterr().err
    assert f"{folder / 'e18.txt'}：未能存入文件库" in err and "新增 4 份（可读 5 份）" in err


def test_checklist_with_library_parses_each_file_once_and_stores_what_the_api_stores(
    folder, tmp_path, monkeypatch, capsys
):
    calls: list[str] = []

    def counted(name, data):
        calls.append(Path(name).name)
        return parse(name, data)

    for module in (batch, store, ingest):  # the forms read their files through batch.read_and_check
        monkeypatch.setattr(module, "parse", counted)
    monkeypatch.setattr(batch, "tune_gc", lambda: None)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cli.duckdb"))
    form = tmp_path / "form.xlsx"
    assert cli.main([str(folder), "--format", "checklist", "-o", str(form), "--library"]) == 0
    files = sorted(folder.glob("*.txt"))
    assert sorted(calls) == sorted(f.name for f in files)
    seeds = [f for f in files if f.name != "bad.txt"]
    assert _contents(tmp_path / "cli.duckdb") == _through_the_api(seeds, tmp_path / "api.duckdb")
    assert len(openpyxl.load_workbook(form, read_only=True).sheetnames) == len(files)
    assert "新增 4 份（可读 4 份）" in capsys.readouterr().err
