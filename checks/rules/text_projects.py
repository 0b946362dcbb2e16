"""Text quality of the 绩效目标表: indicator names cut mid-phrase."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from parsing.model import BudgetDocument
from parsing.text import normalise_label


def _truncated(text: str) -> bool:
    opened = text.count("（") + text.count("(")
    closed = text.count("）") + text.count(")")
    return opened > closed or text.endswith(("、", "，", ",", "（", "(", "/", "／", "：", ":"))


def _cell_line(doc: BudgetDocument, text: str, near: int) -> int:
    """Line of the cell holding `text` just above `near` (source lines exist on the top-level part only)."""
    for number in range(near, max(near - 8, 0), -1):
        if number <= len(doc.lines) and doc.lines[number - 1].strip() == text:
            return number
    return near


@register(
    "TXT009",
    "truncated-indicator",
    title="绩效指标名称被截断",
    family="text",
    severity=Severity.INFO,
    regulation=ACCURATE,
)
def truncated_indicators(doc: BudgetDocument) -> Iterator[Hit]:
    """A 三级指标 or 指标描述 cut mid-phrase: an unclosed bracket or a trailing 、/，.

    Why: a name cut by a field-length limit ("单位购置成本（元/台、件、辆、") no longer says what is measured.
    Example: 三级指标 "单位购置成本（元/台、件、辆、" gives one hit; "单位购置成本（元/台、件、套）" gives none.
    """
    for project in doc.projects:
        for ind in project.indicators:
            for label, text in (("三级指标", ind.level3), ("指标描述", ind.description)):
                if text and _truncated(normalise_label(text)):
                    yield Hit(
                        message=f"项目“{project.name}”{label}“{text}”疑似被截断（括号未闭合或以顿号结尾）",
                        line=_cell_line(doc, text, ind.line),
                        project=project.name,
                        row=label,
                    )
