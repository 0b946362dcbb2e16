"""Narrative headings: which standard section a heading opens, by keywords rather than by its number."""

from __future__ import annotations

import re
from functools import lru_cache

from parsing.layouts import UNNUMBERED_HEADINGS
from parsing.subsections import opening_section
from parsing.text import normalise_label

# Checked in this order: the first rule whose words all occur wins ("项目…绩效目标" before "绩效").
SECTION_RULES: list[tuple[str, tuple[tuple[str, ...], ...]]] = [
    ("three_public", (("三公",),)),
    ("running_cost", (("机关运行经费", "机关运行费"),)),
    ("special_funds", (("专项资金",),)),
    ("projects", (("项目",), ("绩效",))),
    ("performance", (("绩效",),)),
    ("procurement", (("政府采购",),)),
    ("assets", (("国有资产", "固定资产"),)),
    ("glossary", (("名词解释",),)),
    ("other", (("其他需要说明", "其他事项", "其他说明", "其他重要事项"),)),
    ("overview", (("总体情况", "收支预算", "编制说明", "预算安排情况"),)),
    ("duties", (("职责", "机构设置", "主要职能"),)),
]

SECTION_TITLES = {
    "duties": "部门职责及机构设置情况",
    "overview": "部门预算安排的总体情况",
    "running_cost": "机关运行经费安排情况",
    "three_public": "财政拨款“三公”经费预算情况及增减变化原因",
    "performance": "部门整体绩效目标",
    "special_funds": "部门主管专项资金预算安排情况及绩效目标",
    "projects": "部门项目预算安排情况及绩效目标",
    "procurement": "政府采购预算情况",
    "assets": "国有资产信息",
    "glossary": "名词解释",
    "other": "其他需要说明的事项",
    "final_duties": "主要职能",
    "final_units": "部门决算单位构成",
    "final_tables": "部门决算表",
    "final_overall": "收入支出决算总体情况说明",
    "final_income": "收入决算情况说明",
    "final_expense": "支出决算情况说明",
    "final_fiscal": "财政拨款收入支出决算总体情况说明",
    "final_general": "一般公共预算财政拨款支出决算情况说明",
    "final_basic": "一般公共预算财政拨款基本支出决算情况说明",
    "final_three_public": "财政拨款“三公”经费支出决算情况说明",
    "final_fund": "政府性基金预算财政拨款收入支出决算情况说明",
    "final_capital": "国有资本经营预算财政拨款收入支出决算情况说明",
    "final_performance": "预算绩效管理情况",
    "final_other": "其他重要事项的情况说明",
    "final_running_cost": "机关运行经费支出情况",
    "final_procurement": "政府采购支出情况",
    "final_assets": "国有资产占有使用情况说明",
    "final_glossary": "名词解释",
}
# The 决算 parts in template order (STR003 asks them of a 决算; budget sections are never asked of one).
FINAL_SECTION_ORDER = tuple(k for k in SECTION_TITLES if k.startswith("final_"))
# What STR003 asks of a 决算 (its tables part is asked for table by table: STR001).
FINAL_REQUIRED_SECTIONS = tuple((key,) for key in FINAL_SECTION_ORDER if key != "final_tables")

# Content that opens a section whose heading was left out (国有资产 text without "九、").
UNHEADED_SIGNATURES = {
    "assets": ("上年末固定资产",),
    "other": ("其他需要说明",),
}

# 决算 (final accounts) parts, checked in this order (the first rule whose words all occur wins): 概况 (主要职能,
# 单位构成), 决算表, 情况说明 一–十一 with 其他重要事项's 机关运行经费 / 政府采购 / 国有资产, 名词解释.
FINAL_SECTION_RULES: list[tuple[str, tuple[tuple[str, ...], ...]]] = [
    ("final_glossary", (("名词解释",),)),
    ("final_three_public", (("三公",),)),
    ("final_fund", (("政府性基金", "政府基金"),)),
    ("final_capital", (("国有资本经营",),)),
    ("final_basic", (("一般公共预算",), ("基本支出",))),
    ("final_general", (("一般公共预算",), ("支出",))),
    ("final_fiscal", (("财政拨款收入支出", "财政拨款收支"),)),
    ("final_overall", (("收入支出决算总体", "收支决算总体", "收入支出总体"),)),
    ("final_income", (("收入决算",),)),
    ("final_expense", (("支出决算",),)),
    ("final_performance", (("绩效",),)),
    ("final_other", (("其他重要事项", "其他需要说明", "其他事项", "其他说明"),)),
    ("final_duties", (("主要职能", "职责"),)),
    ("final_units", (("单位构成", "机构设置"),)),
]
# 其他重要事项's sub-parts, numbered （一）（二）（三）: only these parenthesised headings open a section.
FINAL_SUBSECTION_RULES: list[tuple[str, tuple[tuple[str, ...], ...]]] = [
    ("final_running_cost", (("机关运行经费", "机关运行费"),)),
    ("final_procurement", (("政府采购",),)),
    ("final_assets", (("国有资产", "资产占有", "资产占用"),)),
]

