"""The 收支总表 rows the cross-table rules start from (a side's row, the year's subtotal) and the fund conditions
they tell: no carry-over, only 财政拨款 money, only 一般公共预算 money."""

from __future__ import annotations

from checks.support.lookup import carry_free_total, find_row, per_part, per_table, sub_lines
from parsing.model import BudgetDocument, Row, Table
from parsing.text import normalise_label


def side_row(table: Table | None, side: str, *words: str) -> Row | None:
    return find_row(table, *words, side=side) if table else None


def subtotal_row(table: Table | None, side: str) -> Row | None:
    """本年收入合计 / 本年支出合计 of 收支总表 or 财政拨款收支总表 (some templates drop 本年).

    Templates without a 本年 row (Shanghai: only 收入总计/支出总计) make 总计 the year's total when no carry-over
    row holds a value. Found once per table and side: XTB001–XTB003 and XTB031 ask again and again.
    """
    return per_table(f"subtotal_row:{side}", table, lambda t: _subtotal_row(t, side)) if table else None


def _subtotal_row(table: Table, side: str) -> Row | None:
    if row := side_row(table, side, "本年", "合计"):
        return row
    rows = [r for r in table.side(side) if "合计" in (n := normalise_label(r.name)) and "总计" not in n]
    return (rows[0] if rows else None) or carry_free_total(table, side)


def all_zero(*rows: Row | None) -> bool:
    return all(a.number == 0 for r in rows if r for a in r.values.values())


def no_carryover(doc: BudgetDocument) -> bool:
    """No carry-over row of 收支总表 or 财政拨款收支总表 holds a figure (read once per part: XTB002 and all_fiscal ask)."""
    return per_part("no_carryover", doc, _no_carryover)


def _no_carryover(doc: BudgetDocument) -> bool:
    rows = [
        side_row(doc.table(k), s, "结转")
        for k in ("summary", "fiscal_summary")
        for s in ("income", "expense")
    ]
    return all_zero(*rows)


def all_fiscal(doc: BudgetDocument) -> bool:
    """Only 财政拨款 money and no carry-over: the 财政拨款 tables then equal the whole-department tables.

    Numbered sub-lines of a 拨款 line ("一、财政拨款收入" / "1.一般公共预算资金") belong to it, not to other money.
    """
    return per_part("all_fiscal", doc, _all_fiscal)  # three XTB rules ask


def _all_fiscal(doc: BudgetDocument) -> bool:
    t1 = doc.table("summary")
    year = subtotal_row(t1, "income")
    if t1 is None or year is None:
        return False
    income = t1.side("income")
    income = income[: income.index(year)]
    parts = {id(k) for _, kids in sub_lines(income) for k in kids}
    other = [r for r in income if id(r) not in parts and "拨款" not in normalise_label(r.name)]
    return no_carryover(doc) and all_zero(*other)


def all_general(doc: BudgetDocument) -> bool:
    t1 = doc.table("summary")
    other = [side_row(t1, "income", w) for w in ("政府性基金", "政府基金", "国有资本")]
    return all_fiscal(doc) and all_zero(*other)
