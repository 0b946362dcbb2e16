"""决算 情况说明 figures vs the 决算 tables: totals, each item's 决算数, 三公, and "无…" said of filled tables."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.final import NUM, Cell, Stream, cell_of, decimal, other_year, stream
from checks.support.final_items import Figure, statement_figures, verdict
from checks.support.money import Verdict, fmt
from parsing.model import BudgetDocument
from parsing.sections import FINAL_SECTION_ORDER

_N = NUM[1:-1]
# Stated label -> (table, column, row words, side); longer labels first, a shorter one never inside a longer one.
TOTALS: list[tuple[str, tuple[str, str, tuple[str, ...], str | None]]] = [
    ("财政拨款收入支出总计", ("final_fiscal_summary", "amount", ("总计",), "income")),
    ("一般公共预算财政拨款基本支出", ("final_general_expense", "basic", (), None)),
    ("一般公共预算财政拨款支出", ("final_general_expense", "total", (), None)),
    ("收入支出总计", ("final_summary", "amount", ("总计",), "income")),
    ("本年收入合计", ("final_summary", "amount", ("本年收入合计",), "income")),
    ("本年支出合计", ("final_summary", "amount", ("本年支出合计",), "expense")),
    ("财政拨款收入", ("final_income", "fiscal", (), None)),
    ("基本支出", ("final_expense", "basic", (), None)),
    ("项目支出", ("final_expense", "project", (), None)),
    ("人员经费", ("final_general_basic", "amount", ("人员经费合计",), None)),
    ("公用经费", ("final_general_basic", "amount", ("公用经费合计",), None)),
]
# Labels that name a table's cell only in their own part of the 情况说明: 人员经费/公用经费 of the 一般公共预算
# 基本支出决算表 in 六、基本支出; 基本支出/项目支出 of the 支出决算表 (all funds) in 一、总体 and 三、支出.
_PARTS = {
    "人员经费": ("final_basic",),
    "公用经费": ("final_basic",),
    "基本支出": ("final_overall", "final_expense"),
    "项目支出": ("final_overall", "final_expense"),
}
_EXPLAINED = frozenset(FINAL_SECTION_ORDER) - {
    "final_duties",
    "final_units",
    "final_tables",
    "final_glossary",
}
_TOTAL = re.compile(
    "(?P<label>" + "|".join(label for label, _ in TOTALS) + rf")(?:为|共计|合计)?(?P<num>{_N})万元"
)
_THREE = [  # 三公 wording -> row of the 三公 决算表
    ("因公出国\\(境\\)费", "一、因公出国（境）费"),
    ("公务用车购置及运行维护费", "二、公务用车购置及运维费"),
    ("公务用车购置", "其中：公务用车购置费"),
    ("公务用车运行维护", "公务用车运行维护费"),
    ("公务接待费", "三、公务接待费"),
]
_THREE_ITEM = re.compile("(?P<label>" + "|".join(w for w, _ in _THREE) + rf")(?:费)?(?:支出)?(?:决算)?(?:为)?(?P<num>{_N})万元")  # fmt: skip


def in_its_part(doc: BudgetDocument, label: str, line: int) -> bool:
    """Whether a stated label stands in the part of the 情况说明 where it names its table's cell (anywhere when
    no part of the 情况说明 was recognised)."""
    wanted = _PARTS.get(label)
    if not wanted or not any(s.key in _EXPLAINED for s in doc.sections):
        return True
    return any(s.key in wanted and s.line <= line <= s.end_line for s in doc.sections)


def _compare(
    doc: BudgetDocument, text: Stream, at: int, raw: str, what: str, cell: Cell | None
) -> Iterator[Hit]:
    judged = verdict(doc, Figure(at, raw, what, cell))
    if judged is None or judged[0] == Verdict.EQUAL or cell is None or cell.amount.value is None:
        return
    (judgement, note) = judged
    yield Hit(
        message=f"说明称{what} {raw} 万元，而{cell.where}为 {fmt(cell.amount.value)}"
        + (f"（{note}）" if note else ""),
        line=text.line_at(at),
        table=cell.where.partition("“")[0],
        row=cell.where.partition("“")[2].partition("”")[0],
        expected=cell.amount.value,
        actual=decimal(raw),
        severity=Severity.INFO if judgement == Verdict.ROUNDING else None,
    )


@register(
    "NAR033",
    "final-stated-totals",
    title="决算说明中的总额与决算表不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def final_stated_totals(doc: BudgetDocument) -> Iterator[Hit]:
    """决算情况说明所写的合计数（收入支出总计、本年收入合计、基本支出、人员经费等）等于决算表中对应单元格。

    为什么：多数读者只读文字；文字中的合计若没有任何表印出（例如把全部资金的基本支出写成一般公共预算基本支出），就
    误导了读者。涉及其他年度的数字（“与 2023 年度相比…”）不比较。比较的项目：收入支出总计、本年收入合计、本年支出
    合计（总表）；财政拨款收入（收入决算表）；基本支出、项目支出（支出决算表）；财政拨款收入支出总计（财政拨款总表）；
    一般公共预算财政拨款支出及其基本支出（一般公共预算支出决算表）；人员经费、公用经费（基本支出决算表的人员经费合计、
    公用经费合计）。人员经费、公用经费只在“一般公共预算财政拨款基本支出决算情况说明”中、基本支出和项目支出只在
    “收入支出决算总体情况说明”“支出决算情况说明”中比较（别处可能说的是另一口径）。印到0.01万元的文字数必须完全相等。
    示例：“一般公共预算财政拨款基本支出 5377.64 万元”，而一般公共预算财政拨款支出决算表合计行基本支出为 5364.75，
    不通过。
    """
    if doc.kind != "final_accounts":
        return
    text = stream(doc)
    where = dict(TOTALS)
    for match in _TOTAL.finditer(text.text):
        start, _ = text.sentence(match.start())
        if other_year(doc, text.text[start : match.start()]):
            continue
        if not in_its_part(doc, match["label"], text.line_at(match.start())):
            continue
        table, column, words, side = where[match["label"]]
        yield from _compare(
            doc,
            text,
            match.start(),
            match["num"],
            match["label"],
            cell_of(doc, table, column, *words, side=side),
        )


@register(
    "NAR034",
    "final-item-outturn",
    title="决算说明中的预算数或决算数与表不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def final_item_outturn(doc: BudgetDocument) -> Iterator[Hit]:
    """每处“…（类）…（款）…（项）… 支出决算为 B 万元”等于一般公共预算财政拨款支出决算表中该项；一般公共预算和
    三公合计（“年初预算为 A 万元，支出决算为 B 万元”）等于其表，三公各项的决算数也是。

    为什么：逐项说明被当作各项的决算结果来读；与表不同的数字（或与三公决算表不同的三公预算数/决算数）与公开的决算
    矛盾。项按名称查找（多个项同名时须款名也相符）；找不到的名称跳过。
    示例：“…（项）…年初预算为 54.53 万元，支出决算为 54.53 万元”，表中 54.53，通过；“公务接待费支出决算 0.39 万元”，
    三公决算表为 0.93，不通过。
    """
    if doc.kind != "final_accounts":
        return
    text = stream(doc)
    three = doc.table("final_three_public")
    for figure in statement_figures(doc):
        yield from _compare(doc, text, figure.at, figure.raw, figure.what, figure.cell)
    for match in _THREE_ITEM.finditer(text.text) if three and three.rows else ():
        label = next(name for words, name in _THREE if re.fullmatch(words, match["label"]))
        start, _ = text.sentence(match.start())
        if other_year(doc, text.text[start : match.start()]):
            continue
        yield from _compare(doc, text, match.start(), match["num"], f"{match['label'].replace(chr(92), '')}决算", cell_of(doc, "final_three_public", "final", label))  # fmt: skip
