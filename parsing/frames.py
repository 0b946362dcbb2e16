"""BudgetDocument -> tidy tables with fixed English snake_case columns (values keep Chinese text): as columns (lists,
which the library stores as Arrow) and as pandas DataFrames built from them."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from parsing.model import Amount, AmountStatus, BudgetDocument

_STATUS = {status: status.value for status in AmountStatus}  # Enum.value is a slow descriptor, read per cell

LINE_ITEM_COLUMNS = [
    "part",
    "table",
    "side",
    "code",
    "level",
    "parent_code",
    "name",
    "kind",
    "column",
    "amount",
    "raw",
    "status",
    "line",
]
PROJECT_COLUMNS = [
    "part",
    "index",
    "name",
    "code",
    "budget",
    "fiscal",
    "other",
    "plan_header",
    "indicator_count",
    "line",
]
PLAN_COLUMNS = ["part", "project_index", "project", "budget", "label", "value", "raw", "is_percent", "line"]
INDICATOR_COLUMNS = [
    "part",
    "project_index",
    "project",
    "level1",
    "level2",
    "level3",
    "description",
    "value",
    "comparator",
    "number",
    "unit",
    "basis",
    "line",
]
SECTION_COLUMNS = [
    "part",
    "key",
    "number",
    "title",
    "line",
    "end_line",
    "text_length",
    "is_empty",
    "heading_missing",
]


_ROW_COLUMNS = LINE_ITEM_COLUMNS[:8]  # part … kind: a line item's row's values (line_item_columns)


def part_key(part: BudgetDocument) -> str:
    return "部门" if part.part == "department" else (part.department_code or part.department_name or "单位")


Columns = dict[str, list]  # column name -> its values, one per row


def line_items(doc: BudgetDocument) -> pd.DataFrame:
    """One row per table cell that belongs to a value column."""
    frame = pd.DataFrame(line_item_columns(doc), columns=LINE_ITEM_COLUMNS)
    return frame.astype({"level": "Int64", "line": "Int64"})


def line_item_columns(doc: BudgetDocument) -> Columns:
    """The columns of line_items (amount a float or None), built column by column: the library stores them
    as Arrow columns, and a dict per cell cost twice as much."""
    shared: list[list] = [[] for _ in _ROW_COLUMNS]  # part … kind: one value per row, repeated for its cells
    names: list[str] = []
    cells: list = []
    row_lines: list[int | None] = []
    for part in doc.parts():
        key = part_key(part)
        for table in part.tables.values():
            for row in table.rows:
                values = row.values
                n = len(values)
                if not n:
                    continue
                of_row = (key, table.key, row.side, row.code, row.level, row.parent_code, row.name, row.kind)
                for column, value in zip(shared, of_row, strict=True):
                    column += [value] * n
                names += values
                cells += values.values()
                row_lines += [row.line] * n
    status = _STATUS
    return {
        **dict(zip(_ROW_COLUMNS, shared, strict=True)),
        "column": names,
        "amount": [float(a.value) if a.value is not None else None for a in cells],
        "raw": [a.raw for a in cells],
        "status": [status[a.status] for a in cells],
        "line": [a.line or line for a, line in zip(cells, row_lines, strict=True)],
    }


def row_columns(records: list[tuple], names: Sequence[str]) -> Columns:
    """Row tuples as columns (names[k] takes each row's k-th value); no rows, empty columns.

    >>> row_columns([(1, "a"), (2, "b")], ["n", "s"]), row_columns([], ["n"])
    ({'n': [1, 2], 's': ['a', 'b']}, {'n': []})
    """
    if not records:
        return {name: [] for name in names}
    return {name: list(values) for name, values in zip(names, zip(*records, strict=True), strict=True)}


def _number(amount: Amount) -> float | None:
    return float(amount.value) if amount.value is not None else None


def projects(doc: BudgetDocument) -> pd.DataFrame:
    return pd.DataFrame(project_columns(doc), columns=PROJECT_COLUMNS)


def project_columns(doc: BudgetDocument) -> Columns:
    """The columns of projects."""
    rows = [
        (part_key(part), p.index, p.name, p.code, _number(p.budget), _number(p.fiscal), _number(p.other),
         p.plan_header, len(p.indicators), p.line)
        for part in doc.parts()
        for p in part.projects
    ]  # fmt: skip
    return row_columns(rows, PROJECT_COLUMNS)


def plan_points(doc: BudgetDocument) -> pd.DataFrame:
    return pd.DataFrame(plan_point_columns(doc), columns=PLAN_COLUMNS).astype({"line": "Int64"})


def plan_point_columns(doc: BudgetDocument) -> Columns:
    """The columns of plan_points."""
    rows = [
        (part_key(part), p.index, p.name, _number(p.budget), point.label, _number(point.amount),
         point.amount.raw, point.is_percent, point.amount.line)
        for part in doc.parts()
        for p in part.projects
        for point in p.plan
    ]  # fmt: skip
    return row_columns(rows, PLAN_COLUMNS)


def indicators(doc: BudgetDocument) -> pd.DataFrame:
    return pd.DataFrame(indicator_columns(doc), columns=INDICATOR_COLUMNS)


def indicator_columns(doc: BudgetDocument) -> Columns:
    """The columns of indicators."""
    rows = [
        (part_key(part), p.index, p.name, i.level1, i.level2, i.level3, i.description, i.value,
         i.parsed.comparator, float(i.parsed.number) if i.parsed.number is not None else None, i.parsed.unit,
         i.basis, i.line)
        for part in doc.parts()
        for p in part.projects
        for i in p.indicators
    ]  # fmt: skip
    return row_columns(rows, INDICATOR_COLUMNS)


def sections(doc: BudgetDocument) -> pd.DataFrame:
    return pd.DataFrame(section_columns(doc), columns=SECTION_COLUMNS)


def section_columns(doc: BudgetDocument) -> Columns:
    """The columns of sections."""
    rows = [
        (part_key(part), s.key, s.number, s.title, s.line, s.end_line, len(s.text), s.is_empty,
         s.heading_missing)
        for part in doc.parts()
        for s in part.sections
    ]  # fmt: skip
    return row_columns(rows, SECTION_COLUMNS)
