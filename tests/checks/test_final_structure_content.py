"""决算 parts by content (issue 14 item 3): a 决算 part whose heading was deleted is found by what it says
(parsing/subsections.py FINAL_OPENINGS) and its missing heading reported at the content (STR004, no STR003); a 决算
never opens a budget section by its content.

Fixtures: the two 2024 决算 PDFs' text (doc.lines) with one heading line blanked (line numbers kept), parsed again.
"""

from __future__ import annotations

import pytest

from checks import load_rules, run_checks
from parsing import parse_lines
from parsing.subsections import final_opening_section, opening_section
from tests.conftest import data_doc

RULES = load_rules()
CODES = ("STR003", "STR004", "STR013")
PLAN = "pdf/final_accounts/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"
SOCIAL = "pdf/final_accounts/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"


def _found(lines: list[str]) -> list[tuple[str, int | None]]:
    doc = parse_lines("edited.txt", lines)
    assert doc.kind == "final_accounts"
    return sorted((f.code, f.line) for f in run_checks(doc, [RULES[c] for c in CODES]))


def _without(source: str, heading: str) -> list[str]:
    """The document's lines with its body heading `heading` blanked (the 目录 entry stays)."""
    doc = data_doc(source)
    lines = list(doc.lines)
    [section] = [s for s in doc.sections if lines[s.line - 1].strip().startswith(heading.split("…")[0])]
    lines[section.line - 1] = ""
    return lines


def test_the_final_documents_give_no_structure_finding():
    for source in (PLAN, SOCIAL):
        assert _found(list(data_doc(source).lines)) == []


@pytest.mark.parametrize(
    ("source", "heading", "content"),
    [
        # "上海市普陀区规划和自然资源局 2024 年度收入支出总计9859.38 万元。…"
        (PLAN, "一、收入支出决算总体情况说明", 1577),
        (PLAN, "二、收入决算情况说明", 1579),  # "本年收入合计 9746.50 万元，其中：…"
        (PLAN, "三、支出决算情况说明", 1581),  # "本年支出合计 9759.38 万元，其中：…"
        (PLAN, "四、财政拨款收入支出决算总体情况说明", 1583),  # "…财政拨款收入支出总计 9746.50 万元"
        (
            PLAN,
            "五、一般公共预算财政拨款支出决算情况说明",
            1585,
        ),  # "（一）一般公共预算财政拨款支出决算总体情况"
        (PLAN, "六、一般公共预算财政拨款基本支出决算情况说明", 1609),  # "…基本支出 5377.64 万元"
        (
            PLAN,
            "七、财政拨款“三公”经费支出决算情况说明",
            1611,
        ),  # "（一）“三公”经费财政拨款支出决算总体情况说明。"
        (
            PLAN,
            "八、政府性基金预算财政拨款收入支出决算情况说明",
            1624,
        ),  # "…无政府性基金预算财政拨款收入和支出。"
        (PLAN, "十、预算绩效管理情况", 1627),  # "…2024年度预算绩效管理工作开展情况如下"
        (PLAN, "（一）机关运行经费支出情况", 1630),  # "机关运行经费支出 142.80 万元，比 2023 年度减少…"
        (PLAN, "（二）政府采购支出情况", 1632),  # "…政府采购金额（以合同签订为准）为 2319.21 万元"
        (PLAN, "（三）国有资产占有使用情况说明", 1635),  # "截至 2024 年 12 月 31 日，…共有车辆 0 辆"
        (PLAN, "第四部分 名词解释", 1637),  # "一、财政拨款收入：指…"
        (SOCIAL, "二、部门决算单位构成", 33),  # "从预算单位构成看，…"
        (SOCIAL, "一、收入支出决算总体情况说明", 1392),
        (SOCIAL, "七、财政拨款“三公”经费支出决算情况说明", 1425),  # "…2024 年度无“三公”经费财政拨款支出。"
        (SOCIAL, "九、国有资本经营预算财政拨款收入支出决算情况说明", 1429),
        (SOCIAL, "（一）机关运行经费支出情况", 1434),
        (SOCIAL, "（三）国有资产占有使用情况说明", 1440),
    ],
)
def test_a_deleted_final_heading_is_reported_where_its_content_starts(source, heading, content):
    assert _found(_without(source, heading)) == [("STR004", content)]


