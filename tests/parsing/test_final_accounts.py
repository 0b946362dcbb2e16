"""决算 tables read by meaning from the two district 决算 PDFs and the national template (values from the PDFs)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from checks.support.lookup import find_row, total_row
from parsing import BudgetDocument, parse, parse_lines
from parsing.quality import table_doubts
from tests.conftest import data_doc
from tests.support.text_tables import table_lines

PLAN = "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"
SOCIAL = "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
TEMPLATE = "附件2：部门决算模板.pdf"
NINE = {
    "final_summary",
    "final_income",
    "final_expense",
    "final_fiscal_summary",
    "final_general_expense",
    "final_general_basic",
    "final_three_public",
    "final_fund",
    "final_capital",
}


def _value(doc: BudgetDocument, table: str, column: str, *words: str, side: str | None = None) -> D | None:
    row = find_row(doc.table(table), *words, side=side)
    amount = row.values.get(column) if row else None
    return amount.value if amount else None


@pytest.mark.parametrize("name", [PLAN, SOCIAL, TEMPLATE])
def test_every_final_table_is_read_and_none_is_unknown(name):
    doc = data_doc(name)
    assert set(doc.tables) == NINE
    assert [p for p in doc.problems if p.kind == "unknown-table"] == []


def test_summary_reads_carry_over_and_both_totals():
    doc = data_doc(PLAN)
    got = [
        _value(doc, "final_summary", "amount", "本年收入合计", side="income"),
        _value(doc, "final_summary", "amount", "年初结转和结余", side="income"),
        _value(doc, "final_summary", "amount", "总计", side="income"),
        _value(doc, "final_summary", "amount", "本年支出合计", side="expense"),
        _value(doc, "final_summary", "amount", "年末结转和结余", side="expense"),
        _value(doc, "final_summary", "amount", "城乡社区支出", side="expense"),
    ]
    assert got == [D("9746.50"), D("112.88"), D("9859.38"), D("9759.38"), D("100.00"), D("3845.25")]
    row = find_row(doc.table("final_summary"), "城乡社区支出", side="expense")
    assert row is not None and row.code == "212"


def test_income_expense_and_general_tables_by_column():
    doc = data_doc(PLAN)
    income, expense = total_row(doc.table("final_income")), total_row(doc.table("final_expense"))
    general = total_row(doc.table("final_general_expense"))
    assert (income.values["total"].value, income.values["fiscal"].value) == (D("9746.50"), D("9746.50"))
    assert [expense.values[k].value for k in ("total", "basic", "project")] == [
        D("9759.38"),
        D("5377.64"),
        D("4381.74"),
    ]
    assert [general.values[k].value for k in ("total", "basic", "project")] == [
        D("9746.50"),
        D("5364.75"),
        D("4381.74"),
    ]
    fiscal = find_row(doc.table("final_fiscal_summary"), "卫生健康支出", side="expense")
    assert (fiscal.values["total"].value, fiscal.values["general"].value) == (D("236.63"), D("236.63"))


def test_basic_table_printed_side_by_side_is_unfolded():
    table = data_doc(PLAN).table("final_general_basic")
    codes = {r.code: r.values["amount"].value for r in table.rows if r.code}
    assert (codes["301"], codes["302"], codes["30217"], codes["310"]) == (
        D("4816.14"),
        D("440.90"),
        D("0.39"),
        D("39.76"),
    )
    subtotals = [(r.name, r.values["amount"].value) for r in table.rows if r.kind == "subtotal"]
    assert subtotals == [("人员经费合计", D("4884.09")), ("公用经费合计", D("480.66"))]


def test_three_public_reads_budget_and_final_pairs():
    rows = [
        (r.name, r.values["budget"].value, r.values["final"].value)
        for r in data_doc(PLAN).table("final_three_public").rows
    ]
    assert rows[0] == ("合计", D("2.85"), D("0.39"))
    assert rows[-1] == ("三、公务接待费", D("2.85"), D("0.39"))
    assert len(rows) == 6


def test_empty_final_tables_keep_their_own_note():
    doc = data_doc(SOCIAL)
    assert doc.table("final_three_public").empty_note.endswith("故本表无数据。")
    assert "没有政府性基金" in data_doc(PLAN).table("final_fund").empty_note


def test_template_blank_rows_are_rows_not_header():
    summary = data_doc(TEMPLATE).table("final_summary")
    names = [r.name for r in summary.side("income")]
    assert names[:2] == ["一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入"]
    assert "本年收入合计" in names and summary.is_empty


def test_a_budget_title_never_becomes_a_final_table():
    doc = parse_lines(
        "b.txt",
        ["部门预算收支总表", "\t项目", "\t预算数", "", "\t一、一般公共预算拨款收入", "\t10.00", ""],
    )
    assert set(doc.tables) == {"summary"}


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        # lines after paragraph reflow (a line wrapped at the right margin joins the next)
        (PLAN, {"final_duties": 31, "final_overall": 1576, "final_three_public": 1610, "final_performance": 1626, "final_other": 1628, "final_glossary": 1636}),
        (SOCIAL, {"final_duties": 30, "final_overall": 1391, "final_three_public": 1424, "final_performance": 1430, "final_other": 1432, "final_glossary": 1441}),
    ],
)  # fmt: skip
def test_final_sections_after_a_contents_list_without_page_numbers(name, lines):
    """The 目录 (wrapped entries "表", "情况说明", no page numbers) ends where its first entry comes again;
    "十一、机关运行经费：指…" in 名词解释 is a definition, not a section."""
    found = {s.key: s.line for s in data_doc(name).sections}
    assert {k: found.get(k) for k in lines} == lines
    assert all(line > 29 for line in found.values())  # no 目录 entry opens a part


def pairs_text(wages: str) -> list[str]:
    """A 基本支出决算表 in a text/.docx disclosure, printed as side-by-side pairs (as the 社会工作部 PDF prints it)."""
    cells = [
        ["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"],
        ["301", "工资福利支出", "95.36", "302", "商品和服务支出", "10.23"],
        ["30101", "基本工资", "14.12", "30201", "办公费", "3.78"],
        ["30102", "津贴补贴", wages, "30211", "差旅费", "6.45"],
        ["303", "对个人和家庭的补助", "0.00", "310", "资本性支出", "0.00"],
        ["", "", "", "31002", "办公设备购置", "0.00"],
        ["人员经费合计", "", "95.36", "公用经费合计", "", "10.23"],
    ]
    table = table_lines(cells)
    return ["上海市某某局", "2024 年度部门决算", "一般公共预算财政拨款基本支出决算表", "单位：万元", *table]


def test_basic_table_printed_as_pairs_in_text_is_unfolded_once():
    table = parse_lines("pairs.txt", pairs_text("81.24")).table("final_general_basic")
    assert [c.key for c in table.columns] == ["code", "name", "amount"]
    read = [(r.code or r.name, r.values["amount"].value) for r in table.rows]
    assert read == [  # the 人员经费 block (its 合计 included), then the 公用经费 block
        ("301", D("95.36")),
        ("30101", D("14.12")),
        ("30102", D("81.24")),
        ("303", D("0.00")),
        ("人员经费合计", D("95.36")),
        ("302", D("10.23")),
        ("30201", D("3.78")),
        ("30211", D("6.45")),
        ("310", D("0.00")),
        ("31002", D("0.00")),
        ("公用经费合计", D("10.23")),
    ]
    assert table_doubts(table) == []


def test_final_parts_have_their_own_section_keys():
    keys = [(s.key, s.line) for s in data_doc(PLAN).sections]
    assert keys == [
        ("final_duties", 31),  # 一、主要职能
        ("final_units", 46),  # 二、部门决算单位构成
        ("final_tables", 73),  # "上海市规划和自然资源局 2024 年度部门决算表" above the tables
        ("final_overall", 1576),
        ("final_income", 1578),
        ("final_expense", 1580),
        ("final_fiscal", 1582),
        ("final_general", 1584),
        ("final_basic", 1608),
        ("final_three_public", 1610),
        ("final_fund", 1623),
        ("final_capital", 1625),  # heading and its sentence on one line
        ("final_performance", 1626),
        ("final_other", 1628),
        ("final_running_cost", 1629),  # （一）机关运行经费支出情况
        ("final_procurement", 1631),
        ("final_assets", 1634),
        ("final_glossary", 1636),  # 第四部分 名词解释
    ]
    capital = data_doc(PLAN).section("final_capital")
    assert capital.title == "国有资本经营预算财政拨款收入支出决算情况说明"
    assert capital.paragraphs[0].text.startswith("上海市普陀区规划与自然资源局 2024 年度无国有资本经营")
    for name in (SOCIAL, TEMPLATE):  # the same parts, in the template's order
        assert [s.key for s in data_doc(name).sections] == [k for k, _ in keys], name
    # the template's 单位构成 heading runs on into its instruction ("（仅有一个单位的部门，本部分内容为“机构设置”）…")
    assert data_doc(TEMPLATE).section("final_units").paragraphs[0].text.startswith("（仅有一个单位的部门")


def test_final_parts_in_other_wordings_and_no_budget_section():
    lines = [
        "上海市某某局",
        "2024 年度部门决算",
        "收入支出决算总表",
        "单位：万元",
        *["\t项目", "\t决算数", "", "\t本年收入合计", "\t1.00", ""],
        "一、部门职责",
        "负责本区某某工作。",
        "二、机构设置",
        "本部门只有一个单位。",
        "三、“三公”经费支出决算情况说明",
        "本局 2024 年度无“三公”经费财政拨款支出。",
        "四、其他需要说明的事项",
        "（一）机关运行经费情况",
        "机关运行经费支出 1.00 万元。",
        "（二）政府采购情况",
        "本局 2024 年度无政府采购。",
        "（三）国有资产占用情况",
        "截至 2024 年 12 月 31 日，共有车辆 0 辆。",
        "（四）其他",
        "无。",
        "五、名词解释",
        "一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。",
    ]
    doc = parse_lines("x.txt", lines)
    assert doc.kind == "final_accounts"
    assert [s.key for s in doc.sections] == [
        "final_duties",
        "final_units",
        "final_three_public",
        "final_other",
        "final_running_cost",
        "final_procurement",
        "final_assets",
        "final_glossary",
    ]
    # the same headings in a budget open the budget's sections
    budget = parse_lines("y.txt", [t.replace("决算", "预算") for t in lines])
    assert budget.kind == "budget" and "final_duties" not in {s.key for s in budget.sections}


def test_basic_table_printed_as_pairs_in_docx_is_unfolded_once():
    from tests.support.docx_build import docx_from_lines

    table = parse("pairs.docx", docx_from_lines(pairs_text("81.24"))).table("final_general_basic")
    assert [(r.code or r.name, r.values["amount"].value) for r in table.rows][4:7] == [
        ("人员经费合计", D("95.36")),  # the 人员经费 block ends with its own 合计, then the 公用经费 block
        ("302", D("10.23")),
        ("30201", D("3.78")),
    ]
    assert len(table.rows) == 11 and table_doubts(table) == []
