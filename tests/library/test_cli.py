"""python -m checks: folders of files in, one report out; unreadable files are reported, not fatal."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from library import batch, cli
from library.batch import collect_files

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "data" / "seeds"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


def _cli(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "checks", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, timeout=300, check=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two seeds, an empty file, a PNG named .txt, and files the CLI must skip."""
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.txt").write_bytes(PNG)
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "~$lock.docx").write_bytes(b"x")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    return tmp_path


def test_folder_to_json(folder):
    run = _cli(folder)
    assert run.returncode == 0, run.stderr.decode()
    report = json.loads(run.stdout)
    documents = report["documents"]
    assert [Path(d["file"]).name for d in documents] == [
        *(p.name for p in sorted(SEEDS.glob("*.txt"))[:2]), "bad.txt", "empty.txt",
    ]  # fmt: skip
    errors = {Path(d["file"]).name: d["error"] for d in documents if d["status"] == "error"}
    assert set(errors) == {"bad.txt", "empty.txt"}
    assert "empty.txt" in errors["empty.txt"] and "文件为空" in errors["empty.txt"]
    assert "bad.txt" in errors["bad.txt"] and "无法读取" in errors["bad.txt"]
    ok = {d["file"] for d in documents if d["status"] == "ok"}
    assert all(d["department_name"] and d["budget_year"] for d in documents if d["status"] == "ok")
    assert {f["file"] for f in report["findings"]} <= ok


def test_parallel_run_keeps_input_order(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "zz_empty.txt").write_bytes(b"")
    run = _cli(tmp_path, "--jobs", "2", "--progress")
    assert run.returncode == 0, run.stderr.decode()
    documents = json.loads(run.stdout)["documents"]
    assert [Path(d["file"]).name for d in documents] == [*(s.name for s in seeds), "zz_empty.txt"]
    assert [d["status"] for d in documents] == ["ok"] * len(seeds) + ["error"]
    assert f"已检查 {len(seeds) + 1}/{len(seeds) + 1}" in run.stderr.decode()


def test_xlsx_output(folder, tmp_path):
    out = tmp_path / "out.xlsx"
    run = _cli(folder, "--format", "xlsx", "-o", out)
    assert run.returncode == 0, run.stderr.decode()
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["汇总", "问题清单", "规则说明", "评分"]
    assert book["汇总"].max_row == 1 + 4


def test_xlsx_scores_sheet_equals_the_scorecard(tmp_path):
    """评分: one row per readable file, the values of checks.scorecard; a 预算 and a 决算 of 2024 ranked apart."""
    from checks import run_checks
    from checks.report import DocumentStatus
    from checks.scorecard import FRAME_COLUMNS, FRAME_HEADERS_ZH, scorecard_frame
    from parsing import parse

    pdf = ROOT / "tests" / "data" / "pdf"
    files = [*sorted(SEEDS.glob("*.txt"))[:2], pdf / "上海市普陀区人民政府万里街道办事处24年预算.pdf",
             pdf / "final_accounts" / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"]  # fmt: skip
    (tmp_path / "bad.txt").write_bytes(PNG)
    out = tmp_path / "out.xlsx"
    run = _cli(*files, tmp_path / "bad.txt", "-o", out)
    assert run.returncode == 0, run.stderr.decode()
    sheet = openpyxl.load_workbook(out)["评分"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [FRAME_HEADERS_ZH[c] for c in FRAME_COLUMNS]
    body = rows[1 : rows.index((None,) * len(rows[0]))]  # then a blank row and the definitions
    assert len(body) == 4  # the unreadable file has no score
    docs = [parse(f.name, f.read_bytes()) for f in files]
    statuses = [DocumentStatus(file=str(f), department_code=d.department_code, department_name=d.department_name,
                               budget_year=d.budget_year, kind=d.kind) for f, d in zip(files, docs, strict=True)]  # fmt: skip
    findings = [
        f.model_copy(update={"file": str(path)})
        for path, doc in zip(files, docs, strict=True)
        for f in run_checks(doc)
    ]
    expected = scorecard_frame(statuses, findings)
    got = {row[1]: row for row in body}
    assert set(got) == {str(f) for f in files}
    for r in expected.itertuples():
        row = got[r.file]
        assert row[0] == r.rank and row[5] == {"budget": "预算", "final_accounts": "决算"}[r.kind]
        assert list(row[6:11]) == [r.completeness, r.accuracy, r.indicator, r.text, r.overall]
        assert row[11] == r.findings
    # 万里 2024 (预算) and 社会工作部 2024 (决算) share the year but not the ranking: both first
    assert got[str(files[2])][:1] == got[str(files[3])][:1] == (1,)


def test_csv_to_stdout_has_bom(folder):
    run = _cli(folder, "--format", "csv")
    assert run.returncode == 0
    assert run.stdout.startswith(b"\xef\xbb\xbf\xe6\x96\x87\xe4\xbb\xb6")  # BOM + 文件


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["does-not-exist"], "does-not-exist"),
        ([], "PATH"),
        (["{folder}", "--format", "xlsx"], "-o"),
        (["{folder}", "--jobs", "0"], "--jobs"),
    ],
    ids=["missing-path", "no-path", "xlsx-without-o", "bad-jobs"],
)
def test_usage_errors_exit_2(folder, args, needle):
    run = _cli(*(a.format(folder=folder) for a in args))
    assert run.returncode == 2
    assert needle in run.stderr.decode() and not run.stdout


