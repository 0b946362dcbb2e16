"""Layout registry: how each province prints its disclosure, at which level and of which kind; detection.

A layout is recognised by level-neutral signals (部门 or 单位 wording alike), so the unit-level twin of every
layout ("预算单位：" on the cover, 单位预算编制说明, 单位财务收支预算总表 …) is the same layout at level "unit".
When no layout scores confidently, the generic layout stands in: it requires nothing a particular province prints,
so no layout-specific structure finding is made. Table titles and column labels are not here: they are matched by
meaning in parsing/tables.py and shared by every layout. Section keywords live in parsing/sections.py.

Adding a province is a local change: append a `Layout` here (signals, required sections, unnumbered headings),
then add tests with a real document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from parsing.joined_lines import joined_lines
from parsing.signals import count_signals

Required = tuple[tuple[str, ...], ...]  # each entry: section keys of which one must be present
Level = Literal["department", "unit"]
Kind = Literal["budget", "final_accounts"]
LEAST = 2  # distinct signals a layout needs for a confident detection: one stray phrase switches nothing


@dataclass(frozen=True)
class Layout:
    key: str  # BudgetDocument.layout
    name_zh: str
    signals: tuple[str, ...]  # level-neutral patterns (multiline) over the stripped source lines
    required_sections: Required  # what STR003 expects in the 情况说明
    kind: Kind = "budget"
    headings: tuple[tuple[str, str], ...] = ()  # unnumbered heading ending -> section key
    prints_code: bool = True  # tables name the department by code (`<code><name>` identity row)
    mixed_money_units: bool = False  # some tables are printed in another money unit by convention
    section_tables: tuple[str, ...] = ()  # section keys whose table the layout prints (procurement, assets)
    # (section key, sub-sections it must say): parsing/subsections.py keys, found by sub-heading or content
    required_contents: tuple[tuple[str, tuple[str, ...]], ...] = ()
    specific: bool = True  # False for the generic layout: layout-dependent rules stay silent
    notes: str = ""


HEBEI_COUNTY = Layout(
    key="hebei",
    name_zh="河北县区部门预算（九张表 + 情况说明一…十一）",
    signals=(
        r"(部门|单位)预算信息公开情况说明",
        r"(^|\])(部门|单位)预算(收支总表|收入总表|支出总表|财政拨款收支总表)",
        r"^预算年度[:：]\s*\d{4}",
        r"其他需要说明的事项",
        r"^[一二三四五六七八九十]+、(部门|单位)预算安排的总体情况",
        r"^第[一二]部分\s*(部门|单位|部门所属单位)预算$",
    ),
    required_sections=(
        ("duties",),
        ("overview",),
        ("running_cost",),
        ("three_public",),
        ("performance", "projects"),  # 绩效 may come as 整体绩效 or as the project section
        ("procurement",),
        ("assets",),
        ("glossary",),
        ("other",),
    ),
    section_tables=("procurement", "assets"),
    required_contents=(
        ("overview", ("income", "expense", "change")),  # 1、收入说明 2、支出说明 3、比上年增减情况
        ("running_cost", ("running_cost_amount",)),
        ("three_public", ("three_public_change",)),  # "…预算情况及增减变化原因"
        ("assets", ("assets_amount",)),  # 上年末固定资产金额 (the procurement section may be its table alone)
    ),
    notes="Identity row `<code><name> | 预算年度：YYYY | 单位：万元` on every table; 财预〔2016〕143号 section list.",
)

SHANGHAI_DISTRICT = Layout(
    key="shanghai",
    name_zh="上海区级部门预算（主要职能、名词解释、编制说明、九张表、其他相关情况说明）",
    signals=(
        r"^编制(部门|单位)\s*[:：]",
        r"^预算(主管部门|单位)\s*[:：]",
        r"(部门|单位)预算编制说明$",
        r"(部门|单位)财务收支预算总表",
    ),
    required_sections=(
        ("duties",),
        ("glossary",),
        ("overview",),
        ("three_public",),
        ("running_cost",),
        ("procurement",),
        ("performance", "projects"),
        ("assets",),
    ),
    headings=(
        ("主要职能", "duties"),
        ("机构设置", "duties"),
        ("名词解释", "glossary"),
        ("预算编制说明", "overview"),
    ),
    required_contents=(
        ("overview", ("income", "expense", "change")),  # 编制说明: 收入预算, 支出预算, 比上年预算增减
        ("three_public", ("three_public_change",)),
        ("running_cost", ("running_cost_amount",)),
        ("procurement", ("procurement_amount",)),  # in words only: no procurement table
        ("performance", ("performance_goals",)),
        ("assets", ("assets_amount",)),  # 车辆 and 单价100万元以上设备
    ),
    prints_code=False,
    mixed_money_units=True,
    notes="Captions `编制部门：<name> 单位：元` instead of identity rows (no code); tables in 元, 三公 in 万元 and "
    "transposed; 三公/机关运行经费/政府采购/绩效/国有资产 numbered 一…五 under 其他相关情况说明; no 其他需要说明的事项.",
)

GENERIC = Layout(
    key="generic",
    name_zh="通用版式（未识别出具体版式：只核对各类公开文件共有的内容）",
    signals=(),
    required_sections=(),
    prints_code=False,  # a code cannot be demanded of a layout not known to print one
    mixed_money_units=True,  # a table stating its own money unit is converted, not reported
    specific=False,
    notes="Used when no layout scores; the standard tables by meaning are still read and checked.",
)

LAYOUTS: list[Layout] = [HEBEI_COUNTY, SHANGHAI_DISTRICT]

# The standard tables every disclosure of a kind prints, by meaning (parsing/tables.py keys), in any layout.
# A 决算 prints its own nine (收入支出决算总表 …) that the parser does not read as standard tables yet: none asked.
STANDARD_TABLES: dict[Kind, tuple[str, ...]] = {
    "budget": ("summary", "income", "expense", "fiscal_summary", "general_expense", "general_basic",
               "fund_expense", "capital_expense", "three_public"),
    "final_accounts": ("final_summary", "final_income", "final_expense", "final_fiscal_summary",
                       "final_general_expense", "final_general_basic", "final_three_public", "final_fund",
                       "final_capital"),
}  # fmt: skip

# Unnumbered headings of every layout, for the section classifier (a heading means the same in any layout).
UNNUMBERED_HEADINGS: tuple[tuple[str, str], ...] = tuple(
    dict.fromkeys(alias for layout in LAYOUTS for alias in layout.headings)
)

# Wording that names the level: cover captions, titles of the tables and of the 编制说明/情况说明.
_LEVEL_SIGNALS: dict[Level, tuple[str, ...]] = {
    level: (
        r"^预算主管部门\s*[:：]" if level == "department" else r"^预算单位\s*[:：]",
        rf"^编制{word}\s*[:：]",
        rf"{word}预算(编制说明|信息公开情况说明)",
        rf"{word}(财务)?收支(预算|决算)?总表",
        rf"\d{{4}}\s*年度?\s*{word}(预算|决算)",
        rf"(^|\]){word}预算\S*表$",
    )
    for level, word in (("department", "部门"), ("unit", "单位"))
}
# Wording of a 决算 (final accounts) on the cover and in the table and section titles.
_FINAL_SIGNALS = (
    r"\d{4}\s*年度?\s*(部门|单位)决算",
    r"收入支出决算总表",
    r"(收入|支出)决算表",
    r"决算(总体)?情况说明",
)


@dataclass(frozen=True)
class Detection:
    """What the source lines look like: layout key, level, kind and the winning layout's signal count."""

    layout: str
    level: Level
    kind: Kind
    score: int

    @property
    def confident(self) -> bool:
        return self.layout != GENERIC.key


