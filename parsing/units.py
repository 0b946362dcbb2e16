"""Money units: a table printed in another unit than the document's is converted, keeping the raw text."""

from __future__ import annotations

from decimal import Decimal

from parsing.model import Amount, AmountStatus, Table

FACTORS = {"元": Decimal(1), "万元": Decimal(10000)}


def factor(src: str | None, dst: str) -> Decimal:
    """Multiplier from one money unit to another.

    >>> factor("万元", "元"), factor("元", "万元"), factor(None, "元")
    (Decimal('10000'), Decimal('0.0001'), Decimal('1'))
    """
    if src not in FACTORS or dst not in FACTORS:
        return Decimal(1)
    return FACTORS[src] / FACTORS[dst]


def _scaled(amount: Amount, k: Decimal, unit: str) -> Amount:
    if amount.status != AmountStatus.VALUE or amount.unit == "%":
        return amount
    return amount.model_copy(update={"value": amount.value * k, "unit": amount.unit or unit})


def to_document_unit(table: Table, unit: str) -> Table:
    """Express every amount of a table in the document's unit; `Amount.unit` keeps the printed unit."""
    printed = table.header.unit if table.header else None
    k = factor(printed, unit)
    if k == 1:
        return table
    rows = [
        r.model_copy(update={"values": {c: _scaled(a, k, printed) for c, a in r.values.items()}})
        for r in table.rows
    ]
    return table.model_copy(update={"rows": rows})
