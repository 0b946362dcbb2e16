"""Disbursement plans: a "（%）" header over amounts."""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.disbursement import REGULATION
from checks.rules.disbursement.plan import hit
from checks.support.money import fmt
from parsing.model import BudgetDocument

_IS_PERCENT, _AMOUNT_VALUE = attrgetter("is_percent"), attrgetter("amount.value")
_AMOUNT_BASES = {"budget": "末期数等于预算数", "above-100": "数值超过100"}


@register(
    "PLN007",
    "plan-header-unit",
    title="资金支出计划表头标“%”，所填却是金额",
    severity=Severity.INFO,
    regulation=REGULATION,
)
def plan_header_unit(doc: BudgetDocument) -> Iterator[Hit]:
    """表头为“资金支出计划（%）”而所填为金额的计划，每个项目提示一次。

    为什么：读者会把“（%）”下的“4.00/8.00/12.00/18.00”当作百分比，以为年底只支出了18%。数值仍按万元读取（其他支出
    计划规则据此判断），只是表头错了。最大值等于预算数（且预算数不是100）或超过100时视为金额；仅凭数值无法判断的计划
    不报告。
    示例：表头“资金支出计划（%）”，4.00/8.00/12.00/18.00，预算数 18.00，提示一条；“25%/50%/80%/100%”通过。
    """
    for project in doc.projects:
        header = project.plan_header or ""
        basis = project.plan_basis or ""
        if "%" not in header or basis not in _AMOUNT_BASES or any(map(_IS_PERCENT, project.plan)):
            continue
        # a model's attribute: read once
        values = [v for v in map(_AMOUNT_VALUE, project.plan) if v is not None]
        shown = "/".join(fmt(v) for v in values)
        yield hit(
            project,
            f"资金支出计划表头为“{header}”，所填{shown}却是金额（{_AMOUNT_BASES[basis]}，预算数"
            f"{fmt(project.budget.value)}万元），已按万元读取；应将表头单位改为万元或改填百分比",
            severity=None,
            hint="统一表头单位与所填数值。",
        )
