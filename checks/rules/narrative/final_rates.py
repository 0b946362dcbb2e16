"""决算 情况说明: shares ("占 p%") and completion rates ("完成年初预算的 p%", 大于/小于/持平) recomputed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.final import NUM, cell_of, decimal, percent_fits, share_bounds, stream
from checks.support.final_items import disagreeing_offsets
from parsing.model import BudgetDocument

_SHARE = re.compile(NUM + r"万元[,，]?占(?P<base>[^\d%,，;。]{0,16}?的)?" + r"(?P<pct>\d+(?:\.\d+)?)%")
_AMOUNT = re.compile(NUM + r"万元")
_BASES = {  # a share's named base -> the 决算 table cell it means
    "本年支出合计": ("final_summary", "amount", ("本年支出合计",), "expense"),
    "本年收入合计": ("final_summary", "amount", ("本年收入合计",), "income"),
}
_N = NUM[1:-1]  # the number without its group
_RATE = re.compile(
    rf"(?:年初预算数?为(?P<a>{_N})万元[,，]?)?(?:(?P<cname>全年|调整后?)预算数?为(?P<c>{_N})万元[,，]?)?"
    rf"(?:支出)?决算数?为(?P<b>{_N})万元[。,，]?(?:完成(?P<of>年初|全年|调整后?)?预算数?的(?P<pct>{_N})%)?"
)
_DIRECTION = re.compile(
    r"决算数?(?P<word>大于|小于|等于|同|与)(?P<of>年初|全年|调整后?)?预算数?(?P<flat>持平)?"
)
_NOTE = "金额按四舍五入到0.01万元、百分比按末位±1计"


def _base(doc: BudgetDocument, text: str, start: int, match: re.Match[str], shares: list[re.Match[str]]):
    """The amount a share is of: the base it names, else the sentence's first amount that has no share of its
    own, else the sum of the sentence's shared amounts (they then add up to 100%)."""
    named = match["base"]
    if named:
        key = next((k for k in _BASES if k in named), None)
        if key is None:
            return None
        table, column, words, side = _BASES[key]
        found = cell_of(doc, table, column, *words, side=side)
        return (found.amount.value, 1, found.where) if found else None
    shared = {m.start() for m in shares}
    for amount in _AMOUNT.finditer(text, start, match.start()):
        if amount.start() not in shared:
            return decimal(amount[1]), 1, f"{amount[1]}万元"
    total = sum((decimal(m[1]) for m in shares), Decimal(0))
    return total, len(shares), "同句各项之和 " + f"{total:,.2f}万元"


