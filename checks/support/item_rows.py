"""Text items that name a 功能科目 (quoted or not) resolved to their table row: code, row and the verdict."""

from __future__ import annotations

import re
from dataclasses import dataclass

from checks.support.lookup import coded_rows, per_part
from checks.support.money import Verdict, judge_stated
from checks.support.statements import Item, Statement, items
from parsing.explanations import match_code, subject_names
from parsing.model import BudgetDocument, Row

_CODED = re.compile(r"\((\d{3})类\).*?\((\d{2})款\).*?\((\d{2})项\)")
_SEVEN = re.compile(r"(?<!\d)(2\d{6})(?!\d)")
TABLES = ("expense", "general_expense")


@dataclass(frozen=True)
class ItemRow:
    """An item's stated amount and the table row its subject resolves to."""

    heading: Statement
    stated: Statement
    code: str
    key: str  # table key of the first row found
    row: Row
    agrees: bool  # equal (or rounding-level) to the 合计 of at least one of the tables


def item_code(heading: Statement, doc: BudgetDocument) -> str | None:
    """The item's 项 code: printed ("（204类）司法（06款）行政运行（01项）", "2040601"), else matched by names.

    >>> from checks.support.statements import clean
    >>> item_code(Statement("heading", 0, 0, 1, "", subject=clean("公共安全支出（204类）司法（06款）行政运行（01项）")),
    ...           BudgetDocument(file_name="x"))
    '2040601'
    """
    if m := _CODED.search(heading.subject):
        return "".join(m.groups())
    if m := _SEVEN.search(heading.subject):
        return m.group(1)
    plain = re.sub(r"\(\d*([类款项])\)", r"（\1）", heading.subject)
    return match_code(subject_names(plain), doc.tables)


def item_rows(doc: BudgetDocument) -> tuple[ItemRow | None, ...]:
    """`item_row` of every text item of the part, aligned with `items(doc)`; read once per part."""

    def compute(part: BudgetDocument) -> tuple[ItemRow | None, ...]:
        tables = {k: coded_rows(part.table(k)) for k in TABLES}
        # an item stating nothing has no heading: most items
        return tuple([item_row(item, part, tables) if item.statements else None for item in items(part)])

    return per_part("item_rows", doc, compute)


def item_row(item: Item, doc: BudgetDocument, tables: dict[str, dict[str, Row]]) -> ItemRow | None:
    """The item's heading amount (else its first "支出决算为/预算安排" figure) and its row, when both are found."""
    heading = next((s for s in item.statements if s.kind == "heading"), None)
    if heading is None:
        return None
    stated = (
        heading
        if heading.value is not None
        else next((s for s in item.statements if s.kind == "after"), None)
    )
    code = item_code(heading, doc)
    if stated is None or stated.value is None or code is None:
        return None
    rows = [(k, r) for k in TABLES if (r := tables[k].get(code)) and "total" in r.values]
    if not rows:
        return None
    unit = stated.unit or doc.unit
    verdicts = [
        judge_stated(stated.value, unit, stated.decimals, r.values["total"].number, doc.unit) for _, r in rows
    ]
    agrees = any(v is not Verdict.MISMATCH for v, _ in verdicts)
    return ItemRow(heading, stated, code, rows[0][0], rows[0][1], agrees)
