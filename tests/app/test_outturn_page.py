"""预算与决算 page: a synthetic budget and 决算 of one department uploaded; the sample alone has no pair."""

from __future__ import annotations

from tests.support.outturn_pair import budget_lines, final_lines


def _upload(app, *files: tuple[str, list[str]]):
    data = [(name, "\n".join(lines).encode("utf-8"), "text/plain") for name, lines in files]
    return app.sidebar.file_uploader(key="uploads").set_value(data).run()


def test_no_pair_is_said_in_chinese(app):
    app.switch_page("pages/outturn.py").run()
    assert not app.exception
    assert app.title[0].value == "预算与决算"
    assert "没有同一部门、同一年度的部门预算和部门决算" in app.info[0].value


def test_pair_shows_rates_chart_and_the_planted_difference(app):
    _upload(app, ("某某局2024预算.txt", budget_lines()), ("某某局2024决算.txt", final_lines()))
    app.switch_page("pages/outturn.py").run()
    assert not app.exception, app.exception
    rates, differences = (frame.value for frame in app.dataframe)  # 执行率, then 年初预算核对
    by_name = {row["科目/项目"]: row for _, row in rates.iterrows()}
    assert by_name["社会保障和就业支出"]["执行率（÷年初预算，%）"] == "95.00%"  # 49.40 / 52.00
    assert by_name["社会保障和就业支出"]["执行率（÷预算公开，%）"] == "98.80%"  # 49.40 / 50.00
    assert by_name["三、公务接待费"]["决算数"] == "2.70 万元"
    assert by_name["合计"]["执行率（÷预算公开，%）"] == "96.12%"  # 163.40 / 170.00
    assert len(app.get("plotly_chart")) == 1
    assert differences[
        ["科目编码", "决算所列年初预算", "预算公开数", "差额", "容差", "决算行号", "预算行号"]
    ].values.tolist() == [["208", "52.00 万元", "50.00 万元", "2.00 万元", "0.005000 万元", 39, 31]]
