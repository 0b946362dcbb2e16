"""Arithmetic rules (ARI) on the real seeds: the defects they contain, and silence where the figures add up."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks import Severity, load_rules, run_checks
from parsing import parse_lines
from tests.conftest import FIXTURES, mutated_seed, seed_doc

RULES = load_rules()
ARITHMETIC = [rule for code, rule in RULES.items() if code.startswith("ARI")]
D = Decimal


def _findings(doc, codes=None):
    found = run_checks(doc, ARITHMETIC if codes is None else [RULES[c] for c in codes])
    assert [f.message for f in found if f.code == "CHK000"] == []
    return found


def test_001_blank_totals_of_the_general_expense_table_are_one_root_cause():
    # 一般公共预算财政拨款支出表: 合计 blank for 201, 20103, 2010301, 2010302, 2010308 (lines 917–945) while
    # 基本支出 75.11 and 项目支出 100 are filled; 201 should be 75.11 + 100 = 175.11.
    found = [f for f in _findings(seed_doc("001")) if f.code == "ARI001"]
    assert [(f.line, f.column, f.expected, f.actual) for f in found] == [(917, "合计", D("175.11"), None)]
    assert "共5行" in found[0].message and "2010308" in found[0].message
    # 合计 181.17 vs Σ类 (blank 201 + 6.06) is derived from the blanks: named, not reported on its own.
    assert "不再单独报告" in found[0].message
    assert not [f for f in _findings(seed_doc("001")) if f.line in (910, 911)]


def test_001_bonus_row_is_reported_once_as_the_root_cause():
    # 基本支出表 30103 奖金: 合计 14.97 (line 1025) vs 人员经费 14.96 + 公用经费 blank; the same 0.01 makes
    # 301 工资福利支出 77.86 differ from its 款 (77.87): derived, so no ARI003 on line 1004.
    found = [(f.code, f.severity, f.line, f.expected, f.actual) for f in _findings(seed_doc("001"))]
    assert found == [
        ("ARI001", Severity.ERROR, 917, D("175.11"), None),
        ("ARI002", Severity.ERROR, 1025, D("14.96"), D("14.97")),
    ]


def test_003_rounding_level_differences_are_info_with_the_assumption():
    found = _findings(seed_doc("003"))
    assert {f.severity for f in found} == {Severity.INFO}
    by_place = {(f.code, f.line): (f.expected, f.actual) for f in found}
    # 支出总表 合计 937.79 vs 706.36 + 231.44 = 937.80, and vs Σ类 732.61 + 146.09 + 17.19 + 41.89 = 937.78.
    assert by_place[("ARI002", 546)] == (D("937.80"), D("937.79"))
    assert by_place[("ARI003", 546)] == (D("937.78"), D("937.79"))
    # 基本支出表 301 = 544.88 vs its nine 款 = 544.86 (tolerance 0.05).
    assert by_place[("ARI003", 1256)] == (D("544.86"), D("544.88"))
    # 收支总表 本年支出合计 937.79 vs Σ类 937.78.
    assert by_place[("ARI004", 212)] == (D("937.78"), D("937.79"))
    first = next(f for f in found if (f.code, f.line) == ("ARI002", 546))
    assert "按2个加数各自四舍五入到0.01计，容差0.01" in first.message
    assert sorted(by_place) == [
        ("ARI002", 546), ("ARI002", 1105), ("ARI002", 1249),
        ("ARI003", 272), ("ARI003", 300), ("ARI003", 546), ("ARI003", 547), ("ARI003", 566), ("ARI003", 567),
        ("ARI003", 1105), ("ARI003", 1106), ("ARI003", 1119), ("ARI003", 1120), ("ARI003", 1249), ("ARI003", 1256),
        ("ARI004", 212), ("ARI004", 1025),
    ]  # fmt: skip


def test_003_columns_with_the_same_gap_are_one_finding():
    found = next(f for f in _findings(seed_doc("003")) if (f.code, f.line) == ("ARI003", 272))
    assert found.column == "合计、小计、财政拨款收入"


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_seeds_that_add_up_have_no_arithmetic_finding(prefix):
    # 000 and 002 (both parts of 002) add up everywhere; checked by hand on 收支总表, 收入/支出总表, 基本支出表.
    assert _findings(seed_doc(prefix)) == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_no_balance_split_or_three_public_finding_on_the_seeds(prefix):
    # 收入总计 = 支出总计 everywhere; 人员经费 = 301 + 303 (003: 544.88 + 100.11 = 644.99); 三公 20.84 = 4.86 + 15.98.
    # Every project's 财政资金 + 其他资金 = 预算数; 001/003 资产总额 680.28 = 680.28, 340.69 = 15.00 + 325.69.
    assert _findings(seed_doc(prefix), ["ARI005", "ARI006", "ARI007", "ARI008", "ARI009"]) == []


@pytest.mark.parametrize(
    ("prefix", "edits", "expected"),
    [
        # 支出总表 2010302 基本支出 4.50 -> 5.40: the wrong cell, not its row 合计 nor the parent 款.
        ("000", {460: "5.40"}, [("ARI002", 460, D("4.50"), D("5.40"))]),
        # 支出总表 2010302 合计 85.78 -> 58.78: reported on the 合计 cell; 20103 is derived.
        ("000", {459: "58.78"}, [("ARI002", 459, D("85.78"), D("58.78"))]),
        # 收入总表 201 retyped in all three columns: the row, once, on its first cell.
        ("003", {286: "723.61", 287: "723.61", 288: "723.61"}, [("ARI003", 286, D("732.61"), D("723.61"))]),
        # 财政拨款收支总表 一般公共服务支出 一般公共预算 732.61 -> 723.61.
        ("003", {747: "723.61"}, [("ARI002", 747, D("732.61"), D("723.61"))]),
        # “三公”表 接待费 15.98 -> 15.89 (合计 column).
        ("003", {1551: "15.89"}, [("ARI002", 1551, D("15.98"), D("15.89"))]),
        # 收支总表 一、一般公共服务支出 420.78 -> 402.78: 本年支出合计 no longer adds up; 支出总表 (201 = 420.78)
        # tells the mistyped 类 from a mistyped 合计.
        ("000", {26: "402.78"}, [("ARI004", 26, D("420.78"), D("402.78"))]),
        # 收支总表 支出总计 492.28 -> 429.28.
        ("000", {224: "429.28"}, [("ARI005", 224, D("492.28"), D("429.28"))]),
        # 002 project 4: 财政资金 372.00 -> 327.00 under 预算数 372.00 (line 2317), 其他资金 blank. The 27 预算数
        # still add up to 项目支出 2644.62, so the 财政资金 cell is blamed.
        ("002", {2319: "327.00"}, [("ARI008", 2319, D("372.00"), D("327.00"))]),
        # 002 project 17: 预算数 4.00 -> 4.06, a gap within the rounding of 27 budgets: not a tie, 预算数 blamed.
        ("002", {4091: "4.06"}, [("ARI008", 4091, D("4.00"), D("4.06"))]),
        # 001 project 3: 财政资金 6 -> 0; the 预算数 tie to 项目支出 100.00 (the unreadable "2..5" read as 2.5).
        ("001", {1735: "0"}, [("ARI008", 1735, D("6"), D("0"))]),
        # 002 project 4: 预算数 372.00 -> 327.00: Σ 预算数 no longer equals 项目支出 (XTB007), so 预算数 is blamed.
        ("002", {2317: "327.00"}, [("ARI008", 2317, D("372.00"), D("327.00"))]),
        # 002 project 4: 其他资金 10.00 beside 财政资金 372.00 and 预算数 372.00.
        ("002", {2321: "10.00"}, [("ARI008", 2317, D("382.00"), D("372.00"))]),
        # 003 固定资产占用情况表: 4、其他固定资产 325.69 -> 325.96; 资产总额 340.69 (line 2312) = 15.00 + 325.69.
        ("003", {2332: "325.96"}, [("ARI009", 2312, D("340.96"), D("340.69"))]),
    ],
)
def test_a_planted_wrong_cell_is_reported_once_at_its_line(prefix, edits, expected):
    before = {(f.code, f.line) for f in _findings(seed_doc(prefix))}
    new = [(f.code, f.line, f.expected, f.actual) for f in _findings(mutated_seed(prefix, edits))
           if (f.code, f.line) not in before and f.severity != Severity.INFO]  # fmt: skip
    assert new == expected


def _procurement(items: list[list[str]]) -> list[str]:
    """The ARI010 fixture's procurement table with other item rows (15 cells each; 合计 row last)."""
    text = (FIXTURES / "ARI010_pass.txt").read_text(encoding="utf-8")
    head = text[: text.index("\t办公设备购置费\n\t18.00")]
    rows = "\n\n".join("\n".join("\t" + c for c in row) for row in items)
    return (head + rows + "\n").split("\n")


