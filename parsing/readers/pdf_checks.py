"""Page checks: pages that print nothing readable, and glyphs that map to no text.

- A page without a visible glyph is *blank*, or *grid-only* when it still draws ruling lines (a table whose
  text is missing: an image of it, or glyphs outside the page). Either way its content cannot be checked.
- Glyphs that map to no text — ``(cid:N)`` (a font without a Unicode mapping), characters of the private use
  area (U+E000–U+F8FF) or U+FFFD — are counted per page: the page's text has holes or wrong characters there.

A whole file without readable text is refused earlier (:mod:`parsing.readers.pdf`); these are the pages of
a readable file that are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsing.readers.pdf_page import Page


@dataclass(frozen=True)
class PageProblem:
    page: int
    kind: str  # "blank-page" | "grid-only-page" | "unmapped-glyphs"
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
