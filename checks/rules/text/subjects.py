"""Subject names: a 功能分类 类 (and the 款/项 under a coded 类) named in the text otherwise than the document's tables
and the year's 政府收支分类科目 name it.

Phrasings read (one pattern each):
- name before its level marker: "卫生健康支出（类）", "公共安全支出（204类）", "司法（06款）", "行政运行（2040601项）";
- a code before its name: "210类卫生健康支出";
- a retired 类 name anywhere: "医疗卫生与计划生育支出" in a document of 2019 or later.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from checks.rules.text.subject_places import code_first, marked, retired_anywhere
from checks.support.texts import Item
from parsing.model import BudgetDocument

CATALOGUE_CITE = "财政部《政府收支分类科目》（按预算年度适用的版本）；" + ACCURATE


def _hit(item: Item, offset: int, message: str) -> Hit:
    return Hit(
        message=f"{item.label}：{message}",
        line=item.line_at(offset),
        row=item.field or item.where,
        project=item.project,
        hint="科目名称以当年《政府收支分类科目》和本文件表格为准，更正说明文字。",
    )


@register(
    "TXT021",
    "subject-name",
    title="功能分类科目名称与表格或当年科目不一致",
    severity=Severity.WARNING,
    regulation=CATALOGUE_CITE,
)
def subject_names(doc: BudgetDocument) -> Iterator[Hit]:
    """说明文字中的功能分类科目名称与本文件表格所印名称、当年《政府收支分类科目》名称一致：按代码（“（210类）”
    “司法（06款）”）或按名称（“卫生健康支出（类）”，近似名称用相似度判断）找到科目后比较，并查找已停用的类名。

    为什么：2019年科目改革后 210 类由“医疗卫生与计划生育支出”改为“卫生健康支出”，207、220、215 类也改了名；
    说明中仍用旧名或把代码配上别的名称，说明文字沿用了旧模板，读者无法把说明与表格中的科目对上。
    款、项没有代码时，按所属类、款在表格中的下级科目逐个比对名称（“住房保障支出（类）住房保障支出（款）”把类名写作款名，
    “其他国土资源事务支出（项）”是改革前的名称）。编制说明中整条科目在表中找不到的，已由 NAR014 报告，这里不再报告。
    示例：2024年预算表格印“210 卫生健康支出”，说明写“医疗卫生与计划生育支出（类）50.00万元”，报告一条并列出两个
    名称；“卫生健康（类）”和“公共安全支出（204类）司法（06款）”（表中 20406 为“司法”）不报告。
    """
    unmatched = {
        item.line for item in doc.budget_items if item.code is None
    }  # NAR014: path not in the tables
    reported: dict[int, list[tuple[int, int]]] = {}  # one finding per place: spans already reported per item
    for item, start, end, message in (*marked(doc), *code_first(doc), *retired_anywhere(doc)):
        spans = reported.setdefault(id(item), [])
        if any(start < done_end and done_start < end for done_start, done_end in spans):
            continue
        spans.append((start, end))
        hit = _hit(item, start, message)
        if hit.line not in unmatched and item.line not in unmatched:
            yield hit
