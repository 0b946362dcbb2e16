"""Completeness inside a section: the sub-sections a layout requires (收入说明, 支出说明, 比上年增减 …), found by
sub-heading or by content (parsing/subsections.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.structure import COMPLETE
from parsing.layouts import layout_for
from parsing.model import BudgetDocument, Section
from parsing.subsections import SUBSECTIONS, found_subsections
from parsing.text import normalise_label

_CONTENT = re.compile(r"\d|[。，,；;]")  # a sentence or a figure: more than a sub-heading
_NIL = re.compile(
    r"^(?:[(]?[一二三四五六七八九十\d]{1,2}[)]?[、.]?)?(?:暂)?无|(?:我|本)(?:部门|单位)(?:暂)?无|没有"
)
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:亿元|万元|元)")


def _says(section: Section) -> list[str]:
    """The section's content paragraphs (sub-headings alone and blank lines are not content)."""
    return [p.text for p in section.paragraphs if _CONTENT.search(normalise_label(p.text))]


def _nothing_to_explain(texts: list[str]) -> bool:
    """Only "无…" sentences, or every amount stated is zero: no figure to give, no change to explain."""
    keys = [normalise_label(t) for t in texts]
    if all(_NIL.search(k) for k in keys):
        return True
    amounts = [a.replace(",", "") for k in keys for a in _AMOUNT.findall(k)]
    return bool(amounts) and all(float(a) == 0 for a in amounts)


@register(
    "STR013",
    "missing-subsection",
    title="说明章节缺少必备内容",
    severity=Severity.WARNING,
    regulation=COMPLETE,
    needs_layout=True,
)
def missing_subsections(doc: BudgetDocument) -> Iterator[Hit]:
    """有内容的说明章节缺少本版式要求的小节或内容（总体情况的收入说明、支出说明、比上年增减，“三公”经费的增减及原
    因，机关运行经费金额，政府采购金额，国有资产情况，绩效目标），按小标题或内容识别，在该章节处报告。

    为什么：操作规程要求说明收支总体情况及增减、“三公”经费增减变化原因、机关运行经费等；章节在、却少了其中一块，
    读者就看不到该项说明，又不像缺少整章那样显眼。各版式（parsing/layouts.py）要求的内容不同：河北的政府采购可以只
    有表，上海只用文字说明。整章缺少归 STR003，章节无内容归 TXT004，小标题下无内容归 TXT005；只写“无”或金额全为
    0 的章节不要求增减说明和金额。
    示例：“二、部门预算安排的总体情况”有“1、收入说明”“3、比上年增减情况”而没有支出说明（既无小标题也无“支出预算…
    万元”），在该章节标题处报告一条；“四、…‘三公’经费…”只有金额、没有与上年比较，报告一条。
    """
    for parent, wanted in layout_for(doc.layout).required_contents:
        section = doc.section(parent)
        if section is None:
            continue  # STR003's
        texts = _says(section)
        if not texts:
            continue  # TXT004's (empty section)
        if parent != "overview" and _nothing_to_explain(texts):
            continue
        found = found_subsections([p.text for p in section.paragraphs], wanted)
        for key in wanted:
            if key in found:
                continue
            heading = f"{section.number}、{section.title}" if section.number else section.title
            yield Hit(
                message=f"“{heading}”中缺少{SUBSECTIONS[key].title}"
                + ("（该章节的标题也缺少）" if section.heading_missing else ""),
                line=section.line,
                row=section.title,
                hint=f"补写{SUBSECTIONS[key].title}。",
            )