# A line that is neither empty nor a table cell, in "\n" + the lines joined: its TAB-less lines in one regex pass
# (the engine scans for the line breaks; most lines of a large document are cells it drops at their first byte).
_TITLE_LINE = re.compile(r"\n([^\t\n][^\n]*)")


def _text(lines: Sequence[str], titles: bool = False, joined: str | None = None) -> str:
    """The stripped non-empty lines as one text; `titles`: without table cells (TAB lines), where the level and
    the kind are worded (cover, titles, section names); `joined`: the lines joined (parsing.joined_lines), if made.

    >>> _text(["封面", "\\t1", "", " 目录 ", "\\t", "  "], titles=True), _text(["a\\n\\tb", "\\tc"], titles=True)
    ('封面\\n目录', 'a\\n\\tb')
    """
    if titles:
        joined = joined_lines(lines) if joined is None else joined
        # A line holding a line break would read as two lines there: such lines are picked one by one.
        found = (
            _TITLE_LINE.findall(joined)
            if joined.count("\n") == len(lines)
            else [line for line in lines if line[:1] != "\t"]
        )
        return "\n".join(filter(None, map(str.strip, found)))
    return "\n".join(filter(None, map(str.strip, lines)))  # in C: this one reads every cell of a document


def _level(titles: str) -> Level:
    department, unit = (count_signals(_LEVEL_SIGNALS[level], titles) for level in ("department", "unit"))
    return "unit" if unit > department else "department"


