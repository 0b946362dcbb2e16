"""The 支出结构 page's figures: plotly charts of line-item frames (科目 with findings outlined and marked "⚠"), and
the amounts of its metrics."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from checks import Finding, money_scale
from pages._ui import chart_text, hover_note

MARK = "#1a1a1a"  # outline of a 科目 with findings: dark, unlike any fill of the colour sequence
Marks = dict[str, list[Finding]]
SPLIT_ZH = {"basic": "基本支出", "project": "项目支出", "operating": "经营支出", "remit": "上解上级支出",
            "subsidy": "对附属单位补助支出", "personnel": "人员经费", "public": "公用经费"}  # fmt: skip


def function_chart(
    coded: pd.DataFrame, marks: Marks, unit: str, kind: str
) -> tuple[go.Figure, bool, dict[str, str]]:
    """A sunburst (or, for kind "矩形树图", a treemap) of the coded 类 → 款 → 项 rows; whether their sums hold
    within rounding (drawn as totals, else as printed remainders); the 科目 names by code."""
    amount = {c: round(v, 2) for c, v in zip(coded["code"], coded["amount"], strict=True)}
    names = dict(zip(coded["code"], coded["name"], strict=True))
    parent = {c: next((p for p in (c[:5], c[:3]) if p != c and p in amount), "") for c in amount}
    drawn = dict(amount)  # a parent is drawn at least as large as its children (plotly needs that)
    for c in sorted(amount, key=len, reverse=True):
        kids = round(sum(drawn[k] for k in amount if parent[k] == c), 2)
        drawn[c] = max(drawn[c], kids)
    gaps = {c: drawn[c] - amount[c] for c in amount}
    # within rounding (0.01 per child) the sums hold: draw as totals; beyond that, as printed remainders
    holds = all(g <= 0.01 * max(1, sum(parent[k] == c for k in amount)) + 1e-9 for c, g in gaps.items())
    chart = pd.DataFrame({"ids": list(amount), "parents": [parent[c] for c in amount],
                          "labels": [("⚠ " if c in marks else "") + chart_text(f"{c} {names[c]}") for c in amount],
                          "printed": list(amount.values()), "note": [hover_note(marks.get(c, [])) for c in amount],
                          "values": [drawn[c] if holds else amount[c] for c in amount]})  # fmt: skip
    factor, scale = money_scale(list(chart["printed"]), unit)  # hover in 万元/亿元; areas need no unit
    chart["printed"] = chart["printed"] * factor
    draw = px.treemap if kind == "矩形树图" else px.sunburst
    fig = draw(chart, ids="ids", names="labels", parents="parents", values="values",
               custom_data=["printed", "note"], branchvalues="total" if holds else "remainder")  # fmt: skip
    fig.update_traces(hovertemplate="%{label}<br>%{customdata[0]:,.2f} " + scale + "%{customdata[1]}<extra></extra>",
                      marker={"line": {"color": [MARK if c in marks else "#ffffff" for c in amount],
                                       "width": [3 if c in marks else 1 for c in amount]}})  # fmt: skip
    return fig, holds, names


def economic_chart(econ: pd.DataFrame, flags: Marks, unit: str) -> tuple[go.Figure, pd.DataFrame]:
    """Horizontal bars of the 经济分类 款 (or 类 when no 款 is printed), coloured by 类; the bars' rows."""
    classes = dict(zip(econ[econ["level"] == 1]["code"], econ[econ["level"] == 1]["name"], strict=True))
    classes = {
        c: ("⚠ " if c in flags else "") + n for c, n in classes.items()
    }  # a flagged 类: ⚠ in the legend
    lines = econ[econ["level"] == 2].assign(类=lambda f: f["code"].str[:3].map(classes).fillna("其他"))
    lines = lines if not lines.empty else econ.assign(类=econ["name"])
    own = {c: flags.get(c, []) + (flags.get(c[:3], []) if len(c) > 3 else []) for c in lines["code"]}
    factor, scale = money_scale(list(lines["amount"]), unit)
    lines = lines.assign(name=[("⚠ " if own[c] else "") + chart_text(n) for c, n in zip(lines["code"],
                               lines["name"], strict=True)], 类=lines["类"].map(chart_text),
                         note=[hover_note(own[c]) for c in lines["code"]])  # fmt: skip
    fig = px.bar(
        lines.sort_values("amount").assign(amount=lambda f: f["amount"] * factor),
        x="amount",
        y="name",
        color="类",
        orientation="h",
        custom_data=["code", "note"],
        labels={"amount": f"金额（{scale}）", "name": ""},
    )
    fig.update_traces(hovertemplate="%{y}<br>%{x:,.2f} " + scale + "%{customdata[1]}<extra></extra>")
    fig.for_each_trace(lambda t: t.update(marker_line={
        "color": [MARK if own[c] else "rgba(0,0,0,0)" for c, _ in t.customdata],
        "width": [3 if own[c] else 0 for c, _ in t.customdata]}))  # fmt: skip
    fig.update_xaxes(tickformat=",.2~f")
    # the legend above the bars: below them it ran into the axis title on short charts
    fig.update_layout(margin={"t": 30, "l": 10, "r": 10, "b": 10}, height=max(320, 24 * len(lines)),
                      legend={"title": "", "orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"})  # fmt: skip
    return fig, lines


