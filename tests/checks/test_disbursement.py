"""Disbursement-plan rules (PLN) on the real seeds: the defects found by reading them, and no false alarms."""

from __future__ import annotations

from decimal import Decimal

from checks import load_rules, run_checks
from tests.conftest import seed_doc

RULES = load_rules()
PLN = [rule for code, rule in RULES.items() if code.startswith("PLN")]
D = Decimal


def _findings(prefix: str, code: str | None = None):
    found = run_checks(seed_doc(prefix), PLN)
    assert [f for f in found if f.code == "CHK000"] == []
    return [f for f in found if code is None or f.code == code]


def test_002_project_4_plan_overruns_its_budget():
    found = _findings("002", "PLN004")
    assert [(f.line, f.expected, f.actual, f.other_lines) for f in found] == [
        (2344, D("372.00"), D("572.00"), [7849])
    ]
    assert "10月底420.00万元" in found[0].message and "按累计万元数读" in found[0].message


def test_002_project_9_stops_short_under_both_readings():
    found = _findings("002", "PLN003")
    # Read as 万元 like the other 26 plans of the document (parsing.projects.settle_plan_units).
    assert [(f.line, f.expected, f.actual) for f in found] == [(2977, D("50.00"), D("40.00"))]
    assert "按万元读为预算数50.00的80.00%" in found[0].message


def test_001_blank_year_end_is_a_warning_leading_blanks_info():
    found = _findings("001", "PLN001")
    assert [(f.line, f.severity.value) for f in found] == [
        (1558, "warning"),  # 信访信息系统网络维护费 "", "100", "", ""
        (1858, "warning"),  # 严重精神障碍患者监护人责任险, same pattern
        (1961, "info"),  # 雪亮工程建设项目 "", "", "", "100"
        (2049, "warning"),  # "", "80", "100", ""
        (2134, "warning"),  # "50", "", "100", ""
    ]
    assert "截至6月底累计100.00%，全年计划已完成" in found[0].message


def test_002_spring_festival_plan_all_in_march():
    found = [f for f in _findings("002", "PLN001") if f.severity.value == "warning"]
    assert [(f.line, f.expected) for f in found] == [(2711, D("12.00"))]


def test_back_loaded_plans():
    assert [(f.line, f.actual) for f in _findings("003", "PLN005")] == [
        (1834, D("100.00")),
        (1922, D("60.00")),
    ]
    assert [f.line for f in _findings("002", "PLN005")] == [2227, 2469, 2594, 4118, 4251, 4521, 4924]


def test_timeliness_promises_against_the_plan():
    assert [f.line for f in _findings("003", "PLN006")] == [1948]  # 当月及时支付 vs 40% flat 6月底–10月底
    assert [f.line for f in _findings("002", "PLN006")] == [2628]  # 拨付及时 vs nothing before 12月底
    assert "存疑" in _findings("003", "PLN006")[0].message


def test_no_false_alarms():
    assert [
        f.code for f in _findings("000") if f.severity.value != "info"
    ] == []  # amounts plans, all complete
    assert [f for seed in ("000", "001", "002", "003") for f in _findings(seed, "PLN002")] == []
    good = {
        "劳务派遣人员工资",
        "年鉴出版发行",
        "徐水区大气办专项经费",
        "徐水区大项目办专项经费",
        "政务服务相关经费",
    }
    assert [f for f in _findings("003") if f.project in good] == []
    assert [
        f
        for f in _findings("002")
        if f.project == "2024年下派选调生到村工作中央补助资金" and f.code != "PLN007"  # header unit only
    ] == []  # 3.28 by 10月底


def test_percent_header_over_amounts_is_info_per_project():
    # 000: all nine plans print 万元 under "资金支出计划（%）" (4.00/8.00/12.00/18.00 for 预算数 18.00, line 1208).
    found = _findings("000", "PLN007")
    assert [f.line for f in found] == [1208, 1316, 1426, 1534, 1642, 1750, 1858, 1966, 2074]
    assert {f.severity.value for f in found} == {"info"}
    assert "4.00/8.00/12.00/18.00" in found[0].message and "预算数18.00万元" in found[0].message
    # 002: the same header throughout; 项目 4 (140/280/420/572, 预算数 372) is amounts because it exceeds 100;
    # 项目 9 (5/8/12/40 of 50.00) fits neither reading and is left alone (line 2977).
    lines = [f.line for f in _findings("002", "PLN007")]
    assert 2344 in lines and 2977 not in lines and len(lines) == 25
    # 001 (bare 25/50/80/100) and 003 (24%…100%) are percentages under a % header: nothing.
    assert _findings("001", "PLN007") == [] and _findings("003", "PLN007") == []
