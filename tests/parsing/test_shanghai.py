"""Shanghai layout on the two real PDFs: identity, the nine tables, sections, layout and 编制说明 items."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from checks.support.lookup import find_row, total_row
from parsing.explanations import subject_names
from parsing.layouts import LAYOUTS, detect_layout, layout_for
from tests.conftest import data_doc
from tests.parsing.test_pdf import COMMERCE, OFFICE

NINE = {
    "summary",
    "income",
    "expense",
    "fiscal_summary",
    "general_expense",
    "fund_expense",
    "capital_expense",
    "general_basic",
    "three_public",
}


@pytest.mark.parametrize(
    ("name", "department", "total", "basic", "three_public"),
    [
        (OFFICE, "上海市普陀区人民政府办公室", D("91016775.35"), D("24606775.35"), D("8675000")),
        (COMMERCE, "上海市普陀区商务委员会", D("371514655.00"), D("19830655.00"), D("10000")),
    ],
)
def test_identity_tables_and_totals(name, department, total, basic, three_public):
    doc = data_doc(name)
    assert (doc.budget_year, doc.unit, doc.layout) == (2025, "元", "shanghai")
    assert (doc.department_name, doc.department_code) == (department, None)  # captions print no code
    assert set(doc.tables) == NINE
    summary = doc.tables["summary"]
    assert find_row(summary, "收入总计", side="income").values["amount"].value == total
    assert find_row(summary, "支出总计", side="expense").values["amount"].value == total
    assert total_row(doc.tables["expense"]).values["total"].value == total
    assert total_row(doc.tables["general_basic"]).values["total"].value == basic
    # 三公 is printed in 万元 (867.50 / 1.00) and converted to 元; the raw text stays as printed
    head = total_row(doc.tables["three_public"]).values["total"]
    assert (head.value, head.unit) == (three_public, "万元")
    for key in ("fund_expense", "capital_expense"):
        assert "故本表为空表" in doc.tables[key].empty_note and doc.tables[key].is_empty


@pytest.mark.parametrize("name", [OFFICE, COMMERCE])
def test_sections_in_shanghai_order(name):
    doc = data_doc(name)
    assert [(s.key, s.number) for s in doc.sections] == [
        ("duties", None),
        ("glossary", None),
        ("overview", None),
        ("three_public", "一"),
        ("running_cost", "二"),
        ("procurement", "三"),
        ("performance", "四"),
        ("assets", "五"),
    ]
    assert doc.section("overview").title == "2025年部门预算编制说明"


def _items(name: str) -> list[tuple]:
    return [(i.line, i.code, i.amount.raw, i.amount.unit) for i in data_doc(name).budget_items]


def test_office_items_dash_form():
    items = data_doc(OFFICE).budget_items
    assert len(items) == 12
    assert _items(OFFICE)[:4] == [
        (
            56,
            "2010301",
            "1,202.95万元",
            "万元",
        ),  # “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目
        (57, "2010302", "4,614万元", "万元"),  # written without decimals
        (58, "2010350", "380.73万元", "万元"),
        (59, "2010399", "2,012万元", "万元"),
    ]
    first = items[0]
    assert first.names == ["一般公共服务支出", "政府办公厅(室)及相关机构事务", "行政运行"]
    assert (first.amount.value, first.amount.decimals, first.use) == (D("1202.95"), 2, "行政单位的基本支出")
    assert (items[-1].code, items[-1].amount.value) == ("2210203", D("186.77"))
    # no item of this document states a change against last year
    assert all(i.stated_change is None and i.last_year is None and i.compared_year is None for i in items)


def test_commerce_items_class_section_item_form():
    items = data_doc(COMMERCE).budget_items
    assert len(items) == 16
    picked = {i.line: (i.code, i.amount.value) for i in items}
    # lines 70–83: one line earlier since issue 13, the 支出预算 paragraph the right margin wrapped on page 7
    # ("…比2024年预算执行数持平；" + "国有资本经营预算拨款支出预算0万元…", lines 67–68) is one paragraph again
    assert picked[70] == ("2011301", D("938.99"))  # 一般公共服务支出（类）商贸事务（款）行政运行（项）
    assert picked[80] == ("2101101", D("63.19"))  # "（款)" with mixed brackets
    assert picked[82] == ("2150899", D("29381.00"))
    assert picked[83] == ("2169999", D("3136.40"))  # no thousands separator
    assert all(i.code for i in items)


@pytest.mark.parametrize(
    ("subject", "names"),
    [
        ("一般公共服务支出（类）商贸事务（款）行政运行（项）", ["一般公共服务支出", "商贸事务", "行政运行"]),
        ("住房保障支出-住房改革支出-购房补贴", ["住房保障支出", "住房改革支出", "购房补贴"]),
        (
            "住房保障支出（类)住房改革支出（款)住房公积金（项）",
            ["住房保障支出", "住房改革支出", "住房公积金"],
        ),
    ],
)
def test_subject_names(subject, names):
    assert subject_names(subject) == names


def test_layout_registry():
    assert [layout.key for layout in LAYOUTS] == ["hebei", "shanghai"]
    captions = [
        "2025年部门收入预算总表",
        "编制部门：上海市普陀区商务委员会 单位：元",
        "编制部门：同上 单位：元",
    ]
    assert detect_layout(captions) == "generic"  # one signal, however often, is not enough
    assert detect_layout(["预算主管部门：上海市普陀区商务委员会", *captions]) == "shanghai"
    assert (
        detect_layout(["部门预算收支总表", "\t223沧州经济开发区群众工作中心", "\t预算年度：2024"]) == "hebei"
    )
    assert ("other",) in layout_for("hebei").required_sections
    assert ("other",) not in layout_for("shanghai").required_sections
    assert not layout_for("shanghai").prints_code and layout_for("hebei").prints_code


def test_hebei_seed_keeps_default_layout():
    from tests.conftest import seed_doc

    assert {seed_doc(p).layout for p in ("000", "001", "002", "003")} == {"hebei"}
    assert seed_doc("000").budget_items == []
