"""A standard table's data rows -> typed rows: where each side's labels and values sit (read once per table),
then each row's code, name and kind (a pure function of its label texts, shared by rows that repeat them) and
its amounts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from parsing.blocks import Row as RawRow
from parsing.codes import code_level, code_part, function_class_code, is_code
from parsing.model import Column, ParseProblem, Row, trusted
from parsing.text import amounts_at, is_blank_amount, normalise_label

SPLIT_CODE = {"类": "code_class", "款": "code_section", "项": "code_item"}  # codes printed in three columns
LABEL_COLUMNS = frozenset({"seq", "code", "name", *SPLIT_CODE.values()})  # columns that hold no amount
CLASS_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")
# Every Row field, as a validated call would have been passed them (model_fields_set). One set for all rows:
# pydantic copies it before changing it (model_copy), and nothing else writes to it.
_ROW_FIELDS = {"line", "seq", "code", "code_inferred", "name", "level", "kind", "side", "values"}


# A table's data row: its cells' texts and their source lines (a printed row, or pieces rejoined).
DataRow = tuple[list[str], Sequence[int]]


class RowPlan(NamedTuple):
    """Where one side's label and value cells sit: read once per table, used for every row."""

    name: int | None
    code: int | None
    seq: int | None
    split: tuple[int, ...]  # 类/款/项 cells: where a 合计 missing from the name column may stand
    joined: bool  # a code printed in three columns (a 类 column): joined from the 类/款/项 cells
    values: tuple[int, ...]  # value columns' cell positions
    places: tuple[tuple[str, int], ...]  # value columns' keys and cell positions


def row_plan(columns: list[Column]) -> RowPlan:
    return _plan_of(tuple((c.key, c.index) for c in columns))


@lru_cache(maxsize=1 << 8)  # a pure function of the columns' keys and positions; tables repeat their headers
def _plan_of(positions: tuple[tuple[str, int], ...]) -> RowPlan:
    at = dict(positions)  # a repeated key: its last column, as a dict of cells would keep
    values = {key: index for key, index in positions if key not in LABEL_COLUMNS}
    return RowPlan(
        name=at.get("name"),
        code=at.get("code"),
        seq=at.get("seq"),
        split=tuple(at[k] for k in SPLIT_CODE.values() if k in at),
        joined="code_class" in at,
        values=tuple(values.values()),
        places=tuple(values.items()),
    )


@lru_cache(maxsize=1 << 12)  # a pure function of a row's name: names repeat from table to table
def _row_name(name: str) -> str:
    """The name a row keeps: without whitespace (a short name wrapped over lines), or only stripped when long."""
    return "".join(name.split()) if len(name) < 40 else name.strip()  # split drops every \s character


def _row_kind(name: str, level: int | None, table_key: str) -> str:
    """Total, subtotal, class, item or label, from the name and the code's level (None: no code)."""
    key = normalise_label(name)
    if "总计" in key or key == "合计":
        return "total"
    if "合计" in key or "小计" in key:
        return "subtotal"
    if level == 1 or CLASS_ORDINAL.match(key):
        return "class"
    return "item" if level is not None or table_key == "three_public" else "label"


@lru_cache(maxsize=1 << 12)  # rows repeat their labels from table to table and part to part
def _identity(
    table_key: str, side: str | None, name: str, code_text: str, split: tuple[str, ...], joined: bool
) -> tuple[dict, bool]:
    """A row's fields but its line, 序号 and values (None, set per row), from its label texts: the name cell,
    the code cell and the 类/款/项 cells ("" where the table has none; ``joined``: the 类/款/项 cells print the
    code in three parts); and whether the row has neither code nor name."""
    if not name.strip():  # "合计" printed in a code column (Shanghai) or the 序号 column
        name = next((t for t in (code_text, *split) if t.strip() and not is_code(normalise_label(t))), "")
    code = normalise_label(code_text)
    if not code and joined:
        code = "".join(code_part(text, index == 0) for index, text in enumerate(split))
    inferred = False
    if not is_code(code):
        code = ""
    if not code and side in (None, "expense") and table_key != "three_public":
        code = function_class_code(name) or ""
        inferred = bool(code)
    level = code_level(code) if code else None
    fields = {
        "line": None,
        "seq": None,
        "code": code or None,
        "code_inferred": inferred,
        "name": _row_name(name),
        "level": level,
        "kind": _row_kind(name, level, table_key),
        "side": side,
        "values": None,
    }
    return fields, not code and not name.strip()


def typed_rows(
    table_key: str,
    title: str,
    merged: list[DataRow],
    sides: list[tuple[str | None, RowPlan]],
    width: int,
    problems: list[ParseProblem],
) -> list[Row]:
    """Every side's typed row of every data row (a row with no code, no name and no figure is left out)."""
    rows: list[Row] = []
    for texts, lines in merged:
        if len(texts) != width:
            texts, lines = _fit(texts, lines, width, title, problems)
        for side, (name, code, seq, split, joined, values, places) in sides:
            code_text = texts[code] if code is not None else ""
            split_texts = tuple([texts[i] for i in split]) if split else ()
            template, unlabelled = _identity(
                table_key, side, texts[name] if name is not None else "", code_text, split_texts, joined
            )
            if unlabelled and all(is_blank_amount(texts[i]) for i in values):
                continue
            fields = template.copy()  # every field already in place: setting these does not grow the dict
            fields["line"] = lines[name if name is not None else 0]
            if seq is not None:
                fields["seq"] = texts[seq].strip() or None
            fields["values"] = amounts_at(texts, lines, places)
            rows.append(trusted(Row, fields, _ROW_FIELDS))  # every field typed above: not validated again
    return rows


def _fit(
    texts: list[str], lines: Sequence[int], width: int, title: str, problems: list[ParseProblem]
) -> DataRow:
    """A row of another width than the header's: blank cells past the header trimmed, or else a problem noted
    and the row padded (blank cells on its first line) or cut to the header's width."""
    if len(texts) > width and all(not t.strip() for t in texts[width:]):
        return texts[:width], lines[:width]
    problems.append(
        ParseProblem(
            line=lines[0],
            kind="unexpected-layout",
            message=f"{title}：本行有 {len(texts)} 个单元格，表头为 {width} 列，已按位置对齐",
        )
    )
    return (texts + [""] * width)[:width], ([*lines] + [lines[0]] * width)[:width]


def merge_split_rows(rows: Sequence[RawRow], width: int) -> list[DataRow]:
    """Rejoin a data row that blank lines cut into pieces (_fit pads or trims each row later; a row's own lists
    are shared, not copied: nothing downstream changes them)."""
    # no row cut short (most tables): each row stands alone, read without the loop below
    if min((len(row.texts) for row in rows), default=width) >= width:
        return [(row.texts, row.lines) for row in rows]
    out: list[DataRow] = []
    texts: list[str] = []  # the row being rejoined
    lines: list[int] = []
    for row in rows:
        if texts and len(texts) + len(row.texts) <= width:
            texts, lines = texts + row.texts, [*lines, *row.lines]
        else:
            if texts:
                out.append((texts, lines))
            texts, lines = row.texts, row.lines
        if len(texts) >= width:
            out.append((texts, lines))
            texts = []
    if texts:
        out.append((texts, lines))
    return out
