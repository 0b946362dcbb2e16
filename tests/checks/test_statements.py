"""The statements layer (checks/support/statements.py, comparisons.py, item_rows.py) and NAR020–NAR023."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from checks import load_rules, run_checks
from checks.support.comparisons import comparisons
from checks.support.statements import Item, clean, items, read
from parsing import BudgetDocument, parse_lines
from tests.conftest import data_doc, seed_path

RULES = load_rules()
CODES = ("NAR020", "NAR021", "NAR022", "NAR023", "NAR032", "NAR034")  # NAR032/034: the 决算 twins
PLANNING = "pdf/final_accounts/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"
SOCIAL = "pdf/final_accounts/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
WANLI24 = "pdf/上海市普陀区人民政府万里街道办事处24年预算.pdf"


def _located(name: str, line: int, old: str) -> int:
    """The line holding `old` nearest to `line` (PDF line numbers move when the reader changes)."""
    lines = data_doc(name).lines
    return min((n for n, text in enumerate(lines, 1) if old in text), key=lambda n: abs(n - line))


def _edited(name: str, line: int, old: str, new: str) -> BudgetDocument:
    lines = list(data_doc(name).lines)
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    return parse_lines(name, lines)


def _found(doc: BudgetDocument) -> list[tuple[str, int | None, str]]:
    return sorted((f.code, f.line, f.severity.value) for f in run_checks(doc, [RULES[c] for c in CODES]))


def _read(text: str) -> Item:
    item = Item()
    item.add(clean(text), 1)
    return read(item)


@pytest.mark.parametrize(
    ("text", "kind", "value", "percent", "word"),
    [
        ("1、公共安全支出（204类）司法（06款）行政运行（01项）30.00万元", "heading", D("30.00"), None, ""),
        (
            "1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元",
            "heading",
            D("25.77"),
            None,
            "",
        ),
        ("2023年当年预算执行数为60.13万元", "before", D("60.13"), None, "预算执行数"),
        ("年初预算为 1,115.48 万元", "before", D("1115.48"), None, "年初预算"),
        ("2024年预算安排25.77万元", "after", D("25.77"), None, "预算安排"),
        ("支出决算为 54.53 万元", "after", D("54.53"), None, "支出决算为"),
        ("比2023年预算执行数减少57.14%", "change", None, D("57.14"), "减少"),
        (
            "与 2023 年度相比，收入支出总计增加 1062.85万元，增长 12.08%",
            "change",
            D("1062.85"),
            D("12.08"),
            "增加",
        ),
        ("比2024年预算执行数增加10.00万元（或11.11%）", "change", D("10.00"), D("11.11"), "增加"),
        ("公务接待费1.35万元。比2023年预算持平", "change", None, None, "持平"),
        ("基本支出 5377.64 万元，占 55.10%", "share", None, D("55.10"), ""),
        ("完成年初预算的 95.45%", "completion", None, D("95.45"), ""),
        ("决算数小于全年预算数的主要原因", "verdict", None, None, "小于"),
        ("决算数同预算数持平。", "verdict", None, None, "等于"),
    ],
)
def test_each_phrasing_is_read(text, kind, value, percent, word):
    found = [s for s in _read(text).statements if s.kind == kind]
    assert [(s.value, s.percent, s.word) for s in found][:1] == [(value, percent, word)]


def test_an_increase_without_comparison_is_not_a_change():
    assert [s.kind for s in _read("主要原因是：经费增加10.00万元").statements] == ["level"]


def test_pdf_broken_lines_are_joined_into_one_item():
    # "年初预算为 42.73" / "万元，支出决算为 40.35 万元，完成年初预算的94.43%" was broken at the right margin; the PDF
    # reader's reflow now joins it, so A, B and the claim stand on one line and are read together.
    doc = data_doc(PLANNING)
    [comp] = [
        c
        for item in items(doc)
        for c in comparisons(item)
        if c.claim.kind == "completion" and c.before is not None and c.before.value == D("42.73")
    ]
    assert (comp.before.value, comp.after.value, comp.claim.percent) == (D("42.73"), D("40.35"), D("94.43"))
    assert comp.before.line == comp.after.line == comp.claim.line


def test_planning_final_accounts_reviewed():
    assert _found(data_doc(PLANNING)) == [
        # 9746.50 / 9759.38 = 99.868%, printed "占本年支出合计的 99.86%": truncated, not rounded. (The completion
        # rate 95.45% = 9746.50 / 10210.34 = 95.457% is NAR032's in a 决算, within its ±1 tolerance.)
        ("NAR021", 1586, "info"),
    ]


def test_social_work_final_accounts_reviewed():
    # "一般公共预算财政拨款支出年初预算为 0 万元，全年预算为321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%":
    # 95.89% is 307.82 / 321.02, the 全年预算; against a 年初预算 of 0 there is no rate. The 住房保障 share 9.55%
    # (29.42 / 307.82 = 9.558%) is one unit off so that the list adds up to 100%: accepted, not reported.
    # In a 决算 the completion rate is NAR032's (one finding for the place).
    assert _found(data_doc(SOCIAL)) == [("NAR032", 1405, "warning")]


def test_wanli_2024_reviewed():
    # Item 31: heading 350.35万元 but "2024年预算安排352.67万元"; the stated 0.53% fits 350.35 (vs 348.52), so
    # one NAR022 finding and no second one for the rate. The other 32 items' rates all agree with their figures.
    assert _found(data_doc(WANLI24)) == [("NAR022", 88, "error")]


@pytest.mark.parametrize(
    ("name", "line", "old", "new", "expected"),
    [
        # In a 决算, "完成预算的 p%" and the 大于/小于 verdict are NAR032's (one finding per place).
        (PLANNING, 1593, "98.61%", "96.61%", {("NAR032", "warning")}),  # completion rate mistyped
        (PLANNING, 1612, "决算数小于预算数", "决算数大于预算数", {("NAR032", "warning")}),
        (PLANNING, 1630, "下降 8.65%", "下降 9.65%", {("NAR021", "error")}),  # 13.52 / (142.80 + 13.52)
        (PLANNING, 1581, "占 55.10%", "占 50.10%", {("NAR021", "error")}),  # share of 本年支出合计
        (SOCIAL, 1415, "99.55%", "98.55%", {("NAR032", "warning")}),
        # A 决算 figure off its table row (2013901 合计 51.32): NAR034 reports it, and the 完成率 that no longer fits
        # is not reported again by NAR032 (one finding for one defect).
        (SOCIAL, 1408, "支出决算为 51.32", "支出决算为 50.32", {("NAR034", "error")}),
        (PLANNING, 1591, "支出决算为 54.53", "支出决算为 55.53", {("NAR034", "error")}),
        (WANLI24, 58, "减少2.98%", "增加2.98%", {("NAR020", "error")}),  # 114.00 -> 110.60 is a decrease
        # (133.30 - 130.23) / 130.23 = 2.36%
        (WANLI24, 62, "增加2.36%", "增加3.36%", {("NAR021", "error")}),
        (WANLI24, 64, "2024年预算安排10.00万元", "2024年预算安排12.00万元", {("NAR022", "error")}),
    ],
)
def test_planted_defects_are_found_once(name, line, old, new, expected):
    assert old in data_doc(name).lines[line - 1]  # lines as printed after paragraph reflow
    before = set(_found(data_doc(name)))
    after = set(_found(_edited(name, line, old, new)))
    assert after - before == {(code, line, severity) for code, severity in expected}


@pytest.mark.parametrize(
    ("text", "before", "after", "claim"),
    [
        # Hebei-style: last year's figure inline, this year's as the level before it
        (
            "2024年机关运行经费预算4.50万元，比2023年预算执行数5.00万元减少0.50万元，下降10.00%。",
            "5.00",
            "4.50",
            "减少",
        ),
        ("上年预算数为80.00万元，本年预算安排100.00万元，增长25.00%。", "80.00", "100.00", "增长"),
        # dated 预算数: 2023 is last year's (A), 2024 the budget year's (B)
        (
            "2023年预算数为80.00万元，2024年预算数为100.00万元，比上年增加20.00万元，增长25.00%。",
            "80.00",
            "100.00",
            "增加",
        ),
        # only a level and "增加Δ，增长p%": A = B − Δ
        ("机关运行经费支出142.80万元，比2023年度减少13.52万元，下降8.65%。", None, "142.80", "减少"),
        ("全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的98.69%。", "52.00", "51.32", "完成"),
    ],
)
def test_variant_phrasings_pair_their_figures(text, before, after, claim):
    item = Item()
    item.add(clean(text), 1)
    [comp] = comparisons(read(item, 2024))
    assert (comp.before and str(comp.before.value), str(comp.after.value)) == (before, after)
    assert claim in comp.claim.text


def test_a_dated_budget_of_the_budget_year_is_not_last_years():
    item = Item()
    item.add(clean("2024年“三公”经费预算数为1.00万元，与2023年预算持平。"), 1)
    assert [s.kind for s in read(item, 2024).statements] == ["after", "change"]
    assert comparisons(item) == []  # no A stated: nothing to judge


def _seed_with(prefix: str, line: int, old: str, new: str) -> BudgetDocument:
    lines = seed_path(prefix).read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    return parse_lines(f"{prefix}_edited.txt", lines)


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        # 187.17 / (181.17 + 187.17) = 50.81%: the level and its change give A = B + Δ
        ("较2022年减少187.17万元，下降50.81%，其中", []),
        ("较2022年减少187.17万元，下降60.81%，其中", [("NAR021", 1492, "error")]),
    ],
)
def test_hebei_overview_rate_is_judged(new, expected):
    assert _found(_seed_with("001", 1492, "较2022年减少187.17万元，其中", new)) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("62.55", []), ("65.55", [("NAR023", 1493, "error")])],
)
def test_hebei_item_heading_with_codes_is_matched_to_its_row(amount, expected):
    # An unquoted item naming 2010308 by its printed codes, inserted after 001's 比上年 paragraph: 合计 62.55.
    lines = seed_path("001").read_text(encoding="utf-8").split("\n")
    lines.insert(
        1492,
        f"1、一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）信访事务（08项）{amount}万元。",
    )
    assert _found(parse_lines("001_edited.txt", lines)) == expected
