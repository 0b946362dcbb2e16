"""Narrative readings several rules share, read once per part."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from operator import add

from checks.support.figures import Figure, section_figures
from checks.support.lookup import per_part
from parsing.model import BudgetDocument


def paragraph_figures(doc: BudgetDocument, key: str) -> tuple[tuple[Figure, ...], ...]:
    """figures.section_figures(doc, key) read once per part and section: the money figures of each paragraph of
    the section that has any (the 总体情况's are read by six rules). Treat them as read-only."""
    return per_part(f"paragraph_figures:{key}", doc, lambda part: _read(part, key))


def _read(doc: BudgetDocument, key: str) -> tuple[tuple[Figure, ...], ...]:
    return tuple(tuple(found) for found in section_figures(doc, key))


def holding(texts: list[str], pattern: re.Pattern[str]) -> list[int]:
    """The indexes of the texts `pattern` finds something in, by one search through them all joined by "\n" (most
    texts hold nothing: the search hops to the next text after a find). No match may span a "\n".

    >>> holding(["预算10万元", "无", "", "决算数"], re.compile(r"\\d万元|决算"))
    [0, 3]
    """
    text = "\n".join(texts)
    starts = list(
        map(add, accumulate(map(len, texts), initial=0), range(len(texts) + 1))
    )  # a "\n" after each
    found: list[int] = []
    match = pattern.search(text)
    while match is not None:
        found.append(bisect_right(starts, match.start()) - 1)
        match = pattern.search(text, starts[found[-1] + 1])
    return found
