"""Library page: uploads stored with consent, listed, loaded into the session, removed; peer view; locked file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from checks import run_checks
from library.store import Library, LibraryBusy, open_library
from parsing import parse, parse_lines
from tests.app.conftest import LIBRARY, shown
from tests.conftest import seed_path
from tests.support.synth import Variant, department, load_seed, vary

TXT = "text/plain"
PAGE = "pages/library.py"


@pytest.fixture
def stored(tmp_path: Path) -> Library:
    """The library the app fixture points at (same tmp_path), with nothing in it yet."""
    return open_library(tmp_path / LIBRARY)


def _upload(app, *prefixes: str) -> None:
    files = [(seed_path(p).name, seed_path(p).read_bytes(), TXT) for p in prefixes]
    app.sidebar.file_uploader(key="uploads").set_value(files).run()


def _table(app, column: str):
    """The first table showing `column` (st.dataframe keys are not exposed to AppTest without selections)."""
    return next(d.value for d in app.main.dataframe if column in d.value.columns)


def _add(library: Library, *prefixes: str) -> list[int]:
    for prefix in prefixes:
        path = seed_path(prefix)
        doc = parse(path.name, path.read_bytes())
        library.add(path.name, path.read_bytes(), doc, run_checks(doc))
    return [int(i) for i in library.documents()["doc_id"]]


def test_upload_is_stored_and_listed(app, stored):
    assert app.sidebar.checkbox(key="save_to_library").value is True
    _upload(app, "002")
    assert not app.exception and not app.sidebar.warning
    docs = stored.documents()
    assert docs[["file_name", "department_code", "budget_year"]].values.tolist() == [
        [seed_path("002").name, "313", 2024]
    ]
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    table = _table(app, "存入时间（UTC）")
    assert table[["部门编码", "部门名称", "年度", "类型"]].values.tolist() == [
        ["313", "中共河北沧州经济开发区工委组织人事部", 2024, "预算"]
    ]
    assert table["问题数"].tolist() == [int(docs["findings"][0])] and table["问题数"][0] > 0
    matrix = _table(app, "2024年")
    assert list(matrix.columns) == ["部门编码", "部门名称", "2024年"]
    assert any("少于 5 个" in i.value for i in app.info)  # one department: no outlier scores


def test_unticked_checkbox_keeps_the_next_upload_out(app, stored):
    _upload(app, "002")
    app.sidebar.checkbox(key="save_to_library").uncheck().run()
    _upload(app, "002", "000")
    assert not app.exception
    assert len(app.session_state["docs"]) == 2
    assert stored.documents()["file_name"].tolist() == [seed_path("002").name]


def test_sample_and_pasted_text_are_not_stored(app, stored):
    assert list(app.session_state["docs"]) == ["sample"]
    app.sidebar.text_area(key="pasted").input(seed_path("001").read_text(encoding="utf-8"))
    app.sidebar.button(key="parse_pasted").click().run()
    assert not app.exception and stored.documents().empty


def test_load_from_library_into_the_session(app, stored):
    ids = _add(stored, "000", "001")
    app.switch_page(PAGE).run()
    app.multiselect(key="library_pick").set_value(ids)
    app.button(key="library_load").click().run()
    assert not app.exception, app.exception
    docs = list(app.session_state["docs"].values())
    assert [(d.name, d.source) for d in docs] == [(seed_path(p).name, "library") for p in ("000", "001")]
    assert [len(d.findings) for d in docs] == stored.documents()["findings"].tolist()
    assert app.sidebar.selectbox(key="doc_picker").value == docs[-1].key  # the sample has left
    assert "已载入 2 个文件" in app.success[0].value
    app.switch_page("pages/compare.py").run()
    assert not app.exception and app.main.dataframe


def test_loading_nothing_or_a_stored_upload_adds_nothing(app, stored):
    _upload(app, "002")
    app.switch_page(PAGE).run()
    app.button(key="library_load").click().run()
    assert "请先选择" in app.main.warning[0].value
    app.multiselect(key="library_pick").set_value([int(i) for i in stored.documents()["doc_id"]])
    app.button(key="library_load").click().run()
    assert not app.exception
    assert [d.source for d in app.session_state["docs"].values()] == ["upload"]  # same bytes, same key


def test_remove_needs_confirmation(app, stored):
    first, second = _add(stored, "000", "001")
    app.switch_page(PAGE).run()
    assert app.button(key="library_remove").disabled
    app.selectbox(key="library_remove_pick").set_value(first)
    app.checkbox(key="library_remove_confirm").check().run()
    app.button(key="library_remove").click().run()
    assert not app.exception, app.exception
    assert stored.documents()["doc_id"].tolist() == [second]
    assert "已从文件库删除" in app.success[0].value
    assert not app.checkbox(key="library_remove_confirm").value  # the next removal asks again
    assert app.selectbox(key="library_remove_pick").value == second
    app.checkbox(key="library_remove_confirm").check().run()
    app.button(key="library_remove").click().run()
    assert not app.exception and stored.documents().empty
    assert any("还没有文件" in i.value for i in app.info)


def test_peer_view_flags_the_outlier(app, stored):
    seed = load_seed(seed_path("003"))
    for i, extra in enumerate([20, 21, 22, 20, 21, 300]):  # findings per document; the last one is wild
        code, name = department(i)
        text = vary(seed, Variant(code, name, 2024, Decimal(1)))
        doc = parse_lines(f"{code}.txt", text.split("\n"))
        stored.add(doc.file_name, text.encode(), doc, (run_checks(doc) * 40)[:extra])
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    assert len(_table(app, "outliers")) == 6
    flagged = _table(app, "修正 z 分数")
    assert flagged[["比率", "数值", "方向"]].values.tolist() == [["问题数", 300.0, "偏高"]]
    assert any("MAD" in c.value and "3.5" in c.value for c in app.caption)


def test_locked_library_page_warns(app, stored, monkeypatch):
    monkeypatch.setattr("pages._ui.LIBRARY_TIMEOUT", 0.3)
    _add(stored, "000")
    with duckdb.connect(str(stored.path)):  # a batch holding the write lock: reads are refused
        app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    assert "正被其他程序占用" in app.main.warning[0].value
    app.run()  # released: the page reads again
    assert not app.warning and len(_table(app, "存入时间（UTC）")) == 1


def test_locked_library_upload_warns_and_still_analyses(app, stored, monkeypatch):
    monkeypatch.setattr("pages._ui.LIBRARY_TIMEOUT", 0.3)
    with duckdb.connect(str(stored.path), read_only=True):  # readers in this process: no writer gets in
        _upload(app, "002")
    assert not app.exception, app.exception
    assert [d.source for d in app.session_state["docs"].values()] == ["upload"]
    warning = shown(app.sidebar.warning[0].value)
    assert warning.startswith(f"{seed_path('002').name} 未存入文件库") and "占用" in warning
    assert stored.documents().empty
    app.switch_page("pages/findings.py").run()
    assert app.sidebar.warning  # stays while the file is loaded
    app.sidebar.file_uploader(key="uploads").set_value([]).run()
    assert not app.sidebar.warning


@pytest.mark.parametrize("error", [LibraryBusy(Path("x.duckdb"), 0.1), duckdb.IOException("disk full")])
def test_failing_library_calls_become_warnings(app, stored, monkeypatch, error):
    def fail(*args, **kwargs):
        raise error

    ids = _add(stored, "000")
    for method in ("add", "load", "remove"):
        monkeypatch.setattr(Library, method, fail)
    _upload(app, "002")
    assert "未存入文件库" in app.sidebar.warning[0].value
    app.switch_page(PAGE).run()
    app.multiselect(key="library_pick").set_value(ids)
    app.button(key="library_load").click().run()
    assert "其余未能载入" in app.main.warning[0].value
    app.checkbox(key="library_remove_confirm").check().run()
    app.button(key="library_remove").click().run()
    assert "未能删除" in app.main.warning[0].value
    assert not app.exception, app.exception
    assert len(stored.documents()) == 1
