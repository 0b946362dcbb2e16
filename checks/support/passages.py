"""Every piece of free text a part prints, with its place: the passages that text rules share.

The part's title, sections, the preamble and text the section parser could not place, project titles and fields
(资金用途, 绩效目标, indicator names, descriptions, values and bases), the titles and notes of the standard tables
and of the 机构设置, 政府采购 and 固定资产 tables. Table cells holding amounts are not text. Read once per part;
checks.support.texts joins and searches them.
"""

from __future__ import annotations

from functools import partial
from itertools import chain, compress, cycle, repeat
from operator import attrgetter, itemgetter, ne, not_, sub
from typing import NamedTuple

from checks.support.lookup import part_text, per_part, table_name
from parsing.model import BudgetDocument, Indicator, Project


class Passage(NamedTuple):
    """One paragraph, cell or note (or, from items(), several PDF lines of one sentence) and where a reader finds it."""

    text: str  # stripped
    where: str  # "部门职责及机构设置情况", "项目“X”", "收支总表注" …
    project: str | None
    field: str | None  # the project or table field ("资金用途", "三级指标" …)
    line: int | None
    joined: tuple[tuple[int, int | None], ...] = ()  # PDF lines joined: (offset in text, source line) of each

    @property
    def label(self) -> str:
        """Where, for a message: the section, or the project and its field."""
        return f"{self.where}{self.field or ''}" if self.project else self.where

    def line_at(self, offset: int) -> int | None:
        """The source line of the character at `offset`."""
        begin, line = 0, self.line
        for start, number in self.joined:
            if start > offset:
                break
            begin, line = start, number
        # A cell continued on TAB-less lines ("1.…\n2.…") keeps its breaks: one source line each.
        return None if line is None else line + self.text.count("\n", begin, offset)


# Passage(...) without the Python frame of its generated __new__: a part holds about a thousand passages.
_new_passage = partial(tuple.__new__, Passage)


def _passage(
    text: str, line: int | None, where: str, project: str | None = None, field: str | None = None
) -> Passage:
    return _new_passage((text.strip(), where, project, field, line, ()))


def cell_line(doc: BudgetDocument, text: str, first: int | None, last: int | None) -> int | None:
    """The source line between `first` and `last` whose stripped text is `text` (else `first`)."""
    if first is None:
        return last
    return _line_among(doc.lines, text.strip(), first, min(last or first, len(doc.lines))) or first


_INDICATOR_LABELS = ("三级指标", "指标描述", "指标值", "指标值确定依据")
_INDICATOR_STEPS = (-2, -1, 0, 1)  # each cell's line from the 指标值 cell's, one cell a line
# An indicator's 指标值 line, its row's first line and its cells in _INDICATOR_LABELS order.
_FIELDS = attrgetter("line", "row_line", "level3", "description", "value", "basis")
_NONE = repeat(())  # joined: no PDF lines joined


def _project_passages(doc: BudgetDocument, project: Project, out: list[Passage]) -> None:
    owner, name = f"项目“{project.name}”", project.name
    out.append(_passage(project.title, project.line, owner, name, "标题"))
    out.append(_passage(project.purpose, project.purpose_line or project.line, owner, name, "资金用途"))
    out.append(_passage(project.goal, project.goal_line or project.line, owner, name, "绩效目标"))
    if project.indicators:
        _indicator_passages(doc, project.indicators, owner, name, out)


def _indicator_passages(
    doc: BudgetDocument, indicators: list[Indicator], owner: str, name: str, out: list[Passage]
) -> None:
    """The project's indicator cells, each looked up among the stripped lines of the indicator rows, read once.

    Built a project at a time with map and zip (about 30 cells a project, 800 a part): only a cell whose line guess
    fails takes a step of its own. Blank cells are kept here; _scan drops every blank passage.
    """
    lines, count = doc.lines, len(doc.lines)
    # Each indicator's fields read once (the mismatch loop below reads these, not the model) and transposed.
    ats, rows, *columns = zip(*map(_FIELDS, indicators), strict=True)
    low, high = min(ats) + _INDICATOR_STEPS[0], max(ats) + _INDICATOR_STEPS[-1]  # the lines guessed
    # Where a cell's search may start: its row's first line (else its 指标值 line, which is above `low` anyway).
    start = min(filter(None, rows), default=low)
    if start < 1 or low < 1 or high > count:  # a row line below 1 or a guess off the text: cell by cell
        for ind in indicators:
            _indicator_passages_alone(doc, ind, owner, name, out)
        return
    first_line = min(start, low)  # the source line of stripped[0]
    # A cell's search runs from its row's first line to its 指标值 line + 2.
    stripped = list(map(str.strip, lines[first_line - 1 : min(high + 1, count)]))
    cells = list(map(str.strip, chain.from_iterable(zip(*columns, strict=True))))
    # A guess holds unless a cell spans lines or is merged.
    guesses = [at + step for at in ats for step in _INDICATOR_STEPS]
    found = map(stripped.__getitem__, map(sub, guesses, repeat(first_line)))
    for index in compress(range(len(cells)), map(ne, cells, found)):
        text = cells[index]
        if not text:
            continue
        at, step = ats[index >> 2], _INDICATOR_STEPS[index & 3]
        # cell_line's search, from the row's first line to the 指标值 line (its line + 2 for a later cell);
        # list.index stops at the last line read (the last source line at most), not below 0: clamped
        first, stop = rows[index >> 2] or at, (at + 3 if step > 0 else at + 1) - first_line
        try:
            guesses[index] = first_line + stripped.index(text, first - first_line, stop if stop > 0 else 0)
        except ValueError:
            guesses[index] = first
    out.extend(
        map(
            tuple.__new__,  # as _new_passage, without partial's call in between
            repeat(Passage),
            zip(cells, repeat(owner), repeat(name), cycle(_INDICATOR_LABELS), guesses, _NONE),
        )
    )


