"""Random texts made of chosen pieces, for tests that compare a fast reading with the plain one it replaced."""

from __future__ import annotations

import random
from collections.abc import Sequence


def joined_pieces(rnd: random.Random, pieces: Sequence[str], most: int) -> str:
    """Up to `most` pieces, each drawn at random, joined.

    >>> joined_pieces(random.Random(1), ["a"], 3) in ("", "a", "aa", "aaa")
    True
    """
    return "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, most)))
