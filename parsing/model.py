"""Typed document model: sections, projects, indicators and the document (pydantic, frozen); the table models
(parsing.model_tables) and the construction helpers (parsing.model_base) are re-exported from here."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from parsing.model_base import Frozen as _Frozen
from parsing.model_base import replaced, trusted
from parsing.model_tables import (
    BLANK_STATUSES,
    Amount,
    AmountStatus,
    Cell,
    Column,
    GenericTable,
    Header,
    Row,
    RowKind,
    Table,
    TableKey,
)

__all__ = [
    "BLANK_STATUSES", "Amount", "AmountStatus", "BudgetDocument", "BudgetItem", "Cell", "Column", "GenericTable",
    "Header", "Indicator", "IndicatorValue", "Paragraph", "ParseProblem", "PlanPoint", "Project", "Row", "RowKind",
    "Section", "SectionKey", "Table", "TableKey", "replaced", "trusted",
]  # fmt: skip


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
