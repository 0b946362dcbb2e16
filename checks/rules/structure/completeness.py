"""Completeness: the nine standard tables, their empty-table notes and 序号, the standard narrative sections."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.structure import COMPLETE, FORMAT
from checks.rules.structure.empty_tables import all_blank, generic_is_empty, has_empty_note
from checks.support.lookup import TABLE_ZH, table_name
from parsing.layouts import STANDARD_TABLES, layout_for
from parsing.model import BudgetDocument
from parsing.sections import FINAL_REQUIRED_SECTIONS, FINAL_SECTION_ORDER, SECTION_TITLES

SECTION_ORDER = list(SECTION_TITLES)


@register(
    "STR001",
    "missing-table",
    title="缺少标准预算表",
    severity=Severity.ERROR,
    regulation=COMPLETE,
)
def missing_tables(doc: BudgetDocument) -> Iterator[Hit]:
    """九张标准预算表（收支总表 … “三公”经费支出表）中有未公开的。

    为什么：操作规程要求九张表全部公开，空表也要列示（空表列示）；缺表会隐藏某个资金来源或支出类别。
    所要求的表按文件类型确定，与版式无关：决算不要求预算表。
    示例：某部分只有八张表、缺少政府性基金预算财政拨款支出表，报告一条并写明所缺表名。
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


@register(
    "STR002",
    "empty-table-without-note",
    title="空表未注明空表列示",
    severity=Severity.WARNING,
    regulation=COMPLETE,
)
def empty_tables_without_note(doc: BudgetDocument) -> Iterator[Hit]:
    """没有任何金额的表，也没有注明原因（空表列示）。

    为什么：空表公开时应附说明，如“注：无政府性基金预算财政拨款预算，空表列示。”；没有说明，读者分不清是“没有
    数据”还是“漏填数据”。
    示例：空的政府性基金预算财政拨款支出表后附有该说明，通过；同一张表没有说明，报告一条。
    """
    tables: list[tuple[str, int, bool, str | None]] = [
        (table_name(t), t.line, all_blank(t), t.empty_note) for t in doc.tables.values()
    ]
    for label, generic in (("政府采购预算表", doc.procurement), ("固定资产占用情况表", doc.assets)):
        if generic is not None:
            tables.append((label, generic.line, generic_is_empty(generic), generic.empty_note))
    for name, line, empty, note in tables:
        if empty and not has_empty_note(note):
            yield Hit(
                message=f"{name}没有任何金额，也没有“空表列示”的说明",
                line=line,
                table=name,
                hint="空表应注明原因，如“注：无…预算，空表列示。”",
            )


def _required(doc: BudgetDocument) -> tuple[tuple[str, ...], ...]:
    """The sections a part must print: a 决算's own parts (never budget sections), else its layout's."""
    return (
        FINAL_REQUIRED_SECTIONS if doc.kind == "final_accounts" else layout_for(doc.layout).required_sections
    )


def _insertion_line(doc: BudgetDocument, keys: tuple[str, ...]) -> int:
    """Where a missing section should stand: the heading of the next section present, in the layout's order."""
    required = [k for group in _required(doc) for k in group]
    final = FINAL_SECTION_ORDER if doc.kind == "final_accounts" else ()  # its 决算表 part stands second
    order = list(dict.fromkeys([*final, *required, *SECTION_ORDER]))
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
    final_template=True,
)
def missing_sections(doc: BudgetDocument) -> Iterator[Hit]:
    """缺少本文件版式要求的说明章节（职责、总体情况、机关运行经费、三公、绩效、政府采购、国有资产等）。

    为什么：操作规程列明了情况说明必须解释的内容；缺少章节就是有内容未公开。各版式（parsing/layouts.py）各有要
    求：河北按财预〔2016〕143号的一至十一（含名词解释、其他需要说明的事项），上海没有“其他需要说明的事项”，并
    把三公至国有资产放在“其他相关情况说明”之下。决算按决算模板要求其自己的部分（主要职能、单位构成、情况说明一至十一
    及其他重要事项下的机关运行经费、政府采购、国有资产，名词解释），不要求预算的章节。
    示例：一至十一的说明中缺少“八、政府采购预算情况”，在其后一个章节标题处报告一条。
    """
    if not doc.sections:
        severity = Severity.WARNING if doc.part == "unit" else None
        what = "决算情况说明（主要职能、收入支出决算总体情况等部分）" if doc.kind == "final_accounts" else "预算信息公开情况说明（职责、总体情况等说明章节）"  # fmt: skip
        yield Hit(message=f"未找到{what}", line=doc.line, severity=severity)
        return
    present = {s.key for s in doc.sections}
    for keys in _required(doc):
        if present.isdisjoint(keys):
            title = SECTION_TITLES[keys[0]]
            yield Hit(
                message=f"情况说明缺少“{title}”部分",
                line=_insertion_line(doc, keys),
                row=title,
                severity=Severity.WARNING
                if keys[0] in ("glossary", "other", "final_glossary", "final_other")
                else None,
            )


@register(
    "STR004",
    "missing-section-heading",
    title="说明章节缺少标题",
    severity=Severity.WARNING,
    regulation=FORMAT,
    needs_layout=True,
    final_template=True,
)
def missing_section_headings(doc: BudgetDocument) -> Iterator[Hit]:
    """标准章节有内容，但缺少带编号的章节标题（决算的各部分同样按内容识别，如“截至2024年12月31日，…共有车辆”）。

    为什么：没有“九、国有资产信息”，资产说明和表格就接在上一章节里，其后所有章节的编号也随之错位。
    示例：“保定市…上年末固定资产金额为340.69万元”紧接在政府采购表之后、没有标题，报告一条。
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
    """在列示表格的版式中，政府采购和国有资产章节应附有表格（无数据的列空表并注明空表列示）。

    为什么：这两个章节的文字指向表格（“详见下表”）；没有表，采购明细和资产构成就没有公开。只用文字表述的版式（
    上海）不检查。
    示例：“九、国有资产信息”有说明文字和固定资产占用情况表，通过；只有说明文字，不通过。
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
