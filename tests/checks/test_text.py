"""Text-quality rules (TXT) on the real seeds and on small inline documents."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from checks import load_rules, run_checks
from parsing import parse, parse_lines
from tests.conftest import ROOT, seed_doc, seed_path

RULES = load_rules()
TEXT = [rule for code, rule in sorted(RULES.items()) if code.startswith("TXT")]


def _findings(prefix: str):
    return run_checks(seed_doc(prefix), TEXT)


def _summary(prefix: str):
    return sorted((f.code, f.line, f.severity.value) for f in _findings(prefix))


def _doc(text: str):
    return parse_lines("inline.txt", text.strip("\n").split("\n"))


def _codes(text: str, code: str):
    return [(f.line, f.message) for f in run_checks(_doc(text), [RULES[code]]) if f.code == code]


def test_000_placeholders_empty_special_funds_and_truncated_indicator():
    assert _summary("000") == [
        ("TXT001", 1147, "warning"),  # 项目支出487.78万元，主要为无
        ("TXT001", 1149, "warning"),  # 基本支出…主要为无 / 项目支出…主要为无 (one hit for the paragraph)
        ("TXT001", 1153, "warning"),  # 增减变化的主要原因是无
        ("TXT004", 1177, "warning"),  # 六、部门主管专项资金… directly followed by 七
        ("TXT009", 1245, "info"),  # 单位购置成本（元/台、件、辆、
    ]
    (hit,) = [f for f in _findings("000") if f.line == 1149]
    assert hit.message.count("主要为无") == 2


def test_001_doubled_reason_yuan_and_malformed_budget():
    assert _summary("001") == [
        ("TXT001", 1499, "warning"),  # 主要原因是：主要原因本单位无此项支出
        ("TXT002", 1839, "warning"),  # 预算数 "2..5"
        ("TXT003", 1499, "info"),  # 公务接待费0元 beside 0.14万元
        ("TXT010", 1531, "warning"),  # heading 河北省信息系统网络维护费 over 信访信息系统网络维护费
    ]
    (bad,) = [f for f in _findings("001") if f.code == "TXT002"]
    assert (bad.project, "2..5" in bad.message) == ("严重精神障碍患者监护人责任险", True)


def test_002_empty_sections_in_both_parts_and_truncated_indicator():
    findings = _findings("002")
    assert sorted((f.code, f.part is None, f.line, f.severity.value, f.other_lines) for f in findings) == [
        ("TXT004", False, 7397, "error", []),  # 一、单位职责及机构设置情况: only 单位职责：/机构设置：
        ("TXT004", False, 7413, "error", []),  # 二、单位预算安排的总体情况
        ("TXT004", True, 1884, "error", []),  # 一、部门职责…: only 部门职责：/机构设置：
        ("TXT004", True, 1900, "error", []),  # 二、总体情况
        ("TXT004", True, 1902, "error", [7415]),  # 三、机关运行经费 (same message in the unit part)
        ("TXT004", True, 1904, "error", [7417]),  # 四、三公
        ("TXT004", True, 1906, "warning", []),  # 五: only （一）（二）（三）
        ("TXT004", True, 1913, "warning", []),  # 六 directly followed by 七
        ("TXT009", True, 3423, "info", [8928]),  # 设备购置类项目持续使用时间（年 (unit copy: its 三级 cell)
    ]


def test_003_repeated_indicator_sentence_and_stray_letter():
    assert _summary("003") == [
        ("TXT007", 1617, "warning"),  # one 绩效指标 sentence for two goals
        ("TXT015", 1609, "info"),  # 1、开展政府电子政务s
    ]
    hit = next(f for f in _findings("003") if f.code == "TXT007")
    assert hit.hint == "首次出现在第1614行；核对两处是否应写不同内容。"
    letter = next(f for f in _findings("003") if f.code == "TXT015")
    assert "“s”" in letter.message and letter.row == "部门整体绩效目标"


def test_no_year_or_name_alarm_on_seeds():
    # comparisons ("较2022年", "与 2023年相比"), "截至2022年在职人数", 截止时间 year−1 and the abbreviation
    # "南大港产业园区政法工作办公室" (001) are all fine
    for prefix in ("000", "001", "002", "003"):
        assert [f for f in _findings(prefix) if f.code in ("TXT005", "TXT006", "TXT008")] == []


HEADER = """
部门预算收支总表
\t101示例县城市管理服务中心
\t预算年度：2023
\t单位：万元
"""


def test_year_in_title_and_procurement_header():
    text = (
        HEADER
        + """
