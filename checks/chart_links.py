"""Where a chart shows the place of a finding: the 功能分类 chart's 类/款/项 and a project's plan curve.

The pages mark those places (支出结构, 项目与支出计划) and the findings page offers a link to them; which finding
belongs to which chart element is decided here, from the finding's line (a table cell or a plan cell) and part.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checks.findings import Finding
from checks.runner import part_label
from parsing.model import BudgetDocument, Project

FUNCTION_TABLES = ("expense", "general_expense")  # the 功能分类 chart reads the first with a 合计 figure
PAGE_ZH = {"composition": "支出结构", "projects": "项目与支出计划"}


@dataclass(frozen=True)
class ChartLink:
    """A chart that shows a finding's place: the page, the part, and the 科目 code or the project's 序号."""

    page: str  # "composition" | "projects"
    part: str | None  # checks.runner.part_label of the part (None: the department)
    part_index: int  # the part's position in BudgetDocument.parts()
    code: str | None = None  # composition: the 功能分类 code (类 3, 款 5, 项 7 digits)
    project: int | None = None  # projects: Project.index
    label: str = ""  # Chinese, for the link

    @property
    def page_zh(self) -> str:
        return PAGE_ZH[self.page]


def _lines(finding: Finding) -> set[int]:
    return {n for n in (finding.line, *finding.other_lines) if n}


def function_source(part: BudgetDocument) -> str | None:
    """The table the 功能分类 chart draws: the 支出总表 when it prints a 合计 figure, else the 一般公共预算支出表."""
    for key in FUNCTION_TABLES:
        table = part.tables.get(key)
        if table is not None and any(
            (amount := row.values.get("total")) is not None and amount.value is not None for row in table.rows
        ):
            return key
    return None


def _code_lines(part: BudgetDocument) -> dict[int, str]:
    """Each source line of the chart table's coded rows (the row's and its cells') → the row's code."""
    key = function_source(part)
    if key is None:
        return {}
    out: dict[int, str] = {}
    for row in part.tables[key].rows:
        if row.code:
            for line in (row.line, *(a.line for a in row.values.values())):
                if line:
                    out.setdefault(line, row.code)
    return out


def function_marks(part: BudgetDocument, findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """The findings placed on a 类/款/项 row of the 功能分类 chart's table, by code (in finding order)."""
    lines = _code_lines(part)
    label = part_label(part)
    out: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.part != label:
            continue
        codes = {lines[n] for n in _lines(finding) if n in lines}
        for code in sorted(codes):
            out.setdefault(code, []).append(finding)
    return out


def _in_project(finding: Finding, project: Project) -> bool:
    span = range(project.line, project.end_line + 1)
    return finding.project == project.name and any(n in span for n in _lines(finding))


def plan_findings(project: Project, findings: Iterable[Finding]) -> list[Finding]:
    """The disbursement-plan findings of one project (by name and by line: same-named projects stay apart)."""
    return [f for f in findings if f.family == "disbursement" and _in_project(f, project)]


def plan_marks(
    project: Project, findings: Iterable[Finding], labels: Sequence[str]
) -> list[tuple[str, Finding]]:
    """(period, finding) for each plan finding of the project: the period its column names ("资金支出计划 6月底"),
    else the last period drawn (a finding on an indicator, PLN006, or on the plan as a whole). ``labels`` are the
    periods the curve draws; none: nothing to mark."""
    if not labels:
        return []
    out = []
    for finding in plan_findings(project, findings):
        label = (finding.column or "").rpartition(" ")[2]
        out.append((label if label in labels else labels[-1], finding))
    return out


def finding_charts(doc: BudgetDocument, finding: Finding) -> list[ChartLink]:
    """The charts that show this finding's place: a 功能分类 row of its part, its project's plan curve."""
    links = []
    for index, part in enumerate(doc.parts()):
        if part_label(part) != finding.part:
            continue
        rows = {
            row.code: row for key in FUNCTION_TABLES if key in part.tables for row in part.tables[key].rows
        }
        for code in function_marks(part, [finding]):
            name = rows[code].name if code in rows else ""
            label = f"{PAGE_ZH['composition']}：功能分类 {code} {name}".strip()
            links.append(ChartLink("composition", finding.part, index, code=code, label=label))
        for project in part.projects:
            if plan_findings(project, [finding]):
                label = f"{PAGE_ZH['projects']}：{project.index}. {project.name}（资金支出计划）"
                links.append(ChartLink("projects", finding.part, index, project=project.index, label=label))
    return links
