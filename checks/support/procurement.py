"""The 政府采购预算 as the document gives it: the 政府采购预算表 合计, else the amount the text states."""

from __future__ import annotations

from decimal import Decimal

from checks.support.figures import Figure, convert, generic_total, generic_unit
from checks.support.lookup import per_part
from checks.support.narrative import paragraph_figures
from parsing.model import BudgetDocument, GenericTable

PROCUREMENT = "政府采购预算表"
PROCUREMENT_SAID = (
    r"政府采购(?:预算)?(?:资金|金额)?(?:总额|合计)?"  # how the text names the procurement budget
)


def in_document_unit(table: GenericTable, value: Decimal, doc: BudgetDocument) -> Decimal:
    return convert(value, generic_unit(table, doc.unit), doc.unit)


def procurement_total(doc: BudgetDocument) -> Decimal | None:
    """政府采购预算表 合计 in the document unit (0 for an empty table, None when unreadable).

    Read once per part: four rules ask for it.
    """
    return per_part("procurement_total", doc, _procurement_total)


def _procurement_total(doc: BudgetDocument) -> Decimal | None:
    total = generic_total(doc.procurement, "合计", "合计")
    return None if total is None or doc.procurement is None else in_document_unit(doc.procurement, total, doc)


def stated_procurement(doc: BudgetDocument, pattern: str = PROCUREMENT_SAID) -> Figure | None:
    """The first level (not a change) the 政府采购 section states under `pattern` ("安排政府采购预算18.00万元")."""
    for para in paragraph_figures(doc, "procurement"):  # the section's figures, read once per part
        for fig in para:
            if not fig.changed and fig.names(pattern):
                return fig
    return None


def procurement_budget(doc: BudgetDocument) -> tuple[Decimal, Figure | None] | None:
    """The 政府采购预算 in the document unit: the table's 合计 (figure None), else the amount the text states."""
    total = procurement_total(doc)
    if total is not None:
        return total, None
    said = stated_procurement(doc)
    return None if said is None else (said.amount(doc.unit), said)
