"""Root causes of failing sums: the one cell (or row) whose correction repairs several relations at once."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

from checks.support.lookup import coded_rows, find_row
from checks.support.money import Verdict, compare
from checks.support.sums import BLANK, Draft, Ref, Relation, cell_keys
from parsing.model import BudgetDocument

# Which relation reports a culprit found by several failing relations ("link": evidence only, never reported).
PRIORITY = ("row", "tree", "three", "summary", "balance", "split", "link")
Proposal = tuple[Decimal, Relation, Ref]
_C = TypeVar("_C")


# A relation is repaired when correcting cells turns its verdict into one of these.
BETTER = {
    Verdict.ROUNDING: (Verdict.EQUAL,),
    Verdict.MISMATCH: (Verdict.EQUAL, Verdict.ROUNDING),
    BLANK: (Verdict.EQUAL, Verdict.ROUNDING),
    Verdict.EQUAL: (),
}


def verdict_with(rel: Relation, fixes: dict) -> str | None:
    """The verdict of a judged relation when some cells take corrected values (fixes: key -> (value, …)).

    Worked out from its judged sums and the corrected cells only: Decimal sums of printed figures are exact, so
    the verdict is the one a count over every cell gives.
    """
    actual, expected, count = rel.actual, rel.expected, rel.count
    if fixes:
        for position, key in enumerate(cell_keys(rel)):
            fixed = fixes.get(key)
            if fixed is None:
                continue
            if position == 0:
                actual = fixed[0]
                continue
            old = rel.addends[position - 1].amount.value  # type: ignore[union-attr]
            if old is not None:
                expected -= old
                count -= 1 if old else 0
            if fixed[0] is not None:
                expected += fixed[0]
                count += 1 if fixed[0] else 0
    if actual is None:
        return None if count == 0 else BLANK
    return compare(expected, actual, count)


def _breaks(rel: Relation, fixes: dict) -> bool:
    return verdict_with(rel, fixes) in (Verdict.MISMATCH, BLANK)


def proposal_cells(kind: str, verdict: str, target: _C, addends: Sequence[_C]) -> tuple[_C, ...]:
    """The cells of a sum (Refs of a relation, or a draft's cells) a correction can be proposed for: none when the
    sum holds or is a 人员/公用 split, only the target when it is blank (only it can be filled in), else every cell.

    >>> proposal_cells("row", BLANK, "t", ["a"]), proposal_cells("split", Verdict.MISMATCH, "t", ["a"])
    (('t',), ())
    """
    if kind == "split" or verdict == Verdict.EQUAL:
        return ()
    return (target,) if verdict == BLANK else (target, *addends)


def _proposals(judged: list[Relation]) -> dict[tuple, list[Proposal]]:
    """Per cell, the values that make a failing relation hold, exact ones (a row or the cell's own sum) first."""
    out: dict[tuple, list[Proposal]] = {}
    for rel in judged:
        cells = proposal_cells(rel.kind, rel.verdict, rel.target, rel.addends)
        gap = rel.actual - rel.expected if len(cells) > 1 else None  # type: ignore[operator]
        for ref in cells:
            new = rel.expected if ref is rel.target else ref.amount.number + gap  # type: ignore[union-attr,operator]
            out.setdefault(ref.key, []).append((new, rel, ref))
    for props in out.values():
        props.sort(key=lambda p: (PRIORITY.index(p[1].kind), p[2] is not p[1].target))
    return out


def culprit_fixes(judged: list[Relation]) -> dict[tuple, tuple[Decimal, Relation]]:
    """Corrected values of the cells that explain the failing sums, each with the relation that reports it.

    A candidate is one cell with one proposed value, or the proposed cells of one row (a row typed wrong in
    every column); it counts when it repairs two failing relations (one a real mismatch), breaks none that
    holds, and no candidate of another row repairs as much (then the data cannot tell which row is wrong).
    A failing row sum that no candidate explains proposes its own 合计 (the usual place of a typo or a blank).
    """
    if not any(r.verdict in (Verdict.MISMATCH, BLANK) for r in judged):
        return {}  # rounding-level differences only: nothing to blame
    proposals = _proposals(judged)
    index: dict[tuple, list[Relation]] = {}
    for rel in judged:
        for cell in set(cell_keys(rel)) if rel.kind != "split" else ():
            index.setdefault(cell, []).append(rel)
    candidates = [{key: v} for key, props in proposals.items() for v in dict.fromkeys(p[0] for p in props)]
    by_row: dict[tuple, dict[tuple, Decimal]] = {}  # rows retyped whole: only cells a real mismatch points at
    for key, props in proposals.items():
        strong = [p for p in props if p[1].verdict != Verdict.ROUNDING]
        if strong:
            by_row.setdefault(key[:2], {})[key] = strong[0][0]
    candidates += [c for c in by_row.values() if len(c) > 1]
    scored: list[tuple[set[int], dict[tuple, Decimal], dict[tuple, Proposal]]] = []
    for cells in candidates:
        fix = {key: (value, None) for key, value in cells.items()}
        touching = list({id(r): r for key in fix for r in index.get(key, [])}.values())
        if any(_breaks(r, fix) for r in touching if r.verdict == Verdict.EQUAL):
            continue
        # A sum that holds is never repaired (BETTER[EQUAL] is empty): judged again only for breaking.
        repaired = [
            r for r in touching if r.verdict != Verdict.EQUAL and verdict_with(r, fix) in BETTER[r.verdict]
        ]
        roots = {key: next((p for p in proposals[key] if p[1] in repaired), None) for key in cells}
        mismatch = any(r.verdict in (Verdict.MISMATCH, BLANK) for r in repaired)
        if len(repaired) >= 2 and mismatch and all(roots.values()):
            scored.append(({id(r) for r in repaired}, cells, roots))  # type: ignore[arg-type]
    fixes: dict[tuple, tuple[Decimal, Relation]] = {}
    for repaired, cells, roots in sorted(scored, key=lambda s: -len(s[0])):
        rows = {key[:2] for key in cells}
        if any(k in fixes for k in cells) or any(
            r >= repaired and {k[:2] for k in c} != rows for r, c, _ in scored
        ):
            continue
        for key, value in cells.items():
            _, root, ref = roots[key]
            if root.culprit is None or root.culprit is root.target:
                root.culprit, root.fix = ref, value
            fixes[key] = (value, root)
    for rel in judged:
        if rel.kind == "row" and rel.verdict in (Verdict.MISMATCH, BLANK) and rel.culprit is None:
            fixes.setdefault(rel.target.key, (rel.expected, rel))
    return fixes


def link_relations(doc: BudgetDocument) -> list[Draft]:
    """收支总表 lines that another table states too: evidence for which cell of a failing 合计 is wrong.

    收支总表 has no sums of its own beyond 合计, so a mistyped 类 or 拨款 line is told apart from a mistyped 合计 only
    by the same figure in 支出总表 (类) or 财政拨款收支总表 (一般公共预算拨款).
    """
    t1, t3, t4 = doc.table("summary"), doc.table("expense"), doc.table("fiscal_summary")
    out: list[Draft] = []
    if t1 and t3:
        classes = coded_rows(t3)
        for code, row in coded_rows(t1, "expense").items():
            if code in classes:
                out.append(("link", (t1, row, "amount"), [(t3, classes[code], "total")], "支出总表"))
    income1, income4 = (
        find_row(t1, "一般公共预算", side="income"),
        find_row(t4, "一般公共预算", side="income"),
    )
    if t1 and t4 and income1 and income4:
        out.append(("link", (t4, income4, "amount"), [(t1, income1, "amount")], "收支总表"))
    return out
