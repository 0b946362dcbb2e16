"""How a filled 政府采购预算表 is laid out: which column holds 合计, each fund, 数量, 单价 and 预留, and its rows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from checks.support.figures import cell_value, header_cell
from parsing.model import Cell, GenericTable
from parsing.tables import leaf_labels
from parsing.text import normalise_label

_FUNDS = ("一般公共预算", "基金", "国有资本", "财政专户", "单位资金", "上年结转")
_HEADER_WORDS = ("采购物品", "政府采购项目", "项目名称", "采购项目")


@dataclass(frozen=True)
class Layout:
    total: int  # 合计 column
    funds: tuple[int, ...]
    quantity: int | None
    price: int | None
    reserve: int | None  # 预留中小微企业份额
    rows: list[list[Cell]]  # data rows, full width
    labels: list[str]  # one header label per position


def read_layout(table: GenericTable) -> Layout | None:
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
    return Layout(total, funds, find("数量"), find("单价"), find("预留"), rows, labels)


def number_at(row: list[Cell], index: int | None) -> Decimal | None:
    if index is None or not row[index].text.strip():
        return None
    return cell_value(row[index].text)


def is_total(row: list[Cell]) -> bool:
    return any(normalise_label(c.text) in ("合计", "总计") for c in row[:2])


def row_name(row: list[Cell], layout: Layout) -> str:
    return next(
        (c.text.strip() for c in row[: layout.total] if c.text.strip() and cell_value(c.text) is None), ""
    )


def column_gaps(layout: Layout) -> dict[int, tuple[Decimal, Decimal, int]]:
    """Per summed column: (合计 row value, Σ item rows, non-zero addends), when the column can be read."""
    totals = [r for r in layout.rows if is_total(r)]
    items = [r for r in layout.rows if not is_total(r)]
    if len(totals) != 1 or not items:
        return {}
    out = {}
    for index in (layout.total, *layout.funds):
        stated = number_at(totals[0], index)
        values = [number_at(r, index) for r in items]
        if stated is None or any(
            v is None and r[index].text.strip() for v, r in zip(values, items, strict=True)
        ):
            continue
        parts = [v for v in values if v is not None]
        out[index] = (stated, sum(parts, Decimal(0)), max(1, sum(1 for v in parts if v)))
    return out
