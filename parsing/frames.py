"""BudgetDocument -> tidy pandas DataFrames with fixed English snake_case columns (values keep Chinese text)."""

from __future__ import annotations

import pandas as pd

from parsing.model import AmountStatus, BudgetDocument

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


def part_key(part: BudgetDocument) -> str:
    return "部门" if part.part == "department" else (part.department_code or part.department_name or "单位")


def line_items(doc: BudgetDocument) -> pd.DataFrame:
    """One row per table cell that belongs to a value column."""
    frame = pd.DataFrame(line_item_records(doc), columns=LINE_ITEM_COLUMNS)
    return frame.astype({"level": "Int64", "line": "Int64"})


def line_item_records(doc: BudgetDocument) -> list[dict[str, object]]:
    """The rows of line_items as plain dicts (amount a float or None)."""
    records = []
    for part in doc.parts():
        key = part_key(part)
        for table in part.tables.values():
            for row in table.rows:
                of_row = {  # shared by the row's cells: read once per row, not per cell
                    "part": key,
                    "table": table.key,
                    "side": row.side,
                    "code": row.code,
                    "level": row.level,
                    "parent_code": row.parent_code,
                    "name": row.name,
                    "kind": row.kind,
                }
                for column, amount in row.values.items():
                    value = amount.value
                    records.append(
                        {
                            **of_row,
                            "column": column,
                            "amount": float(value) if value is not None else None,
                            "raw": amount.raw,
                            "status": _STATUS[amount.status],
                            "line": amount.line or row.line,
                        }
                    )
    return records


def projects(doc: BudgetDocument) -> pd.DataFrame:
    return pd.DataFrame(project_records(doc), columns=PROJECT_COLUMNS)


def project_records(doc: BudgetDocument) -> list[dict[str, object]]:
    """The rows of projects as plain dicts."""
    records = [
        {
            "part": part_key(part),
            "index": p.index,
            "name": p.name,
            "code": p.code,
            "budget": float(p.budget.value) if p.budget.value is not None else None,
            "fiscal": float(p.fiscal.value) if p.fiscal.value is not None else None,
            "other": float(p.other.value) if p.other.value is not None else None,
            "plan_header": p.plan_header,
            "indicator_count": len(p.indicators),
            "line": p.line,
        }
        for part in doc.parts()
        for p in part.projects
    ]
    return records


def plan_points(doc: BudgetDocument) -> pd.DataFrame:
    return pd.DataFrame(plan_point_records(doc), columns=PLAN_COLUMNS).astype({"line": "Int64"})


def plan_point_records(doc: BudgetDocument) -> list[dict[str, object]]:
    """The rows of plan_points as plain dicts."""
    records = [
        {
            "part": part_key(part),
            "project_index": p.index,
            "project": p.name,
            "budget": float(p.budget.value) if p.budget.value is not None else None,
            "label": point.label,
            "value": float(point.amount.value) if point.amount.value is not None else None,
            "raw": point.amount.raw,
            "is_percent": point.is_percent,
            "line": point.amount.line,
        }
        for part in doc.parts()
        for p in part.projects
        for point in p.plan
    ]
    return records


def indicators(doc: BudgetDocument) -> pd.DataFrame:
    return pd.DataFrame(indicator_records(doc), columns=INDICATOR_COLUMNS)


def indicator_records(doc: BudgetDocument) -> list[dict[str, object]]:
    """The rows of indicators as plain dicts."""
    records = [
        {
            "part": part_key(part),
            "project_index": p.index,
            "project": p.name,
            "level1": i.level1,
            "level2": i.level2,
            "level3": i.level3,
            "description": i.description,
            "value": i.value,
            "comparator": i.parsed.comparator,
            "number": float(i.parsed.number) if i.parsed.number is not None else None,
            "unit": i.parsed.unit,
            "basis": i.basis,
            "line": i.line,
        }
        for part in doc.parts()
        for p in part.projects
        for i in p.indicators
    ]
    return records


def sections(doc: BudgetDocument) -> pd.DataFrame:
    return pd.DataFrame(section_records(doc), columns=SECTION_COLUMNS)


def section_records(doc: BudgetDocument) -> list[dict[str, object]]:
    """The rows of sections as plain dicts."""
    records = [
        {
            "part": part_key(part),
            "key": s.key,
            "number": s.number,
            "title": s.title,
            "line": s.line,
            "end_line": s.end_line,
            "text_length": len(s.text),
            "is_empty": s.is_empty,
            "heading_missing": s.heading_missing,
        }
        for part in doc.parts()
        for s in part.sections
    ]
    return records
