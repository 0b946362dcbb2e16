"""支出结构: 功能分类 类→款→项, 经济分类 301/302/303, 基本/项目 split, 三公 and 机关运行经费."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from checks import (
    TABLE_ZH,
    economic_marks,
    economic_source,
    fmt_amount,
    function_marks,
    function_source,
    money_scale,
    three_marks,
    three_rows,
    three_source,
)
from pages._ui import chart_text, doc_header, focus_note, hover_note, plain, selected_doc, take_focus
from parsing import line_items, part_key

MARK = "#1a1a1a"  # outline of a 科目 with findings: dark, unlike any fill of the colour sequence
COLUMN_ZH = {"basic": "基本支出", "project": "项目支出", "operating": "经营支出", "remit": "上解上级支出",
             "subsidy": "对附属单位补助支出", "personnel": "人员经费", "public": "公用经费"}  # fmt: skip

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
    kind = st.segmented_control("图形", ["旭日图", "矩形树图"], default="旭日图", key="function_chart")
    draw = px.treemap if kind == "矩形树图" else px.sunburst
    fig = draw(chart, ids="ids", names="labels", parents="parents", values="values",
               custom_data=["printed", "note"], branchvalues="total" if holds else "remainder")  # fmt: skip
    fig.update_traces(hovertemplate="%{label}<br>%{customdata[0]:,.2f} " + scale + "%{customdata[1]}<extra></extra>",
                      marker={"line": {"color": [MARK if c in marks else "#ffffff" for c in amount],
                                       "width": [3 if c in marks else 1 for c in amount]}})  # fmt: skip
    if (
        focus and focus["chart"] == "function" and focus.get("code") in amount
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
        total = items[(items["table"] == "expense") & (items["kind"] == "total") & items["amount"].notna()]
        split = total[total["column"].isin(list(COLUMN_ZH)) & (total["amount"] != 0)].drop_duplicates(
            "column"
        )
        split = pd.DataFrame({"类型": split["column"].map(COLUMN_ZH), "金额": split["amount"]})
        if split.empty:
            st.info("支出总表合计行没有分列金额。")
        else:
            fig = px.pie(split, names="类型", values="金额", hole=0.45)
            # room above and below for a small slice's label printed outside the ring
            fig.update_layout(margin={"t": 30, "l": 10, "r": 10, "b": 30}, height=340)
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
if econ_key.startswith("final_"):  # a 决算's 基本支出决算表: 人员经费合计 and 公用经费合计 rows
    basic = items[items["table"] == econ_key]
    personnel = basic[basic["name"].str.contains("人员经费合计", regex=False)]["amount"].dropna()
    running = basic[basic["name"].str.contains("公用经费合计", regex=False)]["amount"].dropna()
    m2_label = "公用经费（一般公共预算基本支出决算）"  # 决算's 机关运行经费 is stated apart (行政单位 only)
else:
    basic_total = items[(items["table"] == "general_basic") & (items["kind"] == "total")]
    running = basic_total[basic_total["column"] == "public"]["amount"].dropna()
    personnel = basic_total[basic_total["column"] == "personnel"]["amount"].dropna()
    m2_label = "机关运行经费（= 公用经费）"
m1.metric("人员经费（一般公共预算基本支出）", fmt_amount(personnel.iloc[0] if len(personnel) else None, unit))
m2.metric(m2_label, fmt_amount(running.iloc[0] if len(running) else None, unit))
three_key = three_source(parts[part]) or "three_public"
if table_ok(three_key):
    final = three_key.startswith("final_")  # a 决算: its 决算数 (the 预算数 beside it in the data table)
    column = "final" if final else "total"
    drawn = three_rows(parts[part].tables[three_key])
    rows = [r for r in drawn if getattr(r.values.get(column), "value", None) is not None]
    flags = three_marks(parts[part], loaded.findings)  # drawn rows with findings, by the row's line
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
