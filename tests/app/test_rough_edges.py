"""Rough edges a new user meets: unreadable files counted in the main area, duplicate uploads, amounts in
万元/亿元, department names in filters, all documents compared, projects with problems first, blank grid cells."""

from __future__ import annotations

import base64
import json

import numpy as np

from checks import fmt_amount, load_rules
from tests.conftest import ROOT, seed_path

TXT = "text/plain"
PDF = ROOT / "tests" / "data" / "pdf" / "上海市普陀区人民政府万里街道办事处24年预算.pdf"


def _seed(prefix: str) -> tuple[str, bytes, str]:
    path = seed_path(prefix)
    return path.name, path.read_bytes(), TXT


def test_failed_files_are_counted_in_the_main_area(app):
    app.sidebar.file_uploader(key="uploads").set_value(
        [("empty.txt", b"", TXT), ("bad.docx", b"not a zip", TXT), _seed("000")]
    ).run()
    assert not app.exception
    banner = app.main.error[0].value
    assert banner.startswith("2 个文件无法读取，已载入 1 个可读文件") and ".pdf" in banner
    reasons = next(d.value for d in app.main.dataframe if "原因" in d.value.columns)
    assert reasons["文件"].tolist() == ["empty.txt", "bad.docx"]
    # the reason does not repeat the file name ("empty.txt：无法读取——文件为空" in the exports)
    assert reasons["原因"].tolist()[0] == "无法读取——文件为空"
    assert not any(r.startswith(("empty.txt", "bad.docx")) for r in reasons["原因"])
    assert app.get("status")[0].proto.label == "已解析 1 个文件，2 个无法读取"


def test_only_bad_files_mention_pdf(app):
    app.sidebar.file_uploader(key="uploads").set_value([("empty.txt", b"", TXT)]).run()
    assert not app.exception
    assert ".pdf" in app.main.error[0].value
    assert not app.session_state["docs"] or list(app.session_state["docs"]) == ["sample"]


def test_same_file_twice_gives_a_notice(app):
    name, data, mime = _seed("000")
    app.sidebar.file_uploader(key="uploads").set_value(
        [(name, data, mime), ("copy_of.txt", data, mime)]
    ).run()
    assert not app.exception
    assert len(app.session_state["docs"]) == 1
    notice = app.main.warning[0].value
    assert notice.startswith("以下文件内容相同，只载入一次") and "copy\\_of\\.txt" in notice


def test_headline_amounts_in_wan_for_a_yuan_document(app):
    app.sidebar.file_uploader(key="uploads").set_value(
        [(PDF.name, PDF.read_bytes(), "application/pdf")]
    ).run()
    assert not app.exception
    doc = next(iter(app.session_state["docs"].values())).doc
    assert doc.unit == "元"
    # 收支总表 收入总计 = 支出总计 = 156,211,123 元 (= 99,706,020 + 56,505,103, the 支出总表 合计 row's 基本支出 and
    # 项目支出): from 1 亿元 up in 亿元
    assert [m.value for m in app.main.metric][:4] == [
        "1.56 亿元",
        "1.56 亿元",
        "9,970.60 万元",
        "5,650.51 万元",
    ]
    assert fmt_amount(150211123, "元") == "1.50 亿元"
    # findings without figures leave 应为 blank
    table = app.dataframe(key="findings_table").value.set_index("规则编号")
    assert table.loc["XTB008", "应为"] == ""


def test_a_one_yuan_gap_stays_visible_in_wan(app):
    pdf = ROOT / "tests" / "data" / "pdf" / "上海市普陀区人民政府万里街道办事处25年预算.pdf"
    app.sidebar.file_uploader(key="uploads").set_value(
        [(pdf.name, pdf.read_bytes(), "application/pdf")]
    ).run()
    assert not app.exception
    # ARI003 on the 收入总表 21201: 94,995,789 元 from its 项, 94,995,790 元 printed
    table = app.dataframe(key="findings_table").value.set_index("规则编号")
    assert table.loc["ARI003", ["应为", "实为", "差额"]].tolist() == [
        "9,499.5789 万元",
        "9,499.5790 万元",
        "0.0001 万元",
    ]


def test_findings_file_filter_shows_department_names(app):
    app.sidebar.file_uploader(key="uploads").set_value([_seed("000"), _seed("003")]).run()
    assert not app.exception
    options = app.multiselect(key="filter_file").options
    assert options == ["223 沧州经济开发区群众工作中心 2024", "434 保定市徐水区人民政府办公室 2024"]


