"""Parse a department budget disclosure (bytes + file name) into a validated BudgetDocument."""

from __future__ import annotations

from bisect import bisect_left

from parsing.document import assemble
from parsing.errors import ParseError
from parsing.frames import line_items, part_key
from parsing.model import BudgetDocument, ParseProblem, Project
from parsing.sections import SECTION_RULES
from parsing.tables import COLUMN_ALIASES, TITLE_ALIASES

PARSER_VERSION = "1.0.0"

__all__ = [
    "COLUMN_ALIASES", "PARSER_VERSION", "SECTION_RULES", "TITLE_ALIASES", "BudgetDocument", "ParseError",
    "Project", "line_items", "parse", "parse_lines", "part_key",
]  # fmt: skip


def parse_lines(file_name: str, lines: list[str]) -> BudgetDocument:
    """Parse text lines already in the extracted-text format."""
    return assemble(file_name, lines)


def parse(file_name: str, data: bytes) -> BudgetDocument:
    """Read bytes (.txt in any common encoding, or .docx) and parse them. Raises ParseError."""
    from parsing.readers import read_source  # deferred: python-docx is only needed for .docx input

    source = read_source(file_name, data)
    doc = assemble(file_name, source.lines)
    if not source.pages:
        return doc
    problems = [
        # on the first line printed on or after the page (a blank page has none of its own)
        ParseProblem(
            line=min(bisect_left(source.pages, page) + 1, len(source.lines)), kind=kind, message=message
        )
        for page, kind, message in source.page_problems
    ]
    return doc.model_copy(update={"pages": tuple(source.pages), "problems": [*doc.problems, *problems]})
