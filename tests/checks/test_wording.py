"""TXT022/TXT023: the words 部门/单位 and 预算/决算 where they name the document, against its level and kind."""

from __future__ import annotations

import random
import re

import pytest

from checks import load_rules, run_checks
from checks.rules.text import wording_patterns
from parsing import parse_lines
from tests.conftest import seed_path
from tests.golden_findings import documents
from tests.support.pieces import joined_pieces

RULES = load_rules()
WORDING = [RULES["TXT022"], RULES["TXT023"]]
# 部门 -> 单位 wherever the seed names itself: what a unit-level twin of a department disclosure prints.
UNIT_WORDS = [
    ("部门预算", "单位预算"),
    ("本部门", "本单位"),
    ("部门职责", "单位职责"),
    ("部门整体", "单位整体"),
    ("部门项目", "单位项目"),
    ("部门机构设置", "单位机构设置"),  # the table titles, as 002's part two prints them
    ("部门政府采购", "单位政府采购"),
    ("部门固定资产", "单位固定资产"),
]
SPENDING = "收支预算总表支出栏、基本支出表、项目支出表按经济分类"  # 003's 支出说明 paragraph starts so


def _found(doc, code=None):
    return [(f.code, f.line, f.message) for f in run_checks(doc, WORDING) if code in (None, f.code)]


def _seed(prefix: str, pairs=(), sentence: str | None = None):
    lines = seed_path(prefix).read_text(encoding="utf-8").split("\n")
    for old, new in pairs:
        lines = [line.replace(old, new) for line in lines]
    at = None
    if sentence is not None:
        at = next(i for i, line in enumerate(lines) if line.startswith(SPENDING)) + 1
        lines.insert(at, sentence)
    return parse_lines(f"{prefix}_wording.txt", lines), (at + 1 if at is not None else None)


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.stem[:16])
def test_no_finding_on_the_documents_in_the_repository(path):
    from parsing import parse

    assert _found(parse(path.name, path.read_bytes())) == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_a_unit_twin_worded_throughout_has_no_finding(prefix):
    doc, _ = _seed(prefix, UNIT_WORDS)
    assert doc.level == "unit"
    # what stays: 预算部门（单位）, 各部门（单位）, 部门主管专项资金, 名词解释 definitions of 部门预算
    assert _found(doc) == []


def test_a_unit_twin_with_its_titles_only_reworded():
    """003 with 部门预算 -> 单位预算 in its titles and short lines only: the text left in department wording."""
    lines = seed_path("003").read_text(encoding="utf-8").split("\n")
    lines = [
        line.replace("部门预算", "单位预算") if not line.startswith("\t") and len(line) <= 60 else line
        for line in lines
    ]
    doc = parse_lines("003_unit.txt", lines)
    assert doc.level == "unit"
    found = _found(doc, "TXT022")
    assert sorted((line, message.split("，文中称")[1].split("，应为")[0]) for _, line, message in found) == [
        (1559, "“部门预算”"),  # 现将保定市徐水区人民政府办公室2024年部门预算公开如下
        (1560, "“部门职责”"),  # 一、部门职责及机构设置情况
        (1580, "“部门”"),  # table title 部门机构设置情况
        (1594, "“本部门”"),  # 反映本部门当年全部收入
        (1603, "“部门整体绩效”"),  # 五、部门整体绩效目标
        (1627, "“部门项目”"),  # 七、部门项目预算安排情况及绩效目标
        (2253, "“部门”"),  # table title 部门政府采购预算
        (2302, "“部门”"),  # table title 部门固定资产占用情况表
    ]
    assert any(
        m.startswith("开篇：本文件是单位公开文件，文中称“部门预算”，应为“单位预算”") for _, _, m in found
    )


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("本部门共有车辆2辆。", "TXT022"),
        ("现将示例中心2024年部门预算公开如下：", "TXT022"),
        ("2024年部门预算安排购置车辆0辆。", "TXT022"),
        ("本单位2024年单位决算如下。", "TXT023"),  # a 决算 of the budget's own year
        ("以上为单位决算信息公开情况说明。", "TXT023"),
        ("本单位2024年部门决算如下。", "both"),  # the level and the kind both wrong: one finding each
        ("预算部门（单位）的“三公”经费由主管部门统一管理。", None),
        ("本部门（单位）无政府性基金预算。", None),
        ("单位支出已纳入2024年部门预算。", None),
        ("比2023年决算数增加5.00万元。", None),
        ("上年情况详见2023年单位决算公开。", None),  # another year's 决算: another document
        ("按照《部门预算管理办法》编制。", None),
    ],
)
def test_unit_wording_by_phrase(sentence, code):
    doc, line = _seed("003", UNIT_WORDS, sentence)
    assert doc.level == "unit" and doc.kind == "budget"
    expected = {None: [], "both": [("TXT022", line), ("TXT023", line)]}.get(code, [(code, line)])
    assert [(c, n) for c, n, _ in _found(doc)] == expected


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("现将示例局2024年单位预算公开如下：", True),
        ("本单位预算收支总额937.79万元。", False),  # 本单位 + 预算收支: a one-unit department's own words
        ("第二部分 部门所属单位预算", False),
        ("所属单位预算已在第二部分公开。", False),
        ("本单位无此项支出。", False),  # a department that is one unit says so
        ("预算单位预算执行情况良好。", False),
    ],
)
def test_department_wording_by_phrase(sentence, found):
    doc, line = _seed("003", (), sentence)
    assert doc.level == "department"
    assert [(c, n) for c, n, _ in _found(doc)] == ([("TXT022", line)] if found else [])


def test_kind_of_a_table_title():
    lines = seed_path("003").read_text(encoding="utf-8").split("\n")
    lines = [line.replace("一般公共预算财政拨款支出表", "一般公共预算财政拨款支出决算表") for line in lines]
    doc = parse_lines("003_title.txt", lines)
    found = _found(doc, "TXT023")
    assert len(found) == 1 and "支出决算表" in found[0][2] and found[0][2].endswith("…”）")
    assert "应为“预算”" in found[0][2]


def test_final_accounts_that_call_themselves_a_budget():
    from parsing import parse

    path = next(p for p in documents() if p.name.startswith("中共上海市普陀区委社会工作部"))
    doc = parse(path.name, path.read_bytes())
    assert doc.kind == "final_accounts"
    note = "注：本表反映部门本年度的总收支和年末结转结余情况。"
    lines = [
        "现将中共上海市普陀区委社会工作部2024年部门预算公开如下：" if line.strip() == note else line
        for line in doc.lines
    ]
    planted = parse_lines(path.name, lines)
    found = _found(planted, "TXT023")
    [(_, line, message)] = found
    assert planted.lines[line - 1].startswith("现将")
    assert "文中称“部门预算公开”，应为“部门决算公开”" in message


def test_own_year_final_is_the_year_pattern_it_replaced():
    """One pattern for every year, the year compared after the match, finds what a pattern of that year found."""
    years = ["2024年", "2023年度", "202年", "12024年", "２０２４年", "2024"]
    pieces = [*years, "年度", "部门", "单位", "决算", "预", "，"]
    rnd = random.Random(16)
    for _ in range(20000):
        text, year = joined_pieces(rnd, pieces, 9), rnd.choice((2024, 2023, 202))
        old = re.compile(rf"(?<!\d){year}年度?(?:部门|单位)?决算").search(text)
        new = wording_patterns.first_match(wording_patterns.Place(text, None, ""), (), year)
        assert (new and new.span()) == (old and old.span()), (text, year)
