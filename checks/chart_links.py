"""Where a chart shows the place of a finding: the 功能分类 chart's 类/款/项, the 基本支出经济分类 chart's 类/款,
the “三公”经费 chart's items and a project's plan curve.

The pages mark those places (支出结构, 项目与支出计划) and the findings page offers a link to them; which finding
belongs to which chart element is decided here, from the finding's line (a table cell or a plan cell) and part.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checks.findings import Finding
from checks.runner import part_label
from parsing.model import BudgetDocument, Project, Row, Table

# the 功能分类 chart reads the first with a 合计 figure (a 决算: its 支出决算表, 一般公共预算财政拨款支出决算表)
FUNCTION_TABLES = ("expense", "general_expense", "final_expense", "final_general_expense")
ECONOMIC_TABLES = ("general_basic", "final_general_basic")  # 基本支出经济分类: a budget's, a 决算's
THREE_TABLES = ("three_public", "final_three_public")  # “三公”经费: a budget's, a 决算's
PERSONNEL = ("301", "303")  # 人员经费 = 301 + 303; 公用经费 = the other classes (checks/support/relations.py)
CHART_ZH = {"function": "功能分类", "economic": "基本支出经济分类", "three": "“三公”经费"}
PAGE_ZH = {"composition": "支出结构", "projects": "项目与支出计划"}


@dataclass(frozen=True)
class ChartLink:
    """A chart that shows a finding's place: the page, the part, and the 科目 code or the project's 序号."""

    page: str  # "composition" | "projects"
    part: str | None  # checks.runner.part_label of the part (None: the department)
    part_index: int  # the part's position in BudgetDocument.parts()
    code: str | None = None  # composition: the 功能分类 (类 3, 款 5, 项 7 digits) or 经济分类 (3, 5) code
    project: int | None = None  # projects: Project.index
    label: str = ""  # Chinese, for the link
    chart: str = "function"  # composition: "function" | "economic" | "three"; projects: "plan"
    row: int | None = None  # three: the drawn row's line (its 一、二、三 item has no code)

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
    coded = _row_lines(row for row in part.tables[key].rows if row.code)
    return {line: row.code for line, row in coded.items() if row.code}


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


def economic_source(part: BudgetDocument) -> str | None:
    """The table the 经济分类 chart draws: the 基本支出表 (a 决算's 基本支出决算表)."""
    return next((key for key in ECONOMIC_TABLES if key in part.tables), None)


def three_source(part: BudgetDocument) -> str | None:
    """The table the “三公” chart draws: the “三公”经费表 (a 决算's “三公”经费支出决算表)."""
    return next((key for key in THREE_TABLES if key in part.tables), None)


def _row_lines(rows: Iterable[Row]) -> dict[int, Row]:
    """Each source line of the rows (the row's and its cells') → the row (the first one printed there)."""
    out: dict[int, Row] = {}
    for row in rows:
        for line in (row.line, *(a.line for a in row.values.values())):
            if line:
                out.setdefault(line, row)
    return out


def _split_classes(row: Row, finding: Finding, classes: list[str]) -> list[str]:
    """The classes a finding on the 人员经费/公用经费 figure (合计 row's column, or a 决算's 人员经费合计 row)
    compares: 301 + 303, or the others; none for any other uncoded row (the 合计 row has no bar)."""
    where = f"{row.name} {finding.column or ''}"
    if "人员经费" in where:
        return [c for c in classes if c in PERSONNEL]
    if "公用经费" in where:
        return [c for c in classes if c not in PERSONNEL]
    return []


def economic_marks(part: BudgetDocument, findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """The findings placed on a 类/款 of the 经济分类 chart's table, by code (in finding order): a coded row's
    finding on its code; one on the 人员经费 (公用经费) figure on the classes it adds up (ARI006)."""
    key = economic_source(part)
    if key is None:
        return {}
    table = part.tables[key]
    lines = _row_lines(table.rows)
    classes = [r.code for r in table.rows if r.code and len(r.code) == 3]
    label = part_label(part)
    out: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.part != label:
            continue
        codes: set[str] = set()
        for row in {id(r): r for n in _lines(finding) if (r := lines.get(n))}.values():
            codes |= {row.code} if row.code else set(_split_classes(row, finding, classes))
        for code in sorted(codes):
            out.setdefault(code, []).append(finding)
    return out


def three_rows(table: Table) -> list[Row]:
    """The rows the “三公” chart draws: the 一、二、三 classes (the items when none is printed)."""
    top = [r for r in table.rows if r.kind == "class"]
    return top or [r for r in table.rows if r.kind == "item"]


def three_marks(part: BudgetDocument, findings: Iterable[Finding]) -> dict[int, list[Finding]]:
    """The findings placed on a drawn row of the “三公” chart, by that row's line: a finding on an item (其中：
    公务用车购置费) on its class; none on the 合计 / 小计 rows (no bar)."""
    key = three_source(part)
    if key is None:
        return {}
    table = part.tables[key]
    drawn = three_rows(table)
    owner: dict[int, Row] = {}  # row id → the drawn row it belongs to
    current = None
    for row in table.rows:
        if any(row is d for d in drawn):
            current = row
        elif row.kind != "item":
            current = None
        if current is not None:
            owner[id(row)] = current
    lines = _row_lines(table.rows)
    label = part_label(part)
    out: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.part != label:
            continue
        rows = {owner[id(r)].line for n in _lines(finding) if (r := lines.get(n)) and id(r) in owner}
        for line in sorted(rows):
            out.setdefault(line, []).append(finding)
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
    """The charts that show this finding's place: a 功能分类, 经济分类 or “三公” row of its part, its project's plan
    curve."""
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
        if key := economic_source(part):
            names = {row.code: row.name for row in part.tables[key].rows if row.code}
            if codes := list(economic_marks(part, [finding])):  # ARI006: 301 and 303, one link
                places = "、".join(f"{code} {names[code]}" for code in codes)
                label = f"{PAGE_ZH['composition']}：{CHART_ZH['economic']} {places}"
                links.append(
                    ChartLink(
                        "composition", finding.part, index, code=codes[0], label=label, chart="economic"
                    )
                )
        if key := three_source(part):
            names = {row.line: row.name for row in part.tables[key].rows}
            for line in three_marks(part, [finding]):
                label = f"{PAGE_ZH['composition']}：{CHART_ZH['three']} {names[line]}"
                links.append(
                    ChartLink("composition", finding.part, index, label=label, chart="three", row=line)
                )
        for project in part.projects:
            if plan_findings(project, [finding]):
                label = f"{PAGE_ZH['projects']}：{project.index}. {project.name}（资金支出计划）"
                links.append(
                    ChartLink(
                        "projects", finding.part, index, project=project.index, label=label, chart="plan"
                    )
                )
    return links
