"""Narrative vs tables: 收入说明 and 支出说明 of 部门预算安排的总体情况, and the shared figure-vs-table comparison."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.figures import judge
from checks.support.lookup import cell, find_row, table_name, total_row
from checks.support.money import Verdict, fmt
from checks.support.narrative import paragraph_figures
from parsing.model import AmountStatus, BudgetDocument, Row

Ref = tuple[Decimal, str, str, str]  # value, table, row, column
Resolver = Callable[[BudgetDocument], list[Ref]]


def refs(doc: BudgetDocument, key: str, row: Row | None, column: str, label: str) -> list[Ref]:
    """The table value a narrative figure should equal (blank reads as 0, unreadable as nothing)."""
    amount = cell(row, column)
    if row is None or amount is None or amount.status == AmountStatus.INVALID:
        return []
    return [(amount.number, table_name(doc.tables[key]), row.name, label)]


def _t1(doc: BudgetDocument, side: str, *words: str) -> list[Ref]:
    t1 = doc.table("summary")
    row = find_row(t1, *words, side=side) if words else total_row(t1, side)
    return refs(doc, "summary", row, "amount", "预算数")


def _t3(column: str, label: str) -> Resolver:
    return lambda doc: refs(doc, "expense", total_row(doc.table("expense")), column, label)


def _t6(column: str, label: str) -> Resolver:
    """T6 合计 by column, only when T6 holds all basic spending (T6 合计 = T3 基本支出)."""

    def resolve(doc: BudgetDocument) -> list[Ref]:
        t6_total = cell(total_row(doc.table("general_basic")), "total")
        t3_basic = cell(total_row(doc.table("expense")), "basic")
        if t6_total is None or (t3_basic is not None and t3_basic.number != t6_total.number):
            return []
        return refs(doc, "general_basic", total_row(doc.table("general_basic")), column, label)

    return resolve


def _income_total(doc: BudgetDocument) -> list[Ref]:
    t2 = refs(doc, "income", total_row(doc.table("income")), "total", "合计") if doc.table("income") else []
    return [*_t1(doc, "income", "收入总计"), *_t1(doc, "income"), *t2]


def _expense_total(doc: BudgetDocument) -> list[Ref]:
    return [*_t3("total", "合计")(doc), *_t1(doc, "expense"), *_t1(doc, "expense", "支出总计")]


def _source(*words: str) -> Resolver:
    return lambda doc: _t1(doc, "income", *words)


INCOME: list[tuple[str, str, Resolver]] = [
    ("预算收入", r"(?:预算)?收入(?:预算)?(?:总额|总计|合计)?", _income_total),
    ("一般公共预算收入", r"一般公共预算(?:拨款)?(?:收入)?", _source("一般公共预算")),
    ("政府性基金预算收入", r"(?:政府性)?基金(?:预算)?(?:拨款)?(?:收入)?", _source("基金")),
    ("国有资本经营预算收入", r"国有资本经营(?:预算)?(?:拨款)?(?:收入)?", _source("国有资本")),
    ("财政专户管理资金收入", r"财政专户(?:核拨|管理)?(?:资金)?(?:收入)?", _source("财政专户")),
    ("单位资金收入", r"(?:单位|部门)资金(?:收入)?", _source("单位资金")),
    ("事业收入", r"事业收入", _source("事业收入")),
    ("上年结转结余", r"上年结转(?:结余)?(?:收入)?", _source("上年结转")),
    ("其他收入", r"其他(?:来源)?收入", _source("其他收入")),
]
EXPENSE: list[tuple[str, str, Resolver]] = [
    ("支出预算", r"(?:预算)?支出(?:预算)?(?:总额|合计|总计)?", _expense_total),
    ("预算收支", r"(?:预算)?收支(?:预算)?(?:总额)?", lambda d: [*_expense_total(d), *_income_total(d)]),
    ("基本支出", r"基本支出", _t3("basic", "基本支出")),
    ("项目支出", r"项目支出", _t3("project", "项目支出")),
    ("人员经费", r"人员经费(?:支出)?", _t6("personnel", "人员经费")),
    ("日常公用经费", r"(?:日常)?公用经费(?:支出)?", _t6("public", "公用经费")),
]


def stated(doc: BudgetDocument, section: str, quantities: list[tuple[str, str, Resolver]]) -> Iterator[Hit]:
    """Each level figure (not a change) that names a quantity, compared with the table value(s) it must equal."""
    seen: set[tuple[str, Decimal]] = set()
    for para in paragraph_figures(doc, section):
        for fig in para:
            if fig.changed or fig.rate or fig.past(doc.budget_year):
                continue
            name, resolve = next(((n, r) for n, p, r in quantities if fig.names(p)), ("", None))
            found = resolve(doc) if resolve else []
            if not found or (name, fig.value) in seen:
                continue
            seen.add((name, fig.value))
            verdicts = [judge(fig, ref[0], doc.unit) for ref in found]
            if any(v is Verdict.EQUAL for v, _ in verdicts):
                continue
            rounding = next((note for v, note in verdicts if v is Verdict.ROUNDING), None)
            value, table, row, column = found[0]
            yield Hit(
                message=f"说明称{name}{fig.raw}，{table}“{row}”{column}为{fmt(value)}{doc.unit}"
                + (f"（舍入差异：{rounding}）" if rounding else ""),
                line=fig.line,
                table=table,
                row=row,
                column=column,
                expected=value,
                actual=fig.amount(doc.unit),
                severity=Severity.INFO if rounding else None,
                hint="以表格数为准更正说明文字，或核对表格。",
            )


@register(
    "NAR001",
    "income-text-vs-table",
    title="收入说明与收支总表不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def income_text(doc: BudgetDocument) -> Iterator[Hit]:
    """收入说明中的收入总额和各项来源金额与收支总表一致（总额也与收入总表一致）。

    为什么：多数读者只看文字；来源金额与表格不同，会错报资金从何而来。只比较从句中点明了是哪个数的金额（“一般
    公共预算收入X万元”）。
    示例：“2024年预算收入492.28万元，其中：一般公共预算收入492.28万元”，收支总表为 492.28，通过；“一般公共预算
    收入490.28万元”与 492.28 不符，不通过。
    """
    yield from stated(doc, "overview", INCOME)


@register(
    "NAR002",
    "expense-text-vs-table",
    title="支出说明与支出总表、基本支出表不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def expense_text(doc: BudgetDocument) -> Iterator[Hit]:
    """支出说明中的支出总额、基本支出、项目支出与支出总表一致；人员经费和日常公用经费与基本支出表一致。

    为什么：文字要说明的正是基本支出与项目支出的划分；与表格不同的数字让读者得到两个答案。只有当基本支出表涵盖
    全部基本支出（其合计等于支出总表的基本支出）时，才比较人员经费和公用经费。
    示例：“基本支出81.17万元，包括人员经费77.86万元和日常公用经费3.31万元；项目支出100万元”，支出总表
    81.17/100.00、基本支出表 77.86/3.31，通过；“项目支出110万元”，不通过。
    """
    yield from stated(doc, "overview", EXPENSE)
