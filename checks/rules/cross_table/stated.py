"""Cross-table basis: one quantity stated by several tables, its most credible value, the cells in doubt."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import NamedTuple

from checks.findings import Hit
from checks.support.families import ZERO
from checks.support.lookup import coded_rows, per_part, per_table, table_name
from checks.support.money import Verdict, fmt
from checks.support.relations import BLANK, relations
from checks.support.sums import INVALID
from parsing.model import BLANK_STATUSES, Amount, BudgetDocument, Row, Table
from parsing.text import normalise_label


class Stated(NamedTuple):
    """One table's statement of a quantity; a row the table does not list reads as blank.

    A NamedTuple: the cross-table rules build a few hundred per part (a frozen dataclass sets each field through
    object.__setattr__).
    """

    table: str
    row: str
    column: str
    amount: Amount | None
    line: int
    key: tuple

    @property
    def value(self) -> Decimal:
        return self.amount.number if self.amount else Decimal(0)

    @property
    def blank(self) -> bool:
        return self.amount is None or self.amount.is_blank

    @property
    def shown(self) -> str:
        where = f"{self.table}“{self.row}”{self.column}"
        return (
            f"{where}为空" if self.amount is None or self.amount.is_blank else f"{where}为 {fmt(self.value)}"
        )


def stated(table: Table | None, row: Row | None, column: str, label: str = "合计") -> Stated | None:
    if table is None or not (table.rows or table.empty_note):
        return None
    name = table_name(table)
    if row is None:
        return Stated(name, f"{label}（未列示）", "", None, table.line, (table.key, None, column))
    amount = row.values.get(column)
    if amount is None or amount.status == INVALID:
        return None
    col = table.column(column) if column != "amount" else None  # an "amount" column goes unnamed
    code = row.code if row.code and not row.code_inferred else ""
    return Stated(
        name,
        f"{code} {row.name}".strip(),
        col.label if col else "",
        amount,
        amount.line or row.line,
        (table.key, row.line, column),
    )


def same_figure(row: Row, other: Row, column: str) -> bool:
    """Both rows state the column readably with the same figure: their statements cannot disagree."""
    a, b = row.values.get(column), other.values.get(column)
    return (
        a is not None
        and b is not None
        and a.status != INVALID
        and b.status != INVALID
        and (a.value or ZERO) == (b.value or ZERO)  # Amount.number without two property calls
    )


def suspects(doc: BudgetDocument, broad: bool = False) -> frozenset[tuple]:
    """Cells the arithmetic of their own table blames (a culprit, or the target of an unexplained sum);
    broad: every cell of a failing sum."""
    return per_part("suspects-broad" if broad else "suspects", doc, lambda part: _suspects(part, broad))


def _suspects(doc: BudgetDocument, broad: bool) -> frozenset[tuple]:
    out = set()
    for rel in relations(doc):
        failing = rel.verdict in (Verdict.MISMATCH, BLANK) and rel.kind not in ("split", "link")
        if broad and failing:
            out.update(c.key for c in (rel.target, *rel.addends))
        elif rel.culprit is not None:
            out.add(rel.culprit.key)
        elif failing and not rel.causes:
            out.add(rel.target.key)
    return frozenset(out)


def disagreements(
    quantity: str, members: Iterable[Stated | None], doubtful: frozenset[tuple]
) -> Iterator[Hit]:
    """Report the statements that differ from the most credible value (majority, then filled, then consistent)."""
    items = [m for m in members if m]
    values = list(dict.fromkeys(m.value for m in items))
    if len(values) < 2:
        return
    position: dict[int, int] = {}  # items.index by identity: no Amount comparisons
    for i, m in enumerate(items):
        position.setdefault(id(m), i)

    def credit(value: Decimal) -> tuple:
        group = [m for m in items if m.value == value]
        return (
            len(group),
            -sum(m.blank for m in group),
            -sum(m.key in doubtful for m in group),
            -position[id(group[0])],
        )

    best = max(values, key=credit)
    others = [m for m in items if m.value == best]
    for m in items:
        if m.value != best:
            # Lines go to the hint: part two often copies part one, and the runner merges equal messages.
            yield Hit(
                message=f"{quantity}在各表中不一致：{m.shown}，而" + "、".join(o.shown for o in others),
                line=m.line,
                table=m.table,
                row=m.row,
                column=m.column or None,
                expected=best,
                actual=None if m.blank else m.value,
                hint="同一数字在不同表中应完全一致；对照："
                + "、".join(f"{o.table}第{o.line}行" for o in others),
            )


def classes(*tables: tuple[Table | None, str | None]) -> dict[str, str]:
    """Function 类 codes with a value in any of the tables, with a name (the first table naming a 类 names it)."""
    out: dict[str, str] = {}
    for table, side in tables:
        for code, name in _filled_classes(table, side) if table else ():
            out.setdefault(code, name)
    return dict(sorted(out.items()))


def _filled_classes(table: Table, side: str | None) -> tuple[tuple[str, str], ...]:
    """The table's 类 codes (in coded_rows order) whose row holds a figure, with their names; read once per table
    (XTB002 asks the 财政拨款收支总表 once per fund)."""
    return per_table(f"filled_classes:{side}", table, lambda t: _scan_filled_classes(t, side))


def _scan_filled_classes(table: Table, side: str | None) -> tuple[tuple[str, str], ...]:
    return tuple(
        (code, normalise_label(row.name).split("、")[-1])
        for code, row in coded_rows(table, side).items()
        if len(code) == 3 and any(a.status not in BLANK_STATUSES for a in row.values.values())  # not is_blank
    )
