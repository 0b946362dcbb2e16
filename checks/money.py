"""Money comparison with the rounding tolerance of amounts printed to 0.01 (万元 or 元)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from parsing.model import Amount

CENT = Decimal("0.01")


class Verdict(StrEnum):
    EQUAL = "equal"
    ROUNDING = "rounding"  # within what independent rounding of the addends can explain
    MISMATCH = "mismatch"


def tolerance(addends: int) -> Decimal:
    """Largest gap rounding can cause between a printed total and the sum of n printed addends.

    Each figure is rounded to 0.01 on its own, so the gap is at most ⌊(n+1)/2⌋ × 0.01 for n ≥ 2;
    one addend (or one quantity printed twice) must match exactly.

    >>> tolerance(1), tolerance(2), tolerance(4), tolerance(9)
    (Decimal('0'), Decimal('0.01'), Decimal('0.02'), Decimal('0.05'))
    """
    if addends <= 1:
        return Decimal(0)
    return CENT * ((addends + 1) // 2)


def compare(expected: Decimal, actual: Decimal, addends: int = 1) -> Verdict:
    """Exact, rounding-level or a real mismatch.

    >>> compare(Decimal("937.80"), Decimal("937.79"), 2).value
    'rounding'
    >>> compare(Decimal("680.28"), Decimal("165.16")).value
    'mismatch'
    """
    gap = abs(expected - actual)
    if gap == 0:
        return Verdict.EQUAL
    return Verdict.ROUNDING if gap <= tolerance(addends) else Verdict.MISMATCH


def total(amounts: Iterable[Amount]) -> tuple[Decimal, int]:
    """Sum of the non-blank amounts and how many non-zero addends it has."""
    values = [a.value for a in amounts if a.value is not None]
    return sum(values, Decimal(0)), sum(1 for v in values if v != 0)


def fmt(value: Decimal | None) -> str:
    """Thousands separators, two decimals.

    >>> fmt(Decimal("2654.5")), fmt(None)
    ('2,654.50', '空')
    """
    return "空" if value is None else f"{value:,.2f}"


def rounding_note(addends: int) -> str:
    return f"按{addends}个加数各自四舍五入到0.01计，容差{tolerance(addends)}"
