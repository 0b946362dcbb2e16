"""Checks: one document -> findings (pure Python, no streamlit).

The public face for the layers above: the finding model, the rule registry and runner, the reports, the
display helpers, and the readings the dashboard shows beside the findings (plans, indicator verdicts, totals).
Names outside the core load their module on first use, so importing a rule does not import pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from checks.findings import FAMILIES, FAMILY_ZH, SEVERITY_ZH, Finding, Hit, Location, Severity, triage_order
from checks.registry import RULES, Rule, load_rules, register
from checks.runner import run_checks

_LAZY = {
    "checks.display": ("excerpt", "findings_table", "fmt_money", "fmt_number"),
    "checks.report": (
        "HEADERS_ZH", "KIND_ZH", "DocumentStatus", "findings_csv", "findings_frame", "findings_json", "findings_xlsx",
    ),
    "checks.support.indicators": ("is_cost", "level2_kind"),
    "checks.support.lookup": ("TABLE_ZH", "key_totals"),
    "checks.support.plan": ("VERDICT_ZH", "indicator_verdicts", "plan_curve", "plan_total"),
}  # fmt: skip
_HOME = {name: module for module, names in _LAZY.items() for name in names}

__all__ = [
    "FAMILIES",
    "FAMILY_ZH",
    "HEADERS_ZH",
    "KIND_ZH",
    "RULES",
    "SEVERITY_ZH",
    "TABLE_ZH",
    "VERDICT_ZH",
    "DocumentStatus",
    "Finding",
    "Hit",
    "Location",
    "Rule",
    "Severity",
    "excerpt",
    "findings_csv",
    "findings_frame",
    "findings_json",
    "findings_table",
    "findings_xlsx",
    "fmt_money",
    "fmt_number",
    "indicator_verdicts",
    "is_cost",
    "key_totals",
    "level2_kind",
    "load_rules",
    "plan_curve",
    "plan_total",
    "register",
    "run_checks",
    "triage_order",
]

if TYPE_CHECKING:
    from checks.display import excerpt, findings_table, fmt_money, fmt_number
    from checks.report import (
        HEADERS_ZH,
        KIND_ZH,
        DocumentStatus,
        findings_csv,
        findings_frame,
        findings_json,
        findings_xlsx,
    )
    from checks.support.indicators import is_cost, level2_kind
    from checks.support.lookup import TABLE_ZH, key_totals
    from checks.support.plan import VERDICT_ZH, indicator_verdicts, plan_curve, plan_total


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'checks' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOME[name]), name)