def test_collect_files_skips_hidden_and_other_types(folder):
    names = [p.name for p in collect_files([folder])]
    assert "bad.txt" in names and "empty.txt" in names
    assert not {".hidden.txt", "~$lock.docx", "notes.md"} & set(names)
    with pytest.raises(FileNotFoundError):
        collect_files([folder / "nope"])


def test_checklist_output(folder, tmp_path):
    out = tmp_path / "form.xlsx"
    run = _cli(folder, "--format", "checklist", "-o", out)
    assert run.returncode == 0, run.stderr.decode()
    book = openpyxl.load_workbook(out)
    # one sheet per file, unreadable ones included: the two seeds by department and year, then bad, empty
    assert book.sheetnames == [
        "沧州经济开发区群众工作中心 2024", "沧州渤海新区南大港产业园区政法工作办公室 2023", "bad", "empty",
    ]  # fmt: skip
    assert book["沧州经济开发区群众工作中心 2024"]["A1"].value == "2024年度部门预算公开情况检查表"
    assert "文件无法读取" in book["empty"]["B4"].value


def test_checklist_needs_output(folder):
    run = _cli(folder, "--format", "checklist")
    assert run.returncode == 2 and "-o" in run.stderr.decode()


# Words that may stay in a Chinese message: the command, option names and choices, file types, paths, status.
ALLOWED = {"python", "checks", "json", "csv", "xlsx", "checklist", "help", "format", "output", "file", "jobs",
           "progress", "library", "path", "txt", "docx", "pdf", "budgetscope", "data", "duckdb", "error", "cpu", "bogus"}  # fmt: skip


def _english(text: str, folder: Path) -> list[str]:
    words = re.findall(r"[A-Za-z]{3,}", re.sub(re.escape(str(folder)) + r"[^\s：）]*", "", text))
    return [w for w in words if w.lower() not in ALLOWED]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--help"], "显示本帮助并退出"),
        (["{folder}", "--format", "x"], "无效的取值 'x'"),
        (["{folder}", "--jobs", "0"], "应为正整数"),
        ([], "请给出至少一个文件或文件夹"),
        (["{folder}", "--bogus"], "无法识别的参数：--bogus"),
        (["{folder}", "-o"], "参数 -o/--output 需要一个值"),
        (["{folder}/nope"], "路径不存在"),
        (["{folder}", "--format", "xlsx"], "xlsx 格式需要用 -o 指定输出文件"),
        (["{folder}", "-o", "{folder}/no/r.json"], "输出目录不存在"),
        (["{folder}/sub/inner"], "没有找到可检查的文件"),
    ],
    ids=[
        "help",
        "choice",
        "jobs",
        "no-path",
        "unknown",
        "no-value",
        "missing",
        "xlsx",
        "out-dir",
        "no-files",
    ],
)
def test_usage_and_help_are_in_chinese(folder, capsys, args, needle):
    (folder / "sub" / "inner").mkdir()
    with pytest.raises(SystemExit) as stop:
        cli.main([a.format(folder=folder) for a in args])
    out, err = capsys.readouterr()
    text = out + err
    assert stop.value.code == (0 if args == ["--help"] else 2)
    assert needle in text and _english(text, folder) == [], text
    if args != ["--help"]:
        assert err.startswith("用法：python -m checks") and "python -m checks：错误：" in err
    else:  # section titles close with the full-width colon
        assert "\n位置参数：\n" in out and "\n选项：\n" in out and "参数:" not in out and "选项:" not in out


def test_run_messages_are_in_chinese(folder, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(batch, "tune_gc", lambda: None)
    monkeypatch.setenv("BUDGETSCOPE_LIBRARY", str(folder / "lib.duckdb"))
    report = folder / "r.json"
    assert cli.main([str(folder), "-o", str(report), "--jobs", "1", "--library"]) == 0
    err = capsys.readouterr().err
    assert "已写入" in err and "新增 2 份（可读 2 份）" in err
    assert _english(err, folder) == [], err
    unwritable = folder / "r2.json"
    unwritable.mkdir()  # a folder where the report should go: cannot be opened for writing
    assert cli.main([str(folder / "bad.txt"), "-o", str(unwritable)]) == 1
    err = capsys.readouterr().err
    assert f"无法写入 {unwritable}：" in err
