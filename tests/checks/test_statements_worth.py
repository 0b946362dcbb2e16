"""statements._WORTH: the pattern written to open with a character set finds what the plain alternation finds."""

import random
import re

from checks.support.statements import _WORTH
from tests.support.pieces import joined_pieces

_PLAIN = re.compile(r"\d(?:亿元|万元|元|万|%)|决算")


def test_same_matches_as_the_plain_alternation():
    pieces = [
        "1",
        "٣",
        "亿元",
        "万元",
        "元",
        "万",
        "%",
        "决",
        "算",
        "决算",
        "预算",
        "a",
        "\n",
        "，",
        "2万",
        "亿",
    ]
    rnd = random.Random(3)
    for _ in range(5000):
        text = joined_pieces(rnd, pieces, 10)
        assert [m.span() for m in _WORTH.finditer(text)] == [m.span() for m in _PLAIN.finditer(text)], text
