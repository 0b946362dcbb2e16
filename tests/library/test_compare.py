"""Comparison logic on the seeds: headline metrics, project and line matching, stated 比上年增减."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from library.compare import (
    department_curve,
    department_metrics,
    match_lines,
    match_projects,
    metrics_frame,
    normalise_project_name,
    same_department,
    stated_changes,
    verify_stated_changes,
    yoy_pairs,
)
from parsing import BudgetDocument, parse_lines
from tests.conftest import seed_doc, seed_path


def next_year_lines() -> list[str]:
    """Seed 001 (2023) moved to 2024: 信访专项经费 renamed and raised 62.55 -> 70.00, 信访事务 likewise.

    The narrative says total +7.45 (right), 基本支出 +0 (right) and 项目支出 +8.00 (wrong: 7.45); the
    unchanged 三公 sentence ("较2023年度预算减少0.14万元") is now wrong too (0 both years).
    """
    lines = seed_path("001").read_text(encoding="utf-8").split("\n")
    lines = [s.replace("2023", "2024").replace("2022", "2023") for s in lines]
    edits = {
        432: "\t188.62",  # T3 合计 total
        434: "\t107.45",  # T3 合计 project
        482: "\t70.00",  # T3 2010308 信访事务 total
        484: "\t70.00",
    }
    for number, text in edits.items():
        lines[number - 1] = text
    name = next(i for i in range(1610, 1630) if lines[i] == "\t信访专项经费")
    lines[name] = "\t2024年信访专项经费"
    lines[1491] = (
        "2024年，部门预算收支安排188.62万元，较2023年增加7.45万元，其中：基本支出增加0万元；"
        "项目支出增加8.00万元，主要是信访专项经费增加。"
    )
    return lines


@cache
def seed_001_next_year() -> BudgetDocument:
    return parse_lines("001_next.txt", next_year_lines())


def test_metrics_of_seed_003():
    m = department_metrics(seed_doc("003"))
    assert (m["income_total"], m["expense_total"], m["basic"], m["project"]) == (
        Decimal("937.79"),
        Decimal("937.79"),
        Decimal("706.36"),
        Decimal("231.44"),
    )
    assert (m["three_public"], m["running_cost"], m["personnel"]) == (
        Decimal("20.84"),
        Decimal("61.36"),
        Decimal("644.99"),
    )
    assert (m["basic_share"], m["project_share"], m["personnel_share"]) == (
        Decimal("75.32"),
        Decimal("24.68"),
        Decimal("91.31"),
    )


def test_metrics_of_seeds_without_three_public_table():
    assert department_metrics(seed_doc("002"))["three_public"] is None  # T9 has no rows at all
    assert department_metrics(seed_doc("001"))["three_public"] == 0  # T9 合计 printed blank


def test_metrics_frame_findings_per_million():
    frame = metrics_frame({"a": seed_doc("003"), "b": seed_doc("001")}, {"a": [object()] * 10})
    assert list(frame.index) == ["a", "b"]
    assert frame.loc["a", "每100万元支出问题数"] == pytest.approx(1.07)  # 10 / 9.3779
    assert frame.loc["b", "问题数"] == 0
    assert frame.loc["a", "机关运行经费"] == pytest.approx(61.36)


def test_same_department():
    assert same_department(seed_doc("001"), seed_001_next_year())
    assert not same_department(seed_doc("001"), seed_doc("003"))
    other = seed_doc("003").model_copy(update={"department_code": "455"})
    assert not same_department(seed_doc("001"), other)  # local codes collide; names disagree
    renamed = seed_doc("001").model_copy(update={"department_code": None})
    assert same_department(renamed, seed_001_next_year())  # names alone


def test_yoy_pairs_order_older_first():
    docs = [seed_001_next_year(), seed_doc("003"), seed_doc("001")]
    assert yoy_pairs(docs) == [(2, 0)]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("2024年信访专项经费", "信访"),
        ("信访专项经费", "信访"),
        ("2021年度城乡居民医保结算亏损（沧县代管）", "城乡居民医保结算亏损沧县代管"),
        ("综治9+X信息系统通信服务费项目", "综治9X信息系统通信服务费"),
        ("南大港政法办网络通信服务费项目", "南大港政法办网络通信服务费"),
        ("项目", "项目"),
    ],
)
def test_normalise_project_name(name, key):
    assert normalise_project_name(name) == key


def test_match_projects_across_years():
    old, new = seed_doc("001").projects, seed_001_next_year().projects
    matches = match_projects(old, new, threshold=80)
    pairs = [(m.old.name, m.new.name, m.score, m.ambiguous) for m in matches]
    assert ("信访专项经费", "2024年信访专项经费", 100.0, False) in pairs
    assert len(pairs) == 7 and all(m.old is not None and m.new is not None for m in matches)
    budgets = {m.new.name: (m.old.budget.value, m.new.budget.value) for m in matches}
    assert budgets["2024年信访专项经费"] == (Decimal("62.55"), Decimal("62.55"))


def test_match_projects_fuzzy_scores_and_threshold():
    old = ["南大港政法办网络通信服务费项目", "信访信息系统网络维护费"]
    new = ["南大港政法委网络通信服务费", "信访系统网络维护费"]
    got = [(m.old, m.new, round(m.score, 1)) for m in match_projects(old, new, threshold=80)]
    assert got == [
        ("南大港政法办网络通信服务费项目", "南大港政法委网络通信服务费", 92.3),
        ("信访信息系统网络维护费", "信访系统网络维护费", 90.0),
    ]
    strict = match_projects(old, new, threshold=95)
    assert [(m.old, m.new) for m in strict] == [
        (old[0], None),
        (old[1], None),
        (None, new[0]),
        (None, new[1]),
    ]


def test_match_projects_reports_ties_instead_of_guessing():
    # seed 002 prints two projects called 劳动仲裁 (7.00 and 1.00 万元)
    twins = [p for p in seed_doc("002").projects if p.name == "劳动仲裁"]
    matches = match_projects(["劳动仲裁经费"], twins)
    assert [(m.old, m.new, m.ambiguous, m.candidates) for m in matches if m.old] == [
        ("劳动仲裁经费", None, True, (("劳动仲裁", 100.0), ("劳动仲裁", 100.0)))
    ]
    assert all(m.ambiguous and m.new is not None for m in matches if m.old is None)


def test_match_lines_by_function_code():
    frame = match_lines(seed_doc("001"), seed_001_next_year(), "expense")
    rows = {(r.code if isinstance(r.code, str) else "合计"): r for r in frame.itertuples()}
    assert (rows["合计"].old, rows["合计"].new, rows["合计"].change) == (181.17, 188.62, pytest.approx(7.45))
    assert (rows["2010308"].old, rows["2010308"].new) == (62.55, 70.0)
    assert rows["2010308"].change_pct == pytest.approx(11.91)
    assert rows["2010301"].change == 0


def test_match_lines_by_economic_code():
    frame = match_lines(seed_doc("001"), seed_001_next_year(), "general_basic")
    assert list(frame["code"][:3].fillna("合计")) == ["合计", "301", "30101"]
    assert frame["change"].eq(0).all()


def test_stated_changes_of_seeds():
    got = [(c.subject, c.base_year, c.change, c.line) for c in stated_changes(seed_doc("003"))]
    assert got == [
        ("total", 2023, Decimal("-107.45"), 1598),
        ("basic", 2023, Decimal("-158.43"), 1598),
        ("project", 2023, Decimal("50.99"), 1598),
    ]
    three = [
        (c.subject, c.change, c.line) for c in stated_changes(seed_doc("001")) if c.subject == "three_public"
    ]
    assert three == [("three_public", Decimal("-0.14"), 1497)]  # the 公务接待费 sentence is not a total


def test_verify_stated_changes_against_previous_year():
    frame = verify_stated_changes(seed_doc("001"), seed_001_next_year())
    got = [(r.subject, r.stated, round(r.computed, 2), r.verdict, r.line) for r in frame.itertuples()]
    assert got == [
        ("收支总额", 7.45, 7.45, "一致", 1492),
        ("基本支出", 0.0, 0.0, "一致", 1492),
        ("项目支出", 8.0, 7.45, "不一致", 1492),
        ("“三公”经费", -0.14, 0.0, "不一致", 1497),  # copied text: both years budget 0
    ]
    assert verify_stated_changes(seed_doc("003"), seed_001_next_year()).empty  # base year 2023 ≠ 2024


def test_department_curve_weights_by_budget():
    curves = [
        (Decimal(300), [("3月底", Decimal(0)), ("12月底", Decimal(100))]),
        (Decimal(100), [("3月底", Decimal(100)), ("12月底", Decimal(100))]),
        (None, [("3月底", Decimal(50))]),
    ]
    assert department_curve(curves) == [("3月底", 25.0), ("12月底", 100.0)]
