"""Cross-table rules (XTB) on the real seeds: the defects they contain, and silence where the tables agree."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks import Severity, load_rules, run_checks
from checks.support.lookup import total_row
from parsing import parse_lines
from tests.conftest import FIXTURES, mutated_seed, seed_doc

RULES = load_rules()
CROSS = [rule for code, rule in RULES.items() if code.startswith("XTB")]
SUSPICIONS = ("XTB010", "XTB011")  # purchases and cars against the procurement and assets statements
D = Decimal


def _findings(doc, codes=None):
    found = run_checks(doc, CROSS if codes is None else [RULES[c] for c in codes])
    assert [f.message for f in found if f.code == "CHK000"] == []
    return found


def test_001_blank_general_expense_rows_differ_from_the_expense_table():
    # 001 has only 一般公共预算 money, so 支出总表 and 一般公共预算支出表 must agree row by row; 201 is 175.11 in
    # 支出总表 (line 442) but blank in the 一般公共预算支出表 (line 917), and so are the four rows below it.
    found = _findings(seed_doc("001"))
    assert [(f.code, f.line, f.expected, f.actual) for f in found] == [("XTB003", 917, D("175.11"), None)]
    assert "支出总表第442行" in found[0].hint and "其下4行" in found[0].message


def test_003_reception_without_a_basic_line_is_project_funded_info():
    # “三公”表 三、公务接待费 15.98 (line 1552, 一般公共预算 column); 基本支出表 has no 30217.
    found = _findings(seed_doc("003"))
    assert [(f.code, f.severity, f.line, f.expected, f.actual) for f in found] == [
        ("XTB006", Severity.INFO, 1552, D("0"), D("15.98"))
    ]


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_seeds_whose_tables_agree_have_no_cross_table_finding(prefix):
    assert [f for f in _findings(seed_doc(prefix)) if f.code not in SUSPICIONS] == []


@pytest.mark.parametrize(
    ("prefix", "line", "project", "budget"),
    [("000", 1179, "办公设备购置费", "18.00"), ("002", 4608, "设备购置费", "29.00")],
)
def test_equipment_project_beside_an_empty_procurement_table_is_a_suspicion(prefix, line, project, budget):
    # 000: "注：无政府采购预算，空表列示" and "本年度拟购置固定资产总额为0.00万元" (~2201–2204), yet project 1 buys
    # office equipment for 18.00; 002 (both parts) buys equipment for 29.00 with the same empty table.
    found = _findings(seed_doc(prefix), SUSPICIONS)
    assert [(f.code, f.severity, f.line, f.project, f.expected, f.actual) for f in found] == [
        ("XTB010", Severity.WARNING, line, project, D(0), D(budget))
    ]
    assert "政府采购预算合计为0.00万元" in found[0].message and "疑似" in found[0].message


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_no_purchase_or_car_suspicion_where_none_is_due(prefix):
    # 001: no 购置 project, 31002 办公设备购置 blank; 003: 运行维护费 4.86 with 1 车辆 on the assets table.
    assert _findings(seed_doc(prefix), SUSPICIONS) == []


def test_car_count_stated_in_the_assets_text():
    # Layouts without an assets table (Shanghai) state "共有车辆N辆" in the 国有资产 section instead.
    fixture = (FIXTURES / "XTB011_fail.txt").read_text(encoding="utf-8")
    text, _, _ = fixture.partition("上年末固定资产")
    for cars, expected in (("0", ["XTB011"]), ("2", [])):
        lines = (text + f"截至2023年12月31日，某某单位共有车辆{cars}辆，其中：其他用车{cars}辆。").split("\n")
        doc = parse_lines("cars.txt", lines)
        assert doc.assets is None and doc.section("assets")
        assert [f.code for f in _findings(doc, SUSPICIONS)] == expected


def test_car_upkeep_with_no_car_in_the_assets_table_or_text():
    # 003: “三公”表 公务用车运行维护费 4.86 (line 1543); the assets table holds 1 车辆 (line 2323). Blank it.
    found = _findings(mutated_seed("003", {2323: "", 2324: ""}), SUSPICIONS)
    assert [(f.code, f.line, f.actual) for f in found] == [("XTB011", 1543, D("4.86"))]
    assert "公务用车运行维护费" in found[0].message and "（第2323行）" in found[0].message
    # the same with a bought car: its upkeep is expected
    bought = mutated_seed("003", {2323: "", 2324: "", 1537: "3.00"})
    (row,) = [r for r in bought.table("three_public").rows if "公务用车购置费" in r.name]
    assert row.values["total"].raw == "3.00"
    # ... but a car bought with no procurement budget (003's table is 空表列示) is itself a purchase suspicion
    assert [(f.code, f.row, f.actual) for f in _findings(bought, SUSPICIONS)] == [
        ("XTB010", row.name, D("3.00"))
    ]


def test_002_twenty_seven_projects_add_up_to_project_spending():
    doc = seed_doc("002")
    assert len(doc.projects) == 27
    assert sum(p.budget.value for p in doc.projects) == D("2644.62")
    assert total_row(doc.table("expense")).values["project"].value == D("2644.62")
    assert _findings(doc, ["XTB007"]) == []


def test_001_unreadable_budget_is_read_from_fiscal_funds():
    # 项目4 预算数 "2..5" with 财政资金 2.5: 0.48 + 62.55 + 6 + 2.5 + 4 + 24 + 0.47 = 100.00 = 项目支出.
    doc = seed_doc("001")
    assert doc.projects[3].budget.raw == "2..5" and doc.projects[3].fiscal.value == D("2.5")
    assert _findings(doc, ["XTB007"]) == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_headers_units_and_soft_pairs_agree_on_the_seeds(prefix):
    # 003: 2210201 41.89 = 30113, 2080505 51.04 = 30108, 2101101 17.19 = 30110; 002 本级 = department 2,654.52.
    assert _findings(seed_doc(prefix), ["XTB001", "XTB002", "XTB004", "XTB005", "XTB008", "XTB009"]) == []


def test_002_part_two_is_checked_as_its_own_part():
    doc = seed_doc("002")
    assert [u.department_code for u in doc.units] == ["313001"]
    edited = mutated_seed("002", {5545: "2645.52"})  # 本级 收支总表 一般公共预算拨款收入 2654.52 -> 2645.52
    found = [(f.code, f.line, f.part) for f in _findings(edited) if f.code not in SUSPICIONS]
    assert found == [("XTB002", 5545, "313001 中共河北沧州经济开发区工委组织人事部本级")]


@pytest.mark.parametrize(
    ("prefix", "edits", "expected"),
    [
        # 收支总表 一、一般公共服务支出 420.78 -> 402.78: the odd one out of 收支/收入/支出/财政拨款收支总表.
        ("000", {26: "402.78"}, [("XTB001", 26, D("420.78"), D("402.78"))]),
        # 项目1 预算数 18.00 -> 81.00 while 财政资金 stays 18.00: the project is named as the likely cause.
        ("000", {1189: "81.00"}, [("XTB007", 1189, D("487.78"), D("550.78"))]),
        # 预算数 and 财政资金 both 81.00: only the total can be blamed (支出总表 项目支出 合计).
        ("000", {1189: "81.00", 1191: "81.00"}, [("XTB007", 431, D("487.78"), D("550.78"))]),
        # 一般公共预算支出表 header 预算年度 2024 -> 2023.
        ("003", {1079: "预算年度：2023"}, [("XTB008", 1079, D("2024"), D("2023"))]),
        # 基本支出表 header 单位：万元 -> 元 over unchanged 万元 figures: the header is wrong, the figures are kept
        # as printed (they agree with the other tables), so nothing else breaks.
        ("003", {1226: "单位：元"}, [("XTB008", 1226, None, None)]),
        # 项目1 绩效目标表 单位：万元 -> 元 (its figures are 万元 like every other table).
        ("003", {1629: "单位：元"}, [("XTB008", 1629, None, None)]),
        # “三公”表 运行维护费 4.86 -> 2.00 in both columns: below 基本支出表 30231 4.86; the 三公 row is blamed.
        ("003", {1544: "2.00", 1545: "2.00"}, [("XTB006", 1545, D("2.00"), D("4.86"))]),
        # 一般公共预算支出表 208 基本支出 146.09 -> 164.09: differs from 支出总表 on that cell.
        ("003", {1148: "164.09"}, [("XTB003", 1148, D("146.09"), D("164.09"))]),
    ],
)
def test_a_planted_difference_is_reported_at_the_odd_cell(prefix, edits, expected):
    before = {(f.code, f.line) for f in _findings(seed_doc(prefix))}
    new = [(f.code, f.line, f.expected, f.actual) for f in _findings(mutated_seed(prefix, edits))
           if (f.code, f.line) not in before]  # fmt: skip
    assert new == expected


def test_a_table_really_printed_in_yuan_is_converted_but_its_header_still_differs():
    # 003 “三公”表 reprinted in 元 (20.84万元 -> 208,400.00元 …): converted back, the figures agree with the
    # 基本支出表 and the text again; in a layout that prints one unit throughout, the odd header is still reported.
    edits = {1473: "单位：元"}
    for line, value in ((1495, "208400.00"), (1502, "208400.00"), (1530, "48600.00"), (1544, "48600.00"),
                        (1551, "159800.00")):  # fmt: skip
        edits |= {line: value, line + 1: value}
    doc = mutated_seed("003", edits)
    assert total_row(doc.table("three_public")).values["total"].value == D("20.84")
    before = {(f.code, f.line) for f in run_checks(seed_doc("003"))}
    new = [(f.code, f.line, f.severity.value) for f in run_checks(doc) if (f.code, f.line) not in before]
    assert new == [("XTB008", 1473, "warning")]  # consistent once converted: presentation, not numbers
    mislabelled = mutated_seed("003", {1473: "单位：元"})  # 万元 figures under a 元 header: kept, an error
    assert [(f.line, f.severity.value) for f in run_checks(mislabelled, [RULES["XTB008"]])] == [
        (1473, "error")
    ]
