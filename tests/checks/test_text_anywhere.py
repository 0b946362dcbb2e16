"""Text rules read text wherever it is printed (the title, the opening, table titles and notes, project texts) and
those that need no budget year run on a document whose year is not found."""

from __future__ import annotations

from checks import load_rules, run_checks
from checks.support.passages import passages
from parsing import parse_lines
from tests.conftest import seed_path

RULES = load_rules()
TEXT = [rule for code, rule in sorted(RULES.items()) if code.startswith("TXT")]


def _lines(prefix: str) -> list[str]:
    return seed_path(prefix).read_text(encoding="utf-8").split("\n")


def _at(lines: list[str], start: str) -> int:
    """The 1-based number of the first line starting with `start`."""
    return next(n for n, line in enumerate(lines, 1) if line.lstrip("\t").startswith(start))


def _without_year(lines: list[str]) -> list[str]:
    """The seed with its year gone from the cover, the title and every table header."""
    return [line.replace("2024", "") for line in lines]


def _planted() -> tuple[list[str], dict[str, int]]:
    lines = _without_year(_lines("003"))
    plants = {
        # table note: doubled punctuation (TXT011) and a 元 amount among 万元 (TXT003)
        "注：无政府基金预算财政拨款预算": "注：无政府基金预算财政拨款预算，，空表列示，较上年减少0元，上年为0.00万元。",
        # opening: a malformed amount (TXT002)
        "按照《中华人民共和国预算法》": "按照《中华人民共和国预算法》规定，现将本部门预算公开如下，收入合计12.5.0万元。",
        # table title: template residue (TXT001)
        "[bookmark: _Toc_2_2_0000000005]部门预算一般公共预算财政拨款支出表": (
            "[bookmark: _Toc_2_2_0000000005]XX部门预算一般公共预算财政拨款支出表"
        ),
        # the 支出说明: a retired class name (TXT021, judged against the name the tables print)
        "收支预算总表支出栏": "收支预算总表支出栏中医疗卫生与计划生育支出（类）41.89万元。",
    }
    found: dict[str, int] = {}
    for start, text in plants.items():
        n = _at(lines, start)
        lines[n - 1] = text
        found[start] = n
    return lines, found


def test_a_document_without_a_year_still_gets_its_text_findings_everywhere():
    lines, at = _planted()
    doc = parse_lines("003_no_year.txt", lines)
    assert doc.budget_year is None and doc.tables and doc.projects
    found = {(f.code, f.line) for f in run_checks(doc, TEXT)}
    note = at["注：无政府基金预算财政拨款预算"]
    assert ("TXT011", note) in found  # "，，" in a table note
    assert ("TXT003", note) in found  # "0元" among 万元 in a table note
    assert ("TXT002", at["按照《中华人民共和国预算法》"]) in found  # "12.5.0万元" in the opening
    assert ("TXT001", at["[bookmark: _Toc_2_2_0000000005]部门预算一般公共预算财政拨款支出表"]) in found  # XX
    assert ("TXT021", at["收支预算总表支出栏"]) in found


def test_the_title_and_the_table_titles_are_text():
    doc = parse_lines("003.txt", _lines("003"))
    where = {(p.where, p.line) for p in passages(doc)}
    assert ("标题", 1557) in where  # 第一部分  保定市徐水区人民政府办公室2024年部门预算信息公开情况说明
    assert ("一般公共预算财政拨款支出表表题", 1077) in where
    assert ("政府性基金预算财政拨款支出表注", 1435) in where


def test_the_same_seed_with_its_year_has_the_same_text_findings():
    """The year changes no text finding of the seed: none of them rests on it."""
    with_year = parse_lines("003.txt", _lines("003"))
    without = parse_lines("003.txt", _without_year(_lines("003")))
    assert with_year.budget_year == 2024 and without.budget_year is None
    assert sorted((f.code, f.line) for f in run_checks(with_year, TEXT)) == sorted(
        (f.code, f.line) for f in run_checks(without, TEXT)
    )


def test_a_paragraph_repeating_the_opening_is_a_repeat():
    """TXT007 reads the opening too: its sentence pasted again into the 支出说明 is reported there."""
    lines = _without_year(_lines("003"))
    opening = lines[_at(lines, "按照《中华人民共和国预算法》") - 1]
    spending = _at(lines, "收支预算总表支出栏")
    lines.insert(spending, opening)
    doc = parse_lines("003_repeat.txt", lines)
    found = [(f.line, f.message) for f in run_checks(doc, [RULES["TXT007"]])]
    # the seed's own repeat (one 绩效指标 sentence under two goals, 1617) moves one line down
    assert found == [
        (spending + 1, f"部门预算安排的总体情况：本段与前文一段完全相同（“{opening[:40]}…”）"),
        (1618, found[1][1]),
    ]
    assert found[1][1].startswith(
        "部门整体绩效目标：本段与前文一段完全相同（“绩效指标：综合协调管理工作完成率"
    )
