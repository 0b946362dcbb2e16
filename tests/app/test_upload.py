"""Upload flow: a seed replaces the sample, a bad file is named while good ones load, pasted text, exports."""

from __future__ import annotations

import io

import openpyxl

from checks import load_rules, report, run_checks
from pages._ui import Loaded, LoadError, checklist_bytes, export_inputs
from parsing import parse
from tests.app.conftest import shown
from tests.conftest import seed_path

TXT = "text/plain"


def _seed(prefix: str) -> tuple[str, bytes]:
    path = seed_path(prefix)
    return path.name, path.read_bytes()


def test_uploaded_seed_replaces_the_sample(app):
    name, data = _seed("002")
    app.sidebar.file_uploader(key="uploads").set_value([(name, data, TXT)]).run()
    assert not app.exception
    picker = app.sidebar.selectbox(key="doc_picker")
    assert picker.options == ["313 中共河北沧州经济开发区工委组织人事部 2024"]
    assert picker.value == next(iter(app.session_state["docs"]))
    docs = list(app.session_state["docs"].values())
    assert [d.name for d in docs] == [name] and docs[0].source == "upload"
    assert len(docs[0].findings) == len(run_checks(parse(name, data)))
    assert len(docs[0].findings) > 0
    assert not app.sidebar.error


def test_empty_file_is_named_and_good_file_stays_loaded(app):
    name, data = _seed("000")
    app.sidebar.file_uploader(key="uploads").set_value([("empty.txt", b"", TXT), (name, data, TXT)]).run()
    assert not app.exception
    errors = [shown(e.value) for e in app.sidebar.error]
    assert len(errors) == 1 and "empty.txt" in errors[0]
    assert [d.name for d in app.session_state["docs"].values()] == [name]
    assert app.sidebar.selectbox(key="doc_picker").options == ["223 沧州经济开发区群众工作中心 2024"]


def test_two_files_both_offered_newest_selected(app):
    first, second = _seed("000"), _seed("002")
    uploader = app.sidebar.file_uploader(key="uploads")
    uploader.set_value([(*first, TXT), (*second, TXT)]).run()
    assert not app.exception
    picker = app.sidebar.selectbox(key="doc_picker")
    assert len(picker.options) == 2
    picker.select_index(0).run()
    assert app.sidebar.selectbox(key="doc_picker").index == 0
    assert not app.exception


def test_removing_uploads_brings_back_the_sample(app):
    name, data = _seed("000")
    app.sidebar.file_uploader(key="uploads").set_value([(name, data, TXT)]).run()
    app.sidebar.file_uploader(key="uploads").set_value([]).run()
    assert not app.exception
    assert list(app.session_state["docs"]) == ["sample"]


def test_pasted_text_is_parsed(app):
    _, data = _seed("001")
    app.sidebar.text_area(key="pasted").input(data.decode("utf-8"))
    app.sidebar.button(key="parse_pasted").click().run()
    assert not app.exception
    docs = list(app.session_state["docs"].values())
    assert [d.source for d in docs] == ["pasted"]
    assert docs[0].name == "粘贴文本.txt"
    assert app.sidebar.selectbox(key="doc_picker").value == docs[0].key


def test_pasted_garbage_is_reported(app):
    app.sidebar.text_area(key="pasted").input("随便写的一段话")
    app.sidebar.button(key="parse_pasted").click().run()
    assert not app.exception
    errors = [shown(e.value) for e in app.sidebar.error]
    assert len(errors) == 1 and errors[0].startswith("粘贴文本.txt：无法读取")
    assert list(app.session_state["docs"]) == ["sample"]


def _loaded(prefix: str) -> Loaded:
    name, data = _seed(prefix)
    doc = parse(name, data)
    return Loaded(key=name, name=name, doc=doc, findings=run_checks(doc))


def test_xlsx_export_reads_back_with_the_expected_sheets():
    docs = [_loaded("000"), _loaded("002")]
    errors = [LoadError("empty.txt:0", "empty.txt", "empty.txt：无法读取——文件为空")]
    statuses, findings, rules = export_inputs(docs, errors)
    assert [s.file for s in statuses] == [docs[0].name, docs[1].name, "empty.txt"]
    assert [s.status for s in statuses] == ["ok", "ok", "error"]
    assert len(findings) == len(docs[0].findings) + len(docs[1].findings)
    assert rules is load_rules()

    book = openpyxl.load_workbook(io.BytesIO(report.findings_xlsx(statuses, findings, rules)))
    assert book.sheetnames == ["汇总", "问题清单", "规则说明"]
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert summary[0][0] == "文件" and [r[0] for r in summary[1:]] == [s.file for s in statuses]
    assert book["问题清单"].max_row == len(findings) + 1
    assert book["规则说明"].max_row == len(rules) + 1


def test_csv_export_names_the_unreadable_file():
    docs = [_loaded("000")]
    errors = [LoadError("empty.txt:0", "empty.txt", "empty.txt：无法读取——文件为空")]
    statuses, findings, _ = export_inputs(docs, errors)
    text = report.findings_csv(statuses, findings).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("文件,")
    assert "empty.txt" in text


def test_uploaded_pdf_loads_with_page_provenance(app):
    from tests.conftest import ROOT

    path = ROOT / "tests" / "data" / "pdf" / "上海市普陀区人民政府办公室25年预算.pdf"
    app.sidebar.file_uploader(key="uploads").set_value(
        [(path.name, path.read_bytes(), "application/pdf")]
    ).run()
    assert not app.exception and not app.sidebar.error
    assert app.sidebar.selectbox(key="doc_picker").options == ["上海市普陀区人民政府办公室 2025"]
    doc = next(iter(app.session_state["docs"].values())).doc
    assert (doc.unit, doc.layout, doc.page_of(doc.tables["summary"].line)) == ("元", "shanghai", 8)


def test_checklist_download_has_a_form_per_file(app):
    name, data = _seed("003")
    app.sidebar.file_uploader(key="uploads").set_value([(name, data, TXT), ("empty.txt", b"", TXT)]).run()
    assert not app.exception
    buttons = [e for e in app.get("download_button") if e.proto.id.endswith("download_checklist")]
    assert len(buttons) == 1 and buttons[0].proto.label == "下载检查表 (.xlsx)"
    docs, errors = app.session_state["docs"].values(), app.session_state["load_errors"].values()
    book = openpyxl.load_workbook(io.BytesIO(checklist_bytes(list(docs), list(errors))))
    assert book.sheetnames == ["保定市徐水区人民政府办公室 2024", "empty"]
    assert book["保定市徐水区人民政府办公室 2024"]["A1"].value == "2024年度徐水区部门预算公开情况检查表"


def test_uploaded_final_accounts_are_named_as_such(app):
    from tests.conftest import ROOT

    path = (
        ROOT
        / "tests"
        / "data"
        / "pdf"
        / "final_accounts"
        / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
    )
    app.sidebar.file_uploader(key="uploads").set_value(
        [(path.name, path.read_bytes(), "application/pdf")]
    ).run()
    assert not app.exception and not app.sidebar.error
    assert app.sidebar.selectbox(key="doc_picker").options == ["中共上海市普陀区委社会工作部 2024 决算"]
    assert any("类型：决算　决算年度：2024" in c.value for c in app.caption)
