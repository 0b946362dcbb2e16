"""Disbursement-plan rules (资金支出计划): blank cells, cumulative reading, year-end total, overrun."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.disbursement import COLUMN, REGULATION, TABLE
from checks.support.money import Verdict, compare, fmt
from checks.support.plan import PlanCurve, plan_curves, project_label
from parsing.model import BudgetDocument, Project


def show(curve: PlanCurve, value: Decimal | None) -> str:
    if value is None:
        return "空"
    return f"{fmt(value)}%" if curve.unit == "percent" else f"{fmt(value)}万元"


def total_zh(curve: PlanCurve) -> str:
    if curve.unit == "percent":
        return "100%"
    return f"预算数{fmt(curve.total)}万元" if curve.total is not None else "预算数（未能读出）"


def _line(project: Project, label: str) -> int:
    return next((p.amount.line for p in project.plan if p.label == label and p.amount.line), project.line)


def hit(project: Project, message: str, label: str = "12月底", **kw: object) -> Hit:
    return Hit(
        message=message,
        line=_line(project, label),
        table=TABLE,
        column=f"{COLUMN} {label}",
        project=project.name,
        **kw,
    )


@register(
    "PLN001", "plan-blank-cells", title="资金支出计划缺项", severity=Severity.WARNING, regulation=REGULATION
)
def plan_blank_cells(doc: BudgetDocument) -> Iterator[Hit]:
    """资金支出计划每一期都有数字，至少 12月底有数字，且每个数字都能读取。

    为什么：执行监控以年末数为准；12月底为空，计划就没有落点。前几期为空（尚未安排支出）只算格式问题（提示），
    中间为空也是如此。
    示例：001 信访信息系统网络维护费“”“100”“”“”→ 在 12月底报警告：按累计读、空白沿用前值（与按分期读、空白记
    0 的曲线相同），6月底即全部支出。
    """
    for project, curve in zip(doc.projects, plan_curves(doc), strict=True):
        if curve.reading == "none":
            found = bool(project.plan)  # no 3月底…12月底 cells: maybe a layout the parser does not know
            what = "未填任何数字" if found else "未找到（或版式未能识别）"
            severity = None if found else Severity.INFO
            yield hit(
                project, f"{project_label(project)}资金支出计划{what}", label="3月底", severity=severity
            )
            continue
        for label in curve.invalid:
            raw = next(p.amount.raw for p in project.plan if p.label == label)
            yield hit(project, f"{project_label(project)}资金支出计划{label}“{raw}”不是数字", label=label)
        blanks = list(curve.blanks)
        labels = [p.label for p in project.plan]
        if "12月底" not in labels or "12月底" in blanks:
            filled = [
                (lab, v)
                for (lab, v), p in zip(curve.values, project.plan, strict=True)
                if not p.amount.is_blank
            ]
            last_label, last = filled[-1] if filled else ("", None)
            state = "全年计划已完成" if curve.fits(last) else f"尚未达到{total_zh(curve)}"
            yield hit(
                project,
                f"{project_label(project)}资金支出计划12月底未填（空：{'、'.join(blanks) or '缺12月底一栏'}）。"
                f"{curve.note_zh}，"
                f"空白沿用前值：截至{last_label}累计{show(curve, last)}，{state}；12月底应填{total_zh(curve)}",
                expected=curve.total,
            )
        elif blanks:
            kind = "前期未安排支出" if blanks == labels[: len(blanks)] else "中间期次空白"
            yield hit(
                project,
                f"{project_label(project)}资金支出计划{'、'.join(blanks)}为空（{kind}），按0或沿用前值理解；"
                "宜明确填写0或累计数",
                label=blanks[0],
                severity=Severity.INFO,
            )


@register(
    "PLN002",
    "plan-not-cumulative",
    title="资金支出计划不是逐期累计数",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def plan_not_cumulative(doc: BudgetDocument) -> Iterator[Hit]:
    """累计的支出计划不会下降；下降但各期之和等于总额的，按分期数读。

    为什么：“截至…月底”的数字只能增加；下降说明录错，或把分期数填进了累计表格。各期之和等于 100% / 预算数时，
    说明这一点（提示），换算后继续检查。
    示例：10/20/30/40（%）之和为 100：按分期读，累计为 10/30/60/100（提示）；30/60/50/100：警告。
    """
    for project, curve in zip(doc.projects, plan_curves(doc), strict=True):
        if curve.reading == "per-period":
            shown = "、".join(f"{lab}{show(curve, v)}" for lab, v in curve.values)
            yield hit(
                project,
                f"{project_label(project)}资金支出计划各期之和为{total_zh(curve)}，按当期数理解并累加为："
                f"{shown}；表格要求填累计数",
                label=project.plan[0].label,
                severity=Severity.INFO,
            )
            continue
        drops = [
            (a, b)
            for a, b in itertools.pairwise(curve.values)
            if a[1] is not None and b[1] is not None and b[1] < a[1]
        ]
        if drops:
            (la, va), (lb, vb) = drops[0]
            yield hit(
                project,
                f"{project_label(project)}资金支出计划（{curve.note_zh}）从{la}{show(curve, va)}降到{lb}"
                f"{show(curve, vb)}，累计数不应下降；各期之和也不等于{total_zh(curve)}",
                label=lb,
                expected=va,
                actual=vb,
            )


@register(
    "PLN003",
    "plan-year-end-short",
    title="资金支出计划年末未达预算数",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def plan_year_end_short(doc: BudgetDocument) -> Iterator[Hit]:
    """资金支出计划到 12月底达到 100%（以万元填写时达到预算数）。

    为什么：计划到年末未达总额，说明部分预算没有支出安排（或预算编多了）。
    示例：002 党员干部培训教育经费 预算数 50.00，计划 5/8/12/40：40 既不是 100%，也不是 50.00 万元。
    """
    for project, curve in zip(doc.projects, plan_curves(doc), strict=True):
        end = next((p for p in project.plan if p.label == "12月底"), None)
        last = curve.last
        if end is None or end.amount.value is None or last is None or not curve.total:
            continue  # blank or unreadable 12月底: PLN001
        if last >= curve.total or curve.fits(last):
            continue
        other = ""
        if curve.unit_ambiguous and project.budget.value:
            share = fmt(last / project.budget.value * 100)
            other = f"（单元格未标%：按百分比读为{fmt(last)}%，按万元读为预算数{fmt(project.budget.value)}的{share}%，均未到全额）"
        yield hit(
            project,
            f"{project_label(project)}资金支出计划（{curve.note_zh}）12月底累计{show(curve, last)}，"
            f"少于{total_zh(curve)}{other}",
            expected=curve.total,
            actual=last,
        )


@register(
    "PLN004",
    "plan-above-budget",
    title="资金支出计划超过预算数",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def plan_above_budget(doc: BudgetDocument) -> Iterator[Hit]:
    """累计支出计划的任何一期都不超过 100% 或预算数。

    为什么：没有追加拨款，不可能计划支出超过预算。
    示例：002 城乡居民养老保险发放及缴费补贴县级配套 预算数 372.00，计划 140/280/420/572 → 12月底 572.00。
    """
    for project, curve in zip(doc.projects, plan_curves(doc), strict=True):
        if curve.reading == "none" or curve.total is None:
            continue
        above = [
            (lab, v)
            for lab, v in curve.values
            if v is not None and v > curve.total and compare(curve.total, v) == Verdict.MISMATCH
        ]
        if not above:
            continue
        label, top = max(above, key=lambda item: item[1])
        shown = "、".join(f"{lab}{show(curve, v)}" for lab, v in above)
        yield hit(
            project,
            f"{project_label(project)}资金支出计划（{curve.note_zh}）超过{total_zh(curve)}：{shown}",
            label=label,
            expected=curve.total,
            actual=top,
        )
