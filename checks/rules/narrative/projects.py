"""Project tables: amounts in 资金用途 vs 预算数, counts in 绩效目标 vs the indicator values."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.rules.narrative.breakdowns import hits
from checks.support.breakdowns import Breakdown, breakdowns
from checks.support.figures import Figure, figures, judge
from checks.support.indicators import project_budget
from checks.support.lookup import per_part
from checks.support.money import Verdict, compare, fmt, precision, rounding_note
from parsing.model import BudgetDocument, Project

_YEAR = re.compile(r"(20\d\d)年")
_TOTAL = re.compile(r"共计|合计|总计|共需|总额|总需|总共|共")
_NEED = re.compile(r"需|预计|申请|安排|列入|预算|计")
_PART = re.compile(r"其中|包括|用于|每|单价")
_NOT_TOTAL = re.compile(r"投资|概算|总预算|累计|已")
_NOT_PART = re.compile(
    r"投资|已|累计|到位|拨付|完成|结余|欠|中央|省级|市级|上级|配套|标准|约|不超过|以内|以上|最高"
)


_Split = tuple[tuple[Figure, ...], tuple[Figure, ...], tuple[Figure, ...]]
_NO_FIGURES: _Split = ((), (), ())
_DIGIT = re.compile(r"\d")


def _split(project: Project, year: int | None) -> _Split:
    """资金用途 amounts: (this budget year, other years, no year in their clause); per-unit rates dropped."""
    this: list[Figure] = []
    other: list[Figure] = []
    plain: list[Figure] = []
    for fig in figures(project.purpose, project.purpose_line or project.line):
        if fig.rate:
            continue
        years = _YEAR.findall(fig.label)
        (plain if not years else this if int(years[-1]) == year else other).append(fig)
    return tuple(this), tuple(other), tuple(plain)


def _splits(doc: BudgetDocument) -> tuple[_Split, ...]:
    """_split of each project of the part, in order: read once per part for NAR011 and NAR012."""
    return per_part("purpose_splits", doc, _read_splits)


def _read_splits(doc: BudgetDocument) -> tuple[_Split, ...]:
    # a 资金用途 without a digit quotes no amount (full-width digits are digits too): most of them
    return tuple(
        _split(p, doc.budget_year) if _DIGIT.search(p.purpose) else _NO_FIGURES for p in doc.projects
    )


@register(
    "NAR011",
    "purpose-amount-vs-budget",
    title="资金用途所述金额与项目预算数不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def purpose_amount(doc: BudgetDocument) -> Iterator[Hit]:
    """资金用途中所述项目在预算年度所需的金额等于其预算数。

    为什么：资金用途与表格是同一项申请；金额不同说明其中之一没有更新。读法：按年度拆分的（“2022年需12万元，
    2023年所需资金12万元”）取预算年度部分；否则取总额（“共计62.55万元”）；否则取唯一的所需金额（“需0.47万元”）
    。分项（其中/用于）和比率不在此比较。以元表示的金额换算为万元（1万元 = 10000元）。
    示例：预算数 0.47、“需0.47万元”，通过；预算数 24、“2022年需12万元，2023年所需资金12万元”，不通过（12 ≠ 24
    ）。
    """
    for project, (this, other, plain) in zip(doc.projects, _splits(doc), strict=True):
        if not (this or plain):  # no figure of the budget year or of no year: nothing stated (most projects)
            continue
        budget = project_budget(project)  # 财政资金 + 其他资金 when 预算数 is unreadable
        if budget is None:
            continue
        stated: Figure | None = None
        what = "所需资金"
        if this and other:
            whole = [f for f in plain if judge(f, budget, doc.unit)[0] is Verdict.EQUAL]
            if len(this) == 1 and not whole:
                stated, what = this[0], f"按年度列示，{doc.budget_year}年所需资金"
        else:
            found = [f for f in this + plain if not _PART.search(f.label) and not _NOT_TOTAL.search(f.label)]
            totals = [f for f in found if _TOTAL.search(f.label)]
            single = found if len(this + plain) == 1 and found and _NEED.search(found[0].label) else []
            stated = totals[0] if len(totals) == 1 else single[0] if single else None
        if stated is None:
            continue
        verdict, note = judge(stated, budget, doc.unit)
        if verdict is not Verdict.EQUAL:
            yield Hit(
                message=f"项目“{project.name}”资金用途{what}{stated.raw}，预算数为{fmt(budget)}{doc.unit}"
                + (f"（{note}）" if note else ""),
                line=stated.line,
                project=project.name,
                column="预算数",
                expected=budget,
                actual=stated.amount(doc.unit),
                severity=Severity.INFO if note else None,
                hint="资金用途应说明本预算年度的资金需求，并与预算数一致。",
            )


@register(
    "NAR012",
    "purpose-items-sum",
    title="资金用途分项金额之和与预算数不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def purpose_items(doc: BudgetDocument) -> Iterator[Hit]:
    """资金用途中逐项列出的金额之和等于所述总额，未写总额时等于预算数。

    为什么：逐项列示却加不平，说明有项目漏列或录错。只计入以万元/元表示、不是比率（每…/单价）、且属于预算年度
    的金额；按年度拆分的情形归 NAR011。舍入：n 个列示的加数，容差 ⌊(n+1)/2⌋ × 0.01。
    有列举词的（“主要用于：A 10万元；B 20万元”“其中…”）按说明列举读取（checks/support/breakdowns.py，与 NAR024
    同一读法）：写了总额的与总额比，没写的与预算数比；同一项目列了两次也报告。每个列举一条问题。
    示例：预算数 10、“办公费6万元、印刷费4万元”，通过；“办公费6万元、印刷费3万元”，不通过（9 ≠ 10）；预算数 30、
    “主要用于：设备购置10万元；运维20万元”，通过。
    """
    lists: dict[str, list[Breakdown]] = {}
    for bd in breakdowns(doc):
        if bd.project is not None:
            lists.setdefault(bd.project.name, []).append(bd)
    for project, (this, other, plain) in zip(doc.projects, _splits(doc), strict=True):
        if project.name in lists:
            for bd in lists[project.name]:
                yield from hits(bd, doc.unit, f"项目“{project.name}”资金用途")
            continue
        if other or not (this or plain):  # split by year (NAR011), or no figure to add up
            continue
        budget = project_budget(project)  # 财政资金 + 其他资金 when 预算数 is unreadable
        if budget is None:
            continue
        found = this + plain
        totals = [f for f in found if _TOTAL.search(f.label) and not _PART.search(f.label)]
        parts = [f for f in found if f not in totals and not _NEED.search(f.label)]
        listed = all("。" not in p.lead for p in parts[1:])
        if len(parts) < 2 or len(totals) > 1 or not listed or any(_NOT_PART.search(f.label) for f in found):
            continue
        target, against = (
            (totals[0].amount(doc.unit), f"所述合计{totals[0].raw}")
            if totals
            else (budget, f"预算数{fmt(budget)}{doc.unit}")
        )
        total = sum((p.amount(doc.unit) for p in parts), Decimal(0))
        step = precision(doc.unit, *(f.unit for f in found))
        verdict = compare(target, total, len(parts), step)
        if verdict is not Verdict.EQUAL:
            rounding = verdict is Verdict.ROUNDING
            yield Hit(
                message=f"项目“{project.name}”资金用途列出{len(parts)}项金额，合计{fmt(total)}{doc.unit}，与{against}不符"
                + (f"（舍入差异：{rounding_note(len(parts), step, doc.unit)}）" if rounding else ""),
                line=parts[0].line,
                project=project.name,
                column="资金用途",
                expected=target,
                actual=total,
                severity=Severity.INFO if rounding else None,
                hint="核对分项金额是否遗漏或错写。",
            )
