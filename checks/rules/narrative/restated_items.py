"""Narrative: one 编制说明/决算 item giving its own subject two different amounts."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.comparisons import comparisons, money, restated
from checks.support.statements import items
from parsing.model import BudgetDocument


@register(
    "NAR022",
    "item-two-amounts",
    title="同一科目在同一段说明中金额前后不一",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def item_two_amounts(doc: BudgetDocument) -> Iterator[Hit]:
    """一个说明项的标题金额与其作为本年数的复述（“YYYY年预算安排B”“支出决算为B”）一致。

    为什么：“‘住房保障支出（类）住房改革支出（款）住房公积金（项）’350.35万元…2024年预算安排352.67万元”在同一段
    里给了同一科目两个预算数，至多一个能与表格相符。该项还写了增减率时，问题说明会指出增减率与哪个金额相符。印到
    相同位数的两数必须相等，否则可相差各自舍入的半个单位之和。
    示例：标题320.17万元、“2024年预算安排320.17万元”通过；标题350.35万元、“2024年预算安排352.67万元”不通过。
    """
    for item in items(doc):
        pairs = restated(item, doc.unit)
        for heading, again in pairs:
            fits = ""
            for comp in comparisons(item):
                if comp.after is again and comp.before is not None and comp.claim.percent is not None:
                    base = money(comp.before, doc.unit)
                    if base > 0:
                        rate = (money(heading, doc.unit) - base) / base * 100
                        if abs(abs(rate) - comp.claim.percent) < Decimal(1).scaleb(-comp.claim.pdecimals):
                            fits = f"；所述“{comp.claim.text}”与标题金额{heading.value}相符，{again.value}疑为笔误"
            yield Hit(
                message=f"“{heading.shown_subject}”标题金额为{heading.value}{heading.unit or doc.unit}，同一段又称"
                f"“{again.text}”{fits}",
                line=again.line,
                row=heading.shown_subject,
                expected=money(heading, doc.unit),
                actual=money(again, doc.unit),
                hint="统一同一科目的金额，并以表格数为准。",
            )