示例县城市管理服务中心2024年部门预算信息公开情况说明
八、政府采购预算情况
2023年，示例县城市管理服务中心安排政府采购预算0.00万元。
部门政府采购预算
\t101示例县城市管理服务中心
\t单位：万元

\t采购物品名称
\t2024年预留中小企业份额
注：无政府采购预算，空表列示。
"""
    )
    findings = run_checks(_doc(text), [RULES["TXT006"]])
    assert [(f.line, f.expected, f.actual) for f in findings] == [
        (6, Decimal(2023), Decimal(2024)),
        (14, Decimal(2023), Decimal(2024)),
    ]


def test_year_claims_versus_comparisons():
    text = (
        HEADER
        + """
二、部门预算安排的总体情况
2023年预算收支安排10.00万元，较2022年预算增加1.00万元，与2022年相比增加。2022年预算执行数为9.00万元。
三、机关运行经费安排情况
2024年，我部门机关运行经费共计安排2.00万元。
"""
    )
    assert [line for line, _ in _codes(text, "TXT006")] == [9]


def test_department_name_in_title_abbreviation_and_unit_suffix():
    ok = (
        HEADER
        + "\n示例县城管服务中心2023年部门预算信息公开情况说明\n九、国有资产信息\n示例县城市管理服务中心本级上年末固定资产金额为0.00万元。"
    )
    bad = (
        HEADER
        + "\n示例县园林绿化管理所2023年部门预算信息公开情况说明\n九、国有资产信息\n我部门上年末固定资产金额为0.00万元。"
    )
    assert _codes(ok, "TXT008") == []
    assert [line for line, _ in _codes(bad, "TXT008")] == [6]


def test_placeholders_and_units_are_not_triggered_by_real_text():
    text = """
四、财政拨款“三公”经费预算情况及增减变化原因
公务接待费0.00万元，较上年减少0.14万元，主要原因是无此项支出；补助标准为每人每月500元，共计0.60万元。
综治9+X信息系统通信服务费0.47万元，主要用于无线网络租用。
"""
    assert _codes(text, "TXT001") == [] and _codes(text, "TXT003") == []
    filler = "四、财政拨款“三公”经费预算情况及增减变化原因\nXXX单位公务接待费××万元。"
    assert len(_codes(filler, "TXT001")) == 1


@pytest.mark.parametrize("residue", ["单击此处输入文字", "请输入增减变化原因", "○○单位", "此处填写原因"])
def test_word_template_prompts_are_placeholders(residue):
    text = f"四、财政拨款“三公”经费预算情况及增减变化原因\n公务接待费0.00万元，{residue}。"
    assert len(_codes(text, "TXT001")) == 1


def test_empty_subsection_between_numbered_labels():
    text = """
二、部门预算安排的总体情况
1、收入说明
2、支出说明
2023年支出预算10.00万元，其中基本支出5.00万元。
"""
    assert [line for line, _ in _codes(text, "TXT005")] == [2]
    assert _codes(text, "TXT004") == []


def test_short_statements_and_list_items_are_content_not_labels():
    text = """
