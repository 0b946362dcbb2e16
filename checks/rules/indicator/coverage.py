"""Indicator set rules: missing categories, wrong categories, copy-pasted sets, empty or echoed descriptions."""

from __future__ import annotations

from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.indicator import REGULATION, TABLE
from checks.rules.indicator.values import per_indicator
from checks.support.indicators import key, level1_kind, level2_kind
from checks.support.plan import project_label
from parsing.model import BudgetDocument, Indicator, Project

COPY_MIN_ROWS = 4  # identical (三级指标, 指标值) rows shared by two projects …
COPY_MIN_SHARE = 2  # … covering at least 1/COPY_MIN_SHARE of the smaller project's rows
OUTPUT_KINDS = ("数量", "质量", "时效", "成本")


def missing_categories(project: Project) -> list[str]:
    """一级 产出/效益/满意度 and 产出's 二级 数量/质量/时效/成本 that a project lacks (成本 may be a 一级)."""
    level1 = {level1_kind(i.level1) for i in project.indicators}
    level2 = {level2_kind(i.level2) for i in project.indicators}
    missing = [f"{k}指标" for k in ("产出", "效益", "满意度") if k not in level1]
    if "产出" in level1:
        missing += [
            f"产出-{k}指标"
            for k in OUTPUT_KINDS
            if k not in level2 and not (k == "成本" and "成本" in level1)
        ]
    return missing


