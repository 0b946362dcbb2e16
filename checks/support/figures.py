"""Figures quoted in narrative text (amounts, counts) with the words before them, and table totals; no rules."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from checks.support.money import Verdict, convert, judge_stated
from parsing.model import BudgetDocument, GenericTable
from parsing.text import normalise_label, parse_amount

_WIDE = str.maketrans("０１２３４５６７８９．％　", "0123456789.% ")
_ANY_WIDE = re.compile("[０-９．％　]")  # translate() is slow on Chinese text and most texts need none
_UNIT = re.compile(r"单位[:：]\s*(万元|元)")
_QUOTES = re.compile(r"[\s\"'“”‘’]")
_NUM = r"(?<![\d.])(?P<num>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
_MONEY = re.compile(_NUM + r"\s*(?P<unit>亿元|万元|元)")
_COUNT = re.compile(
    _NUM
    + r"\s*(?P<unit>%|人次|平方米|名|人|个|家|次|本|条|件|台|套|处|场|辆|户|所|项|篇|期|册|份|座|间|张|部|批)"
    r"(?!工作日|月|小时|百分点|万|元)"
)
_CLAUSE = re.compile(r"[，,；;。：:！!？?\n]")
_RATE = re.compile(r"(每|单价|人均|标准|/)[^，。；]{0,6}$")
_YEAR = re.compile(r"(20\d\d)年")
_LAST_YEAR = re.compile(r"(上一?|去)年(?!结转|末)")
_YEAR_HEAD = re.compile(r"^.*(?:20\d\d年度?|安排)")
_FILLER = re.compile(
    r"[（(]含[^）)]*[）)]|其中|包括|含|我部门|本部门|部门|我单位|本单位|单位|本年度|本年|全年|年度|"
    r"[（(][一二三四五六七八九十\d]+[）)]|^[一二三四五六七八九十\d]+[、.]|[、()（）]"
)
CONNECT = r"(?:为|是|共计|合计|总计|共|计|安排|预算|预计|达到|约|了)*"
CHANGE = re.compile(r"增|减|较|比上年|同比|相比|持平|下降|上升|降低|提高")


@dataclass(frozen=True)
class Figure:
    """A number quoted in text, its unit and the clause words just before it (quotes and spaces dropped)."""

    value: Decimal
    unit: str
    raw: str
    label: str
    line: int | None
    decimals: int
    lead: str = ""  # text between the previous figure (or the start) and this one, as printed
    after: str = ""  # a few characters after the unit ("以上", "/台")

    @property
    def rate(self) -> bool:
        """A per-unit amount ("每人每月200元", "单价3000元/台"), not a part of a budget."""
        return bool(_RATE.search(self.label)) or self.after.startswith(("/", "每"))

    def past(self, year: int | None) -> bool:
        """The clause is about another year ("2023年…为", "上年…") rather than the budget year."""
        years = _YEAR.findall(self.label)
        return bool(years and year and int(years[-1]) != year) or bool(_LAST_YEAR.search(self.label))

    @property
    def changed(self) -> bool:
        """The clause states a change (增加/减少/较上年…), not a level."""
        return bool(CHANGE.search(self.label))

    def amount(self, unit: str = "万元") -> Decimal:
        """The value in the document's money unit.

        >>> figures("单价3000元")[0].amount(), figures("4.5万元")[0].amount("元")
        (Decimal('0.3'), Decimal('45000.0'))
        """
        return convert(self.value, self.unit, unit)

    def names(self, pattern: str) -> bool:
        """The clause ends with `pattern` (plus connectors such as 为/共计安排) and nothing else but fillers.

        >>> [f.names(r"机关运行经费") for f in figures("2024年，我部门机关运行经费共计安排4.50万元")]
        [True]
        >>> [f.names(r"(?:预算)?收入") for f in figures("2024年预算收入492.28万元，其中：一般公共预算收入492.28万元")]
        [True, False]
        """
        m = _named(pattern).search(self.label)
        return bool(m) and not _FILLER.sub("", _YEAR_HEAD.sub("", self.label[: m.start()]))


@lru_cache(maxsize=64)  # the rules' few fixed patterns, each asked thousands of times
def _named(pattern: str) -> re.Pattern[str]:
    """The compiled "clause ends with `pattern`" search."""
    return re.compile(f"(?:{pattern}){CONNECT}$")


def figures(text: str, line: int | None = None, *, counts: bool = False) -> list[Figure]:
    """Money amounts (or counts and percentages) in a text, each with the clause words before it.

    >>> [(f.value, f.unit, f.label) for f in figures("共计安排4.50万元，预算为0万元；增加492.28万元")]
    [(Decimal('4.50'), '万元', '共计安排'), (Decimal('0'), '万元', '预算为'), (Decimal('492.28'), '万元', '增加')]
    >>> [(f.value, f.label) for f in figures("上年末固定资产金额为１,234.56万元，减少19.04万元，2..5万元")]
    [(Decimal('1234.56'), '上年末固定资产金额为'), (Decimal('19.04'), '减少')]
    >>> [(f.value, f.unit) for f in figures("聘用劳务派遣13名，合格率90%，3个月内", counts=True)]
    [(Decimal('13'), '名'), (Decimal('90'), '%')]
    """
    text = text.translate(_WIDE) if _ANY_WIDE.search(text) else text
    out: list[Figure] = []
    previous = 0
    for m in (_COUNT if counts else _MONEY).finditer(text):
        label = _CLAUSE.split(text[previous : m.start()])[-1]
        label = _QUOTES.sub("", label).lstrip("、和及与）)")
        number = m.group("num").replace(",", "")
        decimals = len(number.partition(".")[2])
        lead, after = text[previous : m.start()], text[m.end() : m.end() + 4]
        out.append(Figure(Decimal(number), m.group("unit"), m.group(0), label, line, decimals, lead, after))
        previous = m.end()
    return out


def section_figures(doc: BudgetDocument, key: str) -> Iterator[list[Figure]]:
    """Money figures of each paragraph of a narrative section (the department's own name dropped first)."""
    section = doc.section(key)
    for paragraph in section.paragraphs if section else []:
        text = paragraph.text.replace(doc.department_name, "") if doc.department_name else paragraph.text
        found = figures(text, paragraph.line)
        if found:
            yield found


def source_line(doc: BudgetDocument, start: int | None, end: int, needle: str) -> int | None:
    """The first source line from `start` to `end` holding `needle` (a multi-line cell), else `start`."""
    for number in range(start or 1, min(end, len(doc.lines)) + 1):
        if needle in doc.lines[number - 1].translate(_WIDE).replace(" ", ""):
            return number
    return start


def judge(fig: Figure, expected: Decimal, unit: str) -> tuple[Verdict, str]:
    """Compare one quoted figure with one table value (one quantity printed twice), at the figure's rounding."""
    return judge_stated(fig.value, fig.unit, fig.decimals, expected, unit)


def cell_value(text: str) -> Decimal | None:
    amount = parse_amount(text)
    return amount.number if amount.status != "invalid" else None


def header_cell(table: GenericTable, word: str) -> tuple[int, int] | None:
    """(row index, cell index) of the first header cell whose label starts with `word`."""
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row):
            if normalise_label(cell.text).startswith(word):
                return i, j
    return None


