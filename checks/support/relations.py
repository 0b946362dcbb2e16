"""Sum relations of the summary tables, “三公” and 人员/公用 split; every relation of a part, judged."""

from __future__ import annotations

import re

from checks.support.causes import BETTER, culprit_fixes, link_relations, proposal_cells, verdict_with
from checks.support.families import Down, Family, Pair, Plain
from checks.support.lookup import CARRY, ORDINAL, carry_free_total, per_part, sub_lines, total_row
from checks.support.money import Verdict
from checks.support.sums import (
    BLANK,
    TREE_TABLES,
    TWO_SIDED,
    Draft,
    Outcome,
    Ref,
    Relation,
    build,
    cell_keys,
    row_relations,
    tree_relations,
    value_columns,
    weigh_draft,
)
from parsing.model import BudgetDocument, Row, Table
from parsing.text import normalise_label

__all__ = ["BLANK", "Ref", "Relation", "relations"]

# Expenditure by type, printed by some 收支总表 templates beside the 类: not to be added to the 类.
TYPE_ROWS = ("基本支出", "项目支出", "经营支出", "上缴上级", "上解上级", "对附属单位补助")
_TYPE_ROW = re.compile("|".join(TYPE_ROWS))
_CARRY = re.compile("|".join(CARRY))
EQUAL = Verdict.EQUAL
FAILING = (Verdict.MISMATCH, BLANK)  # verdicts a culprit is looked for


def _side_rows(table: Table) -> dict[str, tuple[list[Row], list[str]]]:
    """Each side's named rows and their labels, in one pass (a model's attribute costs more than a list's item):
    read once for the side's sums and for 收入总计 = 支出总计."""
    out: dict[str, tuple[list[Row], list[str]]] = {"income": ([], []), "expense": ([], [])}
    for row in table.rows:
        name, found = row.name, out.get(row.side)  # type: ignore[arg-type]
        if name and found:
            found[0].append(row)
            found[1].append(normalise_label(name))
    return out


def _side_relations(table: Table, side: str, rows: list[Row], names: list[str]) -> list[Down]:
    """本年合计 = Σ lines; 总计 = 本年合计 + 结转; 年初结转 = Σ its fund lines (T4); ordinal line = Σ its sub-lines."""
    sub = next((i for i, n in enumerate(names) if "本年" in n and "合计" in n), None)
    sub = (
        sub
        if sub is not None
        else next((i for i, n in enumerate(names) if "合计" in n and "总计" not in n), None)
    )
    end = next((i for i, n in enumerate(names) if "总计" in n), len(rows))
    if sub is None and (total := carry_free_total(table, side)):  # no 本年合计 row: 总计 is the year's total
        sub = next((i for i, r in enumerate(rows) if r is total), None)
    if sub is None:
        return []
    groups = sub_lines(rows[:sub]) if side == "income" else []
    parts = {id(k) for _, kids in groups for k in kids}
    lines = [
        r
        for r, n in zip(rows[:sub], names[:sub], strict=True)
        if not n.startswith("其中")
        and id(r) not in parts
        and not (sub == end and _CARRY.search(n))
        and (side == "income" or r.code or ORDINAL.match(n))
        and not _TYPE_ROW.search(n)
    ]
    carry: list[Row] = []
    breakdown: list[Row] = []
    for r, n in zip(rows[sub + 1 : end], names[sub + 1 : end], strict=True):
        (breakdown if ORDINAL.match(n) else carry).append(r)
    if side == "income" or table.key in ("summary", "final_summary"):
        columns = ["amount"]
    else:
        keys = value_columns(table)
        columns = [c for c in ("total", "general", "fund", "capital") if c in keys]
    pairs: list[Pair] = [("summary", rows[sub], lines, "各收入项目" if side == "income" else "各类支出")]
    if sub < end < len(rows):
        pairs.append(("balance", rows[end], [rows[sub], *carry], "本年合计与结转结余"))
    if len(carry) == 1 and breakdown:
        pairs.append(("summary", carry[0], breakdown, "分资金来源的结转结余"))
    pairs += [("summary", p, kids, "所列各项资金") for p, kids in groups if kids]
    return [Down(table, (col,), pairs) for col in columns]  # one family per column: its sums come together


def summary_relations(table: Table) -> list[Family]:
    """T1/T4: both sides, and 收入总计 = 支出总计."""
    out: list[Family] = []
    totals: dict[str, Row | None] = {}
    for side, (rows, names) in _side_rows(table).items():
        out += _side_relations(table, side, rows, names)
        totals[side] = next((r for r, n in zip(rows, names, strict=True) if "总计" in n), None)
    if totals["income"] and totals["expense"]:
        col = "amount" if "amount" in totals["expense"].values else "total"
        income = [(table, totals["income"], "amount")]
        out.append(Plain([("balance", (table, totals["expense"], col), income, "收入总计")]))
    return out


def three_relations(table: Table) -> list[Down]:
    """T9: 合计 = 小计 = 一 + 二 + 三; 一 and 二 = Σ their 其中 rows."""
    head = total_row(table)
    sub = next((r for r in table.rows if "小计" in r.name), None)
    groups: list[tuple[Row, list[Row]]] = []
    for row in table.rows:
        if ORDINAL.match(normalise_label(row.name)):
            groups.append((row, []))
        elif groups and row is not head and row is not sub:
            groups[-1][1].append(row)
    numbered = [g[0] for g in groups]
    pairs = [(g, kids, "其中各项") for g, kids in groups if kids]
    if sub:
        pairs.append((sub, numbered, "一、二、三项"))
    if head:
        pairs.append((head, [sub] if sub else numbered, "“三公”经费小计" if sub else "一、二、三项"))
    columns = value_columns(table)
    return [Down(table, columns, [("three", t, kids, what) for t, kids, what in pairs if kids])]


