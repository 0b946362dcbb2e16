"""Findings -> fixed-column DataFrames -> .xlsx / .csv / JSON exports (pure Python, no streamlit)."""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict

from checks.decisions import Decision, decided
from checks.findings import FAMILIES, FAMILY_ZH, SEVERITY_RANK, SEVERITY_ZH, Finding, Severity
from checks.registry import Rule, unwrap_doc

if TYPE_CHECKING:  # pandas loads in the functions that build frames: the JSON report and the batch do without
    import pandas as pd

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
# Exports add where a finding comes from and what its figures count: department, year, the figures' unit.
EXPORT_COLUMNS = [
    "file", "department_name", "budget_year", *FINDING_COLUMNS[1:FINDING_COLUMNS.index("difference") + 1],
    "value_unit", *FINDING_COLUMNS[FINDING_COLUMNS.index("difference") + 1:],
]  # fmt: skip
EXPORT_HEADERS_ZH = {
    **HEADERS_ZH,
    "department_name": "部门名称",
    "budget_year": "预算年度",
    "value_unit": "数值单位",
}
# With the reviewer's decisions (checks.decisions) the exports add three columns after the findings' own.
DECISION_COLUMNS = ["decision", "decision_reason", "decision_note"]
DECISION_HEADERS_ZH = {"decision": "处理决定", "decision_reason": "忽略理由", "decision_note": "备注"}
# Rules whose 应为/实为 are not money: 序号 and plan percentages (a plan read in 万元 says so in its message).
VALUE_UNITS = {"STR005": "序号", "PLN001": "%", "PLN005": "%"}
MONEY_COLUMNS = ("expected", "actual", "difference")
SEVERITY_COUNTS = {s: f"{s.value}_count" for s in Severity}  # error_count, warning_count, info_count
DOCUMENT_COLUMNS = [
    "file",
    "department_code",
    "department_name",
    "budget_year",
    "kind",
    "status",
    "error",
    "unit",
]
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
    "unit": "金额单位",
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
    unit: str | None = None  # the document's money unit (万元, 元)


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
    return {d.file: d for d in map(_status, documents)}


def _export_rows(
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


def _columns(decisions: Mapping[Any, Any] | None) -> list[str]:
    return EXPORT_COLUMNS if decisions is None else [*EXPORT_COLUMNS, *DECISION_COLUMNS]


def export_frame(
    documents: Iterable[Any],
    findings: Iterable[Finding],
    decisions: Mapping[tuple[str, str], Decision] | None = None,
) -> pd.DataFrame:
    """findings_frame in triage order with department, year and value unit: EXPORT_COLUMNS in order
    (+ DECISION_COLUMNS when `decisions` is given)."""
    rows = _export_rows(documents, findings, decisions)
    frame = findings_frame([f for f, _ in rows])
    extra = ["department_name", "budget_year", "value_unit"] + (
        DECISION_COLUMNS if decisions is not None else []
    )
    for key in extra:
        frame[key] = [e[key] for _, e in rows]
    return frame[_columns(decisions)].astype(
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


def _fields(finding: Finding) -> dict[str, Any]:
    """finding.model_dump(mode="python"), read from the instance: a Finding holds plain values (text, numbers,
    Decimals, its Severity, the list of other lines; no extras), which model_dump returns as they are. It cost
    ~5 µs a finding: a batch's parent paid it for every report row, a worker for every library row.

    >>> f = Finding(code="X", family="text", severity="info", title="t", message="m", other_lines=[3])
    >>> _fields(f) == f.model_dump(mode="python") and list(_fields(f)) == list(f.model_dump())
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
        row = _fields(f)
        row["severity"] = f.severity.value
        row["other_lines"] = _other_lines(f.other_lines)
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
    for doc in map(_status, documents):
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

    frame = scorecard_frame([_status(d) for d in documents], findings, decisions)
    frame["kind"] = frame["kind"].map(lambda k: KIND_ZH.get(k, k))
    sheet = _write_sheet(writer, SHEETS["scores"], frame, FRAME_HEADERS_ZH)
    bold = writer.book.add_format({"bold": True, "valign": "top"})
    row = len(frame) + 2
    sheet.write_string(row, 0, "评分口径", bold)
    for label, text in definitions():
        row += 1
        sheet.write_string(row, 0, label, bold)
        sheet.write_string(row, 1, text)


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
    for f, extra in _export_rows(documents, findings, decisions):
        row = _fields(f)
        row.update(
            severity=SEVERITY_ZH[f.severity], family=FAMILY_ZH.get(f.family, f.family),
            other_lines=_other_lines(f.other_lines), **{k: _exact(row[k]) for k in MONEY_COLUMNS}, **extra,
        )  # fmt: skip
        rows.append(row)
    rows = [_error_finding(d) for d in map(_status, documents) if d.status == "error"] + rows  # errors first
    frame = pd.DataFrame(rows, columns=_columns(decisions))
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
    for f, extra in _export_rows(documents, findings, decisions):
        row = {**_fields(f), **extra}
        row["severity"] = f.severity.value
        row["other_lines"] = list(f.other_lines)
        for key in MONEY_COLUMNS:
            row[key] = _exact(row[key])
        out_findings.append({k: row[k] for k in _columns(decisions)})
    return {
        "documents": [_status(d).model_dump(include=set(DOCUMENT_COLUMNS)) for d in documents],
        "findings": out_findings,
    }
