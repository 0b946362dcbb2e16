"""Where a text names its own document or publisher: the level (部门/单位) and kind (预算/决算) patterns, the
places read (text, headings, table titles) and the matches the two wording rules report."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

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
LEVEL_PATTERNS = {word: _level_patterns(word) for word in LEVEL_WORD.values()}


def _kind_patterns(word: str) -> tuple[re.Pattern[str], ...]:
    """Where `word` (预算 or 决算) names the document: "部门决算情况说明", "现将…部门预算公开如下"."""
    patterns = [
        rf"(?<!预)(?:部门|单位){word}{_DOC_NAME}",
        rf"(?<![预决])现将[^，。；]{{0,40}}?(?P<w>(?:部门|单位)?(?<!预)(?<!决){word}(?:信息)?公开)",
    ]
    if word == "决算":
        patterns.append(r"(?<!预)决算(?:总体)?情况说明")
    return tuple(re.compile(p) for p in patterns)


KIND_PATTERNS = {word: _kind_patterns(word) for word in KIND_WORD.values()}
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


def places(doc: BudgetDocument, word: str) -> Iterator[Place]:
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


# The titles that start with a level word, compiled at import (as LEVEL_PATTERNS): (table, heading) per word.
TITLE_STARTS = {
    word: (_starts_with(word), _starts_with(word, "(?:职责|预算|决算|整体绩效|项目)"))
    for word in LEVEL_WORD.values()
}
# The word with blanks allowed between its characters, for each word the two rules look for.
_SPACED = {word: re.compile(r"\s*".join(word)) for word in (*LEVEL_WORD.values(), *KIND_WORD.values())}


def compact(text: str) -> str:
    """The text without blanks: PDFs print "2024 年度部门决算"."""
    return _BLANK.sub("", text)


def _masked(text: str) -> str:
    """The text with what 《》 quote blotted out (same length): a law's title names no document."""
    return _QUOTED.sub(lambda m: "《" + "·" * (len(m.group(0)) - 2) + "》", text)


def first_match(
    place: Place, patterns: tuple[re.Pattern[str], ...], year: int | None = None
) -> re.Match[str] | None:
    text = _masked(compact(place.text))
    found = [m for p in patterns if (m := p.search(text))]
    if year is not None:  # the first of `year`'s 决算
        own = next((m for m in _YEAR_FINAL.finditer(text) if m["year"] == str(year)), None)
        found += [own] if own else []
    return min(found, key=lambda m: m.start()) if found else None


_YEAR_BEFORE = re.compile(r"(\d{4})年度?$")


def other_year(match: re.Match[str], year: int | None) -> bool:
    """The words follow another year than the document's ("详见2023年部门决算公开"): another document, not this one."""
    group = "w" if "w" in match.re.groupindex else 0
    before = _YEAR_BEFORE.search(match.string, 0, match.start(group))
    return before is not None and year is not None and int(before.group(1)) != year


_FINAL_TITLE = re.compile(r"(?<!预)决算")
_BUDGET_TITLE = re.compile(r"预算(?:总)?表$")


def wrong_table_title(title: str, own: str) -> re.Match[str] | None:
    """A budget table titled as a 决算 table ("支出决算表"), or a 决算 table titled as a budget one ("收入预算总表")."""
    if own == "预算":
        return _FINAL_TITLE.search(title)
    return None if "决算" in title else _BUDGET_TITLE.search(title)
