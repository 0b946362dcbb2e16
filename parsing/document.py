"""Raw blocks -> BudgetDocument: tables, sections, projects and unit parts found by titles and meaning.

The block loop lives here; what follows a title (rows, captions, notes) is read by parsing.table_runs, and a
part becomes its BudgetDocument in parsing.document_parts.
"""

from __future__ import annotations

from dataclasses import replace

from parsing.blocks import Row, Text, remember_blocks, split_blocks
from parsing.contents import toc_lines
from parsing.document_parts import PartDraft, SectionDraft, part_document
from parsing.errors import ParseError
from parsing.joined_lines import joined_lines
from parsing.layouts import detect, detect_level
from parsing.model import BudgetDocument, Paragraph, ParseProblem, Project, replaced, trusted
from parsing.projects import build_project, project_title
from parsing.repeats import ReadProject, moved_problem, moved_project
from parsing.sections import (
    SECTION_TITLES,
    classify_final_heading,
    classify_heading,
    split_final_heading,
    unheaded_section,
)
from parsing.subsections import final_opening_section
from parsing.table_runs import generic_kind, generic_table, is_project_table, notes_after, rows_after
from parsing.tables import build_table, classify_title
from parsing.text import cover_text
from parsing.unheaded import opens_final_section, opens_section

_PROJECT_SECTIONS = ("performance", "projects", "special_funds")


