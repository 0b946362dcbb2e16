"""Page checks: pages that print nothing readable, and glyphs that map to no text.

- A page without a visible glyph is *blank*, or *grid-only* when it still draws ruling lines (a table whose
  text is missing: an image of it, or glyphs outside the page). Either way its content cannot be checked.
- Glyphs that map to no text — ``(cid:N)`` (a font without a Unicode mapping), characters of the private use
  area (U+E000–U+F8FF) or U+FFFD — are counted per page: the page's text has holes or wrong characters there.
- Text cut at a page foot and printed again at the head of the next page (a printing or export defect): the
  end of page N's last lines equals the start of page N+1's first lines, over at least
  ``MIN_REPEAT`` characters. Checked after page furniture is removed (:func:`~parsing.readers.pdf_flow.remove_furniture`),
  and lines printed on most pages (running heads and feet left in the body) are not compared.

A whole file without readable text is refused earlier (:mod:`parsing.readers.pdf`); these are the pages of
a readable file that are not.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass

from parsing.readers.pdf_page import Line, Page


@dataclass(frozen=True)
class PageProblem:
    page: int
    kind: str  # "blank-page" | "grid-only-page" | "unmapped-glyphs" | "repeated-at-page-break"
    message: str  # Chinese, for the analyst


def page_problems(pages: list[Page]) -> list[PageProblem]:
    """The problems of each page, in page order.

    >>> pages = [Page(1, 595, 842, visible=0), Page(2, 595, 842, visible=0, ruled=True), Page(3, 595, 842, visible=90, unmapped=4)]
    >>> [(p.page, p.kind) for p in page_problems(pages)]
    [(1, 'blank-page'), (2, 'grid-only-page'), (3, 'unmapped-glyphs')]
    >>> page_problems(pages)[2].message
    '第3页有4个字形无法转换为文字（cid 编码、私用区字符或替换字符），该页文字可能有缺漏或错字'
    """
    problems = []
    for page in pages:
        n = page.number
        if not page.visible and page.ruled:
            problems.append(
                PageProblem(n, "grid-only-page", f"第{n}页只有表格线而没有文字，该页内容无法读取和核对")
            )
        elif not page.visible:
            problems.append(PageProblem(n, "blank-page", f"第{n}页是空白页"))
        elif page.unmapped:
            problems.append(
                PageProblem(
                    n,
                    "unmapped-glyphs",
                    f"第{n}页有{page.unmapped}个字形无法转换为文字（cid 编码、私用区字符或替换字符），"
                    "该页文字可能有缺漏或错字",
                )
            )
    return problems


MIN_REPEAT = 8  # characters (spaces ignored), at least half of them Chinese: shorter echoes are chance
_EDGE_LINES = 3  # lines compared at a page's foot and at the next page's head
_QUOTE = 40
_SPACE = re.compile(r"\s+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _key(text: str) -> str:
    return _SPACE.sub("", text)


def _edge(items: list, *, foot: bool) -> list[str]:
    """The text lines at the page's foot (or head), up to the first table, nearest the break last (or first)."""
    seq = reversed(items) if foot else iter(items)
    lines: list[str] = []
    for item in seq:
        if not isinstance(item, Line) or len(lines) == _EDGE_LINES:
            break
        lines.append(_key(item.text))
    return lines[::-1] if foot else lines


def _overlap(tail: str, head: str) -> int:
    """The length of the longest end of ``tail`` that ``head`` starts with.

    >>> _overlap("支出预算9,101.68万元，主要用于行政单位的基本支出", "行政单位的基本支出和项目支出。")
    9
    """
    for k in range(min(len(tail), len(head)), 0, -1):
        if tail.endswith(head[:k]):
            return k
    return 0


def repeated_at_page_break(pages: list[Page]) -> list[PageProblem]:
    """Text at the foot of a page printed again at the head of the next one: one problem per page break.

    ``pages`` are read pages after their furniture (page numbers, running heads and feet) was removed.

    >>> foot = Page(1, 595, 842, [Line("本部门2025年收入预算9,101.68万元，其中：财政拨款收入", 700, 712)], visible=30)
    >>> head = Page(2, 595, 842, [Line("其中：财政拨款收入9,101.68万元。", 80, 92)], visible=20)
    >>> [(p.page, p.kind) for p in repeated_at_page_break([foot, head])]
    [(2, 'repeated-at-page-break')]
    >>> repeated_at_page_break([foot, head])[0].message
    '第1页末尾的文字在第2页开头重复印出：“其中：财政拨款收入”（重复9个字）'
    """
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_key(item.text) for item in page.items if isinstance(item, Line)})
    running = max(3, math.ceil(len(pages) / 2))  # a line on most pages is furniture, not an echo
    problems = []
    for before, after in itertools.pairwise(pages):
        if after.number != before.number + 1:
            continue
        tail = "".join(t for t in _edge(before.items, foot=True) if counts[t] < running)
        head = "".join(t for t in _edge(after.items, foot=False) if counts[t] < running)
        k = _overlap(tail, head)
        repeated = head[:k]
        if k < MIN_REPEAT or 2 * len(_HAN.findall(repeated)) < k:
            continue
        quote = repeated if k <= _QUOTE else repeated[:_QUOTE] + "……"
        problems.append(
            PageProblem(
                after.number,
                "repeated-at-page-break",
                f"第{before.number}页末尾的文字在第{after.number}页开头重复印出：“{quote}”（重复{k}个字）",
            )
        )
    return problems
