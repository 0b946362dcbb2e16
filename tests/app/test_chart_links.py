"""Finding ↔ chart links: 问题清单 → 支出结构 / 项目与支出计划 with the place selected and marked (seed 003)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from checks import Finding
from pages._ui import hover_note
from tests.conftest import seed_path

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


def _chart(app: AppTest, key: str) -> dict:
    return next(
        json.loads(c.proto.spec)
        for c in app.get("plotly_chart")
        if c.proto.id.endswith(key) or key in c.proto.id
    )


def test_hover_note_lists_each_title_once():
    f = Finding(
        code=ARI, family="arithmetic", severity="error", title="类/款/项合计与下级之和不符", message="m"
    )
    assert hover_note([f, f]) == "<br>⚠ 问题：类/款/项合计与下级之和不符"
    assert hover_note([f.model_copy(update={"title": "<b>x</b>"})]) == "<br>⚠ 问题：&lt;b&gt;x&lt;/b&gt;"
    assert hover_note([]) == ""


def test_arithmetic_finding_opens_the_function_chart_on_its_class(app):
    _select(_open(app), ARI, 566)
    button = app.button(key="chart_link_0")
    assert button.label == "在图中查看：支出结构：功能分类 20103 政府办公厅（室）及相关机构事务"
    assert not [b for b in app.button if b.key == "chart_link_1"]
    button.click().run()
    assert not app.exception
    assert app.title[0].value == "支出结构"
    assert any("位于 20103 政府办公厅（室）及相关机构事务" in i.value for i in app.info)
    trace = _chart(app, "function_fig")["data"][0]
    assert trace["level"] == "201"
    marked = [
        i for i, width in zip(trace["ids"], trace["marker"]["line"]["width"], strict=True) if width == 3
    ]
    assert marked == ["20103"]
    label = trace["labels"][trace["ids"].index("20103")]
    assert label.startswith("⚠ 20103")
    assert trace["customdata"][trace["ids"].index("20103")][1] == "<br>⚠ 问题：类/款/项合计与下级之和不符"
    assert "chart_focus" not in app.session_state  # taken: the next run shows the page as the user leaves it


def test_plan_finding_opens_its_project_curve(app):
    _select(_open(app), PLN, 1834)
    app.button(key="chart_link_0").click().run()
    assert not app.exception
    assert app.title[0].value == "项目与支出计划"
    assert app.selectbox(key="project_pick").value == 3
    assert any("已在图中以红圈标出" in i.value for i in app.info)
    markers = [t for t in _chart(app, "project_curve_fig")["data"] if t.get("name") == "支出计划问题"]
    assert [(m["x"], m["hovertext"]) for m in markers] == [
        ([3, 12], ["⚠ 资金支出计划缺项", "⚠ 资金支出计划集中在年末"])
    ]


def test_a_finding_no_chart_shows_has_no_link(app):
    _select(_open(app), "ARI004", _first_line(app, "ARI004"))
    assert not [b for b in app.button if (b.key or "").startswith("chart_link_")]


def _first_line(app: AppTest, code: str) -> int:
    frame = app.dataframe(key="findings_table").value
    return int(next(n for c, n in zip(frame["规则编号"], frame["行号"], strict=True) if c == code))
