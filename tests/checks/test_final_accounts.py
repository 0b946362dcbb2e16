"""决算 rules on the real 决算 PDFs (each finding reviewed against the PDF text) and their silence on budgets."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from checks import load_rules, run_checks
from parsing import parse, parse_lines
from tests.conftest import FIXTURES, data_doc
from tests.golden_findings import documents
from tests.parsing.test_final_accounts import pairs_text
from tests.support.text_tables import table_lines

RULES = load_rules()
FINAL_CODES = ("XTB031", "NAR031", "NAR032", "NAR033", "NAR034", "NAR035", "NAR036")
PLAN = "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"
SOCIAL = "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
TEMPLATE = "附件2：部门决算模板.pdf"


def _found(name: str, *codes: str):
    rules = [RULES[c] for c in codes]
    return [(f.code, f.line, f.expected, f.actual) for f in run_checks(data_doc(name), rules)]


def test_plan_bureau_final_findings_are_the_reviewed_ones():
    assert sorted(_found(PLAN, *FINAL_CODES)) == [
        # text 人员经费 4896.98 vs 基本支出决算表 人员经费合计 4884.09 (the same 12.89 gap as the next one)
        ("NAR033", 1609, D("4884.09"), D("4896.98")),
        # text 一般公共预算财政拨款基本支出 5377.64 (the 基本支出 of all funds, 支出决算表) vs 一般公共预算 table 5364.75
        ("NAR033", 1609, D("5364.75"), D("5377.64")),
        # 总表 九、卫生健康支出 236.63 vs 支出决算表 210 236.64 (= 40.35 + 196.29)
        ("XTB031", 129, D("236.64"), D("236.63")),
        # 总表 十一、城乡社区支出 3845.25 vs 支出决算表 212 3845.24
        ("XTB031", 139, D("3845.24"), D("3845.25")),
        # 财政拨款总表 卫生健康 一般公共预算 236.63 vs 一般公共预算支出决算表 210 236.64
        ("XTB031", 832, D("236.64"), D("236.63")),
    ]


def test_social_work_department_rate_of_a_zero_budget():
    # "年初预算为 0 万元，全年预算为321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%": 307.82 / 321.02
    assert _found(SOCIAL, *FINAL_CODES) == [("NAR032", 1405, None, D("95.89"))]


def test_template_placeholders_give_no_final_finding():
    assert _found(TEMPLATE, *FINAL_CODES) == []


def test_summary_identities_with_carry_over_hold_on_the_plan_bureau():
    """总计 = 本年合计 + 年初结转和结余 (income) and + 年末结转和结余 (expense): 9746.50 + 112.88 = 9759.38 + 100.00."""
    found = [f for f in run_checks(data_doc(PLAN), [r for c, r in RULES.items() if c.startswith("ARI")])]
    assert sorted((f.code, f.line) for f in found) == [
        ("ARI002", 1087),
        ("ARI002", 1093),
        ("ARI002", 1099),
        ("ARI002", 1165),
        ("ARI003", 1290),  # 302 = 440.90 vs Σ款 440.88 (27 款, tolerance 0.08)
        ("ARI004", 959),  # 财政拨款总表 本年支出合计 9746.50 vs Σ类 9746.49
        ("ARI006", 1286),  # 人员经费合计 4884.09 vs 301 + 303 = 4816.14 + 67.96 = 4884.10
    ]
    assert all(f.severity == "info" for f in found)


@pytest.mark.parametrize("name", [PLAN, SOCIAL, TEMPLATE])
def test_no_budget_table_rule_reads_a_final_document(name):
    doc = data_doc(name)
    assert not {"summary", "income", "expense", "fiscal_summary", "three_public"} & set(doc.tables)
    budget_only = ("XTB001", "XTB002", "XTB003", "XTB004", "XTB006", "NAR001", "NAR002", "NAR003", "STR001")
    assert [f.code for f in run_checks(doc, [RULES[c] for c in budget_only if c in RULES])] == []


def test_final_rules_are_silent_on_budgets():
    for path in documents():
        if "final_accounts" in str(path):
            continue
        doc = parse(path.name, path.read_bytes())
        assert run_checks(doc, [RULES[c] for c in FINAL_CODES]) == [], path.name


def test_direction_word_equal_amounts():
    lines = (FIXTURES / "NAR032_pass.txt").read_text(encoding="utf-8").split("\n")
    last = next(i for i, t in enumerate(lines) if t.startswith("初预算为"))
    lines[last] = (
        "初预算为 45.00 万元，支出决算为 45.00 万元，完成年初预算的100.00%。决算数小于预算数的主要原因：无。"
    )
    found = run_checks(parse_lines("x.txt", lines), [RULES["NAR032"]])
    assert [(f.line, "应与预算数持平" in f.message) for f in found] == [(last + 1, True)]


def test_text_findings_on_final_accounts_are_the_reviewed_ones():
    text = [r for r in RULES.values() if r.family == "text"]
    # "下降（增长）27.78%": the template's alternative left in (TXT001); "（其中，…" never closed (TXT012);
    # 一、四、五 give one reason ("主要原因：项目支出增加，较上一度增加 1133.95 万元…") for three different changes
    # (收入支出总计 +1062.85, 财政拨款 +1193.20, 一般公共预算 +1193.20): 四 and 五, each its own part, copy 一's;
    # 项 "其他国土资源事务支出" (the table: 2200199 其他自然资源事务支出, renamed in 2019) and 款 "住房保障支出" twice (the
    # class's name; the table's 款 is 22102 住房改革支出) in the 决算 items (TXT021)
    assert sorted((f.code, f.line) for f in run_checks(data_doc(PLAN), text)) == [
        ("TXT001", 1613),
        ("TXT007", 1583),
        ("TXT007", 1586),
        ("TXT012", 1627),
        ("TXT021", 1602),
        ("TXT021", 1603),
        ("TXT021", 1606),
    ]
    assert [(f.code, f.line) for f in run_checks(data_doc(SOCIAL), text)] == []


def _with_budget_columns(initial: str) -> list[str]:
    """A 一般公共预算财政拨款支出决算表 printed with 年初预算数 | 调整预算数 | 决算数 | 完成率 (national variant)."""
    cells = [
        ["功能分类科目编码", "科目名称", "年初预算数", "调整预算数", "决算数", "完成率（%）"],
        ["208", "社会保障和就业支出", "62.00", "62.00", "60.00", "96.77"],
        ["20805", "行政事业单位养老支出", "62.00", "62.00", "60.00", "96.77"],
        ["2080501", "行政单位离退休", initial, "52.00", "50.00", "96.15"],
        ["2080502", "事业单位离退休", "10.00", "10.00", "10.00", "100.00"],
        ["合计", "", "62.00", "62.00", "60.00", "96.77"],
    ]
    table = table_lines(cells)
    text = [
        "五、一般公共预算财政拨款支出决算情况说明",
        "1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。年初预算为 52.00 万元，"
        "支出决算为 50.00 万元，完成年初预算的 96.15%。决算数小于预算数的主要原因：人员变动。",
    ]
    return [
        "上海市某某局",
        "2024 年度部门决算",
        "一般公共预算财政拨款支出决算表",
        "单位：万元",
        *table,
        *text,
    ]


def test_budget_columns_of_the_general_table_are_read_and_compared():
    doc = parse_lines("x.txt", _with_budget_columns("52.00"))
    row = next(r for r in doc.table("final_general_expense").rows if r.code == "2080501")
    assert {k: v.value for k, v in row.values.items()} == {
        "initial_budget": D("52.00"),
        "adjusted_budget": D("52.00"),
        "amount": D("50.00"),
        "rate": D("96.15"),
    }
    sums = [r for c, r in RULES.items() if c.startswith(("ARI", "NAR03", "XTB031"))]
    assert run_checks(doc, sums) == []  # 20805 = 2080501 + 2080502 in every money column; 完成率 is no sum
    wrong = parse_lines("x.txt", _with_budget_columns("55.00"))
    found = run_checks(wrong, [RULES["NAR034"]])
    assert [(f.code, f.expected, f.actual) for f in found] == [("NAR034", D("55.00"), D("52.00"))]


def test_basic_table_printed_as_pairs_in_text_is_checked():
    # 301 95.36 on line 14 (cells one a line); 30101 14.12 + 30102 81.25 = 95.37: the 人员经费 block unfolded once
    doc = parse_lines("pairs.txt", pairs_text("81.25"))
    found = [
        (f.code, f.line, f.expected, f.actual) for f in run_checks(doc, [RULES["ARI003"], RULES["PRS003"]])
    ]
    assert found == [("ARI003", 14, D("95.37"), D("95.36"))]


def test_a_figure_off_its_table_row_is_reported_once():
    # text 年初预算 55.00 while the table's 年初预算数 is 52.00: NAR034's place. The stated 96.15% fits 50.00 / 52.00
    # but not 50.00 / 55.00 (90.91%); NAR032 leaves that rate alone (one finding for one defect).
    lines = [t.replace("年初预算为 52.00", "年初预算为 55.00") for t in _with_budget_columns("52.00")]
    found = run_checks(parse_lines("x.txt", lines), [RULES["NAR032"], RULES["NAR034"]])
    assert [(f.code, f.expected, f.actual) for f in found] == [("NAR034", D("52.00"), D("55.00"))]
    # the same rate with both figures as in the table, but mistyped: NAR032 alone
    lines = [t.replace("96.15%", "91.15%") for t in _with_budget_columns("52.00")]
    found = run_checks(parse_lines("x.txt", lines), [RULES["NAR032"], RULES["NAR034"]])
    assert [(f.code, f.expected, f.actual) for f in found] == [("NAR032", D("96.15"), D("91.15"))]


def test_structure_asks_a_final_document_for_its_own_parts():
    from checks.rules.structure.completeness import missing_sections

    assert [h.message for h in missing_sections(data_doc(PLAN))] == []  # every part of the template printed
    # a 决算 with only 一、总体 and 十一、其他重要事项 (and its 国有资产 sentence without the （三） heading): the other
    # parts are asked for, never a budget section
    doc = parse_lines("x.txt", (FIXTURES / "NAR036_pass.txt").read_text(encoding="utf-8").split("\n"))
    asked = [h.row for h in missing_sections(doc)]
    assert asked == [
        "主要职能",
        "部门决算单位构成",
        "收入决算情况说明",
        "支出决算情况说明",
        "财政拨款收入支出决算总体情况说明",
        "一般公共预算财政拨款支出决算情况说明",
        "一般公共预算财政拨款基本支出决算情况说明",
        "财政拨款“三公”经费支出决算情况说明",
        "政府性基金预算财政拨款收入支出决算情况说明",
        "国有资本经营预算财政拨款收入支出决算情况说明",
        "预算绩效管理情况",
        "机关运行经费支出情况",
        "政府采购支出情况",
        "名词解释",
    ]
    # 国有资产 is there by its content ("截至 2024 年 12 月 31 日，…共有车辆 0 辆"), its heading missing: STR004
    assert [(s.key, s.line) for s in doc.sections if s.heading_missing] == [("final_assets", 49)]


def test_empty_part_check_knows_the_final_parts():
    # the 决算表 part holds tables, 十一、其他重要事项 holds its （一）–（三）: neither is an empty part
    assert [f.line for f in run_checks(data_doc(PLAN), [RULES["TXT004"]])] == []
    lines = (FIXTURES / "NAR036_pass.txt").read_text(encoding="utf-8").split("\n")
    at = lines.index("十一、其他重要事项的情况说明")
    lines[at + 1 : at + 2] = ["十、预算绩效管理情况"]  # 十一 now followed by nothing of its own
    lines[at], lines[at + 1] = lines[at + 1], lines[at]
    found = run_checks(parse_lines("x.txt", lines), [RULES["TXT004"]])
    assert [(f.line, f.row) for f in found] == [
        (at + 1, "预算绩效管理情况"),
        (at + 2, "其他重要事项的情况说明"),
    ]


def test_staff_costs_are_compared_in_their_own_part_only():
    text = [
        "第三部分 情况说明",
        "三、支出决算情况说明",
        "本年支出合计 105.59 万元，其中人员经费 90.00 万元。",
    ]
    # 人员经费 of all funds in 三、支出决算: another measure than the 一般公共预算 基本支出决算表; not compared there
    lines = pairs_text("81.24") + text
    assert run_checks(parse_lines("x.txt", lines), [RULES["NAR033"]]) == []
    # in 六、一般公共预算财政拨款基本支出决算情况说明 the same words are that table's 人员经费合计 (95.36)
    lines = [*pairs_text("81.24"), text[0], "六、一般公共预算财政拨款基本支出决算情况说明", text[2]]
    found = run_checks(parse_lines("x.txt", lines), [RULES["NAR033"]])
    assert [(f.line, f.expected, f.actual) for f in found] == [(len(lines), D("95.36"), D("90.00"))]
