"""Level and kind wording: a 单位 disclosure that calls itself 部门 (and the other way round), a budget that names
itself 决算 (and the other way round), in the text, the section headings and the table titles.

Only words that name the document or the one who publishes it are read, never a word with uses of its own:
- the publisher: "本部门" in a 单位 disclosure ("本单位" in a 部门 disclosure is left alone: a department that is a
  single unit says so);
- the document: "2025年部门预算", "部门预算信息公开情况说明", "部门预算编制说明", "部门预算安排的总体情况",
  "现将…部门预算公开如下", a table title "2025年部门收入预算总表";
- never "所属单位", "预算单位", "主管部门", "各部门（单位）", "部门预算经济分类", "纳入部门预算", nor the 名词解释.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from checks.support.texts import items_with
from parsing.model import BudgetDocument

LEVEL_WORD = {"department": "部门", "unit": "单位"}
KIND_WORD = {"budget": "预算", "final_accounts": "决算"}
_BLANK = re.compile(r"\s+")
_QUOTED = re.compile(r"《[^《》]*》")  # titles of laws and rules ("《部门预算管理办法》") name no document
_DOC_NAME = r"(?:信息)?(?:公开|编制说明|情况说明|安排的?总体情况|安排情况|收支总表)"
_NOT_OWN = r"(?<!主管)(?<!所属)(?<!下属)(?<!上级)(?<!基层)(?<!二级)(?<!其他)(?<!各)(?<!预算)(?<!纳入)(?<!列入)(?<!编入)"


def _level_patterns(word: str) -> tuple[re.Pattern[str], ...]:
    """Where `word` (部门 or 单位) names the document or its publisher."""
    patterns = [
        rf"(?<!入\d{{4}}年)(?:(?<=\d年)|(?<=\d年度)){word}(?:预算|决算)",  # "2025年部门预算", not "纳入2025年…"
        rf"{_NOT_OWN}{word}(?:预算|决算){_DOC_NAME}",  # "部门预算信息公开情况说明"
    ]
    # "本单位" (and "本单位预算收入…") is how a department that is one unit speaks of itself: only "本部门" is read.
    if word == "部门":
        patterns.append(r"本部门(?![（(/、和及]单位)")  # "本部门（单位）" covers both levels
    return tuple(re.compile(p) for p in patterns)


# Compiled at import for both levels: a process's first part of the other level would compile them in its checks.
_LEVEL_PATTERNS = {word: _level_patterns(word) for word in LEVEL_WORD.values()}


def _kind_patterns(word: str) -> tuple[re.Pattern[str], ...]:
    """Where `word` (预算 or 决算) names the document: "部门决算情况说明", "现将…部门预算公开如下"."""
    patterns = [
        rf"(?<!预)(?:部门|单位){word}{_DOC_NAME}",
        rf"(?<![预决])现将[^，。；]{{0,40}}?(?P<w>(?:部门|单位)?(?<!预)(?<!决){word}(?:信息)?公开)",
    ]
    if word == "决算":
        patterns.append(r"(?<!预)决算(?:总体)?情况说明")
    return tuple(re.compile(p) for p in patterns)


_KIND_PATTERNS = {word: _kind_patterns(word) for word in KIND_WORD.values()}
# A budget's own year's 决算 ("2025年部门决算"; it does not exist yet): one pattern for every year, the year compared
# after the match (a pattern per year would be compiled in the checks of a process's first document of that year).
_YEAR_FINAL = re.compile(r"(?<!\d)(?P<year>\d+)年度?(?:部门|单位)?决算")


_GLOSSARY = ("glossary", "final_glossary")  # the 名词解释 of a budget and of a 决算


@dataclass(frozen=True)
class Place:
    text: str
    line: int | None
    where: str
    kind: str = "text"  # "text", "heading" or "table" (a table title)
    project: str | None = None
    field: str | None = None


def _places(doc: BudgetDocument, word: str) -> Iterator[Place]:
    """The text (title, opening, sections, notes, projects), headings and table titles of the part that print the
    word (blanks between its characters allowed); the 名词解释 left out (it defines both words)."""
    glossary = {s.title for s in doc.sections if s.key in _GLOSSARY}
    tables = [*doc.tables.values(), *(g for g in (doc.organisations, doc.procurement, doc.assets) if g)]
    table_titles = {(t.title.strip(), t.line) for t in tables}
    for item in items_with(doc, _SPACED[word]):
        if item.where not in glossary:
            kind = "table" if (item.text, item.line) in table_titles else "text"
            yield Place(item.text, item.line_at(0), item.where, kind, item.project, item.field)
    for section in doc.sections:
        if not section.heading_missing and section.key not in _GLOSSARY:
            yield Place(section.title, section.line, "章节标题", "heading")


def _starts_with(word: str, after: str = "") -> re.Pattern[str]:
    """A title that starts with the word: a table title ("2025年部门收入预算总表", "部门预算收支总表") or a heading
    ("一、部门职责及机构设置情况", `after` the word)."""
    return re.compile(rf"^(?:[一二三四五六七八九十]+、)?(?:\d{{4}}年度?)?{word}{after}")


# The titles that start with a level word, compiled at import (as _LEVEL_PATTERNS): (table, heading) per word.
_TITLE_STARTS = {
    word: (_starts_with(word), _starts_with(word, "(?:职责|预算|决算|整体绩效|项目)"))
    for word in LEVEL_WORD.values()
}
# The word with blanks allowed between its characters, for each word the two rules look for.
_SPACED = {word: re.compile(r"\s*".join(word)) for word in (*LEVEL_WORD.values(), *KIND_WORD.values())}


def _compact(text: str) -> str:
    """The text without blanks: PDFs print "2024 年度部门决算"."""
    return _BLANK.sub("", text)


def _masked(text: str) -> str:
    """The text with what 《》 quote blotted out (same length): a law's title names no document."""
    return _QUOTED.sub(lambda m: "《" + "·" * (len(m.group(0)) - 2) + "》", text)


