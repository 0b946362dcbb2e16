"""决算 (final accounts) tables: titles by meaning, 三公 预算数/决算数 pairs (side-by-side blocks: parsing/pairs.py).

A 决算 prints its own nine tables (收入支出决算总表 … 国有资本经营预算财政拨款收入支出决算表). They get keys of their
own ("final_…"), so that a rule written for the budget tables never reads a 决算 table by mistake; the sum
identities they share with the budget tables are asked for explicitly in checks/support.
"""

from __future__ import annotations

from parsing.blocks import Row as RawRow
from parsing.model import Row
from parsing.text import normalise_label, parse_amount

# Title keywords in priority order (every group must match); a 决算 title always says 决算.
FINAL_TITLE_ALIASES: list[tuple[str, tuple[tuple[str, ...], ...]]] = [
    ("final_three_public", (("三公",),)),
    ("final_fiscal_summary", (("财政拨款收入支出", "财政拨款收支"), ("总表",))),
    ("final_general_basic", (("一般公共预算",), ("基本支出",))),
    ("final_general_expense", (("一般公共预算",), ("支出",))),
    ("final_fund", (("政府性基金", "政府基金"),)),
    ("final_capital", (("国有资本经营",),)),
    ("final_summary", (("收入支出决算总表", "收支决算总表"),)),
    ("final_income", (("收入决算表",),)),
    ("final_expense", (("支出决算表",),)),
]

FINAL_TABLES = tuple(key for key, _ in FINAL_TITLE_ALIASES)
_NAMES = {  # canonical 三公 row names by the words of a column's header path (first match wins)
    ("公务用车", "小计"): ("二、公务用车购置及运维费", "class"),
    ("公务用车购置费",): ("其中：公务用车购置费", "item"),
    ("公务用车运行",): ("公务用车运行维护费", "item"),
    ("公务用车",): ("二、公务用车购置及运维费", "class"),
    ("出国",): ("一、因公出国（境）费", "class"),
    ("接待",): ("三、公务接待费", "class"),
    ("合计",): ("合计", "total"),
}


def classify_final_title(key: str) -> str | None:
    """The 决算 table a normalised title names, if any.

    >>> classify_final_title("收入支出决算总表"), classify_final_title("财政拨款收入支出决算总表")
    ('final_summary', 'final_fiscal_summary')
    >>> classify_final_title("收入决算表"), classify_final_title("支出决算表"), classify_final_title("部门决算表")
    ('final_income', 'final_expense', None)
    >>> classify_final_title("政府性基金预算财政拨款收入支出决算表")
    'final_fund'
    """
    if "决算" not in key:
        return None
    for table_key, groups in FINAL_TITLE_ALIASES:
        if all(any(word in key for word in group) for group in groups):
            return table_key
    return None


def three_public_pairs(header_rows: list[list[str]], width: int, data: list[RawRow]) -> list[Row]:
    """三公 决算表: one row per item, with its 预算数 ("budget") and 决算数 ("final") from the one data row.

    The item of a 预算数/决算数 pair is the lowest header label above the pair's first position.
    """
    pair_row = next((r for r in header_rows if sum("决算" in t for t in r) >= 2), None)
    if pair_row is None or not data:
        return []
    above = header_rows[: header_rows.index(pair_row)]
    texts, lines = data[0].texts, data[0].lines
    rows: list[Row] = []
    for pos, label in enumerate(pair_row[:width]):
        if "预算" not in label or "决算" in label or pos + 1 >= len(texts):
            continue
        path = "/".join(r[p] for r in above for p in (pos, pos + 1) if p < len(r) and r[p])
        key = normalise_label(path)
        found = next((v for words, v in _NAMES.items() if all(w in key for w in words)), None)
        if found is None:
            continue
        rows.append(
            Row(
                line=lines[pos],
                name=found[0],
                kind=found[1],  # type: ignore[arg-type]
                values={
                    "budget": parse_amount(texts[pos], lines[pos]),
                    "final": parse_amount(texts[pos + 1], lines[pos + 1]),
                },
            )
        )
    return rows
