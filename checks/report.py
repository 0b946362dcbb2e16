"""Findings -> fixed-column DataFrames -> .xlsx / .csv / JSON exports (pure Python, no streamlit)."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict

from checks.findings import FAMILIES, FAMILY_ZH, SEVERITY_ZH, Finding, Severity
from checks.registry import Rule

FINDING_COLUMNS = [
    "file", "part", "code", "family", "severity", "title", "message", "line", "page", "other_lines",
    "table", "row", "column", "project", "expected", "actual", "difference", "regulation", "hint",
]  # fmt: skip
HEADERS_ZH = {
    "file": "文件",
    "part": "部分",
    "code": "规则编号",
    "family": "类别",
    "severity": "严重程度",
    "title": "规则名称",
    "message": "问题说明",
    "line": "行号",
    "page": "页码",
    "other_lines": "其他位置",
    "table": "表格",
    "row": "行",
    "column": "列",
    "project": "项目",
    "expected": "应为",
    "actual": "实为",
    "difference": "差额",
    "regulation": "依据",
    "hint": "修改建议",
}
MONEY_COLUMNS = ("expected", "actual", "difference")
SEVERITY_COUNTS = {s: f"{s.value}_count" for s in Severity}  # error_count, warning_count, info_count
DOCUMENT_COLUMNS = ["file", "department_code", "department_name", "budget_year", "kind", "status", "error"]
COUNT_COLUMNS = ["findings", *SEVERITY_COUNTS.values(), *FAMILIES]
SUMMARY_COLUMNS = [*DOCUMENT_COLUMNS, *COUNT_COLUMNS]
SUMMARY_HEADERS_ZH = {
    "file": "文件",
    "department_code": "部门编码",
    "department_name": "部门名称",
    "budget_year": "年度",
    "kind": "类型",
    "status": "读取状态",
    "error": "无法读取的原因",
    "findings": "问题总数",
    **{SEVERITY_COUNTS[s]: f"{SEVERITY_ZH[s]}数" for s in Severity},
    **{f: FAMILY_ZH[f] for f in FAMILIES},
}
RULE_COLUMNS = ["code", "title", "family", "severity", "regulation", "doc"]
RULE_HEADERS_ZH = {
    "code": "规则编号",
    "title": "规则名称",
    "family": "类别",
    "severity": "严重程度",
    "regulation": "依据",
    "doc": "说明",
}
STATUS_ZH = {"ok": "已检查", "error": "无法读取"}
KIND_ZH = {"budget": "预算", "final_accounts": "决算"}  # BudgetDocument.kind as the analyst reads it
SHEETS = {"summary": "汇总", "findings": "问题清单", "rules": "规则说明"}
NUMBER_FORMAT = "#,##0.00"
_SEVERITY_FILLS = {  # 错误 red, 警告 amber, 提示 blue-grey (Excel's own "bad"/"neutral" palette)
    Severity.ERROR: {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
    Severity.WARNING: {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
    Severity.INFO: {"bg_color": "#DDEBF7", "font_color": "#1F4E78"},
}
_WIDTHS = {"message": 60, "hint": 40, "regulation": 30, "title": 28, "doc": 80, "error": 50}
_WRAPPED = {"message", "hint", "regulation", "title", "doc", "error", "department_name"}


class DocumentStatus(BaseModel):
    """One input file of a run: read and checked ("ok") or unreadable ("error", with the reason)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    file: str
    status: Literal["ok", "error"] = "ok"
    error: str | None = None
    department_code: str | None = None
    department_name: str | None = None
    budget_year: int | None = None
    kind: Literal["budget", "final_accounts"] | None = None  # 预算 or 决算 (None: unreadable)


def _status(doc: DocumentStatus | Mapping[str, Any] | Any) -> DocumentStatus:
    if isinstance(doc, DocumentStatus):
        return doc
    if isinstance(doc, Mapping):
        return DocumentStatus.model_validate(dict(doc))
    return DocumentStatus.model_validate({k: getattr(doc, k) for k in DOCUMENT_COLUMNS if hasattr(doc, k)})


