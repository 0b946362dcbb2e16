"""Completeness of the 绩效目标表 fields and the numbering style of the narrative."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.structure import COMPLETE, FORMAT
from checks.support.figures import source_line
from checks.support.joined import join_texts
from checks.support.lookup import source_lines
from parsing.model import BudgetDocument, Project
from parsing.text import chinese_numeral, normalise_label

# Searched in the keys joined one a line, each after a "\n": one search per part instead of one match per key.
_PART = re.compile(r"\n第(?P<num>[一二三四五六七八九十]+|\d+)部分")
_CHAPTER = re.compile(r"\n(?P<num>[一二三四五六七八九十]+)[、.．]")


def _has_code(project: Project) -> bool:
    """A code is there when the cell holds digits ("—", "无" and "/" are blanks by another name)."""
    return any(c.isdigit() for c in project.code or "")


@register(
    "STR006",
    "project-code",
    title="项目编码缺失或重复",
    severity=Severity.WARNING,
    regulation=COMPLETE,
)
def project_codes(doc: BudgetDocument) -> Iterator[Hit]:
    """项目编码为空或与前一项目共用同一编码：每个项目一条问题。

    为什么：项目编码把绩效目标表与预算系统、与下一年度的公开文件联系起来；编码为空或重复，项目就无从追溯。每个
    项目是一个位置（在其项目编码单元格）；整部分都没有编码时，问题说明会写明。
    示例：七个项目都没有项目编码，报告七条，每条写明“本部分全部7个项目均未填写”；两个劳动仲裁项目编码不同，不
    报告；一个编码用于两个项目，在第二个项目处报告一条。
    """
    blank = [p for p in doc.projects if not _has_code(p)]
    every = f"（本部分全部{len(blank)}个项目均未填写）" if len(blank) == len(doc.projects) > 1 else ""
    for project in blank:
        yield Hit(
            message=f"项目{project.index}“{project.name}”未填写项目编码{every}",
            line=source_line(doc, project.line, project.end_line, "项目编码"),
            project=project.name,
        )
    by_code: dict[str, list[Project]] = defaultdict(list)
    for project in doc.projects:
        if project.code and _has_code(project):
            by_code[project.code].append(project)
    for code, projects in by_code.items():
        for project in projects[1:]:
            yield Hit(
                message=f"项目{project.index}“{project.name}”的项目编码{code}与“{projects[0].name}”重复",
                line=source_line(doc, project.line, project.end_line, code) or project.line,
                project=project.name,
            )


@register(
    "STR007",
    "project-field-missing",
    title="绩效目标表缺少必填内容",
    severity=Severity.WARNING,
    regulation=COMPLETE,
)
def project_fields(doc: BudgetDocument) -> Iterator[Hit]:
    """绩效目标表缺少预算数、绩效目标文字或指标行（每个项目每缺一项一条）。

    为什么：公开项目表是为了对照目标和指标评价资金；三者缺任何一项，都无从评价。每个项目的表是一个位置。
    示例：绩效目标单元格为空的表，报告一条；预算数为“2..5”归 TXT002 报告，不归本规则。
    """
    fields: list[tuple[str, list[Project], Severity | None]] = [
        ("预算数", [p for p in doc.projects if p.budget.is_blank], Severity.ERROR),
        ("绩效目标", [p for p in doc.projects if not p.goal.strip()], None),
        ("绩效指标", [p for p in doc.projects if not p.indicators], None),
    ]
    for field, projects, severity in fields:
        for project in projects:
            yield Hit(
                message=f"项目{project.index}“{project.name}”的绩效目标表未填写{field}",
                line=source_line(doc, project.line, project.end_line, field)
                if field != "绩效指标"
                else project.line,
                project=project.name,
                row=field,
                severity=severity,
            )


def _part_markers(doc: BudgetDocument) -> list[tuple[str, int]]:
    """ "第N部分" headings with their lines: from the source when at hand, else from the narrative."""
    source = source_lines(doc)
    if source.any_tabless:
        keys, lines = source.keys, source.lines
    else:
        paragraphs = [p for s in doc.sections for p in s.paragraphs]
        keys, lines = (
            join_texts(normalise_label(p.text) for p in paragraphs),
            tuple(p.line for p in paragraphs),
        )
    # Each key after a "\n": the search skips from line break to line break; the match's own "\n" ends the key before.
    return [(match["num"], lines[keys.index_at(match.start())]) for match in _PART.finditer("\n" + keys.text)]


def _chapters_in_text(doc: BudgetDocument) -> set[int | None]:
    """The numbers of "N、…" lines among the paragraphs and source lines (chapters the parser did not recognise)."""
    paragraphs = [normalise_label(p.text) for s in doc.sections for p in s.paragraphs]
    text = "\n" + "\n".join([*paragraphs, source_lines(doc).keys.text])
    return {chinese_numeral(match["num"]) for match in _CHAPTER.finditer(text)}


@register(
    "STR008",
    "numbering-style",
    title="章节编号不规范",
    severity=Severity.INFO,
    regulation=FORMAT,
    needs_layout=True,
)
def numbering_style(doc: BudgetDocument) -> Iterator[Hit]:
    """“第一部分 / 第2部分”数字写法混用（提示），或说明章节一、二、… 跳号或重号（警告）。

    为什么：编号不统一属于形式缺陷，常常说明模板经过改动或部分照抄。
    示例：“第一部分 …”“第2部分 …”“第三部分 …”，在“第2部分”报告一条；一…八、无标题的国有资产、十，不报告（缺少
    标题归 STR004）。
    """
    markers = _part_markers(doc)
    arabic = [(n, line) for n, line in markers if n.isdigit()]
    chinese = [(n, line) for n, line in markers if not n.isdigit()]
    if arabic and chinese:
        for number, line in arabic if len(arabic) <= len(chinese) else chinese:
            yield Hit(message=f"“第{number}部分”与其他“第…部分”的数字写法不一致", line=line)
    # A chapter the parser did not recognise stays in the text ("N、…" as a paragraph or source line): not a gap.
    in_text: set[int | None] | None = None  # read when a chapter is out of step: seldom
    expected: int | None = None  # gaps before the first recognised chapter are STR003's business
    for section in doc.sections:
        number = chinese_numeral(section.number) if section.number else None
        if number is None:
            expected = expected + 1 if expected and section.heading_missing else expected
            continue
        if not expected or number == expected:
            expected = number + 1
            continue
        in_text = _chapters_in_text(doc) if in_text is None else in_text
        if number < expected or any(n not in in_text for n in range(expected, number)):
            yield Hit(
                message=f"章节“{section.number}、{section.title}”的序号与前一章不连续",
                line=section.line,
                row=section.title,
                severity=Severity.WARNING,  # a chapter is missing or repeated, not just written differently
            )
        expected = number + 1
