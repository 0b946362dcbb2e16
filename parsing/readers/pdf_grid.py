"""One ruled grid's rows → the tables and title lines it really holds.

- **A title inside the grid.** A row whose only text is a table title (``2025年部门财政拨款收支预算总表``,
  ``…决算表（续）``) ends the table above it and starts a new one: the title, and a caption row right
  under it (``编制部门：… 单位：元``), become text lines, as if they were printed outside the grid.
- **Side-by-side column pairs.** A table whose first row repeats the same labels block after block
  (``经济分类科目编码 | 科目名称 | 决算数 | 经济分类科目编码 | 科目名称 | 决算数``) prints two (or more) tables next
  to each other: it is unfolded into rows of one block, the first block's rows (its total included) and
  then the next block's, under the header printed once. A first row of different labels per block (``本年收入 |
  本年支出`` above ``项目 | 预算数 | 项目 | 预算数``) is one table read across, and stays as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNIT_LINE = re.compile(r"单位\s*[:：]")
_TITLE = re.compile(r"^\S{0,30}?(?:预算|决算|收支|收入|支出|经费)\S{0,30}表\s*(?:[（(]\s*续\s*[）)]|续表)?$")
_CAPTION = re.compile(r"^(?:编制(?:部门|单位)|预算(?:主管)?(?:部门|单位)|部门名称|单位名称)\s*[:：]")
_SPACE = re.compile(r"\s+")
_CODE = re.compile(r"^\d{3,9}$")


@dataclass
class GridRow:
    cells: list[str]
    top: float
    bottom: float


@dataclass
class GridPiece:
    """A run of table rows, or (``text`` set) a title or caption line read out of its one row."""

    rows: list[GridRow]
    text: str = ""


def is_title(text: str) -> bool:
    """Whether ``text`` reads as a table title.

    >>> is_title("2025年部门财政拨款收支预算总表"), is_title("一般公共预算财政拨款基本支出决算表（续）")
    (True, True)
    >>> is_title("合计"), is_title("注：本表为空表"), is_title("91,016,775.35")
    (False, False, False)
    """
    text = _SPACE.sub("", text)
    return bool(_TITLE.match(text)) and not text.startswith(("注", "说明"))


def _only_text(row: GridRow) -> str | None:
    filled = [cell for cell in row.cells if cell.strip()]
    return filled[0] if len(filled) == 1 else None


def _caption(row: GridRow) -> str | None:
    text = " ".join(cell.strip() for cell in row.cells if cell.strip())
    return text if text and (UNIT_LINE.search(text) or _CAPTION.match(text)) else None


def split_grid(rows: list[GridRow]) -> list[GridPiece]:
    """Rows cut where a title row starts a new table; the title and its caption rows as text pieces.

    >>> rows = [GridRow(c, i, i + 1) for i, c in enumerate([["a", "1"], ["收支预算总表", ""], ["单位：元", ""], ["b", "2"]])]
    >>> [(p.text, [r.cells for r in p.rows]) for p in split_grid(rows)]
    [('', [['a', '1']]), ('收支预算总表', [['收支预算总表', '']]), ('单位：元', [['单位：元', '']]), ('', [['b', '2']])]
    """
    pieces: list[GridPiece] = []
    current: list[GridRow] = []
    after_title = False
    for row in rows:
        title = _only_text(row)
        caption = _caption(row) if after_title else None
        if title is not None and is_title(title):
            text = title.strip()
        elif caption is not None:
            text = caption
        else:
            current.append(row)
            after_title = False
            continue
        if current:
            pieces.append(GridPiece(current))
            current = []
        pieces.append(GridPiece([row], text))
        after_title = True
    if current:
        pieces.append(GridPiece(current))
    return pieces


def _key(cells: list[str]) -> tuple[str, ...]:
    return tuple(_SPACE.sub("", cell) for cell in cells)


def block_width(header: list[str]) -> int | None:
    """The width of the block the header row repeats (two or more times), or None.

    >>> block_width(["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"])
    3
    >>> block_width(["本年收入", "", "本年支出", ""]), block_width(["项目", "金额"])
    (None, None)
    """
    n = len(header)
    for width in range(2, n // 2 + 1):
        if n % width:
            continue
        blocks = [_key(header[start : start + width]) for start in range(0, n, width)]
        if sum(1 for cell in blocks[0] if cell) >= 2 and all(block == blocks[0] for block in blocks):
            return width
    return None


def unfold(rows: list[GridRow]) -> tuple[list[GridRow], int] | None:
    """Side-by-side blocks read one after the other (rows whose block is empty left out), with the block
    width; None when the table is not printed that way.

    >>> rows = [GridRow(c, 0, 1) for c in [["编码", "额", "编码", "额"], ["301", "5", "302", "2"], ["", "", "310", "1"]]]
    >>> got, width = unfold(rows)
    >>> [r.cells for r in got], width
    ([['编码', '额'], ['301', '5'], ['302', '2'], ['310', '1']], 2)
    >>> unfold([GridRow(c, 0, 1) for c in [["项目", "预算数", "项目", "预算数"], ["收入总计", "9", "支出总计", "9"]]])
    """
    if len(rows) < 2:
        return None
    width = block_width(rows[0].cells)
    if width is None or any(len(row.cells) != len(rows[0].cells) for row in rows):
        return None
    header = rows[0]
    firsts = [_key([row.cells[0]])[0] for row in rows[1:] if row.cells[0].strip()]
    coded = any(word in cell for cell in header.cells[:width] for word in ("编码", "代码"))
    if not coded and sum(1 for cell in firsts if _CODE.match(cell)) * 2 < max(len(firsts), 1):
        return None
    out = [GridRow(header.cells[:width], header.top, header.bottom)]
    for start in range(0, len(header.cells), width):
        for row in rows[1:]:
            cells = row.cells[start : start + width]
            if any(cell.strip() for cell in cells):
                out.append(GridRow(cells, row.top, row.bottom))
    return out, width
