"""PDF pages → lines in the extracted-text format: what spans pages.

- Page furniture is removed: page-number lines (``12``, ``第 3 页``, ``- 3 -``, ``3 / 22``, ``Page 3 of
  22``; a bare number only in the top or bottom margin) and lines repeated at the same place in the top
  or bottom margin of most pages (running headers/footers; digits are ignored in the comparison).
- A table that ends its page continues on the next page when that page starts with a table of the same
  column count, or of fewer columns whose lines all fall on the table's own column lines (a page where
  only merged cells span the missing ones; its cells are put back in their columns), and about the same
  horizontal extent: its rows are appended to the same table, rows at
  its top that repeat the table's header rows (its leading rows without figures or codes) are dropped, and lines before it that only repeat
  the table's title (optionally with ``（续）``/``续表``) are dropped too.
- Lines of prose the right margin wrapped are joined again (:mod:`parsing.readers.pdf_reflow`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from parsing.readers.pdf_checks import PageProblem
from parsing.readers.pdf_page import UNIT_LINE, Line, Page, PageTable
from parsing.readers.pdf_reflow import Shape, page_edges, reflow, shape


@dataclass(frozen=True)
class PdfText:
    """Lines in the extracted-text format and, for each line, its 1-based PDF page.

    A blank row-separator line carries the page of the row it ends.
    """

    lines: list[str]
    pages: list[int]
    problems: tuple[PageProblem, ...] = ()  # blank and grid-only pages, glyphs without text (pdf_checks)


# A line that is only a page number ("12" is handled separately: only in the margins).
_PAGE_NUMBER = re.compile(
    r"^(?:第\s*\d+\s*页(?:\s*[,，/、]?\s*共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页"
    r"|[-—–－~～]\s*\d+\s*[-—–－~～]"
    r"|\d+\s*/\s*\d+"
    r"|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?)$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_CONTINUED = re.compile(r"[（(]\s*续\s*[）)]|续表\s*\d*")
_SPACE = re.compile(r"\s+")
# a whole cell that is an amount or a code (not a 1–2 digit 栏次 number): the table's header rows are over
_DATA_CELL = re.compile(r"^[-−(（]?(?:\d{3,}|\d[\d,，]*\.\d+|\d{1,3}(?:[,，]\d{3})+)[)）]?%?$")

MARGIN = 0.10  # top/bottom fraction of the page where running headers, footers and page numbers live
_MAX_HEADER_ROWS = 8


# --- Page furniture -------------------------------------------------------------------------------


def _in_margin(line: Line, page: Page) -> bool:
    return line.top < MARGIN * page.height or line.bottom > (1 - MARGIN) * page.height


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", _SPACE.sub("", text))


def remove_furniture(pages: list[Page]) -> None:
    """Drop page numbers and running headers/footers (same text, same place, most pages)."""
    spots: dict[str, list[tuple[int, float]]] = {}
    for page in pages:
        for item in page.items:
            if isinstance(item, Line) and _in_margin(item, page) and not UNIT_LINE.search(item.text):
                spots.setdefault(_furniture_key(item.text), []).append((page.number, item.top))
    needed = max(2, math.ceil(len(pages) / 2))
    running: set[tuple[str, int, float]] = set()
    for key, places in spots.items():
        if len({number for number, _ in places}) < needed:
            continue
        for number, top in places:
            same_place = {n for n, t in places if abs(t - top) <= 3}
            if len(same_place) >= needed:
                running.add((key, number, top))

    for page in pages:
        kept: list[Line | PageTable] = []
        for item in page.items:
            if isinstance(item, Line):
                text = _SPACE.sub(" ", item.text)
                if _PAGE_NUMBER.match(text):
                    continue
                if _in_margin(item, page) and (
                    _BARE_NUMBER.match(text) or (_furniture_key(text), page.number, item.top) in running
                ):
                    continue
            kept.append(item)
        page.items = kept


# --- Assembly and continuation --------------------------------------------------------------------


@dataclass
class _Open:
    """The table emitted last, while it may still continue on the next page."""

    table: PageTable
    page: int
    header: list[list[str]]
    titles: list[str]


def _row_key(row: list[str]) -> tuple[str, ...]:
    return tuple(_SPACE.sub("", cell) for cell in row)


def _title_key(text: str) -> str:
    return _SPACE.sub("", _CONTINUED.sub("", text))


def assemble_pages(pages: list[Page]) -> PdfText:
    lines: list[str] = []
    numbers: list[int] = []
    shapes: list[Shape | None] = []  # for each text line, where it ends (cells: None)
    edges = page_edges(pages)
    open_table: _Open | None = None
    recent: list[str] = []  # the last (up to 3) text lines since the last table: its title lines

    def emit_rows(rows: list[list[str]], number: int) -> None:
        for row in rows:
            for cell in row:
                lines.append("\t" + cell)
                numbers.append(number)
            lines.append("")
            numbers.append(number)
        shapes.extend([None] * (len(lines) - len(shapes)))

    for page in pages:
        items = page.items
        if open_table is not None and open_table.page == page.number - 1 and items:
            start = _continuation(open_table, items, page)
            if start is not None:
                table = items[start]
                assert isinstance(table, PageTable)
                rows = _fit_columns(table, open_table.table) or []
                rows = _drop_repeated_header(rows, open_table.header)
                emit_rows(rows, page.number)
                open_table.page = page.number
                items = items[start + 1 :]
        for item in items:
            if isinstance(item, Line):
                lines.append(item.text)
                numbers.append(page.number)
                shapes.append(shape(item, edges.get(page.number)))
                recent = [*recent[-2:], item.text]
                open_table = None
            else:
                emit_rows(item.rows, page.number)
                open_table = _Open(item, page.number, _header_rows(item.rows), recent)
                recent = []
        if items and isinstance(items[-1], Line):
            open_table = None
    return PdfText(*reflow(lines, numbers, shapes))


def _continuation(open_table: _Open, items: list[Line | PageTable], page: Page) -> int | None:
    """Index of the table in ``items`` that continues ``open_table`` (after repeated title lines), or None."""
    titles = {_title_key(t) for t in open_table.titles}
    start = 0
    while start < len(items) and isinstance(items[start], Line):
        key = _title_key(items[start].text)  # type: ignore[union-attr]
        if key and key not in titles:
            return None
        start += 1
    if start >= len(items):
        return None
    table = items[start]
    assert isinstance(table, PageTable)
    previous = open_table.table
    slack = 0.1 * page.width
    if (
        _fit_columns(table, previous) is None
        or abs(table.x0 - previous.x0) > slack
        or abs(table.x1 - previous.x1) > slack
    ):
        return None
    return start


_EDGE_SLACK = 2.0  # points: the same column line drawn on two pages


def _fit_columns(table: PageTable, previous: PageTable) -> list[list[str]] | None:
    """``table``'s rows laid on ``previous``'s columns, or None when the two grids differ.

    Same column count: the rows as they are. Fewer columns whose lines all fall on ``previous``'s lines:
    the lines of a merged cell's inner columns are simply not drawn on this page (no row here splits
    them), so each cell goes to the column where it starts and the columns it spans stay empty cells.

    >>> wide = PageTable([["a", "b", "c"]], 0, 10, 0, 90, (0, 30, 60, 90))
    >>> _fit_columns(PageTable([["x", "y"]], 0, 10, 0, 90, (0, 30, 90)), wide)
    [['x', 'y', '']]
    >>> _fit_columns(PageTable([["x", "y"]], 0, 10, 0, 90, (0, 45, 90)), wide) is None
    True
    """
    if table.columns == previous.columns:
        return table.rows
    if table.columns > previous.columns or len(table.edges) != table.columns + 1:
        return None
    if len(previous.edges) != previous.columns + 1:
        return None
    positions = []
    for edge in table.edges[:-1]:
        index = next((i for i, e in enumerate(previous.edges[:-1]) if abs(e - edge) <= _EDGE_SLACK), None)
        if index is None or (positions and index <= positions[-1]):
            return None
        positions.append(index)
    rows = []
    for row in table.rows:
        fitted = [""] * previous.columns
        for position, cell in zip(positions, row, strict=False):
            fitted[position] = cell
        rows.append(fitted)
    return rows


def _header_rows(rows: list[list[str]]) -> list[list[str]]:
    """The table's leading rows that hold no figure or code (titles of columns, 栏次), at most eight.

    >>> _header_rows([["项目", ""], ["类", "金额"], ["1", "2"], ["201", "3.00"], ["合计", "3.00"]])
    [['项目', ''], ['类', '金额'], ['1', '2']]
    """
    header = []
    for row in rows[:_MAX_HEADER_ROWS]:
        if any(_DATA_CELL.match(_SPACE.sub("", cell)) for cell in row):
            break
        header.append(row)
    return header


def _drop_repeated_header(rows: list[list[str]], header: list[list[str]]) -> list[list[str]]:
    """``rows`` without the leading rows that repeat header rows of the table (all of them, or only the
    lower ones: a continuation page may leave the top header row out).

    >>> _drop_repeated_header([["类", "金额"], ["201", "3.00"]], [["项目", ""], ["类", "金额"]])
    [['201', '3.00']]
    """
    keys = {_row_key(row) for row in header}
    k = 0
    while k < len(rows) and _row_key(rows[k]) in keys:
        k += 1
    return rows[k:]
