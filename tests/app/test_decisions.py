"""Upload -> decide -> download on 问题清单, next year's 去年已忽略, a locked library, and the scorecard on the
comparison page; with 万里街道's real 2024 and 2025 PDFs."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from functools import cache

import openpyxl
from streamlit.testing.v1 import AppTest

from checks import build_form, checklist_xlsx, fingerprints, load_templates, run_checks
from library import load_decisions, open_library
from parsing import parse
from tests.app.conftest import APP, ROOT
from tests.conftest import seed_path
from tests.support.synth import Variant, load_seed, vary

PDF = ROOT / "tests" / "data" / "pdf"
WANLI = "上海市普陀区人民政府万里街道办事处{}年预算.pdf"
REASON = "采购安排已在其他相关说明中解释"


@cache
def _file(year: int) -> tuple[str, bytes]:
    """Seed 000 as the same department's disclosure of `year` (tests/support/synth): the same findings each year."""
    data = vary(load_seed(seed_path("000")), Variant("223", "223沧州经济开发区群众工作中心", year)).encode(
        "utf-8"
    )
    return f"223_{year}.txt", data


def _upload(app: AppTest, *years: int) -> AppTest:
    files = [(*_file(y), "text/plain") for y in years]
    return app.sidebar.file_uploader(key="uploads").set_value(files).run()


def _row(app: AppTest, code: str, table: str) -> int:
    frame = app.dataframe(key="findings_table").value
    return next(
        i
        for i, (c, t) in enumerate(zip(frame["规则编号"], frame["表格"], strict=True))
        if (c, t) == (code, table)
    )


def _suffix(year: int, code: str, table: str) -> str:
    name, data = _file(year)
    findings = run_checks(parse(name, data))
    index = next(i for i, f in enumerate(findings) if f.code == code and f.table == table)
    return f"{hashlib.sha256(data).hexdigest()[:12]}_{fingerprints(findings)[index]}"


