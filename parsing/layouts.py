"""Layout registry: how each province prints its disclosure (sections it must have, headings without numbers).

Adding a province is a local change: append a `Layout` here (how to recognise it, the sections the 情况说明 must
have, unnumbered headings), then add tests with a real document. Table titles and column labels are not here:
they are matched by meaning in parsing/tables.py (`TITLE_ALIASES`, `COLUMN_ALIASES`) and shared by every
province, so a new alias there helps all layouts. Section keywords live in parsing/sections.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Required = tuple[tuple[str, ...], ...]  # each entry: section keys of which one must be present


@dataclass(frozen=True)
class Layout:
    key: str  # BudgetDocument.layout
    name_zh: str
    score: Callable[
        [Sequence[str]], int
    ]  # how strongly the source lines look like this layout (0: not at all)
    required_sections: Required  # what STR003 expects in the 情况说明
    headings: tuple[tuple[str, str], ...] = ()  # unnumbered heading ending -> section key
    prints_code: bool = True  # tables name the department by code (`<code><name>` identity row)
    mixed_money_units: bool = False  # some tables are printed in another money unit by convention
    section_tables: tuple[str, ...] = ()  # section keys whose table the layout prints (procurement, assets)
    notes: str = ""


def _signals(*patterns: str, least: int = 2) -> Callable[[Sequence[str]], int]:
    """Score = how many of the distinct signals occur in the lines (each counted once); 0 below `least`, so
    that one stray phrase does not switch the layout."""
    compiled = [re.compile(p, re.MULTILINE) for p in patterns]

    def score(lines: Sequence[str]) -> int:
        text = "\n".join(line.strip() for line in lines if line and line[0] != "\t")  # one search per signal
        found = sum(1 for p in compiled if p.search(text))
        return found if found >= least else 0

    return score


HEBEI_COUNTY = Layout(
    key="hebei",
    name_zh="河北县区部门预算（九张表 + 情况说明一…十一）",
    score=lambda lines: 0,  # the default: wins when nothing else matches
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
    notes="Identity row `<code><name> | 预算年度：YYYY | 单位：万元` on every table; 财预〔2016〕143号 section list.",
)

SHANGHAI_DISTRICT = Layout(
    key="shanghai",
    name_zh="上海区级部门预算（主要职能、名词解释、编制说明、九张表、其他相关情况说明）",
    score=_signals(r"^编制(部门|单位)\s*[:：]", r"^预算主管部门\s*[:：]", r"部门预算编制说明$"),
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
    prints_code=False,
    mixed_money_units=True,
    notes="Captions `编制部门：<name> 单位：元` instead of identity rows (no code); tables in 元, 三公 in 万元 and "
    "transposed; 三公/机关运行经费/政府采购/绩效/国有资产 numbered 一…五 under 其他相关情况说明; no 其他需要说明的事项.",
)

LAYOUTS: list[Layout] = [HEBEI_COUNTY, SHANGHAI_DISTRICT]
DEFAULT = HEBEI_COUNTY

# Unnumbered headings of every layout, for the section classifier (a heading means the same in any layout).
UNNUMBERED_HEADINGS: tuple[tuple[str, str], ...] = tuple(
    dict.fromkeys(alias for layout in LAYOUTS for alias in layout.headings)
)


def detect_layout(lines: Sequence[str]) -> str:
    """The key of the layout the lines score highest for; the default when none scores.

    >>> detect_layout(["预算主管部门：上海市普陀区商务委员会", "2025年部门预算编制说明"])
    'shanghai'
    >>> detect_layout(["部门预算收支总表", "\\t223沧州经济开发区群众工作中心"]), detect_layout(["2025年部门预算编制说明"])
    ('hebei', 'hebei')
    """
    scores = [(layout.score(lines), -index, layout.key) for index, layout in enumerate(LAYOUTS)]
    score, _, key = max(scores)
    return key if score > 0 else DEFAULT.key


def layout_for(key: str | None) -> Layout:
    """The registered layout of a key (the default for unknown keys).

    >>> layout_for("shanghai").prints_code, layout_for("nowhere").key
    (False, 'hebei')
    """
    return next((layout for layout in LAYOUTS if layout.key == key), DEFAULT)
