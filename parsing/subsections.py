"""Sections and sub-sections recognised by what they say, not by their heading (no rules here).

Two tables, matched on `normalise_label` text (NFKC: ASCII brackets, commas and colons; quotes as '"'):

- `OPENINGS`: the first paragraph of a standard section, for a section whose heading was deleted while its content
  stays — "2024年收入预算总额 120.00 万元，其中…" or "按照预算管理有关规定，目前部门预算的编制实行综合预算管理" open
  the 总体情况; "2024年，我部门机关运行经费共计安排4.50万元" the 机关运行经费; "…“三公”经费预算安排20.84万元" the
  三公; "2025年本部门政府采购预算34万元" the 政府采购; "截至2024年8月31日，…共有车辆8辆" the 国有资产 (and
  parsing/sections.py's "上年末固定资产"). Each opening
  states the section's own figure, so that a mention in passing ("机关运行经费：指…", "主要用于政府采购") opens nothing.
- `FINAL_OPENINGS`: the same for a 决算's parts ("…2024年度收入支出总计 X 万元" the 收入支出决算总体情况说明,
  "机关运行经费支出 X 万元", "政府采购金额（以合同签订为准）为 X 万元", "截至2024年12月31日，…共有车辆").
- `SUBSECTIONS`: what a section must say, each found by its sub-heading ("1、收入说明") or by its content
  ("2024年预算收入492.28万元"); a layout (parsing/layouts.py) lists which of them it requires under which section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parsing.text import normalise_label

# A year, the department's name and its units, "我部门" … before the figure; not a list item ("3、…") of the
# section it stands in.
_LEAD = r"^(?![(]?[一二三四五六七八九十\d]{1,2}[)、.])[^。]{0,60}?"
_NUMBERED = r"^(?:[(]?[一二三四五六七八九十\d]{1,2}[)]?[、.]?)?"
_CHANGE = (
    r"(?:比|较|与)(?:上一?年度?|20\d\d年度?)[^。]{0,24}?(?:增加|减少|增长|下降|持平|相同|一致|变化)"
    r"|与(?:上一?年度?|20\d\d年度?)(?:预算)?相比"
)

OPENINGS: dict[str, tuple[re.Pattern[str], ...]] = {
    "overview": (
        re.compile(r"编制实行综合预算"),
        re.compile(_NUMBERED + r"收入(?:预算)?说明"),
        re.compile(_LEAD + r"(?:收入预算|预算收入)(?:总额|合计)?(?:为|共计|是)?\d"),
    ),
    "running_cost": (re.compile(_LEAD + r"机关运行经费(?:预算)?(?:共计|合计|总额)?(?:安排|为)\d"),),
    "three_public": (re.compile(_LEAD + r'"?三公"?经费(?:预算)?(?:总额|合计)?(?:安排|为|数为)\d'),),
    "procurement": (re.compile(_LEAD + r"政府采购预算(?:总额|资金)?(?:安排|为|共计)?\d"),),
    "assets": (re.compile(r"^截[至止]20\d\d年\d{1,2}月\d{1,2}日[^。]{0,40}?共有车辆\d"),),
}

# A 决算's parts by their first paragraph (the 决算 template's wording, parsing/sections.py SECTION_TITLES final_*),
# in template order: "<部门>2024年度收入支出总计 X 万元" (总体情况; not "财政拨款收入支出总计"), "本年收入合计 X",
# "本年支出合计 X", …, "机关运行经费支出 X 万元", "政府采购金额（以合同签订为准）为 X 万元", "截至2024年12月31日，
# …共有车辆 X 辆". Each states the part's own figure or names the part's own subject; a 决算 never opens a budget
# section by its content (OPENINGS).
FINAL_OPENINGS: dict[str, tuple[re.Pattern[str], ...]] = {
    "final_units": (re.compile(r"^从(?:预算|决算)?单位构成看"),),
    "final_overall": (re.compile(_LEAD + r"(?<!拨款)收入[、,]?支出(?:决算)?总计(?:为)?\d"),),
    "final_income": (re.compile(r"^本年收入合计(?:为)?\d"),),
    "final_expense": (re.compile(r"^本年支出合计(?:为)?\d"),),
    "final_fiscal": (re.compile(_LEAD + r"财政拨款收入[、,]?支出(?:决算)?总计(?:为)?\d"),),
    "final_general": (
        re.compile(r"^(?:[(][一1][)])?一般公共预算财政拨款支出决算总体情况"),
        re.compile(r"^一般公共预算财政拨款支出(?:决算)?(?:为)?\d[^。]{0,20}?占本年支出合计"),
    ),
    "final_basic": (re.compile(r"^一般公共预算财政拨款基本支出(?:决算)?(?:为)?\d"),),
    "final_three_public": (
        re.compile(r'^(?:[(][一1][)])?"?三公"?经费财政拨款支出(?:决算)?总体情况'),
        re.compile(r'^"?三公"?经费财政拨款支出(?:决算)?年初预算为\d'),
        re.compile(_LEAD + r'20\d\d年度?无"?三公"?经费财政拨款支出'),
    ),
    "final_fund": (
        re.compile(_LEAD + r"20\d\d年度?无政府性基金预算财政拨款收入"),
        re.compile(r"^政府性基金预算财政拨款收入\d"),
    ),
    "final_capital": (
        re.compile(_LEAD + r"20\d\d年度?无国有资本经营预算财政拨款收入"),
        re.compile(r"^国有资本经营预算财政拨款收入\d"),
    ),
    "final_performance": (re.compile(_LEAD + r"预算绩效管理工作开展情况"),),
    "final_running_cost": (
        re.compile(r"^机关运行经费支出(?:决算)?(?:为)?\d"),
        re.compile(_LEAD + r"20\d\d年度?无机关运行经费支出"),
    ),
    "final_procurement": (
        re.compile(_LEAD + r"政府采购(?:金额|支出总额)(?:[(][^)]{0,12}[)])?(?:为|共计)?\d"),
    ),
    "final_assets": (re.compile(r"^截[至止]20\d\d年12月31日[^。]{0,40}?共有车辆\d"),),
    "final_glossary": (re.compile(r"^[一1][、.]财政拨款收入:指"),),  # its first entry
}


@dataclass(frozen=True)
class Subsection:
    key: str
    title: str  # as a reader names it in a finding
    patterns: tuple[re.Pattern[str], ...]  # sub-heading or content, any paragraph of the section


SUBSECTIONS: dict[str, Subsection] = {
    s.key: s
    for s in (
        Subsection(
            "income",
            "收入说明（收入总额及来源）",
            (
                re.compile(_NUMBERED + r"收入(?:预算)?说明"),
                re.compile(r"(?:收入预算|预算收入|收入合计|收入总计|本年收入|收入总额)[^。]{0,6}?\d"),
            ),
        ),
        Subsection(
            "expense",
            "支出说明（支出总额及基本支出、项目支出）",
            (
                re.compile(_NUMBERED + r"支出(?:预算)?说明"),
                re.compile(r"(?:支出预算|预算支出|支出合计|支出总计|本年支出|支出总额)[^。]{0,6}?\d"),
            ),
        ),
        Subsection(
            "change",
            "比上年增减情况",
            (re.compile(_NUMBERED + r"比上年增减"), re.compile(_CHANGE)),
        ),
        Subsection(
            "three_public_change",
            "“三公”经费比上年增减及原因",
            (re.compile(_CHANGE), re.compile(r"增减变化")),
        ),
        Subsection("running_cost_amount", "机关运行经费金额", (re.compile(r"机关运行经费[^。]{0,16}?\d"),)),
        Subsection("procurement_amount", "政府采购预算金额", (re.compile(r"政府采购[^。]{0,16}?\d"),)),
        Subsection(
            "assets_amount",
            "国有资产（固定资产或车辆等）情况",
            (re.compile(r"(?:固定资产|资产总额|车辆|资产)[^。]{0,16}?\d"),),
        ),
        Subsection("performance_goals", "绩效目标情况", (re.compile(r"绩效目标"),)),
    )
}


def opening_section(text: str) -> str | None:
    """The standard section a paragraph opens by its content, if any.

    >>> opening_section("2024年收入预算总额 120.00 万元，其中：一般公共预算收入120.00万元。")
    'overview'
    >>> opening_section("2024年，我部门机关运行经费共计安排4.50万元"), opening_section("机关运行经费：指行政单位…")
    ('running_cost', None)
    >>> opening_section("3、机关运行经费安排8.00万元。")  # an item of the section it stands in

    """
    key = normalise_label(text)
    for section, patterns in OPENINGS.items():
        if any(p.search(key) for p in patterns):
            return section
    return None


def found_subsections(texts: list[str], wanted: tuple[str, ...]) -> set[str]:
    """Which of the `wanted` sub-sections the paragraphs say, by sub-heading or by content.

    >>> sorted(found_subsections(["1、收入说明", "2024年支出预算492.28万元，其中…"], ("income", "expense", "change")))
    ['expense', 'income']
    """
    keys = [normalise_label(t) for t in texts]
    return {w for w in wanted if any(p.search(k) for p in SUBSECTIONS[w].patterns for k in keys)}


@lru_cache(maxsize=1 << 12)  # pure; boilerplate paragraphs recur across documents
def final_opening_section(text: str) -> str | None:
    """The 决算 part a paragraph opens by its content, if any.

    >>> final_opening_section("上海市普陀区XX局 2024 年度收入支出总计9859.38 万元。与 2023 年度相比…")
    'final_overall'
    >>> final_opening_section("XX局 2024 年度财政拨款收入支出总计 9746.50 万元。")
    'final_fiscal'
    >>> final_opening_section("2024年度收入、支出决算总计 120.5 万元。")
    'final_overall'
    >>> final_opening_section("截至 2024 年 12 月 31 日，XX局共有车辆 0 辆"), final_opening_section("机关运行经费：指…")
    ('final_assets', None)
    """
    key = normalise_label(text)
    for section, patterns in FINAL_OPENINGS.items():
        if any(p.search(key) for p in patterns):
            return section
    return None
