"""Checks: one document -> findings (pure Python, no streamlit).

The public face for the layers above: the finding model, the rule registry and runner, the reports, the
display helpers, and the readings the dashboard shows beside the findings (plans, indicator verdicts, totals).
Names outside the core load their module on first use, so importing a rule does not import pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checks.findings import FAMILIES, FAMILY_ZH, SEVERITY_ZH, Finding, Hit, Location, Severity, triage_order
from checks.registry import RULES, Rule, load_rules, register, unwrap_doc
from checks.runner import run_checks
from parsing.lazy import lazy_exports

_LAZY = {
    "checks.chart_links": ("ChartLink", "economic_marks", "economic_source", "finding_charts", "function_marks",
                           "function_source", "plan_findings", "plan_marks", "three_marks", "three_rows",
                           "three_source"),
    "checks.checklist": ("build_form", "checklist_xlsx", "failed_form", "load_templates"),
    "checks.decisions": ("CARRIED_ZH", "DECISION_ZH", "Decision", "Verdict", "fingerprints", "not_ignored"),
    "checks.display": (
        "excerpt", "findings_table", "fmt_amount", "fmt_figures", "fmt_money", "fmt_number", "money_scale", "to_wan",
    ),
    "checks.report": (
        "HEADERS_ZH", "KIND_ZH", "DocumentStatus", "findings_csv", "findings_frame", "findings_json", "findings_xlsx",
        "value_unit",
    ),
    "checks.scorecard": ("SCORE_ZH", "definitions", "ranked", "scorecard_frame", "scores"),
    "checks.support.indicators": ("is_cost", "level2_kind"),
    "checks.support.lookup": ("TABLE_ZH", "key_totals"),
    "checks.support.plan": ("VERDICT_ZH", "indicator_verdicts", "plan_curve", "plan_total"),
}  # fmt: skip

__all__ = [
    "CARRIED_ZH",
    "DECISION_ZH",
    "FAMILIES",
    "FAMILY_ZH",
    "HEADERS_ZH",
    "KIND_ZH",
    "RULES",
    "SCORE_ZH",
    "SEVERITY_ZH",
    "TABLE_ZH",
    "VERDICT_ZH",
    "ChartLink",
    "Decision",
    "DocumentStatus",
    "Finding",
    "Hit",
    "Location",
    "Rule",
    "Severity",
    "Verdict",
    "build_form",
    "checklist_xlsx",
    "definitions",
    "economic_marks",
    "economic_source",
    "excerpt",
    "failed_form",
    "finding_charts",
    "findings_csv",
    "findings_frame",
    "findings_json",
    "findings_table",
    "findings_xlsx",
    "fingerprints",
    "fmt_amount",
    "fmt_figures",
    "fmt_money",
    "fmt_number",
    "function_marks",
    "function_source",
    "indicator_verdicts",
    "is_cost",
    "key_totals",
    "level2_kind",
    "load_rules",
    "load_templates",
    "money_scale",
    "not_ignored",
    "plan_curve",
    "plan_findings",
    "plan_marks",
    "plan_total",
    "ranked",
    "register",
    "run_checks",
    "scorecard_frame",
    "scores",
    "three_marks",
    "three_rows",
    "three_source",
    "to_wan",
    "triage_order",
    "unwrap_doc",
    "value_unit",
]

if TYPE_CHECKING:
    from checks.chart_links import (
        ChartLink,
        economic_marks,
        economic_source,
        finding_charts,
        function_marks,
        function_source,
        plan_findings,
        plan_marks,
        three_marks,
        three_rows,
        three_source,
    )
    from checks.checklist import build_form, checklist_xlsx, failed_form, load_templates
    from checks.decisions import CARRIED_ZH, DECISION_ZH, Decision, Verdict, fingerprints, not_ignored
    from checks.display import (
        excerpt,
        findings_table,
        fmt_amount,
        fmt_figures,
        fmt_money,
        fmt_number,
        money_scale,
        to_wan,
    )
    from checks.report import (
        HEADERS_ZH,
        KIND_ZH,
        DocumentStatus,
        findings_csv,
        findings_frame,
        findings_json,
        findings_xlsx,
        value_unit,
    )
    from checks.scorecard import SCORE_ZH, definitions, ranked, scorecard_frame, scores
    from checks.support.indicators import is_cost, level2_kind
    from checks.support.lookup import TABLE_ZH, key_totals
    from checks.support.plan import VERDICT_ZH, indicator_verdicts, plan_curve, plan_total


__getattr__ = lazy_exports(__name__, _LAZY)
