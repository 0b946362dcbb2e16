"""Narrative vs tables: 政府采购预算 and 国有资产信息 (固定资产占用情况表) statements."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.rules.narrative.totals import Ref, stated
from checks.support.figures import (
    CONNECT,
    Figure,
    generic_total,
    judge,
)
from checks.support.money import Verdict, fmt, precision
from checks.support.narrative import paragraph_figures
from checks.support.procurement import (
    PROCUREMENT,
    PROCUREMENT_SAID,
    in_document_unit,
    procurement_budget,
    procurement_total,
)
from parsing.model import BudgetDocument

ASSETS = "固定资产占用情况表"
_HELD = re.compile(r"上年末[^，。；]*?固定资产(?:金额|总额|原值|价值|合计)?" + CONNECT + "$")
_PLANNED = re.compile(r"(?:拟|计划)(?:购置|采购|新增)[^，。；]*?固定资产(?:总额|金额|合计)?" + CONNECT + "$")


def _procurement_ref(doc: BudgetDocument) -> list[Ref]:
    total = procurement_total(doc)
    return [] if total is None else [(total, PROCUREMENT, "合计", "政府采购金额")]


@register(
    "NAR008",
    "procurement-text-vs-table",
    title="政府采购预算说明与政府采购预算表合计不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def procurement_text(doc: BudgetDocument) -> Iterator[Hit]:
    """文字中的政府采购预算金额等于政府采购预算表的合计（空表为 0）。

    为什么：文字是多数读者记住的摘要；与表格不同的总额会错报通过政府采购购买的金额。
    示例：空表（空表列示）旁写“安排政府采购预算0.00万元”，通过；同一空表旁写“安排政府采购预算18.00万元”，不通
    过。
    """
    yield from stated(
        doc,
        "procurement",
        [("政府采购预算", PROCUREMENT_SAID, _procurement_ref)],
    )


def _asset_figures(doc: BudgetDocument, pattern: re.Pattern[str]) -> Iterator[Figure]:
    for para in paragraph_figures(doc, "assets"):
        for fig in para:
            if (
                not fig.changed
                and pattern.search(fig.label)
                and (pattern is _PLANNED or "购置" not in fig.label)
            ):
                yield fig


@register(
    "NAR009",
    "assets-text-vs-table",
    title="上年末固定资产金额与固定资产占用情况表资产总额不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def assets_text(doc: BudgetDocument) -> Iterator[Hit]:
    """文字中的上年末固定资产金额等于固定资产占用情况表资产总额的价值（空表为 0）。

    为什么：两者描述同一时点（上年 12 月 31 日）的同一批资产；出现两个数字，说明其中一个过时或录错。
    示例：“上年末固定资产金额为340.69万元”，资产总额 340.69，通过；“165.16万元”而资产总额 680.28，不通过。
    """
    total = generic_total(doc.assets, "价值", "资产总额")
    if total is None or doc.assets is None:
        return
    total = in_document_unit(doc.assets, total, doc)
    for fig in _asset_figures(doc, _HELD):
        verdict, note = judge(fig, total, doc.unit)
        if verdict is not Verdict.EQUAL:
            yield Hit(
                message=f"说明称上年末固定资产金额{fig.raw}，{ASSETS}资产总额为{fmt(total)}{doc.unit}"
                + (f"（{note}）" if note else ""),
                line=fig.line,
                table=ASSETS,
                row="资产总额",
                column="价值",
                expected=total,
                actual=fig.amount(doc.unit),
                severity=Severity.INFO if note else None,
                hint="核对固定资产账面金额，统一说明与表格。",
            )


@register(
    "NAR010",
    "planned-assets-vs-procurement",
    title="拟购置固定资产超过政府采购预算",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def planned_assets(doc: BudgetDocument) -> Iterator[Hit]:
    """本年度拟购置固定资产总额不超过政府采购预算总额（取表内合计，无表时取文字所述金额）。

    为什么：文字本身说购置“已按要求列入政府采购预算”；拟购置额大于采购预算与此矛盾。小于则属正常（小额购置可能
    低于采购限额）。
    示例：“拟购置固定资产总额为0.00万元”且采购表为空，通过；拟购置 12.00万元而采购合计为 0，不通过。
    """
    budget = procurement_budget(doc)
    if budget is None:
        return
    limit = budget[0]
    for fig in _asset_figures(doc, _PLANNED):
        planned = fig.amount(doc.unit)
        if (planned - limit) * 2 > precision(doc.unit, fig.unit):  # beyond the rounding of the stated figure
            yield Hit(
                message=f"说明称本年度拟购置固定资产{fig.raw}，政府采购预算合计为{fmt(limit)}{doc.unit}，"
                "拟购置数超过政府采购预算",
                line=fig.line,
                table=PROCUREMENT,
                row="合计",
                expected=limit,
                actual=planned,
                hint="核对拟购置固定资产是否已列入政府采购预算表。",
            )
