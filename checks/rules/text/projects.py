"""Text quality of the 绩效目标表: indicator names cut mid-phrase, headings that name another project."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain
from operator import attrgetter

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from checks.support.joined import join_texts
from parsing.model import BudgetDocument
from parsing.projects import project_title
from parsing.text import normalise_label

# The characters whose NFKC form holds "(", "、", ",", "/" or ":" (test_text checks the class against every code
# point): a cell _truncated_cell flags holds one of them (an opening bracket or one of the endings it looks for).
MAY_TRUNCATE = "[(,/:⁽₍℀℁℅℆⑴-⒇⒜-⒵⩴、㈀-㈞㈠-㉃︐︑︓︵﹐﹑﹕﹙（，／：､🄁-🄊🄐-🄩]"
_MAY_TRUNCATE = re.compile(MAY_TRUNCATE)
_INDICATORS = attrgetter("indicators")
_NAMED = attrgetter("level3", "description")  # in the order TXT009 reports them


@lru_cache(maxsize=1 << 12)  # indicator tables repeat the same names and descriptions
def _truncated_cell(text: str) -> bool:
    return _truncated(normalise_label(text))


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
    severity=Severity.INFO,
    regulation=ACCURATE,
)
def truncated_indicators(doc: BudgetDocument) -> Iterator[Hit]:
    """三级指标或指标描述在半截处被截断：括号未闭合，或以“、”“，”结尾。

    为什么：因字段长度限制被截断的名称（“单位购置成本（元/台、件、辆、”）已说不清衡量的是什么。
    示例：三级指标“单位购置成本（元/台、件、辆、”，报告一条；“单位购置成本（元/台、件、套）”不报告。
    """
    # One search over all the cells for the few that may be cut: most hold none of the characters it needs.
    owners = [project for project in doc.projects for _ in project.indicators]
    indicators = list(chain.from_iterable(map(_INDICATORS, doc.projects)))
    cells = join_texts(chain.from_iterable(map(_NAMED, indicators)))
    for index in cells.indexes_having(_MAY_TRUNCATE):
        text, project, ind = cells.texts[index], owners[index >> 1], indicators[index >> 1]
        if _truncated_cell(text):
            label = ("三级指标", "指标描述")[index & 1]
            yield Hit(
                message=f"项目“{project.name}”{label}“{text}”疑似被截断（括号未闭合或以顿号结尾）",
                line=_cell_line(doc, text, ind.line),
                project=project.name,
                row=label,
            )


def _core(name: str) -> str:
    return normalise_label(name).removesuffix("项目").removesuffix("专项")


@register(
    "TXT010",
    "project-title-vs-name",
    title="绩效目标表标题与表内项目名称不符",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def project_title_vs_name(doc: BudgetDocument) -> Iterator[Hit]:
    """绩效目标表的标题（“1、…绩效目标表”）与表内项目名称单元格所写的项目一致。

    为什么：标题与表格指向两个项目（其他年度的项目、其他部门的模板），读者无法确定数字属于哪个项目。多一个或少
    一个“项目”二字不算不同。
    示例：“5、雪亮工程建设项目绩效目标表”下项目名称为“雪亮工程建设项目”，通过；“1、河北省信息系统网络维护费绩
    效目标表”下为“信访信息系统网络维护费”，不通过。
    """
    for project in doc.projects:
        titled = project_title(project.title)
        if not titled:
            continue
        heading, name = _core(titled), _core(project.name)
        if heading == name or heading in name or name in heading:
            continue
        name_line = _cell_line(doc, project.name, min(project.line + 8, project.end_line))
        yield Hit(
            message=f"项目{project.index}标题为“{titled}”，表内项目名称（第{name_line}行）为“{project.name}”，两者不一致",
            line=project.line,
            project=project.name,
            row="项目名称",
            hint="核对标题与项目名称，统一为同一项目。",
        )
