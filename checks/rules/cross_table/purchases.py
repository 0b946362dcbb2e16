"""Purchases and vehicles against the 政府采购 and 国有资产 statements (§3 21; suspicions, not proofs)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.cross_table import REGULATION
from checks.support.figures import cell_value, generic_total, header_cell
from checks.support.lookup import table_name
from checks.support.money import fmt
from checks.support.procurement import PROCUREMENT, procurement_budget, stated_procurement
from parsing.model import AmountStatus, BudgetDocument, Row
from parsing.text import normalise_label

PROCUREMENT_LAW = "《中华人民共和国政府采购法》第三十三条（部门预算应列出政府采购项目及资金预算）"
_PURCHASE_PROJECT = re.compile(r"购置|采购|购买(?!.*服务)")
_GOODS_SAID = r"(?:政府采购)?货物(?:类)?(?:预算|采购)?(?:资金|金额)?"
_CAR_UPKEEP = re.compile(r"(公务用车)?运行(维护)?费|运维费")
_CAR_PURCHASE = re.compile(r"公务用车购置费|车辆购置")
_VEHICLES_SAID = re.compile(r"(?:共有|现有|拥有|实有)[^，。；]{0,12}?车辆\s*(\d+)\s*辆")


@dataclass(frozen=True)
class _Purchase:
    what: str  # "项目“办公设备购置费”预算数", "基本支出表“31002 办公设备购置”"
    amount: Decimal
    line: int | None
    table: str | None = None
    row: str | None = None
    project: str | None = None


def _procurement_limit(doc: BudgetDocument) -> tuple[Decimal, str] | None:
    """The procurement budget that goods purchases must fit in: 货物 when stated, else the total."""
    goods = stated_procurement(doc, _GOODS_SAID)
    if goods is not None:
        return goods.amount(doc.unit), "政府采购货物预算"
    budget = procurement_budget(doc)
    return None if budget is None else (budget[0], "政府采购预算合计")


def _positive(row: Row, column: str) -> Decimal | None:
    amount = row.values.get(column)
    if amount is None or amount.status == AmountStatus.INVALID or amount.value is None:
        return None
    return amount.value if amount.value > 0 else None


def _purchases(doc: BudgetDocument) -> Iterator[_Purchase]:
    """Goods bought this year: capital 款 of the 基本支出表, car purchases in the 三公 table, 购置 projects."""
    basic = doc.table("general_basic")
    for row in basic.rows if basic else []:
        if (
            row.code
            and len(row.code) == 5
            and row.code.startswith("310")
            and (value := _positive(row, "total"))
        ):
            name = f"{row.code} {row.name}"
            yield _Purchase(f"{table_name(basic)}“{name}”", value, row.line, basic.key, name)
    three = doc.table("three_public")
    for row in three.rows if three else []:
        value = _positive(row, "total")
        if value and _CAR_PURCHASE.search(normalise_label(row.name)):
            yield _Purchase(f"{table_name(three)}“{row.name}”", value, row.line, three.key, row.name)
    for project in doc.projects:
        value = project.budget.value
        if _PURCHASE_PROJECT.search(project.name) and value and value > 0:
            what = f"项目“{project.name}”预算数"
            yield _Purchase(what, value, project.line, project=project.name)


@register(
    "XTB010",
    "purchases-without-procurement",
    title="有购置支出而政府采购预算为零（疑似）",
    severity=Severity.WARNING,
    regulation=PROCUREMENT_LAW,
)
def purchases_without_procurement(doc: BudgetDocument) -> Iterator[Hit]:
    """安排了设备、车辆或其他货物购置支出，而政府采购预算为零或为空。

    为什么：部门应在预算中列出采购项目；有购置类项目或 310 资本性支出科目，而采购表为空（或“政府采购货物预算0
    万元”），要么漏列了采购预算，要么该购置名不副实。低于分散采购限额且不在集中采购目录内的购置无需政府采购，
    因此这只是待核实的疑点，且只在采购预算恰为零时报告。
    示例：项目“办公设备购置费”预算数 18.00，旁边是“注：无政府采购预算，空表列示”，不通过；同一项目旁的采购表合
    计 18.00，通过。
    """
    limit = _procurement_limit(doc)
    if limit is None or limit[0] != 0:
        return
    for item in _purchases(doc):
        yield Hit(
            message=f"{item.what}为{fmt(item.amount)}{doc.unit}，而{limit[1]}为{fmt(limit[0])}{doc.unit}：疑似应列未列政府采购预算"
            "（低于采购限额且不属集中采购目录的零星购置可不列，请核实）",
            line=item.line,
            table=item.table or PROCUREMENT,
            row=item.row,
            project=item.project,
            expected=Decimal(0),
            actual=item.amount,
            hint="核对该购置是否属于政府集中采购目录或达到采购限额标准；如是，应列入政府采购预算表。",
        )


def _vehicles_in_table(doc: BudgetDocument) -> tuple[Decimal, int] | None:
    """The 车辆 数量 of the 固定资产占用情况表 (an empty 空表列示 table holds none), with its line."""
    table = doc.assets
    if table is None:
        return None
    if generic_total(table, "价值", "资产总额") == 0:
        return Decimal(0), table.line
    head = header_cell(table, "数量")
    for row in table.rows[head[0] + 1 :] if head else []:
        if row and "车辆" in normalise_label(row[0].text) and len(row) > head[1]:  # type: ignore[index]
            cell = row[head[1]]  # type: ignore[index]
            count = cell_value(cell.text) if cell.text.strip() else Decimal(0)
            return (count, cell.line) if count is not None else None
    return None


def _vehicles_in_text(doc: BudgetDocument) -> tuple[Decimal, int] | None:
    """The car count the 国有资产 section states ("共有车辆0辆"), for layouts without an assets table."""
    section = doc.section("assets")
    for paragraph in section.paragraphs if section else []:
        m = _VEHICLES_SAID.search(paragraph.text)
        if m:
            return Decimal(m.group(1)), paragraph.line
    return None


def _car_costs(doc: BudgetDocument) -> tuple[Decimal | None, Row | None]:
    """(公务用车购置费, the 运行维护费 row when positive) from the “三公”经费表."""
    three = doc.table("three_public")
    bought, upkeep = None, None
    for row in three.rows if three else []:
        label = normalise_label(row.name)
        if _CAR_PURCHASE.search(label):
            bought = _positive(row, "total")
        elif _CAR_UPKEEP.search(label) and "购置" not in label and _positive(row, "total"):
            upkeep = row
    return bought, upkeep


@register(
    "XTB011",
    "car-upkeep-without-vehicles",
    title="有公务用车运行维护费而无车辆（疑似）",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def car_upkeep_without_vehicles(doc: BudgetDocument) -> Iterator[Hit]:
    """“三公”经费表中公务用车运行维护费 > 0，而国有资产信息显示没有车辆。

    为什么：运行维护费用于部门自有公务用车的燃油、维修和保险；固定资产占用情况表中车辆为 0（或“共有车辆0辆”）
    ，要么资产表不完整，要么资金归类错误。本年购车（公务用车购置费 > 0）或车辆由其他单位持有可以解释这一情况，
    因此只是疑点。
    示例：运行维护费 4.86、车辆 1 台，通过；运行维护费 4.86 而资产表为空（空表列示），不通过。
    """
    bought, upkeep = _car_costs(doc)
    if upkeep is None or bought:
        return
    held = _vehicles_in_table(doc) or _vehicles_in_text(doc)
    if held is None or held[0] != 0:
        return
    value = upkeep.values["total"].value
    yield Hit(
        message=f"“三公”经费表“{upkeep.name}”为{fmt(value)}{doc.unit}，而国有资产信息显示车辆为0（第{held[1]}行）："
        "疑似固定资产表漏列车辆或运行维护费列错科目",
        line=upkeep.line,
        table="three_public",
        row=upkeep.name,
        column="total",
        expected=Decimal(0),
        actual=value,
        hint="核对单位实有公务用车数量与固定资产占用情况表；如车辆属其他单位，应在说明中交代。",
    )
