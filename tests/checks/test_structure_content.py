"""Structure by content (issue 12 item 8): a section whose heading was deleted is found by what it says (STR004
at its first line, no STR003), and a required sub-section missing inside a section is reported at it (STR013)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from checks import load_rules, run_checks
from parsing import parse_lines
from parsing.subsections import opening_section
from tests.conftest import data_doc, seed_doc, seed_path
from tests.golden_findings import DATA
from tests.support.synth import Variant, load_seed, vary

RULES = load_rules()
CODES = ("STR003", "STR004", "STR013")
OFFICE = "pdf/上海市普陀区人民政府办公室25年预算.pdf"
COMMERCE = "pdf/上海市普陀区商务委员会25年预算.pdf"


def _lines(source: str) -> list[str]:
    return (
        list(data_doc(source).lines)
        if source.endswith(".pdf")
        else seed_path(source).read_text("utf-8").split("\n")
    )


def _found(lines: list[str]) -> list[tuple[str, int | None]]:
    doc = parse_lines("edited.txt", lines)
    return sorted((f.code, f.line) for f in run_checks(doc, [RULES[c] for c in CODES]))


def _before(source: str) -> list[tuple[str, int | None]]:
    return _found(_lines(source))


@pytest.mark.parametrize(
    ("source", "heading", "content"),
    [
        # Hebei seeds: the heading line blanked, its content stays (line numbers kept)
        (
            "000",
            "二、部门预算安排的总体情况",
            1143,
        ),  # "按照预算管理有关规定，目前部门预算的编制实行综合预算管理…"
        ("000", "三、机关运行经费安排情况", 1151),  # "2024年，我部门机关运行经费共计安排4.50万元…"
        ("000", "四、财政拨款“三公”经费预算情况及增减变化原因", 1153),
        ("000", "八、政府采购预算情况", 2154),  # no text: the 政府采购预算表 opens it (its title line)
        ("001", "六、政府采购预算情况", 2192),  # "2023年，…安排政府采购预算0.00万元。"
        ("003", "（一）、收入说明", None),  # a sub-heading is no section heading: nothing changes
        ("003", "二、部门预算安排的总体情况", 1593),  # "（一）、收入说明" opens it
        # Shanghai (another layout): 编制说明 and the five parts of 其他相关情况说明
        (OFFICE, "2025年部门预算编制说明", 52),  # "2025年，…收入预算9,101.68万元，其中…"
        (OFFICE, "一、2025年“三公”经费预算情况说明", 1147),
        (OFFICE, "二、机关运行经费预算", 1152),
        (OFFICE, "三、政府采购预算情况", 1154),
        (OFFICE, "五、国有资产占有使用情况", 1159),  # "截至2024年8月31日，…共有车辆0辆"
    ],
)
def test_a_deleted_heading_is_reported_where_its_content_starts(source, heading, content):
    lines = _lines(source)
    [index] = [
        i for i, text in enumerate(lines) if text.strip().replace("[bookmark: _Toc", "").endswith(heading)
    ][:1]
    lines[index] = ""
    added = sorted(set(_found(lines)) - set(_before(source)))
    assert added == ([("STR004", content)] if content else [])


def test_the_deleted_heading_message_quotes_the_content():
    lines = _lines("000")
    lines[1149] = ""  # "三、机关运行经费安排情况"
    [hit] = [f for f in run_checks(parse_lines("x.txt", lines), [RULES["STR004"]]) if f.line == 1151]
    assert hit.message.startswith(
        "“机关运行经费安排情况”有内容但缺少章节标题（内容从“2024年，我部门机关运行经费"
    )


def test_a_mention_in_passing_opens_no_section():
    assert opening_section("机关运行经费：指为保障行政单位运行用于购买货物和服务的各项资金。") is None
    assert opening_section("主要用于政府采购和日常运转。") is None
    assert (
        opening_section("“三公”经费财政拨款支出年初预算为 2.85 万元") is None
    )  # a 决算's, compared not opened


@pytest.mark.parametrize(
    ("source", "old", "new", "expected"),
    [
        # 000 ~1146: "2、支出说明。…2024年支出预算492.28万元，其中基本支出…" removed
        ("000", "2、支出说明", "", ("STR013", 1142, "支出说明")),
        # 003 ~1597: "（三）、比上年增减情况" and its sentence removed
        ("003", "（三）、比上年增减情况", "", ("STR013", 1592, "比上年增减情况")),
        # 003 ~1602: the 三公 section (20.84万元) without its comparison with last year
        (
            "003",
            "与 2023年相比公务用车运维费减少12.15万元。",
            "",
            ("STR013", 1601, "“三公”经费比上年增减及原因"),
        ),
        # Shanghai ~1152: the 机关运行经费 stated without its amount
        (
            OFFICE,
            "机关运行经费预算为213.28万元",
            "机关运行经费预算详见基本支出表",
            ("STR013", 1151, "机关运行经费金额"),
        ),
        # Shanghai ~1465: the 绩效目标 part without 绩效目标
        (COMMERCE, "本部门编报绩效目标的项目共25个", "本部门项目共25个", ("STR013", 1464, "绩效目标情况")),
    ],
)
def test_a_missing_sub_section_is_reported_at_its_section(source, old, new, expected):
    lines = _lines(source)
    hit = [i for i, text in enumerate(lines) if old in text]
    assert hit, old
    if new == "" and lines[hit[0]].strip().startswith(old):  # a sub-heading line: drop it with its sentence
        lines[hit[0]] = ""
        if not any(ch.isdigit() for ch in lines[hit[0] + 1][:1]):
            lines[hit[0] + 1] = ""
    else:
        lines[hit[0]] = lines[hit[0]].replace(old, new)
    code, line, what = expected
    doc = parse_lines("edited.txt", lines)
    found = [f for f in run_checks(doc, [RULES["STR013"]])]
    assert [(f.code, f.line) for f in found] == [(code, line)]
    assert what in found[0].message


def test_nothing_is_missing_in_the_documents_of_the_repository():
    for prefix in ("000", "001", "002", "003"):
        assert run_checks(seed_doc(prefix), [RULES["STR013"]]) == []
    for name in sorted((DATA / "pdf").rglob("*.pdf")):
        doc = data_doc(str(name.relative_to(DATA)))
        assert run_checks(doc, [RULES["STR013"]]) == [], name.name
        # the 决算 (another kind, generic layout) gets no new section by content either
        assert not [s for s in doc.sections if s.heading_missing], name.name


def test_a_synthetic_variant_with_a_deleted_heading():
    seed = load_seed(seed_path("003"))
    lines = vary(seed, Variant("777", "测试县财政局", seed.year + 2)).split("\n")
    assert lines[1598].endswith("三、机关运行经费安排情况")
    lines[1598] = ""
    found = run_checks(parse_lines("variant.txt", lines), [RULES[c] for c in CODES])
    assert ("STR004", 1600) in [(f.code, f.line) for f in found]
    assert "STR003" not in {f.code for f in found}


def test_content_before_its_own_heading_opens_nothing():
    # 000: a 机关运行经费 sentence added to the 总体情况, before "三、机关运行经费安排情况" (then line 1151)
    lines = _lines("000")
    lines.insert(1149, "2024年，我部门机关运行经费共计安排4.50万元。")
    doc = parse_lines("copied.txt", lines)
    assert lines[1150].endswith("三、机关运行经费安排情况")
    running = doc.section("running_cost")
    assert (running.line, running.heading_missing) == (1151, False)
    assert doc.section("overview").paragraphs[-1].text == "2024年，我部门机关运行经费共计安排4.50万元。"


def test_the_income_paragraph_left_inside_the_previous_section():
    text = (
        "示例局2024年部门预算信息公开情况说明\n一、部门职责及机构设置情况\n负责全县城市管理。\n"
        "2024年收入预算总额120.00万元，其中：一般公共预算收入120.00万元。\n"
        "2024年支出预算120.00万元，其中基本支出100.00万元，项目支出20.00万元，较2023年增加10.00万元。\n"
        "三、机关运行经费安排情况\n2024年，我部门机关运行经费共计安排8.00万元。\n四、其他需要说明的事项\n无。"
    )
    doc = parse_lines("inline.txt", text.split("\n"))
    assert [(s.key, s.line, s.heading_missing) for s in doc.sections][:2] == [
        ("duties", 2, False),
        ("overview", 4, True),
    ]
    found = [
        (f.code, f.line)
        for f in run_checks(doc, [RULES[c] for c in CODES])
        if f.row == "部门预算安排的总体情况"
    ]
    assert found == [("STR004", 4)]  # its three sub-sections are all there: no STR013


def test_a_synthetic_variant_with_a_sub_section_removed():
    seed = load_seed(seed_path("000"))
    lines = vary(seed, Variant("778", "测试县信访局", seed.year - 1, D("2.5"))).split("\n")
    assert lines[1147].startswith("3、比上年增减情况")
    lines[1147] = lines[1148] = ""  # the sub-heading and its sentence
    found = run_checks(parse_lines("variant.txt", lines), [RULES["STR013"]])
    assert [(f.line, "比上年增减情况" in f.message) for f in found] == [(1142, True)]
