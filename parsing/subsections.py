"""Sections and sub-sections recognised by what they say, not by their heading (no rules here).

Two tables, matched on `normalise_label` text (NFKC: ASCII brackets, commas and colons; quotes as '"'):

- `OPENINGS`: the first paragraph of a standard section, for a section whose heading was deleted while its content
  stays — "2024年收入预算总额 120.00 万元，其中…" or "按照预算管理有关规定，目前部门预算的编制实行综合预算管理" open
  the 总体情况; "2024年，我部门机关运行经费共计安排4.50万元" the 机关运行经费; "…“三公”经费预算安排20.84万元" the
  三公; "2025年本部门政府采购预算34万元" the 政府采购; "截至2024年8月31日，…共有车辆8辆" the 国有资产 (and
  parsing/sections.py's "上年末固定资产"). Each opening
  states the section's own figure, so that a mention in passing ("机关运行经费：指…", "主要用于政府采购") opens nothing.
- `SUBSECTIONS`: what a section must say, each found by its sub-heading ("1、收入说明") or by its content
  ("2024年预算收入492.28万元"); a layout (parsing/layouts.py) lists which of them it requires under which section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
