"""Narrative vs tables: 比上年增减情况 (Δ总额 = Δ基本 + Δ项目) and the year it compares with."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.rules.narrative.totals import EXPENSE, INCOME
from checks.support.figures import Figure
from checks.support.lookup import total_row
from checks.support.money import Verdict, compare, fmt, precision, rounding_note
from checks.support.narrative import paragraph_figures
from parsing.model import BudgetDocument

_DIRECTION = re.compile(r"(增加|增长|上升|提高|增|减少|下降|降低|减)了?$")
_COMPARISON = re.compile(
    r"较|比|与|同比|相比|上一?年度?|去年|20\d\d年度?|预算|部门|单位|其中|收支|总额|合计|安排|数|[:：、]"
)
_SPLIT = ("total", "basic", "project")
_TOTALS = {"预算收入", "支出预算", "预算收支"}


def changes(doc: BudgetDocument) -> dict[str, tuple[Decimal, Figure | None]]:
    """Signed 比上年 changes of total, basic and project spending stated in the overview."""
    found: dict[str, tuple[Decimal, Figure | None]] = {}
    for para in paragraph_figures(doc, "overview"):
        subject: str | None = None
        for fig in para:
            if not fig.changed:
                level = next((n for n, p, _ in INCOME + EXPENSE if fig.names(p)), None)
                subject = (
                    "total"
                    if level in _TOTALS
                    else {"基本支出": "basic", "项目支出": "project"}.get(level or "")
                )
                continue
            direction = _DIRECTION.search(fig.label)
            if direction is None:
                continue
            prefix = fig.label[: direction.start()]
            if "基本支出" in prefix or "项目支出" in prefix:
                subject = "basic" if "基本支出" in prefix else "project"
            elif _COMPARISON.sub("", prefix) or (subject is None and "收支" not in prefix):
                continue
            sign = -1 if re.search("减|降", direction.group(1)) else 1
            found.setdefault(subject or "total", (sign * fig.amount(doc.unit), fig))
    section = doc.section("overview")
    for word, key in (("基本支出", "basic"), ("项目支出", "project")):
        if section and re.search(word + r"[^，。；,;]{0,12}持平", section.text):
            found.setdefault(key, (Decimal(0), None))
    return found


def _signed(value: Decimal, unit: str = "万元") -> str:
    return f"{'增加' if value >= 0 else '减少'}{fmt(abs(value))}{unit}"


@register(
    "NAR003",
    "change-sum",
    title="比上年增减：总额增减不等于基本支出与项目支出增减之和",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def change_sum(doc: BudgetDocument) -> Iterator[Hit]:
    """比上年增减情况：总额增减 = 基本支出增减 + 项目支出增减，正负号按“增加/减少”确定（“与上年持平”记为 0）。

    为什么：三个增减数来自同样两个年度的数字，加不平说明其中之一有误。每个增减数都是两个保留到 0.01 的数之差，
    因此相差 0.01 属舍入差异（2 个加数）。
    示例：“较2022年减少187.17万元，其中：基本支出减少19.04万元…项目支出减少168.13万元”，通过（
    19.04 + 168.13 = 187.17）；“较上年减少107.45万元…基本支出减少158.43万元…项目支出增加50.99万元”属舍入差异（
    −158.43 + 50.99 = −107.44）。
    """
    found = changes(doc)
    t3 = total_row(doc.table("expense"))
    if not {"total", "basic", "project"} <= found.keys() or (
        t3 and any(not a.is_blank and a.number for k, a in t3.values.items() if k not in _SPLIT)
    ):
        return  # 经营支出, 上解 or 补助 beside 基本/项目: the identity does not hold
    (total, fig), (basic, _), (project, _) = found["total"], found["basic"], found["project"]
    step = precision(doc.unit, *(f.unit for _, f in found.values() if f))
    verdict = compare(basic + project, total, 2, step)
    if verdict is Verdict.EQUAL:
        return
    rounding = verdict is Verdict.ROUNDING
    yield Hit(
        message=f"比上年总额{_signed(total, doc.unit)}，而基本支出{_signed(basic, doc.unit)}、项目支出{_signed(project, doc.unit)}，"
        f"两项合计{_signed(basic + project, doc.unit)}"
        + (f"（舍入差异：{rounding_note(2, step, doc.unit)}）" if rounding else ""),
        line=fig.line if fig else None,
        row="比上年增减情况",
        expected=basic + project,
        actual=total,
        severity=Severity.INFO if rounding else None,
        hint="核对上年预算数与各项增减额。",
    )


_COMPARED_YEAR = re.compile(r"(?:较|比|与|同)\s*(20\d\d)\s*年|(20\d\d)\s*年度?(?:预算)?执行数")


@register(
    "NAR004",
    "comparison-year",
    title="“较YYYY年”不是上一年度",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def comparison_year(doc: BudgetDocument) -> Iterator[Hit]:
    """比上年的表述（“较YYYY年”“比YYYY年预算执行数”“YYYY年执行数”）应与预算年度的上一年比较。

    为什么：与其他年度、或与预算年度本身比较，是照抄旧文本留下的错误，所述增减也就失去意义。只读总体情况（含编
    制说明各项）、机关运行经费和“三公”经费章节；每段每个年度最多一条。
    示例：预算年度 2024，“较2023年预算增加492.28万元”，通过；“较2024年预算增加”不通过（预算年度与自身比较），
    “2022年执行数100万元”同样不通过。
    """
    if doc.budget_year is None:
        return
    for key in ("overview", "running_cost", "three_public"):
        section = doc.section(key)
        for para in section.paragraphs if section else []:
            reported: set[int] = set()
            for m in _COMPARED_YEAR.finditer(para.text):
                year = int(m.group(1) or m.group(2))
                if year == doc.budget_year - 1 or year in reported:
                    continue
                reported.add(year)
                itself = "即与预算年度本身比较，" if year == doc.budget_year else ""
                yield Hit(
                    message=f"说明“{m.group(0)}”与{year}年比较，{itself}预算年度为{doc.budget_year}年，"
                    f"应与{doc.budget_year - 1}年比较",
                    line=para.line,
                    row=section.title,
                    expected=Decimal(doc.budget_year - 1),
                    actual=Decimal(year),
                    hint="改为与上一年度比较，并核对增减额。",
                )
