"""Numbered lists in the text (1、 / 1. / （一） / （1） / ①): gaps, repeats, numbers going back, doubled markers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.structure import FORMAT
from checks.support.texts import Item, breaks_inside, found_at, indexes_opening, items
from parsing.model import BudgetDocument
from parsing.text import chinese_numeral, strip_bookmarks

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_KINDS = (
    ("（一）", re.compile(rf"[（(]([{_CN}]{{1,3}})[)）]")),
    ("（1）", re.compile(r"[（(](\d{1,2})[)）]")),
    ("一、", re.compile(rf"([{_CN}]{{1,3}})[、.．](?![{_CN}])")),
    ("1、", re.compile(r"(\d{1,2})、")),
    ("1.", re.compile(r"(\d{1,2})[.．](?![\d.．%])")),
    ("1）", re.compile(r"(\d{1,2})[)）]")),
    ("①", re.compile(rf"([{_CIRCLED}])")),
)
# Where a list item may start inside a paragraph: after a clause mark ("…；2.完善制度"); the match ends there.
# The mark is matched, not looked behind: a leading character class lets the search skip ahead (twice as fast).
_INLINE_MARKER = r"\s*(?=[（(\d①-⑳])(?=[（(]?\d{1,2}[、.．)）]|[①-⑳])"
_INLINE_START = re.compile(r"[；;。：:！？\n]" + _INLINE_MARKER)
# The same without the line break: when no item holds one, a match from a "\n" (between two items) runs past the
# item's end and is dropped, and it cannot take away a match from a clause mark (half as many places to try).
_INLINE_START_AT_MARK = re.compile(r"[；;。：:！？]" + _INLINE_MARKER)
# The first characters of _KINDS' and _DOUBLED's markers: a test on one character before any pattern is tried.
_STARTS = frozenset(f"（({_CN}{_CIRCLED}0123456789")
# How a paragraph opens when it may open with a marker (any kind's, or _DOUBLED's) or a bookmark: most paragraphs
# opening with a digit ("2024年", "100%") are not read further. A filter, wider than what it lets through: unlike
# checks.support.texts.LIST_MARKER (a list item's marker, for joining PDF lines and lint's lead-ins), it lets in any
# opening bracket (_DOUBLED's "（a）（a）" holds any three characters) and "[" (a bookmark before the marker).
_MAY_LEAD = re.compile(rf"[\[（(①-⑳]|[{_CN}\d]{{1,3}}[、.．)）]")
_INLINE_KINDS = ("（1）", "1、", "1.", "1）", "①")
# "1.1." or "1、1、" where one item number is meant.
_DOUBLED = re.compile(
    r"^(\d{1,2}[.．、]\s*\d{1,2}[.．、](?!\d)|([（(][^()（）]{1,3}[)）])\s*\2|([一二三四五六七八九十\d]{1,2}、)\s*\3)"
)


class Marker(NamedTuple):
    kind: str
    number: int
    text: str
    offset: int


def _number(kind: str, raw: str) -> int | None:
    if kind == "①":
        return _CIRCLED.index(raw) + 1
    return int(raw) if raw.isdigit() else chinese_numeral(raw)


def marker_at(text: str, offset: int = 0, kinds: tuple[str, ...] | None = None) -> Marker | None:
    """The list marker starting at `offset`, if any.

    >>> marker_at("（二）分项绩效目标"), marker_at("3.完善制度").number, marker_at("2024.5完成"), marker_at("1.5万元")
    (Marker(kind='（一）', number=2, text='（二）', offset=0), 3, None, None)
    """
    chosen, either = _either(kinds)
    match = either.match(text, offset)
    if match is None:
        return None
    index = match.lastindex - 1  # type: ignore[operator]  # each kind's pattern has one group
    if (number := _number(chosen[index][0], match.group(index + 1))) is not None:
        return Marker(chosen[index][0], number, match.group(0), offset)
    for kind, pattern in chosen[index + 1 :]:  # not a numeral after all ("十十、"): the next kinds, in order
        match = pattern.match(text, offset)
        if match and (number := _number(kind, match.group(1))) is not None:
            return Marker(kind, number, match.group(0), offset)
    return None


@cache
def _either(kinds: tuple[str, ...] | None) -> tuple[tuple[tuple[str, re.Pattern[str]], ...], re.Pattern[str]]:
    """The kinds asked for and one pattern trying them in order: one match call instead of one per kind."""
    chosen = tuple((kind, pattern) for kind, pattern in _KINDS if kinds is None or kind in kinds)
    return chosen, re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in chosen))


@lru_cache(maxsize=1 << 12)  # indicator values and list items recur across projects and parts
def _lead(text: str) -> Marker | None:
    """The list marker a paragraph opens with."""
    return marker_at(text) if text[:1] in _STARTS else None


def _markers(item: Item, inline: list[int]) -> Iterator[tuple[str, Marker]]:
    """(scope, marker): the paragraph's leading marker, then markers inside it (at `inline` offsets, found by one
    search over the part) in a scope of their own."""
    text = item.text
    if "[" in text:  # "[bookmark: _Toc…]" before a heading
        text = strip_bookmarks(text).strip()
        inline = [m.end() for m in _INLINE_START.finditer(text)]
    if lead := _lead(text):
        yield "", lead
    for offset in sorted(set(inline)):
        if offset and (found := marker_at(text, offset, _INLINE_KINDS)):
            # A marker opening a new line of the cell continues the paragraph's list; one after "；" is its own.
            yield "" if "\n" in text[max(offset - 3, 0) : offset] else f"{item.line}", found


def _breaks(sequence: list[tuple[Item, Marker]]) -> Iterator[tuple[Item, Marker, str]]:
    """Walk one scope's markers with a stack of open lists (a new kind nests; an outer kind closes inner ones)."""
    stack: list[tuple[str, int]] = []
    for item, marker in sequence:
        if marker.kind == "?":  # "1.1.": an item of the innermost "1、"/"1." list, its number unknown
            digits = [i for i, (kind, _) in enumerate(stack) if kind in ("1、", "1.", "1）")]
            if digits:
                del stack[digits[-1] + 1 :]
                stack[-1] = (stack[-1][0], 0)
            continue
        depth = next((i for i, (kind, _) in enumerate(stack) if kind == marker.kind), None)
        if depth is None:
            stack.append((marker.kind, marker.number))
            continue
        last = stack[depth][1]
        del stack[depth + 1 :]
        stack[depth] = (marker.kind, marker.number)
        if marker.number in (1, last + 1) or last == 0 or marker.kind == "一、":
            continue  # "一、" numbers chapters (STR008's) and, in PDFs, the 类 rows of tables read as text
        if marker.number == last:
            yield item, marker, f"序号“{marker.text}”与上一项重复"
        elif marker.number < last:
            yield item, marker, f"序号“{marker.text}”小于上一项（{last}），编号倒退"
        else:
            yield item, marker, f"序号从{last}跳到“{marker.text}”，中间缺{marker.number - last - 1}项"


