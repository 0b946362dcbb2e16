"""Document text and file names are shown as typed: never rendered as Markdown links, images or markup."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from pages._ui import chart_text, plain
from tests.app.conftest import PAGES
from tests.conftest import seed_path

HOST = "192.0.2.1"  # TEST-NET-1: never routed
NAME = f"![d](http://{HOST}/x.png)[官方修正版下载](http://{HOST}/a)"
PROJECT = f"<a href='http://{HOST}/p'>办公</a>**粗体**$x^2$"
FILE = f"[下载](http://{HOST}/f).txt"
MARKDOWN_ELEMENTS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
)


def _hostile_seed() -> bytes:
    text = seed_path("000").read_text(encoding="utf-8")
    text = text.replace("沧州经济开发区群众工作中心", NAME).replace("办公设备购置费", PROJECT)
    return text.encode("utf-8")


def _html(source: str) -> str:
    return MarkdownIt("commonmark").render(source)


@pytest.mark.parametrize(
    "text",
    [NAME, PROJECT, FILE, "www.example.com", "a@b.cn", "1. 列表", "# 标题", ":red[红]", "a_b_c", "\\*"],
)
def test_plain_renders_as_typed(text):
    rendered = _html(plain(text))
    assert "<img" not in rendered and "<a " not in rendered and "<em>" not in rendered
    assert rendered.replace("\u200b", "").removeprefix("<p>").removesuffix("</p>\n") == text.replace(
        "&", "&amp;"
    ).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def test_chart_text_escapes_plotly_markup():
    assert chart_text(PROJECT) == f"&lt;a href='http://{HOST}/p'&gt;办公&lt;/a&gt;**粗体**$x^2$"


def test_no_page_renders_document_text_as_markdown(app):
    app.sidebar.file_uploader(key="uploads").set_value([(FILE, _hostile_seed(), "text/plain")]).run()
    assert not app.exception
    assert [d.doc.department_name for d in app.session_state["docs"].values()] == [NAME]
    shown = 0
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, page
        for kind in MARKDOWN_ELEMENTS:
            for element in getattr(app, kind):
                source = element.value if isinstance(element.value, str) else str(element.body)
                rendered = _html(source)
                assert "<img" not in rendered and "<a " not in rendered, (page, kind, source)
                assert f"http://{HOST}" not in source, (page, kind, source)  # GFM would link a bare URL
                shown += HOST.replace(".", "\\.") in source
        for chart in app.get("plotly_chart"):
            spec = json.loads(chart.proto.spec)
            assert f"<a href='http://{HOST}" not in json.dumps(spec, ensure_ascii=False), page
    assert shown >= 3  # the name is shown (escaped) in the header, the caption and the sidebar at least
