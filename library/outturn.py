"""Budget against outturn: a department's budget (预算) and its final accounts (决算) of the same year.

- **Pairs.** A budget and a 决算 pair up when their department names are equal once normalised (NFKC, no
  spaces or punctuation) and their years are equal (`outturn_pairs` over documents, `library_pairs` over the
  library's document list).
- **Execution rates** (`execution_frame`), in 万元 and percent: per 功能分类 类 of the 一般公共预算财政拨款支出
  (决算表 决算数 ÷ its 年初预算数 where the 决算 prints that column, and ÷ the published budget's 一般公共预算支出表
  合计), per 三公 item (决算数 ÷ the 决算's 预算数, and ÷ the budget's 三公 table), and for 基本支出 / 项目支出 /
  合计 of the 一般公共预算财政拨款支出 (决算 ÷ the budget's).
- **The cross-document check** (`initial_budget_differences`): the 决算's 年初预算 figures are the budget it
  published a year earlier; per 类 (一般公共预算财政拨款支出决算表 年初预算数) and per 三公 item (预算数) they must
  equal the budget's figure for the same year. A difference is listed with both amounts, each document's page
  and line, and the tolerance: half a unit of the coarser printed step (0.01 万元 printed: 0.005 万元).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from checks.display import to_wan
from checks.support.lookup import find_row, total_row
from library.compare import department_key
from parsing.model import Amount, BudgetDocument, Row, Table

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
THREE_PUBLIC_ITEMS = (  # the 决算 三公 rows (parsing/final_tables.py names), in table order
    "合计",
    "一、因公出国（境）费",
    "二、公务用车购置及运维费",
    "其中：公务用车购置费",
    "公务用车运行维护费",
    "三、公务接待费",
)
_BUDGET_THREE = {  # the same item in a budget's 三公 table: words its row name has
    "合计": ("合计",),
    "一、因公出国（境）费": ("出国",),
    "二、公务用车购置及运维费": ("公务用车购置及运",),
    "其中：公务用车购置费": ("公务用车购置费",),
    "公务用车运行维护费": ("公务用车运行",),
    "三、公务接待费": ("接待",),
}
EXECUTION_COLUMNS = ["group", "code", "name", "final", "initial", "budget", "rate_initial", "rate_budget"]
DIFFERENCE_COLUMNS = [
    "what", "code", "name", "final_doc_amount", "budget_doc_amount", "difference", "tolerance",
    "final_page", "final_line", "budget_page", "budget_line",
]  # fmt: skip
OUTTURN_GROUP_ZH = {"class": "功能分类（类）", "three_public": "“三公”经费", "kind": "基本支出/项目支出"}
OUTTURN_ZH = {
    "group": "口径", "code": "科目编码", "name": "科目/项目", "final": "决算数", "initial": "年初预算数（决算表）",
    "budget": "预算数（预算公开）", "rate_initial": "执行率（÷年初预算，%）", "rate_budget": "执行率（÷预算公开，%）",
    "what": "核对内容", "final_doc_amount": "决算所列年初预算", "budget_doc_amount": "预算公开数",
    "difference": "差额", "tolerance": "容差", "final_page": "决算页码", "final_line": "决算行号",
    "budget_page": "预算页码", "budget_line": "预算行号",
}  # fmt: skip


def is_pair(budget: BudgetDocument, final: BudgetDocument) -> bool:
    """A budget and a 决算 of one department (normalised names equal) and one year."""
    return (
        budget.kind == "budget"
        and final.kind == "final_accounts"
        and budget.budget_year is not None
        and budget.budget_year == final.budget_year
        and bool(department_key(budget.department_name))
        and department_key(budget.department_name) == department_key(final.department_name)
    )


def outturn_pairs(docs: Sequence[BudgetDocument]) -> list[tuple[int, int]]:
    """(budget index, 决算 index) of every budget/决算 pair among the documents, in document order."""
    return [
        (b, f)
        for b, budget in enumerate(docs)
        for f, final in enumerate(docs)
        if b != f and is_pair(budget, final)
    ]


def library_pairs(documents: pd.DataFrame) -> list[tuple[int, int]]:
    """(budget doc_id, 决算 doc_id) pairs in the library's document list (Library.documents(): doc_id,
    department_name, budget_year, kind)."""
    rows = documents.to_dict("records")
    budgets = [r for r in rows if r.get("kind") in ("budget", None)]
    finals = [r for r in rows if r.get("kind") == "final_accounts"]
    return [
        (int(b["doc_id"]), int(f["doc_id"]))
        for b in budgets
        for f in finals
        if department_key(b["department_name"])
        and department_key(b["department_name"]) == department_key(f["department_name"])
        and pd.notna(b["budget_year"])
        and b["budget_year"] == f["budget_year"]
    ]


# --- figures ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One amount in 万元 with where it is printed and the step it is printed to (in 万元)."""

    value: Decimal
    page: int | None
    line: int
    step: Decimal


def _printed_unit(doc: BudgetDocument, table: Table, amount: Amount) -> str:
    """The unit a figure was printed in (tables are read into the document's unit; Amount.unit keeps the
    printed one), for its printed step."""
    return amount.unit or (table.header.unit if table.header and table.header.unit else doc.unit)


def _figure(doc: BudgetDocument, table: Table | None, row: Row | None, *columns: str) -> Figure | None:
    """The row's amount in the first of `columns` it has, in 万元; a blank cell of a printed row reads as 0."""
    amount: Amount | None = next((row.values[c] for c in columns if row and c in row.values), None)
    if table is None or row is None or amount is None:
        return None
    number = amount.number if amount.is_blank else amount.value
    if number is None:
        return None
    value = to_wan(number, doc.unit)  # every table is in the document's unit (parsing/units.py)
    step = to_wan(Decimal(1).scaleb(-amount.decimals), _printed_unit(doc, table, amount))
    line = amount.line or row.line  # type: ignore[union-attr]
    return Figure(value, doc.page_of(line), line, step)  # type: ignore[arg-type]


