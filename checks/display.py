"""Findings and amounts for reading on screen: number formats, the findings grid, source excerpts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import pandas as pd

from checks.findings import FAMILY_ZH, SEVERITY_ZH, Finding
from checks.report import HEADERS_ZH, value_unit
from checks.support.lookup import TABLE_ZH


def fmt_money(value: Decimal | float | int | None, unit: str = "万元") -> str:
    """Thousands separators, two decimals and the unit: 1234.5 -> "1,234.50 万元"; None -> "—"."""
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    return f"{Decimal(str(value)):,.2f} {unit}".strip()


_TO_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}
YI = Decimal(10000)  # 万元 in one 亿元


def to_wan(value: Decimal | float | int | None, unit: str = "万元") -> Decimal | None:
    """An amount in the document's unit (元, 万元, 亿元) as 万元; None (or NaN) stays None.

    >>> to_wan(91016775.3, "元"), to_wan(12, "万元"), to_wan(None, "元")
    (Decimal('9101.67753'), Decimal('12'), None)
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    return Decimal(str(value)) * _TO_WAN.get(unit, Decimal(1))


def fmt_amount(value: Decimal | float | int | None, unit: str = "万元") -> str:
    """An amount for reading, in 万元, or in 亿元 from 1 亿元 up, whatever the document's unit; None -> "—".

    >>> fmt_amount(91016775.3, "元"), fmt_amount(37151.47, "万元"), fmt_amount(-0.5, "万元"), fmt_amount(None)
    ('9,101.68 万元', '3.72 亿元', '-0.50 万元', '—')
    """
    wan = to_wan(value, unit)
    if wan is None:
        return "—"
    return f"{wan / YI:,.2f} 亿元" if abs(wan) >= YI else f"{wan:,.2f} 万元"


def fmt_exact_wan(value: Decimal | float | int | None, unit: str = "万元") -> str:
    """An amount in 万元 keeping what it was printed with: two decimals, four when the source is in 元 and a
    difference would vanish at two (a 1 元 gap is "0.0001 万元", not "0.00 万元"); None -> "—".

    >>> fmt_exact_wan(1, "元"), fmt_exact_wan(94995790, "元"), fmt_exact_wan(1500000, "元"), fmt_exact_wan(None)
    ('0.0001 万元', '9,499.5790 万元', '150.00 万元', '—')
    """
    wan = to_wan(value, unit)
    if wan is None:
        return "—"
    decimals = 2 if wan == round(wan, 2) else 4
    return f"{wan:,.{decimals}f} 万元"


def money_scale(values: Sequence[float | None], unit: str = "万元") -> tuple[float, str]:
    """(factor, label) for a chart: multiply the amounts (in `unit`) by factor to plot them in 万元, or in 亿元
    when the largest reaches 1 亿元, so that axes read "万元"/"亿元" and never "5M".

    >>> money_scale([5_000_000.0, 12.0], "元"), money_scale([20000.0], "万元")
    ((0.0001, '万元'), (0.0001, '亿元'))
    """
    factor = float(_TO_WAN.get(unit, Decimal(1)))
    largest = max((abs(v) * factor for v in values if v is not None and v == v), default=0.0)
    return (factor / 10000, "亿元") if largest >= 10000 else (factor, "万元")


def fmt_figures(finding: Finding, unit: str = "万元") -> tuple[str, str, str]:
    """应为, 实为, 差额 for reading: money in 万元/亿元 (from the document's `unit`), % and 序号 as counted.

    >>> f = Finding(code="X", family="text", severity="error", title="t", message="m",
    ...             expected=Decimal("1500000"), actual=Decimal("2500000"), difference=Decimal("1000000"))
    >>> fmt_figures(f, "元")
    ('150.00 万元', '250.00 万元', '100.00 万元')
    >>> fmt_figures(f.model_copy(update={"code": "STR005", "actual": None}), "元")
    ('1,500,000 序号', '—', '1,000,000 序号')
    """
    counted = value_unit(finding, unit)
    values = (finding.expected, finding.actual, finding.difference)
    if counted == unit:
        return tuple(fmt_exact_wan(v, unit) for v in values)  # type: ignore[return-value]
    decimals = 0 if counted == "序号" else 2
    return tuple("—" if v is None else f"{fmt_number(v, decimals)} {counted}" for v in values)  # type: ignore[return-value]


def fmt_number(value: Decimal | float | int | None, decimals: int = 2) -> str:
    """Like fmt_money without the unit; blank for None."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return f"{Decimal(str(value)):,.{decimals}f}"


def findings_table(findings: Sequence[Finding], units: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Findings for display: Chinese headers (as in the .xlsx), Chinese values, amounts as text: money in
    万元/亿元 from each file's unit in `units` (file -> 元/万元; 万元 when not given), % and 序号 as counted."""
    h = HEADERS_ZH
    figures = [fmt_figures(f, (units or {}).get(f.file, "万元")) for f in findings]
    blank = {"—": ""}

    def num(attr: str) -> list[str]:
        index = ("expected", "actual", "difference").index(attr)
        return [blank.get(values[index], values[index]) for values in figures]

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