def generic_unit(table: GenericTable, default: str) -> str:
    """The money unit a 政府采购/固定资产 table states ("单位：万元", "金额单位：元")."""
    for row in table.rows[:4]:
        for cell in row:
            m = _UNIT.search(normalise_label(cell.text))
            if m:
                return m.group(1)
    return default


def generic_total(table: GenericTable | None, column: str, label: str) -> Decimal | None:
    """The total of a 政府采购 or 固定资产 table: the `label` row at the `column` header, or the column sum.

    An empty table (空表列示) totals 0; None when the layout cannot be read safely.
    """
    if table is None:
        return None
    head = header_cell(table, column)
    if head is None:
        blank = all(not c.text.strip() for row in table.rows[1:] for c in row)
        return Decimal(0) if blank and table.empty_note else None
    width = len(table.rows[head[0]])
    data = [r for r in table.rows[head[0] + 1 :] if any(c.text.strip() for c in r)]
    if not data:
        return Decimal(0)
    for row in data:
        if any(normalise_label(c.text) in (label, "合计", "总计") for c in row[:2]):
            if len(row) != width:
                return None
            if row[head[1]].text.strip():
                return cell_value(row[head[1]].text)
            others = [r[head[1]].text for r in data if r is not row and len(r) == width]
            return None if any(t.strip() for t in others) else Decimal(0)
    if any(len(row) != width for row in data):
        return None
    values = [cell_value(row[head[1]].text) for row in data]
    return None if None in values else sum(values, Decimal(0))  # type: ignore[arg-type]
