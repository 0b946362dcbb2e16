"""Narrative: a stated rate (增减率, 完成率, 占比) or change amount vs the two figures it comes from, in any phrasing."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.comparisons import Comparison, Share, half_step, judged, money, shares
from checks.support.money import fmt
from checks.support.statements import items
from parsing.model import BudgetDocument

_HUNDRED = Decimal(100)


def _percent_hit(comp: Comparison, doc: BudgetDocument) -> Hit | None:
    claim, unit = comp.claim, doc.unit
    base, after = comp.base(unit), money(comp.after, unit)
    if claim.percent is None:
        return None
    hb = (
        half_step(comp.before, unit)
        if comp.before
        else half_step(comp.claim, unit) + half_step(comp.after, unit)
    )
    ha = half_step(comp.after, unit)
    if base <= 0:
        if claim.kind == "completion" and after and comp.before is not None:
            return Hit(
                message=f"说明称“{claim.text}”，但所述{comp.before.text}，完成率无从计算",
                line=claim.line,
                actual=claim.percent,
                hint="核对完成率所对应的预算数（年初预算或全年预算）。",
            )
        return None  # a change from 0 has no rate: "增长100%" for a new item is a convention
    if claim.kind == "completion":
        computed = after / base * _HUNDRED
        what = "完成率"
    else:
        computed = abs(after - base) / base * _HUNDRED
        what = "增减率"
    # Half a unit of the stated %, plus what rounding A and B to their printed digits can move it.
    spread = _HUNDRED * (
        ha / base + hb * (after if claim.kind == "completion" else max(after, base)) / base / base
    )
    unit_step = Decimal(1).scaleb(-claim.pdecimals)
    gap = abs(computed - claim.percent)
    if gap <= unit_step / 2 + spread:
        return None
    rounding = gap <= unit_step + spread
    shown = computed.quantize(Decimal("0.01"))
    source = f"{comp.before.text}、{comp.after.text}" if comp.before else f"{comp.after.text}与{claim.text}"
    return Hit(
        message=f"说明称“{claim.text}”，按同一段所述{source}计算{what}为{shown}%"
        + _truncated(rounding, unit_step),
        line=claim.line,
        expected=shown,
        actual=claim.percent,
        severity=Severity.INFO if rounding else None,
        hint="核对百分比与前后两个金额。",
    )


def _truncated(rounding: bool, step: Decimal) -> str:
    """The note a gap under one printed unit carries (info, not error)."""
    return (
        f"（相差不到一个末位单位，似为截尾而非四舍五入，容差{step / 2}%加金额舍入影响）" if rounding else ""
    )


def _amount_hit(comp: Comparison, doc: BudgetDocument) -> Hit | None:
    claim, unit = comp.claim, doc.unit
    if claim.kind != "change" or claim.value is None or comp.before is None:
        return None
    diff = abs(money(comp.after, unit) - money(comp.before, unit))
    slack = half_step(claim, unit) + half_step(comp.after, unit) + half_step(comp.before, unit)
    if abs(diff - money(claim, unit)) <= slack:
        return None
    return Hit(
        message=f"说明称“{claim.text}”，按同一段所述{comp.before.text}、{comp.after.text}计算增减额为"
        f"{fmt(diff)}{unit}（容差为三数各自末位舍入之和{fmt(slack)}{unit}）",
        line=claim.line,
        expected=diff,
        actual=money(claim, unit),
        hint="核对增减额与前后两个金额。",
    )


@register(
    "NAR021",
    "stated-rate",
    title="增减率、完成率或增减额与所述前后两数不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def stated_rate(doc: BudgetDocument) -> Iterator[Hit]:
    """所述增减率、完成率或增减额等于旁边两数算出的值：(B − A) / A、B / A、B − A。

    为什么：比率和两个金额是同一笔算术印了两遍；与两数不符的比率是打错了或从别处抄来的。A 为同一段的执行数/年初
    预算/全年预算（只写了本年数和“增加Δ，增长p%”时取 B − Δ）。容差：所印百分比末位的一半，加上 A、B 按所印位数舍入
    可能带来的影响；相差不到一个末位单位记为提示（截尾而非四舍五入）。从 0 起的变化不判断（新增项目按惯例写“增长
    100%”）；方向词由 NAR020 检查。
    示例：“年初预算为452.40万元，支出决算为446.11万元，完成年初预算的98.61%”通过；“…的96.61%”不通过。
    """
    for comp in judged(doc):
        hit = _percent_hit(comp, doc) or _amount_hit(comp, doc)
        if hit is not None:
            yield hit
    for share in shares(items(doc), doc.unit):
        hit = _share_hit(share, doc.unit)
        if hit is not None:
            yield hit


def _share_hit(share: Share, unit: str) -> Hit | None:
    claim, part = share.claim, money(share.part, unit)
    if not share.whole or claim.percent is None:
        return None
    computed = part / share.whole * _HUNDRED
    spread = _HUNDRED * (half_step(share.part, unit) / share.whole + share.whole_half * part / share.whole**2)
    step, gap = Decimal(1).scaleb(-claim.pdecimals), abs(computed - claim.percent)
    if gap <= step / 2 + spread or (share.listed == 100 and gap <= step + spread):
        return None  # shares nudged by one unit so that the list adds up to 100%: accepted practice
    rounding = gap <= step + spread
    shown = computed.quantize(Decimal("0.01"))
    return Hit(
        message=f"说明称{share.part.subject}{share.part.text}“{claim.text}”，按{share.whole_text}计算占比为{shown}%"
        + _truncated(rounding, step),
        line=claim.line,
        expected=shown,
        actual=claim.percent,
        severity=Severity.INFO if rounding else None,
        hint="核对占比与所列金额。",
    )
