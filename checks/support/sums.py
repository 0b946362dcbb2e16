"""Sum relations inside a table (row identities, 类/款/项 trees) and how a relation is judged."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from checks.support.families import ZERO, Across, Cell, Down, Draft, figures
from checks.support.lookup import per_table, total_row
from checks.support.money import Verdict, compare
from parsing.model import Amount, AmountStatus, Row, Table

SOURCES = (
    "fiscal",
    "special_account",
    "business",
    "operating_income",
    "superior",
    "affiliated",
    "other_income",
    "unit_funds",
)
FUND_SOURCES = ("general", "fund", "capital")  # templates that split 本年收入 by fund instead of 财政拨款
PARTS = {
    "expense": ("basic", "project", "operating", "remit", "subsidy"),
    "general_expense": ("basic", "project"),
    "fund_expense": ("basic", "project"),
    "capital_expense": ("basic", "project"),
    "general_basic": ("personnel", "public"),
    "three_public": ("general", "fund", "capital"),
    "fiscal_summary": ("general", "fund", "capital"),
    "final_expense": ("basic", "project", "operating", "remit", "subsidy"),
    "final_general_expense": ("basic", "project"),
    "final_fiscal_summary": ("general", "fund", "capital"),
}
TREE_TABLES = ("income", "expense", "general_expense", "general_basic", "fund_expense", "capital_expense")
TREE_TABLES += (
    "final_income",
    "final_expense",
    "final_general_expense",
)  # 决算 (基本支出: checks/support/relations)
INCOME_TABLES = ("income", "final_income")
TWO_SIDED = ("summary", "fiscal_summary", "final_summary", "final_fiscal_summary")
BLANK = "blank"  # verdict: the target is blank while its addends are not
# Enum members bound once: reading AmountStatus.X costs a descriptor call each time, and these loops run a lot.
INVALID, VALUE = AmountStatus.INVALID, AmountStatus.VALUE
EQUAL = Verdict.EQUAL


@dataclass(eq=False, slots=True)
class Ref:
    """One cell: a row and a column key of a table (never changed; not frozen: a document builds thousands)."""

    table: Table
    row: Row
    column: str

    @property
    def amount(self) -> Amount | None:
        return self.row.values.get(self.column)

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.table.key, self.row.line, self.column)

    @property
    def row_label(self) -> str:
        code = self.row.code if self.row.code and not self.row.code_inferred else ""
        return f"{code} {self.row.name}".strip()

    @property
    def column_index(self) -> int:
        col = self.table.column(self.column)
        return col.index if col else 0

    @property
    def column_label(self) -> str:
        col = self.table.column(self.column)
        return col.label if col else self.column


@dataclass(eq=False, slots=True)
class Relation:
    """target = Σ addends; kind: row, tree, summary, balance, three or split."""

    kind: str
    target: Ref
    addends: list[Ref]
    what: str  # Chinese description of the addends
    verdict: str = ""
    expected: Decimal = Decimal(0)
    actual: Decimal | None = None
    count: int = 0  # non-zero addends
    causes: list[Relation] = field(default_factory=list)
    derived: list[Relation] = field(default_factory=list)
    culprit: Ref | None = None  # the one cell that, corrected to `fix`, repairs this and other relations
    fix: Decimal | None = None
    keys: tuple[tuple[str, int, str], ...] = ()  # each cell's key, target first (cell_keys)


# A draft (families.Draft) is a relation before it is built, as plain tuples: most relations hold, so only the
# ones that matter become Relation and Ref objects (relations.relations).
Outcome = tuple[str, Decimal, Decimal | None, int]  # verdict, expected, actual, count


def value_columns(table: Table) -> tuple[str, ...]:
    """The keys of the columns that hold amounts; worked out once per table (the families of its sums ask)."""
    return per_table("value_columns", table, _value_columns)


def _value_columns(table: Table) -> tuple[str, ...]:
    return tuple(
        c.key
        for c in table.columns
        if c.key not in ("seq", "code", "rate")
        and not c.key.startswith("name")  # a 完成率 (%) column adds up to nothing
    )


def row_relations(table: Table) -> list[Across]:
    """合计 column = Σ the part columns, on every row (T4: expenditure side only)."""
    keys = set(value_columns(table))
    # Unrecognised columns of 收入总表/支出总表 are parts (a local template's extra source or spending type).
    extra = tuple(
        c.key
        for c in table.columns
        if c.key.startswith("col") and table.key in ("income", "expense", *INCOME_TABLES)
    )
    if table.key in INCOME_TABLES:
        sources = tuple(k for k in SOURCES if k in keys) + extra
        sources += () if "fiscal" in keys else FUND_SOURCES
        specs = (
            [("subtotal", sources), ("total", ("subtotal", "carryover"))]
            if "subtotal" in keys
            else [("total", (*sources, "carryover"))]
        )
    else:
        specs = [("total", PARTS.get(table.key, ()) + extra)]
    rows = (
        [r for r in table.rows if r.side == "expense"]
        if table.key in ("fiscal_summary", "final_fiscal_summary")
        else table.rows
    )
    out, found = [], figures(table)
    for target, parts in specs:
        parts = tuple(p for p in parts if p in keys and found.filled(p))
        if target not in keys or not parts:
            continue
        what = " + ".join(table.column(p).label for p in parts)  # type: ignore[union-attr]
        out.append(Across("row", table, rows, target, parts, what))
    return out


def tree_relations(table: Table) -> Down:
    """类 = Σ款, 款 = Σ项 by code prefix, 合计 = Σ类, in every value column (a 类's or 款's `what` left None:
    build lists its 款/项)."""
    # each code read once: a model's attribute costs more than a tuple's item
    coded = [(code, r) for r in table.rows if (code := r.code) and not r.code_inferred]
    by_code = {code: r for code, r in reversed(coded)}
    children: dict[str | None, list[Row]] = {}
    for code, row in coded:
        parent = None  # the longest prefix (款, else 类) printed as a row
        if len(code) > 5 and code[:5] in by_code:
            parent = code[:5]
        elif len(code) > 3 and code[:3] in by_code:
            parent = code[:3]
        children.setdefault(parent, []).append(row)
    head = total_row(table)
    pairs = []
    for parent_code, kids in children.items():
        parent = by_code.get(parent_code) if parent_code else head
        if parent is None:
            continue
        pairs.append(("tree", parent, kids, "各类" if parent is head else None))
    return Down(table, value_columns(table), pairs)


def weigh_draft(draft: Draft) -> Outcome | None:
    """Verdict, expected (Σ addends), actual and non-zero addend count of target = Σ addends, from the printed
    values of the draft's cells; None when there is nothing to judge (all blank) or a cell is missing or invalid."""
    # the cells read in place, with no list of values: the hottest loop of ARI (every sum of a part, most hold)
    _, (_, row, column), addends, _ = draft
    amount = row.values.get(column)
    if amount is None or amount.status == INVALID:
        return None
    actual, expected, count = amount.value, ZERO, 0
    for _, row, column in addends:
        amount = row.values.get(column)
        if amount is None or amount.status == INVALID:
            return None
        value = amount.value
        if value is not None:
            expected += value
            if value:
                count += 1
    if actual is None:
        return None if count == 0 else (BLANK, expected, actual, count)
    return (EQUAL if expected == actual else compare(expected, actual, count)), expected, actual, count


def build(draft: Draft, outcome: Outcome) -> Relation:
    """The relation of a weighed draft."""
    kind, target, addends, what = draft
    return Relation(kind, Ref(*target), [Ref(*a) for a in addends], what or _sub_items(addends), *outcome)


def _sub_items(addends: list[Cell]) -> str:
    """What a 类/款 sums (a draft's `what` left None): its 款/项, listed only for the few sums built."""
    listed = "、".join([str(row.code) for _, row, _ in addends[:6]]) + ("等" if len(addends) > 6 else "")
    return f"下级科目（{listed}）"


def cell_keys(rel: Relation) -> tuple[tuple[str, int, str], ...]:
    """Each cell's key, target first; worked out once per relation (a culprit search asks again and again)."""
    if not rel.keys:
        rel.keys = tuple(c.key for c in (rel.target, *rel.addends))
    return rel.keys
