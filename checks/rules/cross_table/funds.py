"""收支总表 vs 收入/支出总表, 财政拨款收支总表 vs the fund tables, 支出总表 vs 一般公共预算支出表 (§3 9–10)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.cross_table import FUNDS, REGULATION
from checks.rules.cross_table.stated import classes, disagreements, same_figure, stated, suspects
from checks.rules.cross_table.summary_rows import (
    all_fiscal,
    all_general,
    all_zero,
    no_carryover,
    side_row,
    subtotal_row,
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
    """收支总表的本年支出合计、本年收入合计分别等于支出总表合计和收入总表本年收入；每个类也一致。

    为什么：收支总表汇总收入总表和支出总表；某个类或合计不同，说明有一张表没有更新。每个类在收支总表、收入总表
    （不含年终结转）、支出总表之间比较，资金全部为财政拨款且无结转时也与财政拨款收支总表比较；问题记在与其他表
    不一致的那张表上。
    示例：201 一般公共服务支出在收支总表、收入总表、支出总表中都是 175.11，通过；收支总表本年支出合计 181.17
    而支出总表合计 118.17，不通过。
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
    rows1, rows2, rows3, rows4 = (
        coded_rows(t1, "expense"),
        coded_rows(t2),
        coded_rows(t3),
        coded_rows(t4, "expense"),
    )
    for code, name in classes((t1, "expense"), (t2, None), (t3, None)).items():
        label = f"{code} {name}"
        t1_row = rows1.get(code)
        yield from disagreements(
            label,
            [
                stated(t1, t1_row, "amount", label) if t1_row or not unmapped else None,
                stated(t2, rows2.get(code), "total", label) if with_t2 else None,
                stated(t3, rows3.get(code), "total", label),
                *extra(stated(t4, rows4.get(code), "total", label)),
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
    """收支总表和财政拨款收支总表中的每项拨款，在总额和各类上都等于其对应资金支出表的合计。

    为什么：一般公共预算资金在一般公共预算财政拨款支出表中细化，政府性基金、国有资本经营各有其表；财政拨款收支
    总表必须与三张表一致（只有无结转时收入才等于支出）。
    示例：一般公共预算拨款收入 937.79 = 财政拨款收支总表 937.79 = 一般公共预算支出表合计 937.79，通过；政府性
    基金一栏 50.00 而政府性基金预算财政拨款支出表为空，不通过。
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
        rows4, detail_rows = coded_rows(t4, "expense"), coded_rows(detail)
        for code, name in classes((t4, "expense"), (detail, None)).items():
            label = f"{code} {name}"
            yield from disagreements(
                f"{label}（{fund}）",
                [
                    stated(t4, rows4.get(code), column, label),
                    stated(detail, detail_rows.get(code), "total", label),
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
    """只有一般公共预算资金时，支出总表与一般公共预算财政拨款支出表逐行相等；否则表五 ≤ 表三。

    为什么：每一元都是一般公共预算拨款时，两张表描述的是同一笔支出；某行不同（或在其中一张表为空），说明录错或
    没有更新。同一列连续为空的行合为一条。
    示例：201 一般公共服务支出合计在支出总表为 175.11，而在一般公共预算支出表为空，不通过。
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
            hits: list[Hit] = []
            if r3 is not None and r5 is not None and same_figure(r3, r5, col):
                a = b = None  # most rows agree: nothing to report, no statements to build
            else:
                a, b = stated(t3, r3, col, label), stated(t5, r5, col, label)
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
