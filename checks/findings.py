"""Severity, Hit (what a rule yields) and Finding (what the analyst sees)."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Mapping
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


class _CheckedHit(Location):
    """A Hit's fields and their validation (pydantic): what a Hit given anything but final values goes through."""

    model_config = ConfigDict(title="Hit")  # its errors name the Hit, as when Hit was this model

    message: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    severity: Severity | None = None  # overrides the rule's default (rounding-level differences)
    hint: str | None = None


# a Location's fields, then message, expected, actual, severity, hint: a Hit's values in this order
HIT_FIELDS = tuple(_CheckedHit.model_fields)
_NONE = type(None)
_TEXTS, _INTS, _SEVERITIES = frozenset({str, _NONE}), frozenset({int, _NONE}), frozenset({Severity, _NONE})
_NO_MESSAGE = object()  # message is required: its absence is validation's to report
_new_tuple = tuple.__new__


class Hit(namedtuple("Hit", HIT_FIELDS)):
    """One defect as a rule sees it: values and place, no rule metadata.

    Not a pydantic model: a rule run makes hundreds, half of them repeats the runner keeps only the line of, and
    validating each cost more than what the rule did to find it. Values already in their final types (str, int,
    finite Decimal, Severity or None) are stored as given, which is what validation would store; anything else goes
    through _CheckedHit, which converts it (an int or a str amount, a str severity) or raises the same
    ValidationError as before. Frozen, compared and repr'd field by field; `model_copy(update=…)` as pydantic's.

    >>> Hit(message="合计不符", line=3, expected=1, severity="warning")
    Hit(line=3, page=None, table=None, row=None, column=None, project=None, message='合计不符', expected=Decimal('1'), actual=None, severity=<Severity.WARNING: 'warning'>, hint=None)
    >>> Hit(message="m", line=3).model_copy(update={"hint": "h"}) == Hit(message="m", line=3, hint="h")
    True
    """

    __slots__ = ()

    def __new__(
        cls,
        *,
        message: str = _NO_MESSAGE,  # type: ignore[assignment]
        line: int | None = None,
        page: int | None = None,
        table: str | None = None,
        row: str | None = None,
        column: str | None = None,
        project: str | None = None,
        expected: Decimal | None = None,
        actual: Decimal | None = None,
        severity: Severity | None = None,
        hint: str | None = None,
        **extra: object,
    ) -> Hit:
        values = (line, page, table, row, column, project, message, expected, actual, severity, hint)
        if (
            type(message) is str
            and type(line) in _INTS
            and type(page) in _INTS
            and type(table) in _TEXTS
            and type(row) in _TEXTS
            and type(column) in _TEXTS
            and type(project) in _TEXTS
            and type(hint) in _TEXTS
            and type(severity) in _SEVERITIES
            and (expected is None or (type(expected) is Decimal and expected.is_finite()))
            and (actual is None or (type(actual) is Decimal and actual.is_finite()))
            and not extra
        ):
            return _new_tuple(cls, values)
        return _new_tuple(cls, _checked(values, extra))

    def __str__(self) -> str:
        return " ".join(f"{name}={value!r}" for name, value in self._asdict().items())  # as pydantic's

    def __getnewargs_ex__(self) -> tuple[tuple[()], dict[str, object]]:
        return (), self._asdict()  # a copy or a pickle is made again by keyword

    def model_copy(self, *, update: Mapping[str, object] | None = None) -> Hit:
        """The hit with the fields in `update` replaced (not validated, as pydantic's model_copy)."""
        return self._replace(**update) if update else self


def _checked(values: tuple, extra: dict[str, object]) -> tuple:
    """A hit's values as validation stores them, or its ValidationError. A missing message is reported with the
    fields given other than None (the call's own keywords are not known here)."""
    given = {
        name: v for name, v in zip(HIT_FIELDS, values, strict=True) if v is not None and v is not _NO_MESSAGE
    }
    return tuple(_CheckedHit(**given, **extra).__dict__.values())


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
