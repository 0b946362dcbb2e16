"""STR012: the 目录 against the body (checks/rules/structure/contents.py, parsing/contents.py)."""

from __future__ import annotations

from checks import load_rules, run_checks
from parsing import parse_lines
from parsing.contents import table_of_contents
from tests.conftest import FIXTURES, data_doc

RULES = load_rules()


def _fixture_lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")


def _findings(lines: list[str]):
    return run_checks(parse_lines("x.txt", lines), [RULES["STR012"]])


def test_fail_fixture_names_the_missing_section_and_the_unlisted_table():
    found = [(f.line, f.message) for f in _findings(_fixture_lines("STR012_fail.txt"))]
    assert found == [
        (14, "目录列出的“四、其他需要说明的事项”在正文中未找到对应的标题"),
        (334, "正文中的《部门预算政府性基金预算财政拨款支出表》（第334行）未列入目录（目录在第2行）"),
    ]


def test_a_listed_table_missing_from_the_body_is_one_finding_on_its_entry():
    lines = _fixture_lines("STR012_pass.txt")
    start = lines.index("部门预算财政拨款“三公”经费支出表")  # the last of the nine tables, up to 三、名词解释
    end = lines.index("三、名词解释", start)
    found = _findings(lines[:start] + lines[end:])
    assert [(f.line, f.message, f.table) for f in found] == [
        (
            13,
            "目录列出的“9. 部门预算财政拨款“三公”经费支出表”在正文中未找到（按表名含义对应的标准表：财政拨款“三公”经费支出表）",
            "财政拨款“三公”经费支出表",
        )
    ]


def test_entries_are_read_without_numbers_leaders_and_page_numbers():
    line, entries = table_of_contents(_fixture_lines("STR012_pass.txt"))
    assert line == 2
    assert len(entries) == 12  # 一、二、nine tables、三、
    assert entries[2].label == "1. 部门预算收支总表"
    assert (entries[2].title, entries[2].table) == ("部门预算收支总表", "summary")
    assert entries[-1].title == "名词解释"


def test_a_document_without_a_table_of_contents_gets_nothing():
    assert _findings(_fixture_lines("STR001_pass.txt")) == []


def test_shanghai_budget_project_sections_are_headed_by_the_fund_name():
    # 目录 "七、项目经费情况说明"; the body heads each project "科技创新专项经费情况说明" (p. 23) …
    doc = data_doc("上海市普陀区商务委员会25年预算.pdf")
    _, entries = table_of_contents(doc.lines)
    assert entries[-1].label == "七、项目经费情况说明"
    assert "科技创新专项经费情况说明" in doc.lines
    assert run_checks(doc, [RULES["STR012"]]) == []


def test_final_accounts_empty_tables_and_a_heading_run_into_its_paragraph():
    # the fund and capital tables are printed "故本表无数据"; 九、… 情况说明 is joined with its one-line paragraph
    doc = data_doc("pdf/final_accounts/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf")
    _, entries = table_of_contents(doc.lines)
    # four parts, two 概况 entries, nine tables, eleven 情况说明 entries
    assert len(entries) == 26 and sum(e.table is not None for e in entries) == 9
    assert any(
        line.startswith("九、国有资本经营预算财政拨款收入支出决算情况说明上海市") for line in doc.lines
    )
    assert run_checks(doc, [RULES["STR012"]]) == []


def test_inspection_form_puts_the_findings_under_its_contents_item():
    from checks.checklist import MANUAL, NO, build_form

    doc = parse_lines("x.txt", _fixture_lines("STR012_fail.txt"))
    form = build_form(doc, run_checks(doc))
    contents = next(r for r in form.items if r.item.key == "contents")
    assert contents.verdict == NO
    assert [f.line for f in contents.findings] == [14, 334]
    clean = parse_lines("x.txt", _fixture_lines("STR012_pass.txt"))
    form = build_form(clean, run_checks(clean))
    assert next(r for r in form.items if r.item.key == "contents").verdict == MANUAL


def test_a_real_document_with_a_section_or_a_table_entry_removed():
    """商务委员会 2025 as text, edited: without the body heading "其他相关情况说明" its 目录 entry is reported; without
    the 目录 line of the 三公 table, the table is."""
    lines = list(data_doc("上海市普陀区商务委员会25年预算.pdf").lines)
    assert lines.count("其他相关情况说明") == 1
    heading = lines.index("其他相关情况说明")
    found = _findings([*lines[:heading], *lines[heading + 1 :]])
    assert [(f.line, f.message) for f in found] == [
        (18, "目录列出的“六、其他相关情况说明”在正文中未找到对应的标题")
    ]
    entry = next(i for i, line in enumerate(lines) if line.startswith("9．2025年部门“三公”经费"))
    found = _findings([*lines[:entry], *lines[entry + 1 :]])
    assert len(found) == 1 and found[0].table == "财政拨款“三公”经费支出表"
    assert found[0].message.startswith("正文中的《2025年部门“三公”经费和机关运行经费预算表》")
