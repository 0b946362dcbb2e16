"""Finding ↔ chart links: 问题清单 → 支出结构 / 项目与支出计划 with the place selected and marked (seed 003).

The link is an st.page_link whose query names the place; AppTest cannot click a link, so the tests read the link
(its page and query) and open that page with that query, as the browser does (tests/e2e clicks it for real).
"""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qsl

import numpy as np
from streamlit.testing.v1 import AppTest

from checks import Finding
from pages._ui import hover_note
from tests.app.conftest import shown
from tests.conftest import seed_path
from tests.golden_findings import DATA

SEED = seed_path("003")
ARI = "ARI003"  # 支出总表 20103 政府办公厅（室）及相关机构事务, line 566 (合计 732.61 vs 732.62)
PLN = "PLN005"  # project 3 数字电视维护和增值业务费, 12月底 (line 1834)


def _open(app: AppTest) -> AppTest:
    app.sidebar.file_uploader(key="uploads").set_value([(SEED.name, SEED.read_bytes(), "text/plain")]).run()
    assert not app.exception
    return app


def _select(app: AppTest, code: str, line: int) -> AppTest:
    frame = app.dataframe(key="findings_table").value
    row = next(
        i
        for i, (c, n) in enumerate(zip(frame["规则编号"], frame["行号"], strict=True))
        if (c, n) == (code, line)
    )
    app.session_state["findings_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return app.run()


def _links(app: AppTest) -> list:
    return [link.proto for link in app.get("page_link")]


def _follow(app: AppTest, link, page: str) -> AppTest:
    """Open the linked page with the link's query, as a click in the browser does."""
    app.query_params = dict(parse_qsl(link.query_string))
    app.switch_page(page).run()
    assert not app.exception
    return app


def _chart(app: AppTest, key: str) -> dict:
    return next(json.loads(c.proto.spec) for c in app.get("plotly_chart") if key in c.proto.id)


def _numbers(values) -> list[float]:
    """A plotly array as numbers (plotly sends numeric arrays base64-encoded)."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def test_hover_note_lists_each_title_once():
    f = Finding(
        code=ARI, family="arithmetic", severity="error", title="类/款/项合计与下级之和不符", message="m"
    )
    assert hover_note([f, f]) == "<br>⚠ 问题：类/款/项合计与下级之和不符"
    assert hover_note([f.model_copy(update={"title": "<b>x</b>"})]) == "<br>⚠ 问题：&lt;b&gt;x&lt;/b&gt;"
    assert hover_note([]) == ""


def test_arithmetic_finding_opens_the_function_chart_on_its_class(app):
    _select(_open(app), ARI, 566)
    [link] = _links(app)
    assert shown(link.label) == "在图中查看：支出结构：功能分类 20103 政府办公厅（室）及相关机构事务"
    query = dict(parse_qsl(link.query_string))
    assert query == {
        "focus_doc": query["focus_doc"],
        "focus_part": "0",
        "focus_rule": ARI,
        "focus_code": "20103",
    }
    _follow(app, link, "pages/composition.py")
    assert app.title[0].value == "支出结构"
    assert app.selectbox(key="doc_picker").value.startswith(SEED.name)
    assert any(
        "（ARI003 类/款/项合计与下级之和不符）位于 20103 政府办公厅（室）及相关机构事务" in shown(i.value)
        for i in app.info
    )
    trace = _chart(app, "function_fig")["data"][0]
    assert trace["level"] == "201"  # opened on its 类
    marked = [
        i for i, width in zip(trace["ids"], trace["marker"]["line"]["width"], strict=True) if width == 3
    ]
    assert marked == ["20103"]
    at = trace["ids"].index("20103")
    assert trace["labels"][at].startswith("⚠ 20103")
    assert trace["customdata"][at][1] == "<br>⚠ 问题：类/款/项合计与下级之和不符"
    assert app.query_params == {}  # taken: the next run shows the page as the user leaves it
    app.run()
    assert not any("位于 20103" in shown(i.value) for i in app.info)
    assert _chart(app, "function_fig")["data"][0].get("level") is None
    assert any("有问题的科目（1 个）以黑框" in c.value for c in app.caption)  # still marked


def test_plan_finding_opens_its_project_curve(app):
    _select(_open(app), PLN, 1834)
    [link] = _links(app)
    assert shown(link.label) == "在图中查看：项目与支出计划：3. 数字电视维护和增值业务费（资金支出计划）"
    _follow(app, link, "pages/projects.py")
    assert app.title[0].value == "项目与支出计划"
    assert app.selectbox(key="project_pick").value == 3
    assert any("已在图中以橙色圆圈标出" in shown(i.value) for i in app.info)
    markers = [t for t in _chart(app, "project_curve_fig")["data"] if t.get("name") == "支出计划问题"]
    assert [(m["x"], m["hovertext"]) for m in markers] == [
        ([3, 12], ["⚠ 资金支出计划缺项", "⚠ 资金支出计划集中在年末"])
    ]


def test_a_tampered_query_selects_nothing(app):
    _open(app)
    app.query_params = {"focus_doc": "<script>", "focus_code": "20103", "focus_part": "x"}
    app.switch_page("pages/composition.py").run()
    assert not app.exception
    assert not any("位于" in shown(i.value) for i in app.info)
    assert _chart(app, "function_fig")["data"][0].get("level") is None


def test_a_finding_no_chart_shows_has_no_link(app):
    _open(app)
    frame = app.dataframe(key="findings_table").value
    line = int(next(n for c, n in zip(frame["规则编号"], frame["行号"], strict=True) if c == "ARI004"))
    _select(app, "ARI004", line)
    assert _links(app) == []


def test_an_economic_class_finding_opens_the_economic_chart(app):
    # seed 003: 基本支出表 301 工资福利支出 合计 ≠ Σ款 (ARI003, line 1256)
    _select(_open(app), ARI, 1256)
    [link] = _links(app)
    assert shown(link.label) == "在图中查看：支出结构：基本支出经济分类 301 工资福利支出"
    query = dict(parse_qsl(link.query_string))
    assert (query["focus_chart"], query["focus_code"], query["focus_rule"]) == ("economic", "301", ARI)
    _follow(app, link, "pages/composition.py")
    assert any(
        "（ARI003 类/款/项合计与下级之和不符）位于经济分类 301 工资福利支出" in shown(i.value)
        for i in app.info
    )
    assert not any("位于 301" in shown(i.value) for i in app.info)  # the 功能分类 chart is not the one opened
    traces = _chart(app, "economic_fig")["data"]
    legend = {t["name"]: t for t in traces}
    assert "⚠ 工资福利支出" in legend and "商品和服务支出" in legend  # the flagged 类, in the legend
    wages = legend["⚠ 工资福利支出"]
    assert wages["marker"]["line"]["width"] == [3] * len(wages["y"])  # each 款 of 301 outlined
    assert all(label.startswith("⚠ ") for label in wages["y"])
    assert {note for _, note in wages["customdata"]} == {"<br>⚠ 问题：类/款/项合计与下级之和不符"}
    other = legend["商品和服务支出"]
    assert set(other["marker"]["line"]["width"]) == {0} and not any(y.startswith("⚠") for y in other["y"])


def test_a_three_public_finding_opens_the_three_public_chart(app):
    # seed 003: 基本支出表 30217 公务接待费 vs “三公”经费表 三、公务接待费 (XTB006, line 1552)
    _select(_open(app), "XTB006", 1552)
    [link] = _links(app)
    assert shown(link.label) == "在图中查看：支出结构：“三公”经费 三、公务接待费"
    query = dict(parse_qsl(link.query_string))
    assert (query["focus_chart"], query["focus_row"]) == ("three", "1550")
    _follow(app, link, "pages/composition.py")
    assert any(
        "（XTB006 基本支出表“三公”科目与“三公”经费表不符）位于“三公”经费 三、公务接待费" in shown(i.value)
        for i in app.info
    )
    [bars] = _chart(app, "three_fig")["data"]
    # 一、因公出国（境）费 is printed blank (line 1508): no bar
    assert bars["x"] == ["二、公务用车购置及运维费", "⚠ 三、公务接待费"]
    assert bars["marker"]["line"]["width"] == [0, 3]
    assert [note for [note] in bars["customdata"]] == [
        "",
        "<br>⚠ 问题：基本支出表“三公”科目与“三公”经费表不符",
    ]


def test_a_final_accounts_economic_finding_is_marked_on_its_class(app):
    # 规划资源局 2024 决算: 基本支出决算表 302 = 440.90 vs Σ款 440.88 (ARI003, line 1290); 人员经费合计 4884.09 vs
    # 301 + 303 = 4884.10 (ARI006, line 1286)
    path = DATA / "pdf/final_accounts/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"
    app.sidebar.file_uploader(key="uploads").set_value(
        [(path.name, path.read_bytes(), "application/pdf")]
    ).run()
    assert not app.exception
    _select(app, "ARI006", 1286)
    [link] = _links(app)
    assert (
        shown(link.label) == "在图中查看：支出结构：基本支出经济分类 301 工资福利支出、303 对个人和家庭的补助"
    )
    _select(app, ARI, 1290)
    [link] = _links(app)
    assert shown(link.label) == "在图中查看：支出结构：基本支出经济分类 302 商品和服务支出"
    _follow(app, link, "pages/composition.py")
    assert any("位于经济分类 302 商品和服务支出" in shown(i.value) for i in app.info)
    legend = {t["name"]: t for t in _chart(app, "economic_fig")["data"]}
    assert set(legend) == {"⚠ 工资福利支出", "⚠ 商品和服务支出", "⚠ 对个人和家庭的补助", "资本性支出"}
    goods = legend["⚠ 商品和服务支出"]
    assert {note for _, note in goods["customdata"]} == {"<br>⚠ 问题：类/款/项合计与下级之和不符"}
    wages = legend["⚠ 工资福利支出"]
    assert {note for _, note in wages["customdata"]} == {"<br>⚠ 问题：人员经费/公用经费与经济分类不符"}
    # the 决算's 功能分类 chart reads its 支出决算表; its “三公” chart the 决算数
    assert _chart(app, "function_fig")["data"][0]["ids"][0] == "208"
    # 基本支出决算表 人员经费合计 4884.09, 公用经费合计 480.66 (5364.75 in all)
    assert [(m.label, m.value) for m in app.metric][-2:] == [
        ("人员经费（一般公共预算基本支出）", "4,884.09 万元"),
        ("公用经费（一般公共预算基本支出决算）", "480.66 万元"),
    ]
    [bars] = _chart(app, "three_fig")["data"]
    assert bars["x"] == ["一、因公出国（境）费", "二、公务用车购置及运维费", "三、公务接待费"]
    assert _numbers(bars["y"]) == [0, 0, 0.39]  # 万元, as printed
