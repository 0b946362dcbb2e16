"""The scorecard (checks.scorecard) over the library: every stored document of a year, ranked.

Findings are the stored ones; findings the reviewer ignored (library decisions on the same content hash) are
not counted, as in the export.
"""

from __future__ import annotations

import pandas as pd

from checks.decisions import Decision, Verdict, by_file, fingerprints
from checks.findings import Finding
from checks.report import FINDING_COLUMNS
from checks.scorecard import scorecard_frame
from library.store import Library


def _finding(doc_id: int, row: tuple) -> Finding:
    values = dict(zip(FINDING_COLUMNS, row, strict=True))
    lines = values.pop("other_lines")
    values = {k: v for k, v in values.items() if v is not None}
    return Finding(
        **{**values, "file": str(doc_id)}, other_lines=[int(n) for n in lines.split(", ")] if lines else []
    )


def library_scorecard(library: Library, year: int | None = None, kind: str | None = None) -> pd.DataFrame:
    """checks.scorecard.scorecard_frame for the library's documents (of `year` and `kind` — "budget" 预算 or
    "final_accounts" 决算 — else all), plus doc_id; `file` is the stored file name. Ranks are within each budget
    year and kind (a 预算 never ranks against a 决算); rows stored before kinds were recorded are 预算."""
    docs = library.documents()
    docs = docs.assign(kind=docs["kind"].fillna("budget"))
    if year is not None:
        docs = docs[docs["budget_year"] == year]
    if kind is not None:
        docs = docs[docs["kind"] == kind]
    ids = [int(i) for i in docs["doc_id"]]
    columns = ", ".join(f'"{c}"' for c in FINDING_COLUMNS)
    with library.session() as con:
        rows = con.execute(f"SELECT doc_id, {columns} FROM findings WHERE list_contains(?, doc_id)"
                           " ORDER BY doc_id, seq", [ids]).fetchall()  # fmt: skip
        ignored = con.execute(
            "SELECT content_hash, fingerprint FROM decisions WHERE verdict = 'ignored'"
            " AND list_contains(?, content_hash)",
            [list(docs["content_hash"])],
        ).fetchall()
    findings = [_finding(r[0], r[1:]) for r in rows]
    hashes = dict(zip(docs["doc_id"].astype(str), docs["content_hash"], strict=True))
    gone = set(ignored)
    decisions: dict[tuple[str, str], Decision] = {}
    for file, group in by_file(findings).items():
        for fp in fingerprints(group):
            if (hashes[file], fp) in gone:
                decisions[file, fp] = Decision(Verdict.IGNORED)
    statuses = [
        {"file": str(r.doc_id), "department_code": r.department_code, "department_name": r.department_name,
         "budget_year": None if pd.isna(r.budget_year) else int(r.budget_year), "kind": r.kind}
        for r in docs.itertuples()
    ]  # fmt: skip
    frame = scorecard_frame(statuses, findings, decisions)
    frame.insert(1, "doc_id", frame["file"].astype("int64"))
    frame["file"] = frame["doc_id"].map(dict(zip(docs["doc_id"], docs["file_name"], strict=True)))
    for column in ("department_code", "department_name"):
        frame[column] = frame[column].where(frame[column].notna(), None)
    return frame
