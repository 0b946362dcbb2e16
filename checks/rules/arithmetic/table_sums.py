"""Arithmetic inside one table: blank totals, row sums, 类/款/项 sums (§3 items 2–4, 6); the family's sum hit."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.arithmetic import HINT_MISMATCH, HINT_ROUNDING, REGULATION
from checks.rules.arithmetic.relation_hits import addend_figures, derived_note, failures, hits
from checks.support.lookup import table_name
from checks.support.money import Verdict, compare, fmt, rounding_note
from checks.support.relations import BLANK, Relation, relations
from parsing.model import BudgetDocument


def sum_hit(
    message: str, expected: Decimal, actual: Decimal, addends: int, note: str = "", **where: object
) -> Hit | None:
    """A hit for actual ≠ expected (the sum of `addends` printed figures), None when they agree exactly.

    A gap within the rounding of the addends is info, with the tolerance assumed; `note` ends the message.
    """
    verdict = compare(expected, actual, addends)
    if verdict == Verdict.EQUAL:
        return None
    gap = f"相差 {fmt(abs(actual - expected))}"
    if verdict == Verdict.ROUNDING:
        message = f"{message}，{gap}；差额在舍入范围内（{rounding_note(addends)}），属舍入级差异"
    else:
        message = f"{message}，{gap}"
    return Hit(
        message=message + note,
        expected=expected,
        actual=actual,
        severity=Severity.INFO if verdict == Verdict.ROUNDING else None,
        hint=HINT_ROUNDING if verdict == Verdict.ROUNDING else HINT_MISMATCH,
        **where,  # type: ignore[arg-type]
    )


@register(
    "ARI001",
    "blank-total",
    title="合计栏为空而组成数有数",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def blank_total(doc: BudgetDocument) -> Iterator[Hit]:
    """合计、小计或上级科目单元格为空，而构成它的各项有数。

    为什么：空的合计不等于零：读者看不出金额，以它为基础的各项求和也随之失效。空格是根源，因此由它引起的求和不
    符不再重复报告。
    示例：一般公共预算财政拨款支出表“201 一般公共服务支出”合计为空，而基本支出 75.11、项目支出 100 有数；同一
    列连续为空的行合并为一条问题。
    """
    blanks = [
        r for r in relations(doc) if r.verdict == BLANK and r.kind not in ("split", "link") and not r.causes
    ]
    seen: set[tuple] = set()
    runs: list[list[Relation]] = []
    for rel in sorted(blanks, key=lambda r: (r.target.table.line, r.target.column_index, r.target.row.line)):
        if rel.target.key in seen:
            continue
        seen.add(rel.target.key)
        rows = rel.target.table.rows
        last = runs[-1][-1].target if runs else None
        if (
            last
            and last.table is rel.target.table
            and last.column == rel.target.column
            and rows.index(rel.target.row) == rows.index(last.row) + 1
        ):
            runs[-1].append(rel)
        else:
            runs.append([rel])
    merged: dict[tuple, list[list[Relation]]] = {}  # a row range blank in several columns is one finding
    for run in runs:
        merged.setdefault((run[0].target.table.key, *(r.target.row.line for r in run)), []).append(run)
    for group in merged.values():
        run = group[0]
        first, target = run[0], run[0].target
        rows = (
            target.row_label
            if len(run) == 1
            else f"{target.row_label}至{run[-1].target.row_label}共{len(run)}行"
        )
        columns = "、".join(r[0].target.column_label for r in group)
        yield Hit(
            message=f"{table_name(target.table)}“{rows}”的{columns}为空，而{first.what}有数"
            f"，{'首行' if len(run) > 1 else ''}{target.column_label}应为 {fmt(first.expected)}{addend_figures(first)}"
            + derived_note([r for runs_ in group for r in runs_]),
            line=target.amount.line if target.amount else target.row.line,
            table=table_name(target.table),
            row=target.row_label,
            column=columns,
            expected=first.expected,
            hint="空白不等于零：请填写合计数；空白使相关合计全部失衡。",
        )


@register(
    "ARI002",
    "row-sum",
    title="行合计与各栏之和不符",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def row_sum(doc: BudgetDocument) -> Iterator[Hit]:
    """一行的合计等于其各分栏之和。

    为什么：支出总表和财政拨款支出表中 合计 = 基本支出 + 项目支出（+ 经营、上解、对附属）；收入总表中 合计 =
    本年收入小计 + 上年结转，小计 = 各收入来源之和；基本支出表中 合计 = 人员经费 + 公用经费；财政拨款收支总表
    和“三公”表中 合计 = 各资金栏之和。加不平的行必有单元格录错。差额在各加数的舍入容差之内的记为提示，并写明所
    假定的舍入。
    示例：支出总表合计 937.79，而 706.36 + 231.44 = 937.80：属舍入差异（2 个加数，容差 0.01）；奖金合计 14.97
    ，而人员经费 14.96：错误（只有一个加数时必须完全相等）。
    """
    yield from hits(failures(doc, "row"))


@register(
    "ARI003",
    "hierarchy-sum",
    title="类/款/项合计与下级之和不符",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def hierarchy_sum(doc: BudgetDocument) -> Iterator[Hit]:
    """每一栏中，类等于其下各款之和，款等于其下各项之和，合计等于各类之和。

    为什么：上级科目加不平，说明有下级科目被漏列、录错或重复计算。适用于收入总表、支出总表、三张财政拨款支出表
    （功能分类）和基本支出表（经济分类的类/款）。已由同一行某个错误单元格解释的差额只在该单元格报告一次。
    示例：201 一般公共服务支出 420.78，20103 85.78 + 20140 335.00 = 420.78，通过；301 = 544.88 而各款之和
    544.86，属舍入差异（9 个加数，容差 0.05）。
    """
    yield from hits(failures(doc, "tree"))
