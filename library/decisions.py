"""Reviewers' decisions in the library: save, read back by document content hash, and last year's 忽略 proposed.

A decision is stored under (content_hash, code, fingerprint) — checks.decisions — with the year-free
fingerprint and the department's code, name and year, so the department's next-year document (matched with
library.compare.same_department) sees which of its findings were ignored last year. Every function raises
LibraryBusy when the file stays locked; the caller keeps the decision and tries again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from checks.decisions import Decision, Verdict, fingerprints
from checks.findings import Finding
from library.compare import same_department
from library.store import Library
from parsing import BudgetDocument

COLUMNS = ["content_hash", "code", "fingerprint", "year_free", "verdict", "reason", "note", "file_name",
           "department_code", "department_name", "budget_year", "decided_at"]  # fmt: skip


def decision_rows(
    content_hash: str, doc: BudgetDocument, findings: Sequence[Finding], chosen: dict[int, Decision]
) -> list[list[object]]:
    """Rows for save_decisions(): `chosen` maps an index into `findings` (one document's, in their order) to a decision."""
    exact, loose = fingerprints(findings), fingerprints(findings, year_free=True)
    now = datetime.now(UTC).replace(tzinfo=None)
    return [
        [content_hash, findings[i].code, exact[i], loose[i], d.verdict.value, d.reason, d.note, doc.file_name,
         doc.department_code, doc.department_name, doc.budget_year, now]
        for i, d in chosen.items()
    ]  # fmt: skip


def save_decisions(library: Library, rows: Sequence[Sequence[object]]) -> int:
    """Insert or replace decisions (rows from decision_rows) in one transaction; returns how many."""
    if rows:
        with library.session(write=True) as con:
            con.executemany(f"INSERT OR REPLACE INTO decisions ({', '.join(COLUMNS)}) VALUES "
                            f"({', '.join('?' * len(COLUMNS))})", [list(r) for r in rows])  # fmt: skip
    return len(rows)


def _decision(verdict: str, reason: str | None, note: str | None, carried: bool = False) -> Decision:
    return Decision(Verdict(verdict), reason or "", note or "", carried)


def load_decisions(
    library: Library, content_hash: str, doc: BudgetDocument, findings: Sequence[Finding]
) -> dict[int, Decision]:
    """Decisions on one document's findings, by index into `findings`: its own, and for a finding without one
    that matches an ignored finding of the same department's previous year (code + year-free fingerprint),
    that decision as a proposal (carried=True, "去年已忽略")."""
    with library.session() as con:
        own = con.execute("SELECT code, fingerprint, verdict, reason, note FROM decisions WHERE content_hash = ?",
                          [content_hash]).fetchall()  # fmt: skip
        last = []
        if doc.budget_year:
            last = con.execute(
                "SELECT code, year_free, reason, department_code, department_name FROM decisions"
                " WHERE verdict = 'ignored' AND budget_year = ? AND content_hash <> ? ORDER BY decided_at",
                [doc.budget_year - 1, content_hash],
            ).fetchall()
    mine = {(code, fp): _decision(v, r, n) for code, fp, v, r, n in own}
    carried = {
        (code, fp): _decision("ignored", reason, None, carried=True)
        for code, fp, reason, dcode, dname in last
        if same_department(BudgetDocument(file_name="", department_code=dcode, department_name=dname), doc)
    }
    exact, loose = fingerprints(findings), fingerprints(findings, year_free=True)
    out: dict[int, Decision] = {}
    for i, f in enumerate(findings):
        found = mine.get((f.code, exact[i])) or carried.get((f.code, loose[i]))
        if found is not None:
            out[i] = found
    return out
