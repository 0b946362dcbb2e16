"""Lines -> raw blocks: table rows (TAB-prefixed cells) and text lines, each with its source line.

Stage one of the parser: no meaning yet, only shape. A row is a run of TAB lines ended by a blank line;
a TAB-less line right after a cell continues that cell unless it looks like a heading; page numbers go.
Text pasted from Word puts a whole row on one line with TABs between the cells: such a line is a row too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice, repeat
from threading import Lock
from typing import Any

from parsing.joined_lines import joined_lines
from parsing.text import normalise_label, strip_bookmarks

_PAGE_NUMBER = re.compile(r"^\s*(page number|第?\s*\d{1,4}\s*页?|-\s*\d{1,4}\s*-)\s*$", re.IGNORECASE)
_HEADING = re.compile(
    r"^(第[一二三四五六七八九十\d]+部分"
    r"|[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十]+[)）]"
    r"|\d+[、.．].{0,60}(绩效目标表|预算表|总表|支出表|情况表)$"
    r"|注[:：]"
    r"|单位[:：](万元|元)$"
    r"|(部门|单位)预算.{0,40}表$"
    r"|.{0,40}(信息公开情况说明|所属单位预算)$)"
)


class _cached:
    """functools.cached_property without its per-instance lock (Python 3.11 takes it on each first access;
    a document has thousands of rows). The value lands in the instance __dict__, which then answers."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func, self.name = func, func.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass
class Row:
    """A table row: its cells' texts and their source lines, position by position (no object per cell: a
    document has tens of thousands, and most are read only as texts). Readers never change them."""

    texts: list[str]
    lines: Sequence[int]  # a range when the cells stand on consecutive lines (most rows), else a list
    line: int
    gap_before: int = 0  # blank lines between this row and the previous block

    @_cached
    def keys(self) -> list[str]:
        return list(map(normalise_label, self.texts))

    @property
    def end_line(self) -> int:
        return self.lines[-1] if self.lines else self.line


@dataclass
class Text:
    text: str  # bookmark prefix removed, stripped
    line: int
    bookmarked: bool = False

    @_cached
    def key(self) -> str:
        return normalise_label(self.text)


Block = Row | Text


def looks_like_heading(text: str) -> bool:
    """A TAB-less line that starts something new rather than continuing a cell.

    >>> looks_like_heading("[bookmark: _Toc_2_2_0000000002]部门预算收入总表")
    True
    >>> looks_like_heading("依据"), looks_like_heading("2.聘用劳务派遣13名")
    (False, False)
    """
    if text.lstrip().startswith("[bookmark:"):
        return True
    return bool(_HEADING.match(normalise_label(text)))


def _rows_on_one_line(lines: Sequence[str]) -> bool:
    """Word's clipboard puts a row on one line ("1\\t201\\t…"); extracted text puts one cell per line.

    >>> _rows_on_one_line(["表", "1\\t201\\t一般公共服务支出\\t420.78"]), _rows_on_one_line(["表", "\\t1", "\\t201"])
    (True, False)
    """
    sample = [line for line in islice((line for line in lines if "\t" in line), 400)]  # enough to decide
    several = sum(1 for line in sample if line.rstrip("\r").count("\t") >= 2)
    return several > len(sample) - several


def _text_block(raw: str, number: int) -> Text:
    return Text(strip_bookmarks(raw), number, "[bookmark:" in raw and raw.lstrip().startswith("[bookmark:"))


def split_blocks(lines: Sequence[str], joined: str | None = None) -> list[Block]:
    """Group lines into rows of cells and text lines (1-based line numbers); `joined`: the lines joined
    (parsing.joined_lines), when the caller has them."""
    if _rows_on_one_line(lines):
        return _split_pasted_rows(lines)
    return _split_cell_lines(lines, joined_lines(lines) if joined is None else joined)


def _split_cell_lines(lines: Sequence[str], joined: str) -> list[Block]:
    """Extracted text: one cell per TAB line. Only the TAB-less lines (blank lines, text, a cell's continuation)
    are read one by one, each with the run of cells after it in bulk (:func:`_runs`); the loop's state lives in
    locals rather than on a builder object."""
    blocks: list[Block] = []
    texts: list[str] = []  # the row being read: its cells' texts and lines
    at: Sequence[int] = ()
    row_line = blank_run = 0  # the row's first line; blank lines before the next block
    number = -1  # the line `raw` (0: the cells before the first TAB-less line)
    runs, run_texts = _runs(lines, joined)
    for raw, has_cells, run in runs:
        number += 1
        if not raw or not (stripped := raw.strip()):  # a blank line, or first the stand-in line (no line)
            if texts:
                blocks.append(Row(texts, at, row_line, blank_run))
                texts, blank_run = [], 0
            if number:
                blank_run += 1
        elif _PAGE_NUMBER.match(stripped):
            pass
        elif texts and not looks_like_heading(raw):
            texts[-1] = f"{texts[-1]}\n{stripped}"  # a TAB-less line continues the cell above it
        else:
            if texts:
                blocks.append(Row(texts, at, row_line, blank_run))
                texts = []
            blocks.append(_text_block(raw, number))
            blank_run = 0
        if has_cells:
            run_cells = run_texts(run)  # a new list: the row may keep it
            first, number = number + 1, number + len(run_cells)
            if texts:  # the row goes on after a continuation or a page number: its lines are not consecutive
                texts += run_cells
                at = [*at, *range(first, number + 1)]
            else:
                texts, at, row_line = run_cells, range(first, number + 1), first
    if texts:
        blocks.append(Row(texts, at, row_line, blank_run))
    return blocks


