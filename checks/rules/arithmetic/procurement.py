"""Arithmetic of a filled 政府采购预算表: fund columns, the 合计 row, 数量 × 单价, the SME share (§1.5)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.arithmetic import HINT_MISMATCH, REGULATION
from checks.rules.arithmetic.procurement_layout import (
    Layout,
    column_gaps,
    is_total,
    number_at,
    read_layout,
    row_name,
)
from checks.rules.arithmetic.table_sums import sum_hit
from checks.support.money import CENT, fmt
from checks.support.procurement import PROCUREMENT
from parsing.model import BudgetDocument
from parsing.text import normalise_label


def _fund_sums(
    layout: Layout, columns: dict[int, tuple[Decimal, Decimal, int]], explained: set[int]
) -> Iterator[Hit]:
    """Row 合计 = Σ funds; a fund cell that also breaks its column's 合计 by the same amount is the culprit."""
    for row in (r for r in layout.rows if not is_total(r)):
        total = number_at(row, layout.total)
        funds = {i: v for i in layout.funds if (v := number_at(row, i)) is not None}
        if total is None or not funds:
            continue
        summed = sum(funds.values(), Decimal(0))
        gap = total - summed
        if not gap:
            continue  # the row adds up: no culprit and no hit, so no name to read
        name = row_name(row, layout)
        culprit = next((i for i in funds if i in columns and columns[i][0] - columns[i][1] == gap), None)
        if culprit is not None:
            explained.add(culprit)
            label = normalise_label(layout.labels[culprit])
            yield Hit(
                message=f"{PROCUREMENT}“{name}”的{label}为 {fmt(funds[culprit])}，按该行合计与合计行均应为 "
                f"{fmt(funds[culprit] + gap)}，相差 {fmt(abs(gap))}",
                line=row[culprit].line,
                table=PROCUREMENT,
                row=name,
                column=label,
                expected=funds[culprit] + gap,
                actual=funds[culprit],
                hint=HINT_MISMATCH,
            )
            continue
        hit = sum_hit(
            f"{PROCUREMENT}“{name}”的合计为 {fmt(total)}，而各资金来源之和为 {fmt(summed)}",
            summed,
            total,
            max(1, sum(1 for v in funds.values() if v)),
            line=row[layout.total].line,
            table=PROCUREMENT,
            row=name,
            column="合计",
        )
        if hit:
            yield hit


def _column_totals(
    layout: Layout, columns: dict[int, tuple[Decimal, Decimal, int]], explained: set[int]
) -> Iterator[Hit]:
    totals = [r for r in layout.rows if is_total(r)]
    for index, (stated, summed, addends) in columns.items():
        if index in explained:
            continue
        hit = sum_hit(
            f"{PROCUREMENT}合计行{normalise_label(layout.labels[index])}为 {fmt(stated)}，"
            f"而各采购项目之和为 {fmt(summed)}",
            summed,
            stated,
            addends,
            line=totals[0][index].line,
            table=PROCUREMENT,
            row="合计",
            column=normalise_label(layout.labels[index]),
        )
        if hit:
            yield hit


def _quantity_times_price(layout: Layout) -> Iterator[Hit]:
    if layout.quantity is None or layout.price is None:
        return
    for row in (r for r in layout.rows if not is_total(r)):
        quantity, price, total = (number_at(row, i) for i in (layout.quantity, layout.price, layout.total))
        if not quantity or not price or total is None:
            continue
        product = quantity * price
        slack = CENT / 2 * quantity + CENT  # 单价 rounded to 0.01, 金额 rounded to 0.01
        readings = (product, product / 10000)  # 单价 in the table unit, or in 元 beside 万元 amounts
        if any(abs(r - total) <= slack for r in readings):
            continue
        name = row_name(row, layout)
        yield Hit(
            message=f"{PROCUREMENT}“{name}”数量 {fmt(quantity)} × 单价 {fmt(price)} = {fmt(product)}，"
            f"与金额合计 {fmt(total)} 不符（单价按同一单位或按元读均不符）",
            line=row[layout.price].line,
            table=PROCUREMENT,
            row=name,
            column="单价",
            expected=total,
            actual=product,
            severity=Severity.WARNING,
            hint="核对数量、单价与金额。",
        )


def _reserve_within_total(layout: Layout) -> Iterator[Hit]:
    for row in layout.rows:
        reserve, total = number_at(row, layout.reserve), number_at(row, layout.total)
        if reserve is not None and total is not None and reserve > total:
            name = row_name(row, layout) or "合计"
            yield Hit(
                message=f"{PROCUREMENT}“{name}”预留中小微企业份额 {fmt(reserve)} 大于其金额合计 {fmt(total)}",
                line=row[layout.reserve].line,  # type: ignore[index]
                table=PROCUREMENT,
                row=name,
                column="预留中小微企业份额",
                expected=total,
                actual=reserve,
                hint="预留份额是采购金额的一部分，不能大于金额。",
            )


@register(
    "ARI010",
    "procurement-table-sums",
    title="政府采购预算表金额不平",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def procurement_table_sums(doc: BudgetDocument) -> Iterator[Hit]:
    """已填写的政府采购预算表中：每行合计 = 各资金栏之和；合计行 = 各明细行之和；数量 × 单价 = 金额（单价按表
    内单位或按元）；预留中小微企业份额 ≤ 金额。

    为什么：采购表是政府采购说明和拟购置固定资产说明所依据的清单，表内自身的求和首先要成立。单价常以元列示而金
    额以万元列示，因此两种读法都试过后才报告。
    示例：台式计算机 6 台 × 0.30 = 1.80，合计 1.80 = 一般公共预算拨款 1.80，通过；合计 18.00 而一般公共预算拨
    款 16.00，不通过。
    """
    layout = read_layout(doc.procurement) if doc.procurement else None
    if layout is None or not layout.rows:
        return
    columns, explained = column_gaps(layout), set[int]()
    yield from _fund_sums(layout, columns, explained)
    yield from _column_totals(layout, columns, explained)
    yield from _quantity_times_price(layout)
    yield from _reserve_within_total(layout)
