"""Narrative vs tables: 机关运行经费, “三公”经费, 政府采购 and 国有资产 statements."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.rules.narrative.totals import Ref, Resolver, refs, stated
from checks.support.figures import Figure, judge
from checks.support.lookup import cell, table_name, total_row
from checks.support.money import Verdict, compare, fmt, precision, rounding_note
from checks.support.narrative import paragraph_figures
from parsing.model import BudgetDocument, Row
from parsing.text import normalise_label

_RUNNING = r"机关运行经费(?:预算)?(?:总额|合计)?(?:支出)?"
_BRACKETS = re.compile(r"[(（][^)）]*[)）]")
_PARTS_START = re.compile(r"其中|包括|分别为|具体为|明细|主要用于|主要为")


def _running_figures(doc: BudgetDocument) -> Iterator[tuple[Figure, list[Figure]]]:
    """Each stated 机关运行经费 amount with the amounts listed after it in the same sentence (其中…)."""
    for para in paragraph_figures(doc, "running_cost"):
        for i, fig in enumerate(para):
            if fig.changed or fig.past(doc.budget_year) or not fig.names(_RUNNING):
                continue
            parts: list[Figure] = []
            for part in para[i + 1 :]:
                if part.changed or part.rate or part.past(doc.budget_year) or part.names(_RUNNING):
                    break
                parts.append(part)
            yield fig, parts if parts and _PARTS_START.search(parts[0].lead) else []


@register(
    "NAR005",
    "running-cost-vs-table",
    title="机关运行经费与基本支出表公用经费不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def running_cost(doc: BudgetDocument) -> Iterator[Hit]:
    """文字中的机关运行经费金额等于一般公共预算财政拨款基本支出表的公用经费合计。

    为什么：机关运行经费就是部门基本支出中的公用经费；数字不同会错报机关运转的成本。文字金额小于表格时只记警告
    ：含事业单位的部门可能只统计行政单位部分。
    示例：“机关运行经费共计安排4.50万元”，基本支出表公用经费合计 4.50，通过；5.50 不通过。
    """
    basic = doc.table("general_basic")
    row = total_row(basic)
    amount = cell(row, "public")
    if basic is None or row is None or amount is None or amount.status == "invalid":
        return
    for fig, _ in _running_figures(doc):
        verdict, note = judge(fig, amount.number, doc.unit)
        if verdict is Verdict.EQUAL:
            continue
        low = fig.amount(doc.unit) < amount.number and verdict is Verdict.MISMATCH
        yield Hit(
            message=f"说明称机关运行经费{fig.raw}，{table_name(basic)}公用经费合计为{fmt(amount.number)}{doc.unit}"
            + (f"（{note}）" if note else ""),
            line=fig.line,
            table=table_name(basic),
            row=row.name,
            column="公用经费",
            expected=amount.number,
            actual=fig.amount(doc.unit),
            severity=Severity.INFO if note else Severity.WARNING if low else None,
            hint="含事业单位的部门，机关运行经费可只含行政单位公用经费；否则应与公用经费合计一致。"
            if low
            else None,
        )


def _t6_rows(doc: BudgetDocument, label: str) -> list[Row] | None:
    """The 基本支出表 lines a breakdown item names ("工会经费、福利费" → 30228 + 30229); None if one is unknown."""
    names = [n for n in re.split(r"[、和及与/]", _PARTS_START.sub("", label)) if n]
    by_name = {
        _BRACKETS.sub("", normalise_label(r.name)): r for r in doc.table("general_basic").rows if r.code
    }
    rows = [by_name.get(_BRACKETS.sub("", normalise_label(n))) for n in names]
    return None if not rows or None in rows else rows  # type: ignore[return-value]


@register(
    "NAR006",
    "running-cost-breakdown",
    title="机关运行经费明细与基本支出表科目不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def running_cost_breakdown(doc: BudgetDocument) -> Iterator[Hit]:
    """文字列出的机关运行经费明细中，每个点名的项目等于基本支出表中同名的 302 科目。

    为什么：明细是文字中唯一说明运行经费构成的地方；明细与基本支出表同名科目不符，二者不可能都对。名称对不上任何
    表内科目的项目（“其他支出”）不比较；明细之和与总额的核对归 NAR024（分项列举）。舍入：n 个科目合并为一项时，
    容差 ⌊(n+1)/2⌋ × 0.01。
    示例：“61.36万元，其中办公费9.18万元，邮电费15.9万元，工会经费、福利费9.94万元，公务用车运行维护费4.86万元
    ，其他支出21.48万元”，对应 30201 9.18、30207 15.90、30228 + 30229 = 5.10 + 4.84，通过；“办公费8.18”报告一
    条（明细之和 60.36 ≠ 61.36 另由 NAR024 报告）。
    """
    if doc.table("general_basic") is None:
        return
    for _, parts in _running_figures(doc):
        for part in parts:
            rows = _t6_rows(doc, part.label)
            if not rows:
                continue
            value = sum(
                (cell(r, "public").number if cell(r, "public") else Decimal(0) for r in rows), Decimal(0)
            )
            step = precision(doc.unit, part.unit)
            verdict = (
                judge(part, value, doc.unit)[0]  # a figure in another unit: compare at its own rounding
                if part.unit != doc.unit and len(rows) == 1
                else compare(value, part.amount(doc.unit), len(rows), step)
            )
            if verdict is Verdict.EQUAL:
                continue
            names = "+".join(f"{r.code} {r.name}" for r in rows)
            rounding = rounding_note(len(rows), step, doc.unit)
            note = f"（舍入差异：{rounding}）" if verdict is Verdict.ROUNDING else ""
            yield Hit(
                message=f"机关运行经费明细“{_PARTS_START.sub('', part.label)}”{part.raw}，基本支出表{names}公用经费为{fmt(value)}{doc.unit}{note}",
                line=part.line,
                table=table_name(doc.tables["general_basic"]),
                row=names,
                column="公用经费",
                expected=value,
                actual=part.amount(doc.unit),
                severity=Severity.INFO if note else None,
            )


def _t9(*words: str, without: tuple[str, ...] = ()) -> Resolver:
    """The 三公 table row whose name has every word; an empty table (空表列示, no rows) reads as 0."""

    def resolve(doc: BudgetDocument) -> list[Ref]:
        table = doc.table("three_public")
        for row in table.rows if table else []:
            key = normalise_label(row.name)
            if all(w in key for w in words) and not any(w in key for w in without):
                return refs(doc, "three_public", row, "total", "合计")
        return [(Decimal(0), table_name(table), "（空表）", "合计")] if table and table.is_empty else []

    return resolve


THREE_PUBLIC: list[tuple[str, str, Resolver]] = [
    ("“三公”经费", r"(?:财政拨款)?三公经费(?:预算)?(?:总额|合计)?(?:支出)?", _t9("合计")),
    ("因公出国（境）费", r"因公出国[(（]境[)）]费用?", _t9("因公出国", without=("其中", "其他", "教学"))),
    ("公务用车购置及运行维护费", r"公务用车购置及运(?:行维护|维|行)费用?", _t9("购置及运")),
    ("公务用车购置费", r"公务用车购置费用?", _t9("购置费", without=("及",))),
    ("公务用车运行维护费", r"公务用车运(?:行维护|维|行)费用?", _t9("运行维护费", without=("购置",))),
    ("公务接待费", r"公务接待费用?", _t9("公务接待")),
]


@register(
    "NAR007",
    "three-public-text-vs-table",
    title="“三公”经费说明与“三公”经费支出表不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def three_public_text(doc: BudgetDocument) -> Iterator[Hit]:
    """文字中的“三公”经费总额及各项（出国、公务用车购置及运行维护、购置、运行维护、接待）与“三公”经费支出表一
    致。

    为什么：“三公”经费是公开文件中最受关注的部分，文字与表格必须一致。表中空行按 0 读，因此“三公”表为空时文字
    写“0万元”可以通过。
    示例：“‘三公’经费预算安排20.84万元…公务接待费15.98万元”，表中合计 20.84、接待费 15.98，通过；“公务接待费
    16.98万元”，不通过。
    """
    yield from stated(doc, "three_public", THREE_PUBLIC)
