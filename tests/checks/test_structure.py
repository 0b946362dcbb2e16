"""Completeness rules (STR) on the real seeds and on small inline documents."""

from __future__ import annotations

from decimal import Decimal

from checks import load_rules, run_checks
from parsing import parse_lines
from tests.conftest import seed_doc, seed_path

RULES = load_rules()
SEEDS = ("000", "001", "002", "003")
STRUCTURE = [rule for code, rule in sorted(RULES.items()) if code.startswith("STR")]


def _findings(prefix: str):
    return run_checks(seed_doc(prefix), STRUCTURE)


def _doc(text: str):
    return parse_lines("inline.txt", text.strip("\n").split("\n"))


def test_000_all_tables_and_notes_only_the_other_heading_is_missing():
    doc = seed_doc("000")
    assert len(doc.tables) == 9
    assert doc.tables["fund_expense"].is_empty and doc.tables["fund_expense"].empty_note_line == 1056
    assert [(f.code, f.line, f.severity.value) for f in _findings("000")] == [
        ("STR004", 2231, "warning"),  # "我部门无其他需要说明的事项。" without "十一、其他需要说明的事项"
    ]


def test_001_row_numbers_project_codes_and_part_numbering():
    findings = _findings("001")
    assert sorted((f.code, f.line, f.expected, f.actual) for f in findings) == [
        # 收入总表: 4, (blank), 12, 16: one finding per break
        ("STR005", 326, Decimal(5), None),
        ("STR005", 340, Decimal(6), Decimal(12)),
        ("STR005", 354, Decimal(13), Decimal(16)),
        ("STR005", 1080, Decimal(13), Decimal(14)),  # 基本支出表: 12 → 14
        # all seven projects without 项目编码: one finding per project, at its 项目编码 cell
        *[("STR006", line, None, None) for line in (1532, 1617, 1726, 1832, 1938, 2023, 2108)],
        ("STR008", 1527, None, None),  # "第2部分" between 第一部分 and 第三部分
    ]
    messages = {(f.code, f.line): f.message for f in findings}
    assert messages["STR005", 326] == "收入总表序号不连续：4之后序号为空（一般行政管理事务）"
    assert messages["STR005", 340] == "收入总表序号不连续：空之后为12"
    assert (
        messages["STR006", 1532] == "项目1“信访信息系统网络维护费”未填写项目编码（本部分全部7个项目均未填写）"
    )
    # the empty 三公 table has labelled rows, blank values and a note without "。": no STR002
    assert not [f for f in findings if f.code == "STR002"]


def test_002_lone_own_unit_equals_department_and_nothing_else():
    doc = seed_doc("002")
    assert [u.department_name for u in doc.units] == ["中共河北沧州经济开发区工委组织人事部本级"]
    # STR011 (list numbering) reads the project texts: "1.1、慰问机关事业退休人员；2、…" (line 2715), reviewed true.
    assert [(f.code, f.line) for f in _findings("002")] == [("STR011", 2715)]


def test_003_headings_missing_for_assets_and_other():
    assert [(f.code, f.line) for f in _findings("003")] == [("STR004", 2301), ("STR004", 2347)]


def _summary_table(code: str, name: str, amount: str) -> str:
    rows = [
        ["序号", "收入", "支出"],
        ["", "项目", "预算数", "项目", "预算数"],
        ["栏次", "1", "2", "3", "4"],
        ["1", "本年收入合计", amount, "本年支出合计", amount],
        ["2", "收入总计", amount, "支出总计", amount],
    ]
    body = "\n\n".join("\n".join(f"\t{c}" for c in row) for row in rows)
    return f"单位预算收支总表\n\t{code}{name}\n\t预算年度：2024\n\t单位：万元\n\n{body}\n"


def test_units_sum_once_per_gap_and_partial_publication_is_a_warning():
    department = _summary_table("101", "示例局", "10.00").replace("单位预算", "部门预算")
    organisations = "一、部门职责及机构设置情况\n部门机构设置情况\n\t单位名称\n\t单位性质\n\n\t示例局本级\n\t行政\n\n\t示例局下属中心\n\t事业\n"
    unit = "第二部分 部门所属单位预算\n101001示例局本级\n" + _summary_table("101001", "示例局本级", "7.00")
    findings = run_checks(_doc(department + organisations + unit), [RULES["STR009"]])
    assert [(f.row, f.expected, f.actual, f.severity.value) for f in findings] == [
        ("本年收入合计", Decimal("10.00"), Decimal("7.00"), "warning")
    ]


def test_chapter_gap_is_reported_but_a_heading_kept_as_text_is_not():
    # The Hebei title and 其他需要说明 make the layout known: chapter numbering is asked of a known layout only.
    gap = (
        "示例局2024年部门预算信息公开情况说明\n一、部门职责及机构设置情况\n负责全县城市管理。\n"
        "三、机关运行经费安排情况\n机关运行经费2.00万元。\n四、其他需要说明的事项\n无。"
    )
    found = run_checks(_doc(gap), [RULES["STR008"]])
    assert [(f.code, f.line, f.severity.value) for f in found] == [("STR008", 4, "warning")]
    assert run_checks(_doc(gap.replace("四、其他需要说明的事项\n无。", "")), [RULES["STR008"]]) == []
    kept = gap.replace("负责全县城市管理。", "负责全县城市管理。\n二、部门收入支出说明")
    assert run_checks(_doc(kept), [RULES["STR008"]]) == []


