"""Arithmetic of a filled 政府采购预算表: fund columns, the 合计 row, 数量 × 单价, the SME share (§1.5)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.arithmetic import HINT_MISMATCH, REGULATION
from checks.rules.arithmetic.table_sums import sum_hit
from checks.support.figures import cell_value, header_cell
from checks.support.money import CENT, fmt
from checks.support.procurement import PROCUREMENT
from parsing.model import BudgetDocument, Cell, GenericTable
from parsing.tables import leaf_labels
from parsing.text import normalise_label

_FUNDS = ("一般公共预算", "基金", "国有资本", "财政专户", "单位资金", "上年结转")
_HEADER_WORDS = ("采购物品", "政府采购项目", "项目名称", "采购项目")


@dataclass(frozen=True)
class _Layout:
    total: int  # 合计 column
    funds: tuple[int, ...]
    quantity: int | None
    price: int | None
    reserve: int | None  # 预留中小微企业份额
    rows: list[list[Cell]]  # data rows, full width
    labels: list[str]  # one header label per position


def _layout(table: GenericTable) -> _Layout | None:
    """Column positions of the 合计, fund, 数量, 单价 and 预留 columns, and the full-width data rows."""
    head = header_cell(table, "合计")
    if head is None:
        return None
    texts = [[normalise_label(c.text) for c in row] for row in table.rows]
    first = next(
        (i for i, row in enumerate(texts) if any(w in t for t in row for w in _HEADER_WORDS)), head[0]
    )
    width = len(texts[head[0]])
    labels = leaf_labels(texts[first : head[0] + 1], width)
    total = labels.index("合计") if "合计" in labels else head[1]
    funds = tuple(i for i, label in enumerate(labels) if i > total and any(w in label for w in _FUNDS))

    def find(word: str) -> int | None:
        return next((i for i, label in enumerate(labels) if word in label), None)

    rows = [r for r in table.rows[head[0] + 1 :] if len(r) == width and any(c.text.strip() for c in r)]
    return _Layout(total, funds, find("数量"), find("单价"), find("预留"), rows, labels)


def _value(row: list[Cell], index: int | None) -> Decimal | None:
    if index is None or not row[index].text.strip():
        return None
    return cell_value(row[index].text)


def _is_total(row: list[Cell]) -> bool:
    return any(normalise_label(c.text) in ("合计", "总计") for c in row[:2])


def _row_name(row: list[Cell], layout: _Layout) -> str:
    return next(
        (c.text.strip() for c in row[: layout.total] if c.text.strip() and cell_value(c.text) is None), ""
    )


def _column_gaps(layout: _Layout) -> dict[int, tuple[Decimal, Decimal, int]]:
    """Per summed column: (合计 row value, Σ item rows, non-zero addends), when the column can be read."""
    totals = [r for r in layout.rows if _is_total(r)]
    items = [r for r in layout.rows if not _is_total(r)]
    if len(totals) != 1 or not items:
        return {}
    out = {}
    for index in (layout.total, *layout.funds):
        stated = _value(totals[0], index)
        values = [_value(r, index) for r in items]
        if stated is None or any(
            v is None and r[index].text.strip() for v, r in zip(values, items, strict=True)
        ):
            continue
        parts = [v for v in values if v is not None]
        out[index] = (stated, sum(parts, Decimal(0)), max(1, sum(1 for v in parts if v)))
    return out


def _fund_sums(
    layout: _Layout, columns: dict[int, tuple[Decimal, Decimal, int]], explained: set[int]
) -> Iterator[Hit]:
    """Row 合计 = Σ funds; a fund cell that also breaks its column's 合计 by the same amount is the culprit."""
    for row in (r for r in layout.rows if not _is_total(r)):
        total = _value(row, layout.total)
        funds = {i: v for i in layout.funds if (v := _value(row, i)) is not None}
        if total is None or not funds:
            continue
        summed = sum(funds.values(), Decimal(0))
        gap = total - summed
        if not gap:
            continue  # the row adds up: no culprit and no hit, so no name to read
        name = _row_name(row, layout)
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
    layout: _Layout, columns: dict[int, tuple[Decimal, Decimal, int]], explained: set[int]
) -> Iterator[Hit]:
    totals = [r for r in layout.rows if _is_total(r)]
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


def _quantity_times_price(layout: _Layout) -> Iterator[Hit]:
    if layout.quantity is None or layout.price is None:
        return
    for row in (r for r in layout.rows if not _is_total(r)):
        quantity, price, total = (_value(row, i) for i in (layout.quantity, layout.price, layout.total))
        if not quantity or not price or total is None:
            continue
        product = quantity * price
        slack = CENT / 2 * quantity + CENT  # 单价 rounded to 0.01, 金额 rounded to 0.01
        readings = (product, product / 10000)  # 单价 in the table unit, or in 元 beside 万元 amounts
        if any(abs(r - total) <= slack for r in readings):
            continue
        name = _row_name(row, layout)
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


def _reserve_within_total(layout: _Layout) -> Iterator[Hit]:
    for row in layout.rows:
        reserve, total = _value(row, layout.reserve), _value(row, layout.total)
        if reserve is not None and total is not None and reserve > total:
            name = _row_name(row, layout) or "合计"
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
    layout = _layout(doc.procurement) if doc.procurement else None
    if layout is None or not layout.rows:
        return
    columns, explained = _column_gaps(layout), set[int]()
    yield from _fund_sums(layout, columns, explained)
    yield from _column_totals(layout, columns, explained)
    yield from _quantity_times_price(layout)
    yield from _reserve_within_total(layout)
