"""Read quality of a standard table: a verdict on how far its cells can be trusted for sums and comparisons.

A table is read with confidence when its header was understood (value columns typed by label), its data cells
sit under typed columns, its numbers parse and a one-sided table with figures has its 合计 row (a table printed as side-by-side blocks:
each block's own 合计 row). Anything else is
a doubt: checks/ reports the table once ("表格读取不确定，未做勾稽") and keeps its cells out of the sums.
"""

from __future__ import annotations

import re

from parsing.model import BLANK_STATUSES, Amount, AmountStatus, Table

_UNTYPED = re.compile(r"^col\d+$")  # a header cell no column alias matched (parsing/tables.py)
_LABELS = frozenset({"seq", "code", "name", "code_class", "code_section", "code_item"})
TWO_SIDED = ("summary", "fiscal_summary")
INVALID_SHARE = 0.1  # more unreadable cells than this among the filled ones: the numbers did not parse
# Tables printed as side-by-side blocks (parsing/pairs.py) whose 合计 is printed per block, not once for the
# table: the 决算 基本支出决算表 ends its 人员经费 block with 人员经费合计 and its 公用经费 block with 公用经费合计.
BLOCK_TOTALS = {"final_general_basic": ("人员经费合计", "公用经费合计")}


def has_total(table: Table) -> bool:
    """Whether the table has its 合计 row (a table of blocks: every block's own 合计 row).

    >>> from parsing.model import Row
    >>> rows = [Row(line=1, name=n, kind="subtotal") for n in ("人员经费合计", "公用经费合计")]
    >>> has_total(Table(key="final_general_basic", title="", line=1, end_line=2, rows=rows))
    True
    >>> has_total(Table(key="final_general_basic", title="", line=1, end_line=2, rows=rows[:1]))
    False
    """
    if any(r.kind == "total" for r in table.rows):
        return True
    names = BLOCK_TOTALS.get(table.key)
    return bool(names) and all(any(r.name.replace(" ", "") == n for r in table.rows) for n in names)


def _stray_columns(values: list[dict[str, Amount]]) -> set[str]:
    """Untyped columns (no header label matched) with a filled cell in some row."""
    untyped = [key for key in set().union(*values) if _UNTYPED.match(key)]  # most tables: none
    return {
        key
        for key in untyped
        if any(key in cells and cells[key].status not in BLANK_STATUSES for cells in values)
    }


def table_doubts(table: Table) -> list[str]:
    """Why a table's reading is uncertain (Chinese, for the analyst); empty when it can be trusted.

    >>> from parsing.model import Column, Row, Amount
    >>> head = [Column(key="name", label="项目", index=0), Column(key="col1", label="", index=1)]
    >>> table_doubts(Table(key="summary", title="收支总表", line=1, end_line=2, columns=head))
    ['表头未能识别（没有可对应的金额列）', '未读出任何数据行，表头有1列无法识别']
    >>> row = Row(line=3, name="合计", kind="total", values={"total": Amount(raw="1", value=1, status="value")})
    >>> table_doubts(Table(key="expense", title="支出总表", line=1, end_line=3,
    ...     columns=[Column(key="total", label="合计", index=0)], rows=[row]))
    []
    """
    doubts: list[str] = []
    typed = [c for c in table.columns if c.key not in _LABELS and not _UNTYPED.match(c.key)]
    untyped = [c for c in table.columns if _UNTYPED.match(c.key)]
    if not typed:
        doubts.append("表头未能识别（没有可对应的金额列）")
    if not table.rows and untyped:
        doubts.append(f"未读出任何数据行，表头有{len(untyped)}列无法识别")
    values = [r.values for r in table.rows]
    # bulk list operations over the cells' statuses: a table has hundreds of cells
    statuses = [a.status for cells in values for a in cells.values()]
    invalid = statuses.count(AmountStatus.INVALID)
    filled = len(statuses) - sum(map(statuses.count, BLANK_STATUSES))
    has_values = AmountStatus.VALUE in statuses
    stray = _stray_columns(values)
    if stray:
        doubts.append(f"有{len(stray)}列数字无法对应表头")
    if invalid >= 2 and invalid > INVALID_SHARE * filled:
        doubts.append(f"{invalid}个单元格不是数字")
    if table.key not in TWO_SIDED and has_values and not has_total(table):
        doubts.append("未找到合计行")
    return doubts
