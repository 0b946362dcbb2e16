"""Money comparison with the rounding tolerance of amounts printed to 0.01 (万元 or 元)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from parsing.model import Amount

CENT = Decimal("0.01")
_TO_YUAN = {"亿元": Decimal(10) ** 8, "万元": Decimal(10000), "元": Decimal(1)}


class Verdict(StrEnum):
    EQUAL = "equal"
    ROUNDING = "rounding"  # within what independent rounding of the addends can explain
    MISMATCH = "mismatch"


# Bound once: reading Verdict.X costs a descriptor call each time, and compare() runs for every sum.
_EQUAL, _ROUNDING, _MISMATCH = Verdict.EQUAL, Verdict.ROUNDING, Verdict.MISMATCH


def tolerance(addends: int, step: Decimal = CENT) -> Decimal:
    """Largest gap rounding can cause between a printed total and the sum of n printed addends.

    Each figure is rounded to `step` (0.01 of the unit it is printed in) on its own, so the gap is at most
    ⌊(n+1)/2⌋ × step for n ≥ 2; one addend (or one quantity printed twice) must match exactly.

    >>> tolerance(1), tolerance(2), tolerance(4), tolerance(9), tolerance(2, Decimal(100))
    (Decimal('0'), Decimal('0.01'), Decimal('0.02'), Decimal('0.05'), Decimal('100'))
    """
    if addends <= 1:
        return Decimal(0)
    return step * ((addends + 1) // 2)


def compare(expected: Decimal, actual: Decimal, addends: int = 1, step: Decimal = CENT) -> Verdict:
    """Exact, rounding-level or a real mismatch (figures rounded to `step`, 0.01 unless told).

    >>> compare(Decimal("937.80"), Decimal("937.79"), 2).value
    'rounding'
    >>> compare(Decimal("680.28"), Decimal("165.16")).value
    'mismatch'
    """
    if expected == actual:
        return _EQUAL
    gap = abs(expected - actual)
    return _ROUNDING if gap <= tolerance(addends, step) else _MISMATCH


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


def rounding_note(addends: int, step: Decimal = CENT, unit: str = "") -> str:
    """The assumption behind a rounding-level verdict, for the message.

    >>> rounding_note(2), rounding_note(2, Decimal(100), "元")
    ('按2个加数各自四舍五入到0.01计，容差0.01', '按2个加数各自四舍五入到100元计，容差100元')
    """
    return f"按{addends}个加数各自四舍五入到{step}{unit}计，容差{tolerance(addends, step)}{unit}"


def convert(value: Decimal, unit: str, to: str) -> Decimal:
    """Money between 元, 万元 and 亿元 (1 万元 = 10000 元)."""
    return value * _TO_YUAN.get(unit, Decimal(1)) / _TO_YUAN.get(to, Decimal(1))


def precision(unit: str, *units: str) -> Decimal:
    """Rounding step (document unit) of figures printed to 0.01 of their own unit: 0.01万元 = 100元; at least 0.01.

    >>> precision("元", "万元"), precision("万元", "元"), precision("万元")
    (Decimal('100.00'), Decimal('0.01'), Decimal('0.01'))
    """
    return max([CENT, *(convert(CENT, u, unit) for u in units)])


def judge_stated(
    value: Decimal, stated: str, decimals: int, expected: Decimal, unit: str
) -> tuple[Verdict, str]:
    """A text amount (its unit and decimals) vs a table value: equal within half the stated figure's rounding
    (9,101.68万元 covers 91,016,750–91,016,850元); with fewer decimals ("100万元") rounding-level if it rounds so.

    >>> [judge_stated(Decimal("9101.68"), "万元", 2, Decimal(e), "元")[0].value for e in ("91016775.35", "91016700")]
    ['equal', 'mismatch']
    >>> judge_stated(Decimal("100"), "万元", 0, Decimal("99.98"), "万元")[0].value
    'rounding'
    """
    gap = abs(expected - convert(value, stated, unit))
    if gap * 2 <= precision(unit, stated):
        return Verdict.EQUAL, ""
    if decimals < 2 and gap * 2 <= convert(Decimal(1).scaleb(-decimals), stated, unit):
        return Verdict.ROUNDING, f"说明只写到{decimals}位小数，表中数四舍五入后与之相同"
    return Verdict.MISMATCH, ""
