"""Failing sum relations and their findings: one hit per target row and gap, the addends listed, the sums the
same cell breaks in other tables named once."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.rules.arithmetic import HINT_MISMATCH, HINT_ROUNDING
from checks.support.lookup import table_name
from checks.support.money import Verdict, fmt, rounding_note
from checks.support.relations import Relation, relations
from parsing.model import BudgetDocument


def addend_figures(rel: Relation) -> str:
    if not 1 < rel.count <= 6:  # count: the non-zero printed addends, the ones listed
        return ""
    values = [v for a in rel.addends if (amount := a.amount) and (v := amount.value)]
    return "（" + " + ".join(fmt(v) for v in values) + "）"


def derived_note(rels: list[Relation]) -> str:
    own = {r.target.key for r in rels}
    derived = [d for r in rels for d in r.derived if d.kind != "link" and d.target.key not in own]
    if not derived:
        return ""
    names = "、".join(
        dict.fromkeys(
            f"{table_name(d.target.table)}“{d.target.row_label}”{d.target.column_label}栏"
            for d in derived[:3]
        )
    )
    return f"；由此同时导致{len(derived)}处合计不符（{names}{'等' if len(derived) > 3 else ''}），系同一原因，不再单独报告"


def hits(rels: list[Relation]) -> Iterator[Hit]:
    """One hit per target row and discrepancy; the columns that share the same gap are listed together."""
    groups: dict[tuple, list[Relation]] = {}
    for rel in rels:
        culprit = rel.culprit if rel.culprit is not None and rel.culprit is not rel.target else None
        key = (rel.kind, rel.target.table.key, rel.target.row.line, rel.verdict, rel.what, rel.count)
        key += (culprit.key, rel.expected, rel.actual) if culprit else (rel.actual - rel.expected,)  # type: ignore[operator]
        groups.setdefault(key, []).append(rel)
    for members in groups.values():
        rel, target = members[0], members[0].target
        culprit = rel.culprit if rel.culprit is not None and rel.culprit is not target else None
        where = culprit or target
        columns = "、".join(m.target.column_label for m in members)
        both = len({(m.expected, m.actual) for m in members}) > 1
        message = (
            f"{table_name(target.table)}“{target.row_label}”的{columns}{'分别' if both else ''}为 "
            + ("、".join(fmt(m.actual) for m in members) if both else fmt(rel.actual))
            + f"，而{rel.what}之和{'分别' if both else ''}为 "
            + (
                "、".join(fmt(m.expected) for m in members)
                if both
                else f"{fmt(rel.expected)}{addend_figures(rel)}"
            )
            + f"，{'均' if both else ''}相差 {fmt(abs(rel.actual - rel.expected))}"  # type: ignore[operator]
        )
        if culprit:
            message = (
                f"{table_name(target.table)}“{where.row_label}”的{where.column_label}"
                f"{'为空' if where.amount.value is None else '为 ' + fmt(where.amount.value)}，"  # type: ignore[union-attr]
                f"疑应为 {fmt(rel.fix)}：{message}"
            )
        # Rounding-level only when no sum this cell breaks is a real mismatch.
        rounding = rel.verdict == Verdict.ROUNDING and all(
            d.verdict == Verdict.ROUNDING for m in members for d in m.derived
        )
        if rounding:
            message += f"；差额在舍入范围内（{rounding_note(rel.count)}），属舍入级差异"
        yield Hit(
            message=message + derived_note(members),
            line=where.amount.line if where.amount else where.row.line,
            table=table_name(target.table),
            row=where.row_label,
            column=where.column_label if culprit else columns,
            expected=rel.fix if culprit else rel.expected,
            actual=where.amount.value if culprit else rel.actual,  # type: ignore[union-attr]
            severity=Severity.INFO if rounding else None,
            hint=HINT_ROUNDING if rounding else HINT_MISMATCH,
        )


def failures(doc: BudgetDocument, *kinds: str) -> list[Relation]:
    """The relations of these kinds that fail (a mismatch or a rounding-level gap) and no other cause explains."""
    return [
        r
        for r in relations(doc)
        if r.kind in kinds and r.verdict in (Verdict.MISMATCH, Verdict.ROUNDING) and not r.causes
    ]
