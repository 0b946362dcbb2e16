"""Layout signals searched fast: how many of a layout's signal patterns occur in a text.

Most signals of the other layouts never occur in a document, so each pattern is searched only where the literal
it starts with occurs, and a leading group of words or a line-start anchor is turned into a form the regex engine
scans for (parsing.layouts holds the signals).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

# A leading group of plain words, not repeated ("(部门|单位)…"): the regex engine would try the pattern at every
# 部 and 单 of the text; one pattern per word starts with a literal it scans for instead.
# An alternative may also be a line start or an escaped character ("(^|\\])…"): one pattern each, as well.
_CHOICE = r"(?:\^|(?:[^\\()|\[\].*+?{}^$]|\\[^\w\s])+)"
_LEADING_WORDS = re.compile(rf"\(({_CHOICE}(?:\|{_CHOICE})+)\)(?![?*+{{])")
# A pattern opening with a counted digit run ("\d{4}年"): as "\d\d{3}", it opens with a character set, which the
# regex engine scans for instead of trying the pattern at every position of the text.
_COUNTED_DIGITS = re.compile(r"\\d\{([2-9]|[1-9]\d+)\}")
_BACKREFERENCE = re.compile(r"\\\d|\(\?P=")


def _signal(pattern: str) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """A signal as patterns of which one occurs where it occurs, each compiled with whether it is searched in the
    text after a leading line break. "(部门|单位)X" becomes "部门X" and "单位X". A pattern anchored at a line start
    as a whole ("^…", multiline, no "|" outside a group) is searched as "\\n…" in "\\n" + text, which matches at
    the same places. Either way the regex engine scans for a literal instead of trying the pattern at every
    position: several times faster over a large document, where most signals never match.

    >>> [(p.pattern, after_break) for p, after_break in _signal("(部门|单位)预算编制说明$")]
    [('部门预算编制说明$', False), ('单位预算编制说明$', False)]
    >>> [(p.pattern, after_break) for p, after_break in _signal("^编制(部门|单位)")]
    [('\\n编制(部门|单位)', True)]
    >>> [after_break for _, after_break in _signal("^预算|编制") + _signal("(部门|单位)?表")]
    [False, False]
    """
    words = _LEADING_WORDS.match(pattern)
    if words and not _BACKREFERENCE.search(pattern):
        rest = pattern[words.end() :]
        if not _alternation_outside_groups(rest):
            return tuple(_compiled(word + rest) for word in words[1].split("|"))
    return (_compiled(pattern),)


def _compiled(pattern: str) -> tuple[re.Pattern[str], bool]:
    if digits := _COUNTED_DIGITS.match(pattern):
        pattern = rf"\d\d{{{int(digits[1]) - 1}}}" + pattern[digits.end() :]
    if pattern.startswith("^") and not _alternation_outside_groups(pattern):
        return re.compile("\n" + pattern[1:], re.MULTILINE), True
    return re.compile(pattern, re.MULTILINE), False


def _alternation_outside_groups(pattern: str) -> bool:
    """Whether the pattern has a "|" outside parentheses (escapes and character classes skipped).

    >>> _alternation_outside_groups("^a(b|c)[|]"), _alternation_outside_groups("^a|b")
    (False, True)
    """
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
    return False


# The plain characters a pattern starts with (up to its first regex construct).
_PLAIN = re.compile(r"[^\\\[\](){}.*+?^$|]*")
_ESCAPED = re.compile(r"\\([^\w\s])")


@cache
def _searches(pattern: str) -> tuple[tuple[re.Pattern[str], bool, str], ...]:
    """The signal's patterns (:func:`_signal`), each with the text every match of it starts with: where that text
    is missing the pattern cannot match, and `in` finds that out faster than the regex engine scans a large
    document (most signals of the other layouts never occur in it).

    >>> [literal for _, _, literal in _searches("(部门|单位)预算编制说明$") + _searches("^编制(部门|单位)")]
    ['部门预算编制说明', '单位预算编制说明', '\\n编制']
    >>> [literal for _, _, literal in _searches("年度?决算") + _searches("\\\\d{4}年") + _searches("预算|编制")]
    ['年', '', '']
    """
    return tuple((p, after_break, _required(p.pattern)) for p, after_break in _signal(pattern))


def _required(pattern: str) -> str:
    if _alternation_outside_groups(pattern):
        return ""
    escaped = _ESCAPED.match(pattern)  # an escaped punctuation mark first ("\\]…"): the mark itself
    if escaped:
        return escaped[1] + _required(pattern[2:]) if pattern[2:3] not in ("?", "*", "{") else ""
    plain = _PLAIN.match(pattern)[0]  # type: ignore[index]  # it matches the empty string at least
    return plain[:-1] if pattern[len(plain) : len(plain) + 1] in ("?", "*", "{") else plain


def count_signals(patterns: Sequence[str], text: str) -> int:
    """How many of the patterns occur in the text (multiline)."""
    after_break = "\n" + text
    count = 0
    for pattern in patterns:
        for p, at_line_start, literal in _searches(pattern):
            target = after_break if at_line_start else text
            if literal in target and p.search(target):
                count += 1
                break
    return count
