"""Extraction quality: what the parser could not read, so that findings resting on it are read with care."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from parsing.layouts import layout_for
from parsing.model import BudgetDocument

_KIND_ZH = {
    "unexpected-layout": "版式异常",
    "unreadable-cell": "单元格无法识别",
    "missing-table": "缺表",
    "duplicate-table": "重复表",
    "unknown-table": "非标准表",
    "blank-page": "空白页",
    "grid-only-page": "无文字页",
    "unmapped-glyphs": "字形无法识别",
}


@register("PRS001", "parse-problem", title="解析时遇到的问题", severity=Severity.WARNING)
def parse_problems(doc: BudgetDocument) -> Iterator[Hit]:
    """Every problem the parser recorded (cells that did not fit the header, tables printed twice, …).

    Why: a finding on a row the parser had to realign may be an extraction artefact rather than a defect of the
    disclosure; listing the problems with their lines lets the analyst check those places first.
    Example: a data row of 7 cells under a 6-column header gives one hit on that row's line.
    """
    for problem in doc.problems:
        kind = _KIND_ZH.get(problem.kind, problem.kind)
        extra = (
            problem.kind == "unknown-table"
        )  # a table beyond the nine (整体绩效表, 项目支出表): not a defect
        yield Hit(
            message=f"解析问题（{kind}）：{problem.message}",
            line=problem.line,
            severity=Severity.INFO if extra else None,
            hint="该表不在九张标准表之列，本工具不核对其数字。"
            if extra
            else "该处相关的其他问题可能源于解析，请对照原文核实。",
        )


@register(
    "PRS002",
    "identity-missing",
    title="未识别出单位编码、名称或预算年度",
    severity=Severity.WARNING,
)
def identity_missing(doc: BudgetDocument) -> Iterator[Hit]:
    """No department code, name or budget year could be read from the table headers or the title.

    Why: without the year, year checks cannot run; without code and name, findings cannot be tied to a
    department and part-two units cannot be matched; it usually means the identity row of the tables is absent.
    A layout that prints no code anywhere (Shanghai captions "编制部门：…") is not asked for one.
    Example: tables whose first row lacks "223沧州经济开发区群众工作中心 | 预算年度：2024" give one hit (error when
    the name or year is missing, warning when only the code is).
    """
    fields = [("单位名称", doc.department_name), ("预算年度", doc.budget_year)]
    if layout_for(doc.layout).prints_code:
        fields.insert(0, ("单位编码", doc.department_code))
    missing = [label for label, value in fields if not value]
    if missing:
        severe = doc.department_name is None or doc.budget_year is None
        yield Hit(
            message=f"未能从表头或标题识别出{'、'.join(missing)}",
            line=doc.line,
            severity=Severity.ERROR if severe else None,
            hint="检查各表首行是否有“编码+单位名称 | 预算年度：YYYY | 单位：万元”。",
        )
