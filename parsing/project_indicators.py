"""A project's 绩效指标 rows -> Indicators: columns found by header words, short rows joined, values read."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter

from parsing.blocks import Row as RawRow
from parsing.model import Indicator, ParseProblem, trusted
from parsing.text import clean_text, parse_indicator_value

# The indicator fields in Indicator's order, and the header words naming each column (matched in this order
# of priority: a header cell names the first field whose word it holds).
_INDICATOR_FIELDS = ("level1", "level2", "level3", "description", "value", "basis")
_INDICATOR_COLUMNS = (
    (5, ("依据",)),
    (0, ("一级",)),
    (1, ("二级",)),
    (2, ("三级",)),
    (4, ("指标值", "目标值")),
    (3, ("描述", "说明", "内容")),
)
_VALUE = 4
# clean_text changes whitespace only (\s is every character str.isspace() holds): a text without any is clean.
_WHITESPACE = re.compile(r"\s")
# Every Indicator is built with all its fields: they share one field set (pydantic copies it before a change).
_INDICATOR_GIVEN = {*_INDICATOR_FIELDS, "parsed", "line", "row_line"}


@lru_cache(maxsize=256)  # project after project prints the same indicator header
def _indicator_columns(keys: tuple[str, ...]) -> tuple[int, ...]:
    """Where each of _INDICATOR_FIELDS sits in the 一级指标 header row (the first cell naming it), -1 when no
    cell does."""
    columns = [-1] * len(_INDICATOR_FIELDS)
    for i, key in enumerate(keys):
        for field, words in _INDICATOR_COLUMNS:
            if columns[field] < 0 and any(w in key for w in words):
                columns[field] = i
                break
    return tuple(columns)


def _indicator_groups(rows: list[RawRow], width: int) -> list[tuple[list[str], Sequence[int]]]:
    """The cells' texts and lines of each indicator row: a row, or rows joined until they hold `width` cells
    (the last row closes the group it is in)."""
    groups: list[tuple[list[str], Sequence[int]]] = []
    texts: list[str] = []  # the rows being joined
    lines: list[int] = []
    last = rows[-1] if rows else None
    for row in rows:
        if texts or (len(row.texts) < width and row is not last):
            texts += row.texts
            lines += row.lines
            if len(texts) < width and row is not last:
                continue
            groups.append((texts, lines))
            texts, lines = [], []
        else:
            groups.append((row.texts, row.lines))
    return groups


def indicator_rows(rows: list[RawRow], head: int | None, problems: list[ParseProblem]) -> list[Indicator]:
    """The indicator rows under the 一级指标 header row `head`."""
    if head is None:
        return []
    header = rows[head]
    columns = _indicator_columns(tuple(header.keys))
    width = len(header.texts)
    value_column = columns[_VALUE]
    if value_column < 0:
        problems.append(
            ParseProblem(
                line=header.line,
                kind="unexpected-layout",
                message="绩效指标表头没有“指标值”列，指标值按空白处理",
            )
        )
    pick = itemgetter(*columns)  # -1 (no such column) picks the "" that ends a row's texts
    reach = max(columns) + 1  # rows this long hold every column
    out: list[Indicator] = []
    level1 = level2 = ""
    for cell_texts, lines in _indicator_groups(rows[head + 1 :], width):
        n = len(cell_texts)
        # a new list (the row's own is shared): cleaned only when a cell holds whitespace, a row in hundreds
        texts = (
            list(map(clean_text, cell_texts)) if _WHITESPACE.search("".join(cell_texts)) else cell_texts[:]
        )
        texts.append("")
        if n >= reach:
            first, second, level3, description, value, basis = pick(texts)
        else:
            first, second, level3, description, value, basis = (texts[i] if i < n else "" for i in columns)
        if not (first or second or level3 or description or value or basis):
            continue
        level1 = first or level1
        level2 = second or level2
        row_line = lines[0]
        if n != width:
            problems.append(
                ParseProblem(
                    line=row_line,
                    kind="unexpected-layout",
                    message=f"绩效指标行有 {n} 个单元格，表头为 {width} 列",
                )
            )
        data = {  # typed here; a document has hundreds
            "level1": level1,
            "level2": level2,
            "level3": level3,
            "description": description,
            "value": value,
            "basis": basis,
            "parsed": parse_indicator_value(value),
            "line": lines[value_column] if 0 <= value_column < n else row_line,
            "row_line": row_line,
        }
        out.append(trusted(Indicator, data, _INDICATOR_GIVEN))
    return out
