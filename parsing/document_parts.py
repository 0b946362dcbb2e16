"""A disclosure part while it is read (sections, tables, projects found so far) and the BudgetDocument it becomes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsing.explanations import budget_items
from parsing.layouts import Detection, layout_for
from parsing.model import (
    BudgetDocument,
    GenericTable,
    Paragraph,
    ParseProblem,
    Project,
    Section,
    Table,
    trusted,
)
from parsing.projects import settle_plan_units
from parsing.text import normalise_label
from parsing.units import settle_units

_IDENTITY = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+部分)?(?P<name>.+?)(?P<year>20\d{2})年度?(部门|单位)[预决]算"
)
# The fields given (model_fields_set), one set shared by every instance as elsewhere in the parser: model_copy and
# parsing.model.replaced copy it before a change. A Section is given every field (the validated call passed all).
_SECTION_FIELDS = set(Section.model_fields)
_GIVEN = set(BudgetDocument.model_fields) - {"units", "pages"}  # a part's document
_GIVEN_UNITS = {*_GIVEN, "units"}  # the department part's, holding its units


@dataclass
class SectionDraft:
    key: str
    number: str | None
    title: str
    line: int
    heading_missing: bool = False
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class PartDraft:
    line: int
    title: str | None = None
    heading: str | None = None
    tables: dict[str, Table] = field(default_factory=dict)
    sections: list[SectionDraft] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    generic: dict[str, GenericTable] = field(default_factory=dict)
    preamble: list[Paragraph] = field(default_factory=list)
    problems: list[ParseProblem] = field(default_factory=list)
    end_line: int = 0

    @property
    def seen(self) -> set[str]:
        return {s.key for s in self.sections}


def _most_common(values: list) -> object | None:
    """The value printed most often, the first printed among equals (as Counter.most_common); None for none.

    >>> _most_common(["元", "万元", "万元", "元"]), _most_common([])
    ('元', None)
    """
    counts: dict = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _identity(part: PartDraft, cover: str) -> dict:
    headers = [t.header for t in part.tables.values() if t.header]
    identity = {
        "department_code": _most_common([h.code for h in headers if h.code]),
        "department_name": _most_common([h.name for h in headers if h.name]),
        "budget_year": _most_common([h.year for h in headers if h.year]),
        "unit": _most_common([h.unit for h in headers if h.unit]) or "万元",
    }
    for text in (part.title, part.heading, cover):  # the cover: "…2024 年度部门决算" wrapped over lines
        match = _IDENTITY.match(normalise_label(text or ""))
        if match:
            identity["department_name"] = identity["department_name"] or match["name"]
            identity["budget_year"] = identity["budget_year"] or int(match["year"])
    return identity


def _sections(part: PartDraft) -> list[Section]:
    """The part's sections, each ending where the next one starts. Built from typed values without validating
    them again (parsing.model.trusted): keys come from the section tables, the rest are str and int."""
    out = []
    drafts = part.sections
    for index, s in enumerate(drafts):
        nxt = drafts[index + 1].line - 1 if index + 1 < len(drafts) else part.end_line
        fields = {
            "key": s.key,
            "number": s.number,
            "title": s.title,
            "line": s.line,
            "end_line": max(nxt, s.line),
            "paragraphs": s.paragraphs,
            "heading_missing": s.heading_missing,
        }
        out.append(trusted(Section, fields, _SECTION_FIELDS))
    return out


def part_document(
    file_name: str,
    part: PartDraft,
    which: str,
    found: Detection,
    lines: tuple[str, ...],
    cover: str = "",
    units: list[BudgetDocument] | None = None,
) -> BudgetDocument:
    """The part as a BudgetDocument (`units`: part one's subordinate unit parts). Its values are typed already
    (models built by the parser, str, int): constructed without validating them again."""
    identity = _identity(part, cover)
    tables = settle_units(part.tables, identity["unit"], layout_for(found.layout).mixed_money_units)
    sections = _sections(part)
    fields = {  # in declaration order, as validation leaves __dict__
        "file_name": file_name,
        "part": which,
        **identity,
        "layout": found.layout,
        "level": "unit" if which == "unit" else found.level,  # part two holds the subordinate units
        "kind": found.kind,
        "line": part.line,
        "end_line": part.end_line,
        "title": part.title or part.heading,
        "preamble": part.preamble,
        "tables": tables,
        "sections": sections,
        "projects": settle_plan_units(part.projects),
        "budget_items": budget_items(next((s for s in sections if s.key == "overview"), None), tables),
        "organisations": part.generic.get("organisations"),
        "procurement": part.generic.get("procurement"),
        "assets": part.generic.get("assets"),
        "problems": part.problems,
        "units": [] if units is None else units,
        "lines": lines,
        "pages": (),
    }
    return trusted(BudgetDocument, fields, _GIVEN if units is None else _GIVEN_UNITS)
