"""收支总表 vs 收入/支出总表, 财政拨款收支总表 vs the fund tables, 支出总表 vs 一般公共预算支出表 (§3 9–10)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.cross_table import FUNDS, REGULATION
from checks.rules.cross_table.stated import (
    all_fiscal,
    all_general,
    all_zero,
    classes,
    disagreements,
    no_carryover,
    side_row,
    stated,
    subtotal_row,
    suspects,
)
from checks.support.lookup import coded_rows, total_row
from checks.support.relations import ORDINAL
from parsing.model import BudgetDocument
from parsing.text import normalise_label


@register(
    "XTB001",
    "summary-vs-detail",
    title="收支总表与收入/支出总表不一致",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def summary_vs_detail(doc: BudgetDocument) -> Iterator[Hit]:
    """本年支出合计 and 本年收入合计 of 收支总表 equal 支出总表 合计 and 收入总表 本年收入; each 类 agrees too.

    Why: 收支总表 summarises 收入总表 and 支出总表; a class or total that differs means one table was not updated.
    Each 类 is compared across 收支总表, 收入总表 (without 年终结转), 支出总表 and, when all money is 财政拨款 without
    carry-over, 财政拨款收支总表; the finding sits on the table that disagrees with the others.
    Example: 201 一般公共服务支出 175.11 in 收支总表, 收入总表 and 支出总表 passes; 收支总表 本年支出合计 181.17 vs
    支出总表 合计 118.17 fails.
    """
    t1, t2, t3, t4 = (doc.table(k) for k in ("summary", "income", "expense", "fiscal_summary"))
    fiscal, doubtful = all_fiscal(doc), suspects(doc)
    extra = (lambda *m: list(m)) if fiscal else (lambda *m: [])
    # Without a 本年收入 小计 column, 收入总表 合计 includes 上年结转: compare it with 收入总计.
    t1_income = subtotal_row(t1, "income") if t2 and t2.column("subtotal") else side_row(t1, "income", "总计")
    income_col = "subtotal" if t2 and t2.column("subtotal") else "total"
    yield from disagreements(
        "本年支出合计",
        [
            stated(t1, subtotal_row(t1, "expense"), "amount", "本年支出合计"),
            stated(t3, total_row(t3), "total"),
            *extra(stated(t4, subtotal_row(t4, "expense"), "total")),
        ],
        doubtful,
    )
    yield from disagreements(
        "本年收入合计",
        [
            stated(t1, t1_income, "amount", "本年收入合计"),
            stated(t2, total_row(t2), income_col),
            *extra(stated(t4, subtotal_row(t4, "income"), "amount")),
        ],
        doubtful,
    )
    with_t2 = all_zero(side_row(t1, "expense", "结转"))
    # A 类 name the code table does not know leaves its amount unassigned: then a 类 absent from 收支总表 is no proof.
    unmapped = t1 is not None and any(
        not r.code and ORDINAL.match(normalise_label(r.name)) and not all_zero(r) for r in t1.side("expense")
    )
    for code, name in classes((t1, "expense"), (t2, None), (t3, None)).items():
        label = f"{code} {name}"
        t1_row = coded_rows(t1, "expense").get(code)
        yield from disagreements(
            label,
            [
                stated(t1, t1_row, "amount", label) if t1_row or not unmapped else None,
                stated(t2, coded_rows(t2).get(code), "total", label) if with_t2 else None,
                stated(t3, coded_rows(t3).get(code), "total", label),
                *extra(stated(t4, coded_rows(t4, "expense").get(code), "total", label)),
            ],
            doubtful,
        )


@register(
    "XTB002",
    "fiscal-vs-fund-tables",
    title="财政拨款收支总表与分资金支出表不一致",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def fiscal_vs_fund_tables(doc: BudgetDocument) -> Iterator[Hit]:
    """Each 拨款 of 收支总表 and 财政拨款收支总表 equals its fund table's 合计, in total and per 类.

    Why: 一般公共预算 money is detailed in the 一般公共预算财政拨款支出表, 政府性基金 in its own table and 国有资本经营
    in another; 财政拨款收支总表 must agree with all three (income = expenditure only without carry-over).
    Example: 一般公共预算拨款收入 937.79 = 财政拨款收支总表 937.79 = 一般公共预算支出表 合计 937.79 passes; 政府性基金
    column 50.00 with an empty 政府性基金预算财政拨款支出表 fails.
    """
    t1, t4 = doc.table("summary"), doc.table("fiscal_summary")
    carry, doubtful = not no_carryover(doc), suspects(doc)
    for fund, words, column, key in FUNDS:
        detail = doc.table(key)
        t1_row = next((r for w in words if (r := side_row(t1, "income", w))), None)
        t4_row = next((r for w in words if (r := side_row(t4, "income", w))), None)
        income = [
            stated(t1, t1_row, "amount", f"{fund}拨款收入"),
            stated(t4, t4_row, "amount", f"{fund}拨款"),
        ]
        spent = [
            stated(t4, subtotal_row(t4, "expense"), column, "本年支出合计"),
            stated(detail, total_row(detail), "total"),
        ]
        for members in (income, spent) if carry else (income + spent,):
            yield from disagreements(f"{fund}拨款", members, doubtful)
        if t4 is None or t4.column(column) is None or not detail or not detail.rows:
            continue  # an empty fund table is reported once, by its 合计
        if column == "general" and all_general(doc):
            continue  # with only 一般公共预算 money, XTB001 and XTB003 already tie each 类 of T4 to T5
        for code, name in classes((t4, "expense"), (detail, None)).items():
            label = f"{code} {name}"
            yield from disagreements(
                f"{label}（{fund}）",
                [
                    stated(t4, coded_rows(t4, "expense").get(code), column, label),
                    stated(detail, coded_rows(detail).get(code), "total", label),
                ],
                doubtful,
            )


@register(
    "XTB003",
    "expense-vs-general",
    title="支出总表与一般公共预算支出表逐行不一致",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def expense_vs_general(doc: BudgetDocument) -> Iterator[Hit]:
    """With only 一般公共预算 money, 支出总表 equals the 一般公共预算财政拨款支出表 row by row; otherwise T5 ≤ T3.

    Why: when every yuan is 一般公共预算 拨款, the two tables describe the same spending; a row that differs (or is
    blank in one of them) was mistyped or not updated. Consecutive blank rows of one column are one finding.
    Example: 201 一般公共服务支出 合计 175.11 in 支出总表 but blank in the 一般公共预算支出表 fails.
    """
    t3, t5 = doc.table("expense"), doc.table("general_expense")
    if t3 is None or t5 is None:
        return
    equal, doubtful = all_general(doc), suspects(doc)
    rows3, rows5 = coded_rows(t3), coded_rows(t5)
    pairs = [(total_row(t3), total_row(t5), "合计")] + [
        (rows3.get(c), rows5.get(c), c) for c in dict.fromkeys([*rows3, *rows5])
    ]
    covered = subtotal_row(doc.table("fiscal_summary"), "expense") is not None  # XTB002 ties T5 合计 to T4
    runs: dict[tuple, list[list[Hit]]] = {}  # blank runs by (table, rows): one finding for all their columns
    for col in ("total", "basic", "project"):
        run: list[Hit] = []
        for r3, r5, label in [*pairs[int(covered and col == "total") :], (None, None, "")]:
            a, b = stated(t3, r3, col, label), stated(t5, r5, col, label)
            hits: list[Hit] = []
            if a and b and equal:
                hits = list(disagreements(f"“{label if r3 is None else a.row}”{b.column}", [a, b], doubtful))
            elif a and b and b.value > a.value:
                hits = [
                    Hit(
                        message=f"一般公共预算支出不应超过全部支出：{b.shown}，大于{a.shown}",
                        line=b.line,
                        table=b.table,
                        row=b.row,
                        column=b.column,
                        expected=a.value,
                        actual=b.value,
                    )
                ]
            blank = len(hits) == 1 and hits[0].actual is None
            if run and blank and run[-1].table == hits[0].table:
                run.append(hits[0])
                continue
            if run:
                runs.setdefault((run[0].table, *(h.row for h in run)), []).append(run)
            run = hits if blank else []
            yield from ([] if blank else hits)
    for group in runs.values():
        run = group[0]
        columns = "、".join(r[0].column or "" for r in group)
        more = f"；其下{len(run) - 1}行（至“{run[-1].row}”）同样为空" if len(run) > 1 else ""
        also = f"；同行{columns}均如此" if len(group) > 1 else ""
        yield run[0].model_copy(update={"message": run[0].message + more + also, "column": columns})
