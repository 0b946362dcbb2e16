"""Narrative: one total stated twice (收入 = 支出) with two different 比上年 changes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.figures import Figure
from checks.support.money import precision
from checks.support.narrative import paragraph_figures
from parsing.model import BudgetDocument

_DIRECTION = re.compile(r"(增加|增长|上升|提高|减少|下降|降低)了?$")
_COMPARED = re.compile(r"比|较|与|同比|上一?年")
_LEVEL = re.compile(r"收入|支出|收支")
_NOT_LEVEL = re.compile(r"基本支出|项目支出|人员|公用|三公|运行经费|采购|资产")


def _stated_changes(doc: BudgetDocument) -> Iterator[tuple[Figure, Figure, Decimal]]:
    """(level, change, signed change) where an income/expenditure total is followed by its 比上年 change."""
    for para in paragraph_figures(doc, "overview"):
        for level, change in pairwise(para):
            direction = _DIRECTION.search(change.label)
            if (
                level.changed
                or level.rate
                or level.past(doc.budget_year)
                or not level.value
                or not _LEVEL.search(level.label)
                or _NOT_LEVEL.search(level.label)
                or direction is None
                or not _COMPARED.search(change.label)
                or re.search(r"[。；;]", change.lead)
            ):
                continue
            sign = -1 if re.search("减|降", direction.group(1)) else 1
            yield level, change, sign * change.amount(doc.unit)


@register(
    "NAR016",
    "same-level-different-change",
    title="同一金额的比上年增减额前后不一",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def same_level_different_change(doc: BudgetDocument) -> Iterator[Hit]:
    """总体情况中金额相同的总数（收入 = 支出）应有相同的比上年增减额。

    为什么：没有结转时，财政拨款收入与财政拨款支出是同一笔钱，从同一基数出发增减也相同；出现两个不同的增减数（
    常见一处比“预算执行数”、一处比“预算”），说明某个基数或增减数有误，或文字未加说明地混用了两个基数。
    示例：“财政拨款收入150.00万元，比2024年预算执行数增加10.00万元”和“财政拨款支出预算150.00万元，比2024年预算
    执行数增加10.00万元”，通过；“…支出预算150.00万元，比2024年预算增加12.00万元”，不通过。
    """
    groups: dict[Decimal, list[tuple[Figure, Figure, Decimal]]] = {}
    for level, change, signed in _stated_changes(doc):
        groups.setdefault(level.amount(doc.unit), []).append((level, change, signed))
    for statements in groups.values():
        first_level, first_change, first = statements[0]
        step = precision(doc.unit, *(c.unit for _, c, _ in statements))
        other = next(((lv, ch, s) for lv, ch, s in statements if abs(s - first) * 2 > step), None)
        if other is None:
            continue
        level, change, signed = other
        bases = {_DIRECTION.sub("", c.label) for c in (first_change, change)}
        yield Hit(
            message=f"{_said(first_level, first_change)}，而{_said(level, change)}：同为{level.raw}，比上年增减额不同"
            + ("（比较基数的表述也不同）" if len(bases) > 1 else ""),
            line=change.line,
            row=level.label,
            expected=first,
            actual=signed,
            hint="收支相等时收入与支出的比上年增减额应一致；统一比较基数（预算数或预算执行数）并核对增减额。",
        )


def _said(level: Figure, change: Figure) -> str:
    """A level and its change as the text says them.

    >>> from checks.support.figures import figures
    >>> _said(*figures("财政拨款收入150.00万元，比2024年预算增加10.00万元"))
    '“财政拨款收入150.00万元”比2024年预算增加10.00万元'
    """
    return f"“{level.label}{level.raw}”{change.label}{change.raw}"