def _exact(value: Decimal | None) -> str | None:
    """A Decimal as plain text without exponent, so it stays exact.

    >>> _exact(Decimal("1E+2")), _exact(Decimal("-4.00")), _exact(None)
    ('100', '-4.00', None)
    """
    return None if value is None else format(value, "f")


def _other_lines(lines: Sequence[int]) -> str | None:
    """Repeated locations as one text cell.

    >>> _other_lines([12, 40]), _other_lines([])
    ('12, 40', None)
    """
    return ", ".join(str(n) for n in lines) or None


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """One row per finding, FINDING_COLUMNS in order (also for none); money as float for display."""
    rows = []
    for f in findings:
        row = f.model_dump(mode="python")
        row["severity"] = f.severity.value
        row["other_lines"] = _other_lines(f.other_lines)
        for key in MONEY_COLUMNS:
            row[key] = None if row[key] is None else float(row[key])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    text = {c: "str" for c in FINDING_COLUMNS if c not in (*MONEY_COLUMNS, "line", "page")}
    return frame.astype({**text, "line": "Int64", "page": "Int64", **dict.fromkeys(MONEY_COLUMNS, "float64")})


def summary_frame(documents: Iterable[Any], findings: Iterable[Finding]) -> pd.DataFrame:
    """One row per document: identity, read status and finding counts by severity and by family."""
    counts: dict[str, dict[str, int]] = {}
    for f in findings:
        c = counts.setdefault(f.file, {})
        for key in ("findings", SEVERITY_COUNTS[f.severity], f.family):
            c[key] = c.get(key, 0) + 1
    rows = []
    for doc in map(_status, documents):
        c = counts.get(doc.file, {})
        rows.append({**doc.model_dump(), **{k: c.get(k, 0) for k in COUNT_COLUMNS}})
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    ints = dict.fromkeys(COUNT_COLUMNS, "int64")
    text = {c: "str" for c in ("file", "department_code", "department_name", "kind", "status", "error")}
    return frame.astype({**text, "budget_year": "Int64", **ints})


def rules_frame(rules: Iterable[Rule] | Mapping[str, Rule]) -> pd.DataFrame:
    """The rule catalogue: code, title, family, severity, regulation and the rule's docstring."""
    items = rules.values() if isinstance(rules, Mapping) else rules
    rows = [
        {"code": r.code, "title": r.title, "family": r.family, "severity": Severity(r.severity).value,
         "regulation": r.regulation, "doc": r.doc}
        for r in items
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=RULE_COLUMNS).astype(dict.fromkeys(RULE_COLUMNS, "str"))


def _zh_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Severity, family and status in Chinese, as the analyst reads them."""
    frame = frame.copy()
    if "severity" in frame:
        frame["severity"] = frame["severity"].map(lambda s: SEVERITY_ZH.get(s, s), na_action="ignore")
    if "family" in frame:
        frame["family"] = frame["family"].map(lambda s: FAMILY_ZH.get(s, s), na_action="ignore")
    if "status" in frame:
        frame["status"] = frame["status"].map(lambda s: STATUS_ZH.get(s, s), na_action="ignore")
    if "kind" in frame:
        frame["kind"] = frame["kind"].map(lambda s: KIND_ZH.get(s, s), na_action="ignore")
    return frame


def _display_width(text: str) -> int:
    """Columns a string takes in a spreadsheet: CJK and full-width characters count double.

    >>> _display_width("合计ab")
    6
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _width(frame: pd.DataFrame, column: str, header: str) -> int:
    if column in _WIDTHS:
        return _WIDTHS[column]
    if column in MONEY_COLUMNS:
        return 16
    sample = frame[column].head(500).dropna().astype(str)
    longest = max((_display_width(s) for s in sample), default=0)
    return max(8, min(40, max(longest, _display_width(header)) + 2))


