"""Disbursement-plan timing rules: money left to the year end, plans that contradict timeliness promises."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.disbursement import REGULATION, TABLE
from checks.rules.disbursement.plan import hit, show
from checks.support.money import fmt
from checks.support.plan import payment_timeliness, plan_curves, project_label
from parsing.model import BudgetDocument

BACK_LOADED_SHARE = Decimal("0.5")  # at least half of the money planned after 10月底 → warning


@register(
    "PLN005",
    "plan-back-loaded",
    title="资金支出计划集中在年末",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def plan_back_loaded(doc: BudgetDocument) -> Iterator[Hit]:
    """At least half of the money (BACK_LOADED_SHARE) is planned for the last two months (after 10月底).

    Why: year-end spending sprees and idle funds are what execution monitoring looks for; a plan that
    leaves most money to November–December deserves a question. Checked only for plans that reach the
    total exactly (short or overrunning plans are reported by PLN003/PLN004).
    Example: 002 城乡居民医保区级配套资金 240.00: "", "", "", 240.00 → 100 % after 10月底.
    """
    for project, curve in zip(doc.projects, plan_curves(doc), strict=True):
        values = dict(curve.values)
        october, last = values.get("10月底"), curve.last
        if curve.reading == "none" or october is None or not curve.fits(last) or not curve.total:
            continue
        share = (curve.total - october) / curve.total
        if share >= BACK_LOADED_SHARE:
            yield hit(
                project,
                f"{project_label(project)}资金支出计划（{curve.note_zh}）10月底累计{show(curve, october)}，"
                f"{fmt(share * 100)}%的资金安排在11–12月",
                actual=(share * 100).quantize(Decimal("0.01")),
            )


@register(
    "PLN006",
    "plan-vs-timeliness",
    title="资金支出计划与时效指标不符（存疑）",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def plan_vs_timeliness(doc: BudgetDocument) -> Iterator[Hit]:
    """A promise of timely payment ("当月及时支付", "拨付及时") fits a plan that pays along the year.

    Why: an indicator promising monthly or timely payment while the plan schedules nothing before
    12月底, or stays flat below the total between two filled periods, contradicts itself. A question, not
    a proof: payments may be lumpy for good reasons.
    Example: 003 网络租费项目 "按合同要求当月及时支付 100%" with 20%/40%/40%/100% (flat from 6月底 to 10月底).
    """
    for project, curve in zip(doc.projects, plan_curves(doc), strict=True):
        promises = payment_timeliness(project)
        if not promises or curve.reading == "none" or curve.total is None or len(curve.values) < 2:
            continue
        cells = {p.label: p.amount for p in project.plan}
        before = [v for _, v in curve.values[:-1]]
        problem = ""
        if all(not v for v in before):
            problem = "12月底前未安排任何支出"
        else:
            for (la, va), (lb, vb) in itertools.pairwise(curve.values):
                filled = not cells[la].is_blank and not cells[lb].is_blank
                if filled and va == vb and va is not None and va < curve.total:
                    problem = f"{la}至{lb}停在{show(curve, va)}"
                    break
        if problem:
            ind = promises[0]
            said = "，".join(dict.fromkeys(t for t in (ind.description, ind.value) if t and t != ind.level3))
            yield Hit(
                message=f"{project_label(project)}指标“{ind.level3}”（{said}）要求及时支付，但资金支出计划"
                f"（{curve.note_zh}）{problem}：请核实（存疑，非确证）",
                line=ind.line,
                table=TABLE,
                column="绩效指标",
                project=project.name,
            )
