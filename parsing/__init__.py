"""Parse a department budget disclosure (bytes + file name) into a validated BudgetDocument."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from parsing.document import assemble
from parsing.errors import ParseError
from parsing.joined_lines import joined_lines
from parsing.lazy import lazy_exports
from parsing.model import BudgetDocument, ParseProblem, Project, replaced
from parsing.sections import SECTION_RULES
from parsing.tables import COLUMN_ALIASES, TITLE_ALIASES

PARSER_VERSION = "1.0.0"
# No budget prints a figure this long; a run of digits beyond it is a hostile or broken file (and would make
# the number patterns of parser and checks take quadratic time).
MAX_DIGIT_RUN = 256
_DIGIT_RUN = re.compile(rf"\d{{{MAX_DIGIT_RUN + 1}}}")
# Any MAX_DIGIT_RUN + 1 characters in a row hold at least four of every _STEP-th character of a text: a run of
# digits that long shows as a run of four or more digits among the sampled characters.
_STEP = 64
_SAMPLED_RUN = re.compile(rf"\d{{{(MAX_DIGIT_RUN + 1) // _STEP},}}")

__all__ = [
    "COLUMN_ALIASES", "MAX_DIGIT_RUN", "PARSER_VERSION", "SECTION_RULES", "TITLE_ALIASES", "BudgetDocument", "ParseError",
    "Project", "line_items", "parse", "parse_lines", "part_key",
]  # fmt: skip


if TYPE_CHECKING:
    from parsing.frames import line_items, part_key


# line_items and part_key load parsing.frames (and pandas) on first use: `python -m checks --help` is quick.
__getattr__ = lazy_exports(__name__, {"parsing.frames": ("line_items", "part_key")})


def parse_lines(file_name: str, lines: list[str]) -> BudgetDocument:
    """Parse text lines already in the extracted-text format."""
    joined = joined_lines(lines)  # one text for the whole-document passes
    if (long_run := _long_digit_run_line(joined)) is not None:
        raise ParseError(
            file_name,
            f"第 {long_run} 行的数字超过 {MAX_DIGIT_RUN} 位，不是有效的金额",
            f"line {long_run} holds a number of more than {MAX_DIGIT_RUN} digits",
        )
    try:
        return assemble(file_name, lines, joined)
    except (
        ArithmeticError,
        RecursionError,
    ) as exc:  # a hostile file (a million-digit figure): one clear line
        raise ParseError(
            file_name,
            "文件中有位数过多或超出范围的数字，无法计算",
            f"a number is too long or out of range ({type(exc).__name__})",
        ) from None


def _long_digit_run_line(joined: str) -> int | None:
    """The 1-based line of the first run of more than MAX_DIGIT_RUN digits in the joined lines (parsing.joined_lines,
    which open with a line break), None for none. Searched only around the runs of sampled digits (every _STEP-th
    character): most documents have a few such runs (figures at the same place of lines printed alike) and no long
    run, and are not read character by character. The windows come in text order, and the first that holds a long
    run holds the first one.

    >>> _long_digit_run_line("\\nx\\n" + "x" * 100 + "9" * 257), _long_digit_run_line(("\\n2024" + "x" * 60) * 9)
    (2, None)
    """
    for found in _SAMPLED_RUN.finditer(joined[::_STEP]):
        # a long run holding a sampled digit of `found` holds MAX_DIGIT_RUN + 1 digits within this window
        start, end = found.start() * _STEP - MAX_DIGIT_RUN, (found.end() - 1) * _STEP + MAX_DIGIT_RUN + 1
        if match := _DIGIT_RUN.search(joined, max(start, 0), end):
            return joined.count("\n", 0, match.start())  # \d never matches a line break
    return None


def parse(file_name: str, data: bytes) -> BudgetDocument:
    """Read bytes (.txt in any common encoding, or .docx) and parse them. Raises ParseError."""
    from parsing.readers import read_source  # deferred: python-docx is only needed for .docx input

    source = read_source(file_name, data)
    doc = parse_lines(file_name, source.lines)
    if not source.pages:
        return doc
    problems = [
        ParseProblem(line=_problem_line(source.pages, page, kind), kind=kind, message=message)
        for page, kind, message in source.page_problems
    ]
    return replaced(doc, pages=tuple(source.pages), problems=[*doc.problems, *problems])


def _problem_line(pages: list[int], page: int, kind: str) -> int:
    """The source line a page problem is reported on: the first line printed on or after the page (a blank page
    has none of its own); text printed again after a page break: the last line that starts before that page
    (the paragraph running across the break, which holds the repeat once the lines are joined).

    >>> _problem_line([1, 1, 2, 2], 2, "blank-page"), _problem_line([1, 1, 2, 2], 2, "repeated-at-page-break")
    (3, 2)
    """
    first = bisect_left(pages, page)
    if kind == "repeated-at-page-break":
        return max(first, 1)
    return min(first + 1, len(pages))