def test_compare_preselects_every_loaded_document(app):
    app.sidebar.file_uploader(key="uploads").set_value([_seed("000"), _seed("001"), _seed("003")]).run()
    app.switch_page("pages/compare.py").run()
    assert not app.exception
    assert len(app.multiselect(key="compare_pick").value) == 3


def test_project_picker_starts_with_projects_that_have_problems(app):
    app.sidebar.file_uploader(key="uploads").set_value([_seed("002")]).run()
    app.switch_page("pages/projects.py").run()
    assert not app.exception
    picker = app.selectbox(key="project_pick")
    doc = next(iter(app.session_state["docs"].values()))
    counts = []
    for label in picker.options:  # "3. 城乡居民养老保险代缴补贴县级配套（0.80 万元）　⚠ 5 条问题"
        project = next(p for p in doc.doc.projects if p.index == int(label.split(".")[0]))
        span = range(project.line, project.end_line + 1)
        counts.append(sum(any(n in span for n in [f.line, *f.other_lines] if n) for f in doc.findings))
    assert counts == sorted(counts, reverse=True) and counts[0] > 0 and counts[-1] < counts[0]
    assert all(label.endswith(f"⚠ {n} 条问题") for label, n in zip(picker.options, counts, strict=True))


def test_library_grid_has_no_none(app):
    app.sidebar.file_uploader(key="uploads").set_value([("x.txt", b"\xef\xbb\xbf", TXT), _seed("001")]).run()
    app.switch_page("pages/library.py").run()
    assert not app.exception
    for frame in app.main.dataframe:
        text = frame.value.astype(str)
        assert not text.isin(["None", "nan", "<NA>"]).any().any(), frame.value


def _numbers(data) -> list[float]:
    """Plotly's JSON: a list, or a typed array {"dtype": "f8", "bdata": base64}."""
    if isinstance(data, dict):
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return [float(v) for v in data]


def test_chart_axes_in_wan_for_a_yuan_document(app):
    app.sidebar.file_uploader(key="uploads").set_value(
        [(PDF.name, PDF.read_bytes(), "application/pdf")]
    ).run()
    app.switch_page("pages/composition.py").run()
    assert not app.exception
    specs = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    bars = [s for s in specs if s["data"] and s["data"][0]["type"] == "bar"]
    assert bars, "the 经济分类 and 三公 bar charts"
    for spec in bars:
        layout = spec["layout"]
        axis = layout["xaxis"] if "金额" in str(layout["xaxis"].get("title")) else layout["yaxis"]
        assert axis["title"]["text"] in ("金额（万元）", "金额（亿元）") and axis["tickformat"] == ",.2~f"
        # 元 amounts divided by 10,000: the largest 经济分类 line of this document is below 1 亿元
        values = [
            v
            for trace in spec["data"]
            for v in _numbers(trace["x"] if axis is layout["xaxis"] else trace["y"])
        ]
        assert 0 < max(values) < 10000


def test_rules_page_explains_every_rule_in_chinese(app):
    app.switch_page("pages/rules.py").run()
    assert not app.exception
    texts = [m.value for m in app.main.markdown if m.value.startswith("**检查内容：**")]
    assert len(texts) == len(load_rules())
    first = texts[0]  # ARI001, joined from the wrapped docstring without stray spaces
    assert first.startswith("**检查内容：** 合计、小计或上级科目单元格为空，而构成它的各项有数。")
    assert all("**为什么：**" in t and "**示例：**" in t and "Why" not in t for t in texts)


def test_the_score_table_fits_the_page(app):
    pdf = ROOT / "tests" / "data" / "pdf" / "上海市普陀区人民政府万里街道办事处25年预算.pdf"
    app.sidebar.file_uploader(key="uploads").set_value(
        [(PDF.name, PDF.read_bytes(), "application/pdf"), (pdf.name, pdf.read_bytes(), "application/pdf")]
    ).run()
    app.switch_page("pages/compare.py").run()
    assert not app.exception
    table = next(d for d in app.dataframe if "年度排名" in d.value.columns)
    config = json.loads(table.proto.columns)
    shown = list(table.value.columns)
    assert shown[-1] == "计分问题数"
    widths = {c: config[c]["width"] for c in shown}  # every column sized: none grows to its longest text
    assert widths["计分问题数"] == 90 and widths["文件"] == 170
    # the nine columns fit a wide page's main area beside the sidebar (1280 px screen: about 900 px)
    assert len(widths) == 9 and sum(widths.values()) <= 900
