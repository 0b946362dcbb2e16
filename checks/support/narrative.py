"""Narrative readings several rules share, read once per part."""

from __future__ import annotations

from checks.support.figures import Figure, section_figures
from checks.support.lookup import per_part
from parsing.model import BudgetDocument


def paragraph_figures(doc: BudgetDocument, key: str) -> tuple[tuple[Figure, ...], ...]:
    """figures.section_figures(doc, key) read once per part and section: the money figures of each paragraph of
    the section that has any (the 总体情况's are read by six rules). Treat them as read-only."""
    return per_part(f"paragraph_figures:{key}", doc, lambda part: _read(part, key))


def _read(doc: BudgetDocument, key: str) -> tuple[tuple[Figure, ...], ...]:
    return tuple(tuple(found) for found in section_figures(doc, key))
