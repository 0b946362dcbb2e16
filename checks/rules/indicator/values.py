"""Indicator value rules (绩效指标值 细化、量化): number, unit, comparator, satisfaction, cost, ceiling."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.indicator import REGULATION, TABLE
from checks.support.indicator_rows import Row, flagged
from checks.support.indicators import cost_amount, fields, number_and_unit, project_budget
from parsing.model import BudgetDocument


def per_indicator(
    doc: BudgetDocument,
    codes: tuple[str, ...],
    what: str,
    column: str = "指标值",
    soft: Callable[[Row, str], bool] | None = None,
) -> Iterator[Hit]:
    """One hit per indicator row with any of `codes`, at the row's 指标值 line (one finding per place); a row
    that is `soft` is only info."""
    for _, project, row, code, reason in flagged(doc, codes):
        name = row.level3 or row.level2
        yield Hit(
            message=f"{project.label}指标“{name}”{what}：{reason}",
            line=row.line,
            table=TABLE,
            row=name,
            column=column,
            project=project.project.name,
            severity=Severity.INFO if soft is not None and soft(row, code) else None,
        )


def _qualitative_outcome(row: Row, code: str) -> bool:
    """A 效益 target in words ("维护社会稳定", "良好"): 101号 admits graded qualitative 效益 values."""
    return code == "no-number" and row.facts.level1_kind == "效益"


@register(
    "IND001",
    "indicator-no-number",
    title="绩效指标值无量化数值",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def indicator_no_number(doc: BudgetDocument) -> Iterator[Hit]:
    """每个指标值都写明数值（时效指标可写日期）；每个不合格的指标行一条问题。

    为什么：“持续改善”“良好”“及时”“年度预算”或把类别名称当指标值，年终无法评价；财预〔2019〕101号要求绩效目标
    细化、量化。满意度行由 IND004 检查。以文字表述的效益指标（“维护社会稳定”“良好”）记为提示（101号允许效益指
    标采用分级的定性表述）。
    示例：001 信访专项经费：经济效益 → “经济效益”，可持续影响 → “可持续”（以类别名称作指标值），各报告一条。
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
    """数值带有与指标相符的单位：比率用 %，计数用 个/人/次 等。

    为什么：“≥95”可能是个数、百分比或金额；以 % 表述的计数无法核对。指标名称中的单位（“完成率（%）”）同样算数
    ；“百分比”按 % 读。成本指标由 IND006 检查。
    示例：000 办公设备购置费：采购数量“≥95”、合格率“≥95”（均无单位）；“设备检修维护次数 ≥95百分比”（次数用了 %
    ）。
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
    """低于 100% 的百分比目标应写明是下限还是上限（≥ / ≤）。

    为什么：满意度写“95%”，96% 是否达标并不明确；属于格式问题，故为提示。
    示例：001 雪亮工程建设项目 群众满意度“95%”（提示）；“≥95%”通过，“100%”无需比较符。
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
    """满意度指标应给出量化标准，如 ≥90%。

    为什么：满意度指标以问卷调查为前提，“良好”“满意”无法通过调查衡量。
    示例：001 政法委综治专项经费 服务对象满意度“良好”，不通过；“≥90%”通过。
    """
    yield from per_indicator(doc, ("satisfaction-no-threshold",), "没有量化的满意度标准")


@register(
    "IND006", "cost-vs-budget", title="成本指标与预算数不符", severity=Severity.WARNING, regulation=REGULATION
)
def cost_vs_budget(doc: BudgetDocument) -> Iterator[Hit]:
    """成本指标应写明与预算数相符的金额（总额 ≤ 预算数，或以 元/人 等表示的单价）。

    为什么：把比率（“≥95”）、人数（“≥33人”）或无单位的数字当作成本，无法与预算对照；总额超过预算数则与预算矛盾
    。无单位的数字分别按万元和元两种读法核对。
    示例：001 政法委综治专项经费 预算数 6，成本“30000.00”：读作 30,000 万元或 3.00 万元，都不等于 6；003 劳务
    费“≤57.25万元”等于预算数，通过。
    """
    codes = ("cost-rate", "cost-unitless", "cost-not-money", "cost-over-budget")
    for _, project, row, code, reason in flagged(doc, codes):
        ind = fields(row.indicator)  # a cost-* code comes only from a cost row (verdicts' _cost)
        budget = project_budget(project.project)
        number = cost_amount(ind) if code == "cost-over-budget" else number_and_unit(ind)[0]
        only_unit = code == "cost-unitless" and number is not None and number == budget  # "≤57.25" = 预算数
        yield Hit(
            message=f"{project.label}成本指标“{row.level3}”：{reason}",
            line=row.line,
            table=TABLE,
            column="指标值",
            project=project.project.name,
            expected=budget if code in ("cost-unitless", "cost-over-budget") else None,
            actual=number if code in ("cost-unitless", "cost-over-budget") else None,
            severity=Severity.INFO if only_unit else None,
        )


@register(
    "IND010", "indicator-ceiling", title="上限式目标（≥100%）", severity=Severity.INFO, regulation=REGULATION
)
def indicator_ceiling(doc: BudgetDocument) -> Iterator[Hit]:
    """比率目标“≥100%”与“100%”含义相同，既无法超额，也区分不出好坏。

    为什么：这样的目标并非错误，只是没有信息量，故为提示。
    示例：003 政务服务相关经费 机关房屋维修合格率“≥100%”（提示）；“100%”或“≥95%”通过。
    """
    yield from per_indicator(doc, ("ceiling",), "为“≥100%”式目标")
