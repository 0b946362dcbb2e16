"""Indicator set rules: missing categories, wrong categories, copy-pasted sets, empty or echoed descriptions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from operator import attrgetter

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.indicator import REGULATION, TABLE
from checks.rules.indicator.values import per_indicator
from checks.support.indicator_rows import Row, indicator_rows
from checks.support.indicators import key, project_label
from parsing.model import BudgetDocument, Project

COPY_MIN_ROWS = 4  # identical (三级指标, 指标值) rows shared by two projects …
COPY_MIN_SHARE = 2  # … covering at least 1/COPY_MIN_SHARE of the smaller project's rows
OUTPUT_KINDS = ("数量", "质量", "时效", "成本")
_LINE = attrgetter("line")


def missing_categories(level1: set[str | None], level2: set[str | None]) -> list[str]:
    """一级 产出/效益/满意度 and 产出's 二级 数量/质量/时效/成本 missing from a project's indicator kinds (`level1`,
    `level2`: the kinds its indicators have; 成本 may be a 一级)."""
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
    """项目应有产出、效益和满意度指标，产出指标下应有数量、质量、时效和成本指标。

    为什么：绩效目标表模板（101号）要求每一类都有；没有时效或成本指标的项目，无法按进度或价格考核。成本指标单
    列为一级指标也可接受，“效果指标”按效益指标计（其名称不当归 IND007 报告）。
    示例：003 网络租费项目没有满意度指标；002 共青团经费没有成本指标。
    """
    for project, label, rows in indicator_rows(doc).projects:
        if not rows:
            yield Hit(
                message=f"{label}未找到绩效指标（一级/二级/三级指标表）",
                line=project.line,
                table=TABLE,
                project=project.name,
            )
            continue
        missing = missing_categories({r.facts.level1_kind for r in rows}, {r.facts.level2_kind for r in rows})
        if missing:
            yield Hit(
                message=f"{label}绩效指标缺少：{'、'.join(missing)}",
                line=rows[0].line,
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
    """每个指标都应归在它所衡量的类别之下。

    为什么：比率放在数量指标下、成本放在时效指标下，或使用未知的一级指标（“效果指标”），会让必备类别看似齐全而
    实际缺失，误导项目评分人。
    示例：000 创建文明城市专项：数量指标“志愿服务参与率 ≥95”；001 以“效果指标”作一级指标；001 经济效益指标行名
    为“社会效益指标”。
    """
    yield from per_indicator(doc, ("wrong-category",), "类别不当", column="一级/二级/三级指标")


def _pairs(rows: tuple[Row, ...]) -> dict[tuple[str, str], Row]:
    out: dict[tuple[str, str], Row] = {}
    for row in rows:
        pair = row.facts.name, row.facts.value
        if pair[0] and pair[1]:
            out.setdefault(pair, row)
    return out


@register(
    "IND008",
    "indicator-copy-paste",
    title="不同项目绩效指标雷同",
    severity=Severity.WARNING,
    regulation=REGULATION,
)
def indicator_copy_paste(doc: BudgetDocument) -> Iterator[Hit]:
    """不同项目之间不应整体套用相同的指标行（三级指标和指标值）。

    为什么：照搬的一套指标对哪个项目都不适用；仅靠编码区分的同名项目也会暴露这一点。阈值：至少 COPY_MIN_ROWS
    行完全相同，且覆盖较小项目一半的行；同一原件的所有副本合并为一条问题。
    示例：001 政法委综治专项经费与严重精神障碍患者监护人责任险共用五行效益/满意度指标（“良好”“正常”）。
    """
    sets = [(p, _pairs(rows)) for p, _, rows in indicator_rows(doc).projects]
    holders: dict[tuple[str, str], list[int]] = {}  # pair → the positions of the projects so far that have it
    root: dict[int, Project] = {}  # project index → the earliest project of its copy group
    groups: dict[int, list[tuple[Project, list[Row]]]] = {}
    for j, (later, mine) in enumerate(sets):
        best: tuple[int, Project, list[Row]] | None = None
        # how many pairs each earlier project shares with this one (most share none: no pairwise sets)
        counts = Counter(i for pair in mine for i in holders.get(pair, ()))
        for i in sorted(counts):  # in project order: the first of equally large overlaps wins
            count, (earlier, theirs) = counts[i], sets[i]
            smaller = min(len(mine), len(theirs))
            enough = count >= COPY_MIN_ROWS and count * COPY_MIN_SHARE >= smaller
            if enough and (best is None or count > best[0]):
                best = (count, earlier, [mine[k] for k in mine if k in theirs])
        for pair in mine:
            holders.setdefault(pair, []).append(j)
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
        listed = "；".join(f"{r.level3} {r.indicator.value}" for r in shared)
        more = f"{names}与{project_label(origin)}的绩效指标雷同；其中" if len(copies) > 1 else ""
        yield Hit(
            message=f"{more}{project_label(first)}与{project_label(origin)}有{len(shared)}项三级指标及指标值"
            f"完全相同：{listed}{same}",
            line=shared[0].line,
            table=TABLE,
            column="三级指标/指标值",
            project=first.name,
        )


@register(
    "IND009",
    "indicator-description",
    title="指标描述或确定依据为空或只重复指标名称",
    severity=Severity.INFO,
    regulation=REGULATION,
)
def indicator_description(doc: BudgetDocument) -> Iterator[Hit]:
    """每个指标都有指标描述和指标值确定依据，且内容不只是重复三级指标名称。

    为什么：确定依据（计划、标准、历史数据）是目标可信的来源；空白或照抄名称属于套填模板。按项目报告：空白一律
    报告，照抄名称的行达到一半时报告。为提示。
    示例：000 办公设备购置费“采购数量 | 采购数量 | ≥95 | 采购数量”；001 信访专项经费有三行没有确定依据。
    """
    for project, label, rows in indicator_rows(doc).projects:
        no_desc = [r for r in rows if r.facts.no_description]
        no_basis = [r for r in rows if r.facts.no_basis]
        echoes = [r for r in rows if r.facts.echoes]
        parts = []
        if no_desc:
            parts.append(f"{len(no_desc)}项无指标描述（{'、'.join(r.level3 for r in no_desc)}）")
        if no_basis:
            parts.append(f"{len(no_basis)}项无确定依据（{'、'.join(r.level3 for r in no_basis)}）")
        if len(echoes) >= 2 and len(echoes) * 2 >= len(rows):
            parts.append(f"{len(echoes)}/{len(rows)}项的描述和依据只重复三级指标名称")
        if parts:
            first = min((no_desc + no_basis + echoes), key=_LINE)
            yield Hit(
                message=f"{label}：{'；'.join(parts)}",
                line=first.line,
                table=TABLE,
                column="绩效指标描述/指标值确定依据",
                project=project.name,
            )
