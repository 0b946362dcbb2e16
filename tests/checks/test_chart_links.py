"""Which chart element shows a finding's place (checks/chart_links.py), on seed 003 (徐水区人民政府办公室 2024).

Read by hand from the seed and its golden findings: 支出总表 row "20103 政府办公厅（室）及相关机构事务" (lines
565–568) has two ARI003 findings (合计 732.61 vs 732.62 on line 566, 基本支出 501.17 on line 567); project 3
"数字电视维护和增值业务费" has PLN001 on its 3月底 cell (line 1831) and PLN005 on 12月底 (line 1834); project 4
"网络租费项目" has PLN005 (12月底, line 1922) and PLN006 on an indicator (line 1948).
"""

from __future__ import annotations

from functools import cache

from checks import run_checks
from checks.chart_links import finding_charts, function_marks, function_source, plan_findings, plan_marks
from tests.conftest import seed_doc

PERIODS = ["3月底", "6月底", "10月底", "12月底"]


@cache
def _checked():
    doc = seed_doc("003")
    return doc, run_checks(doc)


def _finding(code: str, line: int):
    _, findings = _checked()
    return next(f for f in findings if f.code == code and f.line == line)


def test_function_chart_marks_the_row_of_an_arithmetic_finding():
    doc, findings = _checked()
    assert function_source(doc) == "expense"
    marks = function_marks(doc, findings)
    assert list(marks) == ["20103"]
    assert [(f.code, f.line, f.column) for f in marks["20103"]] == [
        ("ARI003", 566, "合计"),
        ("ARI003", 567, "基本支出"),
    ]
    # the total row's findings (ARI002/ARI003 on line 546) have no 科目 code: no element of the chart
    assert not any(f.line == 546 for found in marks.values() for f in found)


def test_plan_marks_put_each_finding_on_its_period():
    doc, findings = _checked()
    three, four = doc.projects[2], doc.projects[3]
    assert (three.index, three.name, four.name) == (3, "数字电视维护和增值业务费", "网络租费项目")
    assert [(label, f.code, f.line) for label, f in plan_marks(three, findings, PERIODS)] == [
        ("3月底", "PLN001", 1831),
        ("12月底", "PLN005", 1834),
    ]
    # PLN006 sits on an indicator: drawn on the last period of the curve
    assert [(label, f.code) for label, f in plan_marks(four, findings, PERIODS)] == [
        ("12月底", "PLN005"),
        ("12月底", "PLN006"),
    ]
    assert [(label, f.code) for label, f in plan_marks(four, findings, ["3月底", "6月底"])][-1] == (
        "6月底",
        "PLN006",
    )
    assert plan_marks(four, findings, []) == []
    assert all(f.family == "disbursement" for f in plan_findings(four, findings))


def test_findings_page_links():
    doc, _ = _checked()
    [link] = finding_charts(doc, _finding("ARI003", 566))
    assert (link.page, link.part, link.part_index, link.code, link.project) == (
        "composition",
        None,
        0,
        "20103",
        None,
    )
    assert link.label == "支出结构：功能分类 20103 政府办公厅（室）及相关机构事务"
    [link] = finding_charts(doc, _finding("PLN005", 1834))
    assert (link.page, link.project, link.code) == ("projects", 3, None)
    assert link.label == "项目与支出计划：3. 数字电视维护和增值业务费（资金支出计划）"
    # a finding on the 收支总表 (ARI004) or on the total row: no chart shows its place
    _, findings = _checked()
    ari004 = next(f for f in findings if f.code == "ARI004")
    assert finding_charts(doc, ari004) == []
    assert finding_charts(doc, _finding("ARI002", 546)) == []
