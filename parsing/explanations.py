"""编制说明 items: the 功能科目 lines the overview explains one by one ("1. “…（类）…（款）…（项）”938.99万元，…").

Two printed forms (Shanghai):

- ``1. “一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元，主要用于…。``
- ``1. “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元，主要用于…。``

Optional in the same item: "比2024年预算执行数增加X万元（或Y%）", "上年执行数X万元", "主要原因是…".
`BudgetItem.stated_change` keeps the percentage when one is stated, else the signed amount; when only the
amount change gives last year's figure, `last_year` is derived from it (amount − change).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache, partial

from parsing.codes import function_class_code, strip_ordinal
from parsing.model import Amount, AmountStatus, BudgetItem, Section, Table
from parsing.text import normalise_label

_WIDE = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_NUM = r"(?P<{0}>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# An item's opening: "1.“…". It matches a text exactly when it matches the text after _WIDE (\d and the class
# take both digit widths and both full stops), so _ITEM_START tests a paragraph before it is translated.
_OPENING = r"^\s*\d+\s*[.、．)）]\s*[“\"‘]"
_ITEM_START = re.compile(_OPENING)
_ITEM = re.compile(
    _OPENING
    + r"\s*(?P<subject>[^”\"’]{2,120}?)\s*[”\"’]\s*(?:科目)?\s*(?:预算数?为?|安排|为)?\s*"
    + _NUM.format("num")
    + r"\s*(?P<unit>万元|元)"
)
_LEVEL_MARK = re.compile(r"\s*[（(]\s*[类款项]\s*[)）]\s*")
_DASH = re.compile(r"\s*[-－—–]+\s*")
_CHANGE = re.compile(
    r"(?:(?:比|较|与)\s*(?:(?P<year>20\d\d)\s*年度?|上一?年度?)[^，,。；;]*?)?"
    r"(?:(?P<dir>增加|增长|上升|减少|下降|降低)\s*" + _NUM.format("num") + r"\s*(?P<unit>万元|元|%)"
    r"(?:\s*[（(]\s*(?:或|即|增幅|降幅|增长|下降)?\s*"
    + _NUM.format("pct")
    + r"\s*%\s*[)）])?|(?P<flat>持平))"
)
_LAST = re.compile(
    r"(?:上一?年度?|20\d\d\s*年度?)(?:预算)?(?:执行数|决算数|预算数)\s*(?:为|是)?\s*"
    + _NUM.format("num")
    + r"\s*(?P<unit>万元|元)"
)
_USE = re.compile(r"主要用于[:：]?(?P<use>[^。；;]*)")
_REASON = re.compile(r"(?:主要原因是|原因是|主要是由于|主要原因为)[:：]?(?P<reason>[^。]*)")
_FACTOR = {"元": Decimal(1), "万元": Decimal(10000)}


def _amount(raw: str, number: str, unit: str | None, line: int, sign: int = 1) -> Amount:
    plain = number.replace(",", "")
    return Amount(
        raw=raw,
        value=sign * Decimal(plain),
        status=AmountStatus.VALUE,
        unit=unit,
        decimals=len(plain.partition(".")[2]),
        line=line,
    )


def subject_names(subject: str) -> list[str]:
    """类, 款, 项 names of a quoted subject, in either printed form.

    >>> subject_names("卫生健康支出（类）行政事业单位医疗（款)行政单位医疗（项）")
    ['卫生健康支出', '行政事业单位医疗', '行政单位医疗']
    >>> subject_names("一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行")
    ['一般公共服务支出', '政府办公厅(室)及相关机构事务', '行政运行']
    """
    parts = _LEVEL_MARK.split(subject) if _LEVEL_MARK.search(subject) else _DASH.split(subject)
    return [normalise_label(p) for p in parts if p.strip()]


_CodedRow = tuple[int, str, str]  # level, code, name without its ordinal


def coded_rows_by_name(tables: dict[str, Table]) -> list[list[_CodedRow]]:
    """The printed-coded rows of 支出总表 and the 一般公共预算 table, in the order match_code tries them (read
    once for a whole 编制说明: every item looks its names up in the same rows)."""
    out = []
    for key in ("expense", "general_expense"):
        table = tables.get(key)
        rows = [r for r in table.rows if r.code and r.level and not r.code_inferred] if table else []
        out.append([(r.level, r.code, strip_ordinal(r.name)) for r in rows])  # type: ignore[misc]
    return out


def match_code(names: list[str], tables: dict[str, Table]) -> str | None:
    """The function code whose 类/款/项 names are `names`, from 支出总表 (else the 一般公共预算 table)."""
    return match_code_in(names, coded_rows_by_name(tables))


def match_code_in(names: list[str], coded: list[list[_CodedRow]]) -> str | None:
    """match_code over rows read by coded_rows_by_name."""
    for rows in coded:
        code: str | None = None
        for depth, name in enumerate(names, 1):
            class_code = function_class_code(name) if depth == 1 else None
            found = next(
                (
                    row_code
                    for level, row_code, row_name in rows
                    if level == depth
                    and (code is None or row_code.startswith(code))
                    and (row_name == name or (class_code is not None and class_code == row_code))
                ),
                None,
            )
            if found is None:
                code = None
                break
            code = found
        if code:
            return code
    return None


def _item(text: str, line: int, coded: Callable[[], list[list[_CodedRow]]]) -> BudgetItem | None:
    if not _ITEM_START.match(text):  # most paragraphs: no need to translate them (slow on long text)
        return None
    text = text.translate(_WIDE)
    m = _ITEM.match(text)
    if not m:
        return None
    names = subject_names(m["subject"])
    amount = _amount(text[m.start("num") : m.end()], m["num"], m["unit"], line)
    rest = _USE.sub("", text[m.end() :])  # "主要用于…" may say 增加 too
    last_year = stated_change = None
    compared_year = None
    if last := _LAST.search(rest):
        last_year = _amount(last.group(0), last["num"], last["unit"], line)
    if change := _CHANGE.search(rest):
        compared_year = int(change["year"]) if change["year"] else None
        sign = -1 if change["dir"] in ("减少", "下降", "降低") else 1
        if change["flat"]:
            stated_change = _amount(change.group(0), "0", m["unit"], line)
        elif change["unit"] == "%":
            stated_change = _amount(change.group(0), change["num"], "%", line, sign)
        else:
            money = _amount(change.group(0), change["num"], change["unit"], line, sign)
            stated_change = (
                _amount(change.group(0), change["pct"], "%", line, sign) if change["pct"] else money
            )
            if change["pct"] and last_year is None:
                before = amount.number - money.number * _FACTOR[change["unit"]] / _FACTOR[m["unit"]]
                last_year = Amount(
                    raw=f"由“{change.group(0)}”推算",
                    value=before,
                    status=AmountStatus.VALUE,
                    unit=m["unit"],
                    decimals=max(amount.decimals, money.decimals),
                    line=line,
                )
    use = _USE.search(text[m.end() :])
    reason = _REASON.search(rest)
    return BudgetItem(
        subject=m["subject"].strip(),
        names=names,
        code=match_code_in(names, coded()),
        amount=amount,
        use=use["use"].strip() if use else "",
        last_year=last_year,
        stated_change=stated_change,
        compared_year=compared_year,
        reason=reason["reason"].strip() if reason else "",
        line=line,
    )


def budget_items(section: Section | None, tables: dict[str, Table]) -> list[BudgetItem]:
    """Every numbered item of the 编制说明 that quotes a 功能科目 and its amount, in order.

    >>> from parsing.model import Paragraph
    >>> s = Section(key="overview", title="2025年部门预算编制说明", line=1, end_line=2, paragraphs=[
    ...     Paragraph(text="1. “住房保障支出（类)住房改革支出（款)购房补贴（项）”148.80万元，比2024年预算执行数"
    ...     "减少1.20万元（或0.8%），主要用于购房补贴。", line=2)])
    >>> item = budget_items(s, {})[0]
    >>> item.names, item.amount.value, item.amount.unit, item.stated_change.value, item.last_year.value
    (['住房保障支出', '住房改革支出', '购房补贴'], Decimal('148.80'), '万元', Decimal('-0.8'), Decimal('150.00'))
    >>> item.compared_year, item.use
    (2024, '购房补贴')
    """
    if section is None:
        return []
    coded = cache(partial(coded_rows_by_name, tables))  # read on the first item, if any
    items = [_item(p.text, p.line, coded) for p in section.paragraphs]
    return [i for i in items if i is not None]
