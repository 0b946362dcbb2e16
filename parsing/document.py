"""Raw blocks -> BudgetDocument: tables, sections, projects and unit parts found by titles and meaning."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from parsing.blocks import Row, Text, remember_blocks, split_blocks
from parsing.contents import toc_lines
from parsing.errors import ParseError
from parsing.explanations import budget_items
from parsing.layouts import Detection, detect, detect_level, layout_for
from parsing.model import (
    BudgetDocument,
    Cell,
    GenericTable,
    Paragraph,
    ParseProblem,
    Project,
    Section,
    Table,
    trusted,
)
from parsing.projects import build_project, project_title, settle_plan_units
from parsing.sections import (
    SECTION_TITLES,
    classify_final_heading,
    classify_heading,
    split_final_heading,
    unheaded_section,
)
from parsing.subsections import final_opening_section
from parsing.tables import build_table, classify_title
from parsing.text import cover_text, normalise_label
from parsing.unheaded import opens_final_section, opens_section
from parsing.units import settle_units

_IDENTITY = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+部分)?(?P<name>.+?)(?P<year>20\d{2})年度?(部门|单位)[预决]算"
)
_PROJECT_SECTIONS = ("performance", "projects", "special_funds")
_NOTE = re.compile(
    r"^(注|说明[:：]|.{0,60}在本表下方作.{0,10}说明)"
)  # the last: a 决算 template's instruction
_EMPTY = re.compile(r"空表|无数据|没有|本(部门|单位)无")
_CAPTION = re.compile(r"^(编制(部门|单位)[:：].*|单位[:：](万元|元))$")  # lines between a title and its rows


@dataclass
class _Section:
    key: str
    number: str | None
    title: str
    line: int
    heading_missing: bool = False
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class _Part:
    line: int
    title: str | None = None
    heading: str | None = None
    tables: dict[str, Table] = field(default_factory=dict)
    sections: list[_Section] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    generic: dict[str, GenericTable] = field(default_factory=dict)
    preamble: list[Paragraph] = field(default_factory=list)
    problems: list[ParseProblem] = field(default_factory=list)
    end_line: int = 0

    @property
    def seen(self) -> set[str]:
        return {s.key for s in self.sections}


def _rows_after(blocks: list, start: int) -> tuple[list[Row], int, Text | None]:
    """Consecutive rows from `start`, stepping over caption lines ("单位：万元", "编制部门：… 单位：元")."""
    rows: list[Row] = []
    add = rows.append
    caption = None
    i, end = start, len(blocks)
    while i < end:
        block = blocks[i]
        if block.__class__ is Row:  # blocks are exactly Row or Text
            add(block)
        elif _CAPTION.match(block.key):
            caption = caption or block
        else:
            break
        i += 1
    return rows, i, caption


def _notes_after(blocks: list, start: int) -> tuple[Text | None, int]:
    """The 注 (决算: 说明) lines right after a table; the one saying the table is empty wins."""
    notes: list[Text] = []
    i = start
    while i < len(blocks) and isinstance(blocks[i], Text) and _NOTE.match(blocks[i].key):
        notes.append(blocks[i])
        i += 1
    chosen = next((n for n in notes if _EMPTY.search(n.key)), notes[0] if notes else None)
    return chosen, i


def _generic_kind(key: str) -> str | None:
    if len(key) > 30:
        return None
    if "机构设置情况" in key or key.endswith("机构设置"):
        return "organisations"
    if "政府采购" in key and not key.startswith(("注", "八", "六")) and "情况" not in key:
        return "procurement"
    if "固定资产占用" in key or "资产占用情况" in key:
        return "assets"
    return None


def _generic_table(title: Text, rows: list[Row], note: Text | None) -> GenericTable:
    """A 机构设置/采购/资产 table kept as cells; built from typed values without validating them again (one Cell
    per cell)."""
    cells = [
        [trusted(Cell, {"text": c.text, "line": c.line}, {"text", "line"}) for c in r.cells] for r in rows
    ]
    fields = {"title": title.text, "line": title.line, "rows": cells, "empty_note": note and note.text}
    return trusted(GenericTable, fields, set(fields))


def _is_project_table(rows: list[Row]) -> bool:
    """Whether a cell of the first rows names a project table's column (stops at the first one found)."""
    for row in rows[:12]:
        joined = "\n".join(
            row.keys
        )  # a word in the joined keys is a word in one key: keys hold no line break
        if "预算数" in joined or "项目名称" in joined or "专项资金名称" in joined:
            return True
    return False