def three_chart(
    rows: Sequence[Any], column: str, flags: dict[int, list[Finding]], final: bool, unit: str
) -> go.Figure:
    """Bars of the “三公” rows (parsing's Row, not a public name) in `column` (a 决算's 决算数 when final), the rows with
    findings outlined."""
    top = pd.DataFrame({
        "name": [("⚠ " if r.line in flags else "") + chart_text(r.name) for r in rows],
        "amount": [float(r.values[column].value) for r in rows],
        "note": [hover_note(flags.get(r.line, [])) for r in rows],
    })  # fmt: skip
    factor, scale = money_scale(list(top["amount"]), unit)
    label = f"{'决算数' if final else '金额'}（{scale}）"
    fig = px.bar(top.assign(amount=top["amount"] * factor), x="name", y="amount", text_auto=",.2f",
                 custom_data=["note"], labels={"name": "", "amount": label})  # fmt: skip
    fig.update_traces(hovertemplate="%{x}<br>%{y:,.2f} " + scale + "%{customdata[0]}<extra></extra>",
                      marker_line={"color": [MARK if r.line in flags else "rgba(0,0,0,0)" for r in rows],
                                   "width": [3 if r.line in flags else 0 for r in rows]})  # fmt: skip
    fig.update_yaxes(tickformat=",.2~f")
    fig.update_layout(margin={"t": 10, "l": 10, "r": 10, "b": 10}, height=300)
    return fig


def split_chart(items: pd.DataFrame) -> tuple[pd.DataFrame, go.Figure | None]:
    """The 支出总表 合计 row by column (基本支出, 项目支出 …) and its ring chart; no chart when no column holds money."""
    total = items[(items["table"] == "expense") & (items["kind"] == "total") & items["amount"].notna()]
    split = total[total["column"].isin(list(SPLIT_ZH)) & (total["amount"] != 0)].drop_duplicates("column")
    split = pd.DataFrame({"类型": split["column"].map(SPLIT_ZH), "金额": split["amount"]})
    if split.empty:
        return split, None
    fig = px.pie(split, names="类型", values="金额", hole=0.45)
    # room above and below for a small slice's label printed outside the ring
    fig.update_layout(margin={"t": 30, "l": 10, "r": 10, "b": 30}, height=340)
    return split, fig


def staff_costs(items: pd.DataFrame, econ_key: str) -> tuple[float | None, float | None, str]:
    """(人员经费, 公用经费, the second's label) of the 一般公共预算 基本支出: a budget's 公用经费 is its 机关运行经费."""
    if econ_key.startswith("final_"):  # a 决算's 基本支出决算表: 人员经费合计 and 公用经费合计 rows
        basic = items[items["table"] == econ_key]
        personnel = basic[basic["name"].str.contains("人员经费合计", regex=False)]["amount"].dropna()
        running = basic[basic["name"].str.contains("公用经费合计", regex=False)]["amount"].dropna()
        label = "公用经费（一般公共预算基本支出决算）"  # 决算's 机关运行经费 is stated apart (行政单位 only)
    else:
        basic_total = items[(items["table"] == "general_basic") & (items["kind"] == "total")]
        running = basic_total[basic_total["column"] == "public"]["amount"].dropna()
        personnel = basic_total[basic_total["column"] == "personnel"]["amount"].dropna()
        label = "机关运行经费（= 公用经费）"
    return (personnel.iloc[0] if len(personnel) else None), (running.iloc[0] if len(running) else None), label
