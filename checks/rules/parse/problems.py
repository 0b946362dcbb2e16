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
    "repeated-at-page-break": "跨页重复印出",
}
_PRINTED = ("repeated-at-page-break",)  # a defect of the printed file itself, not of reading it


@register("PRS001", "parse-problem", title="解析时遇到的问题", severity=Severity.WARNING)
def parse_problems(doc: BudgetDocument) -> Iterator[Hit]:
    """解析器记录的每个问题（与表头对不上的单元格、重复打印的表格、PDF 的空白页和页脚文字在下一页开头重复印出等）。

    为什么：解析器不得不重新对齐的行上的问题，可能是文本提取造成的，而不是公开文件本身的缺陷；列出这些问题及其
    行号，便于审查人员先核对这些位置。页末的一行或半句在下一页开头又印一遍，则是打印或导出时的缺陷，每个分页处
    报告一条，写明前后两页（每页都有的页眉、页码不算）。
    示例：6 栏表头下出现 7 个单元格的数据行，在该行报告一条。
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
            else "公开文件分页处的文字重复，请删去重复的部分后重新导出。"
            if problem.kind in _PRINTED
            else "该处相关的其他问题可能源于解析，请对照原文核实。",
        )


@register(
    "PRS002",
    "identity-missing",
    title="未识别出单位编码、名称或预算年度",
    severity=Severity.WARNING,
)
def identity_missing(doc: BudgetDocument) -> Iterator[Hit]:
    """无法从表头或标题中读出单位编码、名称或预算年度。

    为什么：没有年度，年度类检查无法进行；没有编码和名称，问题无法归属到部门，第二部分的所属单位也无法对应；这
    通常说明各表缺少身份行。全文都不印编码的版式（上海以“编制部门：…”作表题说明）不要求编码。
    示例：各表第一行缺少“223沧州经济开发区群众工作中心 | 预算年度：2024”，报告一条（缺名称或年度为错误，只缺编
    码为警告）。
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
