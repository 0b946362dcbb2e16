"""Findings as report rows: plain records, fixed-column DataFrames (findings, export, summary, rule catalogue)
and the value helpers the exports share (exact amounts, value units, spreadsheet-safe text)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from checks.decisions import Decision, decided
from checks.findings import SEVERITY_RANK, Finding, Severity
from checks.registry import Rule, unwrap_doc
from checks.report_model import (
    COUNT_COLUMNS,
    DECISION_COLUMNS,
    EXPORT_COLUMNS,
    FINDING_COLUMNS,
    MONEY_COLUMNS,
    RULE_COLUMNS,
    SEVERITY_COUNTS,
    SUMMARY_COLUMNS,
    VALUE_UNITS,
    DocumentStatus,
    as_document_status,
)

if TYPE_CHECKING:  # pandas loads in the functions that build frames: the JSON report and the batch do without
    import pandas as pd


def exact_text(value: Decimal | None) -> str | None:
    """A Decimal as plain text without exponent, so it stays exact.

    >>> exact_text(Decimal("1E+2")), exact_text(Decimal("-4.00")), exact_text(None)
    ('100', '-4.00', None)
    """
    return None if value is None else format(value, "f")


def other_lines_text(lines: Sequence[int]) -> str | None:
    """Repeated locations as one text cell.

    >>> other_lines_text([12, 40]), other_lines_text([])
    ('12, 40', None)
    """
    return ", ".join(str(n) for n in lines) or None


def value_unit(finding: Finding, money_unit: str | None) -> str | None:
    """What 应为/实为/差额 count: the document's money unit, % or 序号 (None when the finding has no figures).

    >>> f = Finding(code="PLN003", family="disbursement", severity="warning", title="t", message="按累计百分比读",
    ...             expected=Decimal(100))
    >>> value_unit(f, "万元"), value_unit(f.model_copy(update={"message": "按累计万元数读"}), "万元")
    ('%', '万元')
    """
    if finding.expected is None and finding.actual is None:
        return None
    if finding.code in VALUE_UNITS:
        return VALUE_UNITS[finding.code]
    if finding.family == "disbursement" and "百分比" in finding.message:
        return "%"
    return money_unit or "万元"


def _by_file(documents: Iterable[Any]) -> dict[str, DocumentStatus]:
    return {d.file: d for d in map(as_document_status, documents)}


def export_rows(
    documents: Iterable[Any],
    findings: Iterable[Finding],
    decisions: Mapping[tuple[str, str], Decision] | None = None,
) -> list[tuple[Finding, dict[str, Any]]]:
    """Findings in triage order (errors first), each with its department, year and value unit, and with
    `decisions` (keyed by file and fingerprint, even empty) the decision, reason and note columns."""
    docs = _by_file(documents)
    out = []
    pairs = decided(findings, decisions)  # fingerprints count in the given order, before sorting
    for f, choice in sorted(pairs, key=lambda p: SEVERITY_RANK[p[0].severity]):  # stable: file and rule order
        doc = docs.get(f.file) or DocumentStatus(file=f.file)
        extra = {"department_name": doc.department_name, "budget_year": doc.budget_year,
                 "value_unit": value_unit(f, doc.unit)}  # fmt: skip
        if decisions is not None:
            extra.update(decision=choice.label if choice else "", decision_reason=choice.reason if choice else "",
                         decision_note=choice.note if choice else "")  # fmt: skip
        out.append((f, extra))
    return out


def columns_for(decisions: Mapping[Any, Any] | None) -> list[str]:
    return EXPORT_COLUMNS if decisions is None else [*EXPORT_COLUMNS, *DECISION_COLUMNS]


def export_frame(
    documents: Iterable[Any],
    findings: Iterable[Finding],
    decisions: Mapping[tuple[str, str], Decision] | None = None,
) -> pd.DataFrame:
    """findings_frame in triage order with department, year and value unit: EXPORT_COLUMNS in order
    (+ DECISION_COLUMNS when `decisions` is given)."""
    rows = export_rows(documents, findings, decisions)
    frame = findings_frame([f for f, _ in rows])
    extra = ["department_name", "budget_year", "value_unit"] + (
        DECISION_COLUMNS if decisions is not None else []
    )
    for key in extra:
        frame[key] = [e[key] for _, e in rows]
    return frame[columns_for(decisions)].astype(
        {"department_name": "str", "budget_year": "Int64", "value_unit": "str"}
    )


def _finite(value: Decimal | None) -> float | None:
    """A Decimal as float for display; None where a float cannot hold it (no "inf" in a spreadsheet).

    >>> _finite(Decimal("-4.5")), _finite(Decimal("1E+400")), _finite(None)
    (-4.5, None, None)
    """
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; other values are unchanged.

    >>> csv_safe("=1+2"), csv_safe("@SUM(A1)"), csv_safe("-1"), csv_safe("合计"), csv_safe(None)
    ("'=1+2", "'@SUM(A1)", "'-1", '合计', None)
    """
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def finding_fields(finding: Finding) -> dict[str, Any]:
    """finding.model_dump(mode="python"), read from the instance: a Finding holds plain values (text, numbers,
    Decimals, its Severity, the list of other lines; no extras), which model_dump returns as they are. It cost
    ~5 µs a finding: a batch's parent paid it for every report row, a worker for every library row.

    >>> f = Finding(code="X", family="text", severity="info", title="t", message="m", other_lines=[3])
    >>> finding_fields(f) == f.model_dump(mode="python") and list(finding_fields(f)) == list(f.model_dump())
    True
    """
    if type(finding) is not Finding:  # a subclass may add fields or serialize its own way
        return finding.model_dump(mode="python")
    row = finding.__dict__.copy()
    row["other_lines"] = list(row["other_lines"])  # model_dump's copy: the caller may change the row
    return row


