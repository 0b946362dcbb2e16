"""Sum families (checks/support/families.py): the bulk scan sets aside only sums that hold or are blank throughout."""

from __future__ import annotations

import pytest

from checks.support.money import Verdict
from checks.support.relations import _families
from checks.support.sums import weigh_draft
from parsing.model import BudgetDocument, ParseProblem
from tests.conftest import mutated_seed, seed_doc


def _key(draft: tuple) -> tuple:
    kind, (table, row, column), addends, what = draft
    return kind, table.key, row.line, column, tuple((t.key, r.line, c) for t, r, c in addends), what


def _not_equal(drafts: list) -> list:
    """The drafts weighed, without those that hold exactly or have nothing to judge (as relations keeps them)."""
    weighed = [(_key(d), o) for d in drafts if (o := weigh_draft(d)) is not None]
    return [(k, o) for k, o in weighed if o[0] != Verdict.EQUAL]


def _retyped() -> BudgetDocument:
    """Seed 002 with a figure changed, one blanked and one made unreadable (sums that fail, in several ways)."""
    rows = seed_doc("002").table("expense").rows  # type: ignore[union-attr]
    cells = [rows[i].values[c].line for i, c in ((2, "basic"), (4, "total"), (6, "project"))]
    return mutated_seed("002", dict(zip(cells, ("123.45", "", "12..3"), strict=True)))


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "retyped"])
def test_scan_keeps_every_sum_that_does_not_hold(name: str) -> None:
    doc = _retyped() if name == "retyped" else seed_doc(name)
    verdicts = set()
    for part in doc.parts():
        families = _families(part)
        every = [d for f in families for d in f.drafts()]
        undecided = [d for f in families for d in f.undecided()]
        assert len(undecided) < len(every)
        assert _not_equal(undecided) == _not_equal(every)
        verdicts |= {o[0] for _, o in _not_equal(every)}
    if name == "retyped":
        assert {Verdict.MISMATCH, "blank"} <= verdicts


def test_rows_of_a_realigned_line_are_left_out() -> None:
    part = seed_doc("002")
    rows = [
        part.table("expense").rows[3],
        part.table("summary").rows[5],
        part.table("fiscal_summary").rows[20],
    ]  # type: ignore[union-attr]
    lines = {r.line for r in rows}
    shifted = part.model_copy(
        update={"problems": [ParseProblem(line=n, kind="unexpected-layout", message="") for n in lines]}
    )
    kept = [_key(d) for f in _families(shifted) for d in f.drafts()]
    every = [d for f in _families(part) for d in f.drafts()]
    # the sums that read none of the three rows (each row's cells lie on lines of its own)
    picked = {id(r) for r in rows}
    expected = [_key(d) for d in every if not any(id(c[1]) in picked for c in (d[1], *d[2]))]
    assert kept == expected
    assert len(kept) < len(every)
