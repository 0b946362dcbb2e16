"""The 部门与年度对比 page's tables and chart, from the library's frames (no widgets)."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from checks import fmt_amount, fmt_number, money_scale, plan_total, to_wan
from library import METRIC_ZH, Match, match_lines
from pages._ui import chart_text
from parsing import BudgetDocument

MONEY = [METRIC_ZH[k] for k in ("income_total", "expense_total", "basic", "project", "personnel", "three_public",
                                "running_cost")]  # fmt: skip


def _shown(metric: str, value: float) -> str:
    if pd.isna(value):
        return "—"
    if metric in MONEY:
        return fmt_amount(value)
    return f"{int(value):,}" if metric == METRIC_ZH["findings"] else fmt_number(value)


def metrics_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The metrics frame turned for display: one column per document, amounts and counts formatted."""
    return pd.DataFrame({label: [_shown(m, frame.loc[label, m]) for m in frame.columns] for label in frame.index},
                        index=list(frame.columns))  # fmt: skip


def split_bars(frame: pd.DataFrame, documents: int) -> go.Figure:
    """基本支出 and 项目支出 of each document, stacked horizontal bars in 万元 (亿元 from 1 亿元)."""
    split = (
        frame[[METRIC_ZH["basic"], METRIC_ZH["project"]]]
        .reset_index(names="文件")
        .melt("文件", var_name="类型")
    )
    factor, scale = money_scale(list(split["value"]))  # the metrics are in 万元
    split["value"] = split["value"] * factor
    split["文件"] = split["文件"].map(chart_text)  # plotly reads <a href> in labels
    fig = px.bar(
        split,
        x="value",
        y="文件",
        color="类型",
        orientation="h",
        labels={"value": f"金额（{scale}）", "文件": ""},
    )
    fig.update_xaxes(tickformat=",.2~f")
    fig.update_layout(
        height=120 + 40 * documents, margin={"t": 10, "l": 10, "r": 10, "b": 10}, legend_title_text=""
    )
    return fig


def line_table(old: BudgetDocument, new: BudgetDocument, key: str) -> pd.DataFrame:
    """The two years' lines of one table aligned by code, amounts and changes formatted, Chinese headers."""
    lines = match_lines(old, new, key).drop(columns="level")
    for column in ("old", "new", "change"):
        lines[column] = lines[column].map(fmt_amount)
    lines["change_pct"] = lines["change_pct"].map(lambda v: "—" if pd.isna(v) else f"{v:+,.2f}%")
    headers = {"code": "科目编码", "name": "科目名称", "old": f"{old.budget_year}年", "new": f"{new.budget_year}年",
               "change": "增减", "change_pct": "增减（%）"}  # fmt: skip
    return lines.fillna({"code": ""}).rename(columns=headers)


def project_row(m: Match, old: BudgetDocument, new: BudgetDocument) -> dict[str, str]:
    """One row of the project table: the match's state, both projects' 预算数 in 万元 and the change."""
    before, after = (plan_total(m.old) if m.old else None), (plan_total(m.new) if m.new else None)
    state = (
        "存疑" if m.ambiguous else "匹配" if m.old and m.new else "上年有、本年无" if m.old else "本年新增"
    )
    before, after = to_wan(before, old.unit), to_wan(after, new.unit)  # two documents, maybe two units
    change = fmt_amount(after - before) if before is not None and after is not None else "—"
    return {"状态": state, "上年项目": m.old.name if m.old else "", "上年预算数": fmt_amount(before),
            "本年项目": m.new.name if m.new else "", "本年预算数": fmt_amount(after), "增减": change,
            "相似度": f"{m.score:.1f}" if m.score else "",
            "候选（分数）": "；".join(f"{n}（{s:.0f}）" for n, s in m.candidates)}  # fmt: skip
