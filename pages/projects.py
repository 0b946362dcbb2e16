"""项目与支出计划: projects ranked by 预算数, each plan as a cumulative curve against an even pace."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from checks import fmt_amount, money_scale, plan_curve, plan_findings, plan_marks, plan_total
from library import department_curve
from pages._ui import chart_text, doc_header, plain, project_part, selected_doc, take_focus
from parsing import Project

MONTH = {"3月底": 3, "6月底": 6, "10月底": 10, "12月底": 12}
# Reference: money spent evenly over the year, i.e. linear by month end (3/12, 6/12, 10/12, 12/12).
EVEN_PACE = {label: month / 12 * 100 for label, month in MONTH.items()}

st.title("项目与支出计划")
focus = take_focus()  # a chart link from 问题清单: its part and project
loaded = selected_doc()
if loaded is None:
    st.info("请在左侧上传预算公开文件。")
    st.stop()
doc_header(loaded)
unit = loaded.doc.unit
projects = project_part(loaded, "projects_part", focus["part"] if focus else None).projects


def plan_flags(project: Project) -> list:
    """Disbursement findings of this project (by name, and by line so that same-named projects stay apart)."""
    return plan_findings(project, loaded.findings)


def project_findings(project: Project) -> list:
    """Every finding placed inside this project's table (any family)."""
    span = range(project.line, project.end_line + 1)
    return [f for f in loaded.findings if any(n in span for n in [f.line, *f.other_lines] if n)]


def curve_frame(points) -> pd.DataFrame:
    rows = [(MONTH[label], label, float(v)) for label, v in points if v is not None and label in MONTH]
    return pd.DataFrame(rows, columns=["month", "label", "pct"])


def curve_figure(lines: dict[str, tuple[pd.DataFrame, dict]]) -> go.Figure:
    """Cumulative % by month end: the even-pace reference, then one line per series."""
    fig = go.Figure()
    fig.add_scatter(x=[0, *MONTH.values()], y=[0, *EVEN_PACE.values()], name="均衡进度（按月线性）",
                    mode="lines", line={"dash": "dot", "color": "#888"})  # fmt: skip
    for name, (frame, line) in lines.items():
        fig.add_scatter(x=frame["month"], y=frame["pct"], name=name, mode="lines+markers+text", line=line,
                        text=[f"{v:,.1f}%" for v in frame["pct"]], textposition="top left")  # fmt: skip
    ticks = {"tickvals": list(MONTH.values()), "ticktext": list(MONTH), "range": [0, 12.5], "title": ""}
    fig.update_layout(xaxis=ticks, yaxis={"title": "累计支出占预算数（%）", "rangemode": "tozero"}, height=420,
                      margin={"t": 30, "l": 10, "r": 10, "b": 10}, legend={"orientation": "h"})  # fmt: skip
    return fig


# --- ranking ---------------------------------------------------------------------------------------
st.header("项目预算排序")
table = pd.DataFrame({
    "序号": [p.index for p in projects],
    "项目名称": [p.name for p in projects],
    "budget": [float(v) if (v := plan_total(p)) is not None else None for p in projects],
    "财政资金": [fmt_amount(p.fiscal.value, p.unit or unit) for p in projects],
    "绩效指标数": [len(p.indicators) for p in projects],
    "支出计划问题": [len(plan_flags(p)) for p in projects],
    "行号": [p.line for p in projects],
}).sort_values("budget", ascending=False, na_position="last")  # fmt: skip
bars = table.dropna(subset=["budget"]).iloc[::-1]  # 序号 keeps same-named projects apart (002: 劳动仲裁 ×2)
factor, scale = money_scale(list(bars["budget"]), unit)
bars = bars.assign(
    项目=bars["序号"].astype(str) + ". " + bars["项目名称"].map(chart_text), budget=bars["budget"] * factor
)
fig = px.bar(bars, x="budget", y="项目", orientation="h", labels={"budget": f"预算数（{scale}）", "项目": ""},
             text_auto=",.2f")  # fmt: skip
fig.update_xaxes(tickformat=",.2~f")
# room on top for plotly's toolbar, which otherwise covers the largest bar and its figure
fig.update_layout(height=max(260, 26 * len(table) + 80), margin={"t": 36, "l": 10, "r": 10, "b": 10})
st.plotly_chart(fig, key="projects_rank_fig", width="stretch")
shown = table.assign(预算数=table["budget"].map(lambda v: fmt_amount(v, unit)))
with st.expander(f"项目明细（{len(table)} 个）"):
    st.dataframe(shown[["序号", "项目名称", "预算数", "财政资金", "绩效指标数", "支出计划问题", "行号"]],
                 hide_index=True, key="projects_table", width="stretch")  # fmt: skip