三、机关运行经费安排情况
本单位无此项支出
四、财政拨款“三公”经费预算情况及增减变化原因
内设机构：
1、办公室
2、财务科
"""
    assert _codes(text, "TXT004") == [] and _codes(text, "TXT005") == []


def test_title_with_enumeration_or_guanyu_is_not_a_name():
    text = HEADER + "\n一、关于示例县城市管理服务中心2023年部门预算信息公开情况说明\n"
    assert _codes(text, "TXT008") == []


def test_001_project_heading_names_another_project():
    # "1、河北省信息系统网络维护费绩效目标表" (line 1531) over 专项资金名称 "信访信息系统网络维护费" (line 1535); the other
    # headings differ from their names by "项目" only ("5、雪亮工程建设项目绩效目标表" / "雪亮工程建设项目").
    found = run_checks(seed_doc("001"), [RULES["TXT010"]])
    assert [(f.line, f.project) for f in found] == [(1531, "信访信息系统网络维护费")]
    assert "第1535行" in found[0].message
    for prefix in ("000", "002", "003"):
        assert run_checks(seed_doc(prefix), [RULES["TXT010"]]) == []


def test_time_indicator_with_last_years_deadline():
    # 003 (预算年度 2024) project 2 年鉴出版发行: 时效指标 value "≥98%" (line 1778).
    lines = seed_path("003").read_text(encoding="utf-8").split("\n")
    assert lines[1777] == "\t≥98%"
    for deadline, expected in (("2023年12月底前完成", [(1778, 2023)]), ("2024年12月底前完成", [])):
        lines[1777] = "\t" + deadline
        found = run_checks(parse_lines("deadline.txt", lines), [RULES["TXT006"]])
        assert [(f.line, f.actual) for f in found] == expected


LINT = ("TXT001", "TXT011", "TXT012", "TXT013", "TXT014", "TXT015")
FINAL_ACCOUNTS = ROOT / "tests" / "data" / "pdf" / "final_accounts"


def _planted(prefix: str, edits: dict[int, tuple[str, str]]):
    """The seed with phrases replaced on given lines (old text must be there), parsed again."""
    lines = seed_path(prefix).read_text(encoding="utf-8").split("\n")
    for line, (old, new) in edits.items():
        assert old in lines[line - 1], (line, old)
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return parse_lines(f"{prefix}_planted.txt", lines)


def test_text_lint_finds_each_planted_slip_at_its_line():
    doc = _planted(
        "000",
        {
            1151: ("共计安排4.50万元，", "共计安排4.50万元，，比上年增加（减少）0.20万元，"),
            1158: ("合理购置办公设备，", "合理购置办公设备设备，"),
            1159: ("平台高效运行，", "平台高效运行（含“12345”热线，"),
            1173: ("确保绩效工作有章可循。", "确保绩效工作有章可循，主要原因是。"),
            1174: ("健全经费管理制度，", "健全经费管理制度z，"),
            1196: ("办公设备购置", "办公设备购置（台式机"),
        },
    )
    found = [(f.code, f.line, f.project) for f in run_checks(doc, [RULES[c] for c in LINT])]
    assert sorted(found, key=str) == sorted(
        [
            ("TXT001", 1147, None),  # the seed's own three
            ("TXT001", 1149, None),
            ("TXT001", 1153, None),
            ("TXT001", 1151, None),  # 增加（减少）
            ("TXT011", 1151, None),  # ，，
            ("TXT014", 1158, None),  # 设备设备
            ("TXT012", 1159, None),  # （ never closed
            ("TXT013", 1173, None),  # 主要原因是。
            ("TXT015", 1174, None),  # z
            ("TXT012", 1196, "办公设备购置费"),  # 资金用途 cell
        ],
        key=str,
    )


def _line_of(lines, text: str) -> int:
    """The 1-based number of the first line holding `text` (PDF extraction may move lines; the text stays)."""
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_text_lint_on_a_final_accounts_pdf_reviewed():
    # 规划和自然资源局 2024 决算: the template's "下降（增长）" left in the 三公 text and the template's
    # "（其中，绩效评级为…正在整改的XX个）" cut before its "）". Wrapped PDF lines are joined first.
    path = FINAL_ACCOUNTS / "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"
    doc = parse(path.name, path.read_bytes())
    found = sorted((f.code, f.line) for f in run_checks(doc, [RULES[c] for c in LINT]))
    assert found == [
        ("TXT001", _line_of(doc.lines, "下降（增长）")),
        ("TXT012", _line_of(doc.lines, "99.33分（其中")),
    ]


def _pdf_lines(*folders_and_name: str) -> list[str]:
    path = ROOT / "tests" / "data" / "pdf" / Path(*folders_and_name)
    return list(parse(path.name, path.read_bytes()).lines)


def _year_findings(lines: list[str], old: str, new: str):
    """(edited line, TXT016's findings) with `old` replaced by `new` on the first line holding it."""
    lines = list(lines)
    line = _line_of(lines, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return line, run_checks(parse_lines("edited.txt", lines), [RULES["TXT016"]])


def _year_roles(lines: list[str], old: str, new: str) -> list[tuple[bool, int | None, str]]:
    """TXT016 on the edited lines: (finding on the edited line?, year found, role)."""
    line, found = _year_findings(lines, old, new)
    return [
        (f.line == line, int(f.actual) if f.actual else None, re.findall(r"年（([^）]+)）与", f.message)[-1])
        for f in found
    ]


def test_year_roles_have_no_finding_on_the_seeds():
    # Every year role occurs in tests/data and fits (the PDFs are held by tests/golden, where TXT016 finds nothing):
    # 截至 dates (上年 8月31日 in the Shanghai budgets, 决算年度 12月31日 in the 决算, "截至2022年在职人数" in 001),
    # 实施周期 "2025.1.1-2025.12.31", "比2024年预算", "2023年当年预算执行数", "2025年度项目总预算".
    for prefix in ("000", "001", "002", "003"):
        assert run_checks(seed_doc(prefix), [RULES["TXT016"]]) == []


def test_year_roles_find_planted_wrong_years():
    # 商务委 2025 budget: 实施周期 of the first project, the vehicle 截至 date and the 三公 heading.
    commerce = _pdf_lines("上海市普陀区商务委员会25年预算.pdf")
    period = _year_roles(commerce, "2025.1.1-2025.12.31", "2024.1.1-2024.12.31")
    assert period == [(True, 2024, "实施周期")]
    assert _year_roles(commerce, "截至2024年8月31日", "截至2023年8月31日") == [(True, 2023, "截至日期")]
    line, found = _year_findings(commerce, "2025年“三公”经费预算情况说明", "2024年“三公”经费预算情况说明")
    assert [(f.line, f.actual) for f in found] == [(line, 2024)]  # last year's heading
    # 万里街道 2024 budget: an item's 上年执行数 written with the budget year itself.
    street = _pdf_lines("上海市普陀区人民政府万里街道办事处24年预算.pdf")
    assert _year_roles(street, "2023年当年预算执行数", "2024年当年预算执行数") == [(True, 2024, "上年执行数")]
    # 规划和自然资源局 2024 决算 (its year from the title): vehicles 截至 the end of the year before.
    final = _pdf_lines("final_accounts", "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf")
    assert _year_roles(final, "截至 2024 年", "截至 2023 年") == [(True, 2023, "截至日期")]
    # 001 (2023): staff "截至2022年" fits (line 1471); "截至2021年" is stale.
    seed = seed_path("001").read_text(encoding="utf-8").split("\n")
    assert _line_of(seed, "截至2022年") == 1471
    assert _year_roles(seed, "截至2022年", "截至2021年") == [(True, 2021, "截至日期")]


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("截至2023年12月31日，本部门共有车辆2辆。", []),  # the year before the budget
        ("截至2024年2月，在职人员12人。", []),  # early in the budget year
        ("截至2024年6月底，力争完成全部路段改造。", []),  # a target, not a fact
        ("截止2024年12月31日前完成验收。", []),  # a deadline
        ("截至2024年12月31日，本部门共有车辆2辆。", [2024]),  # the budget year's end: not known yet
        ("截至2021年12月31日，本部门共有车辆2辆。", [2021]),  # last year's text of an older disclosure
        ("上年（2022年）预算执行数5.00万元。", [2022]),
        ("本年（2024年）安排5.00万元，与上年（2023年）持平。", []),
        ("道路保洁项目实施周期：2022年1月至2023年12月。", [2022]),
        ("道路保洁项目实施周期：2023年1月至2025年12月。", []),  # a multi-year project spans the budget year
        ("资产处置收入比2022年预算增加5.00万元。", [2022]),  # a money comparison outside NAR004's sections
        ("道路保洁率较2019年提高20%。", []),  # a goal against a base year of its own
    ],
)
def test_year_roles_by_wording(sentence, years):
    text = "示例县城市管理服务中心2024年部门预算信息公开情况说明\n九、国有资产信息\n" + sentence + "\n"
    assert [int(f.actual) for f in run_checks(_doc(text), [RULES["TXT016"]])] == years


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("公用经费较上年减少2.10万元，主要原因是。\n", [3]),
        ("项目支出5.00万元，主要用于：；其他支出0.20万元。\n", [3]),
        ("公用经费较上年减少2.10万元，主要原因是\n", [3]),  # the item ends on its lead-in
        ("资金主要用于\n1、道路清扫保洁3.00万元；\n2、垃圾清运2.00万元。\n", []),  # a list follows
        ("部门主要职能包括：\n1、负责城区道路清扫保洁。\n", []),
        ("公用经费较上年减少2.10万元，主要原因是压减会议费。\n", []),
    ],
)
def test_cut_off_sentences_by_wording(text, lines):
    doc = _doc("示例县城市管理服务中心2024年部门预算信息公开情况说明\n三、机关运行经费安排情况\n" + text)
    assert [f.line for f in run_checks(doc, [RULES["TXT013"]])] == lines


