"""Narrative: the share of procurement reserved for small and medium enterprises (§3 22)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.rules.narrative.assets import PROCUREMENT, procurement_budget
from checks.support.figures import Figure
from checks.support.money import fmt, precision
from checks.support.narrative import paragraph_figures
from parsing.model import BudgetDocument

_SME = re.compile(r"中小(?:微)?企业")
_SMALL = re.compile(r"小型和微型企业|小微企业|小型、微型企业")


def _levels(doc: BudgetDocument) -> list[Figure]:
    return [f for para in paragraph_figures(doc, "procurement") for f in para if not f.changed and not f.rate]


def _stated_total(doc: BudgetDocument) -> tuple[Decimal, str] | None:
    budget = procurement_budget(doc)
    if budget is None:
        return None
    value, said = budget
    return value, f"{PROCUREMENT}合计" if said is None else f"说明所述政府采购预算{said.raw}"


@register(
    "NAR017",
    "sme-reserve-vs-procurement",
    title="预留中小企业份额超过政府采购预算",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def sme_reserve(doc: BudgetDocument) -> Iterator[Hit]:
    """面向中小企业预留的金额不超过政府采购预算，其中预留给小微企业的部分不超过中小企业预留额。

    为什么：预留额是政府采购预算的一部分（《政府采购促进中小企业发展管理办法》）；预留额大于其所出自的预算，或
    “其中”大于整体，不可能同时成立。
    示例：“政府采购预算34万元…面向中小企业预留…34万元，其中，预留给小型和微型企业的…34万元”，通过；预算 34万元
    而预留 43万元，不通过。
    """
    figures = _levels(doc)
    sme = next((f for f in figures if _SME.search(f.label) and not _SMALL.search(f.label)), None)
    small = next((f for f in figures if _SMALL.search(f.label)), None)
    total = _stated_total(doc)
    pairs = []
    if sme and total:
        pairs.append((sme, total[0], total[1], "面向中小企业预留的金额"))
    if small and sme:
        pairs.append((small, sme.amount(doc.unit), f"中小企业预留额{sme.raw}", "其中预留给小微企业的金额"))
    elif small and total:
        pairs.append((small, total[0], total[1], "预留给小微企业的金额"))
    for fig, limit, limit_name, what in pairs:
        amount = fig.amount(doc.unit)
        if (amount - limit) * 2 > precision(doc.unit, fig.unit):  # beyond the rounding of the stated figure
            yield Hit(
                message=f"{what}{fig.raw}超过{limit_name}"
                + ("" if fmt(limit) in limit_name else f"（{fmt(limit)}{doc.unit}）"),
                line=fig.line,
                table=PROCUREMENT,
                expected=limit,
                actual=amount,
                hint="预留份额是政府采购预算的一部分，核对预留金额与政府采购预算总额。",
            )
