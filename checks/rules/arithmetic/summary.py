"""Arithmetic of the summary tables, the 基本支出 split and the “三公” table (§3 items 1, 5–7)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.arithmetic import REGULATION
from checks.rules.arithmetic.relation_hits import failures, hits
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
    """收支总表和财政拨款收支总表中，本年收入合计 = 各收入项之和，本年支出合计 = 各类支出之和。

    为什么：这两张总表是读者最常看的表，其合计必须等于所列各行之和（财政拨款收支总表：三项拨款，以及支出方每个
    资金栏）。
    示例：本年支出合计 937.79，而 732.61 + 146.09 + 17.19 + 41.89 = 937.78，属舍入差异（4 个加数，容差 0.02）
    ；本年收入合计 181.17 而唯一收入项为 181.71，为错误。
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
    """收入总计 = 本年收入合计 + 上年结转，支出总计 = 本年支出合计 + 年终结转，且收入总计 = 支出总计。

    为什么：预算天然收支平衡；收支总表或财政拨款收支总表不平衡，说明某个总计或结转数录错或漏填。
    示例：收入总计 2,654.52、支出总计 2,654.52 且无结转，通过；支出总计 2,645.52，不通过。
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
    """基本支出表合计行中，人员经费 = 301 + 303，公用经费 = 302（+ 310 …）。

    为什么：人员经费通常包括工资福利支出（301）和对个人和家庭的补助（303），公用经费包括商品和服务支出（302）
    和资本性支出（310）；划分不同会错报机关运行经费和人员经费占比。各地口径可能不同，故为警告。
    示例：人员经费 644.99 = 301 的 544.88 + 303 的 100.11，通过；公用经费 61.36 与 302 的 61.36 相符，通过。
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
    """“三公”经费表中，合计 = 小计 = 一 + 二 + 三，一 = 其下两行之和，二 = 购置费 + 运行维护费。

    为什么：“三公”经费是预算中最受关注的数字，每个资金栏的分项都必须加得平。
    示例：小计 20.84 = 一 0 + 二 4.86 + 三 15.98，通过；二为 4.86 而购置费 0、运行维护费 4.68，不通过。
    """
    yield from hits(failures(doc, "three"))
