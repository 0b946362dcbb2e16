"""The .xlsx workbook: 汇总, 问题清单, 规则说明 and 评分 sheets with Chinese headers, widths and severity colours."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from checks.decisions import Decision
from checks.findings import FAMILY_ZH, SEVERITY_ZH, Finding, Severity
from checks.registry import Rule
from checks.report_model import (
    DECISION_HEADERS_ZH,
    EXPORT_COLUMNS,
    EXPORT_HEADERS_ZH,
    KIND_ZH,
    MONEY_COLUMNS,
    RULE_COLUMNS,
    RULE_HEADERS_ZH,
    STATUS_ZH,
    SUMMARY_HEADERS_ZH,
    as_document_status,
)
from checks.report_rows import export_frame, rules_frame, summary_frame

if TYPE_CHECKING:  # pandas loads in the functions that build frames: the JSON report and the batch do without
    import pandas as pd

SHEETS = {"summary": "汇总", "findings": "问题清单", "rules": "规则说明", "scores": "评分"}
NUMBER_FORMAT = "#,##0.00"
_SEVERITY_FILLS = {  # 错误 red, 警告 amber, 提示 blue-grey (Excel's own "bad"/"neutral" palette)
    Severity.ERROR: {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
    Severity.WARNING: {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
    Severity.INFO: {"bg_color": "#DDEBF7", "font_color": "#1F4E78"},
}
_WIDTHS = {
    "decision_reason": 30,
    "decision_note": 30,
    "message": 60,
    "hint": 40,
    "regulation": 30,
    "title": 28,
    "doc": 80,
    "error": 50,
}
_WRAPPED = {
    "decision_reason",
    "decision_note",
    "message",
    "hint",
    "regulation",
    "title",
    "doc",
    "error",
    "department_name",
}


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
    decisions: Mapping[tuple[str, str], Decision] | None = None,
    scores: bool = False,
) -> bytes:
    """Workbook with sheets 汇总 (per file), 问题清单 (one row per finding, with `decisions` their 处理决定,
    忽略理由 and 备注), 规则说明 (catalogue) and with `scores` 评分 (checks.scorecard, ranked per year)."""
    import pandas as pd

    findings, documents = list(findings), list(documents)
    summary = _zh_values(summary_frame(documents, findings))
    table = _zh_values(export_frame(documents, findings, decisions))
    catalogue = _zh_values(rules_frame(rules))
    buf = io.BytesIO()
    # Cell text is data: never turn "=…" into a formula, "http…" into a link or "12" into a number.
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        _write_sheet(writer, SHEETS["summary"], summary, SUMMARY_HEADERS_ZH)
        sheet = _write_sheet(writer, SHEETS["findings"], table, {**EXPORT_HEADERS_ZH, **DECISION_HEADERS_ZH})
        _colour_severity(writer, sheet, EXPORT_COLUMNS.index("severity"), len(table))
        sheet = _write_sheet(writer, SHEETS["rules"], catalogue, RULE_HEADERS_ZH)
        _colour_severity(writer, sheet, RULE_COLUMNS.index("severity"), len(catalogue))
        if scores:
            _write_scores(writer, documents, findings, decisions)
    return buf.getvalue()


def _write_scores(
    writer: pd.ExcelWriter,
    documents: Sequence[Any],
    findings: Sequence[Finding],
    decisions: Mapping[tuple[str, str], Decision] | None,
) -> None:
    """The 评分 sheet: one row per readable document ranked within its year and kind, then the definitions."""
    from checks.scorecard import FRAME_HEADERS_ZH, definitions, scorecard_frame

    frame = scorecard_frame([as_document_status(d) for d in documents], findings, decisions)
    frame["kind"] = frame["kind"].map(lambda k: KIND_ZH.get(k, k))
    sheet = _write_sheet(writer, SHEETS["scores"], frame, FRAME_HEADERS_ZH)
    bold = writer.book.add_format({"bold": True, "valign": "top"})
    row = len(frame) + 2
    sheet.write_string(row, 0, "评分口径", bold)
    for label, text in definitions():
        row += 1
        sheet.write_string(row, 0, label, bold)
        sheet.write_string(row, 1, text)