@pytest.mark.parametrize(
    ("code", "sentence", "found"),
    [
        ("TXT011", "主要用于办公费。。", True),
        ("TXT011", "主要用于办公费、、印刷费。", True),
        ("TXT011", "主要用于办公费；。", True),
        ("TXT011", "主要用于办公费、印刷费等……", False),
        ("TXT011", "即“三公”经费。”", False),
        ("TXT012", "按照《预算法》要求公开。", False),
        ("TXT012", "按照《预算法要求公开。", True),
        ("TXT012", "公开“三公经费。", True),
        ("TXT012", "其中：1）办公费；2）印刷费。", False),
        ("TXT012", "财政拨款收入）5.00万元。", True),
        ("TXT014", "办公费费用", False),  # one character twice across two words
        ("TXT014", "上年年末固定资产", False),
        ("TXT014", "保障日常运转运转", True),
        ("TXT014", "一项一项落实", False),
        ("TXT015", "提高办公效率k。", True),
        ("TXT015", "每年处理垃圾500t，面积30m，购置A级设备。", False),
        ("TXT015", "办公 设备购置2台。", True),
        ("TXT015", "第一部分 部门预算", False),  # a heading: layout
    ],
)
def test_text_lint_by_wording(code, sentence, found):
    doc = _doc(
        "示例县城市管理服务中心2024年部门预算信息公开情况说明\n三、机关运行经费安排情况\n" + sentence + "\n"
    )
    assert bool(run_checks(doc, [RULES[code]])) is found