# --- one project ---------------------------------------------------------------------------------
st.header("资金支出计划")
st.caption("资金支出计划按 3/6/10/12 月底的累计进度读，换算为占预算数的百分比。虚线为均衡进度参考：按月线性，"
           "即 3月底 25%、6月底 50%、10月底 83.3%、12月底 100%。")  # fmt: skip
by_index = {p.index: p for p in projects}
problems = {i: project_findings(p) for i, p in by_index.items()}
order = sorted(by_index, key=lambda i: (-len(problems[i]), i))  # projects with problems first


def project_label(i: int) -> str:
    flag = f"　⚠ {len(problems[i])} 条问题" if problems[i] else ""
    return f"{i}. {by_index[i].name}（{fmt_amount(plan_total(by_index[i]), by_index[i].unit or unit)}）{flag}"


if focus and focus.get("project") in by_index:
    st.session_state["project_pick"] = focus["project"]
pick = st.selectbox("项目", order, key="project_pick", width="stretch", format_func=project_label,
                    help="有问题的项目排在前面（按问题条数从多到少），其余按序号。")  # fmt: skip
project = by_index[pick]
curve, mine = plan_curve(project), plan_flags(project)
points = curve_frame(curve.points)
dept = curve_frame(department_curve([(plan_total(p), plan_curve(p).points) for p in projects]))
counted = sum(1 for p in projects if plan_total(p) and any(v is not None for _, v in plan_curve(p).points))
fig = curve_figure({
    chart_text(project.name): (points, {"color": "#1f5fa8", "width": 3}),
    f"部门整体（{counted} 个项目按预算数加权）": (dept, {"color": "#c0392b", "dash": "dash"}),
})  # fmt: skip
at = dict(zip(points["label"], points["pct"], strict=True))
marks = plan_marks(project, loaded.findings, list(at))  # (period, finding); PLN006 etc.: the last period
for n, (label, f) in enumerate(marks):
    fig.add_annotation(x=MONTH[label], y=at[label], text=chart_text(f.title), arrowhead=2, ax=-40 - 30 * (n % 2),
                       ay=-40 - 28 * n, bgcolor="#fff3cd", bordercolor="#c77c02")  # fmt: skip
flagged = {label: [f.title for lab, f in marks if lab == label] for label, _ in marks}
if flagged:  # orange rings (the annotations' colour) on the periods with findings, their titles on hover
    fig.add_scatter(x=[MONTH[label] for label in flagged], y=[at[label] for label in flagged], name="支出计划问题",
                    mode="markers", marker={"color": "#c77c02", "size": 14, "symbol": "circle-open", "line": {"width": 3}},
                    hovertext=["⚠ " + "；".join(chart_text(t) for t in dict.fromkeys(titles)) for titles in flagged.values()],
                    hoverinfo="text")  # fmt: skip
if focus and focus.get("project") == project.index:
    st.info(plain(f"问题清单中选中的问题（{focus['rule']}）在本项目的资金支出计划上，已在图中以橙色圆圈标出。"),
            icon=":material/insights:")  # fmt: skip
st.plotly_chart(fig, key="project_curve_fig", width="stretch")
if points.empty:
    st.info(f"该项目资金支出计划无法换算为百分比（{curve.note_zh}）。")
st.caption(f"预算数 {fmt_amount(plan_total(project), unit)}；{curve.note_zh}；支出计划问题 {len(mine)} 条。"
           "部门整体曲线为各项目累计进度按预算数加权的平均（无预算数或无计划的项目不计）。")  # fmt: skip
raw = pd.DataFrame({
    "期次": [p.label for p in project.plan],
    "原文": [p.amount.raw or "（空）" for p in project.plan],
    "累计占预算数": [f"{float(v):,.2f}%" if v is not None else "—" for _, v in curve.points],
})  # fmt: skip
st.dataframe(raw, hide_index=True, key="project_plan_table", width="stretch")
for f in mine:
    st.warning(f"**{f.code} {f.title}**：{plain(f.message)}（第 {f.line} 行）", icon=":material/flag:")
