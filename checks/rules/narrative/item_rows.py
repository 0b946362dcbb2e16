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
    """不带引号列出功能科目的说明项，其金额与该科目在支出表中的一行相符。

    为什么：“1、公共安全支出（204类）司法（06款）行政运行（01项）30.00万元”和决算说明中的“支出决算为 54.53 万元”
    各解释表中的一行；金额不同，同一科目就有了两个数。科目按所印编码（“（204类）…（06款）…（01项）”“2040601”）或
    类/款/项名称确定；金额（标题中的金额，否则该项第一个“支出决算为/预算安排”金额）按所写金额的舍入精度与支出总表或
    一般公共预算支出表该行的合计比较。上海式带引号的科目由 NAR014 检查；表中没有的科目留给科目名称检查。
    示例：“1、公共安全支出（204类）司法（06款）行政运行（01项）30.00万元”，2040601 合计 30.00，通过；合计 35.00，
    不通过。
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