def _item(name: str, qty: str, price: str, total: str, general: str, reserve: str = "") -> list[str]:
    return [
        name,
        total,
        "台式计算机",
        "A02010104",
        "台",
        qty,
        price,
        total,
        general,
        "",
        "",
        "",
        "",
        "",
        reserve,
    ]


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # two purchases and their 合计: everything adds up; 单价 3000 元 beside 万元 amounts is read as 元
        ([_item("设备购置", "6", "3.00", "18.00", "18.00"), _item("打印机", "2", "3000", "0.60", "0.60"),
          _item("合计", "", "", "18.60", "18.60")], []),
        # the 合计 row says 19.60 in both columns: one finding per column, at the 合计 row
        ([_item("设备购置", "6", "3.00", "18.00", "18.00"), _item("打印机", "2", "3000", "0.60", "0.60"),
          _item("合计", "", "", "19.60", "19.60")], [("ARI010", "合计", "18.60", "19.60")] * 2),
        # 6 × 3.00 ≠ 19.00 whichever unit 单价 is in
        ([_item("设备购置", "6", "3.00", "19.00", "19.00")], [("ARI010", "设备购置", "19.00", "18.00")]),
        # 预留中小微企业份额 above the amount
        ([_item("设备购置", "6", "3.00", "18.00", "18.00", "20.00")], [("ARI010", "设备购置", "18.00", "20.00")]),
    ],
)  # fmt: skip
def test_procurement_table_arithmetic(items, expected):
    found = run_checks(parse_lines("procurement.txt", _procurement(items)), [RULES["ARI010"]])
    assert [(f.code, f.row, f.expected, f.actual) for f in found] == [
        (code, row, D(want), D(got)) for code, row, want, got in expected
    ]
