"""Itemised breakdowns in text: a total, a list opener and the amounts listed after it. Readings only, no rules.

Built on the statements layer (checks/support/statements.py): the opener is its "list" phrasing, the total and
the items are its levels. Per opener:

- the total is the last amount stated before the opener in its sentence ("机关运行经费61.36万元，其中…"), or in the
  sentence before when the opener starts a sentence ("…46.56万元，比上年增加25万元。其中：…"); none when the amount
  just before the opener is a change ("较上年增加492.28万元，其中：基本支出增加…" breaks down the change). In a
  project's 资金用途 without a stated total, the project's 预算数 stands in;
- the items are the levels after the opener up to the sentence end; a list opened inside another list after a
  comma ("基本支出706.36万元，包括人员经费…和公用经费…；项目支出…") ends at the next semicolon, and its items are
  its own, not the outer list's; amounts in brackets ("（含外宾接待支出0.00万元）"), thresholds ("单价100万元以上")
  and per-unit rates are no items; "合计X" closing the list restates the total;
- complete or partial, from the wording: "等" or "……" after the items, or a single item, makes it partial (the items
  may fall short of the total, never exceed it); "其中" is partial unless the list closes with "合计", its last item
  is a residual ("其他…") or its items are the known halves of the total (基本/项目, 人员/公用, 购置/运行,
  货物/工程/服务); every other opener ("包括", "主要用于", "分别为" …) claims the whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from checks.support.comparisons import money
from checks.support.indicators import project_budget
from checks.support.lookup import per_part
from checks.support.money import convert
from checks.support.statements import DOWN, FLAT, UP, Item, Statement, items
from parsing.model import BudgetDocument, Project

_AMOUNTS = ("level", "after", "heading")
_CLOSING = re.compile(r"(?:合计|共计|总计|总额|总共|共)(?:为|是)?")  # the whole clause: "…，合计1170.00万"
_OPENER = re.compile(
    r"^[:、]*(?:其中|分别为|分别是|具体为|具体包括|明细如下|构成为|(?:主要)?(?:包括|用于)|主要为)"
    r"(?:以下(?:几个)?方面|如下)?:?"
)
_TAIL = re.compile(r"(?:分别|合计|共计)?(?:为|是|约)+$")
_PREVIOUS = re.compile(r"^.*(?:\d(?:亿元|万元|元|万)[、和及与]?)")  # earlier items of the same clause
# "…10万元等。", "等费用；", "……" (not "自然资源海洋气象等支出（类）", a name)
_PARTIAL = re.compile(r"等[\u4e00-\u9fff]{0,4}(?=[,;。)]|$)|…|\.{3}")
_NOT_ITEM_BEFORE = re.compile(r"(?:单价|每|人均|标准|不超过|最高|约)$")
_NOT_ITEM_AFTER = re.compile(r"^(?:\(含\))?(?:以上|以下|以内|/|每)")
_RESIDUAL = re.compile(r"^其他")
_CHANGED = re.compile(rf"(?:{UP}|{DOWN}|{FLAT})了?$")  # "其中：基本支出减少158.43万元": a change, no level
# Halves of a total that a "其中" list names completely when it names them all.
_KNOWN_SETS = (
    ("基本支出", "项目支出"),
    ("人员经费", "公用经费"),
    ("购置", "运行"),
    ("货物", "工程", "服务"),
    ("出国", "公务用车", "接待"),
)


@dataclass(frozen=True)
class Breakdown:
    """One list of amounts under a total: the total (a statement, or the project's 预算数) and the items."""

    item: Item
    opener: Statement
    parts: tuple[Statement, ...]
    total: Statement | None  # the stated total; None when the project's 预算数 stands in
    budget: Decimal | None  # the 预算数 standing in (document unit)
    complete: bool
    reason: str  # why complete or partial, for the message
    project: Project | None = None

    def target(self, unit: str) -> Decimal:
        return money(self.total, unit) if self.total is not None else self.budget or Decimal(0)

    def target_text(self, unit: str) -> str:
        if self.total is None:
            return f"预算数{self.budget}{unit}"
        said = shown(name(self.total)) or "总额"
        said = said if len(said) <= 24 else "…" + said[-24:]
        return f"“{said}”{self.total.value}{self.total.unit or unit}"

    def listed(self, unit: str) -> Decimal:
        return sum((money(p, unit) for p in self.parts), Decimal(0))

    def step(self, unit: str) -> Decimal:
        """Rounding step in the document unit: the finest printed digit of the figures (0.01 at the coarsest)."""
        figures = [*self.parts, *([self.total] if self.total is not None else [])]
        decimals = max([2, *(f.decimals for f in figures)])
        return max(convert(Decimal(1).scaleb(-decimals), f.unit or unit, unit) for f in figures)

    def repeated(self) -> list[str]:
        """Item names listed twice or more, in order of their second mention."""
        seen: set[str] = set()
        out: list[str] = []
        for part in self.parts:
            key = name(part)
            if len(key) >= 2 and key in seen and key not in out:
                out.append(key)
            seen.add(key)
        return out

    @property
    def line(self) -> int | None:
        return self.total.line if self.total is not None else self.opener.line


def name(statement: Statement) -> str:
    """An item's name: its clause words without the list opener and the linking words.

    >>> from checks.support.statements import Statement
    >>> name(Statement("level", 0, 0, 1, "", subject="其中:公务用车购置费为"))
    '公务用车购置费'
    >>> name(Statement("level", 0, 0, 1, "", subject="包括人员经费77.86万元和日常公用经费"))
    '日常公用经费'
    """
    return _TAIL.sub("", _OPENER.sub("", _PREVIOUS.sub("", statement.subject)))


def shown(text: str) -> str:
    """Brackets full-width again, as the reader saw them (the item text was read in ASCII)."""
    return text.replace("(", "（").replace(")", "）")


def _depths(text: str) -> list[int]:
    """Bracket depth at each offset (the item text is cleaned: brackets are ASCII)."""
    out, depth = [], 0
    for ch in text:
        if ch == ")":
            depth = max(0, depth - 1)
        out.append(depth)
        if ch == "(":
            depth += 1
    return out


def _end(text: str, depth: list[int], start: int, stops: str) -> int:
    """The first stop character at the depth of `start` (or the bracket that closes it), else the text's end."""
    level = depth[start] if start < len(depth) else 0
    for i in range(start, len(text)):
        if depth[i] < level or (depth[i] == level and text[i] in stops):
            return i
    return len(text)


def _is_item(st: Statement, text: str) -> bool:
    if st.kind not in ("level", "after") or st.value is None:
        return False
    return not (_NOT_ITEM_BEFORE.search(st.subject) or _NOT_ITEM_AFTER.match(text[st.end : st.end + 4]))


def _complete(opener: Statement, parts: list[Statement], closing: bool, text: str) -> tuple[bool, str]:
    if _PARTIAL.search(text):
        return False, "列举中有“等”或“……”，按部分列举核对（分项之和不应超过总额）"
    if closing:
        return True, "列举后写明合计"
    if len(parts) < 2:
        return False, "只列一项，按部分列举核对（不应超过总额）"
    if opener.word != "其中":
        return True, f"“{opener.word}”后列举全部分项"
    names = [name(p) for p in parts]
    if _RESIDUAL.match(names[-1]):
        return True, "“其中”列举以“其他”项收尾，即全部分项"
    for known in _KNOWN_SETS:
        if len(known) == len(names) and all(any(w in n for n in names) for w in known):
            return True, f"“其中”列举的{'、'.join(known)}即全部分项"
    return False, "“其中”列举可为部分分项（分项之和不应超过总额）"


def _total(item: Item, opener: Statement, depth: list[int]) -> Statement | None:
    text = item.text
    start = text.rfind("。", 0, opener.start) + 1
    opens = not text[start : opener.start].strip(":、")
    if opens:  # the opener starts a sentence: the total is the last sentence's amount, past its change if any
        start = text.rfind("。", 0, max(start - 1, 0)) + 1
    level = depth[opener.start]
    if text[opener.start - 1 : opener.start] == "(":
        level -= 1  # "…运维费4.86万元（其中：…）": the total stands outside the bracket
    before = [
        s
        for s in item.statements
        if start <= s.start
        and s.end <= opener.start
        and depth[s.start] == level
        and s.kind not in ("share", "list")
        and (s.kind in _AMOUNTS or not opens)
    ]
    if not before or before[-1].kind not in _AMOUNTS or before[-1].value is None:
        return None  # nothing, or a change just before: the list breaks down the change
    if before[-1].kind != "heading" and not _is_item(before[-1], text):
        return None  # a rate or threshold ("单价2万元"), no total
    return before[-1]


def _breakdowns(item: Item, project: Project | None) -> Iterator[Breakdown]:
    text, sts = item.text, item.statements
    openers = [s for s in sts if s.kind == "list"]
    if not openers:
        return
    depth = _depths(text)
    ranges: list[tuple[int, int]] = []  # (start, end) of each opener's list
    for opener in openers:
        outer = next((r for r in ranges if r[0] <= opener.start < r[1]), None)
        nested = outer is not None and text[opener.start - 1 : opener.start] == ","
        end = _end(text, depth, opener.end, ";。" if nested else "。")
        if outer is not None:
            end = min(end, outer[1])
        ranges.append((opener.start, end))
    for index, (opener, (start, end)) in enumerate(zip(openers, ranges, strict=True)):
        inner = [r for r in ranges[index + 1 :] if start < r[0] < end]
        parts: list[Statement] = []
        closing: Statement | None = None
        for st in sts:
            if not (opener.end <= st.start < end) or depth[st.start] != depth[opener.start]:
                continue
            if any(a <= st.start < b for a, b in inner) or not _is_item(st, text):
                continue
            if _CLOSING.fullmatch(_OPENER.sub("", _PREVIOUS.sub("", st.subject))):
                closing = st
                break
            parts.append(st)
        if not parts or any(_CHANGED.search(p.subject) for p in parts):
            continue  # a list of changes breaks down a change (NAR003's), not a level
        total = _total(item, opener, depth) or closing
        budget = project_budget(project) if project is not None and total is None else None
        if total is None and budget is None:
            continue
        last = (closing or parts[-1]).end
        stop = _end(text, depth, last, ",;。、")
        said = text[opener.start : stop]
        if inner:  # the words of the lists opened inside this one are not this list's
            said = "".join(
                ch for i, ch in enumerate(said, opener.start) if not any(a <= i < b for a, b in inner)
            )
        complete, reason = _complete(opener, parts, closing is not None, said)
        yield Breakdown(item, opener, tuple(parts), total, budget, complete, reason, project)


def breakdowns(doc: BudgetDocument) -> tuple[Breakdown, ...]:
    """Every itemised breakdown of the part, in document order (read once per part)."""
    return per_part("breakdowns", doc, _all)


def _all(doc: BudgetDocument) -> tuple[Breakdown, ...]:
    by_line = {p.purpose_line: p for p in doc.projects if p.purpose_line}
    out: list[Breakdown] = []
    for item in items(doc):
        if item.statements:  # a list opener is a statement: most items state nothing
            project = by_line.get(item.lines[0]) if item.lines else None
            out.extend(_breakdowns(item, project))
    return tuple(out)
