"""PDF reading: (file name, bytes) → lines in the extracted-text format, with the page of every line.

Built on pdfplumber (pdfminer.six). Per page, in reading order (top to bottom):

- Glyphs drawn twice to fake bold are deduplicated first (as ``page.dedupe_chars()`` does).
- Tables are found with pdfplumber's default lattice settings (ruling lines and rectangles). A grid with
  fewer than two columns (a boxed paragraph, a framed table of contents) is not a table: its text stays
  ordinary lines. Only when the lattice finds no table and the page really looks tabular (at least three
  consecutive lines made of widely spaced segments, most of them with an amount) is the ruling-less
  ``"text"`` strategy tried, on that band of the page only; narrative pages therefore stay paragraphs.
- A table row gives one ``"\\t" + cell`` line per cell (a merged cell's continuation, ``None``, gives an
  empty cell ``"\\t"``), then one blank line; rows whose cells are all empty are left out. A line break
  inside a cell (a wrapped label or number) is removed, except between two Latin letters where it becomes
  a space.
- Text outside the tables gives one line per visual line.

Across pages:

- Page furniture is removed: page-number lines (``12``, ``第 3 页``, ``- 3 -``, ``3 / 22``, ``Page 3 of
  22``; a bare number only in the top or bottom margin) and lines repeated at the same place in the top
  or bottom margin of most pages (running headers/footers; digits are ignored in the comparison).
- A table that ends its page continues on the next page when that page starts with a table of the same
  column count, or of fewer columns whose lines all fall on the table's own column lines (a page where
  only merged cells span the missing ones; its cells are put back in their columns), and about the same
  horizontal extent: its rows are appended to the same table, rows at
  its top that repeat the table's first (header) rows are dropped, and lines before it that only repeat
  the table's title (optionally with ``（续）``/``续表``) are dropped too.

Every failure raises :class:`~parsing.errors.ParseError` naming the file: encrypted, corrupt or truncated,
no pages, too many pages, or no extractable text (scans, fonts without a Unicode mapping: no OCR is done).
"""

from __future__ import annotations

import io
import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from parsing.errors import ParseError

__all__ = ["PdfText", "pdf_lines"]


@dataclass(frozen=True)
class PdfText:
    """Lines in the extracted-text format and, for each line, its 1-based PDF page.

    A blank row-separator line carries the page of the row it ends.
    """

    lines: list[str]
    pages: list[int]


_REASONS: dict[str, tuple[str, str]] = {
    "encrypted": ("PDF 已加密，请上传未加密的文件", "the PDF is encrypted (password protected)"),
    "corrupt": ("PDF 文件已损坏或不完整", "the PDF is corrupt or truncated"),
    "no_pages": ("PDF 没有页面", "the PDF has no pages"),
    "no_text": (
        "PDF 中没有可提取的文字（可能是扫描件或字体未嵌入 Unicode 映射），本工具不做 OCR",
        "no extractable text (scanned or fonts without ToUnicode); OCR is not supported",
    ),
    "memory": ("PDF 过大，内存不足", "out of memory while reading the PDF"),
}

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
_AMOUNT = re.compile(r"^[-−(（]?\d[\d,，]*(?:\.\d+)?[)）]?%?$")
_CID = re.compile(r"\(cid:\d+\)")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_LATIN_BREAK = re.compile(r"(?<=[A-Za-z])\n(?=[A-Za-z])")
_CONTINUED = re.compile(r"[（(]\s*续\s*[）)]|续表\s*\d*")
_UNIT_LINE = re.compile(r"单位\s*[:：]")
_SPACE = re.compile(r"\s+")

MARGIN = 0.10  # top/bottom fraction of the page where running headers, footers and page numbers live
_MAX_HEADER_ROWS = 8


@dataclass
class _Line:
    text: str
    top: float
    bottom: float


@dataclass
class _Table:
    rows: list[list[str]]
    top: float
    bottom: float
    x0: float
    x1: float
    edges: tuple[float, ...] = ()  # the columns' left ends, then the table's right end

    @property
    def columns(self) -> int:
        return max((len(row) for row in self.rows), default=0)


@dataclass
class _Page:
    number: int
    width: float
    height: float
    items: list[_Line | _Table] = field(default_factory=list)


