"""Arithmetic inside one table: blank totals, row sums, 类/款/项 sums (§3 items 2–4, 6); shared wording."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.arithmetic import HINT_MISMATCH, HINT_ROUNDING, REGULATION
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


def _numbers(rel: Relation) -> str:
    values = [a.amount.value for a in rel.addends if a.amount and a.amount.value]
    return "（" + " + ".join(fmt(v) for v in values) + "）" if 1 < len(values) <= 6 else ""


def _derived_note(rels: list[Relation]) -> str:
    own = {r.target.key for r in rels}
    derived = [d for r in rels for d in r.derived if d.kind != "link" and d.target.key not in own]
    if not derived:
        return ""
    names = "、".join(
        dict.fromkeys(
            f"{table_name(d.target.table)}“{d.target.row_label}”{d.target.column_label}栏"
            for d in derived[:3]
        )
    )
    return f"；由此同时导致{len(derived)}处合计不符（{names}{'等' if len(derived) > 3 else ''}），系同一原因，不再单独报告"


def hits(rels: list[Relation]) -> Iterator[Hit]:
    """One hit per target row and discrepancy; the columns that share the same gap are listed together."""
    groups: dict[tuple, list[Relation]] = {}
    for rel in rels:
        culprit = rel.culprit if rel.culprit is not None and rel.culprit is not rel.target else None
        key = (rel.kind, rel.target.table.key, rel.target.row.line, rel.verdict, rel.what, rel.count)
        key += (culprit.key, rel.expected, rel.actual) if culprit else (rel.actual - rel.expected,)  # type: ignore[operator]
        groups.setdefault(key, []).append(rel)
    for members in groups.values():
        rel, target = members[0], members[0].target
        culprit = rel.culprit if rel.culprit is not None and rel.culprit is not target else None
        where = culprit or target
        columns = "、".join(m.target.column_label for m in members)
        both = len({(m.expected, m.actual) for m in members}) > 1
        message = (
            f"{table_name(target.table)}“{target.row_label}”的{columns}{'分别' if both else ''}为 "
            + ("、".join(fmt(m.actual) for m in members) if both else fmt(rel.actual))
            + f"，而{rel.what}之和{'分别' if both else ''}为 "
            + ("、".join(fmt(m.expected) for m in members) if both else f"{fmt(rel.expected)}{_numbers(rel)}")
            + f"，{'均' if both else ''}相差 {fmt(abs(rel.actual - rel.expected))}"  # type: ignore[operator]
        )
        if culprit:
            message = (
                f"{table_name(target.table)}“{where.row_label}”的{where.column_label}"
                f"{'为空' if where.amount.value is None else '为 ' + fmt(where.amount.value)}，"  # type: ignore[union-attr]
                f"疑应为 {fmt(rel.fix)}：{message}"
            )
        # Rounding-level only when no sum this cell breaks is a real mismatch.
        rounding = rel.verdict == Verdict.ROUNDING and all(
            d.verdict == Verdict.ROUNDING for m in members for d in m.derived
        )
        if rounding:
            message += f"；差额在舍入范围内（{rounding_note(rel.count)}），属舍入级差异"
        yield Hit(
            message=message + _derived_note(members),
            line=where.amount.line if where.amount else where.row.line,
            table=table_name(target.table),
            row=where.row_label,
            column=where.column_label if culprit else columns,
            expected=rel.fix if culprit else rel.expected,
            actual=where.amount.value if culprit else rel.actual,  # type: ignore[union-attr]
            severity=Severity.INFO if rounding else None,
            hint=HINT_ROUNDING if rounding else HINT_MISMATCH,
        )


def failures(doc: BudgetDocument, *kinds: str) -> list[Relation]:
    return [
        r
        for r in relations(doc)
        if r.kind in kinds and r.verdict in (Verdict.MISMATCH, Verdict.ROUNDING) and not r.causes
    ]


@register(
    "ARI001",
    "blank-total",
    title="合计栏为空而组成数有数",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def blank_total(doc: BudgetDocument) -> Iterator[Hit]:
    """A total, subtotal or parent cell is blank while the figures it adds up are filled.

    Why: a blank total is not zero: the reader cannot tell the amount, and every sum built on it breaks. The
    blank is the root cause, so the sums it breaks are not reported again.
    Example: 一般公共预算财政拨款支出表 201 一般公共服务支出 合计 blank while 基本支出 75.11 and 项目支出 100
    are filled; consecutive blank rows of one column are reported as one finding.
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
            f"，{'首行' if len(run) > 1 else ''}{target.column_label}应为 {fmt(first.expected)}{_numbers(first)}"
            + _derived_note([r for runs_ in group for r in runs_]),
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
    """A row's 合计 equals the sum of its part columns.

    Why: 合计 = 基本支出 + 项目支出 (+ 经营、上解、对附属) in 支出总表 and the 财政拨款支出表, 合计 = 本年收入小计
    + 上年结转 and 小计 = Σ sources in 收入总表, 合计 = 人员经费 + 公用经费 in the 基本支出表, 合计 = Σ funds in
    财政拨款收支总表 and “三公”表; a row that does not add up has a mistyped cell. Differences within the rounding
    tolerance of the addends are reported as info, with the assumed rounding.
    Example: 支出总表 合计 937.79 vs 706.36 + 231.44 = 937.80: rounding-level (2 addends, tolerance 0.01);
    奖金 合计 14.97 vs 人员经费 14.96: error (one addend must match exactly).
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
    """A 类 equals the sum of its 款, a 款 the sum of its 项, and 合计 the sum of the 类, in every column.

    Why: a parent line that does not add up means a child line was dropped, mistyped or double counted. Applies
    to 收入总表, 支出总表, the three 财政拨款支出表 (功能分类) and the 基本支出表 (经济分类 类/款). A difference that
    a wrong cell of the same row already explains is reported once, on that cell.
    Example: 201 一般公共服务支出 420.78 while 20103 85.78 + 20140 335.00 = 420.78 passes; 301 = 544.88 vs
    Σ款 544.86 is rounding-level (9 addends, tolerance 0.05).
    """
    yield from hits(failures(doc, "tree"))