def test_missing_narrative_is_one_finding():
    tables_only = _summary_table("101", "示例局", "10.00")
    findings = run_checks(_doc(tables_only), [RULES["STR003"]])
    assert [(f.line, f.severity.value) for f in findings] == [(1, "error")]


def test_table_of_dashes_needs_no_empty_note():
    table = _summary_table("101", "示例局", "—").replace("单位预算", "部门预算")
    assert run_checks(_doc(table), [RULES["STR002"]]) == []
    blank = _summary_table("101", "示例局", "").replace("单位预算", "部门预算")
    assert [f.line for f in run_checks(_doc(blank), [RULES["STR002"]])] == [1]


def test_project_tables_without_their_heading_start_an_unheaded_section():
    # 001: "五、预算绩效信息" (line 1501) dropped: its text and the project tables (from line 1531) now follow 四.
    lines = seed_path("001").read_text(encoding="utf-8").split("\n")
    assert lines[1500] == "五、预算绩效信息"
    del lines[1500]
    doc = parse_lines("no_heading.txt", lines)
    assert len(doc.projects) == 7 and doc.section("projects").heading_missing
    found = run_checks(doc, STRUCTURE)
    headings = [f for f in found if f.code in ("STR004", "STR008") and f.severity.value != "info"]
    assert [(f.code, f.line) for f in headings] == [("STR004", 1530)]
    assert "内容从第1530行的表格开始" in headings[0].message
    # 003: "七、…绩效目标" dropped after "六、…专项资金…": the tables stay in 六, and 六 → 八 is a chapter gap.
    lines = seed_path("003").read_text(encoding="utf-8").split("\n")
    assert lines[1626].endswith("七、部门项目预算安排情况及绩效目标")
    del lines[1626]
    gaps = run_checks(parse_lines("no_heading.txt", lines), [RULES["STR008"]])
    assert [(f.severity.value, "八、" in f.message) for f in gaps] == [("warning", True)]


def test_section_without_its_table_in_a_layout_that_prints_one():
    # 001: "七、国有资产信息" (line 2243), its sentence, then the 固定资产占用情况表 (title line 2245). Drop the table.
    lines = seed_path("001").read_text(encoding="utf-8").split("\n")
    end = next(i for i in range(2245, len(lines)) if lines[i].startswith("注") or lines[i].startswith("八、"))
    assert lines[2244] == "部门固定资产占用情况表"
    doc = parse_lines("no_assets_table.txt", lines[:2244] + lines[end:])
    assert [(f.line, f.table) for f in run_checks(doc, [RULES["STR010"]])] == [(2243, "固定资产占用情况表")]
    assert all(run_checks(seed_doc(p), [RULES["STR010"]]) == [] for p in ("000", "001", "002", "003"))


def _planted_lines(prefix: str, edits: dict[int, tuple[str, str]]):
    lines = seed_path(prefix).read_text(encoding="utf-8").split("\n")
    for line, (old, new) in edits.items():
        assert lines[line - 1].lstrip("\t").startswith(old), (line, old)
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return parse_lines(f"{prefix}_planted.txt", lines)


def test_list_numbering_on_seeds_reviewed():
    # 002 项目 "春节慰问…" 绩效目标 "1.1、慰问机关事业退休人员；2、慰问困难党员。" (line 2715, copied in part two at 8220);
    # every other list of the four seeds runs 1, 2, 3 or restarts at 1 under a new heading.
    found = {p: [(f.line, f.other_lines) for f in run_checks(seed_doc(p), [RULES["STR011"]])] for p in SEEDS}
    assert found == {"000": [], "001": [], "002": [(2715, [8220])], "003": []}


def test_list_numbering_finds_planted_gaps_repeats_and_doubled_markers():
    doc = _planted_lines(
        "001",
        {
            1459: ("3、", "4、"),  # 1、2、4、: gap
            1469: ("3、", "2、"),  # 1、2、2、: repeat
            1516: ("4、", "1.1."),  # "1.1." as an item number
        },
    )
    found = [(f.line, f.message.split("：", 1)[1].split("（")[0]) for f in run_checks(doc, [RULES["STR011"]])]
    assert found == [
        (1516, "序号“1.1.”重复书写"),  # the items after it (5、 …) are no gap
        (1459, "序号从2跳到“4、”，中间缺1项"),
        (1469, "序号“2、”与上一项重复"),
    ]
    # 003 项目 1 绩效目标 "1.为保障…" (line 1660) continued by the TAB-less line "2.聘用劳务派遣13名" (1661): "3." is a gap.
    doc = _planted_lines("003", {1661: ("2.", "3.")})
    assert [f.line for f in run_checks(doc, [RULES["STR011"]])] == [1661]


def test_list_numbering_reads_a_doubled_numeral_as_no_marker():
    # "十十、" is no Chinese numeral: it once raised ValueError in chinese_numeral and STR011 became a CHK000.
    doc = _planted_lines("001", {1459: ("3、", "十十、")})
    assert run_checks(doc, [RULES["STR011"]]) == []  # 1、2、 then a line of text: no gap, no check-error
