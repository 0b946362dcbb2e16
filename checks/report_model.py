"""What a report holds: its columns and their Chinese headers, and DocumentStatus (one input file of a run)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from checks.findings import FAMILIES, FAMILY_ZH, SEVERITY_ZH, Severity

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


def as_document_status(doc: DocumentStatus | Mapping[str, Any] | Any) -> DocumentStatus:
    if isinstance(doc, DocumentStatus):
        return doc
    if isinstance(doc, Mapping):
        return DocumentStatus.model_validate(dict(doc))
    return DocumentStatus.model_validate({k: getattr(doc, k) for k in DOCUMENT_COLUMNS if hasattr(doc, k)})
