"""checks.support.plan: disbursement curves and indicator verdicts on real seeds and small hand-made plans."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from checks.support.plan import indicator_verdicts, payment_timeliness, plan_curve
from parsing.model import Amount, PlanPoint, Project
from parsing.text import parse_amount
from tests.conftest import seed_doc

D = Decimal
LABELS = ("3月底", "6月底", "10月底", "12月底")


def _project(budget: str, cells: list[str], percent: bool) -> Project:
    plan = [
        PlanPoint(label=lab, amount=parse_amount(c, 10 + i), is_percent=percent)
        for i, (lab, c) in enumerate(zip(LABELS, cells, strict=True))
    ]
    return Project(
        index=1,
        title="1、测试绩效目标表",
        name="测试",
        budget=parse_amount(budget),
        fiscal=Amount(raw=""),
        other=Amount(raw=""),
        plan=plan,
        line=1,
        end_line=20,
    )


def test_003_percent_plan_is_cumulative():
    curve = plan_curve(seed_doc("003").projects[0])  # 劳务派遣人员工资 24%/48%/72%/100%
    assert (curve.reading, curve.unit, curve.total) == ("cumulative", "percent", D(100))
    assert list(curve) == [("3月底", D(24)), ("6月底", D(48)), ("10月底", D(72)), ("12月底", D(100))]
    assert not curve.unit_ambiguous and curve.blanks == ()


def test_000_amount_plan_becomes_percent_of_budget():
    curve = plan_curve(seed_doc("000").projects[0])  # 办公设备购置费 18.00: 4/8/12/18 万元
    assert (curve.reading, curve.unit, curve.total) == ("cumulative", "amounts", D("18.00"))
    assert [v for _, v in curve] == [D("22.22"), D("44.44"), D("66.67"), D("100.00")]
    assert curve.last == D("18.00")


def test_001_single_figure_reads_the_same_both_ways():
    curve = plan_curve(seed_doc("001").projects[0])  # "", "100", "", ""
    assert curve.reading == "cumulative"
    assert [v for _, v in curve] == [D(0), D(100), D(100), D(100)]
    assert curve.blanks == ("3月底", "10月底", "12月底")


def test_002_overrun_and_ambiguous_short_plan():
    doc = seed_doc("002")
    overrun = plan_curve(doc.projects[3])  # 预算数 372.00, plan 140/280/420/572
    assert (overrun.unit, overrun.last, overrun.unit_ambiguous) == ("amounts", D("572.00"), False)
    short = plan_curve(doc.projects[8])  # 预算数 50.00, plan 5/8/12/40: neither 100 nor 50
    assert (short.last, short.unit_ambiguous) == (D("40.00"), True)
    spring = plan_curve(doc.projects[6])  # 春节慰问 12.00 at 3月底, then blanks
    assert [v for _, v in spring] == [D(100)] * 4


@pytest.mark.parametrize(
    ("cells", "reading", "points"),
    [
        (["10", "20", "30", "40"], "per-period", [10, 30, 60, 100]),  # monotone but only the sum reaches 100
        (["40", "30", "20", "10"], "per-period", [40, 70, 90, 100]),  # decreasing, sums to 100
        (["100", "0", "0", "0"], "per-period", [100, 100, 100, 100]),  # explicit zeros after everything
        (["30", "60", "50", "100"], "cumulative", [30, 60, 50, 100]),  # a real decrease
        (["50", "", "100", ""], "cumulative", [50, 50, 100, 100]),  # blanks keep the previous value
        (["", "", "", ""], "none", [None] * 4),
    ],
)
def test_reading_choice(cells, reading, points):
    curve = plan_curve(_project("20.00", cells, percent=True))
    assert curve.reading == reading
    assert [v for _, v in curve] == [None if p is None else D(p) for p in points]


def test_per_period_amounts_within_rounding():
    curve = plan_curve(_project("10.00", ["3.33", "3.33", "3.34", ""], percent=False))
    assert (curve.reading, curve.last) == ("per-period", D("10.00"))


def test_plans_printed_differently_are_read_apart():
    """plan_curve keeps a reading under what it read, values as printed: equal Decimals printed apart ("95" and
    "95.0", "-0" and "0") get their own curve, each equal to a fresh reading of its own project."""
    from checks.support.plan import _CURVES

    variants = [("20.00", ["95", "", "", "100"]), ("20.00", ["95.0", "", "", "100"]), ("20", ["95", "", "", "100"]),
                ("10.00", ["-0", "1", "2", "10"]), ("10.00", ["0", "1", "2", "10"])]  # fmt: skip
    curves = [plan_curve(_project(budget, cells, percent=False)) for budget, cells in variants]
    _CURVES.clear()
    for (budget, cells), curve in zip(variants, curves, strict=True):
        fresh = plan_curve(_project(budget, cells, percent=False))
        _CURVES.clear()
        assert curve == fresh and [str(v) for _, v in curve.values] == [str(v) for _, v in fresh.values]
    assert str(curves[0].values[0][1]) == "95" and str(curves[1].values[0][1]) == "95.0"
    assert str(curves[3].values[0][1]) == "-0" and str(curves[4].values[0][1]) == "0"


def test_remembered_curves_equal_fresh_readings():
    """Plans that differ only in what the cache key holds besides values (percent or not, a unit, a status, the
    budget as printed) each get their own curve: every curve read through the cache equals a fresh reading."""
    from checks.support.plan import _CURVES

    rng = random.Random(16)
    pool = ["", "-", "x", "0", "-0", "10", "10.0", "20%", "95", "100", "100%"]
    plans = [[rng.choice(pool) for _ in LABELS] for _ in range(30)]
    # the same figures with another status (blank, nil, unreadable) or without the unit
    plans += [[other if cell == "" else cell for cell in plan] for plan in plans for other in ("-", "x")]
    plans += [[cell.rstrip("%") for cell in plan] for plan in plans]
    projects = [
        _project(budget, cells, percent)
        for cells in plans
        for budget in ("20", "20.00", "")
        for percent in (False, True)
    ]
    rng.shuffle(projects)
    _CURVES.clear()
    curves = [plan_curve(project) for project in projects]
    for project, curve in zip(projects, curves, strict=True):
        _CURVES.clear()
        fresh = plan_curve(project)
        assert curve == fresh and [str(v) for _, v in curve.values] == [str(v) for _, v in fresh.values]
    _CURVES.clear()


def _verdict(prefix: str, project: int, line: int) -> list[str]:
    found = indicator_verdicts(seed_doc(prefix).projects[project - 1])
    return [code for ind, code, _ in found if ind.line == line]


@pytest.mark.parametrize(
    ("prefix", "project", "line", "codes"),
    [
        ("000", 1, 1226, ["no-unit"]),  # 采购数量 ≥95
        ("000", 2, 1334, ["wrong-category", "no-unit"]),  # 志愿服务参与率 ≥95 under 数量
        ("000", 1, 1247, ["cost-unitless"]),  # 单位购置成本 ≥95
        ("000", 3, 1444, ["unit-mismatch"]),  # 设备检修维护次数 ≥95百分比
        ("001", 1, 1603, ["wrong-category"]),  # 一级 "效果指标"
        ("001", 2, 1699, ["category-as-value"]),  # 经济效益 → "经济效益"
        ("001", 3, 1784, ["cost-unitless"]),  # 30000.00 with 预算数 6
        ("001", 3, 1798, ["no-number"]),  # "良好"
        ("001", 3, 1826, ["satisfaction-no-threshold"]),  # 满意度 "良好"
        ("001", 5, 2017, ["no-comparator"]),  # 群众满意度 "95%"
        ("002", 3, 2269, ["cost-not-money"]),  # ≥33人 as per-capita cost
        ("002", 4, 2394, ["ok"]),  # ≥233元/月/人: a unit cost
        ("002", 7, 2761, ["cost-rate"]),  # 成本控制率 100百分比
        ("002", 13, 3527, ["no-number"]),  # 及时完成劳动监察任务
        ("003", 1, 1697, ["ok"]),  # ≤57.25万元 = 预算数
        ("003", 4, 1955, ["wrong-category"]),  # 时效 "资金成本"
        ("003", 7, 2205, ["ceiling"]),  # ≥100%
    ],
)
def test_indicator_verdicts_on_seeds(prefix, project, line, codes):
    assert _verdict(prefix, project, line) == codes


def test_good_003_projects_are_all_ok():
    for project in seed_doc("003").projects[:3]:
        assert {code for _, code, _ in indicator_verdicts(project)} == {"ok"}, project.name


def test_payment_timeliness_needs_a_payment_word():
    doc = seed_doc("003")
    assert [i.line for i in payment_timeliness(doc.projects[3])] == [1948]  # 当月及时支付
    assert payment_timeliness(doc.projects[2]) == []  # 设备维护及时率: not a payment
    assert [i.line for i in payment_timeliness(seed_doc("002").projects[5])] == [2628]  # 配套资金拨付及时
