"""Shared accessors rules use to find rows and cells by code, label and column key."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar

from checks.support.joined import Joined, join_texts
from parsing.joined_lines import joined_lines
from parsing.model import Amount, BudgetDocument, Row, Table
from parsing.text import normalise_label

TABLE_ZH = {
    "summary": "收支总表",
    "income": "收入总表",
    "expense": "支出总表",
    "fiscal_summary": "财政拨款收支总表",
    "general_expense": "一般公共预算财政拨款支出表",
    "general_basic": "一般公共预算财政拨款基本支出表",
    "fund_expense": "政府性基金预算财政拨款支出表",
    "capital_expense": "国有资本经营预算财政拨款支出表",
    "three_public": "财政拨款“三公”经费支出表",
    "final_summary": "收入支出决算总表",
    "final_income": "收入决算表",
    "final_expense": "支出决算表",
    "final_fiscal_summary": "财政拨款收入支出决算总表",
    "final_general_expense": "一般公共预算财政拨款支出决算表",
    "final_general_basic": "一般公共预算财政拨款基本支出决算表",
    "final_three_public": "财政拨款“三公”经费支出决算表",
    "final_fund": "政府性基金预算财政拨款收入支出决算表",
    "final_capital": "国有资本经营预算财政拨款收入支出决算表",
}

_T = TypeVar("_T")
_O = TypeVar("_O")
_PER_PART: dict[str, dict[int, tuple[Any, Any]]] = {}
_PER_TABLE: dict[str, dict[int, tuple[Any, Any]]] = {}
_NAME = attrgetter("name")
_PARTS_KEPT = 8  # a batch checks one document (and its sub-parts) at a time
_TABLES_KEPT = 64  # a part prints about ten tables


def _kept(store: dict[str, dict[int, tuple[Any, Any]]], limit: int, name: str, owner: _O,
          compute: Callable[[_O], _T]) -> _T:  # fmt: skip
    """compute(owner) under `name`, kept for the last `limit` owners, found again by identity: by the owner's id,
    the entry holding the owner so that the id cannot be reused while it is kept."""
    entries = store.setdefault(name, {})
    entry = entries.get(id(owner))
    if entry is not None:
        return entry[1]  # type: ignore[no-any-return]
    value = compute(owner)
    entries[id(owner)] = (owner, value)
    while len(entries) > limit:
        try:
            del entries[next(iter(entries))]  # the oldest (dicts keep insertion order)
        except (
            KeyError,
            RuntimeError,
            StopIteration,
        ):  # the dashboard's threads share the store: one evicted it
            break
    return value


def per_part(name: str, doc: BudgetDocument, compute: Callable[[BudgetDocument], _T]) -> _T:
    """compute(doc), kept for the last few parts: several rules ask for the same scan of the same part.

    Parts are frozen, so the result is keyed by the part object itself (identity, not equality).
    Return immutable values (tuples) so that no rule can change what the next one sees.
    """
    return _kept(_PER_PART, _PARTS_KEPT, name, doc, compute)


def per_table(name: str, table: Table, compute: Callable[[Table], _T]) -> _T:
    """compute(table), kept for the last few dozen tables: rules look rows up in the same tables again and again.

    Kept as per_part keeps its scans (by identity); return immutable values.
    """
    return _kept(_PER_TABLE, _TABLES_KEPT, name, table, compute)


def row_keys(table: Table) -> Joined:
    """The label key (normalise_label) of each row's name, in row order, joined: worked out once per table."""
    return per_table("row_keys", table, _scan_row_keys)


def _scan_row_keys(table: Table) -> Joined:
    return join_texts(map(normalise_label, map(_NAME, table.rows)))


class SourceKeys(NamedTuple):
    """The part's source lines of text (headings and text: not blank, not a table row opening with a TAB) as label
    keys (normalise_label), joined ("\n" between them, no key holds whitespace), each one's 1-based line number,
    and whether the part has a TAB-less line at all (blank ones included)."""

    keys: Joined
    lines: tuple[int, ...]
    any_tabless: bool

    def at(self, index: int) -> tuple[str, int]:
        """(key, line number) of the key at `index`."""
        return self.keys.texts[index], self.lines[index]


def source_lines(doc: BudgetDocument) -> SourceKeys:
    """The part's source line keys, worked out once per part: searched as one string by STR008, TXT006 and
    numbering_style."""
    return per_part("source_lines", doc, _scan_source_lines)


def part_text(doc: BudgetDocument) -> str | None:
    """The part's source lines joined (parsing.joined_lines: each after a "\n"), once per part: searched by
    source_lines and by passages for the part's title. None when there is no line, or a line holds a "\n" itself."""
    return per_part("part_text", doc, _part_text)


def _part_text(doc: BudgetDocument) -> str | None:
    lines = doc.lines[doc.line - 1 : min(doc.end_line, len(doc.lines))]
    joined = joined_lines(lines)
    return joined if joined.count("\n") == len(lines) else None


def _scan_source_lines(doc: BudgetDocument) -> SourceKeys:
    first, last = doc.line, min(doc.end_line, len(doc.lines))
    lines = doc.lines[first - 1 : last]
    joined = part_text(doc)
    if joined is None:  # no line, or a line holding a "\n" itself
        return _source_keys(
            [(line, n) for n, line in enumerate(lines, first) if not "\t" <= line < "\n" and line], lines
        )
    # One C-level search from line break to line break finds the kept lines (most open with a TAB or are blank);
    # each one's number counts the breaks up to its own, from the previous one on.
    kept, number, counted = [], first - 1, 0
    for match in _KEPT_LINE.finditer(joined):
        start = match.start() + 1
        number += joined.count("\n", counted, start)
        counted = start
        kept.append((match.group(1), number))
    return _source_keys(kept, lines)


