"""决算 tables against each other: 总表 vs 收入/支出决算表, 财政拨款总表 vs 一般公共预算 and 基本支出决算表."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.cross_table import REGULATION
from checks.rules.cross_table.stated import classes, disagreements, stated, suspects
from checks.rules.cross_table.summary_rows import side_row, subtotal_row
from checks.support.lookup import coded_rows, total_row
from checks.support.money import CENT
from parsing.model import BudgetDocument


def _soften(hits: Iterator[Hit]) -> Iterator[Hit]:
    """A gap of one cent between two tables is kept, at warning: usually one table summed rounded items."""
    for hit in hits:
        gap = abs((hit.actual or 0) - (hit.expected or 0))
        if hit.actual is not None and hit.expected is not None and gap <= CENT:
            hit = hit.model_copy(
                update={
                    "severity": Severity.WARNING,
                    "hint": f"{hit.hint}。相差 0.01，可能一表按明细（各自四舍五入）加总所致，仍应统一",
                }
            )
        yield hit


@register(
    "XTB031",
    "final-tables-disagree",
    title="决算各表之间数字不一致",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def final_tables_disagree(doc: BudgetDocument) -> Iterator[Hit]:
    """同一个决算数在两张表中不一致。

    为什么：收入支出决算总表汇总收入决算表和支出决算表；财政拨款收入支出决算总表细分一般公共预算财政拨款支出决算表
    的一般公共预算资金，其基本支出又在基本支出决算表中逐项列出（人员经费合计 + 公用经费合计）。印了两次的数必须是同
    一个数（相差一分记为警告）。比较：本年收入合计（总表、收入决算表合计）；本年支出合计及各类（总表、支出决算表）；
    一般公共预算财政拨款（总表收入、财政拨款总表收入）；财政拨款总表一般公共预算列（本年支出合计及各类）与一般公共
    预算支出决算表；其基本支出合计与人员经费合计 + 公用经费合计。
    示例：总表“九、卫生健康支出”236.63，支出决算表“210 卫生健康支出”合计 236.64：在总表该行报告一条。
    """
    t1, income, expense = doc.table("final_summary"), doc.table("final_income"), doc.table("final_expense")
    t4, t5, t6 = (
        doc.table("final_fiscal_summary"),
        doc.table("final_general_expense"),
        doc.table("final_general_basic"),
    )
    doubtful = suspects(doc)
    pairs = [
        ("本年收入合计", [stated(income, total_row(income), "total"), stated(t1, subtotal_row(t1, "income"), "amount", "本年收入合计")]),
        ("本年支出合计", [stated(expense, total_row(expense), "total"), stated(t1, subtotal_row(t1, "expense"), "amount", "本年支出合计")]),
        ("一般公共预算财政拨款收入", [
            stated(t1, side_row(t1, "income", "一般公共预算"), "amount", "一般公共预算财政拨款收入"),
            stated(t4, side_row(t4, "income", "一般公共预算"), "amount", "一般公共预算财政拨款"),
        ]),
        ("一般公共预算财政拨款支出", [stated(t5, total_row(t5), "total"), stated(t4, subtotal_row(t4, "expense"), "general", "本年支出合计")]),
    ]  # fmt: skip
    for code, name in classes((t1, "expense"), (expense, None)).items():
        label = f"{code} {name}"
        pairs.append((label, [
            stated(expense, coded_rows(expense).get(code), "total", label),
            stated(t1, coded_rows(t1, "expense").get(code), "amount", label),
        ]))  # fmt: skip
    for code, name in classes((t4, "expense"), (t5, None)).items():
        label = f"{code} {name}"
        pairs.append((f"{label}（一般公共预算）", [
            stated(t5, coded_rows(t5).get(code), "total", label),
            stated(t4, coded_rows(t4, "expense").get(code), "general", label),
        ]))  # fmt: skip
    for quantity, members in pairs:
        yield from _soften(disagreements(quantity, members, doubtful))
    yield from _basic_split(t5, t6)


def _basic_split(t5, t6) -> Iterator[Hit]:
    """一般公共预算支出决算表 基本支出 合计 = 基本支出决算表 人员经费合计 + 公用经费合计 (two addends: 0.01)."""
    head = total_row(t5)
    basic = head.values.get("basic") if head else None
    rows = [next((r for r in t6.rows if w in r.name and "合计" in r.name), None) for w in ("人员经费", "公用经费")] if t6 else []  # fmt: skip
    if basic is None or basic.value is None or len(rows) != 2 or None in rows:
        return
    parts = [r.values.get("amount") for r in rows]  # type: ignore[union-attr]
    if any(p is None or p.value is None for p in parts):
        return
    total = parts[0].value + parts[1].value  # type: ignore[union-attr,operator]
    gap = abs(total - basic.value)
    if gap <= CENT:
        return
    yield Hit(
        message=(
            f"一般公共预算财政拨款支出决算表“合计”基本支出为 {basic.value:,.2f}，而基本支出决算表人员经费合计 + "
            f"公用经费合计为 {total:,.2f}（{parts[0].value:,.2f} + {parts[1].value:,.2f}），相差 {gap:,.2f}"  # type: ignore[union-attr]
            "（按2个加数各自四舍五入到0.01计，容差0.01）"
        ),
        line=basic.line or head.line,  # type: ignore[union-attr]
        table="一般公共预算财政拨款支出决算表",
        row="合计",
        column="基本支出",
        expected=total,
        actual=basic.value,
    )
