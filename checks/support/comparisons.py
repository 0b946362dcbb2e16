"""What the statements of one item compare: A → B behind a change, completion or verdict; the whole behind
a share; a heading amount printed again. Readings only, no rules (see checks/support/statements.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from checks.support.item_rows import item_rows
from checks.support.lookup import per_part
from checks.support.money import convert
from checks.support.statements import Item, Statement, items
from parsing.model import BudgetDocument

_COMPARISON_PHRASE = re.compile(
    r"^.*(?:相比|同比)|^(?:比|较|与)(?:20\d\d年度?|上一?年度?)?(?:预算执行数|执行数|预算数|预算|决算数|决算)?"
)


@dataclass(frozen=True)
class Comparison:
    """A change, completion or verdict with the two figures it speaks of: A (before) and B (after)."""

    claim: Statement
    before: Statement | None  # None when A is derived as B − Δ from a level and its stated change
    after: Statement
    others: tuple[Statement, ...] = ()  # every other A of the item, for a verdict that names no basis

    def base(self, unit: str) -> Decimal:
        if self.before is not None:
            return money(self.before, unit)
        return money(self.after, unit) - self.claim.sign * money(self.claim, unit)


def money(statement: Statement, unit: str) -> Decimal:
    """A statement's amount in the document unit."""
    return convert(statement.value or Decimal(0), statement.unit or unit, unit)


def half_step(statement: Statement, unit: str) -> Decimal:
    """Half the last printed digit of a statement's amount, in the document unit (2.85万元 -> 0.005)."""
    return convert(Decimal(5).scaleb(-statement.decimals - 1), statement.unit or unit, unit)


def _level_for(change: Statement, before: list[Statement], text: str) -> Statement | None:
    """The level a "增加Δ，增长p%" change speaks of: the last level whose clause ends with the change's subject."""
    said = _COMPARISON_PHRASE.sub("", change.subject)
    for level in reversed(before):
        if level.kind != "level":
            continue
        if (said and level.subject.endswith(said)) or (
            not said and "。" not in text[level.end : change.start]
        ):
            return level
    return None


def _level_before(before: Statement, item: Item) -> Statement | None:
    """The level just before `before` in the same sentence, if any."""
    levels = [s for s in item.statements if s.kind == "level" and s.end <= before.start]
    if levels and "。" not in item.text[levels[-1].end : before.start]:
        return levels[-1]
    return None


def comparisons(item: Item) -> list[Comparison]:
    """Each change, completion or verdict of an item paired with the A and B figures it compares.

    A and B are the last before/after figures since the previous claim (the completion's or verdict's basis,
    年初/全年, picks among several A); a verdict may reuse the pair just compared. A change stating both an
    amount and a % with no A/B pair compares with the level it follows (A = B − Δ).
    """
    out: list[Comparison] = []
    fresh: list[Statement] = []
    last: tuple[Statement, Statement] | None = None
    for index, st in enumerate(item.statements):
        if st.kind not in ("change", "completion", "verdict"):
            fresh.append(st)
            continue
        befores = [s for s in fresh if s.kind == "before" and (not st.basis or s.basis == st.basis)]
        afters = [s for s in fresh if s.kind == "after"]
        if befores and not afters and st.kind == "change":
            afters = [
                _level_before(befores[-1], item)
            ]  # "支出4.50万元，比上年执行数5.00万元减少…": B = the level
            afters = [a for a in afters if a is not None]
        if befores and afters:
            last = (befores[-1], afters[-1])
        elif st.kind == "change" and st.value is not None and st.percent is not None:
            level = _level_for(st, item.statements[:index], item.text)
            if level is not None:
                out.append(Comparison(st, None, level))
            fresh = []
            continue
        elif st.kind != "verdict" or last is None:
            fresh = [] if st.kind != "verdict" else fresh
            continue
        others = tuple(s for s in item.statements if s.kind == "before" and s is not last[0])
        out.append(Comparison(st, *last, others if st.kind == "verdict" and not st.basis else ()))
        fresh = []
    return out


