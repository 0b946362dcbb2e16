"""Project tables: counts and rates quoted in 绩效目标 vs the indicator values of the same noun."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from checks.findings import Hit, Severity
from checks.registry import register
from checks.support.figures import Figure, figures, source_line
from parsing.model import BudgetDocument, Indicator
from parsing.text import normalise_comparators

_AT_LEAST = re.compile(r"(不少于|不低于|不小于|至少|达到|超过|≥|>)$")
_AT_MOST = re.compile(r"(不多于|不超过|不高于|不大于|最多|≤|<)$")
_ENUM = re.compile(r"^\d+[.、]")
_STOP = {
    "数量",
    "工作",
    "完成",
    "保障",
    "提高",
    "情况",
    "及时",
    "项目",
    "单位",
    "反映",
    "是否",
    "正常",
    "达到",
    "次数",
    "人数",
    "个数",
}


def _range(comparator: str | None, number: Decimal) -> tuple[Decimal | None, Decimal | None]:
    if comparator in ("≥", ">"):
        return number, None
    if comparator in ("≤", "<"):
        return None, number
    return number, number


def _overlap(a: tuple[Decimal | None, Decimal | None], b: tuple[Decimal | None, Decimal | None]) -> bool:
    low = max((x for x in (a[0], b[0]) if x is not None), default=None)
    high = min((x for x in (a[1], b[1]) if x is not None), default=None)
    return low is None or high is None or low <= high


def _shared(words: str, text: str) -> int:
    """Length of the longest run of 2+ characters the goal clause and the indicator share (generic words out)."""
    for size in range(len(words), 1, -1):
        for i in range(len(words) - size + 1):
            if words[i : i + size] in text and words[i : i + size] not in _STOP:
                return size
    return 0


def _contradicted(fig: Figure, indicators: list[Indicator]) -> list[Indicator]:
    label = normalise_comparators(fig.label)
    cmp = "≥" if _AT_LEAST.search(label) or fig.after.startswith("以上") else None
    cmp = "≤" if _AT_MOST.search(label) or fig.after.startswith(("以下", "以内")) else cmp
    same = [i for i in indicators if i.parsed.number is not None and i.parsed.unit == fig.unit]
    scores = {id(i): _shared(label, i.level3 + i.description) for i in same}
    best = max(scores.values(), default=0)
    close = [i for i in same if scores[id(i)] == best and best >= 2]
    goal = _range(cmp, fig.value)
    if any(_overlap(goal, _range(i.parsed.comparator, i.parsed.number)) for i in close):  # type: ignore[arg-type]
        return []
    return close


@register(
    "NAR013",
    "goal-count-vs-indicator",
    title="绩效目标中的数量与绩效指标值矛盾",
    severity=Severity.WARNING,
    regulation="财预〔2021〕101号（绩效指标细化、量化，与目标相对应）",
)
def goal_counts(doc: BudgetDocument) -> Iterator[Hit]:
    """绩效目标中引用的数量或比率与同一单位、同一名词的指标值一致。

    为什么：指标用来衡量目标；目标写 13 人、指标写 10 人，二者不可能都是目标值。只比较单位相同（名、人、次、%
    等）且与目标语句有共同名词的指标；范围也算一致（“不少于10次”与“≥10次”“15次”都一致）。
    示例：“聘用劳务派遣13名”与“聘请劳务派遣员工数量 13名”，通过；与“10名”，不通过。
    """
    for project in doc.projects:
        for fig in figures(project.goal, project.goal_line or project.line, counts=True):
            contradicted = _contradicted(fig, project.indicators)
            if not contradicted:
                continue  # most figures: the source line is looked up for a finding only
            line = source_line(doc, fig.line, project.end_line, fig.label[-4:] + fig.raw.replace(" ", ""))
            for indicator in contradicted:
                yield Hit(
                    message=f"项目“{project.name}”绩效目标写“{_ENUM.sub('', fig.label)}{fig.raw}”，绩效指标“{indicator.level3}”"
                    f"指标值为“{indicator.value}”",
                    line=line,
                    project=project.name,
                    row=indicator.level3,
                    column="指标值",
                    expected=indicator.parsed.number,
                    actual=fig.value,
                    hint="统一绩效目标与指标值。",
                )