def _kind(titles: str) -> Kind:
    return "final_accounts" if count_signals(_FINAL_SIGNALS, titles) >= LEAST else "budget"


def detect_level(lines: Sequence[str]) -> Level:
    """ "unit" when the lines speak of 单位 more than of 部门 in the level's places (cover, titles).

    >>> detect_level(["预算单位：上海市普陀区某某中心", "2025年单位预算编制说明", "2025年单位财务收支预算总表"])
    'unit'
    >>> detect_level(["预算主管部门：上海市普陀区商务委员会", "2025年部门预算编制说明"]), detect_level([])
    ('department', 'department')
    """
    return _level(_text(lines, titles=True))


def detect_kind(lines: Sequence[str]) -> Kind:
    """ "final_accounts" when at least two kinds of 决算 wording occur, else "budget".

    >>> detect_kind(["2024 年度部门决算", "一、收入支出决算总表"]), detect_kind(["2025年部门预算编制说明"])
    ('final_accounts', 'budget')
    """
    return _kind(_text(lines, titles=True))


def detect(lines: Sequence[str], joined: str | None = None) -> Detection:
    """Layout, level and kind of the lines; the generic layout when no layout of the kind scores LEAST signals
    (a tie between two layouts is no confident detection either). `joined`: the lines joined, if made.

    >>> detect(["预算主管部门：上海市普陀区商务委员会", "2025年部门预算编制说明"])
    Detection(layout='shanghai', level='department', kind='budget', score=2)
    >>> detect(["部门预算收支总表", "\\t预算年度：2024"]).layout, detect(["2025年部门预算编制说明"]).layout
    ('hebei', 'generic')
    """
    text, titles = _text(lines), _text(lines, titles=True, joined=joined)
    kind = _kind(titles)
    level = _level(titles)
    scores = sorted(
        ((count_signals(layout.signals, text), layout.key) for layout in LAYOUTS if layout.kind == kind),
        reverse=True,
    )
    best, key = scores[0] if scores else (0, GENERIC.key)
    tied = len(scores) > 1 and scores[1][0] == best
    if best < LEAST or tied:
        return Detection(GENERIC.key, level, kind, best)
    return Detection(key, level, kind, best)


def detect_layout(lines: Sequence[str]) -> str:
    """The key of the layout the lines score highest for; the generic layout when none scores confidently.

    >>> detect_layout(["预算单位：上海市普陀区某某中心", "2025年单位预算编制说明"])
    'shanghai'
    """
    return detect(lines).layout


def layout_for(key: str | None) -> Layout:
    """The registered layout of a key (the generic layout for unknown keys).

    >>> layout_for("shanghai").prints_code, layout_for("nowhere").key, layout_for("generic").required_sections
    (False, 'generic', ())
    """
    return next((layout for layout in [*LAYOUTS, GENERIC] if layout.key == key), GENERIC)
