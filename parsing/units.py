"""Money units: a table printed in another unit than the document's is converted, keeping the raw text."""

from __future__ import annotations

from decimal import Decimal

from parsing.model import Amount, AmountStatus, Table, replaced

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
    return replaced(amount, value=amount.value * k, unit=amount.unit or unit)


def _values(table: Table) -> list[Decimal]:
    return [
        a.value
        for r in table.rows
        for a in r.values.values()
        if a.status == AmountStatus.VALUE and a.value and a.unit != "%"
    ]


def _printed_in_document_unit(table: Table, unit: str, peers: set[Decimal]) -> bool:
    """The header names another unit, yet the amounts agree with the other tables as printed.

    A mislabelled header ("单位：元" over 万元 figures) is a header defect; converting its figures would turn one
    wrong word into wrong numbers everywhere they are compared.
    """
    k = factor(table.header.unit if table.header else None, unit)
    values = _values(table)
    as_printed = sum(1 for v in values if v in peers)
    converted = sum(1 for v in values if v * k in peers)
    return as_printed > converted


def settle_units(tables: dict[str, Table], unit: str, mixed_units_allowed: bool) -> dict[str, Table]:
    """Every table in the document unit: converted from its own header's unit, unless (in a layout that prints
    one unit throughout) its figures show that the header's unit is a mistake."""
    factors = {key: factor(t.header.unit if t.header else None, unit) for key, t in tables.items()}
    if all(k == 1 for k in factors.values()):  # the common case: nothing to convert, nothing to compare
        return dict(tables)
    peers = {v for key, t in tables.items() if factors[key] == 1 for v in _values(t)}
    out = {}
    for key, table in tables.items():
        if factors[key] == 1 or (not mixed_units_allowed and _printed_in_document_unit(table, unit, peers)):
            out[key] = table
        else:
            out[key] = to_document_unit(table, unit)
    return out


def to_document_unit(table: Table, unit: str) -> Table:
    """Express every amount of a table in the document's unit; `Amount.unit` keeps the printed unit."""
    printed = table.header.unit if table.header else None
    k = factor(printed, unit)
    if k == 1:
        return table
    rows = [replaced(r, values={c: _scaled(a, k, printed) for c, a in r.values.items()}) for r in table.rows]
    return replaced(table, rows=rows)
