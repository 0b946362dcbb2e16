"""Read quality: a standard table read with low confidence is named once, and its figures are not reconciled."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.support.lookup import table_name
from checks.support.quality import doubtful_tables
from parsing.model import BudgetDocument


@register("PRS003", "table-read-uncertain", title="表格读取不确定，未做勾稽", severity=Severity.WARNING)
def uncertain_tables(doc: BudgetDocument) -> Iterator[Hit]:
    """标准表读取存疑：表头未能识别、数字不在任何列下、数字无法解析，或有数据却没有合计行（parsing/quality.py）。每张表报告一条。

    为什么：在读错的表上做加总，会把一处提取失误变成整页的误报；因此只点名该表一次，运行器不再让表内、表间和说明
    与表格规则对其单元格下结论（checks/support/quality.py），由审查人员手工核对这张表。
    示例：支出总表的表头单元格（甲、乙、丙）对不上任何列名，在表题行报告一条，加总规则对该表不再报告。
    """
    for table, doubts in doubtful_tables(doc):
        name = table_name(table)
        page = doc.page_of(table.line)
        where = f"（第{page}页）" if page else f"（第{table.line}行）"
        yield Hit(
            message=f"{name}{where}表格读取不确定，未做勾稽：{'；'.join(doubts)}",
            line=table.line,
            table=name,
            hint="请对照原文核对该表；其数字未参与合计、跨表和说明核对。",
        )
