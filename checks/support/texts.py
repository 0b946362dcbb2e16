"""Every piece of free text a part prints, with its place: the reading that text rules share.

Sections, the preamble and text the section parser could not place, project titles and fields (资金用途, 绩效目标,
indicator names, descriptions, values and bases) and table notes. Table cells holding amounts are not text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checks.support.lookup import per_part, table_name
from parsing.model import BudgetDocument, Project


@dataclass(frozen=True)
class Passage:
    """One paragraph, cell or note: its text and where a reader finds it."""

    text: str
    line: int | None
    where: str  # "部门职责及机构设置情况", "项目“X”", "收支总表注" …
    project: str | None = None
    field: str | None = None  # the project or table field ("资金用途", "三级指标" …)

    @property
    def label(self) -> str:
        """Where, for a message: the section, or the project and its field."""
        return f"{self.where}{self.field or ''}" if self.project else self.where


def cell_line(doc: BudgetDocument, text: str, first: int | None, last: int | None) -> int | None:
    """The source line between `first` and `last` whose stripped text is `text` (else `first`)."""
    if first is None:
        return last
    wanted = text.strip()
    for number in range(first, min(last or first, len(doc.lines)) + 1):
        if doc.lines[number - 1].strip() == wanted:
            return number
    return first


def _project_passages(doc: BudgetDocument, project: Project) -> Iterator[Passage]:
    owner = f"项目“{project.name}”"
    yield Passage(project.title, project.line, owner, project.name, "标题")
    yield Passage(project.purpose, project.purpose_line or project.line, owner, project.name, "资金用途")
    yield Passage(project.goal, project.goal_line or project.line, owner, project.name, "绩效目标")
    for ind in project.indicators:
        first = ind.row_line or ind.line
        fields = (("三级指标", ind.level3), ("指标描述", ind.description), ("指标值", ind.value))
        for label, text in (*fields, ("指标值确定依据", ind.basis)):
            last = ind.line + 2 if label == "指标值确定依据" else ind.line
            yield Passage(text, cell_line(doc, text, first, last), owner, project.name, label)


def _scan(doc: BudgetDocument) -> tuple[Passage, ...]:
    out: list[Passage] = [Passage(p.text, p.line, "开篇") for p in doc.preamble]
    for section in doc.sections:
        out.extend(Passage(p.text, p.line, section.title) for p in section.paragraphs)
    for project in doc.projects:
        out.extend(_project_passages(doc, project))
    for table in doc.tables.values():
        if table.empty_note:
            out.append(Passage(table.empty_note, table.empty_note_line, f"{table_name(table)}注"))
    seen: set[tuple[str, int | None, str | None]] = set()
    kept = []
    for passage in out:
        key = (passage.text.strip(), passage.line, passage.field)
        if passage.text.strip() and key not in seen:
            seen.add(key)
            kept.append(passage)
    return tuple(kept)


def passages(doc: BudgetDocument) -> tuple[Passage, ...]:
    """Every non-blank passage of free text in the part, in reading order of its kind (narrative, projects, notes)."""
    return per_part("passages", doc, _scan)


_ENDS = tuple("。！？：:!?")  # "；" ends a clause, and PDFs break lines after it inside a sentence
_STARTS_ITEM = re.compile(
    r"^\s*([（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[①-⑳]|第[一二三四五六七八九十\d]+部分)"
)


@dataclass(frozen=True)
class Item:
    """Passages joined where a PDF line break cut one sentence (same place, next line, no sentence end)."""

    text: str
    where: str
    project: str | None
    field: str | None
    starts: tuple[tuple[int, int | None], ...]  # (offset in text, source line) of each joined passage

    @property
    def line(self) -> int | None:
        return self.starts[0][1]

    @property
    def label(self) -> str:
        return f"{self.where}{self.field or ''}" if self.project else self.where

    def line_at(self, offset: int) -> int | None:
        """The source line of the character at `offset`."""
        begin, line = self.starts[0]
        for start, number in self.starts:
            if start > offset:
                break
            begin, line = start, number
        # A cell continued on TAB-less lines ("1.…\n2.…") keeps its breaks: one source line each.
        return None if line is None else line + self.text.count("\n", begin, offset)


def _continues(doc: BudgetDocument, before: Passage, after: Passage) -> bool:
    if not doc.pages or (before.where, before.project, before.field) != (
        after.where,
        after.project,
        after.field,
    ):
        return False
    if before.line is None or after.line is None or not 0 < after.line - before.line <= 3:
        return False
    text = before.text.strip()
    # A wrapped line runs to the margin; a short one (a title, a heading) ends its paragraph.
    return len(text) >= 22 and not text.endswith(_ENDS) and not _STARTS_ITEM.match(after.text)


def _join(doc: BudgetDocument) -> tuple[Item, ...]:
    out: list[Item] = []
    group: list[Passage] = []
    for passage in (*passages(doc), None):
        if group and passage is not None and _continues(doc, group[-1], passage):
            group.append(passage)
            continue
        if group:
            starts, offset = [], 0
            for member in group:
                starts.append((offset, member.line))
                offset += len(member.text.strip())
            first = group[0]
            text = "".join(m.text.strip() for m in group)
            out.append(Item(text, first.where, first.project, first.field, tuple(starts)))
        group = [passage] if passage is not None else []
    return tuple(out)


def items(doc: BudgetDocument) -> tuple[Item, ...]:
    """The part's passages with PDF line breaks inside a sentence undone (other input: one item per passage)."""
    return per_part("text_items", doc, _join)
