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
    if _may_hold_long_digit_run(joined):
        _reject_long_digit_runs(file_name, lines)
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


def _may_hold_long_digit_run(joined: str) -> bool:
    """Whether the text holds a run of more than MAX_DIGIT_RUN digits, searched only around the runs of sampled
    digits (every _STEP-th character): most documents have a few such runs (figures at the same place of lines
    printed alike) and no long run, and are not read character by character. The text: the joined lines, joined
    once (layout detection and the block split read them).

    >>> _may_hold_long_digit_run("x" * 100 + "9" * 257), _may_hold_long_digit_run(("2024" + "x" * 60) * 9)
    (True, False)
    """
    for found in _SAMPLED_RUN.finditer(joined[::_STEP]):
        # a long run holding a sampled digit of `found` holds MAX_DIGIT_RUN + 1 digits within this window
        start, end = found.start() * _STEP - MAX_DIGIT_RUN, (found.end() - 1) * _STEP + MAX_DIGIT_RUN + 1
        if _DIGIT_RUN.search(joined, max(start, 0), end):
            return True
    return False


def _reject_long_digit_runs(file_name: str, lines: list[str]) -> None:
    """Raise ParseError naming the first line that holds a run of more than MAX_DIGIT_RUN digits."""
    text = "\n".join(lines)  # one search over the whole text: \d never matches the line break
    match = _DIGIT_RUN.search(text)
    if match is not None:
        long_run = text.count("\n", 0, match.start()) + 1
        raise ParseError(
            file_name,
            f"第 {long_run} 行的数字超过 {MAX_DIGIT_RUN} 位，不是有效的金额",
            f"line {long_run} holds a number of more than {MAX_DIGIT_RUN} digits",
        )


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
