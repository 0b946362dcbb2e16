"""TXT021: 功能分类 names in the text against the document's tables and the year's catalogue."""

from __future__ import annotations

import json

import pytest

from checks import load_rules, run_checks
from checks.support.subjects import CATALOGUE, catalogue_name, ending, resolve, same
from parsing import parse_lines
from parsing.codes import FUNCTION_CLASSES
from tests.conftest import seed_path
from tests.golden_findings import documents

RULE = load_rules()["TXT021"]
SPENDING = "收支预算总表支出栏、基本支出表、项目支出表按经济分类"  # 003's 支出说明 paragraph starts so


# The findings on the documents in tests/data, each read in the source and judged true.
REVIEWED = {
    # 1602 "自然资源事务（款）其他国土资源事务支出（项）": the table prints 2200199 其他自然资源事务支出 (renamed 2019);
    # 1603, 1606 "住房保障支出（类）住房保障支出（款）…": the class's name as 款, the table's 款 is 22102 住房改革支出
    "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf": [1602, 1603, 1606],
}


def _seed_003_with(sentence: str):
    """Seed 003 (2024; its tables print 210 卫生健康支出 and 2080505) with a sentence after its 支出说明."""
    lines = seed_path("003").read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(SPENDING))
    lines.insert(at + 1, sentence)
    return parse_lines("003_subjects.txt", lines), at + 2


def _found(doc):
    return [(f.line, f.message) for f in run_checks(doc, [RULE]) if f.code == "TXT021"]


def test_catalogue_names_by_year():
    assert catalogue_name("210", 2018) == "医疗卫生与计划生育支出"
    assert catalogue_name("210", 2019) == catalogue_name("210", 2024) == "卫生健康支出"
    assert catalogue_name("207", 2018) == "文化体育与传媒支出"
    assert catalogue_name("207", 2023) == "文化旅游体育与传媒支出"
    assert catalogue_name("220", 2018) == "国土海洋气象等支出"
    assert catalogue_name("220", 2025) == "自然资源海洋气象等支出"
    assert catalogue_name("224", 2018) is None and catalogue_name("224", 2019) == "灾害防治及应急管理支出"
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert data["source"] and all(
        n["checked"] in ("printed", "recalled") for c in data["classes"] for n in c["names"]
    )


def test_catalogue_knows_every_class_name_the_parser_maps():
    """Each name the parser maps to a code is a catalogue name of that code, or a near variant of one
    ("文化和旅游体育与传媒支出", printed by some documents, is read as a slip for 文化旅游体育与传媒支出)."""
    current = {code: catalogue_name(code, 2024) for code in set(FUNCTION_CLASSES.values())}
    for name, code in FUNCTION_CLASSES.items():
        entry = ending(name)
        found = entry.code if entry else resolve(name, {c: n for c, n in current.items() if n})[0]
        assert found == code, name


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.stem[:16])
def test_current_names_are_what_the_documents_print(path):
    """Every 类 row the eleven documents print (2023–2025) carries the catalogue's name for the year."""
    from parsing import parse

    doc = parse(path.name, path.read_bytes())
    for part in doc.parts():
        for table in part.tables.values():
            for row in table.rows:
                if row.code and len(row.code) == 3 and row.code.startswith("2"):
                    assert same(row.name, catalogue_name(row.code, part.budget_year)), (row.code, row.name)
    assert [line for line, _ in _found(doc)] == REVIEWED.get(path.name, [])


def test_name_resolution():
    names = {"208": "社会保障和就业支出", "210": "卫生健康支出"}
    assert same("卫生健康", "卫生健康支出") and not same("医疗卫生", "卫生健康支出")
    assert resolve("主要为卫生健康", names) == ("210", "卫生健康支出", True)
    assert resolve("社会保障与就业支出", names) == ("208", "社会保障和就业支出", False)
    assert resolve("住房保障支出", names) is None


def test_retired_class_name_against_the_table_and_the_year():
    doc, line = _seed_003_with("其中医疗卫生与计划生育支出（类）41.89万元。")
    [(found_line, message)] = _found(doc)
    assert found_line == line
    assert "“医疗卫生与计划生育支出”是210类在其他年度的名称（2014—2018年使用）" in message
    assert "本文件表格和2024年科目均为“卫生健康支出”" in message


def test_coded_path_against_the_table_rows():
    right = "社会保障和就业支出（208类）行政事业单位养老支出（05款）机关事业单位基本养老保险缴费支出（05项）51.04万元。"
    assert _found(_seed_003_with(right)[0]) == []
    wrong = right.replace("机关事业单位基本养老保险缴费支出", "机关事业单位职业年金缴费支出")
    doc, line = _seed_003_with(wrong)
    [(found_line, message)] = _found(doc)
    assert found_line == line
    assert message.startswith("部门预算安排的总体情况：2080505项写作“机关事业单位职业年金缴费支出”")
    assert "本文件表格为“机关事业单位基本养老保险缴费支出”" in message


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("卫生健康（类）41.89万元。", None),  # the stem is the name
        ("一般公共服务支出（201类）41.89万元。", None),
        ("卫生健康支出（207类）41.89万元。", "207类写作“卫生健康支出”，“卫生健康支出”是210类的名称"),
        ("210类医疗卫生与计划生育支出41.89万元。", "210类写作“医疗卫生与计划生育支出”"),
        ("社会保障与就业支出（类）51.04万元。", "类名“社会保障与就业”与208类的名称不一致（疑似笔误）"),
        ("另有文化体育与传媒支出1.00万元。", "“文化体育与传媒支出”是207类在其他年度的名称"),
        ("210类科目合计41.89万元。", None),  # words after the code, no name
    ],
)
def test_phrasings(sentence, said):
    found = _found(_seed_003_with(sentence)[0])
    if said is None:
        assert found == []
    else:
        assert len(found) == 1 and said in found[0][1]


def test_without_a_year_the_tables_name_the_class():
    """A document whose year is not found: the retired name is judged against the name its tables print."""
    lines = seed_path("003").read_text(encoding="utf-8").split("\n")
    lines = [line.replace("2024", "") for line in lines]
    at = next(i for i, line in enumerate(lines) if line.startswith(SPENDING))
    lines.insert(at + 1, "其中医疗卫生与计划生育支出（类）41.89万元。")
    doc = parse_lines("003_no_year.txt", lines)
    assert doc.budget_year is None
    [(_, message)] = _found(doc)
    assert "本文件表格为“卫生健康支出”" in message


@pytest.mark.parametrize(
    ("path", "said"),
    [
        (
            "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）51.04万元。",
            None,
        ),
        (
            "社会保障和就业支出（类）社会保障和就业支出（款）机关事业单位基本养老保险缴费支出（项）51.04万元。",
            "款名写作208类的名称“社会保障和就业支出”；本文件表格中208下为20805“行政事业单位养老支出”",
        ),
        (
            "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险交费支出（项）51.04万元。",
            "项名“机关事业单位基本养老保险交费支出”与本文件表格中2080505“机关事业单位基本养老保险缴费支出”不一致",
        ),
        # a 项 the tables do not print under the 款 and no near name: another reading of the path, not reported
        ("社会保障和就业支出（类）行政事业单位养老支出（款）退休人员活动费（项）0.88万元。", None),
    ],
)
def test_paths_named_without_codes(path, said):
    doc, line = _seed_003_with(path)
    found = _found(doc)
    if said is None:
        assert found == []
    else:
        assert [n for n, _ in found] == [line] and said in found[0][1]
