"""Indicator rules (IND) on the real seeds: the defects found by reading them, and no false alarms."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks import load_rules, run_checks
from parsing import parse_lines
from tests.conftest import FIXTURES, seed_doc, seed_path

RULES = load_rules()
IND = [rule for code, rule in RULES.items() if code.startswith("IND")]
D = Decimal


def _findings(prefix: str, code: str | None = None):
    found = run_checks(seed_doc(prefix), IND)
    assert [f for f in found if f.code == "CHK000"] == []
    return [f for f in found if code is None or f.code == code]


def test_001_cost_indicators_against_budget():
    found = _findings("001", "IND006")
    assert [(f.line, f.expected, f.actual) for f in found] == [
        (1671, D("62.55"), D(180)),  # "补贴不超过180"
        (1784, D(6), D("30000.00")),  # 3.00 万元 if 元
        (1890, D("2.5"), D(22000)),  # 预算数 "2..5" unreadable: 财政资金 2.5
    ]
    assert "按元读为3.00万元" in found[1].message


def test_cost_indicators_on_other_seeds():
    assert [f.line for f in _findings("000", "IND006")] == [
        1247,
        1355,
        1465,
        1573,
        1681,
        1789,
        1897,
        2005,
        2113,
    ]
    assert [f.line for f in _findings("002", "IND006")] == [2269, 2761]  # ≥33人; 成本控制率 100%
    assert [f.line for f in _findings("003", "IND006")] == [1962]  # 5条 as cost


def test_no_number_and_category_names_as_values():
    found = _findings("001", "IND001")  # one finding per indicator row, at its 指标值
    assert [(f.line, f.severity.value) for f in found] == [
        (1575, "warning"),  # 项目1 与省、市信访系统互联互通: "实现快速完成上级转交办信访事项"
        (1582, "warning"),  # 项目1 降低人员成本支出: "控制成本，更好的完成工作"
        (1699, "warning"),  # 项目2 经济效益: "经济效益", category names as values stay warnings
        (1706, "warning"),
        (1713, "warning"),
        *[(line, "info") for line in (1798, 1805, 1812, 1819)],  # 项目3 效益 rows in words ("良好", "正常")
        *[(line, "info") for line in (1904, 1911, 1918, 1925)],  # 项目4, the same rows copied
        (1982, "warning"),
        (1989, "warning"),
        (2067, "warning"),
        (2074, "warning"),
        (2152, "warning"),
        (2159, "warning"),
    ]
    assert "“经济效益”只是类别名称" in found[2].message
    assert _findings("003", "IND001") == [] and _findings("000", "IND001") == []
    severities = [f.severity.value for f in _findings("002", "IND001")]  # one finding per row
    assert (severities.count("warning"), severities.count("info")) == (27, 60)


def test_units_and_satisfaction():
    unit_000 = _findings("000", "IND002")
    assert [f.line for f in unit_000[:8]] == [1226, 1233, 1240, 1254, 1261, 1268, 1275, 1282]  # 项目1, 8 rows
    assert (len(unit_000), len({f.project for f in unit_000})) == (42, 8)
    assert (
        unit_000[0].message
        == "项目1“办公设备购置费”指标“采购数量”单位缺失或不符：“≥95”没有单位，名称是计数，应标个/人/次等单位"
    )
    # 满意率 ≥90; 共青团经费's seven rows
    assert [f.line for f in _findings("002", "IND002")] == [2418, 3253, 3261, 3269, 3277, 3285, 3293, 3301]
    assert [f.line for f in _findings("001", "IND004")] == [1826, 1932]  # 满意度 "良好"
    assert [f.line for f in _findings("001", "IND003")] == [
        2003,
        2010,
        2017,
        2088,
        2095,
        2102,
        2173,
        2180,
        2187,
    ]  # "95%" (info)


def test_rate_whose_unit_is_in_the_name_needs_a_comparator_too():
    # 000 项目5: "路口、主要路段视频监控率（%）" "≥90" (line 1667) passes; "90" leaves floor or exact value open.
    lines = seed_path("000").read_text(encoding="utf-8").split("\n")
    assert lines[1666] == "\t≥90"
    lines[1666] = "\t90"
    found = run_checks(parse_lines("rate.txt", lines), [RULES["IND003"]])
    assert [(f.line, "“90”未写≥或≤" in f.message) for f in found] == [(1667, True)]


def test_missing_and_wrong_categories():
    assert [(f.line, f.message.rpartition("：")[2]) for f in _findings("003", "IND005")] == [
        (1941, "满意度指标")
    ]
    assert [f.line for f in _findings("002", "IND005")] == [2253, 3003, 3253, 3777, 3910, 4027]
    assert [f.line for f in _findings("000", "IND007")] == [1334, 1660, 1984]  # rates under 数量
    wrong_001 = _findings("001", "IND007")
    assert [f.line for f in wrong_001] == [1603, 1611, 1805, 1911, 2010, 2095, 2180]
    assert "效果指标" in wrong_001[0].message and "经济效益指标" in wrong_001[2].message


def test_copy_pasted_indicator_sets():
    found = _findings("001", "IND008")
    assert [f.line for f in found] == [1904]
    assert "项目4“严重精神障碍患者监护人责任险”与项目3“政法委综治专项经费”有5项" in found[0].message
    same_name = _findings("002", "IND008")
    assert [(f.line, f.other_lines) for f in same_name] == [(2495, [8000]), (4027, [9532])]
    assert all("同名项目" in f.message for f in same_name)


def test_info_rules():
    assert [(f.line, f.severity.value) for f in _findings("003", "IND010")] == [
        (2205, "info"),
        (2212, "info"),
    ]
    assert [f.line for f in _findings("000", "IND009")] == [1226, 1674]
    assert [f.line for f in _findings("001", "IND009")] == [1699]  # three rows without 确定依据


def test_good_projects_have_no_findings():
    good = {
        "劳务派遣人员工资",
        "年鉴出版发行",
        "数字电视维护和增值业务费",
        "徐水区大气办专项经费",
        "徐水区大项目办专项经费",
    }
    assert [f for f in _findings("003") if f.project in good] == []
    assert [f for f in _findings("003") if f.severity.value == "error"] == []


def test_noise_is_one_finding_per_row():
    found = _findings("002")
    assert all(f.severity.value != "error" for f in found)
    places = [(f.code, f.part, f.line) for f in found]
    assert len(places) == len(set(places))  # never two findings of one rule at one place


def test_copies_of_one_original_make_one_finding():
    path = FIXTURES / "IND008_fail.txt"
    doc = parse_lines(path.name, path.read_text(encoding="utf-8").split("\n"))
    first, second = doc.projects
    third = second.model_copy(update={"index": 3, "name": "劳动仲裁（三）"})
    found = run_checks(doc.model_copy(update={"projects": [first, second, third]}), [RULES["IND008"]])
    assert [f.code for f in found] == ["IND008"]
    assert found[0].message.startswith(
        "项目2“劳动仲裁（二）”、项目3“劳动仲裁（三）”与项目1“劳动仲裁”的绩效指标雷同"
    )


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_fields_equal_the_indicator_read_by_attribute(prefix):
    """fields() picks from the models' __dict__: the same values as reading each attribute, for every indicator."""
    from checks.support.indicators import Fields, fields

    indicators = [ind for part in seed_doc(prefix).parts() for p in part.projects for ind in p.indicators]
    assert len(indicators) > 20
    for ind in indicators:
        by_attribute = Fields(
            ind.level1, ind.level2, ind.level3, ind.description, ind.value, ind.basis,
            ind.parsed.comparator, ind.parsed.number, ind.parsed.unit,
        )  # fmt: skip
        assert fields(ind) == by_attribute and len(fields(ind)) == len(Fields._fields)