def _indicator_passages_alone(
    doc: BudgetDocument, ind: Indicator, owner: str, name: str, out: list[Passage]
) -> None:
    lines, count, first = doc.lines, len(doc.lines), ind.row_line or ind.line
    for raw, label, step in zip(
        (ind.level3, ind.description, ind.value, ind.basis), _INDICATOR_LABELS, _INDICATOR_STEPS, strict=True
    ):
        text = raw.strip()
        if not text:
            continue
        line = ind.line + step  # the guess holds unless a cell spans lines or is merged
        if not (0 < line <= count and lines[line - 1].strip() == text):
            line = cell_line(doc, text, first, ind.line + 2 if step > 0 else ind.line)
        out.append(_new_passage((text, owner, name, label, line, ())))


_BLOCK = 512  # source lines joined at a time by _line_after: what it looks for is often near where it starts


def _line_after(doc: BudgetDocument, text: str, first: int) -> int | None:
    """The first source line from `first` on whose stripped text is `text` (a note printed under its table).

    One search in the lines joined a block at a time, not a test on every line; from the part's first line (its
    title, often printed again after a table of contents two thousand lines on) in the part's lines joined once
    (checks.support.lookup.part_text, which source_lines searches too)."""
    wanted, lines = text.strip(), doc.lines
    last = min(doc.end_line, len(lines))
    if first < 1 or not wanted or "\n" in wanted:
        return _line_among(lines, wanted, first, last)
    if first == doc.line and (joined := part_text(doc)) is not None:  # from the part's first line: its title
        return _line_found(lines, wanted, joined, first)
    for start in range(first, last + 1, _BLOCK):
        stop = min(start + _BLOCK - 1, last)
        block = "\n".join(lines[start - 1 : stop])
        if block.count("\n") != stop - start:  # a line holding a line break: line by line
            if (number := _line_among(lines, wanted, start, stop)) is not None:
                return number
            continue
        if (number := _line_found(lines, wanted, block, start, 0)) is not None:
            return number
    return None


def _line_found(lines: tuple[str, ...], wanted: str, joined: str, first: int, breaks: int = 1) -> int | None:
    """The first line holding `wanted` whose stripped text it is, in `joined`: lines joined, the line `first` after
    `breaks` line breaks (0 or 1)."""
    at, number, counted = joined.find(wanted), first - breaks, 0
    while at >= 0:  # each line holding the text, in order
        number += joined.count("\n", counted, at)
        counted = at
        if lines[number - 1].strip() == wanted:
            return number
        at = joined.find(wanted, at + 1)
    return None


def _line_among(lines: tuple[str, ...], wanted: str, first: int, last: int) -> int | None:
    for number in range(first, last + 1):
        line = lines[number - 1]
        if wanted in line and line.strip() == wanted:  # the `in` test first: it allocates nothing
            return number
    return None


_TEXT = itemgetter(0)
_SAME_PASSAGE = itemgetter(0, 4, 3)  # (text, line, field): one passage, whichever place names it
_PLACE = itemgetter(4, 3)  # (line, field): quicker to hash than the texts (most of them never hashed yet)


def _scan(doc: BudgetDocument) -> tuple[Passage, ...]:
    out: list[Passage] = []
    if doc.title:
        out.append(_passage(doc.title, _line_after(doc, doc.title, doc.line), "标题"))
    out.extend(_passage(p.text, p.line, "开篇") for p in doc.preamble)
    for section in doc.sections:
        out.extend(_passage(p.text, p.line, section.title) for p in section.paragraphs)
    for project in doc.projects:
        _project_passages(doc, project, out)
    for table in doc.tables.values():
        out.append(_passage(table.title, table.line, f"{table_name(table)}表题"))
        if table.empty_note:
            out.append(_passage(table.empty_note, table.empty_note_line, f"{table_name(table)}注"))
    for generic in (doc.organisations, doc.procurement, doc.assets):
        if generic is not None:  # 机构设置、政府采购、固定资产占用情况表: their titles and notes
            name = generic.title.strip()
            out.append(_passage(generic.title, generic.line, f"{name}表题"))
            if generic.empty_note:
                note_line = _line_after(doc, generic.empty_note, generic.line)
                out.append(_passage(generic.empty_note, note_line, f"{name}注"))
    if len(set(map(_PLACE, out))) == len(out):  # no two share a line and field, so none is named twice
        return tuple(filter(_TEXT, out))
    first = dict(zip(map(_SAME_PASSAGE, out), out, strict=True))
    if len(first) < len(out):  # a passage named twice (seldom): keep where it came first
        first.clear()
        for key, passage in zip(map(_SAME_PASSAGE, out), out, strict=True):
            first.setdefault(key, passage)
    return tuple(filter(_TEXT, first.values()))


def passages(doc: BudgetDocument) -> tuple[Passage, ...]:
    """Every non-blank passage of free text in the part, in reading order of its kind (narrative, projects, notes)."""
    return per_part("passages", doc, _scan)


_PROJECT = itemgetter(2)


def narrative_passages(doc: BudgetDocument) -> tuple[Passage, ...]:
    """The passages outside the project tables (no project named), in the order of passages(): the title, the
    opening, the sections, table titles and notes. Picked once per part: several rules read only these."""
    return per_part("narrative_passages", doc, _narrative)


def _narrative(doc: BudgetDocument) -> tuple[Passage, ...]:
    every = passages(doc)
    return tuple(compress(every, map(not_, map(_PROJECT, every))))
