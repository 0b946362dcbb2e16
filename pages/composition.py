"""支出结构: 功能分类 类→款→项, 经济分类 301/302/303, 基本/项目 split, 三公 and 机关运行经费."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from checks import (
    TABLE_ZH,
    economic_marks,
    economic_source,
    fmt_amount,
    function_marks,
    function_source,
    three_marks,
    three_rows,
    three_source,
)
from pages._charts import economic_chart, function_chart, split_chart, staff_costs, three_chart
from pages._ui import doc_header, focus_note, plain, selected_doc, take_focus
from parsing import line_items, part_key

st.title("支出结构")
focus = take_focus()  # a chart link from 问题清单: its part and 科目
loaded = selected_doc()
if loaded is None:
    st.info("请在左侧上传预算公开文件。")
    st.stop()
doc_header(loaded)
parts = {part_key(p): p for p in loaded.doc.parts()}
part = next(iter(parts))
if len(parts) > 1:
    keys = {"部门（汇总）" if k == "部门" else f"{k} {p.department_name or ''}": k for k, p in parts.items()}
    if focus and focus["part"] < len(keys):
        st.session_state["composition_part"] = list(keys)[focus["part"]]
    part = keys[st.selectbox("部分", list(keys), key="composition_part", width=360)]
unit = loaded.doc.unit
items = line_items(loaded.doc)
items = items[items["part"] == part]


def cells(table: str, column: str = "total") -> pd.DataFrame:
    """Rows of one table for one value column, blank amounts dropped (float, for charts only)."""
    rows = items[(items["table"] == table) & (items["column"] == column)]
    return rows[rows["amount"].notna()].reset_index(drop=True)


def table_ok(key: str) -> bool:
    """False (with a note) when the table is missing or printed empty."""
    table = parts[part].table(key)
    if table is None:
        st.info(f"未找到{TABLE_ZH[key]}。")
    elif table.is_empty:
        st.info(f"本表为空表。{plain(table.empty_note or '')}")
    return table is not None and not table.is_empty


def money(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The table behind a chart: amounts formatted with the unit, Chinese headers."""
    frame = frame.assign(amount=frame["amount"].map(lambda v: fmt_amount(v, unit)))
    return frame[list(columns)].rename(columns=columns)


def show_table(frame: pd.DataFrame, key: str) -> None:
    with st.expander("数据表"):
        st.dataframe(frame, hide_index=True, key=key)


# --- 功能分类 ---------------------------------------------------------------------------------------
st.header("功能分类（类 → 款 → 项）")
source = function_source(parts[part]) or "general_expense"
marks = function_marks(parts[part], loaded.findings)  # 类/款/项 rows with findings: outlined, ⚠ in the label
st.caption(f"数据来源：{TABLE_ZH[source]}「合计」列，原文单位{unit}，图表换算为万元（1 亿元及以上为亿元）。")
if table_ok(source):
    coded = cells(source)
    coded = coded[coded["code"].notna() & (coded["amount"] != 0)].drop_duplicates("code")
    kind = st.segmented_control("图形", ["旭日图", "矩形树图"], default="旭日图", key="function_chart")
    fig, holds, names = function_chart(coded, marks, unit, kind)
    if (
        focus and focus["chart"] == "function" and focus.get("code") in names
    ):  # opened from a finding: show its 类 and say where it is
        fig.update_traces(level=focus["code"][:3])
        focus_note(focus["rule"], f" {focus['code']} {names[focus['code']]}",
                   "图中已展开其所在的类，有问题的科目以黑框和“⚠”标出。", scroll=False)  # fmt: skip
    elif marks:
        st.caption(f"有问题的科目（{len(marks)} 个）以黑框和“⚠”标出，悬停可见问题名称。")
    fig.update_layout(margin={"t": 10, "l": 10, "r": 10, "b": 10}, height=460)
    st.plotly_chart(fig, key="function_fig")
    if not holds:
        st.warning("款、项之和与上级科目不符（见问题清单），图中各级按所列金额另计，面积仅供参考。")
    headers = {"code": "科目编码", "name": "科目名称", "level": "级次", "amount": "合计", "line": "行号"}
    show_table(money(coded, headers), "function_table")

# --- 基本支出 vs 项目支出 ----------------------------------------------------------------------------
left, right = st.columns(2)
with left:
    st.subheader("基本支出与项目支出")
    if table_ok("expense"):
        split, fig = split_chart(items)
        if fig is None:
            st.info("支出总表合计行没有分列金额。")
        else:
            st.plotly_chart(fig, key="split_fig")
            show_table(split.assign(金额=split["金额"].map(lambda v: fmt_amount(v, unit))), "split_table")

# --- 经济分类 (T6) ---------------------------------------------------------------------------------
with right:
    st.subheader("基本支出经济分类")
    econ_key = economic_source(parts[part]) or "general_basic"
    flags = economic_marks(parts[part], loaded.findings)  # 类/款 with findings: outlined, ⚠ in the label
    if table_ok(econ_key):
        econ = cells(econ_key, "amount" if econ_key.startswith("final_") else "total")
        econ = econ[econ["code"].notna() & (econ["amount"] != 0)].drop_duplicates("code")
        fig, lines = economic_chart(econ, flags, unit)
        names = dict(zip(econ["code"], econ["name"], strict=True))
        if focus and focus["chart"] == "economic" and focus.get("code") in names:
            focus_note(focus["rule"], f"经济分类 {focus['code']} {names[focus['code']]}")
        elif flags:
            st.caption(f"有问题的经济分类科目（{len(flags)} 个）以黑框和“⚠”标出，悬停可见问题名称。")
        st.plotly_chart(fig, key="economic_fig")
        headers = {"类": "类", "code": "科目编码", "name": "科目名称", "amount": "合计", "line": "行号"}
        show_table(money(lines, headers), "economic_table")

# --- 三公 and 机关运行经费 ---------------------------------------------------------------------------
st.header("“三公”经费与机关运行经费")
m1, m2 = st.columns(2)
personnel, running, running_label = staff_costs(items, econ_key)
m1.metric("人员经费（一般公共预算基本支出）", fmt_amount(personnel, unit))
m2.metric(running_label, fmt_amount(running, unit))
three_key = three_source(parts[part]) or "three_public"
if table_ok(three_key):
    final = three_key.startswith("final_")  # a 决算: its 决算数 (the 预算数 beside it in the data table)
    column = "final" if final else "total"
    drawn = three_rows(parts[part].tables[three_key])
    rows = [r for r in drawn if getattr(r.values.get(column), "value", None) is not None]
    flags = three_marks(parts[part], loaded.findings)  # drawn rows with findings, by the row's line
    fig = three_chart(rows, column, flags, final, unit)
    at = {r.line: r.name for r in rows}
    if focus and focus["chart"] == "three" and focus.get("row") in at:
        focus_note(focus["rule"], f"“三公”经费 {at[focus['row']]}")
    elif flags:
        st.caption(f"有问题的“三公”经费项目（{len(flags)} 个）以黑框和“⚠”标出，悬停可见问题名称。")
    st.plotly_chart(fig, key="three_fig")
    three = cells(three_key, column)
    show_table(
        money(three, {"name": "项目", "amount": "决算数" if final else "合计", "line": "行号"}), "three_table"
    )
