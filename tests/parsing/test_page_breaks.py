"""Text cut at a page foot and printed again at the head of the next page (parsing/readers/pdf_checks.py)."""

from __future__ import annotations

from checks import load_rules, run_checks
from parsing import parse
from parsing.readers.pdf import pdf_lines
from tests.support import pdf_fixtures as fx

# page 1 ends with the second wrapped line of the 机关运行经费 paragraph (60 characters)
LAST_LINE_OF_PAGE_1 = "统运行维护的费用安排，同时按照厉行节约的要求压减了会议费和培训费等一般性支出，确保机关正常运转，保障重点工作顺利开展，提"
HALF = "训费等一般性支出，确保机关正常运转，保障重点工作顺利开展，提"  # its second half: 30 characters


def _breaks(data: bytes) -> list[tuple[int, str]]:
    return [(p.page, p.message) for p in pdf_lines("x.pdf", data).problems]


def test_running_header_and_page_numbers_are_no_repeat():
    text = pdf_lines("x.pdf", fx.page_break_pdf(""))
    assert text.problems == ()
    assert fx.RUNNING_HEADER not in text.lines  # removed as furniture, on both pages


def test_a_whole_line_printed_again_is_one_problem_naming_both_pages():
    [(page, message)] = _breaks(fx.page_break_pdf("line"))
    assert page == 2
    assert message.startswith("第1页末尾的文字在第2页开头重复印出：“统运行维护的费用安排")
    # the printed line without its wrap position's spaces: 60 characters, quoted up to 40
    assert message.endswith("（重复60个字）")


def test_half_a_line_printed_again_is_found_too():
    [(page, message)] = _breaks(fx.page_break_pdf("part"))
    assert page == 2
    assert len(LAST_LINE_OF_PAGE_1) == 60 and LAST_LINE_OF_PAGE_1.endswith(HALF)
    assert message == f"第1页末尾的文字在第2页开头重复印出：“{HALF}”（重复30个字）"


def test_prs001_reports_it_on_the_paragraph_across_the_break():
    load_rules()
    from checks.registry import RULES

    doc = parse("x.pdf", fx.page_break_pdf("part"))
    [finding] = [f for f in run_checks(doc, [RULES["PRS001"]]) if "跨页重复印出" in f.message]
    assert finding.message.startswith("解析问题（跨页重复印出）：第1页末尾的文字在第2页开头重复印出")
    assert "重新导出" in finding.hint
    # reported on the paragraph running across the break: it starts on page 1 and, joined, holds the repeat
    assert doc.page_of(finding.line) == 1
    assert doc.pages[finding.line] == 2
    assert LAST_LINE_OF_PAGE_1 + HALF in doc.lines[finding.line - 1]
    clean = parse("x.pdf", fx.page_break_pdf(""))
    assert [f for f in run_checks(clean, [RULES["PRS001"]])] == []