@register(
    "NAR031",
    "final-share",
    title="决算说明中的占比与金额不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def final_shares(doc: BudgetDocument) -> Iterator[Hit]:
    """决算情况说明所写的占比（“754.75 万元，占 7.74%”）等于该金额除以其基数。

    为什么：情况说明中的占比是手工计算的；基数用错或数字抄错，就表现为金额算不出的占比。基数取句中写明的（“占本年
    支出合计的”），否则取句中第一个不带占比的金额（被分项的合计），再否则取句中各项之和。容差：金额按0.01万元舍入，
    百分比按所印末位（±1，截尾或四舍五入均可）。
    示例：“一般公共预算财政拨款支出 9746.50 万元，主要用于：…城乡社区支出（类）3832.36 万元，占 39.32%”通过；
    “占 39.00%”不通过（3832.36 / 9746.50 = 39.32%）。
    """
    if doc.kind != "final_accounts":
        return
    text = stream(doc)
    done: set[int] = set()
    for match in _SHARE.finditer(text.text):
        start, end = text.sentence(match.start())
        if start in done:
            continue
        done.add(start)
        shares = list(_SHARE.finditer(text.text, start, end))
        for share in shares:
            base = _base(doc, text.text, start, share, shares)
            if base is None or base[0] <= 0:
                continue
            value, terms, where = base
            if percent_fits(share["pct"], decimal(share[1]), value, terms):
                continue
            low, high = share_bounds(decimal(share[1]), value, terms)
            computed = (decimal(share[1]) / value * 100).quantize(Decimal("0.01"))
            yield Hit(
                message=(
                    f"说明称 {share[1]} 万元占 {share['pct']}%，按{where}计算应为 {computed}%"
                    f"（可能范围 {low}%–{high}%，{_NOTE}）"
                ),
                line=text.line_at(share.start()),
                expected=computed,
                actual=decimal(share["pct"]),
            )


@register(
    "NAR032",
    "final-completion-rate",
    title="决算说明中的预算完成率或增减表述与金额不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def final_completion(doc: BudgetDocument) -> Iterator[Hit]:
    """每处“年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 p%”都满足 p = B / A，其后的方向表述（“决算数
    大于/小于预算数”“决算数同预算数持平”）与 B、A 的大小相符。

    为什么：情况说明逐项解释决算数与年初预算的差异；两个金额与所写比率或方向词矛盾，就说错了该项是超支还是结余。
    容差：金额按0.01万元舍入，比率按所印末位（±1）。A 或 B 已与一般公共预算财政拨款支出决算表（或三公决算表）不符
    时，该处由 NAR034 报告，本规则不再报告由此算不出的比率或方向（一处问题一条）。
    示例：“年初预算为 452.40 万元，支出决算为 446.11 万元，完成年初预算的 98.61%。决算数小于预算数…”通过；同样的金额
    写“…完成年初预算的 100.00%。决算数同预算数持平”，比率和方向各报告一次；“支出决算为 55.53 万元”而表中为 54.53，
    只由 NAR034 报告。
    """
    if doc.kind != "final_accounts":
        return
    text = stream(doc)
    rates = [m for m in _RATE.finditer(text.text) if m["a"] or m["c"]]
    off_table = disagreeing_offsets(
        doc
    )  # a figure NAR034 reports: the rate built on it is that place's finding
    for index, match in enumerate(rates):
        if any(match[g] and match.start(g) in off_table for g in ("a", "b")):
            continue
        yield from _rate(text, match)
        stop = rates[index + 1].start() if index + 1 < len(rates) else len(text.text)
        said = _DIRECTION.search(text.text, match.end(), min(stop, match.end() + 120))
        if said is not None:
            yield from _direction(text, match, said)


def _budget(match: re.Match[str], named: str | None) -> tuple[str, str] | None:
    """The budget figure a rate or a direction refers to: the one it names, else 全年 (adjusted) when printed."""
    if named == "年初" or (not named and not match["c"]):
        return ("年初预算", match["a"]) if match["a"] else None
    return (f"{match['cname']}预算", match["c"]) if match["c"] else None


def _rate(text, match: re.Match[str]) -> Iterator[Hit]:
    budget = _budget(match, match["of"])
    if not match["pct"] or budget is None:
        return
    label, raw = budget
    amount, final, line = decimal(raw), decimal(match["b"]), text.line_at(match.start())
    if amount == 0:
        other = f"；按{match['cname']}预算 {match['c']} 万元计算为 {decimal(match['b']) / decimal(match['c']) * 100:.2f}%" if match["c"] and decimal(match["c"]) else ""  # fmt: skip
        yield Hit(
            message=f"说明称完成{label}的 {match['pct']}%，而{label}为 {raw} 万元，无从计算完成率{other}",
            line=line,
            actual=decimal(match["pct"]),
        )
    elif not percent_fits(match["pct"], final, amount):
        computed = (final / amount * 100).quantize(Decimal("0.01"))
        yield Hit(
            message=(
                f"说明称{label} {raw} 万元、决算 {match['b']} 万元，完成{label}的 {match['pct']}%，"
                f"按两数计算应为 {computed}%（{_NOTE}）"
            ),
            line=line,
            expected=computed,
            actual=decimal(match["pct"]),
        )


def _direction(text, match: re.Match[str], said: re.Match[str]) -> Iterator[Hit]:
    word = "持平" if said["flat"] or said["word"] == "等于" else said["word"]
    budget = _budget(match, said["of"])
    if word in ("同", "与") or budget is None:
        return  # "同/与预算数" without 持平 states no direction
    label, raw = budget
    amount, final = decimal(raw), decimal(match["b"])
    right = "大于" if final > amount else "小于" if final < amount else "持平"
    if word != right:
        should = "与预算数持平" if right == "持平" else f"{right}预算数"
        yield Hit(
            message=f"说明称“{said.group(0)}”，而{label} {raw} 万元、决算 {match['b']} 万元，决算数应{should}",
            line=text.line_at(said.start()),
            expected=amount,
            actual=final,
        )
