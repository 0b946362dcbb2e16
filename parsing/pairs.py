"""Side-by-side column blocks: one table printed as two (or more) tables next to each other, unfolded once.

A 决算 一般公共预算财政拨款基本支出决算表 prints 人员经费 and 公用经费 side by side: its header repeats the same
labels block after block (``经济分类科目编码 | 科目名称 | 决算数 | 经济分类科目编码 | 科目名称 | 决算数``). Read as
one table, it is the first block's rows (its own 合计 included) and then the next block's, under the header
printed once. A first row of different labels per block (``本年收入 | 本年支出`` above ``项目 | 预算数 | 项目 | 预算数``)
is one table read across, and stays as it is; so does a repeated header over rows that are not coded
(a 收支总表 printed ``项目 | 预算数 | 项目 | 预算数``).

This is the one place that unfolds: the PDF reader calls it on every ruled grid (parsing/readers/pdf_grid.py),
the table builder on the rows of a text or .docx table (parsing/tables.py); a table already unfolded has a
header that no longer repeats, so nothing is unfolded twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

_SPACE = re.compile(r"\s+")
_CODE = re.compile(r"^\d{3,9}$")
_CODED = ("编码", "代码")

T = TypeVar("T")


def _key(cells: Sequence[str]) -> tuple[str, ...]:
    return tuple(_SPACE.sub("", cell) for cell in cells)


def block_width(header: Sequence[str]) -> int | None:
    """The width of the block the header row repeats (two or more times), or None.

    >>> block_width(["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"])
    3
    >>> block_width(["本年收入", "", "本年支出", ""]), block_width(["项目", "金额"])
    (None, None)
    """
    return _block_width(tuple(header))


@lru_cache(maxsize=1 << 10)  # every table asks; headers repeat from table to table and document to document
def _block_width(header: tuple[str, ...]) -> int | None:
    n = len(header)
    for width in range(2, n // 2 + 1):
        if n % width:
            continue
        blocks = [_key(header[start : start + width]) for start in range(0, n, width)]
        if sum(1 for cell in blocks[0] if cell) >= 2 and all(block == blocks[0] for block in blocks):
            return width
    return None


def unfold_width(header: Sequence[str], firsts: Iterable[str]) -> int | None:
    """The block width to unfold a table at, or None: the header repeats and the table is coded (a 编码/代码
    label in the block, or classification codes in most of the first cells ``firsts`` of its rows, read only when
    the header repeats).

    >>> unfold_width(["编码", "额", "编码", "额"], ["301"]), unfold_width(["项目", "预算数", "项目", "预算数"], ["收入总计"])
    (2, None)
    """
    width = block_width(header)
    if width is None:
        return None
    coded = any(word in cell for cell in header[:width] for word in _CODED)
    firsts = [_SPACE.sub("", cell) for cell in firsts if cell.strip()]
    if not coded and sum(1 for cell in firsts if _CODE.match(cell)) * 2 < max(len(firsts), 1):
        return None
    return width


def unfold_rows(
    rows: Sequence[Sequence[T]], width: int, text: Callable[[T], str]
) -> list[tuple[int, list[T]]]:
    """Rows of blocks ``width`` wide read block after block: the first block's rows, then the next block's,
    each with the index of the row it came from; rows whose block is empty are left out (``text`` gives a
    cell's text).

    >>> unfold_rows([["301", "5", "302", "2"], ["", "", "310", "1"]], 2, str)
    [(0, ['301', '5']), (0, ['302', '2']), (1, ['310', '1'])]
    """
    total = max((len(row) for row in rows), default=0)
    out: list[tuple[int, list[T]]] = []
    for start in range(0, total, width):
        for index, row in enumerate(rows):
            cells = list(row[start : start + width])
            if any(text(cell).strip() for cell in cells):
                out.append((index, cells))
    return out
