"""Links beyond the nine tables: project 预算数 vs 项目支出 (§3 item 14), unit parts vs the department (16)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.cross_table import REGULATION
from checks.support.lookup import expense_table, find_row, project_spending, table_name, total_row
from checks.support.money import Verdict, compare, fmt, rounding_note
from parsing.model import Amount, AmountStatus, BudgetDocument


@register(
    "XTB007",
    "projects-vs-project-spending",
    title="项目预算数合计与项目支出不符",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def projects_vs_project_spending(doc: BudgetDocument) -> Iterator[Hit]:
    """全部项目绩效目标表的预算数之和等于支出总表的项目支出合计。

    为什么：预算中的每个项目都应连同绩效目标公开；有差额说明漏了项目，或某个预算数录错。项目之和小于项目支出为
    警告（有的项目可能没有绩效目标表），大于则为错误。
    示例：27 个项目合计 2,644.62，项目支出 2,644.62，通过；无法读取的预算数“2..5”按财政资金 2.5 读。
    """
    t3, cell = expense_table(doc), project_spending(doc)
    if not doc.projects or cell is None or cell.value is None:
        return
    amounts, substituted, line = [], [], cell.line
    for p in doc.projects:
        value, parts = (
            p.budget.value,
            (p.fiscal.value + p.other.number if p.fiscal.value is not None else None),
        )
        if value is None and p.budget.status == AmountStatus.INVALID:
            if parts is None:
                return  # an unreadable 预算数 without 财政资金: no sum to compare
            value = parts
            substituted.append(f"项目{p.index}预算数“{p.budget.raw}”按财政资金+其他资金读作{fmt(value)}")
        amounts.append(value or Decimal(0))
    total, count = sum(amounts, Decimal(0)), sum(1 for a in amounts if a)
    verdict = compare(total, cell.value, count)
    if verdict == Verdict.EQUAL:
        return
    # A project whose 预算数 differs from its 财政资金 + 其他资金 and whose correction closes the gap is the likely cause.
    for p in doc.projects:
        parts = p.fiscal.value + p.other.number if p.fiscal.value is not None else None
        if (
            p.budget.value is not None
            and parts is not None
            and parts != p.budget.value
            and compare(total - p.budget.value + parts, cell.value, count) != Verdict.MISMATCH
        ):
            substituted.append(
                f"项目{p.index}“{p.name}”预算数 {fmt(p.budget.value)} 与其财政资金+其他资金 "
                f"{fmt(parts)} 不符，按后者计则相符"
            )
            line = p.budget.line or p.line
            break
    note = f"；{'；'.join(substituted)}" if substituted else ""
    message = (
        f"{len(doc.projects)}个项目的预算数之和为 {fmt(total)}，{table_name(t3)}项目支出合计为 "  # type: ignore[arg-type]
        f"{fmt(cell.value)}，相差 {fmt(abs(total - cell.value))}{note}"
    )
    if verdict == Verdict.ROUNDING:
        message, severity = f"{message}；属舍入级差异（{rounding_note(count)}）", Severity.INFO
    else:
        severity = Severity.ERROR if total > cell.value else Severity.WARNING
        message += "；项目预算数之和大于项目支出" if total > cell.value else "；可能有项目未公开绩效目标表"
    yield Hit(
        message=message,
        line=line,
        table=table_name(t3),
        row="合计",
        column="项目支出",  # type: ignore[arg-type]
        expected=cell.value,
        actual=total,
        severity=severity,
    )


def _cells(part: BudgetDocument) -> dict[str, Amount | None]:
    """The part's key totals: 本年收入合计, 本年支出合计, 基本支出, 项目支出."""
    t1, t3 = part.table("summary"), part.table("expense")
    income, spent = find_row(t1, "本年", "合计", side="income"), find_row(t1, "本年", "合计", side="expense")
    head = total_row(t3)
    return {
        "本年收入合计": income.values.get("amount") if income else None,
        "本年支出合计": spent.values.get("amount") if spent else None,
        "基本支出": head.values.get("basic") if head else None,
        "项目支出": head.values.get("project") if head else None,
    }


@register(
    "XTB009",
    "units-vs-department",
    title="所属单位预算之和与部门预算不符",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def units_vs_department(doc: BudgetDocument) -> Iterator[Hit]:
    """第二部分各所属单位预算之和等于部门预算；只有一个单位（本级）时与部门相等。

    为什么：部门预算合并其所属单位；第二部分公开各单位时，其合计不能超过部门数，只有一个单位时必须完全相等。单
    位之和小于部门数为提示（可能并非每个单位都公开）。
    示例：002 本级 313001 本年支出合计 2,654.52 = 部门 2,654.52，通过；本级 2,645.52，不通过。
    """
    if doc.part != "department" or not doc.units:
        return
    mine = _cells(doc)
    units = [_cells(u) for u in doc.units]
    for label, cell in mine.items():
        values = [u[label] for u in units]
        if cell is None or cell.value is None or any(v is None or v.status == "invalid" for v in values):
            continue
        total = sum((v.number for v in values if v), Decimal(0))
        count = sum(1 for v in values if v and v.number)
        verdict = compare(total, cell.value, count)
        if verdict == Verdict.EQUAL:
            continue
        lines = "、".join(str(v.line) for v in values if v and v.line)
        message = (
            f"{len(units)}个所属单位的{label}之和为 {fmt(total)}（第{lines}行），部门预算为 {fmt(cell.value)}，"
            f"相差 {fmt(abs(total - cell.value))}"
        )
        severity = None
        if verdict == Verdict.ROUNDING:
            message, severity = f"{message}；属舍入级差异（{rounding_note(count)}）", Severity.INFO
        elif len(units) > 1 and total < cell.value:
            message, severity = f"{message}；可能有所属单位未单独公开", Severity.INFO
        yield Hit(
            message=message,
            line=cell.line,
            table="收支总表" if "合计" in label else "支出总表",
            row=label,
            expected=cell.value,
            actual=total,
            severity=severity,
        )
