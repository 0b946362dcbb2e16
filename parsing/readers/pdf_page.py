"""One PDF page → its text lines and tables, in reading order (top to bottom).

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
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from parsing.readers.pdf_grid import UNIT_LINE, GridRow, extract_cells, split_grid, unfold

__all__ = ["UNIT_LINE", "Line", "Page", "PageTable", "read_page"]

_AMOUNT = re.compile(r"^[-−(（]?\d[\d,，]*(?:\.\d+)?[)）]?%?$")
_CID = re.compile(r"\(cid:\d+\)")
_UNMAPPED = re.compile("^[\ue000-\uf8ff\ufffd]$")  # a private-use or replacement character
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_LATIN_BREAK = re.compile(r"(?<=[A-Za-z])\n(?=[A-Za-z])")


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    x0: float = 0.0
    x1: float = 0.0


@dataclass
class PageTable:
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
class Page:
    number: int
    width: float
    height: float
    items: list[Line | PageTable] = field(default_factory=list)
    visible: int = 0  # glyphs that are not white space
    unmapped: int = 0  # of them, glyphs that map to no text: (cid:N), private use, U+FFFD
    ruled: bool = False  # the page draws lines or rectangles


def read_page(page: Any, number: int) -> tuple[Page, int, int]:
    """The page's text lines and tables (sorted top to bottom), its visible and ``(cid:N)`` glyph counts."""
    page = _dedupe_chars(page)
    chars = page.chars
    visible = sum(1 for ch in chars if ch["text"].strip())
    cids = sum(1 for ch in chars if ch["text"].startswith("(cid:"))
    unmapped = cids + sum(1 for ch in chars if _UNMAPPED.match(ch["text"]))
    ruled = any(page.objects.get(kind) for kind in ("line", "rect", "curve"))
    result = Page(number, float(page.width), float(page.height), [], visible, unmapped, ruled)
    if not visible:
        return result, 0, 0

    found: list[Line | PageTable] = []
    boxes = []
    for raw in page.find_tables():
        items = _grid(raw)
        if items:
            found.extend(items)
            boxes.append(tuple(float(v) for v in raw.bbox))
    if not found:
        found = list(_ruling_less_tables(page))
        boxes = [(t.x0, t.top, t.x1, t.bottom) for t in found if isinstance(t, PageTable)]
    text_page = page.filter(lambda obj: not _inside_any(obj, boxes)) if boxes else page
    lines = []
    for raw in text_page.extract_text_lines(strip=True, return_chars=False):
        text = _clean(raw["text"])
        if text:
            lines.append(
                Line(text, float(raw["top"]), float(raw["bottom"]), float(raw["x0"]), float(raw["x1"]))
            )
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


def _table(raw: Any) -> PageTable | None:
    """A pdfplumber table as cleaned rows, or None when it is not a real table (< 2 columns, no text)."""
    rows = []
    for row in extract_cells(raw):
        cells = [_cell(cell) for cell in row]
        if any(cells):
            rows.append(cells)
    if not rows or max(len(row) for row in rows) < 2:
        return None
    x0, top, x1, bottom = (float(v) for v in raw.bbox)
    edges = (*sorted({float(cell[0]) for cell in raw.cells}), x1)  # pdfplumber's own column positions
    return PageTable(rows, top, bottom, x0, x1, edges)


def _grid(raw: Any) -> list[Line | PageTable]:
    """A ruled grid as its tables and the title lines printed inside it (:mod:`parsing.readers.pdf_grid`);
    empty when it is not a real table (< 2 columns, no text): its text then stays ordinary lines."""
    rows = []
    for cells, spot in zip(extract_cells(raw), raw.rows, strict=True):
        clean = [_cell(cell) for cell in cells]
        if any(clean):
            rows.append(GridRow(clean, float(spot.bbox[1]), float(spot.bbox[3])))
    if not rows or max(len(row.cells) for row in rows) < 2:
        return []
    x0, _, x1, _ = (float(v) for v in raw.bbox)
    edges = (*sorted({float(cell[0]) for cell in raw.cells}), x1)  # pdfplumber's own column positions
    items: list[Line | PageTable] = []
    for piece in split_grid(rows):
        top, bottom = min(row.top for row in piece.rows), max(row.bottom for row in piece.rows)
        if piece.text:
            items.append(Line(piece.text, top, bottom, x0, x1))
            continue
        part, piece_edges = piece.rows, edges
        unfolded = unfold(part)
        if unfolded is not None:
            part, width = unfolded
            piece_edges = (*edges[:width], edges[width]) if len(edges) > width else edges
        items.append(PageTable([row.cells for row in part], top, bottom, x0, x1, piece_edges))
    return items


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


def _ruling_less_tables(page: Any) -> Iterator[PageTable]:
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
                and not UNIT_LINE.search(lines[start - 1]["text"])
            ):
                start -= 1
            yield from _text_strategy_tables(page, lines[start : j + 1])
        i = j + 1


def _text_strategy_tables(page: Any, lines: list[dict]) -> Iterator[PageTable]:
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