# After a line break: a line neither blank nor opening with a TAB.
_KEPT_LINE = re.compile("\n([^\t\n][^\n]*)")


def _source_keys(kept: list[tuple[str, int]], lines: tuple[str, ...]) -> SourceKeys:
    # Blank lines (most of the TAB-less ones) have a blank key, which no search of the keys can match: left out.
    texts, numbers = zip(*kept, strict=True) if kept else ((), ())
    return SourceKeys(join_texts(map(normalise_label, texts)), numbers, bool(kept) or "" in lines)


def coded_rows(table: Table | None, side: str | None = None) -> dict[str, Row]:
    """Rows that carry a classification code, first occurrence per code (a new dict: the caller may change it)."""
    if not table:
        return {}
    return dict(per_table(f"coded_rows:{side}", table, lambda t: _scan_coded_rows(t, side)))


def _scan_coded_rows(table: Table, side: str | None) -> dict[str, Row]:
    out: dict[str, Row] = {}
    for row in table.rows:
        if row.code and (side is None or row.side == side):
            out.setdefault(row.code, row)
    return out


def total_row(table: Table | None, side: str | None = None) -> Row | None:
    """The 合计 row (for two-sided tables: 本年收入合计 / 本年支出合计 of the side), found once per table and side
    (a dozen rules ask for it)."""
    if table is None:
        return None
    return per_table(f"total_row:{side}", table, lambda table: _total_row(table, side))


def _total_row(table: Table, side: str | None) -> Row | None:
    rows = [r for r in table.rows if side is None or r.side == side]
    exact = next((r for r in rows if normalise_label(r.name) == "合计"), None)
    if exact:
        return exact
    # else the one 本年收入合计-like row; two of them (人员经费合计 | 公用经费合计 printed side by side) are
    # each a part's total, not the table's
    candidates = [r for r in rows if r.kind in ("total", "subtotal") and "合计" in r.name]
    return candidates[0] if len(candidates) == 1 else None


def expense_table(doc: BudgetDocument) -> Table | None:
    """The 支出总表, or the 一般公共预算支出表 when a document prints no 支出总表."""
    return doc.table("expense") or doc.table("general_expense")


def project_spending(doc: BudgetDocument) -> Amount | None:
    """The 项目支出 of the 合计 row of the expense table."""
    row = total_row(expense_table(doc))
    return row.values.get("project") if row else None


def find_row(table: Table | None, *words: str, side: str | None = None) -> Row | None:
    """First row whose normalised name contains every word."""
    if not table:
        return None
    keys, rows = row_keys(table), table.rows
    # one search through all the keys jumps from row to row holding the first word (no key holds a "\n")
    for index in keys.indexes_holding(words[0] if words else ""):
        row = rows[index]
        if (side is None or row.side == side) and all(map(keys.texts[index].__contains__, words)):
            return row
    return None


ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")
# Numbered sub-lines under an ordinal line ("一、财政拨款收入" / "1.一般公共预算资金"): parts of it, not lines.
SUB_LINE = re.compile(r"^(\d+[.、．](?!\d)|[(（][一二三四五六七八九十\d]+[)）])")
CARRY = ("结转", "结余")


def sub_lines(rows: list[Row]) -> list[tuple[Row, list[Row]]]:
    """Each ordinal row with the numbered sub-lines printed under it (Shanghai: 一、财政拨款收入 / 1. 2. 3.)."""
    groups: list[tuple[Row, list[Row]]] = []
    current: tuple[Row, list[Row]] | None = None
    for row in rows:
        name = normalise_label(row.name)
        if ORDINAL.match(name):
            current = (row, [])
            groups.append(current)
        elif current is not None and SUB_LINE.match(name):
            current[1].append(row)
        elif not name.startswith("其中"):
            current = None
    return groups


def carry_free_total(table: Table | None, side: str) -> Row | None:
    """收入总计/支出总计 as the year's total, for templates without 本年合计: only when no carry-over row has a value."""
    rows = table.side(side) if table else []
    total = next((r for r in rows if "总计" in normalise_label(r.name)), None)
    carried = [r for r in rows if any(w in normalise_label(r.name) for w in CARRY)]
    return None if any(a.number for r in carried for a in r.values.values()) else total


def cell(row: Row | None, column: str) -> Amount | None:
    return row.values.get(column) if row else None


def table_name(table: Table) -> str:
    return TABLE_ZH.get(table.key, table.title)


def key_totals(doc: BudgetDocument) -> dict[str, Decimal | None]:
    """收入总计/支出总计 from T1 and 基本支出/项目支出 from the T3 合计 row (None when absent)."""
    summary, expense = doc.table("summary"), doc.table("expense")
    total = total_row(expense)
    income_total = find_row(summary, "收入总计", side="income") or find_row(summary, "收入总计")
    expense_total = find_row(summary, "支出总计", side="expense") or find_row(summary, "支出总计")

    def value(row, column: str) -> Decimal | None:
        amount = cell(row, column)
        return amount.value if amount else None

    return {
        "收入总计": value(income_total, "amount"),
        "支出总计": value(expense_total, "amount"),
        "基本支出": value(total, "basic"),
        "项目支出": value(total, "project"),
    }
