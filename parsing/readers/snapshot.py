"""Pictures of a PDF source: the strip of a page where a source line stands (the inspection form's 问题截图)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

WINDOW_PT = 360  # page width shown: the line's start and what follows it, legible at 100 % zoom
MARGIN_PT = 14  # page space kept above and below the line
DPI = 192  # rendered at twice screen resolution; the form shows it at half size (sharp on HiDPI screens)
_NEEDLE_CHARS = 16


def _needle(line: str) -> str:
    """The text to look for on the page: the first cell of the line, spaces dropped, at most 16 characters.

    >>> _needle("\\t2024年部门财务收支预算总表 \\t 单位：元"), _needle("  ")
    ('2024年部门财务收支预算总表', '')
    """
    first = next((c for c in line.split("\t") if c.strip()), "")
    return re.sub(r"\s+", "", first)[:_NEEDLE_CHARS]


def line_pictures(data: bytes, wanted: Sequence[tuple[int, str]]) -> list[bytes | None]:
    """For each (page number, source line): a PNG of the page around where the line's text stands (WINDOW_PT
    wide from just before the text, a margin above and below), or None when the page or the text cannot be
    found (the form then keeps the text excerpt alone)."""
    import pdfplumber  # deferred: only PDF input needs it

    out: list[bytes | None] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, line in wanted:
            needle = _needle(line)
            if not needle or not 1 <= number <= len(pdf.pages):
                out.append(None)
                continue
            page = pdf.pages[number - 1]
            pattern = r"\s*".join(re.escape(ch) for ch in needle)  # the page's text may space the characters
            hits = page.search(pattern, regex=True, return_chars=False)
            if not hits:
                out.append(None)
                continue
            hit, width, height = hits[0], float(page.width), float(page.height)
            left = max(0.0, min(hit["x0"] - 40, width - WINDOW_PT))
            box = (left, max(0.0, hit["top"] - MARGIN_PT), min(width, left + WINDOW_PT),
                   min(height, hit["bottom"] + MARGIN_PT))  # fmt: skip
            picture = page.crop(box).to_image(resolution=DPI)
            buf = io.BytesIO()
            picture.original.save(buf, format="PNG")
            out.append(buf.getvalue())
    return out
