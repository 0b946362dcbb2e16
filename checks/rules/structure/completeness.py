"""Completeness: the nine standard tables, their empty-table notes and 序号, the standard narrative sections."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.structure import COMPLETE, FORMAT
from checks.support.lookup import TABLE_ZH, table_name
from parsing.layouts import STANDARD_TABLES, layout_for
from parsing.model import AmountStatus, BudgetDocument, GenericTable, Table
from parsing.sections import SECTION_TITLES
from parsing.text import normalise_label, parse_amount

SECTION_ORDER = list(SECTION_TITLES)
_EMPTY_NOTE = re.compile(r"空表|^注[:：]?(本(部门|单位))?(暂)?无|没有")
_IDENTITY_CELL = re.compile(r"栏次|预算年度|截[止至]|单位[:：]|^\d{3,}[\u4e00-\u9fff]")


@register(
    "STR001",
    "missing-table",
    title="缺少标准预算表",
    severity=Severity.ERROR,
    regulation=COMPLETE,
)
def missing_tables(doc: BudgetDocument) -> Iterator[Hit]:
    """One of the nine standard tables (收支总表 … “三公”经费支出表) is not published.

    Why: the 操作规程 requires all nine tables, empty ones included (空表列示); a missing table hides a fund
    source or a spending category.
    The tables asked for are those of the document's kind, in any layout: a 决算 is not asked for budget tables.
    Example: a part with eight tables and no 政府性基金预算财政拨款支出表 gives one hit naming that table.
    """
    required = STANDARD_TABLES[doc.kind]
    if not required:
        return
    final = doc.kind == "final_accounts"
    if not doc.tables:
        what = "决算表（收入支出决算总表等九张表）" if final else "标准预算表（收支总表等九张表）"
        yield Hit(message=f"未找到任何{what}", line=doc.line)
        return
    for key in required:
        if key not in doc.tables:
            name = TABLE_ZH[key]
            yield Hit(message=f"缺少{'决算表' if final else '标准预算表'}：{name}", line=doc.line, table=name)


def _generic_is_empty(table: GenericTable) -> bool:
    cells = [
        c
        for row in table.rows
        if not any(_IDENTITY_CELL.search(normalise_label(c.text)) for c in row)
        for c in row
    ]
    return not any(parse_amount(c.text).value is not None for c in cells)


def _all_blank(table: Table) -> bool:
    """Empty and silent: no value and no explicit "—" (a dash in every cell already says "nothing")."""
    return all(a.status == AmountStatus.BLANK for r in table.rows for a in r.values.values())


def _has_empty_note(note: str | None) -> bool:
    return bool(note and _EMPTY_NOTE.search(normalise_label(note)))


@register(
    "STR002",
    "empty-table-without-note",
    title="空表未注明空表列示",
    severity=Severity.WARNING,
    regulation=COMPLETE,
)
def empty_tables_without_note(doc: BudgetDocument) -> Iterator[Hit]:
    """A table without any amount that carries no note saying why (空表列示).

    Why: an empty table is published with a note such as "注：无政府性基金预算财政拨款预算，空表列示。"; without it the
    reader cannot tell "nothing to report" from "data left out".
    Example: an empty 政府性基金预算财政拨款支出表 followed by that note passes; the same table without it gives one hit.
    """
    tables: list[tuple[str, int, bool, str | None]] = [
        (table_name(t), t.line, _all_blank(t), t.empty_note) for t in doc.tables.values()
    ]
    for label, generic in (("政府采购预算表", doc.procurement), ("固定资产占用情况表", doc.assets)):
        if generic is not None:
            tables.append((label, generic.line, _generic_is_empty(generic), generic.empty_note))
    for name, line, empty, note in tables:
        if empty and not _has_empty_note(note):
            yield Hit(
                message=f"{name}没有任何金额，也没有“空表列示”的说明",
                line=line,
                table=name,
                hint="空表应注明原因，如“注：无…预算，空表列示。”",
            )


def _insertion_line(doc: BudgetDocument, keys: tuple[str, ...]) -> int:
    """Where a missing section should stand: the heading of the next section present, in the layout's order."""
    required = [k for group in layout_for(doc.layout).required_sections for k in group]
    order = list(dict.fromkeys([*required, *SECTION_ORDER]))
    rank = min(order.index(k) for k in keys)
    later = [s.line for s in doc.sections if order.index(s.key) > rank]
    return min(later) if later else doc.sections[-1].end_line


