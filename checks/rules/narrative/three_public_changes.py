"""Narrative: the “三公” change the text states equals the changes it states for each item."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.narrative import ACCURATE
from checks.support.figures import figures
from checks.support.money import Verdict, compare, fmt, rounding_note
from parsing.model import BudgetDocument
from parsing.text import normalise_label

# Longest names first: "公务用车购置及运维费" must not be read as "公务用车购置费".
_ITEMS = (
    ("vehicles", re.compile(r"公务用车购置及运(?:行维护|维|行)费")),
    ("purchase", re.compile(r"公务用车购置费|车辆购置")),
    ("upkeep", re.compile(r"公务用车运(?:行维护|维|行)费|公务车运行维护费")),
    ("abroad", re.compile(r"因公出国[(（]境[)）]费")),
    ("reception", re.compile(r"公务接待费")),
    ("total", re.compile(r"三公[”\"]?经费")),
)
_NAMES = {"total": "“三公”经费", "abroad": "因公出国（境）费", "vehicles": "公务用车购置及运维费",
          "purchase": "公务用车购置费", "upkeep": "公务用车运行维护费", "reception": "公务接待费"}  # fmt: skip
_UP = re.compile(r"(增加|增长|上升|提高)了?$")
_DOWN = re.compile(r"(减少|下降|降低)了?$")
_FLAT = re.compile(r"持平|无增减")
_SENTENCES = re.compile(r"[^。；;]+")


def _item(sentence: str) -> str | None:
    found = [(m.start(), key) for key, pattern in _ITEMS if (m := pattern.search(sentence))]
    return min(found)[1] if found else None


def stated_changes(doc: BudgetDocument) -> dict[str, tuple[Decimal, int]]:
    """Signed change per 三公 item (and the total) the section states, with the line; 持平 = 0."""
    section = doc.section("three_public")
    out: dict[str, tuple[Decimal, int]] = {}
    for paragraph in section.paragraphs if section else []:
        text = normalise_label(paragraph.text)
        opening = _item(text)  # a change whose sentence names no item is about what the paragraph opens with
        for sentence in _SENTENCES.findall(text):
            subject = _item(sentence) or opening
            if subject is None or subject in out:
                continue
            for fig in figures(sentence, paragraph.line):
                sign = -1 if _DOWN.search(fig.label) else 1 if _UP.search(fig.label) else 0
                if sign:
                    out[subject] = (sign * fig.amount(doc.unit), paragraph.line)
                    break
            else:
                if _FLAT.search(sentence):
                    out[subject] = (Decimal(0), paragraph.line)
    return out


@register(
    "NAR019",
    "three-public-change-sum",
    title="“三公”经费增减额与各项增减之和不符",
    severity=Severity.ERROR,
    regulation=ACCURATE,
)
def three_public_change_sum(doc: BudgetDocument) -> Iterator[Hit]:
    """“三公”经费比上年的增减额等于出国、公务用车、接待各项增减之和。

    为什么：文字逐项解释增减；各项加起来不等于所述总增减时，必有一个数字（或上年基数）有误。只在文字写明每一项
    时检查（持平记为 0）。
    示例：“‘三公’经费…较2022年度预算减少0.14万元”，公务用车持平，“公务接待费…较上年减少0.14万元”，出国持平，通
    过；总额写“减少0.34万元”，不通过。
    """
    said = stated_changes(doc)
    vehicles = (
        [said["vehicles"]]
        if "vehicles" in said
        else [said[k] for k in ("purchase", "upkeep") if k in said]
        if {"purchase", "upkeep"} <= said.keys()
        else None
    )
    if "total" not in said or vehicles is None or not {"abroad", "reception"} <= said.keys():
        return
    parts = [said["abroad"], *vehicles, said["reception"]]
    expected = sum((v for v, _ in parts), Decimal(0))
    total, line = said["total"]
    addends = max(1, sum(1 for v, _ in parts if v))
    verdict = compare(expected, total, addends)
    if verdict == Verdict.EQUAL:
        return
    listed = "、".join(f"{_NAMES[k]}{fmt(said[k][0])}" for k in said if k != "total")
    message = f"说明称“三公”经费比上年增减{fmt(total)}{doc.unit}，而各项增减（{listed}）之和为{fmt(expected)}{doc.unit}"
    rounding = verdict == Verdict.ROUNDING
    yield Hit(
        message=message + (f"；属舍入级差异（{rounding_note(addends)}）" if rounding else ""),
        line=line,
        row="“三公”经费",
        expected=expected,
        actual=total,
        severity=Severity.INFO if rounding else None,
        hint="核对“三公”经费总额及各项的上年数和增减额。",
    )