_Runs = Iterable[tuple[str, str, Any]]


def _runs(lines: Sequence[str], joined: str) -> tuple[_Runs, Callable[[Any], list[str]]]:
    """Every TAB-less line, whether TAB lines follow it, and their run (first a stand-in line "", no line of the
    document, with the TAB lines that open it); with the function that makes a run the cell texts of its TAB lines
    (each ``raw[1:].rstrip("\\t\\r").strip(" ")``).

    The runs are cut by C-level replace and splits of `joined` (the lines joined, parsing.joined_lines): every TAB
    line's leading "\\n\\t" becomes a NUL, so splitting at newlines gives a TAB-less line and its cells, joined by
    NULs (partitioned in C, without a Python generator). Line by line when a line holds a newline or the text a
    NUL.

    >>> lines = ["\\t a", "\\tb ", "", "x", "\\tc", "\\t\\t", "y"]
    >>> runs, texts = _runs(lines, joined_lines(lines))
    >>> [(raw, texts(run) if has_cells else []) for raw, has_cells, run in runs]
    [('', ['a', 'b']), ('', []), ('x', ['c', '']), ('y', [])]
    """
    if joined.count("\n") != len(lines) or "\0" in joined:
        return _runs_one_by_one(lines), list
    return map(str.partition, joined.replace("\n\t", "\0").split("\n"), repeat("\0")), _run_texts


def _run_texts(run: str) -> list[str]:
    """The cell texts of a run (joined by NULs)."""
    texts = run.split("\0")
    if "\t" in run or "\r" in run or (" " in run and _space_at_cell_end(run)):  # most runs need no tidying
        return [text.rstrip("\t\r").strip(" ") for text in texts]
    return texts


def _space_at_cell_end(run: str) -> bool:
    """Whether a cell text of a run (the texts joined by NULs) starts or ends with a space."""
    return " \0" in run or "\0 " in run or run[:1] == " " or run[-1:] == " "


def _runs_one_by_one(lines: Sequence[str]) -> Iterator[tuple[str, str, list[str]]]:
    raw, texts = "", []
    for line in lines:
        if line[:1] == "\t":
            texts.append(line[1:].rstrip("\t\r").strip(" "))
        else:
            yield raw, "\0" if texts else "", texts
            raw, texts = line, []
    yield raw, "\0" if texts else "", texts


def _split_pasted_rows(lines: Sequence[str]) -> list[Block]:
    """Text pasted from Word: a table row copied on one line, cells separated by TABs (first cell may be empty)."""
    blocks: list[Block] = []
    blank_run = 0
    row_end = -1  # last line of the latest row
    for number, raw in enumerate(lines, start=1):
        if "\t" in raw:
            texts = [t.strip(" ") for t in raw.rstrip("\r").split("\t")]  # trailing TABs are empty cells here
            blocks.append(Row(texts, [number] * len(texts), number, blank_run))
            blank_run, row_end = 0, number
            continue
        stripped = raw.strip()
        if not stripped:
            blank_run += 1
            continue
        if _PAGE_NUMBER.match(stripped):
            continue
        row = blocks[-1] if row_end == number - 1 else None
        if isinstance(row, Row) and not looks_like_heading(raw):
            row.texts[-1] = (
                f"{row.texts[-1]}\n{stripped}"  # a cell's second paragraph, pasted on a line of its own
            )
            row_end = number
            continue
        blocks.append(_text_block(raw, number))
        blank_run = 0
    return blocks


_RECENT_LIMIT = 4
# The last documents' splits, oldest first, found again by the very tuple of lines the document keeps
# (BudgetDocument.lines): keying by its id spares hashing and comparing every line of a large document.
# An entry holds its tuple, so that id is not reused while the entry lives.
_recent: dict[int, tuple[tuple[str, ...], tuple[Block, ...]]] = {}
_recent_lock = Lock()  # the dashboard checks documents in several threads


def remember_blocks(lines: tuple[str, ...], blocks: list[Block]) -> None:
    """Keep the parser's split of a document for :func:`document_blocks` (the last few documents only);
    `lines` is the tuple the document keeps."""
    with _recent_lock:
        _recent.pop(id(lines), None)
        _recent[id(lines)] = (lines, tuple(blocks))
        while len(_recent) > _RECENT_LIMIT:
            del _recent[next(iter(_recent))]


def document_blocks(lines: tuple[str, ...]) -> tuple[Block, ...]:
    """The blocks of a whole document's source lines, for the rules that read the printed layout again (the 目录):
    the parser's own split when these are the lines it kept (a split costs as much as the rest of the parse),
    else a new one (the same blocks).

    The blocks are shared: callers read them and never change them.

    >>> lines = ("标题", "\\t1", "\\t2")
    >>> remember_blocks(lines, split_blocks(list(lines)))
    >>> document_blocks(lines) is document_blocks(lines), [type(b).__name__ for b in document_blocks(lines)]
    (True, ['Text', 'Row'])
    >>> document_blocks(tuple(list(lines))) is document_blocks(lines)  # equal lines, another tuple: split again
    False
    """
    with _recent_lock:
        known = _recent.get(id(lines))
    return known[1] if known is not None else tuple(split_blocks(lines))
