"""绩效指标质量: every indicator with its verdict, category coverage per project, the weakest projects."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from checks import VERDICT_ZH, indicator_verdicts, is_cost, level2_kind
from pages._ui import chart_text, doc_header, project_part, selected_doc

# 财预〔2021〕101号 categories: 产出 (数量/质量/时效/成本), 效益 (经济/社会/生态/可持续), 满意度.
COVERAGE = {"数量": "产出·数量", "质量": "产出·质量", "时效": "产出·时效", "成本": "产出·成本",
            "经济效益": "效益·经济", "社会效益": "效益·社会", "生态效益": "效益·生态", "可持续": "效益·可持续",
            "满意": "满意度"}  # fmt: skip

st.title("绩效指标质量")
loaded = selected_doc()
if loaded is None:
    st.info("请在左侧上传预算公开文件。")
    st.stop()
doc_header(loaded)
projects = project_part(loaded, "indicators_part").projects

rows = [
    {"序号": p.index, "项目": p.name, "一级指标": ind.level1, "二级指标": ind.level2, "三级指标": ind.level3,
     "指标值": ind.value, "code": code, "结论": VERDICT_ZH.get(code, code), "原因": reason, "行号": ind.line}
    for p in projects for ind, code, reason in indicator_verdicts(p)
]  # fmt: skip
frame = pd.DataFrame(rows, columns=["序号", "项目", "一级指标", "二级指标", "三级指标", "指标值", "code", "结论",
                                    "原因", "行号"])  # fmt: skip
if frame.empty:
    st.info("项目绩效目标表中没有绩效指标。")
    st.stop()
# one row per indicator (an indicator with several defects has several verdict rows)
per_indicator = frame.groupby(["序号", "行号"], as_index=False).agg(项目=("项目", "first"),
                                                                   问题=("code", lambda c: (c != "ok").any()))  # fmt: skip
m1, m2, m3 = st.columns(3)
m1.metric("绩效指标", f"{len(per_indicator):,}", border=True)
m2.metric("有问题的指标", f"{int(per_indicator['问题'].sum()):,}", border=True)
m3.metric("合格率", f"{(~per_indicator['问题']).mean() * 100:.1f}%", border=True)

# --- weakest projects ----------------------------------------------------------------------------
st.header("问题指标占比最高的项目")
share = per_indicator.groupby(["序号", "项目"], as_index=False).agg(
    指标数=("问题", "size"), 问题指标=("问题", "sum")
)
share["占比"] = share["问题指标"] / share["指标数"] * 100
share = share.sort_values(["占比", "问题指标"], ascending=False)
worst = share.head(10).assign(标签=lambda f: f["序号"].astype(str) + ". " + f["项目"].map(chart_text))
fig = px.bar(worst.iloc[::-1], x="占比", y="标签", orientation="h", text=worst.iloc[::-1]["问题指标"].astype(str)
             + "/" + worst.iloc[::-1]["指标数"].astype(str), labels={"占比": "问题指标占比（%）", "标签": ""})  # fmt: skip
fig.update_layout(height=max(240, 30 * len(worst) + 60), margin={"t": 10, "l": 10, "r": 10, "b": 10},
                  xaxis={"range": [0, 105]})  # fmt: skip
st.plotly_chart(fig, key="indicator_worst_fig", width="stretch")
st.caption("条形旁为“问题指标数/指标总数”；一个指标有多项问题时只计一次。")

# --- coverage ------------------------------------------------------------------------------------
st.header("指标类别覆盖")
st.caption("按财预〔2021〕101号的指标体系：产出（数量、质量、时效、成本）、效益（经济、社会、生态、可持续）、满意度。"
           "✓ 表示该项目至少有一个此类指标。")  # fmt: skip


def categories(project) -> set[str]:
    found = {level2_kind(i.level2) for i in project.indicators}
    return found | ({"成本"} if any(is_cost(i) for i in project.indicators) else set())


coverage = pd.DataFrame(
    [{"项目": f"{p.index}. {p.name}", **{label: "✓" if kind in categories(p) else "✗" for kind, label in
      COVERAGE.items()}} for p in projects]
)  # fmt: skip
st.dataframe(coverage, hide_index=True, key="indicator_coverage", width="stretch")
missing = {label: int((coverage[label] == "✗").sum()) for label in COVERAGE.values()}
st.caption("缺少该类指标的项目数：" + "，".join(f"{k} {v}" for k, v in missing.items()))

# --- every indicator -----------------------------------------------------------------------------
st.header("全部指标")
with st.expander("筛选", expanded=True):
    f1, f2 = st.columns(2)
    verdicts = f1.multiselect("结论", sorted(frame["code"].unique()), format_func=lambda c: VERDICT_ZH.get(c, c),
                              key="indicator_verdicts", placeholder="全部", width="stretch")  # fmt: skip
    picked = f2.multiselect("项目", list(dict.fromkeys(frame["项目"])), key="indicator_projects",
                            placeholder="全部项目", width="stretch")  # fmt: skip
    g1, g2 = st.columns([1, 2])
    problems_only = g1.toggle("只看有问题的指标", key="indicator_problems_only")
    query = g2.text_input("搜索（指标名称、指标值、原因）", key="indicator_search", width="stretch").strip()
shown = frame
if verdicts:
    shown = shown[shown["code"].isin(verdicts)]
if picked:
    shown = shown[shown["项目"].isin(picked)]
if problems_only:
    shown = shown[shown["code"] != "ok"]
if query:
    text = shown["三级指标"] + " " + shown["指标值"] + " " + shown["原因"]
    shown = shown[text.str.contains(query, regex=False)]
st.caption(f"共 {len(frame)} 条结论，筛选后 {len(shown)} 条。")
st.dataframe(shown.drop(columns="code"), hide_index=True, key="indicator_table", width="stretch",
             column_config={"原因": st.column_config.TextColumn(width="large")})  # fmt: skip
