"""The library's read-only views: documents with finding counts, the department × year matrix, peer metrics,
a document's previous year and the matching of two documents' projects."""

from __future__ import annotations

from typing import NamedTuple, cast

import pandas as pd

from library import peers
from library.connection import Connections
from parsing import BudgetDocument

MATCH_COLUMNS = ["old_name", "new_name", "old_code", "new_code", "old_budget", "new_budget", "score", "method",
                 "candidates"]  # fmt: skip


class _Project(NamedTuple):  # what library.compare.match_projects needs: a .name
    name: str
    code: str | None
    budget: float | None


class Views(Connections):
    """Reads over the whole library (tables for the pages); library.store.Library adds the writes."""

    def documents(self) -> pd.DataFrame:
        """One row per document with finding counts by severity."""
        return self._query(
            "SELECT d.*, count(f.code) AS findings,"
            " count(f.code) FILTER (f.severity = 'error') AS errors,"
            " count(f.code) FILTER (f.severity = 'warning') AS warnings"
            " FROM documents d LEFT JOIN findings f USING (doc_id) GROUP BY ALL ORDER BY d.doc_id"
        )

    def matrix(self) -> pd.DataFrame:
        """Findings count per department (code, name) × year; the latest document per cell.

        A budget's column is its year (2024), a 决算's column "2024决算": the two kinds never share a cell."""
        docs = self.documents().fillna({"department_code": "", "department_name": "", "kind": "budget"})
        docs = docs.dropna(subset=["budget_year"]).drop_duplicates(
            ["department_code", "department_name", "budget_year", "kind"], keep="last")  # fmt: skip
        docs["column"] = [int(y) if k != "final_accounts" else f"{int(y)}决算" for y, k in zip(docs["budget_year"], docs["kind"], strict=True)]  # fmt: skip
        table = docs.pivot_table(index=["department_code", "department_name"], columns="column",
                                 values="findings", aggfunc="sum", sort=False)  # fmt: skip
        order = sorted(table.columns, key=lambda c: (int(str(c)[:4]), isinstance(c, str)))
        return table[order].astype("Int64").rename_axis(columns="年度")

    def metrics(self) -> pd.DataFrame:
        """library.peers raw metrics per document, with identity and findings count (input of peer_view)."""
        raw = self._query(
            "SELECT d.doc_id, concat_ws(' ', d.department_code, d.department_name) AS label, d.file_name,"
            " d.department_code, d.department_name, d.budget_year, coalesce(d.kind, 'budget') AS kind,"
            " m.* EXCLUDE (doc_id),"
            " (SELECT count(*) FROM findings f WHERE f.doc_id = d.doc_id) AS findings"
            " FROM documents d JOIN metrics m USING (doc_id) ORDER BY d.doc_id"
        )
        return raw.astype({c: "float64" for c in [*peers.RAW_COLUMNS, "findings"]})

    def previous_year(self, doc_id: int) -> int | None:
        """The same department's document of budget_year − 1 (library.compare.same_department: same code
        unless the names clearly differ, else names ≥ 90 % alike); the same code wins, then the closer name."""
        from rapidfuzz import fuzz

        from library.compare import same_department

        docs = self.documents()
        stubs = {
            int(r.doc_id): BudgetDocument(file_name=r.file_name, department_code=_text(r.department_code),
                                          department_name=_text(r.department_name),
                                          budget_year=None if pd.isna(r.budget_year) else int(r.budget_year),
                                          kind="final_accounts" if r.kind == "final_accounts" else "budget")
            for r in docs.itertuples()
        }  # fmt: skip
        mine = stubs[int(doc_id)]  # KeyError when absent
        if mine.budget_year is None:
            return None
        ranked = [
            (d.department_code == mine.department_code, fuzz.ratio(d.department_name or "", mine.department_name or ""), i)
            for i, d in stubs.items()
            if d.budget_year == mine.budget_year - 1 and d.kind == mine.kind and same_department(d, mine)
        ]  # fmt: skip
        return max(ranked)[2] if ranked else None

    def project_matches(self, old_id: int, new_id: int) -> pd.DataFrame:
        """Department-part projects of two documents: the same 项目编码 (unique on both sides) first, then
        library.compare.match_projects on names (normalised, fuzzy, one-to-one, near ties ambiguous)."""
        from library.compare import match_projects

        sql = "SELECT name, code, budget FROM projects WHERE doc_id = ? AND part = '部门' ORDER BY \"index\""
        old, new = (
            [_Project(str(n), _text(c), None if pd.isna(b) else float(b)) for n, c, b in self._query(sql, [i]).itertuples(index=False)]
            for i in (old_id, new_id)
        )  # fmt: skip
        codes = [p.code for p in old + new if p.code]
        unique = {
            c for c in codes if codes.count(c) == 2 and c in {p.code for p in old} & {p.code for p in new}
        }
        pairs = [
            (o, next(n for n in new if n.code == o.code), 100.0, "code", "") for o in old if o.code in unique
        ]
        rest = [p for p in old if p.code not in unique], [p for p in new if p.code not in unique]
        for m in match_projects(*cast(tuple[list, list], rest)):
            method = "ambiguous" if m.ambiguous else "name" if m.old and m.new else "unmatched"
            tied = "；".join(f"{name}（{score:.0f}）" for name, score in m.candidates)
            pairs.append((m.old, m.new, m.score, method, tied))
        records = [
            [o and o.name, n and n.name, o and o.code, n and n.code, o and o.budget, n and n.budget, s, how, tied]
            for o, n, s, how, tied in pairs
        ]  # fmt: skip
        return pd.DataFrame(records, columns=MATCH_COLUMNS)


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)  # type: ignore[arg-type]
