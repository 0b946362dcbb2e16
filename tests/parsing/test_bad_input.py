"""Bad input gives a clear ParseError or a partial document with problems; never a traceback."""

from __future__ import annotations

import contextlib
import subprocess
import sys

import pytest

from parsing import ParseError, parse, parse_lines
from tests.conftest import ROOT, seed_path
from tests.support.docx_build import docx_from_lines


def test_non_disclosure_text_is_refused_clearly():
    with pytest.raises(ParseError) as info:
        parse("novel.txt", "从前有座山，山里有座庙。\n庙里有个老和尚。\n".encode())
    assert "novel.txt" in str(info.value) and "未识别出部门预算公开内容" in str(info.value)


def test_truncated_disclosure_gives_a_partial_document():
    lines = seed_path("003").read_text(encoding="utf-8").split("\n")
    cut = lines[:1100]  # stops inside the 一般公共预算财政拨款支出表
    doc = parse_lines("cut.txt", cut)
    assert doc.department_code == "434"
    assert set(doc.tables) == {"summary", "income", "expense", "fiscal_summary", "general_expense"}
    assert doc.projects == []


@pytest.mark.parametrize("cut", [5, 40, 233, 1650, 1700])
def test_cut_anywhere_never_raises_unexpectedly(cut):
    lines = seed_path("003").read_text(encoding="utf-8").split("\n")[:cut]
    with contextlib.suppress(ParseError):
        parse_lines("cut.txt", lines)


def test_cli_unreadable_file_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = subprocess.run(
        [sys.executable, "-m", "parsing", str(bad), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "photo.txt" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_prints_documented_json():
    import json

    result = subprocess.run(
        [sys.executable, "-m", "parsing", str(seed_path("002")), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["department_code"], data["budget_year"], data["unit"]) == ("313", 2024, "万元")
    project = data["projects"][3]
    assert (project["budget"], project["plan"]["12月底"], project["line"]) == ("372.00", "572.00", 2298)
    assert {"level1", "level2", "level3", "description", "value", "basis", "line"} <= set(
        project["indicators"][0]
    )
    assert all("line" in row for row in data["tables"]["expense"])
    assert data["sections"][0] == {
        "key": "duties",
        "number": "一",
        "title": "部门职责及机构设置情况",
        "line": 1884,
        "text_length": data["sections"][0]["text_length"],
    }
    assert data["units"][0]["department_code"] == "313001"


def _figures(doc):
    tables = {
        k: [(r.side, r.code, r.name, {c: v.raw.strip() for c, v in r.values.items()}) for r in t.rows]
        for k, t in doc.tables.items()
    }
    projects = [
        (
            p.name,
            p.code,
            p.budget.value,
            [x.amount.raw.strip() for x in p.plan],
            [(i.level1, i.level2, i.level3, i.value) for i in p.indicators],
        )
        for p in doc.projects
    ]
    return (
        doc.department_code,
        doc.department_name,
        doc.budget_year,
        tables,
        projects,
        [s.key for s in doc.sections],
        len(doc.units),
    )


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_docx_parse_equals_text_parse(prefix):
    path = seed_path(prefix)
    lines = path.read_text(encoding="utf-8").split("\n")
    text_doc = parse_lines(path.name, lines)
    docx_doc = parse(path.stem + ".docx", docx_from_lines(lines))
    assert _figures(docx_doc) == _figures(text_doc)


def test_indicator_header_without_a_value_column_is_a_problem_not_a_crash():
    # 003 project 1: header "指标值" (line 1669) retyped, and a row given one cell more than the header.
    lines = seed_path("003").read_text(encoding="utf-8").split("\n")
    assert lines[1668] == "\t指标值" and lines[1675] == "\t13名"
    lines[1668] = "\t目标"
    lines.insert(1676, "\t多出的单元格")
    doc = parse_lines("no_value_column.txt", lines)
    project = doc.projects[0]
    assert project.indicators and all(i.value == "" for i in project.indicators)
    assert any("没有“指标值”列" in p.message and p.line == 1665 for p in doc.problems)


def test_a_table_that_is_not_one_of_the_nine_is_reported_not_dropped():
    lines = seed_path("003").read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.endswith("一、部门职责及机构设置情况"))
    extra = ["部门预算项目支出预算表", "\t项目名称", "\t合计", "", "\t政务服务相关经费", "\t57.25", ""]
    doc = parse_lines("extra_table.txt", lines[:at] + extra + lines[at:])
    (problem,) = [p for p in doc.problems if p.kind == "unknown-table"]
    assert problem.line == at + 1 and "部门预算项目支出预算表" in problem.message and "2行" in problem.message
    assert len(doc.tables) == 9 and len(doc.projects) == 7
