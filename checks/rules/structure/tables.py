"""Completeness of the standard tables' rows: 序号 running 1, 2, 3 …; part-two units adding up to the department."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.structure import COMPLETE, FORMAT
from checks.support import money
from checks.support.lookup import find_row, table_name
from parsing.model import Amount, BudgetDocument, Row, Table
from parsing.text import normalise_label


def _physical_rows(table: Table) -> list[Row]:
    """One row per printed line: the income and expense halves of a two-sided row count once."""
    out: list[Row] = []
    for row in table.rows:
        prev = out[-1] if out else None
        if prev and prev.side == "income" and row.side == "expense" and prev.seq == row.seq:
            continue
        out.append(row)
    return out


def _sequence_breaks(rows: list[Row]) -> list[tuple[Row, int, str]]:
    """(row, expected, description) wherever the 序号 does not continue 1, 2, 3 …"""
    breaks: list[tuple[Row, int, str]] = []
    expected, previous = 1, "表头"
    last = len(rows) - 1
    for index, row in enumerate(rows):
        seq = row.seq
        if seq is None:
            if not (index in (0, last) and row.kind == "total"):  # a 合计 row first or last needs no number
                breaks.append((row, expected, f"{previous}之后序号为空（{row.name}）"))
                expected, previous = expected + 1, "空"
            continue
        number = int(seq)
        if number != expected:
            breaks.append((row, expected, f"{previous}之后为{number}"))
        expected, previous = number + 1, seq
    return breaks


@register(
    "STR005",
    "broken-row-numbers",
    title="表格序号不连续",
    severity=Severity.WARNING,
    regulation=FORMAT,
)
def broken_row_numbers(doc: BudgetDocument) -> Iterator[Hit]:
    """标准表各行的序号不是 1、2、3 … 连续排列（有空号、跳号或重号）。

    为什么：跳号（12 → 14）通常说明编号后从模板中删了行，表中可能缺少部门实有的科目；序号为空说明该行是手工添
    加的。
    示例：序号 1、2、3、4、（空）、12、16、17，每处中断报告一条，共三条（空、12、16）。
    """
    for table in doc.tables.values():
        rows = _physical_rows(table)
        seqs = [r.seq for r in rows if r.seq is not None]
        if not seqs or not all(s.isdecimal() for s in seqs) or table.column("seq") is None:
            continue
        for row, expected, described in _sequence_breaks(rows):
            yield Hit(
                message=f"{table_name(table)}序号不连续：{described}",
                line=row.line,
                table=table_name(table),
                row=row.name,
                expected=Decimal(expected),
                actual=Decimal(row.seq) if row.seq else None,
                hint="核对是否删去或漏列了行。",
            )


def _t1(doc: BudgetDocument) -> dict[str, Amount]:
    table = doc.table("summary")
    lines = {
        "本年收入合计": find_row(table, "本年收入合计", side="income"),
        "本年支出合计": find_row(table, "本年支出合计", side="expense"),
        "收入总计": find_row(table, "总计", side="income"),
        "支出总计": find_row(table, "总计", side="expense"),
    }
    out = {}
    for label, row in lines.items():
        amount = row.values.get("amount") if row else None
        if amount is not None and amount.value is not None:
            out[label] = amount
    return out


def _listed_units(doc: BudgetDocument) -> int:
    rows = doc.organisations.rows if doc.organisations else []
    return sum(1 for r in rows if r and r[0].text.strip() and "单位名称" not in normalise_label(r[0].text))


@register(
    "STR009",
    "units-sum",
    title="所属单位合计与部门不符",
    severity=Severity.ERROR,
    regulation=COMPLETE,
)
def units_add_up(doc: BudgetDocument) -> Iterator[Hit]:
    """第二部分：所属单位收支总表的合计加总等于部门数（只有一个本级单位时两者相等）。

    为什么：部门预算是所属单位预算之和；有差额说明漏了某个单位，或两部分中某个数字不一致。
    示例：部门本年收入合计 2,654.52，唯一单位“…本级” 2,654.52，通过；2,645.52 报告一条。
    """
    if doc.part != "department" or not doc.units:
        return
    department = _t1(doc)
    per_unit = [_t1(unit) for unit in doc.units]
    explained: set[Decimal] = set()  # one gap shows on both sides and in 总计: report it once
    for label, amount in department.items():
        values = [u[label] for u in per_unit if label in u]
        if not values:
            continue
        summed, addends = money.total(values)
        verdict = money.compare(amount.number, summed, addends)
        if verdict == money.Verdict.EQUAL or summed - amount.number in explained:
            continue
        explained.add(summed - amount.number)
        partial = len(doc.units) < _listed_units(doc) and summed < amount.number
        severity = (
            Severity.INFO if verdict == money.Verdict.ROUNDING else Severity.WARNING if partial else None
        )
        note = f"（{money.rounding_note(addends)}）" if verdict == money.Verdict.ROUNDING else ""
        yield Hit(
            message=(
                f"收支总表{label}：{len(values)}个所属单位合计{money.fmt(summed)}，部门为{money.fmt(amount.number)}{note}"
            ),
            line=amount.line,
            table="收支总表",
            row=label,
            expected=amount.number,
            actual=summed,
            severity=severity,
            hint="机构设置表所列单位多于第二部分公开的单位，可能有单位未公开。" if partial else None,
        )
