"""Typed table models: amounts, cells, headers, columns, rows and tables (pydantic, frozen)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import Field

from parsing.model_base import Frozen as _Frozen


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