def _classes(table: Table | None) -> dict[str, Row]:
    out: dict[str, Row] = {}
    for row in table.rows if table else []:
        code = row.code or ""
        if len(code) == 3 and code.isdigit():
            out.setdefault(code, row)
    return out


def _final_column(table: Table | None) -> str:
    """The 决算数 column of a 一般公共预算财政拨款支出决算表: 合计, or 决算数 where 年初预算 is printed beside it."""
    return "total" if table is not None and table.column("total") else "amount"


def _rate(final: Figure | None, base: Figure | None) -> Decimal | None:
    if final is None or base is None or not base.value:
        return None
    return (final.value / base.value * HUNDRED).quantize(CENT)


def _row(group: str, code: str, name: str, final, initial, budget) -> dict:
    value = lambda f: f.value if f else None  # noqa: E731
    return {
        "group": group, "code": code, "name": name, "final": value(final), "initial": value(initial),
        "budget": value(budget), "rate_initial": _rate(final, initial), "rate_budget": _rate(final, budget),
    }  # fmt: skip


def _three_public_budget(budget: BudgetDocument, item: str) -> tuple[Table | None, Row | None]:
    """The budget's 三公 row for a 决算 item (its 合计 row, or the row whose name has the item's words)."""
    table = budget.table("three_public")
    row = total_row(table) if item == "合计" else find_row(table, *_BUDGET_THREE[item])
    return table, row


def _three_public_final(final: BudgetDocument, item: str) -> Row | None:
    table = final.table("final_three_public")
    return next((r for r in table.rows if r.name == item), None) if table else None


def execution_frame(budget: BudgetDocument, final: BudgetDocument) -> pd.DataFrame:
    """Execution rates of one pair (EXECUTION_COLUMNS; amounts in 万元, rates in % to 0.01, Decimal)."""
    t5f, t5b = final.table("final_general_expense"), budget.table("general_expense")
    column = _final_column(t5f)
    rows = []
    budget_classes = _classes(t5b)
    for code, frow in _classes(t5f).items():
        brow = budget_classes.get(code)
        rows.append(
            _row(
                "class", code, frow.name, _figure(final, t5f, frow, column),
                _figure(final, t5f, frow, "initial_budget"), _figure(budget, t5b, brow, "total"),
            )
        )  # fmt: skip
    three = final.table("final_three_public")
    for item in THREE_PUBLIC_ITEMS:
        frow = _three_public_final(final, item)
        if frow is None:
            continue
        btable, brow = _three_public_budget(budget, item)
        rows.append(
            _row(
                "three_public", "", item, _figure(final, three, frow, "final"),
                _figure(final, three, frow, "budget"), _figure(budget, btable, brow, "total", "amount"),
            )
        )  # fmt: skip
    ftotal, btotal = total_row(t5f), total_row(t5b)
    for key, name in (("basic", "基本支出"), ("project", "项目支出"), (None, "合计")):
        fcol, bcol = key or column, key or "total"
        initial = _figure(final, t5f, ftotal, "initial_budget") if key is None else None
        rows.append(
            _row(
                "kind",
                "",
                name,
                _figure(final, t5f, ftotal, fcol),
                initial,
                _figure(budget, t5b, btotal, bcol),
            )
        )
    return pd.DataFrame(rows, columns=EXECUTION_COLUMNS)


def _tolerance(*figures: Figure) -> Decimal:
    """Half the coarser printed step of the two figures (0.01 万元 printed: 0.005 万元; 元 to the fen: 0.000001)."""
    return max(f.step for f in figures) / 2


def _differences(budget: BudgetDocument, final: BudgetDocument) -> Iterator[dict]:
    t5f, t5b = final.table("final_general_expense"), budget.table("general_expense")
    budget_classes = _classes(t5b)
    pairs: list[tuple[str, str, str, Figure | None, Figure | None]] = []
    for code, frow in _classes(t5f).items():
        stated = _figure(final, t5f, frow, "initial_budget")
        published = _figure(budget, t5b, budget_classes.get(code), "total")
        pairs.append(("一般公共预算财政拨款支出（类）年初预算", code, frow.name, stated, published))
    three = final.table("final_three_public")
    for item in THREE_PUBLIC_ITEMS:
        frow = _three_public_final(final, item)
        btable, brow = _three_public_budget(budget, item)
        pairs.append(("“三公”经费预算数", "", item, _figure(final, three, frow, "budget"), _figure(budget, btable, brow, "total", "amount")))  # fmt: skip
    for what, code, name, stated, published in pairs:
        if stated is None or published is None:
            continue
        tolerance = _tolerance(stated, published)
        if abs(stated.value - published.value) <= tolerance:
            continue
        yield {
            "what": what, "code": code, "name": name, "final_doc_amount": stated.value,
            "budget_doc_amount": published.value, "difference": stated.value - published.value,
            "tolerance": tolerance, "final_page": stated.page, "final_line": stated.line,
            "budget_page": published.page, "budget_line": published.line,
        }  # fmt: skip


def initial_budget_differences(budget: BudgetDocument, final: BudgetDocument) -> pd.DataFrame:
    """The 决算's 年初预算 figures (per 类; 三公 预算数 per item) that differ from the budget's (DIFFERENCE_COLUMNS,
    万元). A figure either document does not print is not compared."""
    return pd.DataFrame(list(_differences(budget, final)), columns=DIFFERENCE_COLUMNS)
