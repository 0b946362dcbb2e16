"""BudgetScope entry point: page config, sidebar (upload, paste, document picker) and the page router."""

from __future__ import annotations

import streamlit as st

from pages._ui import (
    current_docs,
    doc_picker,
    ingest,
    load_banner,
    load_errors,
    plain,
    save_to_library_checkbox,
)

st.set_page_config(page_title="BudgetScope 预算公开审查", page_icon="📋", layout="wide")

pages = st.navigation(
    [
        st.Page("pages/findings.py", title="问题清单", icon=":material/rule:", default=True),
        st.Page("pages/composition.py", title="支出结构", icon=":material/donut_large:"),
        st.Page("pages/projects.py", title="项目与支出计划", icon=":material/timeline:"),
        st.Page("pages/indicators.py", title="绩效指标质量", icon=":material/checklist:"),
        st.Page("pages/compare.py", title="部门与年度对比", icon=":material/compare_arrows:"),
        st.Page("pages/outturn.py", title="预算与决算", icon=":material/balance:"),
        st.Page("pages/library.py", title="公开文件库", icon=":material/inventory_2:"),
        st.Page("pages/rules.py", title="规则说明", icon=":material/menu_book:"),
    ]
)

with st.sidebar:
    st.title("BudgetScope")
    st.caption("部门预算信息公开审查")
    files = st.file_uploader(
        "上传预算公开文件（.txt / .docx / .pdf，可多选）",
        type=["txt", "docx", "pdf"],
        accept_multiple_files=True,
        key="uploads",
        width="stretch",
    )
    save_to_library_checkbox()
    with st.expander("粘贴公开文本"):
        pasted = st.text_area(
            "公开文本", key="pasted", height=160, placeholder="从公开文件复制的全文（表格以 TAB 分隔）"
        )
        parse_pasted = st.button("解析粘贴内容", key="parse_pasted", width="stretch")
    ingest(files or [], pasted if parse_pasted else None)
    for error in load_errors():
        st.error(plain(error.message), icon=":material/error:")
    loaded = doc_picker()
    if loaded is None:
        st.info("尚未载入可读的文件。")
    elif loaded.source == "sample":
        st.caption(
            "当前显示示例文件（虚构的“示例县人民政府办公室”，数据取自一份公开文件）；上传文件后示例即移除。"
        )
    docs = current_docs()
    if len(docs) > 1:
        st.caption(f"已载入 {len(docs)} 个文件。")

load_banner()
pages.run()