def finding_records(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """The rows of findings_frame as plain dicts: severity as its value, other lines as text, money as float."""
    rows = []
    for f in findings:
        row = finding_fields(f)
        row["severity"] = f.severity.value
        row["other_lines"] = other_lines_text(f.other_lines)
        for key in MONEY_COLUMNS:
            row[key] = _finite(row[key])
        rows.append(row)
    return rows


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """One row per finding, FINDING_COLUMNS in order (also for none); money as float for display."""
    import pandas as pd

    frame = pd.DataFrame(finding_records(findings), columns=FINDING_COLUMNS)
    text = {c: "str" for c in FINDING_COLUMNS if c not in (*MONEY_COLUMNS, "line", "page")}
    return frame.astype({**text, "line": "Int64", "page": "Int64", **dict.fromkeys(MONEY_COLUMNS, "float64")})


def summary_frame(documents: Iterable[Any], findings: Iterable[Finding]) -> pd.DataFrame:
    """One row per document: identity, read status and finding counts by severity and by family."""
    import pandas as pd

    counts: dict[str, dict[str, int]] = {}
    for f in findings:
        c = counts.setdefault(f.file, {})
        for key in ("findings", SEVERITY_COUNTS[f.severity], f.family):
            c[key] = c.get(key, 0) + 1
    rows = []
    for doc in map(as_document_status, documents):
        c = counts.get(doc.file, {})
        rows.append({**doc.model_dump(), **{k: c.get(k, 0) for k in COUNT_COLUMNS}})
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    ints = dict.fromkeys(COUNT_COLUMNS, "int64")
    text = {
        c: "str" for c in ("file", "department_code", "department_name", "kind", "status", "error", "unit")
    }
    return frame.astype({**text, "budget_year": "Int64", **ints})


def rules_frame(rules: Iterable[Rule] | Mapping[str, Rule]) -> pd.DataFrame:
    """The rule catalogue: code, title, family, severity, regulation and the rule's docstring."""
    import pandas as pd

    items = rules.values() if isinstance(rules, Mapping) else rules
    rows = [
        {"code": r.code, "title": r.title, "family": r.family, "severity": Severity(r.severity).value,
         "regulation": r.regulation, "doc": unwrap_doc(r.doc)}
        for r in items
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=RULE_COLUMNS).astype(dict.fromkeys(RULE_COLUMNS, "str"))