@dataclass(frozen=True)
class Share:
    """ "占p%" with the part it follows and the whole it is a share of (a stated total, or the listed parts)."""

    claim: Statement
    part: Statement
    whole: Decimal
    whole_half: Decimal  # rounding of the whole, in the document unit
    whole_text: str
    listed: Decimal  # the sum of all "占p%" of the sentence (100 when the list is complete)


def shares(doc_items: Sequence[Item], unit: str) -> list[Share]:
    """Every "占p%" whose part and whole can be read: "占X的p%" names X (a level elsewhere in the part); else
    the sentence's first amount before the list ("支出9746.50万元，主要用于：…754.75万元，占7.74%"); else, when
    the shares of the sentence add up to 100, the sum of their parts.
    """
    levels = [s for item in doc_items for s in item.statements if s.kind == "level"]
    out: list[Share] = []
    for item in doc_items:
        sts = item.statements
        for index, st in enumerate(sts):
            if st.kind != "share" or index == 0 or sts[index - 1].kind not in ("level", "after"):
                continue
            part = sts[index - 1]
            start, end = item.text.rfind("。", 0, st.start) + 1, item.text.find("。", st.start)
            sentence = [s for s in sts if start <= s.start and (end < 0 or s.start < end)]
            listed = sum((s.percent or Decimal(0) for s in sentence if s.kind == "share"), Decimal(0))
            if st.word:
                named = [lv for lv in levels if lv is not part and lv.subject.endswith(st.word)]
                if len(named) == 1:
                    lv = named[0]
                    out.append(
                        Share(st, part, money(lv, unit), half_step(lv, unit), lv.subject + lv.text, listed)
                    )
                continue
            first, second = sentence[0], sentence[1]
            if first.kind == "level" and first is not part and second.kind != "share":
                out.append(
                    Share(
                        st,
                        part,
                        money(first, unit),
                        half_step(first, unit),
                        first.subject + first.text,
                        listed,
                    )
                )
                continue
            parts = [sentence[i - 1] for i, s in enumerate(sentence) if s.kind == "share" and i]
            if listed == 100:
                whole = sum((money(p, unit) for p in parts), Decimal(0))
                half = sum((half_step(p, unit) for p in parts), Decimal(0))
                out.append(Share(st, part, whole, half, "所列各项之和", listed))
    return out


def restated(item: Item, unit: str) -> list[tuple[Statement, Statement]]:
    """(heading, restatement) pairs where an item's heading amount is printed again as this year's figure
    ("…（项）”350.35万元 … 2024年预算安排352.67万元") with another value, beyond both figures' rounding."""
    heading = next((s for s in item.statements if s.kind == "heading" and s.value is not None), None)
    if heading is None:
        return []
    out = []
    for st in item.statements:
        if st.kind == "after" and st.value is not None:
            gap = abs(money(st, unit) - money(heading, unit))
            same = st.decimals == heading.decimals and st.unit == heading.unit
            if gap > (0 if same else half_step(st, unit) + half_step(heading, unit)):
                out.append((heading, st))
    return out


def judged(doc: BudgetDocument) -> tuple[Comparison, ...]:
    """Every comparison of the part, leaving out 编制说明 items NAR015 already judges (上年数 and change parsed)
    and any whose B contradicts the item's heading amount or its table row (each reported once, by NAR022 or
    NAR023, not again as a wrong rate or direction). In a 决算, "完成预算的 p%" and "决算数大于/小于预算数" are
    NAR032's (the 决算 rule reads them with the item's 年初/全年预算), so they are left out. Read once per part."""
    return per_part("judged_comparisons", doc, lambda d: tuple(_judged(d)))


def _judged(doc: BudgetDocument) -> Iterator[Comparison]:
    covered = {b.line for b in doc.budget_items if b.last_year is not None and b.stated_change is not None}
    for item, found in zip(items(doc), item_rows(doc), strict=True):
        if not item.statements or item.lines[0] in covered:
            continue  # an item stating nothing compares nothing: most items
        conflicting = {id(st) for _, st in restated(item, doc.unit)}
        if found is not None and not found.agrees:
            conflicting.add(id(found.stated))  # NAR023 reports the figure against its table row
        yield from (
            c
            for c in comparisons(item)
            if id(c.after) not in conflicting
            and not (doc.kind == "final_accounts" and c.claim.kind in ("completion", "verdict"))
        )
