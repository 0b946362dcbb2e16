"""Tables printed transposed: items as columns and one row of values (Shanghai's 三公 and 机关运行经费 table)."""

from __future__ import annotations

from parsing.blocks import Row as RawRow
from parsing.model import Row
from parsing.text import normalise_label, parse_amount

# Canonical row names (as the Hebei layout prints them) by the words of a column's header path.
_THREE_PUBLIC_NAMES: list[tuple[tuple[str, ...], tuple[str, ...], str, str]] = [
    # (words that must occur, words that must not, canonical name, row kind)
    (("机关运行",), (), "", "skip"),  # 机关运行经费 is T6 公用经费, not a 三公 line
    (("公务用车", "小计"), (), "二、公务用车购置及运维费", "class"),
    (("购置",), ("运行",), "其中：公务用车购置费", "item"),
    (("运行",), ("购置",), "公务用车运行维护费", "item"),
    (("公务用车",), (), "二、公务用车购置及运维费", "class"),
    (("出国",), (), "一、因公出国（境）费", "class"),
    (("接待",), (), "三、公务接待费", "class"),
    (("小计",), (), "“三公”经费小计", "subtotal"),
    (("合计",), (), "合计", "total"),
]


def header_paths(header_rows: list[list[str]], width: int) -> list[str]:
    """Every header label above a position, top-down, joined by "/".

    >>> header_paths([["三公经费", "", "机关运行经费"], ["公务用车购置及运行费", "", ""], ["小计", "购置费", ""]], 3)
    ['三公经费/公务用车购置及运行费/小计', '购置费', '机关运行经费']
    """
    return ["/".join(r[pos] for r in header_rows if pos < len(r) and r[pos]) for pos in range(width)]


def three_public_rows(paths: list[str], data: list[RawRow]) -> list[Row]:
    """One Row per item column; the first data row holds the amounts (元 or 万元 as the caption says)."""
    if not data:
        return []
    texts, lines = data[0].texts, data[0].lines
    rows: list[Row] = []
    for pos, path in enumerate(paths):
        key = normalise_label(path)
        if pos >= len(texts) or not key:
            continue
        for words, unless, name, kind in _THREE_PUBLIC_NAMES:
            if all(w in key for w in words) and not any(u in key for u in unless):
                if kind == "skip":
                    break
                rows.append(
                    Row(
                        line=lines[pos],
                        name=name,
                        kind=kind,  # type: ignore[arg-type]
                        values={"total": parse_amount(texts[pos], lines[pos])},
                    )
                )
                break
    # Print order as in the standard table (合计, 一, 二 with its 其中 lines, 三); 机关运行经费 stays last.
    canonical = [
        "合计",
        "“三公”经费小计",
        "一、因公出国（境）费",
        "二、公务用车购置及运维费",
        "其中：公务用车购置费",
        "公务用车运行维护费",
        "三、公务接待费",
        "机关运行经费",
    ]
    return sorted(rows, key=lambda r: canonical.index(r.name) if r.name in canonical else len(canonical))


def is_transposed(table_key: str, column_keys: list[str]) -> bool:
    """A 三公 table without a row-label column lists its items across the header."""
    return table_key == "three_public" and "name" not in column_keys
