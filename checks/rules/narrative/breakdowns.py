"""Narrative: itemised lists of amounts under a total (其中… / 包括… / 主要用于… / 分别为…) and their sum."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.breakdowns import Breakdown, breakdowns, name, shown
from checks.support.money import Verdict, compare, convert, fmt, rounding_note, tolerance
from parsing.model import BudgetDocument


def judge(bd: Breakdown, unit: str) -> tuple[Verdict | None, str]:
    """The list against its total: None when it holds; else the verdict and what the message says of the sum.

    A complete list must equal the total (rounding-level within ⌊(n+1)/2⌋ steps); a partial one may fall short
    but not exceed it by more than that tolerance."""
    target, listed, step = bd.target(unit), bd.listed(unit), bd.step(unit)
    verdict = compare(target, listed, len(bd.parts), step)
    if verdict is Verdict.EQUAL or (not bd.complete and listed <= target + tolerance(len(bd.parts), step)):
        return None, ""
    return verdict, "超过" if listed > target and not bd.complete else "不等于"


def _plain(value: Decimal) -> Decimal:
    """Without trailing zeros or an exponent: 0.0100 -> 0.01, 100.00 -> 100.

    >>> _plain(Decimal("0.0100")), _plain(Decimal("100.00"))
    (Decimal('0.01'), Decimal('100'))
    """
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _printed(unit: str, bd: Breakdown) -> str:
    """The unit the total is printed in (the document's for a 预算数)."""
    return bd.total.unit if bd.total is not None and bd.total.unit else unit


def _shown(value: Decimal, unit: str, bd: Breakdown) -> str:
    """An amount in the unit the total is printed in."""
    return f"{fmt(convert(value, unit, _printed(unit, bd)))}{_printed(unit, bd)}"


def hits(bd: Breakdown, unit: str, where: str) -> Iterator[Hit]:
    """At most one finding for one breakdown: the sum against the total, and any item named twice."""
    verdict, relation = judge(bd, unit)
    repeated = bd.repeated()
    if verdict is None and not repeated:
        return
    names = "，".join(f"{shown(name(p))}{p.value}" for p in bd.parts)
    said: list[str] = []
    if verdict is not None:
        step = bd.step(unit)
        printed = _printed(unit, bd)
        note = (
            rounding_note(len(bd.parts), _plain(convert(step, unit, printed)), printed)
            if len(bd.parts) > 1
            else "只有一个加数，不设舍入容差"
        )
        kind = "舍入差异，" if verdict is Verdict.ROUNDING else ""
        said.append(
            f"所列{len(bd.parts)}项（{names}）合计{_shown(bd.listed(unit), unit, bd)}，{relation}"
            f"{bd.target_text(unit)}（{bd.reason}；{kind}{note}）"
        )
    if repeated:
        said.append("、".join(f"“{r}”" for r in repeated) + "在同一列举中出现两次")
    severity = None
    if verdict is None:
        severity = Severity.WARNING
    elif verdict is Verdict.ROUNDING and not repeated:
        severity = Severity.INFO
    yield Hit(
        message=f"{where}：" + "；".join(said),
        line=bd.line,
        row=name(bd.total) if bd.total is not None else "资金用途",
        project=bd.project.name if bd.project is not None else None,
        expected=bd.target(unit) if verdict is not None else None,
        actual=bd.listed(unit) if verdict is not None else None,
        severity=severity,
        hint="核对分项金额、是否漏列或重复列示，以及总额。",
    )


@register(
    "NAR024",
    "breakdown-sum",
    title="分项列举的金额之和与总额不符或有重复项",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def breakdown_sum(doc: BudgetDocument) -> Iterator[Hit]:
    """说明文字在一个总额后逐项列出的金额（其中/包括/主要用于/分别为…）之和与总额不符，或同一项目列了两次。

    为什么：逐项列示却加不平，说明漏列、多列或录错了一项，总额和分项不可能都对。是否列全按措辞判断：“包括”“主要
    用于”“分别为”、以“合计”收尾、以“其他…”收尾或列出基本/项目等全部组成的，分项之和须等于总额；“其中”的其他列举
    、只列一项或写“等”的，分项之和可以小于、但不能大于总额。容差按印出的位数：n 个加数各自舍入到 0.01，容差
    ⌊(n+1)/2⌋ × 0.01，舍入范围内的差异记为提示。项目资金用途中的列举归 NAR012；机关运行经费各项与基本支出表科目
    的核对归 NAR006。
    示例：“机关运行经费61.36万元，其中办公费9.18万元，…，其他支出21.48万元”合计 61.36，通过；“人员经费 1234.56
    万元，主要包括：基本工资 300 万元、津贴补贴 200 万元”，不通过（500 ≠ 1234.56）；“其中：办公费 10 万元、办公费
    5 万元”，报告“办公费”出现两次。
    """
    for bd in breakdowns(doc):
        if bd.project is None:
            yield from hits(bd, doc.unit, _where(doc, bd.item.lines[0] if bd.item.lines else None))


def _where(doc: BudgetDocument, line: int | None) -> str:
    """The section holding a line, for the message ("“机关运行经费安排情况”中的列举")."""
    for section in doc.sections:
        if line is not None and section.line <= line <= section.end_line:
            return f"“{section.title}”中的列举"
    return "说明中的列举"
