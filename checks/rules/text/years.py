"""Year roles: each year the text mentions, read by its role (cut-off date, project period, comparison, 上年/本年,
this year's project budget) and checked against the year of the document."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from checks.support.passages import passages
from checks.support.texts import Item, indexed_items_with, items
from parsing.model import BudgetDocument

_FINAL = re.compile(r"(20\d{2})年度?(部门|单位)?决算")
_CUTOFF = re.compile(
    r"截[至止]到?(20\d{2})年(?:(\d{1,2})月(?:\d{1,2}日)?|底|末)?(?!\d)(?!.{0,3}(前|完成|结束))"
)
_PERIOD_HEAD = re.compile(r"(实施|项目|执行)(周期|期限)[:：]?$")
_PERIOD_INLINE = re.compile(r"(实施|项目|执行)(周期|期限)[:：为]")
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_COMPARED = re.compile(r"(?:较|比|与|同)(20\d{2})年")
_MONEY = re.compile(r"万元|预算|决算|执行数")
_EXECUTED = re.compile(r"(?<![较比与同\d])(20\d{2})年度?当年(?:预算)?执行数")
_PREVIOUS = re.compile(r"(?:上年|上一年|去年)度?[（(]?(20\d{2})年")
_CURRENT = re.compile(r"(?:本年|今年)度?[（(](20\d{2})年")
_PROJECT_BUDGET = re.compile(r"(?<![较比与同至止于从自到\d])(20\d{2})年度?项目总?预算")
# A section heading naming its year ("2025年部门预算编制说明"); the part's own title is TXT006's.
_HEADING_YEAR = re.compile(r"^(?:[一二三四五六七八九十]+、)?(20\d{2})年度?(?!.*(部门|单位)预算.*情况说明$)")
_INDICATOR_FIELDS = ("三级指标", "指标描述", "指标值", "指标值确定依据")  # deadlines there are TXT006's
_NAR004_SECTIONS = ("overview", "running_cost", "three_public")  # where NAR004 reads "较/比YYYY年"


def document_year(doc: BudgetDocument) -> tuple[int, bool] | None:
    """(year, is_final_accounts): the 预算年度, else the year of a "YYYY年度部门决算" title in the preamble."""
    if doc.budget_year is not None:
        # A parser that reads the kind (main's BudgetDocument.kind) gives a 决算 its accounts year as budget_year.
        return doc.budget_year, getattr(doc, "kind", "budget") == "final_accounts"
    opening = "".join(p.text for p in passages(doc) if p.where == "开篇")  # a PDF title spans lines
    texts = [opening, *(p.text for p in passages(doc))]
    years = Counter(int(m.group(1)) for t in texts for m in _FINAL.finditer(re.sub(r"\s+", "", t)))
    return (years.most_common(1)[0][0], True) if years else None


_BLANKS = re.compile(r"\s+")
_ANY_YEAR = re.compile(r"20[ \u3000]*\d[ \u3000]*\d")  # every role needs a year: a quick test first


def _compact(text: str) -> str:
    """The text without blanks: PDFs print "2024 年 12 月"."""
    return _BLANKS.sub("", text)


def _original_offset(text: str, compact_offset: int) -> int:
    """The offset in `text` of the character at `compact_offset` of its compact form."""
    seen = 0
    for offset, char in enumerate(text):
        if not char.isspace():
            if seen == compact_offset:
                return offset
            seen += 1
    return len(text)


_PLAN = re.compile(r"力争|计划|预计|将|达到|完成|实现|确保|目标")


def _cutoff_ok(year: int, month: int | None, doc_year: int, final: bool, after: str) -> bool:
    """A budget states facts at the end of the year before (or early in its own year); a date later in the budget
    year is a target when a plan word follows ("截至2025年6月底，力争完成…"). A 决算 states the end of its year."""
    if final:
        return year == doc_year or (year == doc_year + 1 and month is not None and month <= 6)
    if year == doc_year:
        return (month is not None and month <= 3) or bool(_PLAN.search(after[:20]))
    return year == doc_year - 1


def _mentions(
    item: Item, doc_year: int, final: bool, after_period_head: bool, nar004: bool
) -> Iterator[tuple[int, str, int, str]]:
    """(offset in the compact text, role, year, expected wording) for each year whose role it does not fit."""
    text = _compact(item.text)
    if item.field not in _INDICATOR_FIELDS:
        for m in _CUTOFF.finditer(text):
            month = int(m.group(2)) if m.group(2) else None
            if not _cutoff_ok(int(m.group(1)), month, doc_year, final, text[m.end() :]):
                want = f"{doc_year}年（决算年度）" if final else f"{doc_year - 1}年（预算年度的上一年）"
                yield m.start(), "截至日期", int(m.group(1)), want
    if after_period_head or _PERIOD_INLINE.search(text):
        years = [int(y) for y in _YEAR.findall(text)]
        if years and not min(years) <= doc_year <= max(years):
            yield text.find(str(years[0])), "实施周期", years[0], f"包含{doc_year}年"
    patterns = [(_PREVIOUS, "上年", doc_year - 1), (_CURRENT, "本年", doc_year)]
    if not final:
        patterns.append((_PROJECT_BUDGET, "本年度项目预算", doc_year))
        patterns.append((_EXECUTED, "上年执行数", doc_year - 1))
    if not nar004 and item.project is None and _MONEY.search(text):
        # A statement about money ("比2023年预算增加5.00万元") compares with the year before; a goal may compare
        # with a base year of its own ("较2019年增长20%").
        patterns.append((_COMPARED, "比较年度", doc_year - 1))
    compared = {int(y) for y in _COMPARED.findall(text)} if nar004 else set()
    for pattern, role, expected in patterns:
        for m in pattern.finditer(text):
            year = int(m.group(1))
            if year != expected and year not in compared:  # NAR004 already names this paragraph's year
                yield m.start(), role, year, f"{expected}年"


@register(
    "TXT016",
    "year-role",
    title="年份与其在文中的角色不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def year_roles(doc: BudgetDocument) -> Iterator[Hit]:
    """年份与它在文中的角色不符：章节标题的年度、“截至”日期、项目实施周期、比较年度、“上年（YYYY年）”“本年（YYYY年）”、
    “YYYY年度项目总预算”，在全部文字中对照预算年度（决算取封面标题的年度）检查。

    为什么：预算说明资产和车辆“截至”上年末，项目在预算年度实施，与上一年比较；出现其他年份，说明这句话是从其他年度
    的公开文件中沿用的，其中的数字也可能是。总体情况等章节的比上年表述归 NAR004；本文件的标题、“YYYY年预算…”、
    固定资产表的截止时间和时效指标的期限归 TXT006。
    示例：2025年预算中，“截至2024年8月31日，…共有车辆7辆”、实施周期“2025.1.1-2025.12.31”和标题“2025年部门预算
    编制说明”不报告；标题“2024年“三公”经费预算情况说明”、“截至2023年12月31日”和实施周期“2024.1.1-2024.12.31”
    各报告一条，“2025年当年预算执行数”（预算与自身比较）也报告一条。
    """
    found = document_year(doc)
    if found is None:
        return
    doc_year, final = found
    kind = "决算年度" if final else "预算年度"
    nar004 = {s.title for s in doc.sections if s.key in _NAR004_SECTIONS}
    reported: set[tuple[int | None, str, int]] = set()
    for section in doc.sections:
        match = _HEADING_YEAR.search(_compact(section.title))
        if match and not section.heading_missing and int(match.group(1)) != doc_year:
            yield Hit(
                message=f"章节标题“{section.title}”的年度{match.group(1)}与{kind}{doc_year}不符（沿用了其他年度的标题）",
                line=section.line,
                row=section.title,
                expected=Decimal(doc_year),
                actual=Decimal(match.group(1)),
                hint="核对该章节是否整段沿用了其他年度的文字，并核对其中的数字。",
            )
    all_items = items(doc)
    for i, item in indexed_items_with(doc, _ANY_YEAR):
        previous = all_items[i - 1] if i else None
        head = (
            previous is not None and previous.where == item.where and bool(_PERIOD_HEAD.search(previous.text))
        )
        compact = _compact(item.text)
        for offset, role, year, want in _mentions(item, doc_year, final, head, item.where in nar004):
            line = item.line_at(_original_offset(item.text, offset))
            if (line, role, year) in reported:
                continue
            reported.add((line, role, year))
            quote = compact[max(0, offset - 8) : offset + 18]
            yield Hit(
                message=f"{item.label}：“…{quote}…”中的{year}年（{role}）与{kind}{doc_year}不符，应为{want}",
                line=line,
                row=item.field or item.where,
                project=item.project,
                expected=Decimal(doc_year),
                actual=Decimal(year),
                hint="核对该句是否沿用了其他年度的文字，并核对其中的数字。",
            )
