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
    section_figures,
)
from checks.support.money import Verdict, fmt, precision
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
    """The 政府采购预算 amount in the text equals the 合计 of the 政府采购预算表 (an empty table is 0).

    Why: the text is the summary most readers take away; a total that differs from the table misstates how
    much will be bought through government procurement.
    Example: "安排政府采购预算0.00万元" beside an empty table (空表列示) passes; "安排政府采购预算18.00万元" beside
    the same empty table fails.
    """
    yield from stated(
        doc,
        "procurement",
        [("政府采购预算", PROCUREMENT_SAID, _procurement_ref)],
    )


def _asset_figures(doc: BudgetDocument, pattern: re.Pattern[str]) -> Iterator[Figure]:
    for para in section_figures(doc, "assets"):
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
    """上年末固定资产金额 in the text equals the 资产总额 价值 of the 固定资产占用情况表 (empty table = 0).

    Why: both describe the same assets at the same date (31 Dec of the year before); two figures mean one
    of them is out of date or mistyped.
    Example: "上年末固定资产金额为340.69万元" with 资产总额 340.69 passes; "165.16万元" with 资产总额 680.28 fails.
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
    """本年度拟购置固定资产总额 is at most the 政府采购预算 total (table 合计, else the amount in the text).

    Why: the text itself says the purchases "已按要求列入政府采购预算"; more planned purchases than
    procurement budget contradicts that. Fewer is normal (small purchases can fall below the thresholds).
    Example: "拟购置固定资产总额为0.00万元" with an empty procurement table passes; 12.00万元 with procurement
    合计 0 fails.
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
