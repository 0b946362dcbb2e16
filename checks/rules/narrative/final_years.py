"""决算 情况说明: the years it names, each in its role (the 决算 year, its year-end, the year before)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.final import stream
from parsing.model import BudgetDocument

# (pattern with a group "y", role, the year it must be given the 决算 year Y)
_ROLES: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(r"截[至止](?P<y>20\d{2})年12月31日"), "年末时点", 0),
    (
        re.compile(r"(?:与|比|较)(?P<y>20\d{2})年度?(?:相比|决算|减少|增加|下降|增长|持平|上升)"),
        "比较年度",
        -1,
    ),
    (
        re.compile(
            r"(?<![与比较至止\d])(?P<y>20\d{2})年度?(?:收入支出总计|财政拨款收入支出总计|\"三公\"经费|无政府性?基金|"
            r"无国有资本|无\"三公\"|政府采购金额|预算绩效管理工作|本部门面向中小企业)"
        ),
        "决算年度",
        0,
    ),
]


@register(
    "NAR036",
    "final-year-role",
    title="决算说明中的年度与决算年度不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def final_year_roles(doc: BudgetDocument) -> Iterator[Hit]:
    """A year the 决算 情况说明 names fits its role: the 决算 year Y for the year's totals ("2024 年度收入支出总计",
    "2024 年度“三公”经费…", "2024 年度政府采购金额"), Y's year-end for stock figures ("截至 2024 年 12 月 31 日"),
    Y − 1 for comparisons ("与 2023 年度相比").

    Why: a 决算 reports the year just closed; a year from last year's text (or the budget year's) means the
    paragraph was carried over and its figures may be too.
    Example: in the 2024 决算, "截至 2024 年 12 月 31 日，…共有车辆 0 辆" passes; "截至 2023 年 12 月 31 日" and
    "与 2022 年度相比" fail.
    """
    if doc.kind != "final_accounts" or doc.budget_year is None:
        return
    text = stream(doc)
    for pattern, role, offset in _ROLES:
        for match in pattern.finditer(text.text):
            year, expected = int(match["y"]), doc.budget_year + offset
            if year != expected:
                yield Hit(
                    message=f"说明中“{match.group(0)}”的年度为{year}，作为{role}应为{expected}（决算年度{doc.budget_year}）",
                    line=text.line_at(match.start()),
                    expected=Decimal(expected),
                    actual=Decimal(year),
                )
