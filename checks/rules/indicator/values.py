"""Indicator value rules (绩效指标值 细化、量化): number, unit, comparator, satisfaction, cost, ceiling."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.indicator import REGULATION, TABLE
from checks.support.indicators import cost_amount, is_cost, level1_kind, number_and_unit, project_budget
from checks.support.plan import indicator_verdicts, project_label
from parsing.model import BudgetDocument, Indicator


def per_indicator(
    doc: BudgetDocument,
    codes: tuple[str, ...],
    what: str,
    column: str = "指标值",
    soft: Callable[[Indicator, str], bool] | None = None,
) -> Iterator[Hit]:
    """One hit per indicator row with any of `codes`, at the row's 指标值 line (one finding per place); a row
    that is `soft` is only info."""
    for project in doc.projects:
        for ind, code, reason in indicator_verdicts(project):
            if code not in codes:
                continue
            yield Hit(
                message=f"{project_label(project)}指标“{ind.level3 or ind.level2}”{what}：{reason}",
                line=ind.line,
                table=TABLE,
                row=ind.level3 or ind.level2,
                column=column,
                project=project.name,
                severity=Severity.INFO if soft is not None and soft(ind, code) else None,
            )


def _qualitative_outcome(ind: Indicator, code: str) -> bool:
    """A 效益 target in words ("维护社会稳定", "良好"): 101号 admits graded qualitative 效益 values."""
    return code == "no-number" and level1_kind(ind.level1) == "效益"


@register(
    "IND001",
    "indicator-no-number",
    title="绩效指标值无量化数值",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def indicator_no_number(doc: BudgetDocument) -> Iterator[Hit]:
    """Every 指标值 states a number (or, for 时效, a date); one finding per indicator row that does not.

    Why: "持续改善", "良好", "及时", "年度预算" or a category name cannot be evaluated at year end;
    101号 asks for targets that are 细化、量化. Satisfaction rows are left to IND004. A 效益 target in words
    ("维护社会稳定", "良好") is only info (101号 admits graded qualitative 效益 values).
    Example: 001 信访专项经费 经济效益 → "经济效益", 可持续影响 → "可持续" (category names as values).
    """
    yield from per_indicator(
        doc, ("no-number", "category-as-value"), "没有量化数值", soft=_qualitative_outcome
    )


@register(
    "IND002",
    "indicator-unit",
    title="绩效指标值缺少单位或单位与指标不符",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def indicator_unit(doc: BudgetDocument) -> Iterator[Hit]:
    """A number comes with a unit that fits the indicator: % for a rate, 个/人/次 for a count.

    Why: "≥95" could be a count, a percentage or money; a count stated in % cannot be checked. Units in
    the name ("完成率（%）") count; 百分比 reads as %. Cost rows are left to IND006.
    Example: 000 办公设备购置费 采购数量 "≥95", 合格率 "≥95" (no units); "设备检修维护次数 ≥95百分比" (a count in %).
    """
    yield from per_indicator(doc, ("no-unit", "unit-mismatch"), "单位缺失或不符")


@register(
    "IND003",
    "indicator-no-comparator",
    title="比率指标值未写比较符",
    severity=Severity.INFO,
    regulation=REGULATION,
)
def indicator_no_comparator(doc: BudgetDocument) -> Iterator[Hit]:
    """A percentage target below 100 % says whether it is a floor or a ceiling (≥ / ≤).

    Why: "95%" for a 满意度 leaves open whether 96 % passes; a format issue, hence info.
    Example: 001 雪亮工程建设项目 群众满意度 "95%" (info); "≥95%" passes, "100%" needs no sign.
    """
    yield from per_indicator(doc, ("no-comparator",), "未写≥或≤")


@register(
    "IND004",
    "satisfaction-no-threshold",
    title="满意度指标无量化标准",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def satisfaction_no_threshold(doc: BudgetDocument) -> Iterator[Hit]:
    """A 满意度 indicator names a threshold such as ≥90 %.

    Why: "良好" or "满意" cannot be measured by the survey that a 满意度 indicator presupposes.
    Example: 001 政法委综治专项经费 服务对象满意度 "良好" fails; "≥90%" passes.
    """
    yield from per_indicator(doc, ("satisfaction-no-threshold",), "没有量化的满意度标准")


@register(
    "IND006", "cost-vs-budget", title="成本指标与预算数不符", severity=Severity.WARNING, regulation=REGULATION
)
def cost_vs_budget(doc: BudgetDocument) -> Iterator[Hit]:
    """A 成本指标 states money that fits 预算数 (a total ≤ 预算数, or a unit cost in 元/人 …).

    Why: a rate ("≥95"), a head count ("≥33人") or a unit-less figure as cost cannot be held against the
    budget; a total above 预算数 contradicts it. Unit-less figures are read both as 万元 and as 元.
    Example: 001 政法委综治专项经费 预算数 6, 成本 "30000.00": 30,000 万元 or 3.00 万元 — neither is 6;
    003 劳务费 "≤57.25万元" = 预算数 passes.
    """
    codes = ("cost-rate", "cost-unitless", "cost-not-money", "cost-over-budget")
    for project in doc.projects:
        budget = project_budget(project)
        for ind, code, reason in indicator_verdicts(project):
            if code not in codes or not is_cost(ind):
                continue
            number = cost_amount(ind) if code == "cost-over-budget" else number_and_unit(ind)[0]
            only_unit = (
                code == "cost-unitless" and number is not None and number == budget
            )  # "≤57.25" = 预算数
            yield Hit(
                message=f"{project_label(project)}成本指标“{ind.level3}”：{reason}",
                line=ind.line,
                table=TABLE,
                column="指标值",
                project=project.name,
                expected=budget if code in ("cost-unitless", "cost-over-budget") else None,
                actual=number if code in ("cost-unitless", "cost-over-budget") else None,
                severity=Severity.INFO if only_unit else None,
            )


@register(
    "IND010", "indicator-ceiling", title="上限式目标（≥100%）", severity=Severity.INFO, regulation=REGULATION
)
def indicator_ceiling(doc: BudgetDocument) -> Iterator[Hit]:
    """A rate target "≥100%" says no more than "100%"; it cannot be exceeded and tells nothing apart.

    Why: uninformative rather than wrong, hence info.
    Example: 003 政务服务相关经费 机关房屋维修合格率 "≥100%" (info); "100%" or "≥95%" pass.
    """
    yield from per_indicator(doc, ("ceiling",), "为“≥100%”式目标")
