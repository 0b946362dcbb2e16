"""Scorecard: completeness, accuracy, indicator quality and text quality per document (0–100), defined here only.

Each score counts the findings of its families, weighted by severity (SEVERITY_POINTS), as points off:
score = 100 × SCALE ÷ (SCALE + points), so no finding gives 100, one error 80, and each further finding costs
less than the one before (a document never drops below 0 and long lists still rank). The overall score is the
weighted mean of the four (Dimension.weight). Findings the reviewer ignored (忽略) are not counted; parse and
rule-run findings are the tool's, not the document's, and count nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from checks.decisions import Decision, by_file, not_ignored
from checks.findings import FAMILY_ZH, Finding, Severity

SCALE = 40
SEVERITY_POINTS = {Severity.ERROR: 10, Severity.WARNING: 4, Severity.INFO: 1}


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    families: tuple[str, ...]
    weight: float  # share of the overall score
    meaning: str


DIMENSIONS = (
    Dimension("completeness", "完整性", ("structure",), 0.25, "标准表格、说明章节、项目编码和必填内容是否齐全"),
    Dimension("accuracy", "准确性", ("arithmetic", "cross-table", "narrative"), 0.35,
              "表内、表间勾稽和说明文字与表格数字是否一致"),
    Dimension("indicator", "指标质量", ("indicator", "disbursement"), 0.25,
              "绩效指标是否量化、有单位、分类得当，资金支出计划是否合理"),
    Dimension("text", "文字质量", ("text",), 0.15, "有无模板残留、数字格式、年度或名称错误、空章节和重复语句"),
)  # fmt: skip
OVERALL = "overall"
SCORE_COLUMNS = [d.key for d in DIMENSIONS] + [OVERALL]
SCORE_ZH = {**{d.key: d.label for d in DIMENSIONS}, OVERALL: "综合得分"}
FRAME_COLUMNS = [
    "rank",
    "file",
    "department_code",
    "department_name",
    "budget_year",
    "kind",
    *SCORE_COLUMNS,
    "findings",
]
FRAME_HEADERS_ZH = {"rank": "年度排名", "file": "文件", "department_code": "部门编码", "department_name": "部门名称",
                    "budget_year": "预算年度", "kind": "类型", **SCORE_ZH, "findings": "计分问题数"}  # fmt: skip
KINDS = ("budget", "final_accounts")  # ranked apart: a 预算 and a 决算 never share a ranking


def _score(points: float) -> float:
    """100 × SCALE / (SCALE + points), one decimal.

    >>> _score(0), _score(10), _score(4), _score(120)
    (100.0, 80.0, 90.9, 25.0)
    """
    return round(100 * SCALE / (SCALE + points), 1)


def scores(findings: Iterable[Finding]) -> dict[str, float]:
    """The four scores and the overall one for one document's (not ignored) findings.

    >>> f = Finding(code="ARI002", family="arithmetic", severity="error", title="t", message="m")
    >>> s = scores([f, f.model_copy(update={"family": "text", "severity": "info"})])
    >>> s["accuracy"], s["text"], s["completeness"], s["overall"]
    (80.0, 97.6, 100.0, 92.6)
    """
    points = {d.key: 0 for d in DIMENSIONS}
    home = {family: d.key for d in DIMENSIONS for family in d.families}
    for f in findings:
        if f.family in home:
            points[home[f.family]] += SEVERITY_POINTS[f.severity]
    out = {key: _score(p) for key, p in points.items()}
    out[OVERALL] = round(sum(out[d.key] * d.weight for d in DIMENSIONS), 1)
    return out


def definitions() -> list[tuple[str, str]]:
    """(label, definition) of each score, for the page and the spreadsheet."""
    points = "、".join(f"{zh} {SEVERITY_POINTS[s]} 分" for s, zh in (
        (Severity.ERROR, "错误"), (Severity.WARNING, "警告"), (Severity.INFO, "提示")))  # fmt: skip
    rows = [
        (
            d.label,
            f"{d.meaning}。计入：{'、'.join(FAMILY_ZH[f] for f in d.families)}类问题；权重 {d.weight:.0%}。",
        )
        for d in DIMENSIONS
    ]
    overall = "、".join(f"{d.label}×{d.weight:.0%}" for d in DIMENSIONS)
    rows.append((SCORE_ZH[OVERALL], f"四项得分的加权平均：{overall}。"))
    rows.append(("计分方法", f"每条问题按严重程度扣分（{points}），得分 = 100 × {SCALE} ÷ ({SCALE} + 扣分)，"
                 "无问题为 100 分、一条错误为 80 分；已忽略的问题、解析和规则运行问题不计分。"))  # fmt: skip
    return rows


def scorecard_frame(
    documents: Iterable[Any],
    findings: Iterable[Finding],
    decisions: Mapping[tuple[str, str], Decision] | None = None,
) -> pd.DataFrame:
    """One row per readable document (objects or mappings with file, department_*, budget_year, kind, status):
    the scores, the number of findings counted, and the rank by overall score among documents of its year and
    kind (预算 or 决算; none given: 预算) (1 = best; equal scores share a rank). Sorted by kind, year, then rank."""
    counted = by_file(not_ignored(findings, decisions))
    rows = []
    for doc in documents:
        get = doc.get if isinstance(doc, Mapping) else lambda k, d=doc: getattr(d, k, None)
        if (get("status") or "ok") != "ok":
            continue
        mine = [
            f for f in counted.get(get("file"), []) if f.family in {x for d in DIMENSIONS for x in d.families}
        ]
        rows.append({"file": get("file"), "department_code": get("department_code"),
                     "department_name": get("department_name"), "budget_year": get("budget_year"),
                     "kind": get("kind") or "budget", **scores(mine), "findings": len(mine)})  # fmt: skip
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS).astype({"budget_year": "Int64", "findings": "int64"})
    frame[SCORE_COLUMNS] = frame[SCORE_COLUMNS].astype("float64")
    return ranked(frame)


def ranked(frame: pd.DataFrame) -> pd.DataFrame:
    """Rank by overall score among the documents of the same budget year and kind (预算 and 决算 apart; 1 = best,
    ties share a rank), sorted by kind (预算 first), year, rank and file; also for frames put together from several
    sources.

    >>> frame = pd.DataFrame({"file": ["a", "b", "c"], "budget_year": [2024, 2024, 2024],
    ...                       "kind": ["budget", "final_accounts", "budget"], OVERALL: [90.0, 95.0, 80.0]})
    >>> [(r.file, r.rank) for r in ranked(frame).itertuples()]
    [('a', 1), ('c', 2), ('b', 1)]
    """
    frame = frame.copy()
    if "kind" not in frame:
        frame["kind"] = "budget"
    frame["kind"] = frame["kind"].fillna("budget")
    groups = [frame["budget_year"].fillna(0), frame["kind"]]
    frame["rank"] = frame.groupby(groups)[OVERALL].rank(ascending=False, method="min").astype("int64")
    order = frame["kind"].map({k: i for i, k in enumerate(KINDS)}).fillna(len(KINDS))
    frame = frame.assign(_order=order).sort_values(
        ["_order", "budget_year", "rank", "file"], na_position="last"
    )
    return frame.drop(columns="_order").reset_index(drop=True)
