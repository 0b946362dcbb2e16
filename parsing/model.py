"""Typed document model: amounts, table rows, sections, projects and indicators (pydantic, frozen)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

M = TypeVar("M", bound=BaseModel)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


_new = object.__new__
# BaseModel's own slot descriptors, called directly: object.__setattr__ would look each one up through the
# class's MRO on every call (no model here declares slots of its own, so these are the ones it resolves to).
_set_dict, _set_fields_set, _set_extra, _set_private = (
    BaseModel.__dict__[name].__set__
    for name in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
)


def trusted(cls: type[M], data: dict[str, Any], given: set[str]) -> M:
    """A model instance from values already in their final types, without validating them again.

    For the parser's hottest models (an Amount per table cell): validation costs more than reading the cell.
    `data` holds every field in declaration order (as validation leaves ``__dict__``), `given` the names the
    validated call would have been passed (``model_fields_set``); the instance then equals and dumps like the
    validated one.

    >>> fields = {"raw": "1.50", "value": Decimal("1.50"), "status": AmountStatus.VALUE, "unit": None,
    ...           "decimals": 2, "line": 3}
    >>> a = trusted(Amount, fields, {"raw", "value", "status", "decimals", "line"})
    >>> a == Amount(raw="1.50", value=Decimal("1.50"), status=AmountStatus.VALUE, decimals=2, line=3)
    True
    >>> a.model_dump_json() == Amount.model_validate(fields).model_dump_json()
    True
    """
    instance = _new(cls)
    _set_dict(instance, data)
    _set_fields_set(instance, given)
    _set_extra(instance, None)
    _set_private(instance, None)
    return instance


def replaced(model: M, **update: Any) -> M:
    """``model.model_copy(update=update)`` without pydantic's Python-level copy: the same ``__dict__`` (values
    replaced in place, so declaration order stays), ``model_fields_set`` and equality. Like model_copy, the new
    values are not validated.

    >>> a = Amount(raw="1", line=3)
    >>> b = replaced(a, unit="元", line=4)
    >>> b == a.model_copy(update={"unit": "元", "line": 4}), b.model_fields_set == {"raw", "unit", "line"}, a.line
    (True, True, 3)
    """
    data = model.__dict__.copy()
    data.update(update)
    given = set(model.__pydantic_fields_set__)
    given.update(update)
    return trusted(type(model), data, given)


class AmountStatus(StrEnum):
    BLANK = "blank"  # empty cell
    NIL = "nil"  # "—", "--", "-": explicitly nothing
    VALUE = "value"
    INVALID = "invalid"  # text that should be a number but is not ("2..5", "见附表")


BLANK_STATUSES = (AmountStatus.BLANK, AmountStatus.NIL)  # what Amount.is_blank means: no figure printed


class Amount(_Frozen):
    """A number as printed: the raw text, the parsed Decimal and where it stands."""

    raw: str
    value: Decimal | None = None
    status: AmountStatus = AmountStatus.BLANK
    unit: str | None = None  # "万元", "元", "%" when the cell itself says so
    decimals: int = 0  # digits after the decimal point in the raw text
    line: int | None = None

    @property
    def is_blank(self) -> bool:
        return self.status in BLANK_STATUSES

    @property
    def number(self) -> Decimal:
        """The value, with blank/nil/invalid read as 0 (for sums only)."""
        return self.value if self.value is not None else Decimal(0)


class Cell(_Frozen):
    text: str
    line: int


class Header(_Frozen):
    """Identity row of a table: `<code><name>` | 预算年度：YYYY | 单位：万元."""

    code: str | None = None
    name: str | None = None
    year: int | None = None
    unit: str | None = None
    line: int
    field_lines: dict[str, int] = Field(
        default_factory=dict
    )  # "code"/"name"/"year"/"unit" -> its cell's line


class Column(_Frozen):
    key: str  # canonical key, e.g. "total", "basic", "project", "personnel"
    label: str  # header text as printed (normalised)
    index: int  # cell position in a data row
    number: str | None = None  # 栏次 number when printed


_PARENT_CUT = {5: 3, 7: 5}  # code length -> its parent's length
RowKind = Literal["total", "subtotal", "class", "item", "label"]


class Row(_Frozen):
    line: int
    seq: str | None = None  # 序号 as printed
    code: str | None = None  # 功能分类/经济分类 code, from the code cell or inferred from a class name
    code_inferred: bool = False  # True when the code comes from a name (T1/T4 "二十、住房保障支出")
    name: str
    level: int | None = None  # 1 类, 2 款, 3 项 (function); 1 类, 2 款 (economic)
    kind: RowKind = "item"
    side: Literal["income", "expense"] | None = None  # two-sided tables T1 and T4
    values: dict[str, Amount] = Field(default_factory=dict)

    @property
    def parent_code(self) -> str | None:
        if not self.code or self.level in (None, 1):
            return None
        cut = _PARENT_CUT.get(len(self.code))
        return self.code[:cut] if cut else None


TableKey = Literal[
    "summary",  # T1 收支总表
    "income",  # T2 收入总表
    "expense",  # T3 支出总表
    "fiscal_summary",  # T4 财政拨款收支总表
    "general_expense",  # T5 一般公共预算财政拨款支出表
    "general_basic",  # T6 一般公共预算财政拨款基本支出表
    "fund_expense",  # T7 政府性基金预算财政拨款支出表
    "capital_expense",  # T8 国有资本经营预算财政拨款支出表
    "three_public",  # T9 财政拨款“三公”经费支出表
    "final_summary",  # 决算 收入支出决算总表 (年初结转和结余, 结余分配, 年末结转和结余)
    "final_income",  # 收入决算表
    "final_expense",  # 支出决算表
    "final_fiscal_summary",  # 财政拨款收入支出决算总表
    "final_general_expense",  # 一般公共预算财政拨款支出决算表
    "final_general_basic",  # 一般公共预算财政拨款基本支出决算表 (two column groups side by side)
    "final_three_public",  # 财政拨款“三公”经费支出决算表 (values "budget" 预算数 and "final" 决算数)
    "final_fund",  # 政府性基金预算财政拨款收入支出决算表
    "final_capital",  # 国有资本经营预算财政拨款收入支出决算表
]


class Table(_Frozen):
    key: TableKey
    title: str
    line: int
    end_line: int
    header: Header | None = None
    columns: list[Column] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)
    empty_note: str | None = None  # "注：…空表列示。"
    empty_note_line: int | None = None

    @property
    def is_empty(self) -> bool:
        """No value anywhere in the table (labels alone do not count)."""
        return all(a.is_blank for r in self.rows for a in r.values.values())

    def column(self, key: str) -> Column | None:
        for c in self.columns:  # a plain loop: rules ask this thousands of times per document
            if c.key == key:
                return c
        return None

    def side(self, side: str) -> list[Row]:
        return [r for r in self.rows if r.side == side]


class GenericTable(_Frozen):
    """A table kept as cells: 机构设置, 政府采购, 固定资产占用情况表."""

    title: str
    line: int
    rows: list[list[Cell]] = Field(default_factory=list)
    empty_note: str | None = None


class Paragraph(_Frozen):
    text: str
    line: int


SectionKey = Literal[
    "duties",
    "overview",
    "running_cost",
    "three_public",
    "performance",
    "special_funds",
    "projects",
    "procurement",
    "assets",
    "glossary",
    "other",
    # a 决算's parts (parsing/sections.py FINAL_SECTION_RULES)
    "final_duties",
    "final_units",
    "final_tables",
    "final_overall",
    "final_income",
    "final_expense",
    "final_fiscal",
    "final_general",
    "final_basic",
    "final_three_public",
    "final_fund",
    "final_capital",
    "final_performance",
    "final_other",
    "final_running_cost",
    "final_procurement",
    "final_assets",
    "final_glossary",
]


class Section(_Frozen):
    key: SectionKey
    number: str | None = None  # "一", "五" … as printed; None when the heading is missing
    title: str
    line: int
    end_line: int
    paragraphs: list[Paragraph] = Field(default_factory=list)
    heading_missing: bool = False  # content found without its heading

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def is_empty(self) -> bool:
        return not any(p.text.strip() for p in self.paragraphs)


class IndicatorValue(_Frozen):
    """指标值 read into comparator / number / unit where present."""

    comparator: str | None = None  # ≥ ≤ > < =
    number: Decimal | None = None
    unit: str | None = None


class Indicator(_Frozen):
    level1: str
    level2: str
    level3: str
    description: str
    value: str  # raw 指标值
    basis: str  # 指标值确定依据
    parsed: IndicatorValue = IndicatorValue()
    line: int  # line of the 指标值 cell
    row_line: int | None = None  # line of the row's first cell


class PlanPoint(_Frozen):
    label: Literal["3月底", "6月底", "10月底", "12月底"]
    amount: Amount
    is_percent: bool  # "24%" or a header "（%）" with values that read as percentages


class Project(_Frozen):
    index: int  # 1-based position in its part
    title: str  # "N、…绩效目标表" heading as printed
    name: str
    code: str | None = None
    budget: Amount
    fiscal: Amount
    other: Amount
    purpose: str = ""
    purpose_line: int | None = None
    plan: list[PlanPoint] = Field(default_factory=list)
    plan_header: str | None = None  # "资金支出计划（%）"
    plan_basis: str | None = (
        None  # how % vs 万元 was decided: cell, budget, above-100, hundred, header, document
    )
    goal: str = ""
    goal_line: int | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    unit: str | None = None  # the table's own "单位：万元", when printed
    unit_line: int | None = None
    line: int
    end_line: int


class BudgetItem(_Frozen):
    """One 功能科目 the 编制说明 explains: "1. “一般公共服务支出（类）…（项）”938.99万元，主要用于…"."""

    subject: str  # the quoted subject path as printed
    names: list[str] = Field(default_factory=list)  # 类, 款, 项 names
    code: str | None = None  # matched function code, when the tables name the same item
    amount: Amount  # as stated (unit in Amount.unit)
    use: str = ""  # 主要用于…
    last_year: Amount | None = None  # last year's execution or budget when stated
    stated_change: Amount | None = None  # "增加/减少 X%" or amount, signed
    compared_year: int | None = None  # "比2024年…"
    reason: str = ""
    line: int


class ParseProblem(_Frozen):
    line: int | None
    kind: str  # "unreadable-cell", "unexpected-layout", "missing-table", …
    message: str  # Chinese, for the analyst


class BudgetDocument(_Frozen):
    """One disclosure part: the department (part one) or a subordinate unit (part two)."""

    file_name: str
    part: Literal["department", "unit"] = "department"
    department_code: str | None = None
    department_name: str | None = None
    budget_year: int | None = None
    unit: str = "万元"
    layout: str = "hebei"  # parsing/layouts.py key; "generic" when no layout was detected confidently
    level: Literal["department", "unit"] = "department"  # 部门 or 单位 disclosure (part two: "unit")
    kind: Literal["budget", "final_accounts"] = "budget"  # 预算 or 决算
    line: int = 1
    end_line: int = 1
    title: str | None = None
    preamble: list[Paragraph] = Field(default_factory=list)  # text before the first section heading
    tables: dict[str, Table] = Field(default_factory=dict)
    sections: list[Section] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    budget_items: list[BudgetItem] = Field(default_factory=list)  # 编制说明 items (Shanghai layout)
    organisations: GenericTable | None = None
    procurement: GenericTable | None = None
    assets: GenericTable | None = None
    problems: list[ParseProblem] = Field(default_factory=list)
    units: list[BudgetDocument] = Field(default_factory=list)
    lines: tuple[str, ...] = ()  # source text (the same tuple on every part)
    pages: tuple[int, ...] = ()  # PDF input: pages[line - 1] is the page of a source line

    def page_of(self, line: int | None) -> int | None:
        """The PDF page of a source line (None for text and .docx input)."""
        if line is None or not self.pages or not 1 <= line <= len(self.pages):
            return None
        return self.pages[line - 1]

    def table(self, key: str) -> Table | None:
        return self.tables.get(key)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def parts(self) -> list[BudgetDocument]:
        """The department and every unit part, in document order."""
        return [self, *self.units]