def pdf_lines(file_name: str, data: bytes, max_pages: int = 500) -> PdfText:
    """Read a PDF into extracted-text lines and their page numbers. Raises ParseError only.

    >>> pdf_lines("x.pdf", b"%PDF-1.4 garbage")
    Traceback (most recent call last):
    parsing.errors.ParseError: x.pdf：无法读取——PDF 文件已损坏或不完整 / cannot read: the PDF is corrupt or truncated
    """
    page_number = 0

    def on_page(number: int) -> None:
        nonlocal page_number
        page_number = number

    try:
        return _pdf_lines(file_name, bytes(data), max_pages, on_page)
    except ParseError:
        raise
    except MemoryError:
        raise _error(file_name, "memory") from None
    except RecursionError:
        raise _error(file_name, "corrupt") from None
    except Exception as exc:
        if _is_encryption_error(exc):
            raise _error(file_name, "encrypted") from exc
        if page_number:
            zh, en = _REASONS["corrupt"]
            raise ParseError(
                file_name,
                f"{zh}（第 {page_number} 页无法解析：{type(exc).__name__}）",
                f"{en} (page {page_number} cannot be parsed: {type(exc).__name__})",
            ) from exc
        raise _error(file_name, "corrupt") from exc


def _error(file_name: str, key: str) -> ParseError:
    return ParseError(file_name, *_REASONS[key])


def _is_encryption_error(exc: BaseException) -> bool:
    """Whether ``exc`` (or what it wraps: pdfplumber's PdfminerException, causes) is pdfminer's encryption error."""
    from pdfminer.pdfdocument import PDFEncryptionError

    seen: set[int] = set()
    todo: list[object] = [exc]
    while todo:
        item = todo.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, PDFEncryptionError):
            return True
        todo.extend([*item.args, item.__cause__, item.__context__])
    return False


def _pdf_lines(file_name: str, data: bytes, max_pages: int, on_page: Callable[[int], None]) -> PdfText:
    import pdfplumber

    if b"%PDF" not in data[:1024]:
        raise _error(file_name, "corrupt")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
        if count == 0:
            raise _error(file_name, "no_pages")
        if count > max_pages:
            raise ParseError(
                file_name,
                f"PDF 页数过多（{count} 页），上限为 {max_pages} 页",
                f"too many pages ({count}), the limit is {max_pages}",
            )
        pages: list[_Page] = []
        visible = cids = 0
        for number, page in enumerate(pdf.pages, 1):
            on_page(number)
            content, page_visible, page_cids = _read_page(page, number)
            visible += page_visible
            cids += page_cids
            pages.append(content)
            page.close()  # drop pdfplumber's per-page caches
        on_page(0)
    readable = visible - cids
    if cids * 2 > visible or readable < max(20, 5 * count):
        raise _error(file_name, "no_text")
    _remove_furniture(pages)
    return _assemble(pages)


# --- One page -------------------------------------------------------------------------------------


def _read_page(page: Any, number: int) -> tuple[_Page, int, int]:
    """The page's text lines and tables (sorted top to bottom), its visible and ``(cid:N)`` glyph counts."""
    page = _dedupe_chars(page)
    chars = page.chars
    visible = sum(1 for ch in chars if ch["text"].strip())
    cids = sum(1 for ch in chars if ch["text"].startswith("(cid:"))
    result = _Page(number, float(page.width), float(page.height))
    if not visible:
        return result, 0, 0

    found = [t for t in (_table(raw) for raw in page.find_tables()) if t is not None]
    if not found:
        found = list(_ruling_less_tables(page))
    boxes = [(t.x0, t.top, t.x1, t.bottom) for t in found]
    text_page = page.filter(lambda obj: not _inside_any(obj, boxes)) if boxes else page
    lines = []
    for raw in text_page.extract_text_lines(strip=True, return_chars=False):
        text = _clean(raw["text"])
        if text:
            lines.append(_Line(text, float(raw["top"]), float(raw["bottom"])))
    result.items = sorted([*lines, *found], key=lambda item: item.top)
    return result, visible, cids


_DEDUPE_KEY = itemgetter("upright", "text", "fontname", "size")


