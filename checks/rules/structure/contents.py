"""The 目录 against the body: every entry printed in the body, every standard table listed in the 目录."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.structure import FORMAT
from checks.support.lookup import TABLE_ZH
from parsing.blocks import Text, document_blocks
from parsing.contents import Entry, table_of_contents
from parsing.layouts import STANDARD_TABLES
from parsing.model import BudgetDocument
from parsing.text import normalise_label

_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+\s*[、.．]|[(（][一二三四五六七八九十\d]+[)）])")
_PART = re.compile(r"^第[一二三四五六七八九十\d]+部分")
_YEAR = re.compile(r"\d{4}年度?")
_LEVEL = re.compile(r"[(（](?:部门|单位)[)）]|部门|单位")
_NAME_ROOM = 40  # characters a heading may add before the entry's words (a project's or unit's name)
# words a heading may use for the 目录's: a project section is headed by the fund's name ("科技创新专项经费情况说明")
_SYNONYMS = (("专项", "项目"),)
SIMILAR = 90  # rapidfuzz ratio from which a heading is the entry with a character changed (与/和)


def core(text: str, department: str | None) -> str:
    """What identifies a heading: no numbering, 第X部分, department name, year or 部门/单位 wording.

    >>> core("上海市普陀区人民政府万里街道办事处（部门）机构设置", "上海市普陀区人民政府万里街道办事处")
    '机构设置'
    >>> core("第三部分 某局 2024 年度部门决算情况说明", "某局")
    '决算情况说明'
    >>> core("科技创新专项经费情况说明", None)
    '科技创新项目经费情况说明'
    """
    key = _NUMBER.sub("", normalise_label(text))
    key = _PART.sub("", key)
    if department:
        key = key.replace(normalise_label(department), "")
    key = _LEVEL.sub("", _YEAR.sub("", key))
    for word, same in _SYNONYMS:
        key = key.replace(word, same)
    return key


def _in_order(short: str, long: str) -> bool:
    """``short``'s characters appear in ``long`` in the same order (words added in between)."""
    rest = iter(long)
    return all(ch in rest for ch in short)


def matches(entry: str, heading: str) -> bool:
    """Whether a body line starts with the heading an entry names (both given as :func:`core`).

    >>> matches("其他重要事项说明", "其他重要事项的情况说明"), matches("收入决算情况说明", "支出决算情况说明")
    (True, False)
    >>> matches("项目经费情况说明", "区政府督查及建议提案工作业务经费项目经费情况说明")
    True
    >>> matches("国有资本经营预算财政拨款收入支出决算情况说明", "国有资本经营预算财政拨款收入支出决算情况说明某局无…")
    True
    """
    if not entry or not heading:
        return False
    if entry in heading and len(heading) <= len(entry) + _NAME_ROOM:  # "<项目名称>项目经费情况说明"
        return True
    if heading[0] != entry[0]:
        return False
    window = heading[: len(entry) + len(entry) // 2 + 2]
    if _in_order(entry, window):
        return True
    return fuzz.ratio(entry, heading[: len(entry)]) >= SIMILAR


def _group(entry: Entry) -> bool:
    """An entry for the tables as a group ("五、部门预算表", "第二部分 … 部门决算表")."""
    return entry.table is None and entry.title.endswith("表")


@register(
    "STR012",
    "contents-mismatch",
    title="目录与正文不一致",
    severity=Severity.WARNING,
    regulation=FORMAT,
)
def contents_mismatch(doc: BudgetDocument) -> Iterator[Hit]:
    """目录列出的表格或章节在正文中找不到，或正文中的标准表没有列入目录（目录列出各表时）。每个目录条目或每张表报告一条。

    为什么：目录是读者查找内容的入口；目录列了而正文没有，说明公开时漏印了该部分（或目录沿用了旧模板）；正文有表
    而目录未列，读者按目录找不到它。表格按含义对应（表名别名，与页码、点线和编号无关），章节按标题对应（忽略部门
    名称、年度和“部门/单位”字样，允许增减个别字）；空表照印并注明“本表无数据”的，视为已公开。
    示例：目录列有“九、国有资本经营预算财政拨款收入支出决算情况说明”，正文从“八、”直接到“十、”，在该目录条
    目处报告一条；目录未列“政府性基金预算支出功能分类预算表”而正文印有该表，在表题处报告一条。
    """
    if doc.part != "department":
        return
    toc_line, entries = table_of_contents(doc.lines)
    if not entries:
        return
    body_start = entries[-1].line + 1
    department = doc.department_name
    headings = [
        core(block.text, department)
        for block in document_blocks(doc.lines)
        if isinstance(block, Text) and block.line >= body_start
    ]
    for entry in entries:
        if entry.table is not None:
            if entry.table not in doc.tables:
                yield Hit(
                    message=f"目录列出的“{entry.label}”在正文中未找到（按表名含义对应的标准表：{TABLE_ZH[entry.table]}）",
                    line=entry.line,
                    table=TABLE_ZH[entry.table],
                    hint="核对正文是否漏印该表（空表也应列示并注明无数据），或目录是否沿用了旧模板。",
                )
            continue
        if _group(entry) and doc.tables:
            continue
        wanted = core(entry.title, department)
        if wanted and not any(matches(wanted, heading) for heading in headings):
            yield Hit(
                message=f"目录列出的“{entry.label}”在正文中未找到对应的标题",
                line=entry.line,
                hint="核对正文是否漏印该部分，或其标题与目录是否一致。",
            )
    listed = {entry.table for entry in entries}
    if not listed - {None}:
        return  # the 目录 lists parts or groups only, not the tables one by one
    for key in STANDARD_TABLES[doc.kind]:
        table = doc.tables.get(key)
        if table is not None and key not in listed:
            yield Hit(
                message=f"正文中的《{table.title.strip()}》（第{table.line}行）未列入目录（目录在第{toc_line}行）",
                line=table.line,
                table=TABLE_ZH[key],
                hint="在目录中补列该表及其页码。",
            )
