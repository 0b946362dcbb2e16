"""Families of sums that share one shape, and a scan that sets aside the sums that hold, in bulk.

A 类 = Σ款 sum has the same rows in every value column, and a row sum (合计 = Σ parts) the same columns on every
row: a family states that shape once instead of one draft (sums.Draft) per sum. Most sums of a disclosure hold or
are blank throughout, so a family is first judged on plain per-column lists of its table's figures, built once per
table; only the sums this cannot settle become drafts, weighed exactly (sums.weigh_draft). When one fails, the
culprit search drafts them all (relations._relations).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import itemgetter

from checks.support.lookup import per_table
from parsing.model import BLANK_STATUSES, Amount, Row, Table

# A relation before it is built: kind, target cell, addend cells, what (see sums.weigh_draft and sums.build;
# None: the addends' codes, listed when built).
Cell = tuple[Table, Row, str]
Draft = tuple[str, Cell, list[Cell], str | None]
# One sum of a Down family: kind, target row, addend rows, what.
Pair = tuple[str, Row, list[Row], str | None]


class _Missing:
    """Stands for the cell a row does not have (read like an Amount)."""

    value = None


_MISSING = _Missing()


class Figures:
    """A table's printed values for sums, per column in row order (worked out on first use), and each row's place.

    A blank cell reads None; so does a missing cell or one that is not a number: weigh_draft sets aside any sum
    that reads one, so whether the scan keeps such a sum or not, it is not reported.
    """

    __slots__ = ("_cells", "_filled", "_values", "position")

    def __init__(self, table: Table) -> None:
        self.position = {id(row): i for i, row in enumerate(table.rows)}
        self._cells = [row.values for row in table.rows]
        self._values: dict[str, list[Decimal | None]] = {}
        self._filled: dict[str, bool] = {}

    def values(self, key: str) -> list[Decimal | None]:
        found = self._values.get(key)
        if found is None:
            try:  # most columns have a cell in every row: picked in one C-level pass
                found = [a.value for a in map(itemgetter(key), self._cells)]
            except KeyError:
                found = [cells.get(key, _MISSING).value for cells in self._cells]
            self._values[key] = found
        return found

    def filled(self, key: str) -> bool:
        """Whether a cell of the column is printed (a number, or text that is not one): a row sum leaves out a part
        column blank throughout, and every sum down such a column is settled."""
        found = self._filled.get(key)
        if found is None:
            found = self._filled[key] = _printed(self._cells, key)
        return found


def _printed(rows: list[dict[str, Amount]], key: str) -> bool:
    for cells in rows:  # a plain loop, stopped at the first printed cell: an empty column is read to the end
        amount = cells.get(key)
        if amount is not None and amount.status not in BLANK_STATUSES:
            return True
    return False


def figures(table: Table) -> Figures:
    """The table's figures, built once per table: the sums of every family of the table read them."""
    return per_table("figures", table, Figures)


ZERO = Decimal(0)  # sum()'s start: 0 + Decimal converts the int on every sum


def _picker(positions: Sequence[int]) -> Callable[[list], Sequence]:
    """The items at these positions of a list, as a sequence (itemgetter returns a bare item for one position)."""
    if len(positions) == 1:  # a one-item slice: no Python-level call
        return itemgetter(slice(positions[0], positions[0] + 1))
    return itemgetter(*positions) if positions else lambda items: ()


class Down:
    """Sums of rows: each target row = Σ its addend rows, in each of the columns (类 = Σ款, 合计 = Σ lines)."""

    __slots__ = ("columns", "pairs", "table")

    def __init__(self, table: Table, columns: Sequence[str], pairs: list[Pair]) -> None:
        self.table, self.columns, self.pairs = table, columns, pairs

    def draft(self, pair: Pair, column: str) -> Draft:
        kind, target, addends, what = pair
        table = self.table
        return (kind, (table, target, column), [(table, r, column) for r in addends], what)

    def drafts(self) -> list[Draft]:
        return [self.draft(pair, column) for pair in self.pairs for column in self.columns]

    def undecided(self) -> list[Draft]:
        """The drafts whose verdict is not settled here: not an exact sum, not blank throughout."""
        found = figures(self.table)
        position = found.position
        columns = [(c, found.values(c)) for c in self.columns if found.filled(c)]  # blank: every sum settled
        out: list[Draft] = []
        for pair in self.pairs:
            _, target, addends, _ = pair
            at, pick = position[id(target)], _picker([position[id(r)] for r in addends])
            # settled without weighing: an exact sum, or blank throughout (filter(None, …): blanks and zeros add
            # nothing); weigh_draft reports neither. Inlined: the hottest loop of ARI
            for column, values in columns:
                value = values[at]
                if value is None:
                    if any(pick(values)):
                        out.append(self.draft(pair, column))
                elif value != sum(filter(None, pick(values)), ZERO):
                    out.append(self.draft(pair, column))
        return out

    def keep(self, spanned: Callable[[Row], bool]) -> Down:
        """Itself without the sums that have a row spanned (each sum has the same rows in every column)."""
        pairs = [p for p in self.pairs if not spanned(p[1]) and not any(map(spanned, p[2]))]
        return self if len(pairs) == len(self.pairs) else Down(self.table, self.columns, pairs)


class Across:
    """target column = Σ addend columns on each of the rows (合计 = 基本支出 + 项目支出)."""

    __slots__ = ("addends", "kind", "rows", "table", "target", "what")

    def __init__(
        self, kind: str, table: Table, rows: list[Row], target: str, addends: Sequence[str], what: str
    ) -> None:
        self.kind, self.table, self.rows, self.target, self.addends = kind, table, rows, target, addends
        self.what = what

    def draft(self, row: Row) -> Draft:
        table = self.table
        return (self.kind, (table, row, self.target), [(table, row, c) for c in self.addends], self.what)

    def drafts(self) -> list[Draft]:
        return [self.draft(row) for row in self.rows]

    def undecided(self) -> list[Draft]:
        """The drafts whose verdict is not settled here: not an exact sum, not blank throughout."""
        found = figures(self.table)
        values, position = found.values(self.target), found.position
        by_row = list(zip(*[found.values(c) for c in self.addends], strict=True))
        out = []
        for row in self.rows:  # settled as in Down.undecided
            at = position[id(row)]
            value = values[at]
            if value is None:
                if any(by_row[at]):
                    out.append(self.draft(row))
            elif value != sum(filter(None, by_row[at]), ZERO):
                out.append(self.draft(row))
        return out

    def keep(self, spanned: Callable[[Row], bool]) -> Across:
        """Itself without the rows spanned (each draft lies on one row)."""
        rows = [r for r in self.rows if not spanned(r)]
        if len(rows) == len(self.rows):
            return self
        return Across(self.kind, self.table, rows, self.target, self.addends, self.what)


class Plain:
    """Drafts of any shape (cells of several tables), each weighed."""

    __slots__ = ("_drafts",)

    def __init__(self, drafts: list[Draft]) -> None:
        self._drafts = drafts

    def drafts(self) -> list[Draft]:
        return self._drafts

    undecided = drafts

    def keep(self, spanned: Callable[[Row], bool]) -> Plain:
        return Plain([d for d in self._drafts if not any(spanned(c[1]) for c in (d[1], *d[2]))])


Family = Down | Across | Plain
