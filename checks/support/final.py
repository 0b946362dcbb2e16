"""决算 readings shared by rules: the 情况说明 as one normalised text stream, its statements, table cells by role."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from checks.support.lookup import find_row, per_part, table_name, total_row
from parsing.model import Amount, BudgetDocument, Row
from parsing.text import normalise_label

NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
HALF_CENT = Decimal("0.005")
_YEAR = re.compile(r"(20\d\d)年")


@dataclass(frozen=True)
class Stream:
    """The part's TAB-less lines, normalised (NFKC, no spaces) and joined: PDF lines wrap mid-sentence."""

    text: str
    starts: tuple[int, ...]  # offset of each source line in `text`
    numbers: tuple[int, ...]  # its 1-based line number

    def line_at(self, offset: int) -> int:
        return self.numbers[max(bisect.bisect_right(self.starts, offset) - 1, 0)]

    def sentence(self, offset: int) -> tuple[int, int]:
        """Start and end of the sentence (up to 。) around an offset."""
        start = self.text.rfind("。", 0, offset) + 1
        end = self.text.find("。", offset)
        return start, len(self.text) if end < 0 else end


def stream(doc: BudgetDocument) -> Stream:
    return per_part("final_stream", doc, _build)


def _build(doc: BudgetDocument) -> Stream:
    parts, starts, numbers = [], [], []
    offset = 0
    for number in range(doc.line, min(doc.end_line, len(doc.lines)) + 1):
        raw = doc.lines[number - 1]
        if raw[:1] == "\t":
            continue
        key = normalise_label(raw)
        if not key:
            continue
        parts.append(key)
        starts.append(offset)
        numbers.append(number)
        offset += len(key)
    return Stream("".join(parts), tuple(starts), tuple(numbers))


def decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def decimals(text: str) -> int:
    return len(text.partition(".")[2])


def other_year(doc: BudgetDocument, before: str) -> bool:
    """The words before a figure speak of another year ("与 2023 年度相比", "上年")."""
    years = _YEAR.findall(before)
    return bool(years and doc.budget_year and int(years[-1]) != doc.budget_year) or any(
        w in before for w in ("上年", "上一年", "上年度", "相比", "较上")
    )


def share_bounds(part: Decimal, base: Decimal, base_terms: int = 1) -> tuple[Decimal, Decimal]:
    """Smallest and largest share (in %) the printed part and base allow, each rounded to 0.01.

    >>> share_bounds(Decimal("0.39"), Decimal("2.85"))
    (Decimal('13.49'), Decimal('13.88'))
    """
    low = (part - HALF_CENT) / (base + HALF_CENT * base_terms) * 100
    high = (part + HALF_CENT) / (base - HALF_CENT * base_terms) * 100
    return low.quantize(Decimal("0.01")), high.quantize(Decimal("0.01"))


def percent_fits(stated: str, part: Decimal, base: Decimal, base_terms: int = 1) -> bool:
    """A stated percentage fits part/base within amount rounding and one unit of its last printed digit
    (rounded or cut off).

    >>> percent_fits("99.86", Decimal("9746.50"), Decimal("9759.38")), percent_fits("39.00", Decimal("3832.36"), Decimal("9746.50"))
    (True, False)
    """
    if base - HALF_CENT * base_terms <= 0:
        return True
    low, high = share_bounds(part, base, base_terms)
    unit = Decimal(1).scaleb(-decimals(stated))
    return low - unit <= decimal(stated) <= high + unit


@dataclass(frozen=True)
class Cell:
    """A table value a statement is compared with, and how to name it."""

    amount: Amount
    where: str  # "收入支出决算总表“本年支出合计”"


def cell_of(doc: BudgetDocument, key: str, column: str, *words: str, side: str | None = None) -> Cell | None:
    """The value of a 决算 table cell by row words (none: the 合计 row), with its name for a message."""
    table = doc.table(key)
    row: Row | None = find_row(table, *words, side=side) if words else total_row(table, side)
    amount = row.values.get(column) if row else None
    if table is None or row is None or amount is None or amount.value is None:
        return None
    col = table.column(column)
    label = col.label if col and column not in ("amount", "total") else ""
    return Cell(amount, f"{table_name(table)}“{row.name}”{label}")
