"""Arithmetic of the summary tables, the 基本支出 split and the “三公” table (§3 items 1, 5–7)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.arithmetic import REGULATION
from checks.rules.arithmetic.table_sums import failures, hits
from checks.support.lookup import table_name
from checks.support.money import Verdict, fmt
from checks.support.relations import BLANK, relations
from parsing.model import BudgetDocument


@register(
    "ARI004",
    "summary-sum",
    title="收支总表本年合计与各项之和不符",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def summary_sum(doc: BudgetDocument) -> Iterator[Hit]:
    """In 收支总表 and 财政拨款收支总表, 本年收入合计 = Σ income lines and 本年支出合计 = Σ 类.

    Why: the two summary tables are what most readers look at; their 合计 must be the sum of the lines shown
    (财政拨款收支总表: the three 拨款, and each fund column of the expenditure side).
    Example: 本年支出合计 937.79 vs 732.61 + 146.09 + 17.19 + 41.89 = 937.78 is rounding-level (4 addends,
    tolerance 0.02); 本年收入合计 181.17 vs a single line 181.71 is an error.
    """
    yield from hits(failures(doc, "summary"))


@register(
    "ARI005",
    "summary-balance",
    title="收支总计不平衡",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def summary_balance(doc: BudgetDocument) -> Iterator[Hit]:
    """收入总计 = 本年收入合计 + 上年结转, 支出总计 = 本年支出合计 + 年终结转, and 收入总计 = 支出总计.

    Why: a budget balances by construction; an unbalanced 收支总表 or 财政拨款收支总表 means a total or a
    carry-over was mistyped or left out.
    Example: 收入总计 2,654.52 and 支出总计 2,654.52 with no carry-over pass; 支出总计 2,645.52 fails.
    """
    yield from hits(failures(doc, "balance"))


@register(
    "ARI006",
    "personnel-public-split",
    title="人员经费/公用经费与经济分类不符",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def personnel_public_split(doc: BudgetDocument) -> Iterator[Hit]:
    """In 基本支出表, 人员经费 = 301 + 303 and 公用经费 = 302 (+ 310 …), read from the 合计 row.

    Why: 人员经费 normally covers 工资福利 (301) and 对个人和家庭的补助 (303), 公用经费 the 商品和服务 (302) and
    资本性 (310) lines; a different split misstates the 机关运行经费 and the staff-cost share. Local practice may
    differ, hence a warning.
    Example: 人员经费 644.99 = 301 544.88 + 303 100.11 passes; 公用经费 61.36 vs 302 61.36 passes.
    """
    rels = [r for r in relations(doc) if r.kind == "split" and r.verdict != Verdict.EQUAL and not r.causes]
    yield from hits([r for r in rels if r.verdict != BLANK])
    for rel in (r for r in rels if r.verdict == BLANK):
        yield Hit(
            message=f"{table_name(rel.target.table)}合计行{rel.target.column_label}为空，而{rel.what}之和为 "
            f"{fmt(rel.expected)}",
            line=rel.target.amount.line if rel.target.amount else rel.target.row.line,
            table=table_name(rel.target.table),
            row="合计",
            column=rel.target.column_label,
            expected=rel.expected,
        )


@register(
    "ARI007",
    "three-public-sum",
    title="“三公”经费合计与分项不符",
    severity=Severity.ERROR,
    regulation=REGULATION,
)
def three_public_sum(doc: BudgetDocument) -> Iterator[Hit]:
    """In the “三公”经费表, 合计 = 小计 = 一 + 二 + 三, 一 = Σ its two rows, 二 = 购置费 + 运行维护费.

    Why: 三公 spending is the most watched figure of a budget; its parts must add up in every fund column.
    Example: 小计 20.84 = 一 0 + 二 4.86 + 三 15.98 passes; 二 4.86 with 购置费 0 and 运行维护费 4.68 fails.
    """
    yield from hits(failures(doc, "three"))
