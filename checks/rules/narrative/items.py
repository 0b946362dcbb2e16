"""Narrative vs tables: the 编制说明 items, one 功能科目 each, with their amounts and changes (Shanghai)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.lookup import coded_rows, expense_table, table_name
from checks.support.money import CENT, Verdict, convert, fmt, judge_stated, precision
from parsing.model import BudgetDocument, BudgetItem

_FISCAL = ("general_expense", "fund_expense", "capital_expense")


def _candidates(doc: BudgetDocument, code: str) -> list[tuple[Decimal, str, str]]:
    """(value, table, row) an item may equal: the 财政拨款 tables together, else the 支出总表 row."""
    out = []
    fiscal = [(k, coded_rows(doc.table(k)).get(code)) for k in _FISCAL]
    found = [(k, r) for k, r in fiscal if r is not None and "total" in r.values]
    if found:
        value = sum((r.values["total"].number for _, r in found), Decimal(0))
        out.append(
            (value, "、".join(table_name(doc.tables[k]) for k, _ in found), f"{code} {found[0][1].name}")
        )
    row = coded_rows(doc.table("expense")).get(code)
    if row is not None and "total" in row.values:
        out.append((row.values["total"].number, table_name(doc.tables["expense"]), f"{code} {row.name}"))
    return out


def _stated_unit(item: BudgetItem, doc: BudgetDocument) -> str:
    return item.amount.unit or doc.unit


@register(
    "NAR014",
    "budget-item-vs-table",
    title="编制说明科目金额与支出表不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def budget_items_vs_table(doc: BudgetDocument) -> Iterator[Hit]:
    """编制说明中每个科目（“‘一般公共服务支出（类）…行政运行（项）’938.99万元”）等于表中对应的功能科目行。

    为什么：编制说明逐项解释表内各行；金额不同，或说明的科目在任何表中都没有，读者就面对两本预算。按类/款/项名
    称匹配科目，金额与财政拨款表（一般公共预算 + 政府性基金 + 国有资本经营）或支出总表比较；万元按所述数字的舍
    入精度换算为元（938.99万元代表 9,389,850–9,389,950元）。
    示例：“行政运行（项）”938.99万元”，2011301 合计 9,389,913.00元，通过；“948.99万元”，不通过。
    """
    if not doc.budget_items or not expense_table(doc):
        return
    for item in doc.budget_items:
        unit = _stated_unit(item, doc)
        if item.code is None:
            yield Hit(
                message=f"说明所列科目“{item.subject}”在支出表中找不到（按类、款、项名称逐级匹配）",
                line=item.line,
                row=item.subject,
                severity=Severity.WARNING,
                hint="核对科目名称是否与支出表一致。",
            )
            continue
        found = _candidates(doc, item.code)
        verdicts = [
            judge_stated(item.amount.number, unit, item.amount.decimals, v, doc.unit) for v, _, _ in found
        ]
        if not found or any(v is Verdict.EQUAL for v, _ in verdicts):
            continue
        note = next((n for v, n in verdicts if v is Verdict.ROUNDING), "")
        value, table, row = found[0]
        yield Hit(
            message=f"说明称“{item.subject}”{item.amount.raw}，{table}“{row}”合计为{fmt(value)}{doc.unit}"
            + (f"（舍入差异：{note}）" if note else ""),
            line=item.line,
            table=table,
            row=row,
            column="合计",
            expected=value,
            actual=convert(item.amount.number, unit, doc.unit),
            severity=Severity.INFO if note else None,
            hint="以表格数为准更正说明，或核对表格。",
        )


def _percent(item: BudgetItem, unit: str) -> tuple[Decimal, Decimal] | None:
    """(computed change in %, tolerance) from this year's amount and last year's, both as stated."""
    last = item.last_year
    if last is None or not last.number:
        return None
    before = convert(last.number, last.unit or unit, unit)
    now = item.amount.number
    computed = (now - before) / before * 100
    decimals = item.stated_change.decimals if item.stated_change else 0
    # Half a unit of the stated percentage, plus what rounding both amounts to 0.01 can move it.
    spread = 100 * (CENT / 2) * (abs(now) + abs(before)) / (before * before)
    return computed, Decimal(1).scaleb(-decimals) / 2 + abs(spread)


@register(
    "NAR015",
    "budget-item-change",
    title="编制说明增减额或增减率与上年数不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def budget_item_changes(doc: BudgetDocument) -> Iterator[Hit]:
    """编制说明科目所述的增减额或增减率与本年金额、上年金额一致（两者都写明时）。

    为什么：“比2024年预算执行数增加10.00万元（或11.11%）”和“上年执行数90.00万元”是对同样两个数字的运算；推不出
    来的百分比或差额是录错了。上年数取文字所述，否则取所述增减额推出的数；百分比 =（本年 − 上年）/ 上年。
    示例：100.00万元，“增加10.00万元（或11.11%）”，通过（10 / 90 = 11.11%）；“（或10.00%）”，不通过。
    """
    for item in doc.budget_items:
        change, last = item.stated_change, item.last_year
        if change is None or last is None:
            continue
        unit = _stated_unit(item, doc)
        if change.unit == "%":
            judged = _percent(item, unit)
            if judged is None or abs(judged[0] - change.number) <= judged[1]:
                continue
            computed, what = (
                judged[0].quantize(Decimal("0.01")),
                f"按本年{item.amount.raw}与上年{fmt(last.number)}",
            )
            yield Hit(
                message=f"说明称“{item.subject}”{'增加' if change.number >= 0 else '减少'}{fmt(abs(change.number))}%，"
                f"{what}{last.unit or unit}计算为{computed}%",
                line=item.line,
                row=item.subject,
                column="增减率",
                expected=computed,
                actual=change.number,
                hint="核对上年数与增减率。",
            )
            continue
        before = convert(last.number, last.unit or unit, unit)
        now_diff = convert(item.amount.number - before, unit, change.unit or unit)
        step = precision(change.unit or unit, unit, last.unit or unit)
        if abs(now_diff - change.number) <= step:  # two stated figures, each rounded: tolerance one step
            continue
        yield Hit(
            message=f"说明称“{item.subject}”{item.amount.raw}，上年{last.raw}，增减额却为{change.raw}"
            f"（按两数计算为{fmt(now_diff)}{change.unit or unit}）",
            line=item.line,
            row=item.subject,
            column="增减额",
            expected=now_diff,
            actual=change.number,
            hint="核对上年数与增减额。",
        )
