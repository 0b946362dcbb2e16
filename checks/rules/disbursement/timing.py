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
from parsing.model import BudgetDocument, Project

BACK_LOADED_SHARE = Decimal("0.5")  # at least half of the money planned after 10月底 → warning


@register(
    "PLN005",
    "plan-back-loaded",
    title="资金支出计划集中在年末",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def plan_back_loaded(doc: BudgetDocument) -> Iterator[Hit]:
    """至少一半资金（BACK_LOADED_SHARE）安排在最后两个月（10月底之后）。

    为什么：年底突击花钱和资金闲置正是执行监控要查的；把大部分资金留到 11–12 月的计划值得一问。只检查恰好达到
    总额的计划（未达或超出的由 PLN003/PLN004 报告）。
    示例：002 城乡居民医保区级配套资金 240.00：“”“”“”240.00 → 100% 在 10月底之后。
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


def _filled(project: Project, *labels: str) -> bool:
    """Whether the plan's cells of these labels are all filled (not blank)."""
    cells = {p.label: p.amount for p in project.plan}
    return not any(cells[label].is_blank for label in labels)


@register(
    "PLN006",
    "plan-vs-timeliness",
    title="资金支出计划与时效指标不符（存疑）",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def plan_vs_timeliness(doc: BudgetDocument) -> Iterator[Hit]:
    """承诺及时支付（“当月及时支付”“拨付及时”）的项目，支出计划应在全年均衡安排。

    为什么：指标承诺按月或及时支付，而计划在 12月底前不安排任何支出，或在两个已填期次之间停滞于总额以下，自相
    矛盾。只是疑问而非定论：支付集中可能有正当理由。
    示例：003 网络租费项目“按合同要求当月及时支付 100%”，计划 20%/40%/40%/100%（6月底到 10月底没有增长）。
    """
    for project, curve in zip(doc.projects, plan_curves(doc), strict=True):
        if curve.reading == "none" or curve.total is None or len(curve.values) < 2:
            continue
        before = [v for _, v in curve.values[:-1]]
        problem = ""
        if all(not v for v in before):
            problem = "12月底前未安排任何支出"
        else:
            for (la, va), (lb, vb) in itertools.pairwise(curve.values):
                # the cells are read only for a stall: most plans rise
                if va == vb and va is not None and va < curve.total and _filled(project, la, lb):
                    problem = f"{la}至{lb}停在{show(curve, va)}"
                    break
        # the plan first: few plans stall, and reading every indicator's words costs more
        promises = payment_timeliness(project) if problem else None
        if promises:
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
