"""Raw rows -> the nine standard tables: title by meaning, columns by header label and 栏次, rows by code."""

from __future__ import annotations

from functools import lru_cache
from operator import itemgetter

from parsing.blocks import Row as RawRow
from parsing.codes import is_code
from parsing.final_tables import classify_final_title, three_public_pairs
from parsing.model import Column, ParseProblem, Row, Table, trusted
from parsing.pairs import unfold_rows, unfold_width
from parsing.table_headers import caption_header, parse_header
from parsing.table_rows import CLASS_ORDINAL, SPLIT_CODE, DataRow, merge_split_rows, row_plan, typed_rows
from parsing.text import amount_figure, normalise_label
from parsing.wide import header_paths, is_transposed, three_public_rows

# Title keywords in priority order: the first whose every alternative group matches wins.
TITLE_ALIASES: list[tuple[str, tuple[tuple[str, ...], ...]]] = [
    ("three_public", (("三公",),)),
    ("fiscal_summary", (("财政拨款收支",),)),
    ("general_basic", (("一般公共预算",), ("基本支出",))),
    ("general_expense", (("一般公共预算",), ("支出",))),
    ("fund_expense", (("政府性基金", "政府基金"),)),
    ("capital_expense", (("国有资本经营",),)),
    ("summary", (("收支总表", "收支预算总表"),)),
    ("income", (("收入总表", "收入预算总表", "部门收入预算表", "单位收入预算表"),)),
    ("expense", (("支出总表", "支出预算总表", "部门支出预算表", "单位支出预算表"),)),
]

COLUMN_ALIASES: list[tuple[str, tuple[str, ...]]] = [
    ("seq", ("序号",)),
    ("initial_budget", ("年初预算",)),  # 决算 一般公共预算支出决算表 where printed: 年初预算 | 调整 | 决算
    ("adjusted_budget", ("调整预算", "全年预算", "调整后预算")),
    ("rate", ("完成率", "完成预算")),
    ("code", ("编码", "科目代码")),
    ("name", ("名称",)),
    ("carryover", ("上年结转",)),
    ("carry_start", ("年初结转",)),  # 决算
    ("carry_end", ("年末结转",)),  # 决算
    ("special_account", ("财政专户",)),
    ("general", ("一般公共预算",)),
    ("fund", ("政府性基金", "政府基金")),
    ("capital", ("国有资本",)),
    ("fiscal", ("财政拨款",)),
    ("business", ("事业收入",)),
    ("operating_income", ("经营收入",)),
    ("superior", ("上级补助",)),
    ("affiliated", ("附属单位上缴",)),
    ("other_income", ("其他收入",)),
    ("unit_funds", ("单位资金",)),
    ("basic", ("基本支出",)),
    ("project", ("项目支出",)),
    ("operating", ("经营支出",)),
    ("remit", ("上解上级", "上缴上级")),
    ("subsidy", ("对附属单位补助",)),
    ("personnel", ("人员经费",)),
    ("public", ("公用经费",)),
    ("subtotal", ("小计",)),
    ("total", ("合计",)),
    ("year_income", ("本年收入",)),  # 决算 基金/国资表: 本年收入 | 本年支出 (合计 | 基本 | 项目)
    ("year_expense", ("本年支出",)),
    ("amount", ("预算数", "金额", "决算数")),
]


@lru_cache(maxsize=1 << 12)  # asked of every text block; titles repeat across parts and documents
def classify_title(text: str) -> str | None:
    """The standard table a title names, if any.

    >>> classify_title("部门预算财政拨款“三公”经费支出表"), classify_title("单位预算收支总表")
    ('three_public', 'summary')
    >>> classify_title("部门预算一般公共预算财政拨款基本支出表"), classify_title("注：无政府基金预算，空表列示。")
    ('general_basic', None)
    >>> classify_title("部门财务收支预算总表"), classify_title("部门政府采购预算")
    ('summary', None)
    >>> classify_title("2024年部门收入预算表"), classify_title("单位支出预算表"), classify_title("项目支出预算表")
    ('income', 'expense', None)
    """
    key = normalise_label(text)
    if not key.endswith("表") or key.startswith("注") or len(key) > 60 or "绩效目标" in key:
        return None
    if "决算" in key:
        return classify_final_title(key)
    for table_key, groups in TITLE_ALIASES:
        if all(any(word in key for word in group) for group in groups):
            return table_key
    return None


