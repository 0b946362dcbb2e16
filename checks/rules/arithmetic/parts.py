"""Arithmetic outside the nine tables: a project's funding split and the assets table's total (§3 items 8, 24)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.arithmetic import REGULATION
from checks.rules.arithmetic.table_sums import sum_hit
from checks.support.figures import cell_value, header_cell
from checks.support.indicators import project_budget
from checks.support.lookup import project_spending
from checks.support.money import Verdict, compare, fmt
from checks.support.sums import INVALID, VALUE
from parsing.model import BudgetDocument, Cell
from parsing.text import normalise_label

ASSETS = "固定资产占用情况表"
_NUMBERED = re.compile(
    r"^[1-9一二三四五六七八九][、.．]"
)  # "1、房屋", "4、其他固定资产"; "其中：办公用房" is not
_UNIT_NOTE = re.compile(r"[（(][^）)]*[）)]")  # "（平方米）", "（台、辆）"


@register(
    "ARI008",
    "project-funding-sum",
    title="项目预算数与财政资金、其他资金之和不符",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def project_funding_sum(doc: BudgetDocument) -> Iterator[Hit]:
    """每张绩效目标表中，预算数 = 其中：财政资金 + 其他资金。

    为什么：两个资金来源行是对项目预算的拆分；加不平时，要么预算数错，要么资金来源错，项目合计也就无法与各表的
    项目支出对上。
    示例：预算数 18.00、财政资金 18.00、其他资金为空，通过；预算数 18.00、财政资金 16.00，不通过。预算数无法读
    取（“2..5”）归 TXT002 报告，两个资金单元格都为空归 STR007 报告。
    """
    budgets_tie: bool | None = None  # read when a sum fails: it adds up every project
    for project in doc.projects:
        budget, fiscal, other = project.budget, project.fiscal, project.other
        parts = [a for a in (fiscal, other) if a.status == VALUE]
        if budget.value is None or not parts or INVALID in (fiscal.status, other.status):
            continue
        expected = fiscal.number + other.number
        if expected == budget.value:
            continue  # holds: the lone funding cell (the other is blank) equals 预算数 too
        if budgets_tie is None:
            budgets_tie = _budgets_tie_to_project_spending(doc)
        addends = max(1, sum(1 for a in parts if a.value))
        shown = f"（{fmt(fiscal.number)} + {fmt(other.number)}）" if len(parts) == 2 else ""
        message = (
            f"项目{project.index}“{project.name}”预算数为 {fmt(budget.value)}，"
            f"而财政资金 + 其他资金为 {fmt(expected)}{shown}"
        )
        where = {"line": budget.line or project.line, "row": "预算数", "project": project.name}
        if budgets_tie and len(parts) == 1:
            # The 预算数 add up to 项目支出, so they are corroborated: the lone funding cell is the odd one.
            odd = parts[0]
            label = "财政资金" if odd is fiscal else "其他资金"
            note = f"；各项目预算数之和与项目支出合计相符，应是{label}填错"
            where = {"line": odd.line or project.line, "row": label, "project": project.name}
            # expected: what the cell should hold; actual: what it holds
            hit = sum_hit(message, budget.value, odd.number, addends, note, **where)
        else:
            hit = sum_hit(message, expected, budget.value, addends, **where)
        if hit:
            yield hit


def _budgets_tie_to_project_spending(doc: BudgetDocument) -> bool:
    """Σ 预算数 of the projects equals the 项目支出 合计 of the 支出总表 exactly."""
    cell = project_spending(doc)
    budgets = [project_budget(p) for p in doc.projects]  # an unreadable 预算数 counts as its funding
    if cell is None or cell.value is None or None in budgets:
        return False
    total = sum(budgets, Decimal(0))  # type: ignore[arg-type]
    return compare(total, cell.value) == Verdict.EQUAL  # exact: a cent off may be the mistyped cell itself


def _asset_values(
    rows: list[list[Cell]], column: int
) -> tuple[Cell | None, list[tuple[str, Decimal]]] | None:
    """(资产总额 value cell, [(label, value) of the numbered rows]); None when a cell cannot be read."""
    total, parts = None, []
    for row in rows:
        if len(row) <= column:
            continue
        label, cell = normalise_label(row[0].text), row[column]
        if label.startswith("资产总额") or label in ("合计", "总计"):
            total = cell
        elif _NUMBERED.match(label) and cell.text.strip():
            value = cell_value(cell.text)
            if value is None:
                return None
            parts.append((_UNIT_NOTE.sub("", _NUMBERED.sub("", label)), value))
    return total, parts


@register(
    "ARI009",
    "assets-total",
    title="固定资产占用情况表资产总额与分项之和不符",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def assets_total(doc: BudgetDocument) -> Iterator[Hit]:
    """固定资产占用情况表中，资产总额的价值 = 各编号行（1、房屋 … 4、其他固定资产）之和，不含“其中”行。

    为什么：各行是对同一批资产的分类；总额与分项不符，说明有行漏列或录错，引用该总额的国有资产说明也随之出错。
    数量一栏混用平方米、辆、台等单位，只有价值一栏可以相加。
    示例：资产总额 340.69，车辆 15.00、其他固定资产 325.69，通过；资产总额 340.69 而分项为 325.96，不通过。
    """
    table = doc.assets
    head = header_cell(table, "价值") if table else None
    if table is None or head is None:
        return
    read = _asset_values(table.rows[head[0] + 1 :], head[1])
    if read is None or read[0] is None or not read[1]:
        return
    cell, parts = read
    total = cell_value(cell.text) if cell.text.strip() else Decimal(0)
    if total is None:
        return
    expected = sum((v for _, v in parts), Decimal(0))
    addends = max(1, sum(1 for _, v in parts if v))
    shown = "（" + " + ".join(f"{label} {fmt(v)}" for label, v in parts) + "）" if len(parts) > 1 else ""
    hit = sum_hit(
        f"{ASSETS}资产总额价值为 {fmt(total)}，而各类资产之和为 {fmt(expected)}{shown}",
        expected,
        total,
        addends,
        line=cell.line,
        table=ASSETS,
        row="资产总额",
        column="价值",
    )
    if hit:
        yield hit
