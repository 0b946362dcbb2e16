"""部门与年度对比: headline metrics side by side; for one department in two years, the changes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from checks import fmt_amount
from library import match_projects, metrics_frame, verify_stated_changes, yoy_pairs
from pages._compare_tables import line_table, metrics_table, project_row, split_bars
from pages._ui import current_docs, doc_label, plain, scorecard_section

st.title("部门与年度对比")
scorecard_section()
docs = {d.key: d for d in current_docs()}
if len(docs) < 2:
    st.info(
        "请在左侧上传两个或更多文件（如不同部门，或同一部门的不同年度）后进行对比；"
        "也可以在“公开文件库”中勾选已存入的公开文件，载入后在此对比。"
    )
    st.page_link("pages/library.py", label="打开公开文件库", icon=":material/inventory_2:")
    st.stop()
labels = {k: doc_label(d) for k, d in docs.items()}
labels = {
    k: (f"{v}（{docs[k].name}）" if list(labels.values()).count(v) > 1 else v) for k, v in labels.items()
}
picked = st.multiselect("选择要对比的文件（两个或以上）", list(docs), default=list(docs), key="compare_pick",
                        format_func=labels.get, width="stretch")  # fmt: skip
if len(picked) < 2:
    st.info("请至少选择两个文件。")
    st.stop()

# --- side by side --------------------------------------------------------------------------------
st.header("主要指标")
frame = metrics_frame({labels[k]: docs[k].doc for k in picked}, {labels[k]: docs[k].findings for k in picked})
st.dataframe(metrics_table(frame), key="compare_metrics", width="stretch", height="content")
st.caption("金额换算为万元（1 亿元及以上显示为亿元）。支出合计取支出总表合计行；人员经费占比 = 一般公共预算基本支出表的人员经费 ÷ 该表合计；"
           "机关运行经费 = 该表公用经费；每100万元支出问题数 = 问题数 ÷ 支出合计 × 100。")  # fmt: skip
st.plotly_chart(split_bars(frame, len(picked)), key="compare_split_fig", width="stretch")

# --- year over year ------------------------------------------------------------------------------
st.header("年度对比")
chosen = [docs[k] for k in picked]
pairs = yoy_pairs([d.doc for d in chosen])
if not pairs:
    st.info("所选文件中没有同一部门（编码相同或名称相似度≥90）不同年度的文件，无法做年度对比。")
    st.stop()
names = {p: f"{labels[chosen[p[0]].key]} → {labels[chosen[p[1]].key]}" for p in pairs}
pair = st.selectbox("年度对比", pairs, format_func=names.get, key="yoy_pair") if len(pairs) > 1 else pairs[0]
old, new = chosen[pair[0]].doc, chosen[pair[1]].doc
st.caption(
    plain(f"{old.budget_year} 年（{chosen[pair[0]].name}） → {new.budget_year} 年（{chosen[pair[1]].name}）")
)
t1, t2, t3, t4 = st.tabs(["支出功能分类", "基本支出经济分类", "项目", "增减说明核对"])
with t1:
    st.caption("支出总表（表三）合计列，按功能分类科目编码对齐。")
    st.dataframe(line_table(old, new, "expense"), hide_index=True, key="yoy_function", width="stretch")
with t2:
    st.caption("一般公共预算财政拨款基本支出表（表六）合计列，按经济分类科目编码对齐。")
    st.dataframe(line_table(old, new, "general_basic"), hide_index=True, key="yoy_economic", width="stretch")
with t3:
    threshold = st.slider("名称相似度阈值", 50, 100, 80, key="match_threshold", width="stretch")
    st.caption("名称先去掉年度前缀（“2024年”“2021年度”）、“项目/专项/经费/资金”后缀和标点；完全相同记 100 分，"
               "否则按 rapidfuzz ratio 打分，一对一按分数从高到低配对；前两名候选分数接近（相差 2 分以内）时标为存疑，不作配对。")  # fmt: skip
    matches = match_projects(old.projects, new.projects, threshold)

    rows = [project_row(m, old, new) for m in matches]
    projects = pd.DataFrame(rows)
    counts = projects["状态"].value_counts() if rows else pd.Series(dtype=int)
    st.caption("，".join(f"{k} {v} 个" for k, v in counts.items()))
    st.dataframe(projects, hide_index=True, key="yoy_projects", width="stretch")
with t4:
    stated = verify_stated_changes(old, new)
    if stated.empty:
        st.info(
            f"{new.budget_year} 年说明中未找到与 {old.budget_year} 年相比的增减数（“较上年/较YYYY年增加/减少X万元”）。"
        )
    else:
        for column in ("stated", "computed", "difference"):
            stated[column] = stated[column].map(fmt_amount)
        st.dataframe(stated.rename(columns={"subject": "项目", "text": "原文", "stated": "说明所述", "computed":
                     "两年表格计算", "difference": "差额", "verdict": "结论", "line": "行号"}), hide_index=True,
                     key="yoy_stated", width="stretch")  # fmt: skip
        st.caption(
            "计算值 = 本年表格 − 上年表格（收支总额按支出总表合计行）；两数之差在 0.01 万元以内视为舍入差异。"
        )