@register(
    "STR011",
    "list-numbering",
    title="文字中的列表序号跳号、重复或倒退",
    severity=Severity.INFO,
    regulation=FORMAT,
)
def list_numbering(doc: BudgetDocument) -> Iterator[Hit]:
    """文字中的编号列表（1、 1. （一） （1） 1） ①）跳号、重复或倒退，以及重复书写的序号（“1.1.”）。

    为什么：编号为1、2、4、的列表，通常是修改时删掉了一项（或保留了模板的编号）；“1.1.”作为一项的序号是录入失误；
    两者都不符合操作规程要求的形式规范。列表可以嵌套：外层的一项（（二））结束内层列表（1、2、），下一个内层列表
    可以重新从1开始。章节编号归 STR008，表格序号归 STR005。
    示例：“1、…”“2、…”“4、…”在“4、”处报告一条；“（一）… 1、 2、 （二）… 1、 2、”不报告；一段以“1.1.加强预算管理”
    开头报告一条。
    """
    scopes: dict[tuple[str, str | None, str | None, str], list[tuple[Item, Marker]]] = {}
    all_items = items(doc)
    inline: dict[int, list[int]] = {}
    for index, _, end in found_at(doc, _INLINE_START if breaks_inside(doc) else _INLINE_START_AT_MARK):
        # A match past the end runs from a mark ending the item into the next one, which opens with its own lead.
        if end < len(all_items[index].text):
            inline.setdefault(index, []).append(end)
    # The items with a marker at their start or inside: most items have neither.
    for index in sorted({*indexes_opening(doc, _MAY_LEAD), *inline}):
        item = all_items[index]
        text = item.text
        if "[" in text:
            text = strip_bookmarks(text).strip()
        if text[:1] in _STARTS and _DOUBLED.match(text):
            yield Hit(
                message=f"{item.label}：序号“{_DOUBLED.match(text).group(0).strip()}”重复书写（“{text[:24]}…”）",  # type: ignore[union-attr]
                line=item.line,
                row=item.field or item.where,
                project=item.project,
                hint="保留一个序号。",
            )
            # The item still takes its place in the innermost open list, number unknown.
            scopes.setdefault((item.where, item.project, item.field, ""), []).append(
                (item, Marker("?", 0, "", 0))
            )
            continue
        for scope, marker in _markers(item, inline.get(index, [])):
            scopes.setdefault((item.where, item.project, item.field, scope), []).append((item, marker))
    for sequence in scopes.values():
        for item, marker, what in _breaks(sequence):
            offset = item.text.find(marker.text, marker.offset)
            yield Hit(
                message=f"{item.label}：{what}（“{item.text[max(offset, 0) : max(offset, 0) + 24]}…”）",
                line=item.line_at(max(offset, 0)),
                row=item.field or item.where,
                project=item.project,
                hint="核对是否漏写、多写了一项或编号有误。",
            )