def test_the_message_names_the_part_and_quotes_its_content():
    doc = parse_lines("edited.txt", _without(PLAN, "（三）国有资产占有使用情况说明"))
    [hit] = run_checks(doc, [RULES["STR004"]])
    assert hit.row == "国有资产占有使用情况说明"
    assert hit.message.startswith(
        "“国有资产占有使用情况说明”有内容但缺少章节标题（内容从“截至 2024 年 12 月 31 日"
    )
    assert doc.section("final_assets").line == 1635
    assert doc.section("final_procurement").paragraphs[-1].line < 1635  # no longer holds the assets text


@pytest.mark.parametrize(
    ("source", "heading", "missing"),
    [
        # no content of its own to find it by: the part is missing (reported at the next part's heading)
        (PLAN, "一、主要职能", ("STR003", 46)),
        (PLAN, "十一、其他重要事项的情况说明", ("STR003", 1629)),  # its content is its (一)–(三) parts
        # heading and text on one line ("九、…情况说明某局 2024 年度无…"): both gone
        (PLAN, "九、国有资本经营预算财政拨款收入支出决算情况说明上海市…", ("STR003", 1626)),
    ],
)
def test_a_part_without_recognisable_content_is_missing(source, heading, missing):
    assert _found(_without(source, heading)) == [missing]


def test_a_final_document_opens_no_budget_section_by_content():
    # budget openings in a 决算 (after its 总体情况): read as text, never as 机关运行经费/国有资产 budget sections
    lines = list(data_doc(PLAN).lines)
    at = data_doc(PLAN).section("final_income").line - 1
    lines[at:at] = ["2024年，我部门机关运行经费共计安排4.50万元。", "截至2024年8月31日，本部门共有车辆8辆。"]
    doc = parse_lines("edited.txt", lines)
    assert opening_section(lines[at]) == "running_cost"
    assert not {"running_cost", "assets"} & {s.key for s in doc.sections}
    assert not [s for s in doc.sections if s.heading_missing]
    assert _found(lines) == []


def test_content_of_a_later_part_opens_nothing_before_its_heading_or_out_of_order():
    # the assets sentence copied into 一、总体情况: its own heading comes later, nothing opens
    lines = list(data_doc(PLAN).lines)
    at = data_doc(PLAN).section("final_income").line - 1
    lines.insert(at, "截至 2024 年 12 月 31 日，本部门共有车辆 0 辆。")
    doc = parse_lines("edited.txt", lines)
    assert [s.key for s in doc.sections if s.heading_missing] == []
    assert doc.section("final_assets").line == 1635  # its heading, one line further down
    # the 总体情况 sentence after the 收入决算 part (an earlier part's content, its heading deleted): no reopening
    lines = _without(PLAN, "一、收入支出决算总体情况说明")
    # "本年收入合计…" (before its own heading, line 1578: text) now first; the 总计 sentence after that heading
    lines[1576], lines[1578] = lines[1578], lines[1576]
    doc = parse_lines("edited.txt", lines)
    assert [s.key for s in doc.sections if s.heading_missing] == []
    assert _found(lines) == [("STR003", 1578)]  # the 总体情况 part is missing before 二、收入决算


def test_final_openings_read_the_template_wording():
    assert final_opening_section("2024年度收入、支出决算总计 120.50 万元。") == "final_overall"
    assert final_opening_section("本部门 2024 年度政府采购支出总额 35.00 万元") == "final_procurement"
    assert final_opening_section("本部门2024年度无机关运行经费支出。") == "final_running_cost"
    # mentions: a glossary entry, a running text naming the subject without its figure
    assert final_opening_section("十一、机关运行经费：指为保障行政单位运行…") is None
    assert final_opening_section("主要用于政府采购和日常运转。") is None
    assert final_opening_section("收入支出决算总表") is None
