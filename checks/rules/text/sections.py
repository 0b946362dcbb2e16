"""Text quality of the narrative sections: empty sections and sub-parts (repeats: text_repeats.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from checks.findings import Hit, Severity
from checks.registry import register
from parsing.model import BudgetDocument, Section
from parsing.sections import FINAL_SUBSECTIONS
from parsing.text import normalise_label

COMPLETE = "财预〔2016〕143号《地方预决算公开操作规程》第三条（公开内容全面、真实、完整）"

_MARKERS = (
    ("part", re.compile(r"^第[一二三四五六七八九十\d]+部分[、:：]?")),
    ("paren_cn", re.compile(r"^[（(][一二三四五六七八九十]+[)）][、.．]?")),
    ("paren_num", re.compile(r"^[（(]\d+[)）][、.．]?")),
    ("cn", re.compile(r"^[一二三四五六七八九十]+[、.．]")),
    ("num", re.compile(r"^\d+[、.．](?!\d)")),
    ("circled", re.compile(r"^[①-⑳]")),
)
_SENTENCE_PUNCT = re.compile(r"[。；;，,！!？?]")
_NIL = re.compile(r"^(暂)?无[。.]?$|^(我|本)(部门|单位)(暂)?无")
_HEADING_WORDS = re.compile(
    r"说明|情况|目标|措施|职责|职能|设置|概况|指标|保障|依据|用途|安排|收入|支出|预算"
)
# Sections where a bare "无" is an acceptable answer (no such spending, no special funds …).
_NIL_ALLOWED = {"running_cost", "three_public", "special_funds", "projects", "procurement", "assets", "other",
                "final_three_public", "final_fund", "final_capital", "final_performance", "final_other",
                "final_running_cost", "final_procurement", "final_assets"}  # fmt: skip
_MANDATORY = {"duties", "overview", "running_cost", "three_public", "final_duties", "final_overall",
              "final_three_public", "final_running_cost"}  # fmt: skip


# One search for all kinds: the first alternative that matches is the first kind in _MARKERS that would.
_ANY_MARKER = re.compile("|".join(f"(?P<{kind}>{pattern.pattern})" for kind, pattern in _MARKERS))


def marker(key: str) -> tuple[str | None, str]:
    """The kind of list marker `key` starts with, and the rest of it.

    >>> marker("（二）分项目标"), marker("1.5万元"), marker("第一部分、概况"), marker("目标")
    (('paren_cn', '分项目标'), (None, '1.5万元'), ('part', '概况'), (None, '目标'))
    """
    match = _ANY_MARKER.match(key)
    return (match.lastgroup, key[match.end() :]) if match else (None, key)


def label_kind(text: str) -> str | None:
    """The kind of sub-heading a paragraph is ("num", "colon" …), or None when it carries content.

    A sub-heading ends with a colon or names what follows (说明, 目标, 措施 …); "1、办公室" is a list item.

    >>> label_kind("1、收入说明"), label_kind("部门职责："), label_kind("（一）总体绩效目标"), label_kind("总体绩效目标")
    ('num', 'colon', 'paren_cn', 'plain')
    >>> label_kind("我部门无其他需要说明的事项。"), label_kind("无"), label_kind("本单位无此项支出"), label_kind("1、办公室")
    (None, None, None, None)
    """
    kind, body = marker(normalise_label(text))
    if "无" in body or _SENTENCE_PUNCT.search(body.rstrip(":：")) or re.search(r"\d", body):
        return None
    if body.endswith((":", "：")) and len(body) <= 16:
        return kind or "colon"
    if not body or (len(body) <= 14 and _HEADING_WORDS.search(body)):
        return kind or "plain"
    return None  # a short list item ("1、办公室") is content


def _has_attached_content(doc: BudgetDocument, section: Section) -> bool:
    """Content the parser keeps outside the paragraphs: project tables, the procurement table, a 决算's tables
    (its 决算表 part) and the sub-parts of a 决算 heading that has them (十一、其他重要事项 → （一）…（三）).

    The asset table is not enough on its own: the section states 上年末固定资产 and 拟购置 in words.
    """
    present = {s.key for s in doc.sections}
    return bool(
        (section.key == "projects" and doc.projects)
        or (section.key == "procurement" and doc.procurement)
        or (section.key == "final_tables" and doc.tables)
        or not present.isdisjoint(FINAL_SUBSECTIONS.get(section.key, ()))
    )


def _is_empty(doc: BudgetDocument, section: Section) -> bool:
    if section.heading_missing or _has_attached_content(doc, section):
        return False
    content = [p for p in section.paragraphs if p.text.strip() and label_kind(p.text) is None]
    if not content:
        return True
    only_nil = all(_NIL.search(marker(normalise_label(p.text))[1]) for p in content)
    return only_nil and section.key not in _NIL_ALLOWED


def _heading(section: Section) -> str:
    return f"{section.number}、{section.title}" if section.number else section.title


@register(
    "TXT004",
    "empty-section",
    title="说明章节无内容",
    severity=Severity.WARNING,
    regulation=COMPLETE,
)
def empty_sections(doc: BudgetDocument) -> Iterator[Hit]:
    """说明章节有标题而无内容（只有其下的小标题，或只写“无”）。

    为什么：操作规程要求说明职责、收支总体情况、机关运行经费和“三公”经费；标题后只跟“部门职责：”“机构设置：”或
    紧接下一标题，等于什么也没公开。
    示例：“二、部门预算安排的总体情况”后紧接“三、…”，报告一条（错误）；“六、部门主管专项资金…”后写“无”，不报告
    。
    """
    for section in doc.sections:
        if not _is_empty(doc, section):
            continue
        mandatory = section.key in _MANDATORY
        yield Hit(
            message=f"“{_heading(section)}”没有说明内容"
            + (
                "（只有小标题）"
                if section.paragraphs
                else "（只有表格）"
                if section.key == "assets" and doc.assets
                else ""
            ),
            line=section.line,
            row=section.title,
            severity=Severity.ERROR if mandatory else None,
            hint="按公开模板补写该部分内容；确无内容的应写明“无”及原因。",
        )


@register(
    "TXT005",
    "empty-subsection",
    title="说明小节无内容",
    severity=Severity.WARNING,
    regulation=COMPLETE,
)
def empty_subsections(doc: BudgetDocument) -> Iterator[Hit]:
    """小标题之后紧接同级的下一个小标题（“1、收入说明”之后直接是“2、支出说明”）。

    为什么：在有部分文字的章节中，空着的小节（没有收入说明、没有部门职责）容易被忽略。
    示例：“部门职责：”后紧接“机构设置：”，报告一条；“部门职责：”后有一句说明，不报告。
    """
    for section in doc.sections:
        if _is_empty(doc, section):
            continue  # reported once, by TXT004
        paragraphs = [p for p in section.paragraphs if p.text.strip()]
        for first, second in pairwise(paragraphs):
            kind = label_kind(first.text)
            if kind and kind != "plain" and label_kind(second.text) == kind:
                yield Hit(
                    message=f"“{_heading(section)}”中的小标题“{first.text.strip()}”下没有内容",
                    line=first.line,
                    row=section.title,
                )
