"""The read-quality gate: which tables of a part were read with low confidence, and which findings rest on them.

One shared place (the runner calls it) so that no rule has to remember it: a table in doubt gets one PRS003
finding; no finding of another family stands on its title or cells (a sum, an empty-table note, a cell that is
"not a number"), and no arithmetic, cross-table or narrative finding reconciles figures with a table it names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from checks.findings import Finding
from checks.support.lookup import per_part, table_name
from parsing.model import BudgetDocument, Table
from parsing.quality import table_doubts

# Families whose findings compare a table's figures with other figures: silent on a table in doubt.
RECONCILING = frozenset({"arithmetic", "cross-table", "narrative"})
KEEP = frozenset({"parse"})  # the parse family says what was misread: always kept
SHORT_NAMES = {
    "general_basic": ("基本支出表",),
    "three_public": ("“三公”经费表",),
}  # as rule messages say them


def _names(table: Table) -> tuple[str, ...]:
    return (table_name(table), *SHORT_NAMES.get(table.key, ()))


def doubtful_tables(doc: BudgetDocument) -> tuple[tuple[Table, tuple[str, ...]], ...]:
    """The part's standard tables read with low confidence, with the reasons (PRS003 and the gate both ask)."""
    return per_part("doubtful_tables", doc, _doubtful_tables)


def _doubtful_tables(doc: BudgetDocument) -> tuple[tuple[Table, tuple[str, ...]], ...]:
    return tuple((t, tuple(doubts)) for t in doc.tables.values() if (doubts := table_doubts(t)))


def _longest_first(names: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern for the table names, the longest first, so that _mentions reads "财政拨款收支总表" as itself
    and not also as "收支总表".

    >>> sorted(_mentions("财政拨款收支总表与收入总表不一致", _longest_first(["收支总表", "财政拨款收支总表", "收入总表"])))
    ['收入总表', '财政拨款收支总表']
    """
    if not names:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def _mentions(message: str, pattern: re.Pattern[str] | None) -> set[str]:
    return set() if pattern is None else {m.group() for m in pattern.finditer(message)}


def rests_on_doubt(finding: Finding, doc: BudgetDocument, doubtful: Sequence[Table]) -> bool:
    """Whether a finding is located in a table in doubt, or reconciles figures with one it names."""
    if not doubtful:
        return False
    return _DoubtGate(doc, doubtful)(finding.family, finding.table, finding.line, finding.message)


class _DoubtGate:
    """rests_on_doubt for one part, its table names gathered once (the runner asks it of every hit)."""

    def __init__(self, doc: BudgetDocument, doubtful: Sequence[Table]) -> None:
        self.doubtful = doubtful
        self.names = {n for t in doubtful for n in _names(t)} | {t.key for t in doubtful}
        self.any_name = _longest_first([n for t in doc.tables.values() for n in _names(t)])

    def __call__(self, family: str, table: str | None, line: int | None, message: str) -> bool:
        if family in KEEP:
            return False
        if table in self.names:
            return True
        if line is not None and any(t.line <= line <= t.end_line for t in self.doubtful):
            return True
        if family not in RECONCILING:
            return False
        return bool(_mentions(message, self.any_name) & self.names)


def doubt_gate(doc: BudgetDocument) -> Callable[[str, str | None, int | None, str], bool] | None:
    """rests_on_doubt as a test of (family, table, line, message) for the part, so that a rule's hit is gated
    before it becomes a Finding; None when no table of the part is in doubt (every finding stands)."""
    doubtful = [t for t, _ in doubtful_tables(doc)]
    return _DoubtGate(doc, doubtful) if doubtful else None
