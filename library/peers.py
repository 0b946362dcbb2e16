"""Peer view: ratios for every department of one year, outliers flagged against the group (median / MAD).

Ratios, from the department part (NaN when a figure or its denominator is missing or zero):

    personnel_share         人员经费 / 一般公共预算基本支出合计 (T6), %
    project_share           项目支出 / 支出合计 (T3), %
    three_public_per_staff  “三公”经费 (万元) per head, only where the text states a staff count ("在职人数为5人")
    three_public_per_basic  “三公”经费 in 元 per 万元 of 基本支出 (三公 / 基本支出 × 10000): works without staff
    findings                findings in the document (all parts)

Outliers (Iglewicz & Hoaglin 1993, modified z-score), per ratio over the group members that have it:
z = 0.6745 · (x − median) / MAD with MAD = median |x − median|, flagged when |z| > 3.5. Median and MAD
ignore the extremes, so one wild department cannot hide itself by inflating the spread (an ordinary
mean/sd z-score can never exceed (n − 1)/√n: 2.85 in a group of 10). No fixed thresholds: "high" means high
for this county and year. MAD = 0 (more than half the group shares one value, e.g. many 三公 of 0): fall back
to the mean absolute deviation, z = (x − median) / (1.253314 · MeanAD), as IBM SPSS does; if that is 0 too,
every value equals the median and z = 0. Groups smaller than MIN_PEERS get z = NaN and no flags.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from checks.findings import Finding
from library.compare import department_metrics
from parsing.model import BudgetDocument

THRESHOLD = 3.5
MIN_PEERS = 5
RAW_COLUMNS = [
    "income_total", "expense_total", "basic", "project", "personnel", "three_public", "running_cost",
    "basic_share", "project_share", "personnel_share", "staff",
]  # fmt: skip
RATIO_ZH = {
    "personnel_share": "人员经费占基本支出（%）",
    "project_share": "项目支出占比（%）",
    "three_public_per_staff": "人均“三公”经费（万元/人）",
    "three_public_per_basic": "每万元基本支出“三公”经费（元）",
    "findings": "问题数",
}
IDENTITY = ["label", "file_name", "department_code", "department_name", "budget_year", "kind"]
_STAFF = re.compile(r"(?:在职|实有|在编)(?:人员|人数|职工)?(?:总数)?(?:共|为|有)?(\d+)\s*(?:人|名)")


def staff_count(doc: BudgetDocument) -> int | None:
    """Staff stated in the duties or overview text, if any.

    >>> from parsing.model import Paragraph, Section
    >>> text = "我单位为正科级单位,截至2022年在职人数为5人。"
    >>> s = Section(key="duties", title="一", line=1, end_line=2, paragraphs=[Paragraph(text=text, line=2)])
    >>> staff_count(BudgetDocument(file_name="x", sections=[s]))
    5
    """
    for key in ("duties", "overview"):
        section = doc.section(key)
        found = _STAFF.search(section.text.replace(" ", "")) if section else None
        if found:
            return int(found[1])
    return None


def raw_metrics(doc: BudgetDocument) -> dict[str, float | None]:
    """department_metrics (万元, %) as floats plus the stated staff count: what the library stores."""
    metrics = department_metrics(doc)
    out = {k: None if metrics.get(k) is None else float(metrics[k]) for k in RAW_COLUMNS[:-1]}  # type: ignore[arg-type]
    staff = staff_count(doc)
    out["staff"] = None if staff is None else float(staff)
    return out


def robust_z(values: pd.Series, min_peers: int = MIN_PEERS) -> pd.Series:
    """Modified z-scores (median/MAD, MeanAD fallback); NaN for missing values and for small groups.

    >>> robust_z(pd.Series([10.0, 11, 9, 10, 12, 10, 40])).round(2).tolist()
    [0.0, 0.67, -0.67, 0.0, 1.35, 0.0, 20.24]
    >>> robust_z(pd.Series([0.0, 0, 0, 0, 0, 3])).round(2).tolist()  # MAD = 0: MeanAD fallback
    [0.0, 0.0, 0.0, 0.0, 0.0, 4.79]
    >>> robust_z(pd.Series([1.0, 2, 3])).isna().all()
    np.True_
    """
    x = pd.to_numeric(values, errors="coerce").astype("float64")
    present = x.dropna()
    if len(present) < min_peers:
        return pd.Series(np.nan, index=values.index)
    median = present.median()
    deviation = (present - median).abs()
    mad = deviation.median()
    if mad > 0:
        return 0.6745 * (x - median) / mad
    mean_ad = deviation.mean()
    if mean_ad > 0:
        return (x - median) / (1.253314 * mean_ad)
    return (x - median) * 0.0  # all equal: 0 where present, NaN where missing


def ratios(raw: pd.DataFrame) -> pd.DataFrame:
    """RATIO_ZH columns from raw metrics (RAW_COLUMNS + findings), same index."""
    num = raw.apply(pd.to_numeric, errors="coerce").astype("float64")
    out = pd.DataFrame(index=raw.index)
    out["personnel_share"] = num["personnel_share"]
    out["project_share"] = num["project_share"]
    out["three_public_per_staff"] = num["three_public"] / num["staff"].where(num["staff"] > 0)
    out["three_public_per_basic"] = num["three_public"] / num["basic"].where(num["basic"] > 0) * 10000
    out["findings"] = num["findings"]
    return out


def peer_table(raw: pd.DataFrame, threshold: float = THRESHOLD, min_peers: int = MIN_PEERS) -> pd.DataFrame:
    """Identity + for each ratio: value, `<ratio>_z`, `<ratio>_outlier`; plus `outliers` (count)."""
    values = ratios(raw)
    out = raw[[c for c in IDENTITY if c in raw.columns]].copy()
    for name in RATIO_ZH:
        z = robust_z(values[name], min_peers)
        out[name] = values[name]
        out[f"{name}_z"] = z
        out[f"{name}_outlier"] = z.abs().gt(threshold).fillna(False).astype(bool)
    out["outliers"] = out[[f"{n}_outlier" for n in RATIO_ZH]].sum(axis=1).astype("int64")
    return out


def outliers(table: pd.DataFrame) -> pd.DataFrame:
    """One row per flagged (document, ratio): value, group median, z and 偏高/偏低."""
    records = []
    for name, zh in RATIO_ZH.items():
        median = table[name].median()
        for _, row in table[table[f"{name}_outlier"]].iterrows():
            z = row[f"{name}_z"]
            records.append({**{c: row[c] for c in IDENTITY if c in table.columns}, "ratio": name,
                            "ratio_zh": zh, "value": row[name], "median": median, "z": z,
                            "direction": "偏高" if z > 0 else "偏低"})  # fmt: skip
    columns = [
        *[c for c in IDENTITY if c in table.columns],
        "ratio",
        "ratio_zh",
        "value",
        "median",
        "z",
        "direction",
    ]
    return pd.DataFrame(records, columns=columns)


def raw_from_docs(
    items: Sequence[tuple[BudgetDocument, Sequence[Finding]]], year: int | None = None
) -> pd.DataFrame:
    """Raw metrics of parsed documents (optionally one budget year), labelled by code + name."""
    rows = []
    for doc, found in items:
        if year is not None and doc.budget_year != year:
            continue
        label = " ".join(x for x in (doc.department_code, doc.department_name) if x) or doc.file_name
        rows.append({"label": label, "file_name": doc.file_name, "department_code": doc.department_code,
                     "department_name": doc.department_name, "budget_year": doc.budget_year, "kind": doc.kind,
                     **raw_metrics(doc), "findings": float(len(found))})  # fmt: skip
    return pd.DataFrame(rows, columns=[*IDENTITY, *RAW_COLUMNS, "findings"])


def peer_view(raw: pd.DataFrame, year: int | None = None, kind: str | None = None) -> pd.DataFrame:
    """peer_table for one year (default: the latest year present) and one kind of raw metrics.

    `raw` comes from the library (``Library.metrics()``) or from parsed documents (``raw_from_docs``).
    Budgets are compared with budgets and 决算 with 决算: `kind` defaults to the year's most frequent kind
    (budgets on a tie).
    """
    if raw.empty:
        return peer_table(raw)
    year = int(raw["budget_year"].max()) if year is None else year
    same = raw[raw["budget_year"] == year]
    if "kind" in same:
        kinds = same["kind"].fillna("budget")
        counts = kinds.value_counts()
        if kind is None and len(counts):
            kind = max(counts.index, key=lambda k: (counts[k], k == "budget"))
        same = same[kinds == kind] if kind else same
    return peer_table(same.reset_index(drop=True))