@register(
    "IND005",
    "indicator-missing-category",
    title="绩效指标缺少类别",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def indicator_missing_category(doc: BudgetDocument) -> Iterator[Hit]:
    """A project has 产出, 效益 and 满意度 indicators, and under 产出 数量, 质量, 时效 and 成本.

    Why: the 绩效目标表 template (101号) asks for each; a project without 时效 or 成本 cannot be held to
    a schedule or a price. 成本 as a first level of its own is accepted, "效果指标" counts as 效益
    (its wrong name is IND007's business).
    Example: 003 网络租费项目 has no 满意度 row; 002 共青团经费 has no 成本指标.
    """
    for project in doc.projects:
        if not project.indicators:
            yield Hit(
                message=f"{project_label(project)}未找到绩效指标（一级/二级/三级指标表）",
                line=project.line,
                table=TABLE,
                project=project.name,
            )
            continue
        missing = missing_categories(project)
        if missing:
            yield Hit(
                message=f"{project_label(project)}绩效指标缺少：{'、'.join(missing)}",
                line=project.indicators[0].line,
                table=TABLE,
                column="一级/二级指标",
                project=project.name,
            )


@register(
    "IND007",
    "indicator-wrong-category",
    title="绩效指标类别不当",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def indicator_wrong_category(doc: BudgetDocument) -> Iterator[Hit]:
    """Each indicator sits under the category it measures.

    Why: a rate under 数量, a cost under 时效 or an unknown first level ("效果指标") makes the required
    categories look present when they are not, and misleads whoever scores the project.
    Example: 000 创建文明城市专项 数量指标 "志愿服务参与率 ≥95"; 001 "效果指标" as 一级; 001 经济效益指标 row named
    "社会效益指标".
    """
    yield from per_indicator(doc, ("wrong-category",), "类别不当", column="一级/二级/三级指标")


def _pairs(project: Project) -> dict[tuple[str, str], Indicator]:
    out: dict[tuple[str, str], Indicator] = {}
    for ind in project.indicators:
        if key(ind.level3) and key(ind.value):
            out.setdefault((key(ind.level3), key(ind.value)), ind)
    return out


@register(
    "IND008",
    "indicator-copy-paste",
    title="不同项目绩效指标雷同",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def indicator_copy_paste(doc: BudgetDocument) -> Iterator[Hit]:
    """Two projects do not share the same indicator rows (三级指标 and 指标值) wholesale.

    Why: a copied set describes neither project; same-name projects told apart only by code show it too.
    Threshold: at least COPY_MIN_ROWS identical rows covering half of the smaller project's rows; all
    copies of one original make a single finding.
    Example: 001 政法委综治专项经费 and 严重精神障碍患者监护人责任险 share five 效益/满意度 rows ("良好", "正常").
    """
    sets = [(p, _pairs(p)) for p in doc.projects]
    root: dict[int, Project] = {}  # project index → the earliest project of its copy group
    groups: dict[int, list[tuple[Project, list[Indicator]]]] = {}
    for j, (later, mine) in enumerate(sets):
        best: tuple[int, Project, list[Indicator]] | None = None
        for earlier, theirs in sets[:j]:
            count = len(mine.keys() & theirs.keys())  # most pairs share little: count before listing
            smaller = min(len(mine), len(theirs))
            enough = count >= COPY_MIN_ROWS and count * COPY_MIN_SHARE >= smaller
            if enough and (best is None or count > best[0]):
                best = (count, earlier, [mine[k] for k in mine if k in theirs])
        if best is not None:
            origin = root.get(best[1].index, best[1])
            root[later.index] = origin
            groups.setdefault(origin.index, []).append((later, best[2]))
    for copies in groups.values():
        origin = root[copies[0][0].index]
        first, shared = copies[0]
        names = "、".join(project_label(p) for p, _ in copies)
        same = (
            "；同名项目仅靠编码或金额区分" if any(key(p.name) == key(origin.name) for p, _ in copies) else ""
        )
        listed = "；".join(f"{i.level3} {i.value}" for i in shared)
        more = f"{names}与{project_label(origin)}的绩效指标雷同；其中" if len(copies) > 1 else ""
        yield Hit(
            message=f"{more}{project_label(first)}与{project_label(origin)}有{len(shared)}项三级指标及指标值"
            f"完全相同：{listed}{same}",
            line=shared[0].line,
            table=TABLE,
            column="三级指标/指标值",
            project=first.name,
        )


def _echoes(ind: Indicator) -> bool:
    name = key(ind.level3)
    desc, basis = key(ind.description), key(ind.basis)
    return bool(name) and desc in ("", name) and (not basis or basis in name or basis == desc)


@register(
    "IND009",
    "indicator-description",
    title="指标描述或确定依据为空或只重复指标名称",
    severity=Severity.INFO,
    regulation=REGULATION,
)
def indicator_description(doc: BudgetDocument) -> Iterator[Hit]:
    """Each indicator has a 描述 and a 确定依据 that say more than its 三级 name.

    Why: the basis (plan, standard, history) is what makes a target credible; an empty cell or an echo
    of the name is template filling. Reported per project: empty cells always, echoes when at least half
    of the rows echo. Info.
    Example: 000 办公设备购置费 "采购数量 | 采购数量 | ≥95 | 采购数量"; 001 信访专项经费 three rows without 依据.
    """
    for project in doc.projects:
        rows = project.indicators
        no_desc = [i for i in rows if not key(i.description)]
        no_basis = [i for i in rows if not key(i.basis)]
        echoes = [i for i in rows if _echoes(i)]
        parts = []
        if no_desc:
            parts.append(f"{len(no_desc)}项无指标描述（{'、'.join(i.level3 for i in no_desc)}）")
        if no_basis:
            parts.append(f"{len(no_basis)}项无确定依据（{'、'.join(i.level3 for i in no_basis)}）")
        if len(echoes) >= 2 and len(echoes) * 2 >= len(rows):
            parts.append(f"{len(echoes)}/{len(rows)}项的描述和依据只重复三级指标名称")
        if parts:
            first = min((no_desc + no_basis + echoes), key=lambda i: i.line)
            yield Hit(
                message=f"{project_label(project)}：{'；'.join(parts)}",
                line=first.line,
                table=TABLE,
                column="绩效指标描述/指标值确定依据",
                project=project.name,
            )