class _Assembler:
    def __init__(self, file_name: str, lines: tuple[str, ...], joined: str, final: bool = False) -> None:
        """`lines`: the tuple the document keeps (BudgetDocument.lines), under which the split is remembered;
        `joined`: the same lines joined (parsing.joined_lines)."""
        self.file_name = file_name
        self.final = final  # a 决算: its parts have their own section keys (parsing/sections.py)
        self.blocks = split_blocks(lines, joined)
        self.kinds = list(
            map(type, self.blocks)
        )  # Row or Text: table_runs.rows_after finds runs of rows by it
        remember_blocks(lines, self.blocks)
        self.parts: list[PartDraft] = [PartDraft(line=1)]
        self.in_units = False
        self.pending_unit_title: str | None = None
        self.last_line = len(lines)
        self.lines = lines
        self.projects_read: dict[str, list[ReadProject]] = {}  # by title: a part may print a project again

    @property
    def part(self) -> PartDraft:
        return self.parts[-1]

    def run(self) -> list[PartDraft]:
        i = 0
        while i < len(self.blocks):
            i = self.step(i)
        self.part.end_line = self.last_line
        return self.parts

    def step(self, i: int) -> int:
        part = self.parts[-1]  # read ~7 times a step; a new part opens only in table(), which returns
        block = self.blocks[i]
        if (
            entries := toc_lines(self.blocks, i)
        ) is not None:  # the 目录 is skipped; parsing.contents reads it
            return i + 1 + len(entries)
        if isinstance(block, Row):
            self.paragraph(" ".join(t for t in block.texts if t.strip()), block.line)
            return i + 1
        rows, after, caption = rows_after(self.blocks, self.kinds, i + 1)
        key = block.key
        if (table_key := classify_title(block.text)) and rows:
            return self.table(table_key, block, rows, after, caption)
        if rows and project_title(block.text) and (project := self._project(block, rows, after, caption)):
            self._open_project_section(block.line)
            part.projects.append(project)
            return after
        if rows and (kind := generic_kind(key)):
            if not self.final and kind in SECTION_TITLES and opens_section(part, self.blocks, i, kind):
                part.sections.append(SectionDraft(kind, None, SECTION_TITLES[kind], block.line, True))
            note, after = notes_after(self.blocks, after)
            if kind not in part.generic:
                part.generic[kind] = generic_table(block, rows, note)
            return after
        if rows and key.endswith("表") and len(key) <= 40 and not key.startswith("注"):
            message = f"表“{block.text.strip()}”不是标准预算表，其{len(rows)}行未纳入检查"
            part.problems.append(ParseProblem(line=block.line, kind="unknown-table", message=message))
            self.paragraph(block.text, block.line)
            return after  # its cells are no narrative: a row is no heading, a repeated row no copied text
        if self.final and self._final_section(block):
            return i + 1
        if not self.final and (key.startswith("第二部分") or key.endswith("所属单位预算")):
            self.in_units = True
            return i + 1
        if self.in_units and self._next_is_summary(i):
            self.pending_unit_title = block.text
            return i + 1
        if self.final:  # a 决算's parts were looked for above; budget sections are never opened in one
            if (target := final_opening_section(block.text)) and opens_final_section(
                part, self.blocks, i, target
            ):
                part.sections.append(SectionDraft(target, None, SECTION_TITLES[target], block.line, True))
        elif heading := classify_heading(block.text):
            section_key, number, title = heading
            if section_key not in part.seen:
                part.sections.append(SectionDraft(section_key, number, title, block.line))
                return i + 1
        elif (target := unheaded_section(block.text)) and opens_section(part, self.blocks, i, target):
            part.sections.append(SectionDraft(target, None, SECTION_TITLES[target], block.line, True))
        if part.title is None and "情况说明" in key:
            part.title = block.text
            return i + 1
        self.paragraph(block.text, block.line)
        return i + 1

    def _final_section(self, block: Text) -> bool:
        """Whether the block opens a 决算 part (text run on after its heading becomes its first paragraph)."""
        split = split_final_heading(block.text)
        heading = classify_final_heading(split[0] if split else block.text)
        if heading is None:
            return False
        section_key, number, title = heading
        if section_key in self.part.seen:
            return False  # printed again (a 目录 not skipped, a running head): ordinary text
        self.part.sections.append(SectionDraft(section_key, number, title, block.line))
        if split:
            self.paragraph(split[1], block.line)
        return True

    def _project(self, block: Text, rows: list[Row], after: int, caption: Text | None) -> Project | None:
        """The project table under a project title (None when its rows are no project table's), read from its
        rows or, when the same lines were read before, moved from there (parsing.repeats)."""
        part = self.parts[-1]
        end = self.blocks[after].line - 1 if after < len(self.blocks) else self.last_line
        source = self.lines[block.line - 1 : end]
        read = self.projects_read.setdefault(block.text, [])
        for before in read:
            if before.source == source:
                by = block.line - before.project.line
                part.problems += [moved_problem(p, by) for p in before.problems]
                return moved_project(before.project, len(part.projects) + 1, by)
        if not is_project_table(rows):
            return None
        unit_caption = (caption.text, caption.line) if caption else None
        known = len(part.problems)
        project = build_project(
            len(part.projects) + 1, block.text, block.line, rows, part.problems, unit_caption
        )
        read.append(ReadProject(source, project, tuple(part.problems[known:])))
        return project

    def _open_project_section(self, line: int) -> None:
        """Project tables belong to a 绩效/项目/专项 section; without its heading they start one of their own."""
        current = self.part.sections[-1].key if self.part.sections else None
        if current in _PROJECT_SECTIONS or "projects" in self.part.seen or not self.part.sections:
            return
        self.part.sections.append(SectionDraft("projects", None, SECTION_TITLES["projects"], line, True))

    def _next_is_summary(self, i: int) -> bool:
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        return isinstance(nxt, Text) and classify_title(nxt.text) == "summary"

    def table(self, table_key: str, block: Text, rows: list[Row], after: int, caption: Text | None) -> int:
        if table_key == "summary" and (self.part.tables or self.pending_unit_title):
            self.part.end_line = block.line - 1
            self.parts.append(PartDraft(line=block.line, heading=self.pending_unit_title))
            self.pending_unit_title = None
        table = build_table(
            table_key,
            block.text,
            block.line,
            rows,
            self.part.problems,
            caption and (caption.text, caption.line),
        )
        note, after = notes_after(self.blocks, after)
        if note:
            table = replaced(table, empty_note=note.text, empty_note_line=note.line)
        if table_key in self.part.tables:
            self.part.problems.append(
                ParseProblem(
                    line=block.line, kind="duplicate-table", message=f"表“{block.text}”重复出现，保留第一张"
                )
            )
        else:
            self.part.tables[table_key] = table
        return after

    def paragraph(self, text: str, line: int) -> None:
        part = self.parts[-1]
        target = part.sections[-1].paragraphs if part.sections else part.preamble
        # Not validated again (parsing.model.trusted): a str and an int, one per text block of the document.
        target.append(trusted(Paragraph, {"text": text, "line": line}, {"text", "line"}))


def assemble(file_name: str, lines: list[str], joined: str | None = None) -> BudgetDocument:
    """Build the document (`joined`: the lines joined, parsing.joined_lines, when the caller has them); raise
    ParseError when nothing in it looks like a budget disclosure."""
    source = tuple(lines)  # one tuple shared by every part
    joined = joined_lines(source) if joined is None else joined
    found = detect(lines, joined)  # layout and kind from all lines: the text is read once for both
    parts = _Assembler(file_name, source, joined, final=found.kind == "final_accounts").run()
    if not any(p.tables or p.projects or p.sections for p in parts):
        raise ParseError(
            file_name,
            "未识别出部门预算公开内容（没有标准预算表、说明章节或绩效目标表）",
            "no budget disclosure content found (no standard tables, narrative sections or project tables)",
        )
    if parts[0].end_line < len(lines):  # the level is the first part's: part two holds the subordinate units
        found = replace(found, level=detect_level(lines[: parts[0].end_line]))
    units = [part_document(file_name, p, "unit", found, source) for p in parts[1:]]
    return part_document(file_name, parts[0], "department", found, source, cover_text(lines), units)
