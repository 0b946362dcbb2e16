"""Readings computed once per content: a pure reading of a few printed fields is kept, bounded, under those
fields, so that the same rows in part two, in other projects and in later documents of a batch cost a lookup."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from decimal import Decimal
from typing import TypeVar

T = TypeVar("T")
LIMIT = 1 << 14  # entries per cache; emptied when full (a batch worker keeps its recent documents' rows)


def as_printed(number: Decimal | None) -> str | None:
    """A Decimal as a key: equal Decimals that print differently ("-0", "95.0") are different content.

    >>> as_printed(Decimal("95.0")) == as_printed(Decimal("95")), as_printed(None)
    (False, None)
    """
    return None if number is None else str(number)


def remembered(cache: dict[Hashable, T], content: Hashable, read: Callable[..., T], *args: object) -> T:
    """cache[content], read(*args) first when absent; what `read` returns must depend on nothing but `content`.

    >>> cache = {}; remembered(cache, ("a",), abs, -1), remembered(cache, ("a",), abs, -2)
    (1, 1)
    """
    found = cache.get(content)
    if found is None:
        if len(cache) >= LIMIT:
            cache.clear()
        found = cache[content] = read(*args)
    return found
