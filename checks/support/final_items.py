"""决算 情况说明 "年初预算为 A 万元，支出决算为 B 万元" statements and the table cells their figures are.

One reading for two rules: NAR034 compares each figure with its cell; NAR032 leaves a completion rate alone when
one of its figures already disagrees with its cell (that place is NAR034's: one finding per defect).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checks.support.final import NUM, Cell, Stream, cell_of, decimal, decimals, stream
from checks.support.lookup import per_part
from checks.support.money import Verdict, judge_stated
from parsing.model import BudgetDocument, Row
from parsing.text import normalise_label

_N = NUM[1:-1]
RATE = re.compile(rf"(?:年初预算数?为(?P<a>{_N})万元[,，]?)?(?:(?:全年|调整后?)预算数?为(?P<c>{_N})万元[,，]?)?(?:支出)?决算数?为(?P<b>{_N})万元")  # fmt: skip
_ITEM = re.compile(r"\(类\)(?P<sec>[^()]+?)\(款\)(?P<item>[^()]+?)\(项\)[^()]{0,80}$")


@dataclass(frozen=True)
class Figure:
    """One figure of a statement, where it stands in the stream, and the table cell it must equal."""

    at: int  # offset of the figure in the stream
    raw: str
    what: str  # "“行政运行”支出决算"
    cell: Cell | None


def _item(match: re.Match[str], name: str, row: Row) -> Iterator[Figure]:
    """One 项: its 决算数 (合计, or 决算数 where 年初预算 is printed beside it) and its 年初预算 when printed."""
    where = f"一般公共预算财政拨款支出决算表“{row.code} {row.name}”"
    final = row.values.get("total") or row.values.get("amount")
    if final is not None:
        yield Figure(match.start("b"), match["b"], f"“{name}”支出决算", Cell(final, where))
    initial = row.values.get("initial_budget")
    if match["a"] and initial is not None:
        yield Figure(match.start("a"), match["a"], f"“{name}”年初预算", Cell(initial, where + "年初预算数"))


def statement_figures(doc: BudgetDocument) -> tuple[Figure, ...]:
    """Every figure of a 预算/决算 statement that names its table cell: a 项 of the 一般公共预算财政拨款支出决算表
    (found by name; several 项 of one name must also agree on the 款), the 一般公共预算财政拨款支出 total, the 三公
    合计 (预算数 and 决算数)."""
    return per_part("final_statement_figures", doc, _figures)


def _figures(doc: BudgetDocument) -> tuple[Figure, ...]:
    text = stream(doc)
    t5, three = doc.table("final_general_expense"), doc.table("final_three_public")
    out: list[Figure] = []
    previous = 0
    for match in (m for m in RATE.finditer(text.text) if m["a"] or m["c"]):
        lead = text.text[max(previous, match.start() - 200) : match.start()]
        previous = match.end()
        item = _ITEM.search(lead)
        if item and t5:
            rows = [r for r in t5.rows if r.level == 3 and normalise_label(r.name) == item["item"]]
            if len(rows) > 1:
                rows = [r for r in rows if any(p.code == r.parent_code and normalise_label(p.name) == item["sec"] for p in t5.rows)]  # fmt: skip
            if len(rows) == 1:
                out.extend(_item(match, item["item"], rows[0]))
        elif lead.endswith("一般公共预算财政拨款支出"):
            found = cell_of(doc, "final_general_expense", "total")
            out.append(Figure(match.start("b"), match["b"], "一般公共预算财政拨款支出决算", found))
        elif lead.endswith("经费财政拨款支出") and "三公" in lead[-20:] and three:
            for group, column, what in (("a", "budget", "年初预算"), ("b", "final", "支出决算"))[
                0 if match["a"] else 1 :
            ]:
                found = cell_of(doc, "final_three_public", column, "合计")
                out.append(Figure(match.start(group), match[group], f"“三公”经费{what}", found))
    return tuple(out)


def verdict(doc: BudgetDocument, figure: Figure) -> tuple[Verdict, str] | None:
    """How the figure compares with its cell (rounding judged by the printed decimals), or None (no cell)."""
    if figure.cell is None or figure.cell.amount.value is None:
        return None
    raw = figure.raw
    return judge_stated(decimal(raw), "万元", decimals(raw), figure.cell.amount.value, doc.unit)


def disagreeing_offsets(doc: BudgetDocument) -> frozenset[int]:
    """Stream offsets of the statement figures that differ from their table cells (NAR034's places)."""
    figures = statement_figures(doc)
    return frozenset(
        f.at for f in figures if (judged := verdict(doc, f)) is not None and judged[0] != Verdict.EQUAL
    )


__all__ = ["RATE", "Figure", "Stream", "disagreeing_offsets", "statement_figures", "verdict"]
