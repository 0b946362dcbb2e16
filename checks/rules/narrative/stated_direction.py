"""Narrative: a stated direction (增加/减少/持平, 决算数大于/小于预算数) vs the two figures it compares."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.comparisons import half_step, judged, money
from checks.support.statements import Statement
from parsing.model import BudgetDocument


def _slack(after: Statement, before: Statement, unit: str) -> Decimal:
    """How far apart two printed figures may be and still be one amount: nothing when both are printed to the
    same digits (rounding keeps their order), else their two half-steps."""
    if after.decimals == before.decimals and after.unit == before.unit:
        return Decimal(0)
    return half_step(after, unit) + half_step(before, unit)


def _sign(diff: Decimal, slack: Decimal) -> int:
    return 0 if abs(diff) <= slack else (1 if diff > 0 else -1)


_WORDS = {1: "增加", -1: "减少", 0: "持平"}
_VERDICT = {1: "大于", -1: "小于", 0: "等于"}


@register(
    "NAR020",
    "stated-direction",
    title="增减方向与所述前后两数不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def stated_direction(doc: BudgetDocument) -> Iterator[Hit]:
    """所述增减方向（增加/减少/持平，决算数大于/小于/等于预算数）与其比较的前后两数一致。

    为什么：“2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数增加57.14%”告诉读者的
    与旁边的数字正相反。前数 A、后数 B 从同一段中以任何措辞读取（执行数/预算数/年初预算/全年预算为 A；预算安排/支出
    决算为 B）；两数在各自印刷精度的舍入范围内相等时视为持平。
    示例：“年初预算为42.73万元，支出决算为40.35万元…决算数小于预算数”通过；“…决算数大于预算数”不通过。
    """
    for comp in judged(doc):
        claim = comp.claim
        if claim.kind == "completion" or comp.before is None:
            continue
        after = money(comp.after, doc.unit)
        bases = (comp.before, *comp.others)
        actual = [_sign(after - money(b, doc.unit), _slack(comp.after, b, doc.unit)) for b in bases]
        if claim.sign in actual:
            continue
        words = _VERDICT if claim.kind == "verdict" else _WORDS
        yield Hit(
            message=f"说明称“{claim.text}”，而同一段所述{comp.before.text}、{comp.after.text}，"
            f"按两数应为{words[actual[0]]}",
            line=claim.line,
            row=comp.after.subject or None,
            expected=after - money(comp.before, doc.unit),
            actual=None,
            hint="核对增减方向用词与前后两个金额。",
        )