def test_truncation_prefilter_holds_every_character_it_needs():
    """TXT009 reads only the cells holding a character of MAY_TRUNCATE: exactly those whose NFKC form holds one
    of the characters _truncated looks for (recompute the class when the Unicode database changes)."""
    import sys
    import unicodedata

    from checks.rules.text.projects import MAY_TRUNCATE

    pattern = re.compile(MAY_TRUNCATE)
    wanted = "(、,/:"
    for point in range(sys.maxunicode + 1):
        if 0xD800 <= point <= 0xDFFF:
            continue
        char = chr(point)
        needed = any(w in unicodedata.normalize("NFKC", char) for w in wanted)
        assert bool(pattern.match(char)) == needed, hex(point)


def test_doubled_search_matches_the_plain_pattern():
    """TXT001's doubled-words search tries what the plain pattern tries, in the same order: same matches."""
    import random
    import re

    from checks.rules.text.marks import _DOUBLED

    plain = re.compile(r"([\u4e00-\u9fff]{4,})[是为]?[:：，,、]?\1")  # the form _DOUBLED replaced
    rng = random.Random(8)
    words = "主要原因是为本单位无此项支出经费预算公务接待"
    seps = ["", "是", "为", "：", "，", "、", ",", "是：", "为，", "。", "1"]
    texts = ["啊" * 50, "甲乙丙丁" * 20, "是是是是是是是是为", "主要原因是：主要原因是本单位无此项支出"]
    for _ in range(3000):
        word = "".join(rng.choice(words) for _ in range(rng.randint(1, 10)))
        noise = "".join(rng.choice(words + "：，、。是为") for _ in range(rng.randint(0, 30)))
        texts.append(
            noise[: rng.randint(0, 10)]
            + word
            + rng.choice(seps)
            + word[: len(word) - rng.randint(0, 1)]
            + noise
        )
    for text in texts:
        expected = [(m.start(), m.end(), m.group(1)) for m in plain.finditer(text)]
        assert [(m.start(), m.end(), m.group(1)) for m in _DOUBLED.finditer(text)] == expected, text


def test_repeat_sieve_finds_every_text_the_repeat_search_finds():
    """TXT014's sieve (_indexes_repeating) keeps every text _REPEAT matches, on random texts and every document."""
    import random

    from checks.rules.text.words import _REPEAT, _indexes_repeating
    from checks.support.joined import join_texts
    from checks.support.texts import joined_items
    from parsing import parse
    from tests.golden_findings import documents
    from tests.support.pieces import joined_pieces

    pieces = ["支出", "支", "出", "项目", "研究", "一", "…", "\n", "0", "𠀀", "\ud800", "\u3000", "a", "ab"]
    rnd = random.Random(16)
    for _ in range(5000):
        texts = [
            joined_pieces(rnd, pieces if rnd.random() < 0.2 else pieces[:9], 6)
            for _ in range(rnd.randint(0, 6))
        ]
        joined = join_texts(texts)
        sieved = _indexes_repeating(joined)
        found = [index for index in sieved if _REPEAT.search(joined.texts[index])]
        assert sieved == sorted(set(sieved)) and found == joined.indexes_having(_REPEAT), texts
    for path in documents():
        for part in parse(path.name, path.read_bytes()).parts():
            joined = joined_items(part)
            assert set(joined.indexes_having(_REPEAT)) <= set(_indexes_repeating(joined))
