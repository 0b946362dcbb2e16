"""Which chart element shows a finding's place (checks/chart_links.py), on seed 003 (徐水区人民政府办公室 2024), the
办公室 2025 budget PDF and the two 2024 决算 PDFs (their findings in tests/golden).

Read by hand from the seed and its golden findings: 支出总表 row "20103 政府办公厅（室）及相关机构事务" (lines
565–568) has two ARI003 findings (合计 732.61 vs 732.62 on line 566, 基本支出 501.17 on line 567); project 3
"数字电视维护和增值业务费" has PLN001 on its 3月底 cell (line 1831) and PLN005 on 12月底 (line 1834); project 4
"网络租费项目" has PLN005 (12月底, line 1922) and PLN006 on an indicator (line 1948).
"""

from __future__ import annotations

from decimal import Decimal as D
from functools import cache

from checks import run_checks
from checks.chart_links import (
    economic_marks,
    economic_source,
    finding_charts,
    function_marks,
    function_source,
    plan_findings,
    plan_marks,
    three_marks,
    three_rows,
    three_source,
)
from tests.conftest import data_doc, seed_doc

PERIODS = ["3月底", "6月底", "10月底", "12月底"]
OFFICE = "pdf/上海市普陀区人民政府办公室25年预算.pdf"
PLAN = "pdf/final_accounts/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"
SOCIAL = "pdf/final_accounts/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"


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


# --- 经济分类 and “三公” charts (seed 003, the 办公室 2025 budget PDF, the two 2024 决算 PDFs) ---------------


@cache
def _pdf(name: str):
    doc = data_doc(name)
    return doc, run_checks(doc)


def _marks(marks: dict) -> dict:
    return {key: [(f.code, f.line) for f in found] for key, found in marks.items()}


def test_economic_marks_on_a_budget():
    doc, findings = _checked()
    # 基本支出表 301 工资福利支出 合计 ≠ Σ款 (line 1256); the 合计 row's ARI003 (line 1249) has no bar
    assert economic_source(doc) == "general_basic"
    assert _marks(economic_marks(doc, findings)) == {"301": [("ARI003", 1256)]}
    doc, findings = _pdf(OFFICE)
    # 31002 办公设备购置 printed while the 政府采购预算 is 0 (XTB010, line 1099)
    assert _marks(economic_marks(doc, findings)) == {"31002": [("XTB010", 1099)]}


def test_economic_marks_on_a_final_account():
    doc, findings = _pdf(PLAN)
    assert (economic_source(doc), function_source(doc)) == ("final_general_basic", "final_expense")
    # 302 = 440.90 vs Σ款 440.88 (line 1290); 人员经费合计 4884.09 vs 301 + 303 = 4884.10 (line 1286): both classes
    assert _marks(economic_marks(doc, findings)) == {
        "301": [("ARI006", 1286)],
        "302": [("ARI003", 1290)],
        "303": [("ARI006", 1286)],
    }
    [link] = finding_charts(doc, next(f for f in findings if f.code == "ARI006"))
    assert (link.page, link.chart, link.code, link.row) == ("composition", "economic", "301", None)
    assert link.label == "支出结构：基本支出经济分类 301 工资福利支出、303 对个人和家庭的补助"
    doc, findings = _pdf(SOCIAL)
    assert _marks(economic_marks(doc, findings)) == {"302": [("ARI003", 1115)]}
    [link] = finding_charts(doc, next(f for f in findings if f.code == "ARI003"))
    assert link.label == "支出结构：基本支出经济分类 302 商品和服务支出"


def test_three_public_marks_put_a_finding_on_its_drawn_item():
    doc, findings = _checked()
    # XTB006 on 三、公务接待费 (its cell on line 1552, the row on 1550)
    assert three_source(doc) == "three_public"
    assert [r.name for r in three_rows(doc.tables["three_public"])] == [
        "一、因公出国（境）费",
        "二、公务用车购置及运维费",
        "三、公务接待费",
    ]
    assert _marks(three_marks(doc, findings)) == {1550: [("XTB006", 1552)]}
    [link] = finding_charts(doc, next(f for f in findings if f.code == "XTB006"))
    assert (link.chart, link.row, link.code) == ("three", 1550, None)
    assert link.label == "支出结构：“三公”经费 三、公务接待费"
    doc, findings = _pdf(OFFICE)
    assert _marks(three_marks(doc, findings)) == {1138: [("XTB006", 1138)]}
    # an item's finding goes to its class; the 合计 / 小计 rows have no bar
    table = doc.tables["three_public"]
    car = next(r for r in table.rows if "公务用车购置费" in r.name)
    cls = next(r for r in table.rows if r.name.startswith("二、"))
    total = next(r for r in table.rows if r.kind == "total")
    ari003 = next(f for f in findings if f.code == "XTB006").model_copy(update={"code": "ARI003"})
    on = [ari003.model_copy(update={"line": r.line}) for r in (car, total)]
    assert _marks(three_marks(doc, on)) == {cls.line: [("ARI003", car.line)]}


def test_a_final_account_three_public_table_is_drawn_by_its_classes():
    doc, findings = _pdf(PLAN)
    assert three_source(doc) == "final_three_public"
    assert [(r.name, r.values["final"].value) for r in three_rows(doc.tables["final_three_public"])] == [
        ("一、因公出国（境）费", D("0.00")),
        ("二、公务用车购置及运维费", D("0.00")),
        ("三、公务接待费", D("0.39")),
    ]
    assert three_marks(doc, findings) == {}  # no finding on the 决算's “三公” table