# A 决算 heading whose content is its sub-parts (十一、其他重要事项 → （一）机关运行经费 …（三）国有资产).
FINAL_SUBSECTIONS = {"final_other": tuple(key for key, _ in FINAL_SUBSECTION_RULES)}

_HEADING = re.compile(r"^(?P<num>[一二三四五六七八九十]+)\s*[、.．]\s*(?P<title>.{2,60})$")
# Headings printed without a number ("<部门>主要职能", "2025年部门预算编制说明"): the layouts' aliases.
_UNNUMBERED = UNNUMBERED_HEADINGS
_TOC_ENTRY = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|\d+\s*[、.．]|第[一二三四五六七八九十\d]+部分).{1,60}$|.*(…|\.{4,}|·{4,})\s*\d*$"
)


_LEVEL_MARK = re.compile(r"[（(](部门|单位)[）)]")


@lru_cache(maxsize=1 << 12)  # pure; a part's later headings are classified again (unheaded.heading_ahead)
def classify_heading(text: str) -> tuple[str, str | None, str] | None:
    """(key, number, title) when a line opens a standard narrative section; the title keeps its quotes.

    >>> classify_heading("七、部门项目预算安排情况及绩效目标")
    ('projects', '七', '部门项目预算安排情况及绩效目标')
    >>> classify_heading("五、预算绩效信息")[0], classify_heading("二、制度保障")
    ('performance', None)
    >>> classify_heading("十一、机关运行经费：指行政单位和参照公务员法管理的事业单位…")
    >>> classify_heading("上海市普陀区商务委员会主要职能"), classify_heading("四、财政拨款“三公”经费预算情况")
    (('duties', None, '上海市普陀区商务委员会主要职能'), ('three_public', '四', '财政拨款“三公”经费预算情况'))
    """
    key = normalise_label(text)
    if key.endswith(("。", "；", ";", "…")):
        return None
    match = _HEADING.match(key)
    if not match:
        return _unnumbered(text, key)
    title = match["title"]
    if re.search(r"^[^,，。]{2,16}[:：]指", title):  # a glossary entry ("十一、机关运行经费：指…")
        return None
    printed = re.sub(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*", "", text.strip())
    for section, groups in SECTION_RULES:
        if all(any(word in title for word in group) for group in groups):
            return section, match["num"], printed
    return None


def _unnumbered(text: str, key: str) -> tuple[str, None, str] | None:
    """ "…办事处（部门）主要职能": the level in brackets is no sentence punctuation.

    >>> _unnumbered("万里街道办事处（单位）机构设置", "万里街道办事处（单位）机构设置")[0]
    'duties'
    """
    key = _LEVEL_MARK.sub("", key)
    if len(key) > 30 or any(p in key for p in "，,：:（("):
        return None
    for ending, section in _UNNUMBERED:
        if key.endswith(ending):
            return section, None, text.strip()
    return None


def is_toc_entry(text: str) -> bool:
    """A 目录 line: a numbered heading or title, possibly with dot leaders and a page number.

    >>> is_toc_entry("1. 2025年部门财务收支预算总表 ……………… 8"), is_toc_entry("上海市普陀区商务委员会主要职能")
    (True, False)
    """
    return bool(_TOC_ENTRY.match(normalise_label(text)))


_LEADER_PAGE = re.compile(r"(?:…|\.{2,}|·{2,}|-{3,}|_{3,})[….·\-_]*\d*$")


def toc_key(text: str) -> str:
    """A 目录 line's key without its dot leaders and page number: the body prints the same heading without them.

    >>> toc_key("一、部门主要职能 ……………… 3"), toc_key("一、部门主要职能")
    ('一、部门主要职能', '一、部门主要职能')
    """
    return _LEADER_PAGE.sub("", normalise_label(text))


def toc_length(texts: list[str]) -> int:
    """How many of the lines after 目录 are its entries: numbered titles (dot leaders, page numbers), a long part
    title's wrapped tail ("表", "情况说明"), up to the line that prints one of its entries again (the body, when the 目录 runs straight into it).

    >>> toc_length(["第一部分 某局概况", "一、主要职能", "第二部分 某局2024年度部门决算", "表", "一、收入支出决算总表",
    ...             "第一部分 某局概况", "一、主要职能", "某局负责…"])
    5
    >>> toc_length(["一、部门主要职能 ……… 3", "二、名词解释 ……… 5", "某区某局主要职能"])
    2
    >>> toc_length(["一、主要职能", "二、机构设置", "一、主要职能", "正文"])
    2
    >>> toc_length(["一、主要职能 …… 3", "二、机构设置 …… 4", "一、主要职能", "正文"])
    2
    """
    seen: set[str] = set()
    for n, text in enumerate(texts):
        key = toc_key(text)
        tail = n > 0 and len(key) <= 4 and normalise_label(texts[n - 1]).startswith("第")
        if (key in seen and not tail) or not (is_toc_entry(text) or tail):
            return n
        seen.add(key)
    return len(texts)


@lru_cache(maxsize=1 << 12)  # pure; boilerplate paragraphs recur across documents
def unheaded_section(text: str) -> str | None:
    """The section a heading-less paragraph belongs to.

    >>> unheaded_section("保定市徐水区人民政府办公室（含所属单位）上年末固定资产金额为340.69万元")
    'assets'
    """
    key = normalise_label(text)
    for section, words in UNHEADED_SIGNATURES.items():
        if any(w in key for w in words):
            return section
    return opening_section(text)  # a section's own figure: "2024年收入预算总额…", "机关运行经费共计安排…"


_FINAL_PART = re.compile(r"^第[一二三四五六七八九十\d]+部分(?P<title>.{1,60})$")
_FINAL_SUB = re.compile(r"^[（(](?P<num>[一二三四五六七八九十]+)[)）]\s*(?P<title>.{2,40})$")
# A numbered heading run together with the text under it (PDF line joins): the heading ends at its last word.
_FINAL_RUN_ON = re.compile(
    r"^(?P<head>[一二三四五六七八九十]+[、.．]\s*\S{2,40}?(?:情况说明|单位构成|机构设置|管理情况|主要职能))(?P<rest>\S.*)$"
)


def _final_key(title: str, rules: list[tuple[str, tuple[tuple[str, ...], ...]]]) -> str | None:
    return next((k for k, groups in rules if all(any(w in title for w in group) for group in groups)), None)


@lru_cache(maxsize=1 << 12)  # pure; a part's later headings are classified again (unheaded.heading_ahead)
def classify_final_heading(text: str) -> tuple[str, str | None, str] | None:
    """(key, number, title) when a line opens a part of a 决算: 概况's 主要职能/单位构成, the 决算表 part
    ("第二部分 …部门决算表", or "…2024 年度部门决算表" above the tables), 情况说明 一–十一, 其他重要事项's
    （一）机关运行经费 …（三）国有资产, 名词解释.

    >>> classify_final_heading("五、一般公共预算财政拨款支出决算情况说明")
    ('final_general', '五', '一般公共预算财政拨款支出决算情况说明')
    >>> classify_final_heading("六、一般公共预算财政拨款基本支出决算情况说明")[0], classify_final_heading("二、收入决算情况说明")[0]
    ('final_basic', 'final_income')
    >>> classify_final_heading("（二）政府采购支出情况"), classify_final_heading("（一）一般公共预算财政拨款支出决算总体情况")
    (('final_procurement', '二', '政府采购支出情况'), None)
    >>> classify_final_heading("上海市规划和自然资源局 2024 年度部门决算表")[0], classify_final_heading("第四部分 名词解释")[0]
    ('final_tables', 'final_glossary')
    >>> classify_final_heading("十、“三公”经费：指单位使用本级财政拨款安排的…"), classify_final_heading("收入决算表")
    (None, None)
    """
    key = normalise_label(text)
    if key.endswith(("。", "；", ";", "…")):
        return None
    if sub := _FINAL_SUB.match(key):
        found = _final_key(sub["title"], FINAL_SUBSECTION_RULES)
        return (found, sub["num"], _strip_number(text)) if found else None
    part = _FINAL_PART.match(key)
    if (part and part["title"].endswith("决算表")) or (not part and re.fullmatch(r".{2,40}部门决算表", key)):
        return "final_tables", None, text.strip()
    if part:
        found = _final_key(
            part["title"], FINAL_SECTION_RULES[:1]
        )  # 第四部分 名词解释; 概况/情况说明 are parts only
        return (found, None, text.strip()) if found else None
    match = _HEADING.match(key)
    if not match or re.search(
        r"^[^,，。]{2,16}[:：]指", match["title"]
    ):  # a glossary entry ("十一、机关运行经费：指…")
        return None
    found = _final_key(match["title"], FINAL_SECTION_RULES)
    return (found, match["num"], _strip_number(text)) if found else None


def split_final_heading(text: str) -> tuple[str, str] | None:
    """A 决算 heading and the text run on after it on one line, when the heading opens a part.

    >>> split_final_heading("九、国有资本经营预算财政拨款收入支出决算情况说明某局 2024 年度无国有资本经营预算财政拨款收入和支出。")
    ('九、国有资本经营预算财政拨款收入支出决算情况说明', '某局 2024 年度无国有资本经营预算财政拨款收入和支出。')
    >>> split_final_heading("二、部门决算单位构成（仅有一个单位的部门…）从预算单位构成看，…")[0]
    '二、部门决算单位构成'
    """
    match = _FINAL_RUN_ON.match(text.strip())
    if not match or classify_final_heading(match["head"]) is None:
        return None
    return match["head"], match["rest"]


def _strip_number(text: str) -> str:
    return re.sub(
        r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])\s*", "", text.strip()
    )
