"""What makes a table empty (no figure in any cell) and what makes its note say so (空表列示): read by STR002."""

from __future__ import annotations

import re

from parsing.model import AmountStatus, GenericTable, Table
from parsing.text import normalise_label, parse_amount

_EMPTY_NOTE = re.compile(r"空表|^注[:：]?(本(部门|单位))?(暂)?无|没有")
_IDENTITY_CELL = re.compile(r"栏次|预算年度|截[止至]|单位[:：]|^\d{3,}[\u4e00-\u9fff]")


def generic_is_empty(table: GenericTable) -> bool:
    cells = [
        c
        for row in table.rows
        if not any(_IDENTITY_CELL.search(normalise_label(c.text)) for c in row)
        for c in row
    ]
    return not any(parse_amount(c.text).value is not None for c in cells)


def all_blank(table: Table) -> bool:
    """Empty and silent: no value and no explicit "—" (a dash in every cell already says "nothing")."""
    return all(a.status == AmountStatus.BLANK for r in table.rows for a in r.values.values())


def has_empty_note(note: str | None) -> bool:
    return bool(note and _EMPTY_NOTE.search(normalise_label(note)))
