"""Narrative family on the real seeds: the defects read by hand, and no alarm where text and tables agree."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks import Severity, load_rules, run_checks
from checks.rules.narrative.changes import changes
from checks.rules.narrative.costs import _running_figures, _t6_rows
from checks.support.figures import figures
from parsing import parse_lines
from tests.conftest import seed_doc, seed_path

RULES = load_rules()
NARRATIVE = [r for code, r in sorted(RULES.items()) if r.family == "narrative"]


def _found(prefix: str) -> list[tuple]:
    return [
        (f.code, f.severity, f.line, f.expected, f.actual) for f in run_checks(seed_doc(prefix), NARRATIVE)
    ]


def test_000_text_agrees_with_tables():
    # 收入 492.28 = T1 一般公共预算 492.28 (~1145, ~23); 基本 4.50 + 项目 487.78 = 492.28 (~1147, ~428);
    # 机关运行经费 4.50 = T6 公用经费 (~1151, ~995); 三公 all 0 beside an empty 三公 table (~1153, ~1091);
    # 拟购置 0.00 with an empty procurement table (~2204, ~2154); "较2023年" in a 2024 budget (~1149).
    assert _found("000") == []


def test_001_fixed_assets_and_year_split_budget():
    assert _found("001") == [
        # "上年末固定资产金额为165.16万元" (~2244) vs 资产总额 680.28 (~2255)
        ("NAR009", Severity.ERROR, 2244, Decimal("680.28"), Decimal("165.16")),
        # 项目 6 预算数 24 (~2030), "2022年需12万元，2023年所需资金12万元" (~2037)
        ("NAR011", Severity.ERROR, 2037, Decimal("24"), Decimal("12")),
    ]


def test_002_empty_narrative_and_empty_tables_raise_nothing():
    assert _found("002") == []


def test_003_change_statement_is_rounding_level_only():
    # "较上年减少107.45万元…基本支出减少158.43万元…项目支出增加50.99万元" (~1598): −158.43 + 50.99 = −107.44;
    # 2 addends rounded to 0.01 → tolerance 0.01, so INFO (the tables show the same 0.01: 706.36 + 231.44 =
    # 937.80 vs 937.79). The text's own lists show it too (~1596, NAR024, rounding-level: INFO): 基本 706.36 +
    # 项目 231.44 = 937.80 vs 937.79, 人员 644.99 + 公用 61.36 = 706.35 vs 706.36. Everything else agrees: 61.36
    # breakdown, 三公 20.84/4.86/15.98, 资产 340.69.
    assert sorted(_found("003")) == [
        ("NAR003", Severity.INFO, 1598, Decimal("-107.44"), Decimal("-107.45")),
        ("NAR024", Severity.INFO, 1596, Decimal("706.36"), Decimal("706.35")),
        ("NAR024", Severity.INFO, 1596, Decimal("937.79"), Decimal("937.80")),
    ]


def test_change_statements_are_read_with_signs():
    assert {k: v for k, (v, _) in changes(seed_doc("001")).items()} == {
        "total": Decimal("-187.17"),
        "basic": Decimal("-19.04"),
        "project": Decimal("-168.13"),
    }
    assert {k: v for k, (v, _) in changes(seed_doc("000")).items()} == {
        "total": Decimal("492.28"),
        "basic": Decimal("4.50"),
        "project": Decimal("487.78"),
    }


def test_003_running_cost_breakdown_is_matched_to_302_lines():
    doc = seed_doc("003")
    [(total, parts)] = list(_running_figures(doc))
    assert total.value == Decimal("61.36")
    assert [(p.value, [r.code for r in _t6_rows(doc, p.label) or []]) for p in parts] == [
        (Decimal("9.18"), ["30201"]),
        (Decimal("15.9"), ["30207"]),
        (Decimal("9.94"), ["30228", "30229"]),  # 5.10 + 4.84
        (Decimal("4.86"), ["30231"]),
        (Decimal("21.48"), []),  # "其他支出": summed only (19.55 + 1.93)
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit", "label"),
    [
        ("2024年，我部门机关运行经费共计安排4.50万元", "4.50", "万元", "我部门机关运行经费共计安排"),
        ("“三公”经费预算为0万元", "0", "万元", "三公经费预算为"),
        ("较2023年预算增加492.28万元", "492.28", "万元", "较2023年预算增加"),
        ("其中：基本支出减少19.04万元", "19.04", "万元", "基本支出减少"),
        ("上年末固定资产金额为165.16万元", "165.16", "万元", "上年末固定资产金额为"),
        ("项目支出１００．５万元", "100.5", "万元", "项目支出"),
        ("政府采购预算1,234.56万元", "1234.56", "万元", "政府采购预算"),
        ("公务接待费0元", "0", "元", "公务接待费"),
    ],
)
def test_figures_read_the_usual_forms(text, value, unit, label):
    [fig] = figures(text)
    assert (fig.value, fig.unit, fig.label) == (Decimal(value), unit, label)


def test_yuan_and_wan_yuan_normalise():
    [fig] = figures("需交纳使用费4800元")
    assert fig.amount("万元") == Decimal("0.48")


def _mutated(prefix: str, old: str, new: str):
    text = seed_path(prefix).read_text(encoding="utf-8")
    assert old in text
    return parse_lines("mutated.txt", text.replace(old, new, 1).split("\n"))


@pytest.mark.parametrize(
    ("prefix", "old", "new", "expected"),
    [
        ("000", "一般公共预算收入492.28", "一般公共预算收入490.28", ("NAR001", 1145, "492.28", "490.28")),
        ("001", "项目支出100万元，主要", "项目支出110万元，主要", ("NAR002", 1490, "100", "110")),
        ("001", "基本支出减少19.04", "基本支出减少18.04", ("NAR003", 1492, "-186.17", "-187.17")),
        ("000", "较2023年预算增加", "较2024年预算增加", ("NAR004", 1149, "2023", "2024")),
        ("003", "机关运行经费安排61.36", "机关运行经费安排62.36", ("NAR005", 1600, "61.36", "62.36")),
        ("003", "其中办公费9.18", "其中办公费8.18", ("NAR006", 1600, "9.18", "8.18")),
        ("003", "公务接待费15.98", "公务接待费16.98", ("NAR007", 1602, "15.98", "16.98")),
        ("000", "公务接待费0.00万元", "公务接待费1.00万元", ("NAR007", 1153, "0", "1.00")),
        ("001", "安排政府采购预算0.00万元", "安排政府采购预算18.00万元", ("NAR008", 2192, "0", "18.00")),
        (
            "003",
            "拟购置固定资产总额为0.00万元",
            "拟购置固定资产总额为12.00万元",
            ("NAR010", 2301, "0", "12.00"),
        ),
        ("001", "需0.47万元", "需0.57万元", ("NAR011", 2122, "0.47", "0.57")),
        # 三公 "较2022年度预算减少0.14万元" = 接待费 −0.14 + 运维/购置/出国 持平
        ("001", "较上年减少0.14万元", "较上年减少0.24万元", ("NAR019", 1497, "-0.24", "-0.14")),
        (
            "001",
            "较2022年度预算减少0.14万元",
            "较2022年度预算增加0.14万元",
            ("NAR019", 1497, "-0.14", "0.14"),
        ),
        # 预算数 "2..5" is unreadable: 财政资金 2.5 stands in for it
        ("001", "预计资金2.5万元", "预计资金2.9万元", ("NAR011", 1846, "2.5", "2.9")),
        ("003", "聘用劳务派遣13名", "聘用劳务派遣15名", ("NAR013", 1661, "13", "15")),
        ("001", "其他来源收入0万元", "其他来源收入5万元", ("NAR001", 1488, "0", "5")),
        # "项目支出100万元，主要为一般公共服务支出100万元": 201 is 175.11 / 75.11 / 100.00 in 支出总表 (~442)
        ("001", "一般公共服务支出100万元", "一般公共服务支出170万元", ("NAR018", 1490, "175.11", "170")),
    ],
)
def test_planted_defects_are_found(prefix, old, new, expected):
    code, line, want, got = expected
    found = [
        (f.code, f.line, f.expected, f.actual) for f in run_checks(_mutated(prefix, old, new), [RULES[code]])
    ]
    assert (code, line, Decimal(want), Decimal(got)) in found


def test_figures_in_yuan_match_the_table():
    doc = _mutated("003", "上年末固定资产金额为340.69万元", "上年末固定资产金额为3406900元")
    assert run_checks(doc, [RULES["NAR009"]]) == []
