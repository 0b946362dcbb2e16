"""What follows a title block: its rows (stepping over caption lines), the notes under them, and the tables kept
as cells (机构设置, 政府采购, 资产占用)."""

from __future__ import annotations

import re

from parsing.blocks import Row, Text
from parsing.model import Cell, GenericTable, trusted

_NOTE = re.compile(
    r"^(注|说明[:：]|.{0,60}在本表下方作.{0,10}说明)"
)  # the last: a 决算 template's instruction
_EMPTY = re.compile(r"空表|无数据|没有|本(部门|单位)无")
_CAPTION = re.compile(r"^(编制(部门|单位)[:：].*|单位[:：](万元|元))$")  # lines between a title and its rows


def rows_after(blocks: list, kinds: list[type], start: int) -> tuple[list[Row], int, Text | None]:
    """Consecutive rows from `start`, stepping over caption lines ("单位：万元", "编制部门：… 单位：元").

    `kinds`: each block's class (Row or Text), so that a run of rows is found and sliced in C rather than
    walked block by block (a document's tables hold most of its blocks).

    >>> blocks = [Text("表", 1), Row([], [], 2), Text("单位：万元", 3), Row([], [], 4), Text("注：无", 5)]
    >>> rows, end, caption = rows_after(blocks, list(map(type, blocks)), 1)
    >>> [r.line for r in rows], end, caption.line
    ([2, 4], 4, 3)
    """
    rows: list[Row] = []
    caption = None
    end = len(blocks)
    while True:
        try:
            text = kinds.index(Text, start)
        except ValueError:
            text = end
        rows += blocks[start:text]
        if text == end or not _CAPTION.match(blocks[text].key):
            return rows, text, caption
        caption = caption or blocks[text]
        start = text + 1


def notes_after(blocks: list, start: int) -> tuple[Text | None, int]:
    """The 注 (决算: 说明) lines right after a table; the one saying the table is empty wins."""
    notes: list[Text] = []
    i = start
    while i < len(blocks) and isinstance(blocks[i], Text) and _NOTE.match(blocks[i].key):
        notes.append(blocks[i])
        i += 1
    chosen = next((n for n in notes if _EMPTY.search(n.key)), notes[0] if notes else None)
    return chosen, i


def generic_kind(key: str) -> str | None:
    """Which table kept as cells a title names ("organisations", "procurement", "assets"), if any."""
    if len(key) > 30:
        return None
    if "机构设置情况" in key or key.endswith("机构设置"):
        return "organisations"
    if "政府采购" in key and not key.startswith(("注", "八", "六")) and "情况" not in key:
        return "procurement"
    if "固定资产占用" in key or "资产占用情况" in key:
        return "assets"
    return None


def generic_table(title: Text, rows: list[Row], note: Text | None) -> GenericTable:
    """A 机构设置/采购/资产 table kept as cells; built from typed values without validating them again (one Cell
    per cell)."""
    cells = [
        [
            trusted(Cell, {"text": text, "line": line}, {"text", "line"})
            for text, line in zip(r.texts, r.lines, strict=True)
        ]
        for r in rows
    ]
    fields = {"title": title.text, "line": title.line, "rows": cells, "empty_note": note and note.text}
    return trusted(GenericTable, fields, set(fields))


def is_project_table(rows: list[Row]) -> bool:
    """Whether a cell of the first rows names a project table's column (stops at the first one found)."""
    for row in rows[:12]:
        joined = "\n".join(
            row.keys
        )  # a word in the joined keys is a word in one key: keys hold no line break
        if "预算数" in joined or "项目名称" in joined or "专项资金名称" in joined:
            return True
    return False