def _found(
    place: Place, patterns: tuple[re.Pattern[str], ...], year: int | None = None
) -> re.Match[str] | None:
    text = _masked(_compact(place.text))
    found = [m for p in patterns if (m := p.search(text))]
    if year is not None:  # the first of `year`'s 决算
        found += [m for m in _YEAR_FINAL.finditer(text) if m["year"] == str(year)][:1]
    return min(found, key=lambda m: m.start()) if found else None


def _hit(place: Place, match: re.Match[str], text: str, wrong: str, right: str, what: str) -> Hit:
    group = "w" if "w" in match.re.groupindex else 0
    said, start, end = match.group(group), match.start(group), match.end(group)
    quote = text[max(0, start - 16) : end + 10]
    return Hit(
        message=f"{place.where}：{what}，文中称“{said}”，应为“{said.replace(wrong, right)}”（“…{quote}…”）",
        line=place.line,
        row=place.field or place.where,
        project=place.project,
        hint=f"把指本文件的“{wrong}”改为“{right}”，并核对这段文字是否从其他文件沿用。",
    )


@register(
    "TXT022",
    "level-wording",
    title="文中部门/单位措辞与文件层级不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def level_wording(doc: BudgetDocument) -> Iterator[Hit]:
    """单位预算（决算）公开文件的文字、标题和表名不称本文件为“部门预算”、不自称“本部门”；部门公开文件不称本文件为
    “单位预算”。

    为什么：单位公开文件由部门公开文件的模板改写而来，留下的“本部门”“部门预算”说明模板没有改完，读者会误以为这是
    整个部门的数字。“所属单位”“预算单位”“主管部门”“各部门（单位）”、名词解释中的定义和“部门预算经济分类”
    有各自的含义，不报告。
    示例：单位公开文件中“现将XX中心2025年部门预算公开如下”和“本部门共有车辆2辆”各报告一条，应为“单位预算”
    “本单位”；部门公开文件中“第二部分 部门所属单位预算”和“所属单位预算”不报告。
    """
    own = LEVEL_WORD[doc.level]
    other = LEVEL_WORD["unit" if doc.level == "department" else "department"]
    what = f"本文件是{own}公开文件"
    patterns = _LEVEL_PATTERNS[other]
    table_start, heading_start = _TITLE_STARTS[other]
    titles = {
        "table": (table_start,),
        "heading": (*patterns, heading_start),
        "text": patterns,
    }
    for place in _places(doc, other):
        text = _compact(place.text)
        match = _found(place, titles[place.kind])
        if match:
            yield _hit(place, match, text, other, own, what)


@register(
    "TXT023",
    "kind-wording",
    title="文中预算/决算措辞与文件类型不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def kind_wording(doc: BudgetDocument) -> Iterator[Hit]:
    """预算公开文件不把本文件称作“决算”（“部门决算情况说明”“本年度的部门决算”、决算表名），决算公开文件不把本文件
    称作“预算”（“部门预算编制说明”“现将…部门预算公开如下”、预算表名）。

    为什么：预算和决算的文字常互相套用模板；称错了文件类型，读者分不清这里的数字是年初安排还是全年实际支出。与上年
    决算数比较（“比2023年决算数增加”）、“预决算公开”“年初预算”“预算数”各有含义，不报告。
    示例：2025年预算中“本部门2025年部门决算如下”和表名“一般公共预算财政拨款支出决算表”各报告一条，应为“预算”；
    2024年决算中“部门预算信息公开情况说明”报告一条；“《地方预决算公开操作规程》”和“完成年初预算的95%”不报告。
    """
    own = KIND_WORD[doc.kind]
    other = KIND_WORD["budget" if doc.kind == "final_accounts" else "final_accounts"]
    what = f"本文件是{own}公开文件"
    patterns = _KIND_PATTERNS[other]
    year = doc.budget_year if other == "决算" else None  # a budget's own year's 决算
    for place in _places(doc, other):
        text = _compact(place.text)
        match = _wrong_table_title(text, own) if place.kind == "table" else _found(place, patterns, year)
        if match and not _other_year(match, doc.budget_year):
            yield _hit(place, match, text, other, own, what)


_YEAR_BEFORE = re.compile(r"(\d{4})年度?$")


def _other_year(match: re.Match[str], year: int | None) -> bool:
    """The words follow another year than the document's ("详见2023年部门决算公开"): another document, not this one."""
    group = "w" if "w" in match.re.groupindex else 0
    before = _YEAR_BEFORE.search(match.string, 0, match.start(group))
    return before is not None and year is not None and int(before.group(1)) != year


_FINAL_TITLE = re.compile(r"(?<!预)决算")
_BUDGET_TITLE = re.compile(r"预算(?:总)?表$")


def _wrong_table_title(title: str, own: str) -> re.Match[str] | None:
    """A budget table titled as a 决算 table ("支出决算表"), or a 决算 table titled as a budget one ("收入预算总表")."""
    if own == "预算":
        return _FINAL_TITLE.search(title)
    return None if "决算" in title else _BUDGET_TITLE.search(title)
