"""Layout, level and kind of every document in tests/data, of unit-level rewordings, and of a layout nobody knows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checks import load_rules, run_checks
from parsing import BudgetDocument, parse_lines
from parsing.__main__ import main
from parsing.layouts import detect, detect_kind, detect_level
from tests.conftest import data_doc, seed_path
from tests.golden_findings import DATA, documents

RULES = load_rules()
LAYOUT_RULES = {code for code, rule in RULES.items() if rule.needs_layout}
EXPECTED = {
    "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf": ("generic", "department", "final_accounts"),
    "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf": ("generic", "department", "final_accounts"),
    "附件2：部门决算模板.pdf": ("generic", "department", "final_accounts"),
    "上海市普陀区人民政府万里街道办事处24年预算.pdf": ("shanghai", "department", "budget"),
    "上海市普陀区人民政府万里街道办事处25年预算.pdf": ("shanghai", "department", "budget"),
    "上海市普陀区人民政府办公室25年预算.pdf": ("shanghai", "department", "budget"),
    "上海市普陀区商务委员会25年预算.pdf": ("shanghai", "department", "budget"),
    "000_a4c3473fffdcfd73.txt": ("hebei", "department", "budget"),
    "001_0e01da1d0149c9a7.txt": ("hebei", "department", "budget"),
    "002_25a7642d433ed1a7.txt": ("hebei", "department", "budget"),
    "003_9b7473a295d59700.txt": ("hebei", "department", "budget"),
}
OFFICE = "上海市普陀区人民政府办公室25年预算.pdf"


def _found(doc: BudgetDocument) -> list[tuple[str, int | None, str]]:
    return sorted((f.code, f.line, f.severity.value) for f in run_checks(doc))


def test_every_document_in_the_repository_is_listed():
    assert sorted(p.name for p in documents()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout_level_and_kind(name):
    doc = data_doc(name)
    assert (doc.layout, doc.level, doc.kind) == EXPECTED[name]


def test_part_two_units_are_unit_level():
    doc = data_doc("002_25a7642d433ed1a7.txt")
    assert (doc.level, [u.level for u in doc.units]) == ("department", ["unit"])
    assert {(u.layout, u.kind) for u in doc.units} == {("hebei", "budget")}


@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if e[2] == "final_accounts"])
def test_final_accounts_get_no_budget_layout_structure_finding(name):
    doc = data_doc(name)
    codes = {f.code for f in run_checks(doc)}
    assert codes.isdisjoint({"STR001", *LAYOUT_RULES})
    # The cover "… 2024 年度部门决算", wrapped over lines, names the department and the year.
    assert doc.budget_year == 2024 and doc.department_name and "决算" not in doc.department_name


def test_final_accounts_cover_names_the_department():
    assert (
        data_doc("上海市普陀区规划和自然资源局 2024 年度部门决算.pdf").department_name
        == "上海市普陀区规划和自然资源局"
    )
    assert data_doc("附件2：部门决算模板.pdf").department_name == "上海市XX局"


_SHANGHAI_UNIT = [
    ("预算主管部门：", "预算单位："),
    ("编制部门：", "编制单位："),
    ("部门预算编制说明", "单位预算编制说明"),
    ("年部门", "年单位"),  # "2025年部门财务收支预算总表" and the other table titles
]


def _reworded(lines: tuple[str, ...] | list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """Cover, captions and titles reworded 部门 -> 单位 (table cells and the narrative are left alone)."""
    out = []
    for line in lines:
        if not line.startswith("\t") and len(line) <= 60:
            for old, new in pairs:
                line = line.replace(old, new)
        out.append(line)
    return out


def test_shanghai_unit_twin_is_the_same_layout_at_unit_level():
    department = data_doc(OFFICE)
    lines = _reworded(department.lines, _SHANGHAI_UNIT)
    assert "预算单位：上海市普陀区人民政府办公室" in lines and "2025年单位财务收支预算总表" in lines
    unit = parse_lines(OFFICE, lines)
    assert (unit.layout, unit.level, unit.kind) == ("shanghai", "unit", "budget")
    assert unit.tables.keys() == department.tables.keys()
    assert [s.key for s in unit.sections] == [s.key for s in department.sections]
    # Same reviewed findings as the department disclosure: no structure rule asks for another layout's content.
    found = _found(unit)
    assert (
        [f for f in found if f[0] != "TXT022"]
        == _found(parse_lines(OFFICE, list(department.lines)))
        == [
            ("XTB006", 1138, "info"),
            ("XTB010", 1099, "warning"),
        ]
    )
    # Only the titles were reworded: the text still says "本部门…" (职能 39, table notes 842/877, 政府采购 1154/1155,
    # 绩效 1157) and "2025年部门预算安排购置车辆" (1160), each a true level-wording defect of a unit disclosure.
    assert [line for code, line, _ in found if code == "TXT022"] == [39, 842, 877, 1154, 1155, 1157, 1160]


def test_hebei_unit_twin_is_the_same_layout_at_unit_level():
    path = seed_path("003")
    lines = path.read_text(encoding="utf-8").split("\n")
    department = parse_lines(path.name, lines)
    reworded = _reworded(lines, [("部门预算", "单位预算")])
    assert "保定市徐水区人民政府办公室2024年单位预算信息公开情况说明" in reworded
    unit = parse_lines(path.name, reworded)
    assert (unit.layout, unit.level, unit.kind) == ("hebei", "unit", "budget")
    assert unit.tables.keys() == department.tables.keys() and unit.units == []
    found = _found(unit)
    assert [f for f in found if f[0] != "TXT022"] == _found(department)
    # Lines over 60 characters and headings without 部门预算 keep the department's words: "现将…2024年部门预算公开
    # 如下" (1559), 部门职责 (1560), "反映本部门当年全部收入" (1594), 部门整体绩效目标 (1603), 部门项目预算… (1627),
    # the titles 部门机构设置情况 (1580), 部门政府采购预算 (2253), 部门固定资产占用情况表 (2302).
    assert [line for code, line, _ in found if code == "TXT022"] == [
        1559,
        1560,
        1580,
        1594,
        1603,
        1627,
        2253,
        2302,
    ]


def test_an_unknown_layout_is_generic_and_asked_only_what_every_disclosure_has():
    # The office PDF without its Shanghai signals: cover caption gone, 编制说明 and 财务收支 titles reworded.
    lines = [line for line in data_doc(OFFICE).lines if not line.startswith("预算主管部门")]
    lines = _reworded(lines, [("部门预算编制说明", "部门预算安排说明"), ("财务收支预算总表", "收支预算总表")])
    generic = parse_lines(OFFICE, lines)
    assert (generic.layout, generic.level, generic.kind) == ("generic", "department", "budget")
    # "预算安排说明" is no heading any layout knows; the section is still found by its content (item 8):
    # "2025年，…收入预算9,101.68万元，其中…" opens the 总体情况, its heading missing.
    overview = generic.section("overview")
    assert overview.heading_missing and overview.text.startswith("2025年，上海市普陀区人民政府办公室收入预算")
    codes = {f.code for f in run_checks(generic)}
    assert codes.isdisjoint(LAYOUT_RULES)  # no layout-specific structure finding
    # The same document read as Shanghai (cover caption kept) misses its 编制说明 heading: the layout asks for it;
    # its content is there, so the heading is reported missing where the content starts (STR004), not the section.
    shanghai = parse_lines(OFFICE, [data_doc(OFFICE).lines[1], *lines])
    assert shanghai.layout == "shanghai"
    found = run_checks(shanghai, [RULES["STR003"], RULES["STR004"]])
    assert [(f.code, f.line, f.message[:23]) for f in found] == [
        ("STR004", shanghai.section("overview").line, "“部门预算安排的总体情况”有内容但缺少章节标题")
    ]
    # The standard tables are still asked for by meaning: drop one and STR001 says so.
    title = next(line for line in lines if re.search(r"年部门收入预算总表$", line))
    without = parse_lines(OFFICE, [line if line != title else "收入情况" for line in lines])
    assert [f.message for f in run_checks(without, [RULES["STR001"]])] == ["缺少标准预算表：收入总表"]


@pytest.mark.parametrize(
    ("lines", "level", "kind"),
    [
        (["预算单位：上海市普陀区某某中心", "2025年单位预算编制说明"], "unit", "budget"),
        (["上海市XX局", "2024 年度部门决算", "一、收入支出决算总表"], "department", "final_accounts"),
        (["上海市XX中心", "2024 年度单位决算", "收入决算表", "支出决算表"], "unit", "final_accounts"),
        (["部门预算收支总表", "\t预算年度：2024", "单位预算收支总表"], "department", "budget"),  # a tie: 部门
        (["2025年部门预算编制说明", "决算数小于预算数的主要原因"], "department", "budget"),  # one 决算 word
    ],
)
def test_level_and_kind_from_wording(lines, level, kind):
    assert (detect_level(lines), detect_kind(lines)) == (level, kind)
    assert (detect(lines).level, detect(lines).kind) == (level, kind)


def test_parse_json_states_layout_level_and_kind(capsys):
    path = DATA / "pdf" / "final_accounts" / "附件2：部门决算模板.pdf"
    assert main([str(Path(path))]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["layout"], out["level"], out["kind"], out["budget_year"]) == (
        "generic",
        "department",
        "final_accounts",
        2024,
    )
    # the read-quality verdict: the template's 决算 tables are read by meaning (final_*), none is in doubt
    assert out["doubtful_tables"] == {}
    assert main([str(seed_path("002"))]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["layout"], out["level"], out["kind"]) == ("hebei", "department", "budget")
    assert [(u["layout"], u["level"]) for u in out["units"]] == [("hebei", "unit")]
    assert out["doubtful_tables"] == {}


@pytest.mark.parametrize(
    ("name", "duties", "overview"),
    [
        # lines after paragraph reflow (lines wrapped at the right margin are one line): 一、主要职能 on page 4,
        # 一、收入支出决算总体情况说明 on page 20 / 15
        ("上海市普陀区规划和自然资源局 2024 年度部门决算.pdf", 31, 1576),
        ("附件2：部门决算模板.pdf", 31, 1138),
    ],
)
def test_final_accounts_body_starts_after_its_table_of_contents(name, duties, overview):
    # The 目录 has no page numbers and its long part titles wrap ("…部门决算" / "表"): it ends where its first
    # entry, "第一部分 …概况", is printed again; the template's body is no longer swallowed by it.
    doc = data_doc(name)
    assert (doc.section("final_duties").line, doc.section("final_overall").line) == (duties, overview)
    # The cells of 收入支出决算总表 are a table (final_summary), not narrative text.
    text = [p.text for s in doc.sections for p in s.paragraphs]
    assert "final_summary" in doc.tables and not any(t.startswith("四、上级补助收入") for t in text)


def test_a_tie_between_two_layouts_is_no_confident_detection():
    hebei = ["示例局2024年部门预算信息公开情况说明", "十一、其他需要说明的事项"]
    shanghai = ["预算主管部门：示例局", "2024年部门预算编制说明"]
    assert (detect(hebei).layout, detect(shanghai).layout) == ("hebei", "shanghai")
    assert (detect(hebei + shanghai).layout, detect(hebei + shanghai).score) == ("generic", 2)
    assert detect([*hebei, *shanghai, "\t预算年度：2024"]).layout == "hebei"  # one more signal decides