def _write_sheet(writer: pd.ExcelWriter, name: str, frame: pd.DataFrame, headers: Mapping[str, str]) -> Any:
    """Data from row 2, our own bold bordered Chinese header, frozen header row, autofilter, widths."""
    frame.to_excel(writer, sheet_name=name, index=False, header=False, startrow=1, na_rep="")
    book, sheet = writer.book, writer.sheets[name]
    head = book.add_format(
        {"bold": True, "border": 1, "bg_color": "#D9E1F2", "text_wrap": True, "valign": "vcenter"}
    )
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    top = book.add_format({"valign": "top"})
    money = book.add_format({"num_format": NUMBER_FORMAT, "valign": "top"})
    labels = [headers[c] for c in frame.columns]
    sheet.write_row(0, 0, labels, head)
    for i, (column, label) in enumerate(zip(frame.columns, labels, strict=True)):
        fmt = money if column in MONEY_COLUMNS else wrap if column in _WRAPPED else top
        sheet.set_column(i, i, _width(frame, column, label), fmt)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(frame), 1), len(frame.columns) - 1)
    return sheet


def _colour_severity(writer: pd.ExcelWriter, sheet: Any, column: int, rows: int) -> None:
    for severity, style in _SEVERITY_FILLS.items():
        sheet.conditional_format(
            1, column, max(rows, 1), column,
            {"type": "cell", "criteria": "==", "value": f'"{SEVERITY_ZH[severity]}"',
             "format": writer.book.add_format(style)},
        )  # fmt: skip


def findings_xlsx(
    documents: Iterable[Any],
    findings: Iterable[Finding],
    rules: Iterable[Rule] | Mapping[str, Rule] = (),
) -> bytes:
    """Workbook with sheets 汇总 (per file), 问题清单 (one row per finding) and 规则说明 (catalogue)."""
    findings = list(findings)
    summary = _zh_values(summary_frame(documents, findings))
    table = _zh_values(findings_frame(findings))
    catalogue = _zh_values(rules_frame(rules))
    buf = io.BytesIO()
    # Cell text is data: never turn "=…" into a formula, "http…" into a link or "12" into a number.
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        _write_sheet(writer, SHEETS["summary"], summary, SUMMARY_HEADERS_ZH)
        sheet = _write_sheet(writer, SHEETS["findings"], table, HEADERS_ZH)
        _colour_severity(writer, sheet, FINDING_COLUMNS.index("severity"), len(table))
        sheet = _write_sheet(writer, SHEETS["rules"], catalogue, RULE_HEADERS_ZH)
        _colour_severity(writer, sheet, RULE_COLUMNS.index("severity"), len(catalogue))
    return buf.getvalue()


def _error_finding(doc: DocumentStatus) -> dict[str, Any]:
    return {"file": doc.file, "family": FAMILY_ZH["parse"], "severity": SEVERITY_ZH[Severity.ERROR],
            "title": "文件无法读取", "message": doc.error or "无法读取"}  # fmt: skip


def findings_csv(documents: Iterable[Any], findings: Iterable[Finding]) -> bytes:
    """UTF-8 with BOM (Excel reads the Chinese), Chinese headers, exact amounts.

    A file that could not be read gets one row (类别 解析, 规则名称 文件无法读取) so that it is not lost.
    """
    rows = []
    for f in findings:
        row = f.model_dump(mode="python")
        row.update(
            severity=SEVERITY_ZH[f.severity], family=FAMILY_ZH.get(f.family, f.family),
            other_lines=_other_lines(f.other_lines), **{k: _exact(row[k]) for k in MONEY_COLUMNS},
        )  # fmt: skip
        rows.append(row)
    rows += [_error_finding(d) for d in map(_status, documents) if d.status == "error"]
    frame = pd.DataFrame(rows, columns=FINDING_COLUMNS).astype({"line": "Int64", "page": "Int64"})
    text = frame.rename(columns=HEADERS_ZH).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def findings_json(documents: Iterable[Any], findings: Iterable[Finding]) -> dict[str, Any]:
    """Plain JSON data: documents and findings; Decimals as exact strings, codes in English."""
    out_findings = []
    for f in findings:
        row = f.model_dump(mode="python")
        row["severity"] = f.severity.value
        row["other_lines"] = list(f.other_lines)
        for key in MONEY_COLUMNS:
            row[key] = _exact(row[key])
        out_findings.append({k: row[k] for k in FINDING_COLUMNS})
    return {
        "documents": [_status(d).model_dump(include=set(DOCUMENT_COLUMNS)) for d in documents],
        "findings": out_findings,
    }
