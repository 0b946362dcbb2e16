"""Level and kind wording: a 单位 disclosure that calls itself 部门 (and the other way round), a budget that names
itself 决算 (and the other way round), in the text, the section headings and the table titles.

Only words that name the document or the one who publishes it are read, never a word with uses of its own:
- the publisher: "本部门" in a 单位 disclosure ("本单位" in a 部门 disclosure is left alone: a department that is a
  single unit says so);
- the document: "2025年部门预算", "部门预算信息公开情况说明", "部门预算编制说明", "部门预算安排的总体情况",
  "现将…部门预算公开如下", a table title "2025年部门收入预算总表";
- never "所属单位", "预算单位", "主管部门", "各部门（单位）", "部门预算经济分类", "纳入部门预算", nor the 名词解释.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from checks.rules.text.wording_patterns import (
    KIND_PATTERNS,
    KIND_WORD,
    LEVEL_PATTERNS,
    LEVEL_WORD,
    TITLE_STARTS,
    Place,
    compact,
    first_match,
    other_year,
    places,
    wrong_table_title,
)
from parsing.model import BudgetDocument


def _hit(place: Place, match: re.Match[str], text: str, wrong: str, right: str, what: str) -> Hit:
    group = "w" if "w" in match.re.groupindex else 0
    said, start, end = match.group(group), match.start(group), match.end(group)
    quote = text[max(0, start - 16) : end + 10]
    return Hit(
        message=f"{place.where}：{what}，文中称“{said}”，应为“{said.replace(wrong, right)}”（“…{quote}…”）",
        line=place.line,
        row=place.field or place.where,
        project=place.project,
        hint=f"把指本文件的“{wrong}”改为“{right}”，并核对这段文字是否从其他文件沿用。",
    )


@register(
    "TXT022",
    "level-wording",
    title="文中部门/单位措辞与文件层级不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def level_wording(doc: BudgetDocument) -> Iterator[Hit]:
    """单位预算（决算）公开文件的文字、标题和表名不称本文件为“部门预算”、不自称“本部门”；部门公开文件不称本文件为
    “单位预算”。

    为什么：单位公开文件由部门公开文件的模板改写而来，留下的“本部门”“部门预算”说明模板没有改完，读者会误以为这是
    整个部门的数字。“所属单位”“预算单位”“主管部门”“各部门（单位）”、名词解释中的定义和“部门预算经济分类”
    有各自的含义，不报告。
    示例：单位公开文件中“现将XX中心2025年部门预算公开如下”和“本部门共有车辆2辆”各报告一条，应为“单位预算”
    “本单位”；部门公开文件中“第二部分 部门所属单位预算”和“所属单位预算”不报告。
    """
    own = LEVEL_WORD[doc.level]
    other = LEVEL_WORD["unit" if doc.level == "department" else "department"]
    what = f"本文件是{own}公开文件"
    patterns = LEVEL_PATTERNS[other]
    table_start, heading_start = TITLE_STARTS[other]
    titles = {
        "table": (table_start,),
        "heading": (*patterns, heading_start),
        "text": patterns,
    }
    for place in places(doc, other):
        text = compact(place.text)
        match = first_match(place, titles[place.kind])
        if match:
            yield _hit(place, match, text, other, own, what)


@register(
    "TXT023",
    "kind-wording",
    title="文中预算/决算措辞与文件类型不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def kind_wording(doc: BudgetDocument) -> Iterator[Hit]:
    """预算公开文件不把本文件称作“决算”（“部门决算情况说明”“本年度的部门决算”、决算表名），决算公开文件不把本文件
    称作“预算”（“部门预算编制说明”“现将…部门预算公开如下”、预算表名）。

    为什么：预算和决算的文字常互相套用模板；称错了文件类型，读者分不清这里的数字是年初安排还是全年实际支出。与上年
    决算数比较（“比2023年决算数增加”）、“预决算公开”“年初预算”“预算数”各有含义，不报告。
    示例：2025年预算中“本部门2025年部门决算如下”和表名“一般公共预算财政拨款支出决算表”各报告一条，应为“预算”；
    2024年决算中“部门预算信息公开情况说明”报告一条；“《地方预决算公开操作规程》”和“完成年初预算的95%”不报告。
    """
    own = KIND_WORD[doc.kind]
    other = KIND_WORD["budget" if doc.kind == "final_accounts" else "final_accounts"]
    what = f"本文件是{own}公开文件"
    patterns = KIND_PATTERNS[other]
    year = doc.budget_year if other == "决算" else None  # a budget's own year's 决算
    for place in places(doc, other):
        text = compact(place.text)
        match = wrong_table_title(text, own) if place.kind == "table" else first_match(place, patterns, year)
        if match and not other_year(match, doc.budget_year):
            yield _hit(place, match, text, other, own, what)
