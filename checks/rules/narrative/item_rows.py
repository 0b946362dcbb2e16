"""Narrative vs tables: an unquoted 功能科目 item ("1、公共安全支出（204类）…（01项）", 决算 "支出决算为B") vs its row."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.comparisons import money
from checks.support.item_rows import item_rows
from checks.support.lookup import table_name
from checks.support.money import fmt
from checks.support.statements import items
from parsing.model import BudgetDocument


@register(
    "NAR023",
    "item-vs-row",
    title="说明所列科目金额与支出表该科目不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def item_vs_row(doc: BudgetDocument) -> Iterator[Hit]:
    """An item heading that names a 功能科目 without quotes gives the amount its table row gives.

    Why: "1、公共安全支出（204类）司法（06款）行政运行（01项）30.00万元" and a 决算 item's "支出决算为 54.53 万元"
    explain one table line each; a different amount leaves two figures for one subject. The subject resolves by
    its printed code ("（204类）…（06款）…（01项）", "2040601") or by its 类/款/项 names; its amount (the heading's,
    else the item's first "支出决算为/预算安排" figure) is compared with the row's 合计 in the 支出总表 or the
    一般公共预算支出表, at the rounding of the stated figure. Quoted Shanghai items are NAR014's; a subject no
    table lists is left to the subject-name checks.
    Example: "1、公共安全支出（204类）司法（06款）行政运行（01项）30.00万元" with 2040601 合计 30.00 passes; 35.00 fails.
    """
    quoted = {b.line for b in doc.budget_items}
    for item, found in zip(items(doc), item_rows(doc), strict=True):
        if item.lines[0] in quoted:
            continue
        if found is None or found.agrees:
            continue
        total = found.row.values["total"].number
        yield Hit(
            message=f"说明“{found.heading.shown_subject}”称{found.stated.text}，{table_name(doc.tables[found.key])}"
            f"“{found.code} {found.row.name}”合计为{fmt(total)}{doc.unit}",
            line=found.stated.line,
            table=found.key,
            row=f"{found.code} {found.row.name}",
            column="合计",
            expected=total,
            actual=money(found.stated, doc.unit),
            hint="以表格数为准更正说明，或核对表格。",
        )
