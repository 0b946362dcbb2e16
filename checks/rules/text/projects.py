"""Text quality of the 绩效目标表: indicator names cut mid-phrase, headings that name another project."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from parsing.model import BudgetDocument
from parsing.projects import project_title
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
    """The heading of a 绩效目标表 ("1、…绩效目标表") names the project its 项目名称 cell names.

    Why: a heading and a table naming two projects (another year's project, another department's template)
    leave the reader unsure which project the figures belong to. A missing or added "项目" is no difference.
    Example: "5、雪亮工程建设项目绩效目标表" over 项目名称 "雪亮工程建设项目" passes; "1、河北省信息系统网络维护费绩效目标表"
    over "信访信息系统网络维护费" fails.
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
