"""BudgetDocument -> tidy tables with fixed English snake_case columns (values keep Chinese text): as columns (lists,
which the library stores as Arrow) and as pandas DataFrames built from them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import chain, repeat
from operator import attrgetter, itemgetter

import pandas as pd

from parsing.model import Amount, AmountStatus, BudgetDocument, Row

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


# Fields are read from each model's __dict__ (vars) by C-level getters: cheaper than pydantic attribute lookup,
# which passes BaseModel's __getattr__ hook for every field of every cell. Properties go through attrgetter.
_VALUES = itemgetter("values")
_ROW_FIELDS = itemgetter("side", "code", "level", "name", "kind")
_PARENT = attrgetter("parent_code")
_PROJECTS = attrgetter("projects")
_SECTIONS = attrgetter("sections")


def part_key(part: BudgetDocument) -> str:
    return "部门" if part.part == "department" else (part.department_code or part.department_name or "单位")


Columns = dict[str, list]  # column name -> its values, one per row


def line_items(doc: BudgetDocument) -> pd.DataFrame:
    """One row per table cell that belongs to a value column."""
    frame = pd.DataFrame(line_item_columns(doc), columns=LINE_ITEM_COLUMNS)
    return frame.astype({"level": "Int64", "line": "Int64"})


def line_item_columns(doc: BudgetDocument) -> Columns:
    """The columns of line_items (amount a float or None), built column by column: the library stores them
    as Arrow columns. Each row's values are read once and repeated for its cells, a table's once per table."""
    parts: list[str] = []
    tables: list[str] = []
    rows: list[Row] = []
    data: list[dict] = []  # each row's fields
    for part in doc.parts():
        key = part_key(part)
        for table in part.tables.values():
            of_table = list(map(vars, table.rows))
            n = sum(map(len, map(_VALUES, of_table)))
            parts += [key] * n
            tables += [table.key] * n
            rows += table.rows
            data += of_table
    values = list(map(_VALUES, data))
    counts = list(map(len, values))
    of_rows = row_columns(_spread(map(_ROW_FIELDS, data), counts), ("side", "code", "level", "name", "kind"))
    raw, value, status, lines = _fields(list(chain.from_iterable(map(dict.values, values))), _CELL)
    if None in lines or 0 in lines:  # a cell without a line of its own takes its row's
        lines = [a or b for a, b in zip(lines, _spread(map(itemgetter("line"), data), counts), strict=True)]
    return {
        "part": parts,
        "table": tables,
        "side": of_rows["side"],
        "code": of_rows["code"],
        "level": of_rows["level"],
        "parent_code": _spread(map(_PARENT, rows), counts),
        "name": of_rows["name"],
        "kind": of_rows["kind"],
        "column": list(chain.from_iterable(values)),
        "amount": _numbers(value),
        "raw": raw,
        "status": list(map(_STATUS.__getitem__, status)),
        "line": lines,
    }


_CELL = ("raw", "value", "status", "line")


def row_columns(records: list[tuple], names: Sequence[str]) -> Columns:
    """Row tuples as columns (names[k] takes each row's k-th value); no rows, empty columns.

    >>> row_columns([(1, "a"), (2, "b")], ["n", "s"]), row_columns([], ["n"])
    ({'n': [1, 2], 's': ['a', 'b']}, {'n': []})
    """
    if not records:
        return {name: [] for name in names}
    return {name: list(values) for name, values in zip(names, zip(*records, strict=True), strict=True)}


def _fields(models: list, names: Sequence[str]) -> list[list]:
    """Each named field of the models, as a column.

    >>> from parsing.model import Amount
    >>> _fields([Amount(raw="1", line=2), Amount(raw="")], ("raw", "line")), _fields([], ("raw",))
    ([['1', ''], [2, None]], [[]])
    """
    data = list(map(vars, models))
    return [list(map(itemgetter(name), data)) for name in names]


def _spread(values: Iterable, counts: list[int]) -> list:
    """Each value repeated as often as its count says: an owner's value on the rows of each of its items.

    >>> _spread(["a", "b", "c"], [2, 0, 1])
    ['a', 'a', 'c']
    """
    return list(chain.from_iterable(map(repeat, values, counts)))


def _numbers(values: Iterable[Decimal | None]) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


def _amount_numbers(amounts: list[Amount]) -> list[float | None]:
    """Each amount's value as a float (None for none)."""
    return _numbers(_fields(amounts, ("value",))[0])


def _of_parts(doc: BudgetDocument, items: attrgetter) -> tuple[list[str], list]:
    """Every part's items (its projects or sections) and, for each, its part's key."""
    keys: list[str] = []
    found: list = []
    for part in doc.parts():
        of_part = items(part)
        keys += [part_key(part)] * len(of_part)
        found += of_part
    return keys, found


def projects(doc: BudgetDocument) -> pd.DataFrame:
    return pd.DataFrame(project_columns(doc), columns=PROJECT_COLUMNS)


def project_columns(doc: BudgetDocument) -> Columns:
    """The columns of projects."""
    keys, found = _of_parts(doc, _PROJECTS)
    index, name, code, budget, fiscal, other, header, indicators_, line = _fields(found, _PROJECT)
    return {
        "part": keys,
        "index": index,
        "name": name,
        "code": code,
        "budget": _amount_numbers(budget),
        "fiscal": _amount_numbers(fiscal),
        "other": _amount_numbers(other),
        "plan_header": header,
        "indicator_count": list(map(len, indicators_)),
        "line": line,
    }


_PROJECT = ("index", "name", "code", "budget", "fiscal", "other", "plan_header", "indicators", "line")


def plan_points(doc: BudgetDocument) -> pd.DataFrame:
    return pd.DataFrame(plan_point_columns(doc), columns=PLAN_COLUMNS).astype({"line": "Int64"})


def plan_point_columns(doc: BudgetDocument) -> Columns:
    """The columns of plan_points: each project's values read once and repeated for its points."""
    keys, found = _of_parts(doc, _PROJECTS)
    index, name, budget, plans = _fields(found, ("index", "name", "budget", "plan"))
    counts = list(map(len, plans))
    label, amount, percent = _fields(list(chain.from_iterable(plans)), ("label", "amount", "is_percent"))
    raw, value, line = _fields(amount, ("raw", "value", "line"))
    return {
        "part": _spread(keys, counts),
        "project_index": _spread(index, counts),
        "project": _spread(name, counts),
        "budget": _spread(_amount_numbers(budget), counts),
        "label": label,
        "value": _numbers(value),
        "raw": raw,
        "is_percent": percent,
        "line": line,
    }


def indicators(doc: BudgetDocument) -> pd.DataFrame:
    return pd.DataFrame(indicator_columns(doc), columns=INDICATOR_COLUMNS)


def indicator_columns(doc: BudgetDocument) -> Columns:
    """The columns of indicators: each project's values read once and repeated for its indicators."""
    keys, found = _of_parts(doc, _PROJECTS)
    index, name, of_projects = _fields(found, ("index", "name", "indicators"))
    counts = list(map(len, of_projects))
    level1, level2, level3, description, value, parsed, basis, line = _fields(
        list(chain.from_iterable(of_projects)), _INDICATOR
    )
    comparator, number, unit = _fields(parsed, ("comparator", "number", "unit"))
    return {
        "part": _spread(keys, counts),
        "project_index": _spread(index, counts),
        "project": _spread(name, counts),
        "level1": level1,
        "level2": level2,
        "level3": level3,
        "description": description,
        "value": value,
        "comparator": comparator,
        "number": _numbers(number),
        "unit": unit,
        "basis": basis,
        "line": line,
    }


_INDICATOR = ("level1", "level2", "level3", "description", "value", "parsed", "basis", "line")


def sections(doc: BudgetDocument) -> pd.DataFrame:
    return pd.DataFrame(section_columns(doc), columns=SECTION_COLUMNS)


def section_columns(doc: BudgetDocument) -> Columns:
    """The columns of sections."""
    keys, found = _of_parts(doc, _SECTIONS)
    key, number, title, line, end_line, missing = _fields(
        found, ("key", "number", "title", "line", "end_line", "heading_missing")
    )
    return {
        "part": keys,
        "key": key,
        "number": number,
        "title": title,
        "line": line,
        "end_line": end_line,
        "text_length": [len(s.text) for s in found],
        "is_empty": [s.is_empty for s in found],
        "heading_missing": missing,
    }
