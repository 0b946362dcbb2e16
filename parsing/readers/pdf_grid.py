"""One ruled grid's rows → the tables and title lines it really holds.

- **A title inside the grid.** A row whose only text is a table title (``2025年部门财政拨款收支预算总表``,
  ``…决算表（续）``) ends the table above it and starts a new one: the title, and a caption row right
  under it (``编制部门：… 单位：元``), become text lines, as if they were printed outside the grid.
- **Side-by-side column pairs.** A table whose first row repeats the same labels block after block prints two
  (or more) tables next to each other: it is unfolded by :mod:`parsing.pairs` (the one place that unfolds),
  so that the page's column positions can be kept for the first block only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from parsing.pairs import unfold_rows, unfold_width

UNIT_LINE = re.compile(r"单位\s*[:：]")
_TITLE = re.compile(r"^\S{0,30}?(?:预算|决算|收支|收入|支出|经费)\S{0,30}表\s*(?:[（(]\s*续\s*[）)]|续表)?$")
_CAPTION = re.compile(r"^(?:编制(?:部门|单位)|预算(?:主管)?(?:部门|单位)|部门名称|单位名称)\s*[:：]")
_SPACE = re.compile(r"\s+")


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


def unfold(rows: list[GridRow]) -> tuple[list[GridRow], int] | None:
    """Side-by-side blocks read one after the other (:mod:`parsing.pairs`), with the block width; None when
    the table is not printed that way.

    >>> rows = [GridRow(c, 0, 1) for c in [["编码", "额", "编码", "额"], ["301", "5", "302", "2"], ["", "", "310", "1"]]]
    >>> got, width = unfold(rows)
    >>> [r.cells for r in got], width
    ([['编码', '额'], ['301', '5'], ['302', '2'], ['310', '1']], 2)
    >>> unfold([GridRow(c, 0, 1) for c in [["项目", "预算数", "项目", "预算数"], ["收入总计", "9", "支出总计", "9"]]])
    """
    if len(rows) < 2 or any(len(row.cells) != len(rows[0].cells) for row in rows):
        return None
    header, body = rows[0], rows[1:]
    width = unfold_width(header.cells, [row.cells[0] for row in body])
    if width is None:
        return None
    out = [GridRow(header.cells[:width], header.top, header.bottom)]
    for index, cells in unfold_rows([row.cells for row in body], width, str):
        out.append(GridRow(cells, body[index].top, body[index].bottom))
    return out, width


def extract_cells(table: Any) -> list[list[str | None]]:
    """``table.extract()`` of pdfplumber (default settings), faster: the page's chars inside the table are
    sorted by their vertical middle once, and each row takes its chars by bisection instead of testing every
    char of the page. Same cells: the same half-open boxes decide, and a row's chars keep the page's order."""
    from pdfplumber.utils import extract_text

    x0, top, x1, bottom = table.bbox
    spots = []
    for index, char in enumerate(table.page.chars):
        v_mid = (char["top"] + char["bottom"]) / 2
        h_mid = (char["x0"] + char["x1"]) / 2
        if x0 <= h_mid < x1 and top <= v_mid < bottom:
            spots.append((v_mid, index, h_mid, char))
    spots.sort(key=itemgetter(0, 1))
    middles = [spot[0] for spot in spots]
    rows: list[list[str | None]] = []
    for row in table.rows:
        left, row_top, right, row_bottom = row.bbox
        picked = spots[bisect_left(middles, row_top) : bisect_left(middles, row_bottom)]
        row_chars = [spot for spot in picked if left <= spot[2] < right]
        row_chars.sort(key=itemgetter(1))
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            c_left, c_top, c_right, c_bottom = cell
            inside = [s[3] for s in row_chars if c_left <= s[2] < c_right and c_top <= s[0] < c_bottom]
            cells.append(extract_text(inside) if inside else "")
        rows.append(cells)
    return rows