def _expand(compact: list[str], child: list[str]) -> list[str]:
    """Spread a merged header row over the positions of the full-width row below it."""
    out: list[str] = []
    labels = iter(compact)
    in_run = False
    for text in child:
        if not text:
            out.append(next(labels, ""))
            in_run = False
        else:
            out.append(next(labels, "") if not in_run else out[-1])
            in_run = True
    return out


def leaf_labels(header_rows: list[list[str]], width: int) -> list[str]:
    """One label per cell position: the lowest non-blank header text above it.

    >>> leaf_labels([["序号", "功能分类科目", "合计", "基本支出"], ["", "科目编码", "科目名称", "", ""]], 5)
    ['序号', '科目编码', '科目名称', '合计', '基本支出']
    """
    return list(_leaf_labels(tuple(map(tuple, header_rows)), width))


@lru_cache(maxsize=1 << 10)  # a pure function of the header rows, which repeat from table to table
def _leaf_labels(rows: tuple[tuple[str, ...], ...], width: int) -> tuple[str, ...]:
    header_rows = [list(row) for row in rows]
    grid: list[list[str]] = []
    for index, row in enumerate(header_rows):
        if len(row) >= width:
            grid.append(row[:width])
            continue
        below = next((r for r in header_rows[index + 1 :] if len(r) >= width), None)
        grid.append(_expand(row, below[:width]) if below else row + [""] * (width - len(row)))
    labels = []
    for pos in range(width):
        labels.append(next((g[pos] for g in reversed(grid) if g[pos]), ""))
    return tuple(labels)


@lru_cache(maxsize=1 << 10)  # header labels repeat table after table
def column_key(label: str) -> str | None:
    """Canonical key for a header label.

    >>> column_key("财政拨款收入"), column_key("上解上级支出"), column_key("一般公共预算财政拨款")
    ('fiscal', 'remit', 'general')
    >>> column_key("项目"), column_key("项目支出"), column_key("科目名称")
    ('name', 'project', 'name')
    """
    if label in ("项目", "项目名称", "科目", "项目类别"):
        return "name"
    if label in SPLIT_CODE:
        return SPLIT_CODE[label]
    for key, words in COLUMN_ALIASES:
        if any(w in label for w in words):
            return key
    return None


@lru_cache(maxsize=1 << 10)  # tables repeat their headers; a Column is frozen, so one instance can be shared
def _column(key: str, label: str, index: int, number: str | None) -> Column:
    return Column(key=key, label=label, index=index, number=number)


def build_columns(labels: list[str], numbers: list[str]) -> list[Column]:
    return list(_columns(tuple(labels), tuple(numbers)))


@lru_cache(maxsize=1 << 10)  # a pure function of the labels and 栏次 numbers; headers repeat
def _columns(labels: tuple[str, ...], numbers: tuple[str, ...]) -> tuple[Column, ...]:
    columns: list[Column] = []
    seen: dict[str, int] = {}
    for index, label in enumerate(labels):
        key = column_key(label) or f"col{index}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}_{seen[key]}"
        number = numbers[index] if index < len(numbers) and numbers[index].isdigit() else None
        columns.append(_column(key, label, index, number))
    return tuple(columns)


def _split_sides(columns: list[Column]) -> list[tuple[str | None, list[Column]]]:
    """T1/T4 carry income (left) and expenditure (right) in one row."""
    names = [c for c in columns if c.key.startswith("name")]
    if len(names) < 2:
        return [(None, columns)]
    seq = [c for c in columns if c.key == "seq"]
    left = [c for c in columns if names[0].index <= c.index < names[1].index]
    right = [c for c in columns if c.index >= names[1].index]
    # a renamed column is the shared Column of its new key (what model_copy(update={"key": …}) would equal)
    rename = lambda c: _column("name", c.label, c.index, c.number) if c.key.startswith("name") else c  # noqa: E731
    right = [rename(c) for c in right]
    right = [_column("amount", c.label, c.index, c.number) if c.key == "amount_2" else c for c in right]
    return [("income", seq + left), ("expense", seq + right)]