@register(
    "STR003",
    "missing-section",
    title="缺少标准说明章节",
    severity=Severity.ERROR,
    regulation=COMPLETE,
    needs_layout=True,
)
def missing_sections(doc: BudgetDocument) -> Iterator[Hit]:
    """A narrative section the document's layout requires (职责, 总体情况, 机关运行经费, 三公, 绩效, 政府采购, 国有资产 …) is absent.

    Why: the 操作规程 lists what the 情况说明 must explain; an absent section is content not disclosed. Each layout
    (parsing/layouts.py) lists its own: Hebei follows 143号 一…十一 (名词解释, 其他需要说明的事项 included), Shanghai has
    no 其他需要说明的事项 and puts 三公 … 国有资产 under 其他相关情况说明.
    Example: a narrative 一…十一 without "八、政府采购预算情况" gives one hit at the heading that follows.
    """
    if not doc.sections:
        severity = Severity.WARNING if doc.part == "unit" else None
        yield Hit(
            message="未找到预算信息公开情况说明（职责、总体情况等说明章节）", line=doc.line, severity=severity
        )
        return
    present = {s.key for s in doc.sections}
    for keys in layout_for(doc.layout).required_sections:
        if present.isdisjoint(keys):
            title = SECTION_TITLES[keys[0]]
            yield Hit(
                message=f"情况说明缺少“{title}”部分",
                line=_insertion_line(doc, keys),
                row=title,
                severity=Severity.WARNING if keys[0] in ("glossary", "other") else None,
            )


@register(
    "STR004",
    "missing-section-heading",
    title="说明章节缺少标题",
    severity=Severity.WARNING,
    regulation=FORMAT,
    needs_layout=True,
)
def missing_section_headings(doc: BudgetDocument) -> Iterator[Hit]:
    """A standard section's content is present but its numbered heading is not.

    Why: without "九、国有资产信息" the asset sentence and table run on inside the previous section and the
    numbering of everything after is off.
    Example: "保定市…上年末固定资产金额为340.69万元" directly after the 政府采购 table, with no heading, gives one hit.
    """
    for section in doc.sections:
        if section.heading_missing:
            yield Hit(
                message=f"“{section.title}”有内容但缺少章节标题（内容从"
                + (f"“{section.text[:20]}…”开始）" if section.text else f"第{section.line}行的表格开始）"),
                line=section.line,
                row=section.title,
            )


_SECTION_TABLES = {"procurement": "政府采购预算表", "assets": "固定资产占用情况表"}


@register(
    "STR010",
    "missing-section-table",
    title="缺少政府采购预算表或固定资产占用情况表",
    severity=Severity.WARNING,
    regulation=COMPLETE,
    needs_layout=True,
)
def missing_section_tables(doc: BudgetDocument) -> Iterator[Hit]:
    """The 政府采购 and 国有资产 sections carry their table in layouts that print one (an empty one says 空表列示).

    Why: the text of these sections points to the table ("详见下表"); without it the procurement items and the
    asset breakdown are not published. Layouts that state them in words only (Shanghai) are exempt.
    Example: "九、国有资产信息" with its sentence and the 固定资产占用情况表 passes; the sentence alone fails.
    """
    tables = {"procurement": doc.procurement, "assets": doc.assets}
    for key in layout_for(doc.layout).section_tables:
        section = doc.section(key)
        if section is not None and tables[key] is None:
            yield Hit(
                message=f"“{section.title}”没有{_SECTION_TABLES[key]}（无内容的表也应空表列示）",
                line=section.line,
                table=_SECTION_TABLES[key],
                row=section.title,
                hint=f"补充{_SECTION_TABLES[key]}；没有数据的，列出空表并注明“空表列示”。",
            )
