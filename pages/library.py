"""公开文件库: stored disclosures (department × year), load any set into the session, remove; the peer view."""

from __future__ import annotations

import streamlit as st

from checks import KIND_ZH
from library import MIN_PEERS, RATIO_ZH, THRESHOLD, LibraryBusy, LibraryError, outliers, peer_table
from pages._library_tables import doc_labels, documents_table, peer_view, year_grid
from pages._ui import library, load_from_library, plain, pop_library_notice, remove_from_library

st.title("公开文件库")
notice = pop_library_notice()
if notice:
    (st.success if notice[0] == "success" else st.warning)(plain(notice[1]))
try:  # every read opens its own short connection; a batch holding the file makes it wait, then give up
    lib = library()
    stored, matrix, metrics = lib.documents(), lib.matrix(), lib.metrics()
except LibraryBusy as exc:
    st.warning(f"{plain(exc)}（当前可能有批量导入正在写入，页面其余功能不受影响。）", icon=":material/lock:")
    st.stop()
except Exception as exc:  # a damaged file must not take the app down
    st.warning(
        plain(
            f"无法读取文件库：{exc}"
            if isinstance(exc, LibraryError)
            else f"无法读取文件库：{type(exc).__name__}: {exc}"
        ),
        icon=":material/error:",
    )
    st.stop()
st.caption(f"文件库：{plain(lib.path)}。上传文件时勾选左侧“上传后存入文件库”即存入；相同内容的文件只存一份。")
if stored.empty:
    st.info("文件库中还没有文件。请在左侧上传预算公开文件（勾选“上传后存入文件库”）。")
    st.stop()
labels = doc_labels(stored)

# --- department × year ---------------------------------------------------------------------------
st.header("部门 × 年度")
if matrix.empty:
    st.info("已存文件均未识别出预算年度。")
else:
    grid = year_grid(matrix)
    st.dataframe(grid, hide_index=True, key="library_matrix", width="stretch")
    st.caption("每格为该部门该年度最新一份文件的问题数；空格表示文件库中没有该年度的文件。")

st.header("已存文件")
st.dataframe(documents_table(stored), hide_index=True, key="library_documents", width="stretch")

# --- load into the session -----------------------------------------------------------------------
st.subheader("载入对比")
st.multiselect("选择要载入当前会话的文件", list(labels), format_func=labels.get, key="library_pick",
               placeholder="可多选，例如同一部门的不同年度", width="stretch")  # fmt: skip
st.button("载入对比", key="library_load", type="primary", icon=":material/upload:", width="stretch",
          on_click=load_from_library, args=("library_pick",))  # fmt: skip
st.caption("载入的文件与上传的文件一样出现在左侧“当前文件”中，可在问题清单、部门与年度对比等页面查看。")

# --- remove --------------------------------------------------------------------------------------
with st.expander("从文件库删除", icon=":material/delete:"):
    st.selectbox(
        "要删除的文件", list(labels), format_func=labels.get, key="library_remove_pick", width="stretch"
    )
    confirmed = st.checkbox(
        "确认删除（连同其表格行与问题记录，不可恢复）", key="library_remove_confirm", width="stretch"
    )
    st.button("删除", key="library_remove", disabled=not confirmed, icon=":material/delete_forever:",
              on_click=remove_from_library, args=("library_remove_pick", "library_remove_confirm"),
              width="stretch")  # fmt: skip

# --- peer view -----------------------------------------------------------------------------------
st.header("同年度部门比较")
years = sorted({int(y) for y in metrics["budget_year"].dropna()}, reverse=True)
if not years:
    st.info("已存文件均未识别出预算年度，无法比较。")
    st.stop()
counts = metrics["budget_year"].value_counts()
busiest = max(years, key=lambda y: (counts.get(y, 0), y))  # start at the year with the most documents
year = st.selectbox("预算年度", years, index=years.index(busiest), format_func=lambda y: f"{y} 年",
                    key="peer_year", width="stretch")  # fmt: skip
kinds = [k for k in KIND_ZH if (metrics["kind"] == k).any()] or ["budget"]
kind = (
    st.radio("类型", kinds, format_func=KIND_ZH.get, key="peer_kind", horizontal=True)
    if len(kinds) > 1
    else kinds[0]
)
same = metrics[(metrics["budget_year"] == year) & (metrics["kind"] == kind)]  # 预算 with 预算, 决算 with 决算
peers = peer_table(same.reset_index(drop=True))
st.dataframe(peer_view(peers), hide_index=True, key="peer_table", width="stretch",
             column_config={"label": "部门", "file_name": "文件名", "outliers": "离群指标数",
                           **{k: st.column_config.TextColumn(v, alignment="right") for k, v in RATIO_ZH.items()}})  # fmt: skip
st.caption(
    f"离群值用稳健统计判断（Iglewicz & Hoaglin 修正 z 分数）：z = 0.6745 ×（数值 − 同组中位数）÷ MAD，"
    f"MAD 为各部门数值与中位数之差的绝对值的中位数，|z| > {THRESHOLD:g} 标为离群（黄色）。中位数和 MAD 不受极端值影响，"
    "一个异常部门无法靠拉大标准差掩盖自己；“偏高”只相对本年度同组部门而言，不是固定标准。"
    "MAD 为 0（过半部门数值相同）时改用平均绝对偏差：z =（数值 − 中位数）÷（1.253314 × 平均绝对偏差）。"
    f"某项比率有值的部门少于 {MIN_PEERS} 个时不计算。人员经费占比 = 一般公共预算基本支出表人员经费 ÷ 合计；"
    "项目支出占比 = 支出总表项目支出 ÷ 合计；人均“三公”经费只在文本写明在职人数时计算；"
    "每万元基本支出“三公”经费 =“三公”经费 ÷ 基本支出 × 10000（元）。"
)
if len(peers) < MIN_PEERS:
    st.info(f"{year} 年只有 {len(peers)} 个文件，少于 {MIN_PEERS} 个，不判断离群值。")
    st.stop()
flagged = outliers(peers)
if flagged.empty:
    st.success(f"{year} 年 {len(peers)} 个文件中没有离群的比率。")
else:
    flagged = flagged[["label", "ratio_zh", "value", "median", "z", "direction"]].round(2)
    st.dataframe(flagged.rename(columns={"label": "部门", "ratio_zh": "比率", "value": "数值", "median": "同组中位数",
                 "z": "修正 z 分数", "direction": "方向"}), hide_index=True, key="peer_outliers", width="stretch")  # fmt: skip