def _dedupe_chars(page: Any) -> Any:
    """``page.dedupe_chars()`` without its quadratic step (it restores the order with ``chars.index``).

    Same glyphs kept: per text, font and size, chars within 1 pt of each other vertically and then
    horizontally are one glyph, the first topmost-leftmost of them. Filtering keeps the page's order.
    """
    groups: dict[tuple, list[tuple[int, dict]]] = {}
    for index, char in enumerate(page.chars):
        groups.setdefault(_DEDUPE_KEY(char), []).append((index, char))
    kept: set[int] = set()
    for same in groups.values():
        for line in _chains(same, "doctop"):
            for spot in _chains(line, "x0"):
                _, first = min(spot, key=lambda item: (item[1]["doctop"], item[1]["x0"], item[0]))
                kept.add(id(first))
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in kept)


def _chains(items: list[tuple[int, dict]], attr: str) -> list[list[tuple[int, dict]]]:
    """``(index, char)`` items clustered like pdfplumber's ``cluster_objects`` with tolerance 1:
    sorted by ``attr``, a new cluster wherever the next value is more than 1 above the previous one.

    >>> chars = [(0, {"x0": 5.0}), (1, {"x0": 0.0}), (2, {"x0": 0.8}), (3, {"x0": 1.7})]
    >>> [[index for index, _ in cluster] for cluster in _chains(chars, "x0")]
    [[1, 2, 3], [0]]
    """
    if len(items) == 1:
        return [items]
    ordered = sorted(items, key=lambda item: item[1][attr])
    clusters = [[ordered[0]]]
    for previous, item in itertools.pairwise(ordered):
        if item[1][attr] > previous[1][attr] + 1:
            clusters.append([])
        clusters[-1].append(item)
    return clusters


def _table(raw: Any) -> _Table | None:
    """A pdfplumber table as cleaned rows, or None when it is not a real table (< 2 columns, no text)."""
    rows = []
    for row in raw.extract():
        cells = [_cell(cell) for cell in row]
        if any(cells):
            rows.append(cells)
    if not rows or max(len(row) for row in rows) < 2:
        return None
    x0, top, x1, bottom = (float(v) for v in raw.bbox)
    edges = (*sorted({float(cell[0]) for cell in raw.cells}), x1)  # pdfplumber's own column positions
    return _Table(rows, top, bottom, x0, x1, edges)


def _cell(text: str | None) -> str:
    """Cell text on one line: wrapped CJK labels and numbers are joined without a separator.

    >>> _cell("事业单位\\n经营收入"), _cell("12,029,\\n501.84"), _cell("Other\\nincome"), _cell(None)
    ('事业单位经营收入', '12,029,501.84', 'Other income', '')
    """
    if not text:
        return ""
    text = _LATIN_BREAK.sub(" ", text).replace("\n", "")
    return _clean(text)


def _clean(text: str) -> str:
    """One line of text: no tabs or control characters, unmapped glyphs shown as U+FFFD."""
    text = _CID.sub("\ufffd", text).replace("\t", " ")
    return _CONTROL.sub("", text).strip()


def _inside_any(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether a character's centre lies in one of ``boxes`` (other objects are kept as they are)."""
    if obj.get("object_type") != "char":
        return False
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 - 1 <= x <= x1 + 1 and top - 1 <= y <= bottom + 1 for x0, top, x1, bottom in boxes)


# --- Ruling-less tables ---------------------------------------------------------------------------

_TEXT_SETTINGS = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def _segments(chars: list[dict]) -> list[str]:
    """A visual line split where the gap between glyphs is wider than twice the font size."""
    glyphs = sorted((ch for ch in chars if ch["text"].strip()), key=lambda ch: ch["x0"])
    segments: list[str] = []
    previous = None
    for ch in glyphs:
        gap_limit = 2 * max(float(ch.get("size") or 0), ch["bottom"] - ch["top"], 4.0)
        if previous is None or ch["x0"] - previous["x1"] > gap_limit:
            segments.append("")
        segments[-1] += ch["text"]
        previous = ch
    return segments


def _tabular(segments: list[str]) -> bool:
    """A line that looks like a table row: several widely spaced segments, an amount among them."""
    return len(segments) >= 3 or (len(segments) == 2 and any(_AMOUNT.match(s) for s in segments))


