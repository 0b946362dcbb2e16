"""Narrative vs tables: spending by 功能分类 类 quoted in the 支出说明 ("主要为一般公共服务支出100万元")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.figures import judge
from checks.support.lookup import expense_table
from checks.support.money import Verdict, fmt
from checks.support.narrative import paragraph_figures
from parsing.model import AmountStatus, BudgetDocument, Row
from parsing.text import normalise_label

_COLUMNS = (("total", "合计"), ("basic", "基本支出"), ("project", "项目支出"))
_LEAD = re.compile(r"(?:其中|主要为|主要是|主要用于|用于|包括|含)?[:：]?$")
_CONNECT = re.compile(r"(?:为|是|共计|合计|安排|预算|支出)*$")


def _classes(doc: BudgetDocument) -> dict[str, Row]:
    """The 支出总表's 类 rows by name ("一般公共服务支出")."""
    t3 = expense_table(doc)
    return {normalise_label(r.name): r for r in (t3.rows if t3 else []) if r.code and len(r.code) == 3}


def _named_class(label: str, classes: dict[str, Row]) -> Row | None:
    """The 类 a clause names at its end, with only a lead-in ("主要为") before it."""
    for name, row in classes.items():
        stem = name.removesuffix("支出")
        at = label.rfind(stem)
        if at < 0 or _CONNECT.sub("", label[at + len(stem) :]):
            continue
        if _LEAD.fullmatch(label[:at]):
            return row
    return None


@register(
    "NAR018",
    "class-text-vs-table",
    title="支出说明所述功能分类金额与支出总表不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def class_text(doc: BudgetDocument) -> Iterator[Hit]:
    """支出说明中引用的功能分类“类”金额等于支出总表中该类的金额（合计、基本支出或项目支出）。

    为什么：“项目支出100万元，主要为一般公共服务支出100万元”告诉读者钱花在哪里；句子可能指整个类，也可能指其基
    本或项目部分，因此三栏中任一栏相符即可。
    示例：“主要为一般公共服务支出100万元”，201 项目支出 100.00，通过；“…170万元”，不通过。
    """
    classes = _classes(doc)
    if not classes:
        return
    for para in paragraph_figures(doc, "overview"):
        for fig in para:
            if fig.changed or fig.rate or fig.past(doc.budget_year):
                continue
            row = _named_class(fig.label, classes)
            if row is None:
                continue
            cells = [
                (label, a.number)
                for key, label in _COLUMNS
                if (a := row.values.get(key)) is not None and a.status != AmountStatus.INVALID
            ]
            verdicts = [judge(fig, value, doc.unit)[0] for _, value in cells]
            if not cells or Verdict.EQUAL in verdicts or Verdict.ROUNDING in verdicts:
                continue
            listed = "、".join(f"{label}{fmt(value)}" for label, value in cells if value)
            yield Hit(
                message=f"说明称{row.name}{fig.raw}，支出总表“{row.code} {row.name}”为{listed or '0'}{doc.unit}，"
                "与其中任何一栏都不相符",
                line=fig.line,
                table="expense",
                row=f"{row.code} {row.name}",
                expected=cells[0][1],
                actual=fig.amount(doc.unit),
                hint="以表格数为准更正说明文字，或核对支出总表该类金额。",
            )
