"""The 目录 (table of contents) as printed: its entries, each without numbering, dot leaders and page number.

The assembler skips the 目录 (:meth:`parsing.document._Assembler.step`); the structure rule that compares it
with the body (checks/rules/structure/contents.py) reads it here from the source lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, repeat, takewhile
from operator import attrgetter, is_

from parsing.blocks import Block, Text, document_blocks
from parsing.sections import toc_length
from parsing.tables import classify_title
from parsing.text import normalise_label

_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+\s*[、.．]|[(（][一二三四五六七八九十\d]+[)）])")
_PART = re.compile(r"^第[一二三四五六七八九十\d]+部分")
_LEADER = re.compile(r"(?:…|\.{2,}|·{2,}|-{3,}|_{3,})+.*$")
_PAGE = re.compile(r"\d+$")
_HEADINGS = ("目录", "目次")
_KEY = attrgetter("key")
_PRINTED_LEADER = re.compile(r"\s*(?:…|\.{2,}|·{2,}|-{3,}|_{3,})[\s….·\-_]*\d*\s*$|\s+\d+\s*$")


@dataclass(frozen=True)
class Entry:
    line: int
    text: str  # as printed (stripped)
    title: str  # normalised, without numbering, dot leaders and page number
    part: bool  # a 第X部分 line
    table: str | None  # the standard table it names (parsing.tables.classify_title), if any

    @property
    def label(self) -> str:
        """The entry as printed without dot leaders and page number.

        >>> Entry(3, "九、国有资本经营预算表 …………… 12", "", False, None).label
        '九、国有资本经营预算表'
        """
        return _PRINTED_LEADER.sub("", self.text).strip()


def entry_title(text: str) -> str:
    """The entry's title without numbering, dot leaders and page number.

    >>> entry_title("1. 2025年部门财务收支预算总表 ………………… 8"), entry_title("五、部门预算表 ……………")
    ('2025年部门财务收支预算总表', '部门预算表')
    >>> entry_title("第一部分 上海市 XX 局概况"), entry_title("十一、其他重要事项说明 12")
    ('第一部分上海市XX局概况', '其他重要事项说明')
    """
    key = normalise_label(text)
    key = _LEADER.sub("", key)
    if not _PART.match(key):
        key = _NUMBER.sub("", key)
    return _PAGE.sub("", key) if _LEADER.search(normalise_label(text)) or key[-1:].isdigit() else key


def toc_lines(blocks: Sequence[Block], i: int) -> list[Text] | None:
    """The 目录's entry lines when ``blocks[i]`` is its heading ("目录", "目次"), else None: the text lines after it
    up to where the body starts (:func:`parsing.sections.toc_length`)."""
    block = blocks[i]
    return _entry_lines(blocks, i) if isinstance(block, Text) and block.key in _HEADINGS else None


def _entry_lines(blocks: Sequence[Block], i: int) -> list[Text]:
    texts = list(takewhile(lambda b: isinstance(b, Text), blocks[i + 1 : i + 200]))
    return texts[: toc_length([t.text for t in texts])]


def _first_heading(blocks: Sequence[Block]) -> int | None:
    """The index of the first 目录 heading among the blocks (toc_lines' test), in C-level passes over them: this
    runs over every block of the document, and most documents have no 目录.

    >>> from parsing.blocks import Row
    >>> _first_heading([Text("某局", 1), Row([], [], 2), Text("目 录", 3)]), _first_heading([Row([], [], 1)])
    (2, None)
    """
    is_text = list(map(is_, map(type, blocks), repeat(Text)))  # a Text is no subclass's instance
    keys = list(map(_KEY, compress(blocks, is_text)))
    found = [keys.index(heading) for heading in _HEADINGS if heading in keys]
    return list(compress(range(len(blocks)), is_text))[min(found)] if found else None


def table_of_contents(lines: Sequence[str]) -> tuple[int, list[Entry]]:
    """The first 目录's heading line (0 when there is none) and its entries.

    >>> line, entries = table_of_contents(["某局2025年部门预算", "目录", "一、主要职能 …… 3",
    ...                                    "1. 部门收入预算总表 …… 8", "某局主要职能"])
    >>> line, [(e.line, e.title, e.table) for e in entries]
    (2, [(3, '主要职能', None), (4, '部门收入预算总表', 'income')])
    """
    blocks = document_blocks(tuple(lines))
    i = _first_heading(blocks)
    if i is None:
        return 0, []
    texts = _entry_lines(blocks, i)
    entries: list[Entry] = []
    for text in texts:
        title = entry_title(text.text)
        if not title:
            continue
        if (
            entries and entries[-1].part and len(title) <= 4 and not _NUMBER.match(normalise_label(text.text))
        ):  # a part title's wrapped tail ("表")
            last = entries.pop()
            title, text = last.title + title, Text(last.text + text.text.strip(), last.line)
        table = None if _PART.match(title) else classify_title(title)
        entries.append(Entry(text.line, text.text.strip(), title, bool(_PART.match(title)), table))
    return blocks[i].line, entries