def _select(app: AppTest, row: int) -> AppTest:
    app.session_state["findings_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return app.run()


def _ignore(app: AppTest, suffix: str, reason: str) -> AppTest:
    app.radio(key=f"decide_verdict_{suffix}").set_value("ignored")
    app.text_input(key=f"decide_reason_{suffix}").set_value(reason)
    app.text_area(key=f"decide_note_{suffix}").set_value("=1+1 复核人：张三")
    next(b for b in app.button if b.label == "保存处理决定").click()
    return app.run()


def _form(year: int):
    """The inspection form of `year`'s file with the decisions the library holds for it (as the download builds it)."""
    name, data = _file(year)
    doc = parse(name, data)
    findings = run_checks(doc)
    stored = load_decisions(open_library(), hashlib.sha256(data).hexdigest(), doc, findings)
    keys = fingerprints(findings)
    decisions = {(doc.file_name, keys[i]): d for i, d in stored.items()}
    book = checklist_xlsx([build_form(doc, findings, decisions=decisions)], load_templates())
    return openpyxl.load_workbook(io.BytesIO(book)).worksheets[0]


def _decision_column(app: AppTest) -> list[str]:
    return list(app.dataframe(key="findings_table").value["处理决定"])


def test_upload_decide_download_and_next_year(app):
    _upload(app, 2024)
    assert not app.exception
    row = _row(app, "XTB010", "政府采购预算表")
    suffix = _suffix(2024, "XTB010", "政府采购预算表")
    _select(app, row)
    assert app.radio(key=f"decide_verdict_{suffix}").value == "pending"  # undecided reads 待定
    _ignore(app, suffix, "")  # 忽略 needs a reason: nothing saved
    assert "忽略须填写理由" in app.warning[-1].value and set(_decision_column(app)) == {""}
    _ignore(app, suffix, REASON)
    assert not app.exception and app.success[-1].value == "已保存：忽略"
    column = _decision_column(app)
    assert column[row] == f"忽略：{REASON}" and column.count("") == len(column) - 1
    # stored in the library under the content hash
    name, data = _file(2024)
    doc = parse(name, data)
    stored = load_decisions(open_library(), hashlib.sha256(data).hexdigest(), doc, run_checks(doc))
    assert [(d.verdict, d.reason, d.note) for d in stored.values()] == [
        ("ignored", REASON, "=1+1 复核人：张三")
    ]
    # the downloads: the finding stays in 问题清单 with its decision; the form notes it under 其他相关说明 (which
    # stays 否 for its three other findings)
    book = openpyxl.load_workbook(io.BytesIO(app.session_state["_exports"]["xlsx"]))
    assert book.sheetnames == ["汇总", "问题清单", "规则说明", "评分"]
    sheet = book["问题清单"]
    head = [c.value for c in sheet[1]]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    decided = [r for r in rows if r[head.index("处理决定")]]
    assert len(rows) == 73 and [(r[head.index("规则编号")], r[head.index("忽略理由")]) for r in decided] == [
        ("XTB010", REASON)
    ]
    form = _form(2024)
    item = next(r for r in form.iter_rows() if r[1].value == "其他相关说明")
    assert item[2].value == "否" and f"另有 1 条经审核忽略：{REASON}" in item[3].value
    scores = openpyxl.load_workbook(io.BytesIO(app.session_state["_exports"]["xlsx"]))["评分"]
    assert [c.value for c in scores[2]][:2] == [1, "223_2024.txt"]

    # next year, a new session on the same library: the same finding is proposed as 去年已忽略
    nxt = AppTest.from_file(str(APP), default_timeout=60).run()
    _upload(nxt, 2025)
    row = _row(nxt, "XTB010", "政府采购预算表")
    column = _decision_column(nxt)
    assert column[row] == f"去年已忽略（待确认）：{REASON}" and column.count("") == len(column) - 1
    _select(nxt, row)
    assert any("去年已忽略此问题" in i.value for i in nxt.info)
    assert nxt.radio(key=f"decide_verdict_{_suffix(2025, 'XTB010', '政府采购预算表')}").value == "ignored"
    # not yet confirmed: the 2025 form still lists it among the problems, not as ignored
    form = _form(2025)
    item = next(r for r in form.iter_rows() if r[1].value == "其他相关说明")
    assert item[2].value == "否" and "经审核忽略" not in item[3].value
    # confirmed as it stands (忽略 and last year's reason are filled in): a decision of its own
    next(b for b in nxt.button if b.label == "保存处理决定").click()
    nxt.run()
    assert _decision_column(nxt)[row] == f"忽略：{REASON}"
    form = _form(2025)
    item = next(r for r in form.iter_rows() if r[1].value == "其他相关说明")
    assert f"另有 1 条经审核忽略：{REASON}" in item[3].value


def test_a_locked_library_keeps_the_decision_in_the_session(app):
    _upload(app, 2024)
    row, suffix = _row(app, "XTB010", "政府采购预算表"), _suffix(2024, "XTB010", "政府采购预算表")
    _select(app, row)
    path = os.environ["BUDGETSCOPE_LIBRARY"]
    script = f"import duckdb, time; c = duckdb.connect({path!r}); print('held', flush=True); time.sleep(15)"
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout.readline().strip() == "held"  # type: ignore[union-attr]
        _ignore(app, suffix, REASON)
        assert not app.exception
        assert any("暂存在本次会话中，尚未存入文件库" in w.value for w in app.warning)
        assert _decision_column(app)[row] == f"忽略：{REASON}"
        sheet = openpyxl.load_workbook(io.BytesIO(app.session_state["_exports"]["xlsx"]))["问题清单"]
        assert sum(r[-3].value == "忽略" for r in sheet.iter_rows(min_row=2)) == 1
        holder.kill()
    # the next save stores the kept one as well
    other = next(
        i for i, c in enumerate(app.dataframe(key="findings_table").value["规则编号"]) if c == "STR004"
    )
    _select(app, other)
    suffix3 = _suffix(2024, "STR004", None)
    app.radio(key=f"decide_verdict_{suffix3}").set_value("confirmed")
    next(b for b in app.button if b.label == "保存处理决定").click()
    app.run()
    assert not any("尚未存入文件库" in w.value for w in app.warning)
    name, data = _file(2024)
    doc = parse(name, data)
    stored = load_decisions(open_library(), hashlib.sha256(data).hexdigest(), doc, run_checks(doc))
    assert sorted(d.verdict.value for d in stored.values()) == ["confirmed", "ignored"]


def _table(app: AppTest, column: str):
    """The first table showing `column` (st.dataframe keys are not exposed to AppTest without selections)."""
    return next(d.value for d in app.dataframe if column in d.value.columns)


def test_compare_page_ranks_the_year(app):
    files = [(n, (PDF / n).read_bytes(), "application/pdf") for n in (WANLI.format(24), WANLI.format(25))]
    app.sidebar.file_uploader(key="uploads").set_value(files).run()
    app.switch_page("pages/compare.py").run()
    assert not app.exception
    assert app.selectbox(key="score_year").options == ["2025", "2024"]
    table = _table(app, "年度排名")
    assert list(table.columns[:3]) == ["年度排名", "部门名称", "文件"] and table["文件"].tolist() == [
        WANLI.format(25)
    ]
    # 2025: no structure finding (completeness 100), accuracy 100·40/(40+34): 3 errors and 1 warning
    assert (table["完整性"].item(), table["准确性"].item()) == (100.0, 54.1)
    app.selectbox(key="score_year").set_value(2024).run()
    assert _table(app, "年度排名")["文件"].tolist() == [WANLI.format(24)]
    # no 决算 loaded: nothing else to pick, no picker
    assert not [r for r in app.radio if r.key == "score_kind"]
    assert "类型：预算（未载入决算；预算与决算分开排名）" in [c.value for c in app.caption]
    definitions = _table(app, "定义")
    assert definitions["得分项"].tolist() == [
        "完整性",
        "准确性",
        "指标质量",
        "文字质量",
        "综合得分",
        "计分方法",
    ]


def test_compare_page_ranks_budgets_and_final_accounts_apart(app):
    final = "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
    files = [
        (WANLI.format(24), (PDF / WANLI.format(24)).read_bytes(), "application/pdf"),
        (final, (PDF / "final_accounts" / final).read_bytes(), "application/pdf"),
    ]
    app.sidebar.file_uploader(key="uploads").set_value(files).run()
    app.switch_page("pages/compare.py").run()
    assert not app.exception
    kind = app.radio(key="score_kind")
    assert (kind.options, kind.value) == (["预算", "决算"], "budget")
    assert app.selectbox(key="score_year").options == ["2024"]
    table = _table(app, "年度排名")
    assert table["文件"].tolist() == [WANLI.format(24)] and table["年度排名"].tolist() == [1]
    app.radio(key="score_kind").set_value("final_accounts").run()
    assert not app.exception
    table = _table(app, "年度排名")
    assert table["文件"].tolist() == [final] and table["年度排名"].tolist() == [1]
    assert any("2024 年度决算共 1 个文件（预算与决算分开排名）" in c.value for c in app.caption)
