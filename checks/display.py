"""Findings and amounts for reading on screen: number formats, the findings grid, source excerpts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pandas as pd

from checks.findings import FAMILY_ZH, SEVERITY_ZH, Finding
from checks.report import HEADERS_ZH
from checks.support.lookup import TABLE_ZH


def fmt_money(value: Decimal | float | int | None, unit: str = "万元") -> str:
    """Thousands separators, two decimals and the unit: 1234.5 -> "1,234.50 万元"; None -> "—"."""
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    return f"{Decimal(str(value)):,.2f} {unit}".strip()


def fmt_number(value: Decimal | float | int | None, decimals: int = 2) -> str:
    """Like fmt_money without the unit; blank for None."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return f"{Decimal(str(value)):,.{decimals}f}"


def findings_table(findings: Sequence[Finding]) -> pd.DataFrame:
    """Findings for display: Chinese headers (as in the .xlsx), Chinese values, amounts as text."""
    h = HEADERS_ZH

    def num(attr: str) -> list[str]:
        return [fmt_number(getattr(f, attr)) for f in findings]

    columns = {
        h["severity"]: [SEVERITY_ZH[f.severity] for f in findings],
        h["code"]: [f.code for f in findings],
        h["family"]: [FAMILY_ZH.get(f.family, f.family) for f in findings],
        h["title"]: [f.title for f in findings],
        h["message"]: [f.message for f in findings],
        h["line"]: pd.array([f.line for f in findings], dtype="Int64"),
        **(
            {h["page"]: [f"第{f.page}页" if f.page else "" for f in findings]}
            if any(f.page for f in findings)
            else {}
        ),
        h["table"]: [TABLE_ZH.get(f.table, f.table) if f.table else "" for f in findings],
        h["row"]: [f.row or "" for f in findings],
        h["project"]: [f.project or "" for f in findings],
        h["expected"]: num("expected"),
        h["actual"]: num("actual"),
        h["difference"]: num("difference"),
        h["part"]: [f.part or "部门" for f in findings],
        h["file"]: [f.file for f in findings],
    }
    return pd.DataFrame(columns)


def excerpt(lines: Sequence[str], line: int, radius: int = 6) -> list[tuple[int, str, bool]]:
    """Source lines around a 1-based line: (number, text with TABs shown as " │ ", is_target)."""
    start, stop = max(1, line - radius), min(len(lines), line + radius)
    return [(n, lines[n - 1].replace("\t", " │ "), n == line) for n in range(start, stop + 1)]