def _is_data_row(row: RawRow) -> bool:
    """A row with a classification code or an amount with decimals (header rows have neither); a 合计 or
    ordinal-labelled first cell with nothing but amounts beside it (a 决算 template's blank rows)."""
    first = row.keys[0] if row.keys else ""
    if (first in ("合计", "总计") or CLASS_ORDINAL.match(first)) and all(
        not k or amount_figure(k)[0] is not None or CLASS_ORDINAL.match(k) for k in row.keys[1:]
    ):
        return True
    for key in row.keys:
        if is_code(key):
            return True
        value, decimals = amount_figure(key)
        if value is not None and decimals > 0:
            return True
    return False


def _leading_keys(row: RawRow) -> list[str]:
    """The keys of a row's first two cells (a 栏次 stub stands there), without normalising the rest of a row
    that may be a data row."""
    return list(map(normalise_label, row.texts[:2]))


def _unfold(merged: list[DataRow], width: int) -> list[DataRow]:
    """Side-by-side blocks read block after block (pairs.unfold_rows), each cell with its line."""
    unfolded = unfold_rows(
        [list(zip(texts, lines, strict=True)) for texts, lines in merged], width, itemgetter(0)
    )
    return [([text for text, _ in cells], [line for _, line in cells]) for _, cells in unfolded]


def build_table(
    table_key: str,
    title: str,
    line: int,
    rows: list[RawRow],
    problems: list[ParseProblem],
    caption: tuple[str, int] | None = None,
) -> Table:
    """Turn the raw rows under one title into a typed table (caption: a text line between title and rows)."""
    header = None
    body = list(rows)
    if body and (header := parse_header(body[0])):
        body = body[1:]
    elif caption:
        header = caption_header(caption[0], title, caption[1])
    stub = next((i for i, r in enumerate(body) if "栏次" in _leading_keys(r)), None)
    if stub is not None:
        header_rows, numbers, data = [r.keys for r in body[:stub]], body[stub].keys, body[stub + 1 :]
    else:  # no 栏次 row: the header ends where the first data row starts (or after a 类/款/项 row)
        start = next((i for i, r in enumerate(body) if _is_data_row(r)), len(body))
        # a 类/款/项 row ends the header only above the first data row: the data rows' keys are not read
        split = next((i for i, r in enumerate(body[:start]) if {"类", "款"} <= set(r.keys)), None)
        start = min(start, split + 1) if split is not None else start
        header_rows, numbers, data = [r.keys for r in body[:start]], [], body[start:]
    width = max([len(numbers), *(len(r) for r in header_rows)], default=0)
    labels, merged = leaf_labels(header_rows, width), merge_split_rows(data, width)
    # side-by-side blocks (pairs.py); the rows' first cells are read only under a header that repeats
    fold = unfold_width(labels, (texts[0] for texts, _ in merged if texts))
    if fold is not None:
        labels, numbers, width = labels[:fold], numbers[:fold], fold
        header_rows = [r[:fold] for r in header_rows]
        merged = _unfold(merged, fold)
    columns = build_columns(labels, numbers)
    typed: list[Row] = []
    end_line = body[-1].end_line if body else line
    if is_transposed(table_key, [c.key for c in columns]):
        typed = three_public_rows(header_paths(header_rows, width), data)
        merged = []
    elif table_key == "final_three_public":
        typed = three_public_pairs(header_rows, width, data)
        merged = []
    sides = [(side, row_plan(cols)) for side, cols in _split_sides(columns)]
    typed += typed_rows(table_key, title, merged, sides, width, problems)
    fields = {
        "key": table_key,  # a key classify_title gives
        "title": title,
        "line": line,
        "end_line": end_line,
        "header": header,
        "columns": columns,
        "rows": typed,
    }
    # every field typed above (fresh lists of models built here): not validated again
    return trusted(Table, {**fields, "empty_note": None, "empty_note_line": None}, set(fields))
