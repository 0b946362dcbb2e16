"""Whole-document passes done in bulk (parsing/__init__.py's long-digit guard, parsing/signals.py's compiled
signals, parsing/contents.py's first 目录 heading): each gives what the pass it replaces gave."""

from __future__ import annotations

import random
import re

import pytest

from parsing import _STEP, MAX_DIGIT_RUN, ParseError, _long_digit_run_line, parse_lines
from parsing.joined_lines import joined_lines


@pytest.mark.parametrize("length", [MAX_DIGIT_RUN + 1, MAX_DIGIT_RUN + 2, 3 * MAX_DIGIT_RUN])
def test_every_long_digit_run_shows_in_the_sample(length):
    for offset in range(2 * _STEP):  # the run starting at every place relative to the sampled characters
        lines = ["标题", "x" * offset + "7" * length + "元", "\t1.00"]
        assert _long_digit_run_line(joined_lines(lines)) == 2
        with pytest.raises(ParseError, match="第 2 行的数字超过"):
            parse_lines("x.txt", lines)


def test_the_sampled_search_finds_what_the_full_search_finds():
    rng = random.Random(7)
    for _ in range(300):
        digits = "0123456789" * rng.randrange(1, 40)  # from few digits to runs of hundreds
        lines = ["".join(rng.choice(digits + "\t 元") for _ in range(rng.randrange(900))) for _ in range(5)]
        lines.append("1" * MAX_DIGIT_RUN)
        # the full search: the first line holding a long run
        first = next(
            (n for n, line in enumerate(lines, 1) if re.search(rf"\d{{{MAX_DIGIT_RUN + 1}}}", line)), None
        )
        assert _long_digit_run_line(joined_lines(lines)) == first


def test_a_signal_opening_with_counted_digits_matches_where_it_did():
    from parsing.signals import _compiled

    pattern = r"\d{4}\s*年度?\s*(部门|单位)决算"
    compiled, after_break = _compiled(pattern)
    assert (compiled.pattern, after_break) == (r"\d\d{3}\s*年度?\s*(部门|单位)决算", False)
    rng = random.Random(3)
    for _ in range(300):
        text = "".join(
            rng.choice(["2024", "1", "年", "度", " ", "部门", "单位", "决算", "\n"]) for _ in range(30)
        )
        assert bool(compiled.search(text)) == bool(re.search(pattern, text, re.MULTILINE))


def test_the_first_table_of_contents_heading_is_the_first_block_keyed_so():
    from parsing.blocks import Text, split_blocks
    from parsing.contents import _HEADINGS, _first_heading
    from tests.conftest import ROOT

    paths = sorted((ROOT / "tests").rglob("*.txt"))
    assert len(paths) > 20
    for path in paths:
        blocks = split_blocks(path.read_text(encoding="utf-8", errors="replace").split("\n"))
        first = next((i for i, b in enumerate(blocks) if isinstance(b, Text) and b.key in _HEADINGS), None)
        assert _first_heading(blocks) == first, path


def test_every_signal_is_found_where_its_pattern_matches():
    from parsing.layouts import _FINAL_SIGNALS, _LEVEL_SIGNALS, LAYOUTS
    from parsing.signals import count_signals

    signals = [*(s for layout in LAYOUTS for s in layout.signals), *_FINAL_SIGNALS, *_LEVEL_SIGNALS["unit"]]
    signals += _LEVEL_SIGNALS["department"]
    words = [
        "]",
        "\n",
        " ",
        "部门",
        "单位",
        "预算",
        "收支总表",
        "表",
        "编制说明",
        "2024",
        "年",
        "决算",
        "：",
        "一、",
    ]
    words += ["预算年度", "预算主管部门", "编制", "第一部分", "预算安排的总体情况", "信息公开情况说明", "x"]
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choice(words) for _ in range(rng.randrange(1, 12)))
        for signal in signals:
            assert count_signals([signal], text) == bool(re.search(signal, text, re.MULTILINE)), (
                signal,
                text,
            )
