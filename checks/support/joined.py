"""Texts joined in one string, "\n" between them, and searched once instead of one by one.

Most texts match nothing: one search over the joined string, then a bisect from a match to the text it falls in,
costs less than a call per text. Row keys and source line keys (checks.support.lookup), text items and passages
(checks.support.texts), statements' items and the 资金用途 texts all use it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import accumulate
from operator import add
from typing import NamedTuple


class Joined(NamedTuple):
    """Texts, all of them in one string ("\n" between them), and where each starts in it."""

    texts: tuple[str, ...]
    text: str
    starts: tuple[int, ...]

    def index_at(self, offset: int) -> int:
        """The index of the text holding `offset` of the joined string (the "\n" after a text counts as its own).

        >>> join_texts(("ab", "", "cd")).index_at(4)
        2
        """
        return bisect_right(self.starts, offset) - 1

    def found_at(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, int]]:
        """(index, start, end) for each match of `pattern`, offsets within the text it starts in.

        The pattern sees "\n" between texts, so it must not match across a line break.
        """
        starts = self.starts
        for match in pattern.finditer(self.text):
            index = bisect_right(starts, match.start()) - 1
            yield index, match.start() - starts[index], match.end() - starts[index]

    def indexes_having(self, pattern: re.Pattern[str]) -> list[int]:
        """The indexes of the texts in which `pattern` matches, once each, in order.

        >>> join_texts(("a1", "b", "c22")).indexes_having(re.compile(r"\\d"))
        [0, 2]
        """
        text, starts = self.text, self.starts
        out: list[int] = []
        match = pattern.search(text) if starts else None
        while match is not None:
            index = bisect_right(starts, match.start()) - 1
            out.append(index)
            if index + 1 == len(starts):
                break
            match = pattern.search(
                text, starts[index + 1]
            )  # on from the next text: one find per text is enough
        return out

    def indexes_holding(self, word: str) -> Iterator[int]:
        """The indexes of the texts holding `word` (no "\n" in it), in order: one str.find jumps from text to text.

        >>> list(join_texts(("合计", "其中", "收入合计")).indexes_holding("合计"))
        [0, 2]
        """
        text, starts = self.text, self.starts
        found = text.find(word) if starts else -1
        while found != -1:
            index = bisect_right(starts, found) - 1
            yield index
            if index + 1 == len(starts):
                return
            found = text.find(word, starts[index + 1])

    def indexes_opening(self, pattern: re.Pattern[str]) -> list[int]:
        """The indexes of the texts that `pattern` matches at their start, in order: one search for it after a line
        break (a break inside a text does not count). The pattern must not match across a line break.

        >>> join_texts(("1.a", "b\\n2.c", "3.d")).indexes_opening(re.compile(r"\\d\\."))
        [0, 2]
        """
        text, starts = self.text, self.starts
        out = [0] if starts and pattern.match(text) else []
        for match in _opening(pattern.pattern).finditer(text):
            index = bisect_right(starts, match.start() + 1) - 1
            if (
                starts[index] == match.start() + 1
            ):  # not a break inside a text (a cell printed on several lines)
                out.append(index)
        return out


@lru_cache(maxsize=16)
def _opening(source: str) -> re.Pattern[str]:
    # The line break first: the search skips from one to the next (an alternative with "^" would try every place).
    return re.compile(f"\n(?:{source})")


def join_texts(texts: Iterable[str]) -> Joined:
    """The texts joined, "\n" between them, with where each starts.

    >>> join_texts(("ab", "", "cd"))
    Joined(texts=('ab', '', 'cd'), text='ab\\n\\ncd', starts=(0, 3, 4))
    """
    texts = tuple(texts)
    # each start: the lengths before it, plus one "\n" after each text before it
    starts = tuple(map(add, accumulate(map(len, texts), initial=0), range(len(texts))))
    return Joined(texts, "\n".join(texts), starts)