def split_relations(table: Table) -> list[Plain]:
    """T6: 人员经费 = 301 + 303, 公用经费 = the other classes (302, 310 …)."""
    head = total_row(table)
    classes = [r for r in table.rows if r.code and len(r.code) == 3]
    if not head or not classes:
        return []
    personnel = [(table, r, "total") for r in classes if r.code in ("301", "303")]
    public = [(table, r, "total") for r in classes if r.code not in ("301", "303")]
    drafts: list[Draft] = [
        ("split", (table, head, col), cells, what)
        for col, cells, what in (
            ("personnel", personnel, "301工资福利支出 + 303对个人和家庭的补助"),
            ("public", public, "302商品和服务支出等其他类"),
        )
        if cells and col in head.values
    ]
    return [Plain(drafts)]


def basic_relations(table: Table) -> list[Down]:
    """决算 基本支出表 (人员经费合计 and 公用经费合计 rows, no 合计 row): 类 = Σ款; 人员经费合计 = 301 + 303,
    公用经费合计 = the other classes (302, 310 …)."""
    tree = tree_relations(table)
    out = [Down(table, tree.columns, [p for p in tree.pairs if p[1].code])]
    classes = [r for r in table.rows if r.code and len(r.code) == 3]
    for words, own in (("人员经费", True), ("公用经费", False)):
        head = next((r for r in table.rows if words in r.name and "合计" in r.name), None)
        parts = [r for r in classes if (r.code in ("301", "303")) == own]
        what = "301工资福利支出 + 303对个人和家庭的补助" if own else "302商品和服务支出等其他类"
        if head and parts:
            out.append(Down(table, ("amount",), [("split", head, parts, what)]))
    return out


def relations(doc: BudgetDocument) -> list[Relation]:
    """Every sum relation of the document part that does not hold exactly (rounding-level, mismatch or blank
    target), judged; derived mismatches linked to their root cause. Judged once per part: every rule asks again."""
    return per_part("relations", doc, _relations)


def _families(doc: BudgetDocument) -> list[Family]:
    out: list[Family] = []
    for key, table in doc.tables.items():
        out += row_relations(table)
        out += [tree_relations(table)] if key in TREE_TABLES else []
        out += summary_relations(table) if key in TWO_SIDED else []
        out += three_relations(table) if key in ("three_public", "final_three_public") else []
        out += split_relations(table) if key == "general_basic" else []
        out += basic_relations(table) if key == "final_general_basic" else []
    out.append(Plain(link_relations(doc)))
    # A row the parser had to realign (cell count ≠ header) is reported as a layout problem, not as sums.
    shifted = {p.line for p in doc.problems if p.kind == "unexpected-layout" and p.line}
    if shifted:
        spans: dict[int, bool] = {}  # id(row) -> whether a shifted line falls within it (rows repeat a lot)

        def spanned(row: Row) -> bool:
            hit = spans.get(id(row))
            if hit is None:
                hit = spans[id(row)] = _spans(row, shifted)
            return hit

        out = [family.keep(spanned) for family in out]
    return out


def _relations(doc: BudgetDocument) -> list[Relation]:
    families = _families(doc)
    weighed = [(d, o) for f in families for d in f.undecided() if (o := weigh_draft(d)) is not None]
    if not any(o[0] in FAILING for _, o in weighed):
        # Rounding-level differences only: no culprit to look for, so the sums that hold are not needed.
        return [build(d, o) for d, o in weighed if o[0] != EQUAL]
    # A culprit search reads the sums that hold too (a correction must not break them).
    weighed = [(d, o) for f in families for d in f.drafts() if (o := weigh_draft(d)) is not None]
    judged = _for_culprits(weighed)
    fixes = culprit_fixes(judged)
    for rel in judged:
        if rel.verdict != EQUAL:
            own = {k: v for k, v in fixes.items() if v[1] is not rel}
            causes = [own[key][1] for key in cell_keys(rel) if key in own]
            if causes and verdict_with(rel, own) in BETTER[rel.verdict]:
                rel.causes = causes
                for cause in causes:
                    cause.derived.append(rel)
    return [r for r in judged if r.verdict != EQUAL]


def _for_culprits(weighed: list[tuple[Draft, Outcome]]) -> list[Relation]:
    """The relations a culprit search reads, in draft order: the ones that do not hold, and the ones that hold
    and share a cell with them (a correction must not break those). A sum that holds and shares no cell with a
    failing one is never read by the search, so it is not built."""
    suspect = {  # the cells a correction can be proposed for (the ones causes._proposals reads)
        (cell[0].key, cell[1].line, cell[2])
        for (kind, target, addends, _), outcome in weighed
        for cell in proposal_cells(kind, outcome[0], target, addends)
    }
    lines = {key[1] for key in suspect}
    return [
        build(draft, outcome)
        for draft, outcome in weighed
        if outcome[0] != EQUAL
        or any(
            row.line in lines and (table.key, row.line, column) in suspect
            for table, row, column in (draft[1], *draft[2])
        )
    ]


def _spans(row: Row, lines: set[int]) -> bool:
    """Whether one of the lines falls within the row's cells (序号 and 编码 cells sit just above the name)."""
    cells = [a.line for a in row.values.values() if a.line] + [row.line]
    return bool(lines) and any(min(cells) - 2 <= line <= max(cells) for line in lines)
