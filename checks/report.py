"""Findings -> fixed-column DataFrames -> .xlsx / .csv / JSON exports (pure Python, no streamlit).

The CSV and JSON reports are written here; the columns and DocumentStatus live in checks.report_model, the rows
and frames in checks.report_rows, the workbook in checks.report_xlsx. Callers import every name from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from checks.decisions import Decision
from checks.findings import FAMILY_ZH, SEVERITY_ZH, Finding, Severity
from checks.report_model import (
    COUNT_COLUMNS,
    DECISION_COLUMNS,
    DECISION_HEADERS_ZH,
    DOCUMENT_COLUMNS,
    EXPORT_COLUMNS,
    EXPORT_HEADERS_ZH,
    FINDING_COLUMNS,
    HEADERS_ZH,
    KIND_ZH,
    MONEY_COLUMNS,
    RULE_COLUMNS,
    RULE_HEADERS_ZH,
    SEVERITY_COUNTS,
    STATUS_ZH,
    SUMMARY_COLUMNS,
    SUMMARY_HEADERS_ZH,
    VALUE_UNITS,
    DocumentStatus,
    as_document_status,
)
from checks.report_rows import (
    columns_for,
    csv_safe,
    exact_text,
    export_frame,
    export_rows,
    finding_fields,
    finding_records,
    findings_frame,
    other_lines_text,
    rules_frame,
    summary_frame,
    value_unit,
)
from checks.report_xlsx import NUMBER_FORMAT, SHEETS, findings_xlsx

if TYPE_CHECKING:  # pandas loads in the functions that build frames: the JSON report and the batch do without
    import pandas as pd

__all__ = [  # the report's names, wherever they are defined: callers import them from here
    "COUNT_COLUMNS", "DECISION_COLUMNS", "DECISION_HEADERS_ZH", "DOCUMENT_COLUMNS", "EXPORT_COLUMNS",
    "EXPORT_HEADERS_ZH", "FINDING_COLUMNS", "HEADERS_ZH", "KIND_ZH", "MONEY_COLUMNS", "NUMBER_FORMAT",
    "RULE_COLUMNS", "RULE_HEADERS_ZH", "SEVERITY_COUNTS", "SHEETS", "STATUS_ZH", "SUMMARY_COLUMNS",
    "SUMMARY_HEADERS_ZH", "VALUE_UNITS", "DocumentStatus", "csv_frame", "csv_safe", "export_frame",
    "finding_records", "findings_csv", "findings_frame", "findings_json", "findings_xlsx", "rules_frame",
    "summary_frame", "value_unit",
]  # fmt: skip


def _error_finding(doc: DocumentStatus) -> dict[str, Any]:
    return {"file": doc.file, "family": FAMILY_ZH["parse"], "severity": SEVERITY_ZH[Severity.ERROR],
            "title": "文件无法读取", "message": doc.error or "无法读取"}  # fmt: skip


def findings_csv(
    documents: Iterable[Any],
    findings: Iterable[Finding],
    decisions: Mapping[tuple[str, str], Decision] | None = None,
) -> bytes:
    """UTF-8 with BOM (Excel reads the Chinese), Chinese headers, exact amounts.

    A file that could not be read gets one row (类别 解析, 规则名称 文件无法读取) so that it is not lost.
    """
    return (
        csv_frame(documents, findings, decisions)
        .to_csv(index=False, lineterminator="\r\n")
        .encode("utf-8-sig")
    )


def csv_frame(
    documents: Iterable[Any],
    findings: Iterable[Finding],
    decisions: Mapping[tuple[str, str], Decision] | None = None,
) -> pd.DataFrame:
    """The rows of findings_csv with their Chinese headers: unreadable files first, then the findings."""
    import pandas as pd

    documents = list(documents)
    rows = []
    for f, extra in export_rows(documents, findings, decisions):
        row = finding_fields(f)
        row.update(
            severity=SEVERITY_ZH[f.severity], family=FAMILY_ZH.get(f.family, f.family),
            other_lines=other_lines_text(f.other_lines), **{k: exact_text(row[k]) for k in MONEY_COLUMNS}, **extra,
        )  # fmt: skip
        rows.append(row)
    rows = [
        _error_finding(d) for d in map(as_document_status, documents) if d.status == "error"
    ] + rows  # errors first
    frame = pd.DataFrame(rows, columns=columns_for(decisions))
    frame = frame.astype({"line": "Int64", "page": "Int64", "budget_year": "Int64"})
    # Cell text is data: "=cmd|…", "@SUM", "+1+1" from a document must not run in Excel (amounts stay numbers).
    for column in frame.columns:
        if column not in (*MONEY_COLUMNS, "line", "page", "budget_year"):
            frame[column] = frame[column].map(csv_safe)
    return frame.rename(columns={**EXPORT_HEADERS_ZH, **DECISION_HEADERS_ZH})


def findings_json(
    documents: Iterable[Any],
    findings: Iterable[Finding],
    decisions: Mapping[tuple[str, str], Decision] | None = None,
) -> dict[str, Any]:
    """Plain JSON data: documents and findings; Decimals as exact strings, codes in English."""
    documents = list(documents)
    out_findings = []
    for f, extra in export_rows(documents, findings, decisions):
        row = {**finding_fields(f), **extra}
        row["severity"] = f.severity.value
        row["other_lines"] = list(f.other_lines)
        for key in MONEY_COLUMNS:
            row[key] = exact_text(row[key])
        out_findings.append({k: row[k] for k in columns_for(decisions)})
    return {
        "documents": [as_document_status(d).model_dump(include=set(DOCUMENT_COLUMNS)) for d in documents],
        "findings": out_findings,
    }
