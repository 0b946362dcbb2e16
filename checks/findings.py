"""Severity, Hit (what a rule yields) and Finding (what the analyst sees)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

FAMILIES = (
    "arithmetic",
    "cross-table",
    "narrative",
    "disbursement",
    "indicator",
    "text",
    "structure",
    "parse",
)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
FAMILY_ZH = {
    "arithmetic": "表内勾稽",
    "cross-table": "表间勾稽",
    "narrative": "说明与表格",
    "disbursement": "资金支出计划",
    "indicator": "绩效指标",
    "text": "文字质量",
    "structure": "完整性",
    "parse": "解析",
    "runner": "规则运行",
}


class Location(BaseModel):
    """Where a defect is: the source line (and PDF page), the table cell, the project."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    line: int | None = None  # 1-based source line
    page: int | None = None  # PDF input: the page of `line` (shown as 第N页)
    table: str | None = None
    row: str | None = None
    column: str | None = None
    project: str | None = None

    def location(self) -> Location:
        return Location(**{name: getattr(self, name) for name in Location.model_fields})


class Hit(Location):
    """One defect as a rule sees it: values and place, no rule metadata."""

    message: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    severity: Severity | None = None  # overrides the rule's default (rounding-level differences)
    hint: str | None = None


class Finding(Location):
    """One defect as the analyst sees it: the rule, the place, the values, the regulation."""

    code: str
    family: str
    severity: Severity
    title: str
    message: str
    file: str = ""
    part: str | None = None  # unit code/name for part-two findings; None for the department part
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    regulation: str | None = None
    hint: str | None = None
    other_lines: list[int] = Field(
        default_factory=list
    )  # the same defect repeated elsewhere (part two copies)


def triage_order(finding: Finding) -> tuple[int, str, int]:
    """Sort key for reading findings: errors first, then warnings, then info; within each, file and line."""
    return SEVERITY_RANK[finding.severity], finding.file, finding.line or 0
