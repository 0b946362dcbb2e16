"""Golden facts read by hand from the four shared seeds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsing import frames
from tests.conftest import seed_doc

D = Decimal


@pytest.mark.parametrize(
    ("prefix", "code", "name", "year", "projects", "indicators"),
    [
        ("000", "223", "沧州经济开发区群众工作中心", 2024, 9, 81),
        ("001", "455", "沧州渤海新区南大港产业园区政法工作办公室", 2023, 7, 51),
        ("002", "313", "中共河北沧州经济开发区工委组织人事部", 2024, 27, 203),
        ("003", "434", "保定市徐水区人民政府办公室", 2024, 7, 43),
    ],
)
def test_identity_and_counts(prefix, code, name, year, projects, indicators):
    doc = seed_doc(prefix)
    assert (doc.department_code, doc.department_name, doc.budget_year, doc.unit) == (code, name, year, "万元")
    assert len(doc.projects) == projects
    assert sum(len(p.indicators) for p in doc.projects) == indicators
    assert len(doc.tables) == 9
    assert doc.problems == []


def test_002_has_a_unit_part_repeating_the_tables_and_projects():
    doc = seed_doc("002")
    assert [(u.department_code, len(u.tables), len(u.projects)) for u in doc.units] == [("313001", 9, 27)]
    unit = doc.units[0]
    assert unit.department_name == "中共河北沧州经济开发区工委组织人事部本级"
    assert unit.line == 5517 or unit.line == 5518
    assert [p.name for p in unit.projects] == [p.name for p in doc.projects]


def test_000_project_one_cells():
    p = seed_doc("000").projects[0]
    assert (p.name, p.code, p.budget.value, p.fiscal.value, p.other.is_blank) == (
        "办公设备购置费",
        "13091124P00005710001R",
        D("18.00"),
        D("18.00"),
        True,
    )
    assert [(x.label, x.amount.raw, x.amount.line) for x in p.plan] == [
        ("3月底", "4.00", 1205),
        ("6月底", "8.00", 1206),
        ("10月底", "12.00", 1207),
        ("12月底", "18.00", 1208),
    ]
    assert not p.plan[0].is_percent  # 万元 under a "（%）" header: the last value equals 预算数
    first = p.indicators[0]
    assert (first.level1, first.level2, first.level3, first.value, first.line) == (
        "产出指标",
        "数量指标",
        "采购数量",
        "≥95",
        1226,
    )
    assert (first.parsed.comparator, first.parsed.number, first.parsed.unit) == ("≥", D("95"), None)
    assert p.indicators[1].level1 == "产出指标"  # merged 一级 cell carried down


def test_000_split_indicator_row_is_rejoined():
    # 000 ~1366-1372: one indicator row cut into three pieces by blank lines.
    p = seed_doc("000").projects[1]
    social = next(i for i in p.indicators if i.level2 == "社会效益指标")
    assert (social.level3, social.description, social.value, social.basis) == (
        "对社会发展带来的影响",
        "对社会发展带来的影响",
        "≥93",
        "目标任务",
    )


def test_001_blank_codes_percent_plans_and_continuation_labels():
    doc = seed_doc("001")
    assert all(p.code is None for p in doc.projects)
    first = doc.projects[0]
    assert (
        first.name == "信访信息系统网络维护费"
    )  # table name, while the heading says 河北省信息系统网络维护费
    assert [(x.label, x.amount.raw) for x in first.plan] == [
        ("3月底", ""),
        ("6月底", "100"),
        ("10月底", ""),
        ("12月底", ""),
    ]
    assert first.plan[1].is_percent
    assert first.indicators[0].basis == "使用率"  # header "指标值确定\n依据" split over two lines
    second = doc.projects[1]
    assert [x.amount.value for x in second.plan] == [D(25), D(50), D(80), D(100)]
    assert doc.section("performance").number == "五"
    assert doc.section("assets").number == "七"


def test_002_project_four_overrunning_plan_with_merged_gaps():
    p = seed_doc("002").projects[3]
    assert (p.index, p.name, p.budget.value) == (4, "城乡居民养老保险发放及缴费补贴县级配套", D("372.00"))
    assert [x.amount.value for x in p.plan] == [D("140.00"), D("280.00"), D("420.00"), D("572.00")]
    assert p.plan[3].amount.line == 2344


def test_003_percent_plan_and_goal_continuation_line():
    p = seed_doc("003").projects[0]
    assert (p.name, p.budget.value) == ("劳务派遣人员工资", D("57.25"))
    assert [x.amount.raw for x in p.plan] == ["24%", "48%", "72%", "100%"]
    assert all(x.is_percent for x in p.plan)
    assert p.goal.endswith("2.聘用劳务派遣13名")
    cost = next(i for i in p.indicators if i.level2 == "成本指标")
    assert (cost.value, cost.parsed.number, cost.parsed.unit) == ("≤57.25万元", D("57.25"), "万元")


def test_003_tables_totals():
    doc = seed_doc("003")
    expense = doc.tables["expense"]
    total = expense.rows[0]
    assert (total.kind, total.line) == ("total", 545)
    assert {k: total.values[k].value for k in ("total", "basic", "project")} == {
        "total": D("937.79"),
        "basic": D("706.36"),
        "project": D("231.44"),
    }
    basic = doc.tables["general_basic"]
    rows = {r.code: r for r in basic.rows if r.code}
    assert rows["301"].values["total"].value == D("544.88")
    assert rows["30231"].values["public"].value == D("4.86")
    summary = doc.tables["summary"]
    housing = next(r for r in summary.rows if r.code == "221")
    assert (housing.side, housing.code_inferred, housing.values["amount"].value) == (
        "expense",
        True,
        D("41.89"),
    )
    three = doc.tables["three_public"]
    assert [r.values["total"].raw for r in three.rows if r.kind == "class"] == ["", "4.86", "15.98"]


def test_empty_tables_keep_their_note():
    doc = seed_doc("000")
    fund = doc.tables["fund_expense"]
    assert fund.is_empty and fund.empty_note == "注：无政府基金预算财政拨款预算，空表列示。"
    assert fund.empty_note_line == 1056
    assert doc.tables["three_public"].is_empty


def test_sections_missing_headings_and_empty_sections():
    d000, d002, d003 = seed_doc("000"), seed_doc("002"), seed_doc("003")
    other = d000.section("other")
    assert (other.heading_missing, other.line) == (True, 2231)
    assets = d003.section("assets")
    assert (assets.heading_missing, assets.line, assets.number) == (True, 2301, None)
    assert d002.section("overview").is_empty and d002.section("running_cost").is_empty
    assert not d000.section("overview").is_empty


def test_generic_tables():
    doc = seed_doc("001")
    assert doc.assets is not None and doc.assets.title == "部门固定资产占用情况表"
    assert any("680.28" in c.text for row in doc.assets.rows for c in row)
    assert doc.procurement is not None and doc.procurement.empty_note == "注：无政府采购预算，空表列示。"
    assert doc.organisations is not None


def test_frames_have_fixed_columns_and_real_values():
    doc = seed_doc("002")
    items = frames.line_items(doc)
    assert list(items.columns) == frames.LINE_ITEM_COLUMNS
    unit_total = items[(items.part == "313001") & (items.table == "expense") & (items.name == "合计")]
    assert set(unit_total.column) >= {"total", "basic", "project"}
    projects = frames.projects(doc)
    assert len(projects) == 54 and projects.iloc[3].budget == 372.0
    plan = frames.plan_points(doc)
    assert len(plan) == 54 * 4
    assert list(frames.indicators(doc).columns) == frames.INDICATOR_COLUMNS
    assert frames.sections(doc).key.tolist()[:2] == ["duties", "overview"]
