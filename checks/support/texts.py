"""The part's passages (checks.support.passages) as text items, joined and searched: what text rules share.

Items undo PDF line breaks inside a sentence; the searches run once over a part's texts joined with "\n".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import itemgetter

from checks.support.joined import Joined, join_texts
from checks.support.lookup import per_part
from checks.support.passages import Passage, passages
from parsing.model import BudgetDocument

Item = Passage  # what items() returns: the same shape
_TEXT = itemgetter(0)  # a passage's text

_ENDS = tuple("。！？：:!?")  # "；" ends a clause, and PDFs break lines after it inside a sentence
# A list item's marker: "1、", "2.", "（三）", "4）", "⑤". Where a paragraph opens with one, a PDF line before it
# ends its own paragraph (_STARTS_ITEM) and a lead-in before it introduces a list (lint's LIST_START).
LIST_MARKER = r"[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[①-⑳]"
_STARTS_ITEM = re.compile(rf"^\s*({LIST_MARKER}|第[一二三四五六七八九十\d]+部分)")


def _continues(doc: BudgetDocument, before: Passage, after: Passage) -> bool:
    if not doc.pages or (before.where, before.project, before.field) != (
        after.where,
        after.project,
        after.field,
    ):
        return False
    if before.line is None or after.line is None or not 0 < after.line - before.line <= 3:
        return False
    text = before.text
    # A wrapped line runs to the margin; a short one (a title, a heading) ends its paragraph.
    return len(text) >= 22 and not text.endswith(_ENDS) and not _STARTS_ITEM.match(after.text)


def _join(doc: BudgetDocument) -> tuple[Item, ...]:
    if not doc.pages:  # only PDF extraction wraps lines
        return passages(doc)
    out: list[Item] = []
    group: list[Passage] = []
    for passage in (*passages(doc), None):
        if group and passage is not None and _continues(doc, group[-1], passage):
            group.append(passage)
            continue
        if group:
            if len(group) == 1:
                out.append(group[0])
            else:
                starts, offset = [], 0
                for member in group:
                    starts.append((offset, member.line))
                    offset += len(member.text)
                first = group[0]
                out.append(first._replace(text="".join(m.text for m in group), joined=tuple(starts)))
        group = [passage] if passage is not None else []
    return tuple(out)


def items(doc: BudgetDocument) -> tuple[Item, ...]:
    """The part's passages with PDF line breaks inside a sentence undone (other input: one item per passage)."""
    return per_part("text_items", doc, _join)


def _joined(doc: BudgetDocument) -> Joined:
    """All items' texts in one string, "\n" between them, and where each item starts in it."""
    return join_texts(map(_TEXT, items(doc)))


def _joined_passages(doc: BudgetDocument) -> Joined:
    if items(doc) is passages(doc):  # not a PDF: the items are the passages, and so is their joined text
        return joined_items(doc)
    return join_texts(map(_TEXT, passages(doc)))


def joined_items(doc: BudgetDocument) -> Joined:
    """All items' texts joined (checks.support.joined), once per part: the searches of many rules run over it."""
    return per_part("text_joined", doc, _joined)


def joined_text(doc: BudgetDocument) -> str:
    """All items' texts in one string, "\n" between them (a quick `in` test before a search)."""
    return joined_items(doc).text


def breaks_inside(doc: BudgetDocument) -> bool:
    """Whether an item's text holds a line break (a cell continued on TAB-less lines keeps its breaks)."""
    return joined_text(doc).count("\n") > len(items(doc)) - 1


def found_in(doc: BudgetDocument, pattern: re.Pattern[str]) -> Iterator[tuple[Item, int, int]]:
    """(item, start, end) for each match of `pattern` in the items' texts, offsets within the item.

    One search over the whole part instead of one per item: most items match nothing. The pattern sees "\n"
    between items, so it must not match across a line break.
    """
    all_items = items(doc)
    for index, start, end in found_at(doc, pattern):
        yield all_items[index], start, end


def found_at(doc: BudgetDocument, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, int]]:
    """(index in items(), start, end) for each match of `pattern`, as found_in."""
    return joined_items(doc).found_at(pattern)


def indexes_opening(doc: BudgetDocument, pattern: re.Pattern[str]) -> list[int]:
    """The indexes in items() of the items whose text `pattern` matches at its start, in order: one search for it
    after a line break, instead of a match on every item. The pattern must not match across a line break (as for
    found_in)."""
    return joined_items(doc).indexes_opening(pattern)


def indexed_items_with(doc: BudgetDocument, pattern: re.Pattern[str]) -> list[tuple[int, Item]]:
    """(index in items(), item) for the items in which `pattern` matches, once each, in order (the pattern as for
    found_in)."""
    all_items = items(doc)
    return [(index, all_items[index]) for index in joined_items(doc).indexes_having(pattern)]


def items_with(doc: BudgetDocument, pattern: re.Pattern[str]) -> list[Item]:
    """The items in which `pattern` matches, once each, in order (the pattern as for found_in)."""
    return [item for _, item in indexed_items_with(doc, pattern)]


def passages_with(doc: BudgetDocument, pattern: re.Pattern[str]) -> list[Passage]:
    """The passages in which `pattern` matches, once each, in order: one search over the part, most passages
    match nothing. The pattern sees "\n" between passages, so it must not match across a line break."""
    all_passages = passages(doc)
    return [
        all_passages[i] for i in per_part("passages_joined", doc, _joined_passages).indexes_having(pattern)
    ]
