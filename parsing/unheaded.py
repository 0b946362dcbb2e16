"""Whether content opens a section whose heading is missing (used by parsing/document.py while assembling).

Content that states a section's own figure (parsing/subsections.py OPENINGS, parsing/sections.py signatures) or a
section's table opens that section without its heading only when it is not a mention: the section is not open
yet, the content does not follow a sub-heading naming it (a 决算's "（三）国有资产占有使用情况说明" inside 其他重要
事项), and the section's own heading does not come later in the part. A 决算's parts (parsing/subsections.py
FINAL_OPENINGS) likewise, and only after the part before them in the template's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from parsing.blocks import Text
from parsing.sections import FINAL_SECTION_ORDER, SECTION_RULES, classify_final_heading, classify_heading
from parsing.tables import classify_title
from parsing.text import normalise_label


def under_subheading(last_paragraph: str, key: str) -> bool:
    """The paragraph before the content is a sub-heading naming the section.

    >>> under_subheading("（三）国有资产占有使用情况说明", "assets"), under_subheading("无。", "assets")
    (True, False)
    """
    last = normalise_label(last_paragraph)
    words = dict(SECTION_RULES)[key]
    return 0 < len(last) <= 30 and all(any(w in last for w in group) for group in words)


def heading_ahead(blocks: Sequence[object], i: int, key: str, tables_read: bool) -> bool:
    """Whether the section's own heading still comes after block `i` in this part. The part ends at the next
    "第二部分" or, once this part's tables were read, at the next 收支总表 (a layout printing its text first reads
    its tables later)."""
    for block in blocks[i + 1 :]:
        if not isinstance(block, Text):
            continue
        if (tables_read and classify_title(block.text) == "summary") or block.key.startswith("第二部分"):
            return False
        if (heading := classify_heading(block.text)) and heading[0] == key:
            return True
    return False


def opens_section(part: Any, blocks: Sequence[object], i: int, key: str) -> bool:
    """Block `i` opens section `key` of the part being assembled (parsing.document_parts.PartDraft: its sections seen
    so far, their paragraphs, its tables) without its heading."""
    if key in part.seen or not part.sections:
        return False
    paragraphs = part.sections[-1].paragraphs
    if paragraphs and under_subheading(paragraphs[-1].text, key):
        return False
    return not heading_ahead(blocks, i, key, bool(part.tables))


def opens_final_section(part: Any, blocks: Sequence[object], i: int, key: str) -> bool:
    """Block `i` opens the 决算 part `key` without its heading: not open yet, after a part that precedes it in the
    template (content of an earlier part stays a mention), and its own heading not later in the document."""
    if key in part.seen or not part.sections:
        return False
    current = part.sections[-1].key
    if current not in FINAL_SECTION_ORDER or FINAL_SECTION_ORDER.index(current) >= FINAL_SECTION_ORDER.index(
        key
    ):
        return False
    for block in blocks[i + 1 :]:
        if isinstance(block, Text) and (heading := classify_final_heading(block.text)) and heading[0] == key:
            return False
    return True
