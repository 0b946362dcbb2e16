"""Disbursement-plan and indicator analysis shared by the rules and the dashboard (no rules registered here)."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from operator import attrgetter, itemgetter

from checks.support.indicator_rows import indicator_verdicts
from checks.support.indicators import VERDICT_ZH, project_label
from checks.support.indicators import project_budget as plan_total
from checks.support.lookup import per_part
from checks.support.memo import remembered
from checks.support.money import CENT, Verdict, compare
from parsing.model import BLANK_STATUSES, AmountStatus, BudgetDocument, Indicator, Project
from parsing.text import normalise_label

__all__ = [
    "VERDICT_ZH",
    "PlanCurve",
    "indicator_verdicts",
    "payment_timeliness",
    "plan_curve",
    "plan_curves",
    "plan_total",
    "project_label",
]

HUNDRED = Decimal(100)
_PAYMENT = re.compile(r"支付|拨付|发放|兑付|到位|缴纳|缴费|结算")
_TIMING = re.compile(r"及时|按时|当月|按月|每月|月度|按期|准时")
_MISMATCH = Verdict.MISMATCH


@dataclass(frozen=True)
class PlanCurve:
    """A 资金支出计划 read as a cumulative curve; iterating yields (label, cumulative percent).

    `values` are the cumulative figures in the plan's own unit (percent or 万元), `points` the same as a
    percentage of `total` (None where it cannot be computed). Blank cells are filled according to the
    reading: cumulative → leading blanks 0, later blanks keep the previous value; per-period → blanks 0.
    """

    points: tuple[tuple[str, Decimal | None], ...]
    values: tuple[tuple[str, Decimal | None], ...]
    reading: str  # "cumulative" | "per-period" | "none" (no figure at all)
    unit: str  # "percent" | "amounts"
    total: Decimal | None  # 100 for percent, 预算数 (万元) for amounts
    blanks: tuple[str, ...] = ()
    invalid: tuple[str, ...] = ()
    unit_ambiguous: bool = False  # no "%" in the cells and the year-end fits neither 100 nor 预算数

    def __iter__(self) -> Iterator[tuple[str, Decimal | None]]:
        return iter(self.points)

    @property
    def note_zh(self) -> str:
        """The reading assumed, for messages: "按累计万元数读", "按当期百分比读并累加" …"""
        if self.reading == "none":
            return "计划未填数字"
        unit = "百分比" if self.unit == "percent" else "万元数"
        return f"按当期{unit}读并累加" if self.reading == "per-period" else f"按累计{unit}读"

    @property
    def last(self) -> Decimal | None:
        return self.values[-1][1] if self.values else None

    def fits(self, value: Decimal | None, addends: int = 1) -> bool:
        """Whether a cumulative figure equals the total (100 % or 预算数)."""
        return _fits(self.total, value, addends)


def _fits(total: Decimal | None, value: Decimal | None, addends: int = 1) -> bool:
    if value is None or total is None:
        return False
    return compare(total, value, addends) != _MISMATCH


def _cumulative(numbers: list[Decimal | None]) -> list[Decimal]:
    out: list[Decimal] = []
    for number in numbers:
        out.append(number if number is not None else out[-1] if out else Decimal(0))
    return out


def _running(numbers: list[Decimal | None]) -> list[Decimal]:
    out: list[Decimal] = []
    for number in numbers:
        out.append((out[-1] if out else Decimal(0)) + (number or Decimal(0)))
    return out


_CURVES: dict[tuple, PlanCurve] = {}
# A plan point read once into a cell: (label, status, value, unit, is_percent); the positions are named once.
_CELL = attrgetter("label", "amount.status", "amount.value", "amount.unit", "is_percent")
_LABEL, _STATUS, _NUMBER_AT, _UNIT, _PERCENT = range(5)
_KEY = itemgetter(_LABEL, _STATUS, _UNIT, _PERCENT)  # all that the reading reads but the value
_NUMBER = itemgetter(_NUMBER_AT)
_VALUE, _INVALID = AmountStatus.VALUE, AmountStatus.INVALID  # bound once: an enum member read is a call


def plan_curve(project: Project) -> PlanCurve:
    """Read a project's plan: cumulative unless only the per-period reading reaches the total.

    The form asks for cumulative figures ("by end of …"). A row that decreases, or that stops short
    while its figures add up to exactly 100 % / 预算数, is read as per-period amounts and summed.
    A single figure reads the same both ways (001 "", "100", "", "": everything by 6月底).
    """
    # (label, status, value, unit, is_percent) of each point: a model's attribute read is slow, each is read once
    cells = tuple(map(_CELL, project.plan))
    budget = plan_total(project)
    # all that the reading reads, the values as printed (equal Decimals may print differently: "-0", "95.0";
    # str(None) is no Decimal's): the same plan recurs in part two and across projects
    content = tuple(map(_KEY, cells)), tuple(map(str, map(_NUMBER, cells))), str(budget)
    return remembered(_CURVES, content, _read_plan, cells, budget)


def _read_plan(cells: tuple[tuple, ...], budget: Decimal | None) -> PlanCurve:
    labels, numbers, blanks, invalid = _cells(cells)
    percent = any(cell[_PERCENT] for cell in cells)
    unit = "percent" if percent else "amounts"
    total = HUNDRED if percent else budget
    if numbers.count(None) == len(numbers):
        empty = tuple((label, None) for label in labels)
        return PlanCurve(empty, empty, "none", unit, total, blanks, invalid)
    cumulative, running = _cumulative(numbers), _running(numbers)
    nonzero = sum(map(bool, numbers))
    monotone = all(map(operator.le, cumulative, cumulative[1:]))
    per_period_fits = nonzero >= 1 and _fits(total, running[-1], nonzero)
    reading = "cumulative"
    if per_period_fits and (not monotone or not _fits(total, cumulative[-1])):
        reading = "per-period"
    chosen = running if reading == "per-period" else cumulative
    values = tuple(zip(labels, chosen, strict=True))
    points = values if percent else tuple((label, _percent(v, total)) for label, v in values)
    explicit = any(cell[_UNIT] == "%" for cell in cells)
    last = chosen[-1]
    ambiguous = (
        not explicit and max(chosen) <= HUNDRED and last != HUNDRED and (budget is None or last != budget)
    )
    return PlanCurve(points, values, reading, unit, total, blanks, invalid, ambiguous)


def _cells(
    cells: tuple[tuple, ...],
) -> tuple[list[str], list[Decimal | None], tuple[str, ...], tuple[str, ...]]:
    """The plan's labels, readable figures (None for any other cell), blank and unreadable labels: one pass."""
    labels: list[str] = []
    numbers: list[Decimal | None] = []
    blanks: list[str] = []
    invalid: list[str] = []
    for cell in cells:
        label, status, value = cell[_LABEL], cell[_STATUS], cell[_NUMBER_AT]
        labels.append(label)
        numbers.append(value if status == _VALUE else None)
        if status in BLANK_STATUSES:
            blanks.append(label)
        elif status == _INVALID:
            invalid.append(label)
    return labels, numbers, tuple(blanks), tuple(invalid)


def plan_curves(doc: BudgetDocument) -> tuple[PlanCurve, ...]:
    """plan_curve of every project of the part, in project order: read once, six PLN rules ask."""
    return per_part("plan_curves", doc, lambda part: tuple(plan_curve(p) for p in part.projects))


def _percent(value: Decimal, total: Decimal | None) -> Decimal | None:
    if not total:
        return None
    try:
        return (value / total * HUNDRED).quantize(CENT)
    except InvalidOperation:  # a percentage of more digits than Decimal keeps (a 27-digit plan amount)
        return None


def payment_timeliness(project: Project) -> list[Indicator]:
    """Indicators promising timely payment ("当月及时支付", "配套资金拨付及时", "按月发放")."""
    return [ind for ind in project.indicators if _promises_payment(ind.level3, ind.description, ind.value)]


@lru_cache(maxsize=1 << 14)  # the same indicator rows recur across projects, parts and documents
def _promises_payment(name: str, description: str, value: str) -> bool:
    text = normalise_label(f"{name}{description}{value}")
    return bool(_PAYMENT.search(text) and _TIMING.search(text))
