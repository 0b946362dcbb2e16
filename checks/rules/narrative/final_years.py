"""决算 情况说明: the years it names in their roles, and "无…" said of a fund or the 三公 the tables fill."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.final import stream
from checks.support.lookup import table_name
from checks.support.money import fmt
from parsing.model import BudgetDocument

# (pattern with a group "y", role, the year it must be given the 决算 year Y)
_ROLES: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(r"截[至止](?P<y>20\d{2})年12月31日"), "年末时点", 0),
    (
        re.compile(r"(?:与|比|较)(?P<y>20\d{2})年度?(?:相比|决算|减少|增加|下降|增长|持平|上升)"),
        "比较年度",
        -1,
    ),
    (
        re.compile(
            r"(?<![与比较至止\d])(?P<y>20\d{2})年度?(?:收入支出总计|财政拨款收入支出总计|\"三公\"经费|无政府性?基金|"
            r"无国有资本|无\"三公\"|政府采购金额|预算绩效管理工作|本部门面向中小企业)"
        ),
        "决算年度",
        0,
    ),
]

_NOTHING = [  # "无…" statements -> the tables that must then be empty
    (re.compile(r"(无|没有)政府性?基金预算财政拨款收入(和|及)?支出"), ("final_fund", "final_fiscal_summary:fund")),
    (re.compile(r"(无|没有)国有资本经营预算财政拨款收入(和|及)?支出"), ("final_capital", "final_fiscal_summary:capital")),
    (re.compile(r"(无|没有)(财政拨款)?\"三公\"经费(财政拨款)?支出"), ("final_three_public:final",)),
]  # fmt: skip


@register(
    "NAR036",
    "final-year-role",
    title="决算说明中的年度与决算年度不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def final_year_roles(doc: BudgetDocument) -> Iterator[Hit]:
    """决算情况说明中的年份与其角色相符：全年合计用决算年度 Y（“2024 年度收入支出总计”“2024 年度‘三公’经费…”
    “2024 年度政府采购金额”），存量用 Y 年末（“截至 2024 年 12 月 31 日”），比较用 Y − 1（“与 2023 年度相比”）。

    为什么：决算报告刚结束的年度；出现上一年文本（或预算年度）的年份，说明这段文字是沿用的，数字也可能是旧的。
    示例：2024 年决算中，“截至 2024 年 12 月 31 日，…共有车辆 0 辆”通过；“截至 2023 年 12 月 31 日”和“与 2022 年度
    相比”不通过。
    """
    if doc.kind != "final_accounts" or doc.budget_year is None:
        return
    text = stream(doc)
    for pattern, role, offset in _ROLES:
        for match in pattern.finditer(text.text):
            year, expected = int(match["y"]), doc.budget_year + offset
            if year != expected:
                yield Hit(
                    message=f"说明中“{match.group(0)}”的年度为{year}，作为{role}应为{expected}（决算年度{doc.budget_year}）",
                    line=text.line_at(match.start()),
                    expected=Decimal(expected),
                    actual=Decimal(year),
                )


@register(
    "NAR035",
    "final-said-nothing",
    title="决算说明称无此项收支而表中有数",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def final_said_nothing(doc: BudgetDocument) -> Iterator[Hit]:
    """决算说明称某类资金或三公没有收支（“本年度无政府性基金预算财政拨款收入和支出”“故本表无数据”），而决算表
    却印有非零金额。

    为什么：一边说“无”、一边表中有数，必有一处错误：要么这笔钱没有说明，要么表中填了不该有的数。
    示例：“说明：…没有政府性基金预算财政拨款收入和支出，故本表无数据。”而财政拨款收入支出决算总表政府性基金预算财政
    拨款为 50.00，不通过。
    """
    if doc.kind != "final_accounts":
        return
    text = stream(doc)
    for pattern, places in _NOTHING:
        said = pattern.search(text.text)
        if said is None:
            continue
        for place in places:
            key, _, column = place.partition(":")
            table = doc.table(key)
            values = [(r, a) for r in table.rows for c, a in r.values.items() if (not column or c == column) and a.value] if table else []  # fmt: skip
            if values:
                row, amount = values[0]
                yield Hit(
                    message=f"说明称“{said.group(0)}”，而{table_name(table)}“{row.name}”列有 {fmt(amount.value)}",  # type: ignore[arg-type]
                    line=text.line_at(said.start()),
                    table=table_name(table),  # type: ignore[arg-type]
                    row=row.name,
                    actual=amount.value,
                )
                break
