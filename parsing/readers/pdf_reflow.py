"""Paragraph reflow: text lines the right margin wrapped are joined into one paragraph again.

A text line *reaches the right edge* when it ends within two of its own heights (about two characters) of
its page's right text edge: where the second longest line of the page ends, or, when that is far left of it
(a page of short lines, a cover), where the longest lines of all pages of that width end; an edge in the
left 60 % of the page is none (a page of short lines only: nothing on it reaches an edge). Such a line,
unless it ends a sentence (``。！？!?…``, possibly followed by a closing quote or bracket), continues on the
next text line of the same size, on the same page or at the top of the next one, unless that line opens a
list item or a heading (``（一）``, ``二、``, ``3.``, ``注``, ``第二部分``). A long line with commas and no closing
punctuation continues too, even when it stops short of the edge: it was wrapped before a long number
(``…比2024年预算减少`` + ``2,389.52万元；…``), which cannot be broken.

The joined line keeps the page of its first part, so every paragraph's page stays exact.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from parsing.readers.pdf_page import Line, Page

# A list item or heading opening a line; "7." followed by a digit is a number the width wrapped ("93" + "7.79").
_ITEM_START = re.compile(
    r"^\s*([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+\s*[、.．](?!\d)"
    r"|第.{1,3}[部章节]|注|编制|单位)"
)
_SENTENCE_END = re.compile(r"[。！？!?…][”’」』）)]*$")
_CLOSING = ("。", "！", "？", "；", "：", ":", "…")
_EDGE_RANK = 3  # the documents' right edge is where the third longest line of that page width ends
_PAGE_SLACK = 0.06  # a page's own edge counts when within this fraction of the page width of that edge
_SLACK = 2.0  # a line within this many of its heights of the edge reaches it
_SIZE_RATIO = 1.25  # lines of one paragraph: heights within this ratio
_MIN_EDGE = 0.6  # an edge left of this fraction of the page width is no text edge (a page of short lines)


@dataclass(frozen=True)
class Shape:
    """Where a text line ends: whether it reaches the right edge, and its height (the font size)."""

    full: bool
    size: float


def page_edges(pages: Iterable[Page]) -> dict[int, float]:
    """For each page number, the x where its text lines wrap.

    >>> lines = [Line("a", 0, 10, 50, x1) for x1 in (500, 530, 529, 528, 300)]
    >>> page_edges([Page(1, 600, 800, lines), Page(2, 600, 800, lines[-2:]), Page(3, 600, 800, lines[:2])])
    {1: 529, 2: 529, 3: 500}
    >>> page_edges([Page(1, 842, 595, [Line("a", 0, 10, 60, x1) for x1 in (100, 135, 117, 280)])])
    {}
    """
    pages = list(pages)
    ends: dict[int, list[float]] = defaultdict(list)
    for page in pages:
        ends[round(page.width)].extend(item.x1 for item in page.items if isinstance(item, Line))
    shared = {
        width: sorted(values, reverse=True)[_EDGE_RANK - 1]
        for width, values in ends.items()
        if len(values) >= _EDGE_RANK
    }
    edges = {}
    for page in pages:
        mine = sorted((item.x1 for item in page.items if isinstance(item, Line)), reverse=True)
        common = shared.get(round(page.width))
        own = mine[1] if len(mine) >= 2 else None
        if own is not None and (common is None or own >= common - _PAGE_SLACK * page.width):
            edge = own
        else:
            edge = common
        if edge is not None and edge >= _MIN_EDGE * page.width:
            edges[page.number] = edge
    return edges


def shape(line: Line, edge: float | None) -> Shape:
    size = max(line.bottom - line.top, 1.0)
    return Shape(edge is not None and line.x1 >= edge - _SLACK * size, size)


def _wrapped_prose(prev: str) -> bool:
    """A line that reads like prose cut by the page width: long, with commas, no closing punctuation.

    The numbering of a heading ("四、…") is not a comma.
    """
    body = _ITEM_START.sub("", prev, count=1)
    return len(prev) >= 20 and any(p in body for p in "，,、；;") and not prev.rstrip().endswith(_CLOSING)


def _same_size(a: Shape, b: Shape) -> bool:
    return max(a.size, b.size) <= _SIZE_RATIO * min(a.size, b.size)


def reflow(lines: list[str], pages: list[int], shapes: list[Shape | None]) -> tuple[list[str], list[int]]:
    """Join each text line that goes on (see the module) with the text line after it. Cells
    (``shapes`` None) and blank lines stay as they are.

    >>> full, short = Shape(True, 12), Shape(False, 12)
    >>> text = ["收入预算9,101.68万元，比2024年预算减少2,389.52万", "元；事业收入0万元。", "1.下一项"]
    >>> reflow(text, [6, 6, 6], [short, short, short])[0]
    ['收入预算9,101.68万元，比2024年预算减少2,389.52万元；事业收入0万元。', '1.下一项']
    >>> reflow(["主要原因是：", "其他支出经费减少。"], [8, 9], [full, short])
    (['主要原因是：其他支出经费减少。'], [8])
    >>> reflow(["经费预算为443.18万元。", "二、机关运行经费"], [1, 1], [full, short])[0]
    ['经费预算为443.18万元。', '二、机关运行经费']
    >>> reflow(["2024 年度部门决算", "目 录"], [1, 2], [Shape(True, 36), short])[0]
    ['2024 年度部门决算', '目 录']
    >>> reflow(["一段没有到达右边的文字", "另一段"], [1, 1], [short, short])[0]
    ['一段没有到达右边的文字', '另一段']
    """
    out: list[str] = []
    out_pages: list[int] = []
    last: Shape | None = None  # the shape of the last part of the last output line, when it is text
    for line, page, now in zip(lines, pages, shapes, strict=True):
        if (
            now is not None
            and last is not None
            and line.strip()
            and _same_size(last, now)
            and not _ITEM_START.match(line)
            and ((last.full and not _SENTENCE_END.search(out[-1].rstrip())) or _wrapped_prose(out[-1]))
        ):
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
            out_pages.append(page)
        last = now if line.strip() else None
    return out, out_pages
