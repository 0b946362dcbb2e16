"""Every page renders on the sample disclosure; the findings page shows its counts and table."""

from __future__ import annotations

import pytest

from tests.app.conftest import PAGES
from tests.conftest import seed_path


def test_sample_loads_on_first_open(app):
    assert not app.exception
    picker = app.sidebar.selectbox(key="doc_picker")
    assert picker.options == ["999 示例县人民政府办公室 2024"]
    assert app.session_state["docs"]["sample"].doc.department_code == "999"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_sample(app, page):
    app.switch_page(page).run()
    assert not app.exception, app.exception
    assert app.title, f"{page} has no title"


def test_findings_page_shows_counts_and_totals(app):
    labels = [m.label for m in app.metric]
    assert {"错误", "警告", "提示"} <= set(labels)
    values = {m.label: m.value for m in app.metric}
    assert values["收入总计"] == "937.79 万元"
    assert values["基本支出"] == "706.36 万元" and values["项目支出"] == "231.44 万元"
    findings = app.session_state["docs"]["sample"].findings
    counted = sum(int(values[k]) for k in ("错误", "警告", "提示"))
    assert counted == len(findings)
    table = app.dataframe(key="findings_table").value
    # the sample (003) has warnings and info only: warnings come first, each group in source order
    ranks = [{"错误": 0, "警告": 1, "提示": 2}[s] for s in table["严重程度"]]
    assert ranks == sorted(ranks) and ranks[0] == 1 and ranks[-1] == 2
    warnings = [line for line, s in zip(table["行号"], table["严重程度"], strict=True) if s == "警告"]
    assert warnings == sorted(warnings)


def test_findings_filter_by_severity_narrows_the_table(app):
    before = len(app.dataframe(key="findings_table").value)
    app.multiselect(key="filter_severity").set_value(["error"]).run()
    assert not app.exception
    table = app.dataframe(key="findings_table").value
    assert len(table) <= before
    assert set(table["严重程度"]) <= {"错误"}


def test_findings_text_search_with_no_match(app):
    app.text_input(key="filter_text").input("不可能出现的字符串").run()
    assert not app.exception
    assert len(app.dataframe(key="findings_table").value) == 0
    assert any("没有符合条件的问题" in s.value for s in app.success)


def test_composition_page_shows_empty_tables_as_empty(app):
    app.switch_page("pages/composition.py").run()
    assert not app.exception
    # the sample's 三公 table has values; its 政府性基金 table is empty but not charted: no info expected
    assert [c for c in app.get("plotly_chart")], "no chart rendered"


def test_rules_page_lists_the_catalogue(app):
    from checks import load_rules

    app.switch_page("pages/rules.py").run()
    assert not app.exception
    rules = load_rules()
    if rules:
        codes = list(app.dataframe[0].value["规则编号"])
        assert codes == sorted(rules)
        assert len(app.expander) >= len(rules)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_seed_with_a_unit_part(app, page):
    path = seed_path("002")  # 部门 + one 所属单位, empty 三公 table
    app.sidebar.file_uploader(key="uploads").set_value([(path.name, path.read_bytes(), "text/plain")]).run()
    app.switch_page(page).run()
    assert not app.exception, app.exception


def test_composition_notes_empty_tables(app):
    path = seed_path("002")
    app.sidebar.file_uploader(key="uploads").set_value([(path.name, path.read_bytes(), "text/plain")]).run()
    app.switch_page("pages/composition.py").run()
    assert any(i.value.startswith("本表为空表") for i in app.info)
    app.selectbox(key="composition_part").select_index(1).run()
    assert not app.exception


def test_rules_page_filters_by_family(app):
    from checks import load_rules

    app.switch_page("pages/rules.py").run()
    families = sorted({r.family for r in load_rules().values()})
    assert families
    app.multiselect(key="rules_family").set_value([families[0]]).run()
    assert not app.exception
    expected = sorted(c for c, r in load_rules().items() if r.family == families[0])
    assert list(app.dataframe[0].value["规则编号"]) == expected


def test_every_file_in_pages_has_its_own_url():
    """Streamlit makes a page of every pages/*.py (leading digits and underscores dropped from the URL) before
    app.py's navigation runs: a helper module named like a page ("_compare.py" beside "compare.py") stops the app
    with "Two pages resolve to the URL pathname" in a real server, which AppTest never starts."""
    from collections import Counter

    from streamlit.source_util import page_icon_and_name

    from tests.conftest import ROOT

    names = Counter(
        page_icon_and_name(p)[1] for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py"
    )
    assert names["compare"] == 1 and names["findings"] == 1
    assert [name for name, count in names.items() if count > 1] == []
