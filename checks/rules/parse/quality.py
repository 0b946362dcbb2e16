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
    """A standard table whose reading is in doubt: header not understood, numbers under no column, numbers that do
    not parse, or no 合计 row in a table with figures (parsing/quality.py). One finding per table.

    Why: sums over a misread table turn one extraction slip into a page of false errors; the table is named once
    instead, and the runner keeps every arithmetic, cross-table and narrative finding off its cells
    (checks/support/quality.py), so the analyst checks that table by hand.
    Example: a 支出总表 whose header cells match no column label (甲, 乙, 丙) gives one hit on its title line and
    none of the sum rules speak about it.
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