def _ruling_less_tables(page: Any) -> Iterator[_Table]:
    """Tables found by text alignment, only in bands of >= 3 consecutive table-like lines."""
    lines = page.extract_text_lines(strip=True, return_chars=True)
    shapes = [_segments(line["chars"]) for line in lines]
    i = 0
    while i < len(lines):
        if not _tabular(shapes[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and _tabular(shapes[j + 1]):
            j += 1
        run = range(i, j + 1)
        amounts = sum(1 for k in run if any(_AMOUNT.match(s) for s in shapes[k]))
        if len(run) >= 3 and amounts * 2 >= len(run):
            start = i
            # header rows above the run: several segments, not the "编制单位… 单位：元" line
            while (
                start > 0
                and i - start < 4
                and len(shapes[start - 1]) >= 2
                and not _UNIT_LINE.search(lines[start - 1]["text"])
            ):
                start -= 1
            yield from _text_strategy_tables(page, lines[start : j + 1])
        i = j + 1


def _text_strategy_tables(page: Any, lines: list[dict]) -> Iterator[_Table]:
    x0 = max(0.0, min(float(line["x0"]) for line in lines) - 2)
    x1 = min(float(page.width), max(float(line["x1"]) for line in lines) + 2)
    top = max(0.0, float(lines[0]["top"]) - 2)
    bottom = min(float(page.height), float(lines[-1]["bottom"]) + 2)
    band = page.crop((x0, top, x1, bottom), relative=False, strict=False)
    # the band's own edges close the outer columns, so a column with a lone header keeps its text
    settings = {
        **_TEXT_SETTINGS,
        "explicit_vertical_lines": [x0, x1],
        "explicit_horizontal_lines": [top, bottom],
    }
    for raw in band.find_tables(settings):
        table = _table(raw)
        if table is not None and len(table.rows) >= 2:
            yield table


# --- Page furniture -------------------------------------------------------------------------------


def _in_margin(line: _Line, page: _Page) -> bool:
    return line.top < MARGIN * page.height or line.bottom > (1 - MARGIN) * page.height


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", _SPACE.sub("", text))


def _remove_furniture(pages: list[_Page]) -> None:
    """Drop page numbers and running headers/footers (same text, same place, most pages)."""
    spots: dict[str, list[tuple[int, float]]] = {}
    for page in pages:
        for item in page.items:
            if isinstance(item, _Line) and _in_margin(item, page) and not _UNIT_LINE.search(item.text):
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
        kept: list[_Line | _Table] = []
        for item in page.items:
            if isinstance(item, _Line):
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

    table: _Table
    page: int
    header: list[list[str]]
    titles: list[str]


def _row_key(row: list[str]) -> tuple[str, ...]:
    return tuple(_SPACE.sub("", cell) for cell in row)


def _title_key(text: str) -> str:
    return _SPACE.sub("", _CONTINUED.sub("", text))


def _assemble(pages: list[_Page]) -> PdfText:
    lines: list[str] = []
    numbers: list[int] = []
    open_table: _Open | None = None
    recent: list[str] = []  # the last (up to 3) text lines since the last table: its title lines

    def emit_rows(rows: list[list[str]], number: int) -> None:
        for row in rows:
            for cell in row:
                lines.append("\t" + cell)
                numbers.append(number)
            lines.append("")
            numbers.append(number)

    for page in pages:
        items = page.items
        if open_table is not None and open_table.page == page.number - 1 and items:
            start = _continuation(open_table, items, page)
            if start is not None:
                table = items[start]
                assert isinstance(table, _Table)
                rows = _fit_columns(table, open_table.table) or []
                rows = _drop_repeated_header(rows, open_table.header)
                emit_rows(rows, page.number)
                open_table.page = page.number
                items = items[start + 1 :]
        for item in items:
            if isinstance(item, _Line):
                lines.append(item.text)
                numbers.append(page.number)
                recent = [*recent[-2:], item.text]
                open_table = None
            else:
                emit_rows(item.rows, page.number)
                open_table = _Open(item, page.number, item.rows[:_MAX_HEADER_ROWS], recent)
                recent = []
        if items and isinstance(items[-1], _Line):
            open_table = None
    return _reflow(lines, numbers)


# A list item or heading opening a line; "7." followed by a digit is a number the width wrapped ("93" + "7.79").
_ITEM_START = re.compile(
    r"^\s*([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+\s*[、.．](?!\d)"
    r"|第.{1,3}[部章节]|注|编制|单位)"
)


def _wrapped_prose(prev: str) -> bool:
    """A line that reads like prose cut by the page width: long, with commas, no closing punctuation.

    The numbering of a heading ("四、…") is not a comma.
    """
    body = _ITEM_START.sub("", prev, count=1)
    return (
        len(prev) >= 20
        and any(p in body for p in "，,、；;")
        and not prev.rstrip().endswith(("。", "！", "？", "；", "：", ":", "…"))
    )


def _reflow(lines: list[str], pages: list[int]) -> PdfText:
    """Join a paragraph the page width wrapped, so that "减少2,389.52万" + "元；…" reads as one sentence.

    A line continues the previous text line when that one reads like wrapped prose (long, with commas,
    no closing punctuation) and it does not open a list item or heading itself.

    >>> _reflow(["收入预算9,101.68万元，比2024年预算减少2,389.52万", "元；事业收入0万元。", "1.下一项"], [6, 6, 6]).lines
    ['收入预算9,101.68万元，比2024年预算减少2,389.52万元；事业收入0万元。', '1.下一项']
    >>> _reflow(["2024年支出预算937.79万元，其中基本支出706.36万元，其他支出", "21.48万元。"], [1, 1]).lines
    ['2024年支出预算937.79万元，其中基本支出706.36万元，其他支出21.48万元。']
    >>> _reflow(["四、财政拨款“三公”经费预算情况及增减变化原因", "2024年，我部门“三公”经费预算20.84万元。"], [1, 1]).lines
    ['四、财政拨款“三公”经费预算情况及增减变化原因', '2024年，我部门“三公”经费预算20.84万元。']
    """
    out: list[str] = []
    out_pages: list[int] = []
    for line, page in zip(lines, pages, strict=True):
        prev = out[-1] if out else ""
        if (
            line.strip()
            and not line.startswith("\t")
            and prev.strip()
            and not prev.startswith("\t")
            and _wrapped_prose(prev)
            and not _ITEM_START.match(line)
        ):
            out[-1] = prev.rstrip() + line.strip()
            continue
        out.append(line)
        out_pages.append(page)
    return PdfText(out, out_pages)


def _continuation(open_table: _Open, items: list[_Line | _Table], page: _Page) -> int | None:
    """Index of the table in ``items`` that continues ``open_table`` (after repeated title lines), or None."""
    titles = {_title_key(t) for t in open_table.titles}
    start = 0
    while start < len(items) and isinstance(items[start], _Line):
        key = _title_key(items[start].text)  # type: ignore[union-attr]
        if key and key not in titles:
            return None
        start += 1
    if start >= len(items):
        return None
    table = items[start]
    assert isinstance(table, _Table)
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


def _fit_columns(table: _Table, previous: _Table) -> list[list[str]] | None:
    """``table``'s rows laid on ``previous``'s columns, or None when the two grids differ.

    Same column count: the rows as they are. Fewer columns whose lines all fall on ``previous``'s lines:
    the lines of a merged cell's inner columns are simply not drawn on this page (no row here splits
    them), so each cell goes to the column where it starts and the columns it spans stay empty cells.

    >>> wide = _Table([["a", "b", "c"]], 0, 10, 0, 90, (0, 30, 60, 90))
    >>> _fit_columns(_Table([["x", "y"]], 0, 10, 0, 90, (0, 30, 90)), wide)
    [['x', 'y', '']]
    >>> _fit_columns(_Table([["x", "y"]], 0, 10, 0, 90, (0, 45, 90)), wide) is None
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


def _drop_repeated_header(rows: list[list[str]], header: list[list[str]]) -> list[list[str]]:
    """``rows`` without the longest leading run that repeats the table's first rows."""
    k = 0
    while k < min(len(rows), len(header)) and _row_key(rows[k]) == _row_key(header[k]):
        k += 1
    return rows[k:]
