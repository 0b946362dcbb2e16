"""lookup.source_lines: the bulk search over the part's joined lines reads what a line-by-line reading reads."""

import random
from types import SimpleNamespace

from checks.support.lookup import _scan_source_lines, _source_keys
from tests.support.pieces import joined_pieces


def _line_by_line(doc):
    first, last = doc.line, min(doc.end_line, len(doc.lines))
    lines = doc.lines[first - 1 : last]
    kept = [(text, n) for n, text in enumerate(lines, first) if not "\t" <= text < "\n" and text]
    return _source_keys(kept, lines)


def _doc(lines, line, end_line):
    return SimpleNamespace(lines=tuple(lines), line=line, end_line=end_line)


def test_kept_lines_and_numbers():
    doc = _doc(["标题", "", "\t1\t2", "一、收入", "\t合计", "\x01x"], 1, 6)
    keys = _scan_source_lines(doc)
    assert keys.lines == (1, 4, 6)
    assert keys == _line_by_line(doc)


def test_line_holding_a_break_falls_back():
    doc = _doc(["a\nb", "\tc", "d"], 1, 3)
    assert _scan_source_lines(doc) == _line_by_line(doc)


def test_random_mixes_read_alike():
    pieces = [
        "",
        "\t",
        "\ta\tb",
        "一、标题",
        " ",
        "x\ny",
        "\n",
        "\r",
        "\x0b",
        "\u3000",
        "合计",
        "\x00",
        "\x1c",
    ]
    rnd = random.Random(7)
    for _ in range(3000):
        count = rnd.randint(0, 8)
        lines = [joined_pieces(rnd, pieces, 3) for _ in range(count)]
        doc = _doc(lines, rnd.randint(1, count + 1), rnd.randint(0, count + 2))
        assert _scan_source_lines(doc) == _line_by_line(doc)