class _Assembler:
    def __init__(self, file_name: str, lines: tuple[str, ...], final: bool = False) -> None:
        """`lines`: the tuple the document keeps (BudgetDocument.lines), under which the split is remembered."""
        self.file_name = file_name
        self.final = final  # a 决算: its parts have their own section keys (parsing/sections.py)
        self.blocks = split_blocks(lines)
        remember_blocks(lines, self.blocks)
        self.parts: list[_Part] = [_Part(line=1)]
        self.in_units = False
        self.pending_unit_title: str | None = None
        self.last_line = len(lines)

    @property
    def part(self) -> _Part:
        return self.parts[-1]

    def run(self) -> list[_Part]:
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
        rows, after, caption = _rows_after(self.blocks, i + 1)
        key = block.key
        if (table_key := classify_title(block.text)) and rows:
            return self.table(table_key, block, rows, after, caption)
        if rows and (name := project_title(block.text)) and _is_project_table(rows):
            unit_caption = (caption.text, caption.line) if caption else None
            project = build_project(
                len(part.projects) + 1, block.text, block.line, rows, part.problems, unit_caption
            )
            if not name:
                return after
            self._open_project_section(block.line)
            part.projects.append(project)
            return after
        if rows and (kind := _generic_kind(key)):
            if not self.final and kind in SECTION_TITLES and opens_section(part, self.blocks, i, kind):
                part.sections.append(_Section(kind, None, SECTION_TITLES[kind], block.line, True))
            note, after = _notes_after(self.blocks, after)
            if kind not in part.generic:
                part.generic[kind] = _generic_table(block, rows, note)
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
                part.sections.append(_Section(target, None, SECTION_TITLES[target], block.line, True))
        elif heading := classify_heading(block.text):
            section_key, number, title = heading
            if section_key not in part.seen:
                part.sections.append(_Section(section_key, number, title, block.line))
                return i + 1
        elif (target := unheaded_section(block.text)) and opens_section(part, self.blocks, i, target):
            part.sections.append(_Section(target, None, SECTION_TITLES[target], block.line, True))
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
        self.part.sections.append(_Section(section_key, number, title, block.line))
        if split:
            self.paragraph(split[1], block.line)
        return True

    def _open_project_section(self, line: int) -> None:
        """Project tables belong to a 绩效/项目/专项 section; without its heading they start one of their own."""
        current = self.part.sections[-1].key if self.part.sections else None
        if current in _PROJECT_SECTIONS or "projects" in self.part.seen or not self.part.sections:
            return
        self.part.sections.append(_Section("projects", None, SECTION_TITLES["projects"], line, True))

    def _next_is_summary(self, i: int) -> bool:
        nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
        return isinstance(nxt, Text) and classify_title(nxt.text) == "summary"

    def table(self, table_key: str, block: Text, rows: list[Row], after: int, caption: Text | None) -> int:
        if table_key == "summary" and (self.part.tables or self.pending_unit_title):
            self.part.end_line = block.line - 1
            self.parts.append(_Part(line=block.line, heading=self.pending_unit_title))
            self.pending_unit_title = None
        table = build_table(
            table_key,
            block.text,
            block.line,
            rows,
            self.part.problems,
            caption and (caption.text, caption.line),
        )
        note, after = _notes_after(self.blocks, after)
        if note:
            table = table.model_copy(update={"empty_note": note.text, "empty_note_line": note.line})
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


def _identity(part: _Part, cover: str) -> dict:
    headers = [t.header for t in part.tables.values() if t.header]
    codes = Counter(h.code for h in headers if h.code)
    names = Counter(h.name for h in headers if h.name)
    years = Counter(h.year for h in headers if h.year)
    units = Counter(h.unit for h in headers if h.unit)
    identity = {
        "department_code": codes.most_common(1)[0][0] if codes else None,
        "department_name": names.most_common(1)[0][0] if names else None,
        "budget_year": years.most_common(1)[0][0] if years else None,
        "unit": units.most_common(1)[0][0] if units else "万元",
    }
    for text in (part.title, part.heading, cover):  # the cover: "…2024 年度部门决算" wrapped over lines
        match = _IDENTITY.match(normalise_label(text or ""))
        if match:
            identity["department_name"] = identity["department_name"] or match["name"]
            identity["budget_year"] = identity["budget_year"] or int(match["year"])
    return identity


def _sections(part: _Part) -> list[Section]:
    out = []
    for index, s in enumerate(part.sections):
        nxt = part.sections[index + 1].line - 1 if index + 1 < len(part.sections) else part.end_line
        out.append(
            Section(
                key=s.key,  # type: ignore[arg-type]
                number=s.number,
                title=s.title,
                line=s.line,
                end_line=max(nxt, s.line),
                paragraphs=s.paragraphs,
                heading_missing=s.heading_missing,
            )
        )
    return out


def _document(file_name: str, part: _Part, which: str, found: Detection, cover: str = "") -> BudgetDocument:
    identity = _identity(part, cover)
    tables = settle_units(part.tables, identity["unit"], layout_for(found.layout).mixed_money_units)
    sections = _sections(part)
    return BudgetDocument(
        file_name=file_name,
        part=which,  # type: ignore[arg-type]
        layout=found.layout,
        level="unit" if which == "unit" else found.level,  # part two holds the subordinate units
        kind=found.kind,
        line=part.line,
        end_line=part.end_line,
        title=part.title or part.heading,
        preamble=part.preamble,
        tables=tables,
        sections=sections,
        budget_items=budget_items(next((s for s in sections if s.key == "overview"), None), tables),
        projects=settle_plan_units(part.projects),
        organisations=part.generic.get("organisations"),
        procurement=part.generic.get("procurement"),
        assets=part.generic.get("assets"),
        problems=part.problems,
        **identity,
    )


def assemble(file_name: str, lines: list[str]) -> BudgetDocument:
    """Build the document; raise ParseError when nothing in it looks like a budget disclosure."""
    source = tuple(lines)  # one tuple shared by every part (model_copy does not copy it)
    found = detect(lines)  # layout and kind from all lines: the text is read once for both
    parts = _Assembler(file_name, source, final=found.kind == "final_accounts").run()
    if not any(p.tables or p.projects or p.sections for p in parts):
        raise ParseError(
            file_name,
            "未识别出部门预算公开内容（没有标准预算表、说明章节或绩效目标表）",
            "no budget disclosure content found (no standard tables, narrative sections or project tables)",
        )
    if parts[0].end_line < len(lines):  # the level is the first part's: part two holds the subordinate units
        found = replace(found, level=detect_level(lines[: parts[0].end_line]))
    main = _document(file_name, parts[0], "department", found, cover_text(lines))
    units = [_document(file_name, p, "unit", found).model_copy(update={"lines": source}) for p in parts[1:]]
    return main.model_copy(update={"units": units, "lines": source})
