"""预算与决算: one department's budget against its 决算 of the same year (computed in library/outturn.py)."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from checks import fmt_amount, fmt_number
from library import (
    OUTTURN_GROUP_ZH,
    OUTTURN_ZH,
    execution_frame,
    initial_budget_differences,
    library_pairs,
    outturn_pairs,
)
from pages._ui import chart_text, current_docs, doc_label, library, plain

st.title("预算与决算")
st.caption("同一部门（名称相同）同一年度的部门预算与部门决算对照：各功能分类（类）、“三公”经费和基本/项目支出的执行率，"
           "以及决算所列年初预算与当年公开预算是否一致。")  # fmt: skip
docs = current_docs()
pairs = outturn_pairs([d.doc for d in docs])
if not pairs:
    st.info("当前载入的文件中没有同一部门、同一年度的部门预算和部门决算，无法对照。请上传（或在“公开文件库”中载入）"
            "同一部门同一年度的预算和决算。")  # fmt: skip
    try:
        stored = library().documents()
        names = dict(zip(stored["doc_id"], stored["file_name"], strict=True))
        found = [(names[b], names[f]) for b, f in library_pairs(stored)]
    except Exception:  # a locked or missing library: nothing to suggest
        found = []
    if found:
        st.caption("文件库中可对照的预算与决算：" + "；".join(plain(f"{b} ↔ {f}") for b, f in found))
    else:
        st.caption("文件库中也没有同一部门同一年度的预算和决算。")
    st.page_link("pages/library.py", label="打开公开文件库", icon=":material/inventory_2:")
    st.stop()

labels = {p: f"{doc_label(docs[p[0]])} ↔ {docs[p[1]].name}" for p in pairs}
pair = (
    st.selectbox("预算与决算", pairs, format_func=labels.get, key="outturn_pair")
    if len(pairs) > 1
    else pairs[0]
)
budget, final = docs[pair[0]], docs[pair[1]]
st.caption(
    plain(
        f"{budget.doc.budget_year} 年预算（{budget.name}） ↔ {final.doc.budget_year} 年决算（{final.name}）"
    )
)


def _rate(value: object) -> str:
    return "—" if value is None or pd.isna(value) else f"{fmt_number(value)}%"


frame = execution_frame(budget.doc, final.doc)
st.header("执行率")
shown = frame.assign(
    group=frame["group"].map(OUTTURN_GROUP_ZH),
    **{c: frame[c].map(fmt_amount) for c in ("final", "initial", "budget")},
    **{c: frame[c].map(_rate) for c in ("rate_initial", "rate_budget")},
)
st.dataframe(shown.rename(columns=OUTTURN_ZH), hide_index=True, key="outturn_rates", width="stretch")
st.caption("执行率 = 决算数 ÷ 年初预算数（决算表所列）或 ÷ 当年公开预算数；功能分类和基本/项目支出为一般公共预算财政拨款口径，"
           "“三公”经费为财政拨款口径。金额换算为万元（1 亿元及以上显示为亿元）。")  # fmt: skip
classes = frame[frame["group"] == "class"]
chart = classes.melt(id_vars=["code", "name"], value_vars=["rate_initial", "rate_budget"], var_name="口径")
chart = chart.dropna(subset=["value"])
if not chart.empty:
    chart["value"] = chart["value"].astype(float)
    chart["类"] = (chart["code"] + " " + chart["name"]).map(chart_text)  # plotly reads <a href> in labels
    chart["口径"] = chart["口径"].map({"rate_initial": "÷ 年初预算（决算表）", "rate_budget": "÷ 公开预算"})
    fig = px.bar(chart, x="value", y="类", color="口径", barmode="group", orientation="h",
                 labels={"value": "执行率（%）", "类": ""})  # fmt: skip
    fig.update_xaxes(ticksuffix="%", tickformat=",.2~f")
    fig.update_layout(height=140 + 50 * len(classes), margin={"t": 10, "l": 10, "r": 10, "b": 10})
    st.plotly_chart(fig, key="outturn_rates_fig", width="stretch")

st.header("年初预算核对")
differences = initial_budget_differences(budget.doc, final.doc)
if differences.empty:
    st.success(
        "决算所列年初预算（各类的年初预算数、“三公”经费预算数）与当年公开预算一致，或两份文件没有可对照的数字。"
    )
else:
    table = differences.assign(
        **{
            c: differences[c].map(fmt_amount) for c in ("final_doc_amount", "budget_doc_amount", "difference")
        },
        tolerance=differences["tolerance"].map(lambda v: f"{fmt_number(v, 6)} 万元"),
    ).fillna({"final_page": "", "budget_page": ""})
    st.dataframe(
        table.rename(columns=OUTTURN_ZH), hide_index=True, key="outturn_differences", width="stretch"
    )
    st.caption(
        "决算的年初预算应等于同一年度公开的部门预算；容差为两份文件所印末位的一半（印到 0.01 万元：0.005 万元）。"
    )
