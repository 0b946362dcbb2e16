"""Tables written for tests in the extracted-text format: each cell a TAB-prefixed line, a blank line after each row."""

from __future__ import annotations


def table_lines(rows: list[list[str]]) -> list[str]:
    """The lines of a table given as rows of cell texts.

    >>> table_lines([["科目编码", "合计"], ["201", "1.00"]])
    ['\\t科目编码', '\\t合计', '', '\\t201', '\\t1.00', '']
    """
    return [line for row in rows for line in [*("\t" + c for c in row), ""]]
