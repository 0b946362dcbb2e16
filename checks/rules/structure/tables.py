"""Completeness of the standard tables' rows: 序号 running 1, 2, 3 …; part-two units adding up to the department."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.structure import COMPLETE, FORMAT
from checks.support import money
from checks.support.lookup import find_row, table_name
from parsing.model import Amount, BudgetDocument, Row, Table
from parsing.text import normalise_label


def _physical_rows(table: Table) -> list[Row]:
    """One row per printed line: the income and expense halves of a two-sided row count once."""
    out: list[Row] = []
    for row in table.rows:
        prev = out[-1] if out else None
        if prev and prev.side == "income" and row.side == "expense" and prev.seq == row.seq:
            continue
        out.append(row)
    return out


def _sequence_breaks(rows: list[Row]) -> list[tuple[Row, int, str]]:
    """(row, expected, description) wherever the 序号 does not continue 1, 2, 3 …"""
    breaks: list[tuple[Row, int, str]] = []
    expected, previous = 1, "表头"
    for index, row in enumerate(rows):
        edge = index in (0, len(rows) - 1)
        if row.seq is None:
            if not (edge and row.kind == "total"):
                breaks.append((row, expected, f"{previous}之后序号为空（{row.name}）"))
                expected, previous = expected + 1, "空"
            continue
        number = int(row.seq)
        if number != expected:
            breaks.append((row, expected, f"{previous}之后为{number}"))
        expected, previous = number + 1, row.seq
    return breaks


@register(
    "STR005",
    "broken-row-numbers",
    title="表格序号不连续",
    severity=Severity.WARNING,
    regulation=FORMAT,
)
def broken_row_numbers(doc: BudgetDocument) -> Iterator[Hit]:
    """The 序号 of a standard table's rows does not run 1, 2, 3 … (a blank, a jump or a repeat).

    Why: a jump (12 → 14) usually means rows were deleted from the template after numbering, so the table may
    lack lines the department has; a blank 序号 marks a row added by hand.
    Example: 序号 1, 2, 3, 4, (blank), 12, 16, 17 gives three hits, one per break (the blank, 12, 16).
    """
    for table in doc.tables.values():
        rows = _physical_rows(table)
        seqs = [r.seq for r in rows if r.seq is not None]
        if not seqs or not all(s.isdecimal() for s in seqs) or table.column("seq") is None:
            continue
        for row, expected, described in _sequence_breaks(rows):
            yield Hit(
                message=f"{table_name(table)}序号不连续：{described}",
                line=row.line,
                table=table_name(table),
                row=row.name,
                expected=Decimal(expected),
                actual=Decimal(row.seq) if row.seq else None,
                hint="核对是否删去或漏列了行。",
            )


def _t1(doc: BudgetDocument) -> dict[str, Amount]:
    table = doc.table("summary")
    lines = {
        "本年收入合计": find_row(table, "本年收入合计", side="income"),
        "本年支出合计": find_row(table, "本年支出合计", side="expense"),
        "收入总计": find_row(table, "总计", side="income"),
        "支出总计": find_row(table, "总计", side="expense"),
    }
    out = {}
    for label, row in lines.items():
        amount = row.values.get("amount") if row else None
        if amount is not None and amount.value is not None:
            out[label] = amount
    return out


def _listed_units(doc: BudgetDocument) -> int:
    rows = doc.organisations.rows if doc.organisations else []
    return sum(1 for r in rows if r and r[0].text.strip() and "单位名称" not in normalise_label(r[0].text))


@register(
    "STR009",
    "units-sum",
    title="所属单位合计与部门不符",
    severity=Severity.ERROR,
    regulation=COMPLETE,
)
def units_add_up(doc: BudgetDocument) -> Iterator[Hit]:
    """Part two: the units' 收支总表 totals add up to the department's (a lone 本级 unit equals it).

    Why: the department budget is the sum of its units' budgets; a gap means a unit is missing, or a figure
    differs between the two parts.
    Example: department 本年收入合计 2,654.52 and a single unit "…本级" 2,654.52 pass; 2,645.52 gives one hit.
    """
    if doc.part != "department" or not doc.units:
        return
    department = _t1(doc)
    per_unit = [_t1(unit) for unit in doc.units]
    explained: set[Decimal] = set()  # one gap shows on both sides and in 总计: report it once
    for label, amount in department.items():
        values = [u[label] for u in per_unit if label in u]
        if not values:
            continue
        summed, addends = money.total(values)
        verdict = money.compare(amount.number, summed, addends)
        if verdict == money.Verdict.EQUAL or summed - amount.number in explained:
            continue
        explained.add(summed - amount.number)
        partial = len(doc.units) < _listed_units(doc) and summed < amount.number
        severity = (
            Severity.INFO if verdict == money.Verdict.ROUNDING else Severity.WARNING if partial else None
        )
        note = f"（{money.rounding_note(addends)}）" if verdict == money.Verdict.ROUNDING else ""
        yield Hit(
            message=(
                f"收支总表{label}：{len(values)}个所属单位合计{money.fmt(summed)}，部门为{money.fmt(amount.number)}{note}"
            ),
            line=amount.line,
            table="收支总表",
            row=label,
            expected=amount.number,
            actual=summed,
            severity=severity,
            hint="机构设置表所列单位多于第二部分公开的单位，可能有单位未公开。" if partial else None,
        )
