"""问题清单: findings of the loaded files with filters, the source excerpt and the .xlsx / .csv download."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from checks import FAMILY_ZH, SEVERITY_ZH, Finding, Severity, findings_table, fmt_figures, triage_order
from pages._ui import (
    XLSX_MIME,
    chart_link_buttons,
    current_docs,
    decision_form,
    decision_labels,
    doc_header,
    doc_label,
    excerpt_html,
    export_checklist,
    export_csv,
    export_xlsx,
    plain,
    selected_doc,
)

st.title("问题清单")
docs, loaded = current_docs(), selected_doc()
if loaded is None:
    st.info("请在左侧上传预算公开文件（.txt / .docx / .pdf），或粘贴公开文本。")
    st.stop()

doc_header(loaded)
mine = loaded.findings
counts = Counter(f.severity for f in mine)
c1, c2, c3, c4 = st.columns([1, 1, 1, 2])
c1.metric("错误", counts[Severity.ERROR], border=True)
c2.metric("警告", counts[Severity.WARNING], border=True)
c3.metric("提示", counts[Severity.INFO], border=True)
with c4:
    by_family = Counter(FAMILY_ZH.get(f.family, f.family) for f in mine)
    family_table = pd.DataFrame(sorted(by_family.items(), key=lambda kv: -kv[1]), columns=["类别", "问题数"])
    st.dataframe(family_table, hide_index=True, key="family_counts")

# --- filters ---------------------------------------------------------------------------------------
by_key = {d.key: d for d in docs}
with st.expander("筛选", expanded=True):
    f1, f2, f3 = st.columns(3)
    files = f1.multiselect("文件（留空 = 当前文件）", list(by_key), key="filter_file", placeholder="当前文件",
                           format_func=lambda k: doc_label(by_key[k]))  # fmt: skip
    scope = [f for key in files for f in by_key[key].findings] if files else mine
    families = f2.multiselect(
        "类别",
        sorted({f.family for f in scope}),
        format_func=lambda x: FAMILY_ZH.get(x, x),
        key="filter_family",
        placeholder="全部类别",
    )
    severities = f3.multiselect(
        "严重程度",
        list(SEVERITY_ZH),
        format_func=lambda s: SEVERITY_ZH[s],
        key="filter_severity",
        placeholder="全部",
    )
    g1, g2 = st.columns(2)
    project_names = sorted({f.project for f in scope if f.project})
    projects = g1.multiselect("项目", project_names, key="filter_project", placeholder="全部项目")
    query = g2.text_input("搜索（规则代码、说明、行名…）", key="filter_text").strip()


def keep(f: Finding) -> bool:
    text = " ".join(x for x in (f.code, f.title, f.message, f.row, f.column, f.project, f.part) if x)
    return (
        (not families or f.family in families)
        and (not severities or f.severity in severities)
        and (not projects or f.project in projects)
        and (not query or query.lower() in text.lower())
    )


shown = sorted((f for f in scope if keep(f)), key=triage_order)
frame = findings_table(shown, {d.name: d.doc.unit for d in docs})
st.caption(f"共 {len(scope)} 条，筛选后 {len(shown)} 条。点选一行查看原文位置。")
decided = pd.concat([pd.DataFrame({"处理决定": decision_labels(shown)}), frame], axis=1)  # 确认/忽略/待定
event = st.dataframe(decided, hide_index=True, on_select="rerun", selection_mode="single-row", key="findings_table",
                     column_config={"问题说明": st.column_config.TextColumn(width="large")})  # fmt: skip

# --- the selected finding -----------------------------------------------------------------------
rows = event.selection.rows if event is not None else []
if rows and rows[0] < len(shown):
    f = shown[rows[0]]
    owner = next((d for d in docs if d.name == f.file), loaded)
    unit = owner.doc.unit
    st.markdown(f"#### {f.code} {f.title}（{SEVERITY_ZH[f.severity]}）")
    st.markdown(plain(f.message))
    if f.expected is not None or f.actual is not None:
        m1, m2, m3 = st.columns(3)
        expected, actual, difference = fmt_figures(f, unit)  # money in 万元/亿元; % and 序号 as counted
        m1.metric("应为", expected)
        m2.metric("实为", actual)
        m3.metric("差额", difference)
    if f.regulation:
        st.markdown(f"**依据：** {f.regulation}")
    if f.hint:
        st.info(plain(f.hint), icon=":material/lightbulb:")
    if f.other_lines:
        st.caption("同一问题还出现在第 " + "、".join(map(str, f.other_lines)) + " 行")
    if f.line and owner.doc.lines:
        st.markdown(f"**原文（{plain(owner.name)} 第 {f.line} 行前后）**")
        st.html(excerpt_html(owner.doc.lines, f.line))
    chart_link_buttons(owner, f)  # the charts that show this place (支出结构, 项目与支出计划)
    decision_form(f)
elif shown:
    st.caption("未选择问题。")
else:
    st.success("没有符合条件的问题。")

# --- downloads (all loaded files) ----------------------------------------------------------------
st.divider()
st.caption(f"下载包含全部 {len(docs)} 个已载入文件的问题清单（含无法读取的文件）。")
d1, d2, d3 = st.columns(3)
d1.download_button(
    "下载问题清单 (.xlsx)",
    data=export_xlsx(),
    file_name="问题清单.xlsx",
    mime=XLSX_MIME,
    on_click="ignore",
    key="download_xlsx",
    icon=":material/download:",
)
d2.download_button(
    "下载问题清单 (.csv)",
    data=export_csv(),
    file_name="问题清单.csv",
    mime="text/csv",
    on_click="ignore",
    key="download_csv",
    icon=":material/download:",
)
d3.download_button(
    "下载检查表 (.xlsx)",
    data=export_checklist(),
    file_name="公开情况检查表.xlsx",
    mime=XLSX_MIME,
    on_click="ignore",
    key="download_checklist",
    icon=":material/assignment_turned_in:",
    help="每个文件一张“部门预算公开情况检查表”：逐项填写是否符合要求、问题说明和原文摘录",
)
