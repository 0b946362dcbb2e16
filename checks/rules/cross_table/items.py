"""Basic-spending links: 支出表 vs 基本支出表, function/economic pairs, 基本支出表 vs “三公” (§3 11–13)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.cross_table import REGULATION
from checks.rules.cross_table.stated import disagreements, stated, suspects
from checks.support.lookup import coded_rows, table_name, total_row
from checks.support.money import fmt
from parsing.model import AmountStatus, BudgetDocument, Row, Table
from parsing.text import normalise_label

# 功能分类 项 and the 经济分类 款 that pays for exactly the same thing in 基本支出.
SOFT_PAIRS = ((("2210201",), "30113"), (("2080505",), "30108"), (("2101101", "2101102"), "30110"))
# 基本支出表 款 and the “三公”经费表 row that includes it (the 三公 row may add project money).
THREE_PUBLIC = (
    ("30212", ("出国",), ()),
    ("30217", ("接待",), ()),
    ("30231", ("运行", "运维"), ("购置",)),
)


@register(
    "XTB004",
    "basic-vs-economic",
    title="基本支出与经济分类基本支出表不一致",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def basic_vs_economic(doc: BudgetDocument) -> Iterator[Hit]:
    """一般公共预算财政拨款支出表的基本支出合计等于基本支出表（经济分类）的合计。

    为什么：两张表拆分的是同一笔一般公共预算基本支出，一张按功能分类，一张按经济分类。
    示例：两表基本支出都是 706.36，通过；81.17 与 81.71，不通过。
    """
    t5, t6 = doc.table("general_expense"), doc.table("general_basic")
    yield from disagreements(
        "一般公共预算基本支出合计",
        [stated(t5, total_row(t5), "basic"), stated(t6, total_row(t6), "total")],
        suspects(doc),
    )


@register(
    "XTB005",
    "function-economic-pairs",
    title="功能科目与对应经济科目金额不一致",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def function_economic_pairs(doc: BudgetDocument) -> Iterator[Hit]:
    """住房公积金 2210201 = 30113，养老保险缴费 2080505 = 30108，行政（事业）单位医疗 2101101（+02）= 30110。

    为什么：这些功能分类的项和经济分类的款指同一笔缴费，在基本支出中金额通常相等；不同说明有科目归类错误。其他
    支出也可能使用同一科目，故为警告。
    示例：2210201 住房公积金 41.89 与 30113 住房公积金 41.89，通过；6.06 与 6.60，不通过。
    """
    t5, t6 = doc.table("general_expense"), doc.table("general_basic")
    rows5, rows6 = coded_rows(t5), coded_rows(t6)
    blamed = {key[:2] for key in suspects(doc)}  # a row its own table already blames is reported there
    for codes, econ in SOFT_PAIRS:
        funcs = [rows5[c] for c in codes if c in rows5]
        amounts = [r.values.get("basic") for r in funcs]
        rows = (
            [("general_expense", r.line) for r in funcs] + [("general_basic", rows6[econ].line)]
            if econ in rows6
            else []
        )
        if (
            not funcs
            or not rows
            or any(r in blamed for r in rows)
            or any(a is None or a.status == AmountStatus.INVALID for a in amounts)
        ):
            continue
        total = sum((a.number for a in amounts if a), Decimal(0))
        cell = rows6[econ].values.get("total")
        if cell is None or cell.value is None or cell.number == total:
            continue
        names = " + ".join(f"{r.code} {r.name}" for r in funcs)
        yield Hit(
            message=f"基本支出中{names} 为 {fmt(total)}，而基本支出表 {econ} {rows6[econ].name} 为 "
            f"{fmt(cell.value)}，两者通常相等",
            line=cell.line,
            table=table_name(t6),  # type: ignore[arg-type]
            row=f"{econ} {rows6[econ].name}",
            column="合计",
            expected=total,
            actual=cell.value,
            hint="核对该经济科目是否包含了其他功能科目的支出，或功能科目是否归类有误。",
        )


def _three_row(table: Table, words: tuple[str, ...], unless: tuple[str, ...]) -> Row | None:
    for row in table.rows:
        name = normalise_label(row.name)
        if any(w in name for w in words) and not any(w in name for w in unless):
            return row
    return None


@register(
    "XTB006",
    "basic-vs-three-public",
    title="基本支出表“三公”科目与“三公”经费表不符",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def basic_vs_three_public(doc: BudgetDocument) -> Iterator[Hit]:
    """30212 因公出国 ≤ “三公”出国费，30217 公务接待费 ≤ 接待费，30231 公务用车运行维护费 ≤ 运行维护费。

    为什么：“三公”经费表涵盖全部财政拨款“三公”支出，基本支出表只含其中的基本支出部分，因此基本支出科目不能超过
    对应的“三公”行；有“三公”金额而无基本支出科目的，是项目支出安排（提示，应加以说明）。
    示例：30231 4.86、运行维护费 4.86，通过；没有 30217 而接待费 15.98，为提示；30231 4.86 而“三公”经费表为空
    ，为错误。
    """
    t6, t9 = doc.table("general_basic"), doc.table("three_public")
    if t6 is None or t9 is None:
        return
    rows6, touched = coded_rows(t6), suspects(doc, broad=True)
    column = "general" if t9.column("general") else "total"
    for econ, words, unless in THREE_PUBLIC:
        row9 = _three_row(t9, words, unless)
        if row9 is None and not t9.is_empty:
            continue  # a template without this row: nothing to compare
        basic = rows6[econ].values.get("total") if econ in rows6 else None
        three = row9.values.get(column) if row9 else None
        b, t = (basic.number if basic else Decimal(0)), (three.number if three else Decimal(0))
        where9 = f"“三公”经费表“{row9.name if row9 else words[0]}”"
        line9 = three.line if three and three.line else (row9.line if row9 else t9.line)
        if b > t:
            # The side whose own sums fail is the likelier typo; otherwise the basic line is the one to explain.
            at9 = (
                row9 is not None
                and (t9.key, row9.line, column) in touched
                and not any(k[:2] == (t6.key, rows6[econ].line) for k in touched)
            )
            yield Hit(
                message=f"基本支出表 {econ} {rows6[econ].name} 为 {fmt(b)}，大于{where9} {fmt(t)}"
                + ("（该表为空）" if t9.is_empty else ""),
                line=line9 if at9 else basic.line if basic else None,
                table=table_name(t9 if at9 else t6),
                row=row9.name if at9 and row9 else f"{econ} {rows6[econ].name}",
                column=t9.column(column).label if at9 else "合计",  # type: ignore[union-attr]
                expected=t,
                actual=b,
            )
        elif t > 0 and b == 0:
            yield Hit(
                message=f"{where9}为 {fmt(t)}，基本支出表无 {econ} 科目金额：应为项目支出安排，宜在说明中交代",
                line=line9,
                table=table_name(t9),
                row=row9.name if row9 else None,
                severity=Severity.INFO,
                expected=b,
                actual=t,
            )
