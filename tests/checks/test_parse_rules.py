"""Parse-quality rules (PRS): parser problems become findings; a document without identity is flagged."""

from __future__ import annotations

import pytest

from checks import load_rules, run_checks
from parsing import parse_lines
from tests.conftest import seed_doc, seed_path

RULES = load_rules()
PARSE = [RULES["PRS001"], RULES["PRS002"]]

EXPENSE = """部门预算支出总表
\t223示例中心
\t预算年度：2024
\t单位：万元

\t序号
\t科目编码
\t科目名称
\t合计
\t基本支出
\t项目支出

\t栏次
\t
\t
\t1
\t2
\t3

\t1
\t
\t合计
\t10.00
\t5.00
\t5.00
\t3.00
"""


def _doc(text: str):
    return parse_lines("inline.txt", text.split("\n"))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_seeds_parse_cleanly_with_identity(prefix):
    doc = seed_doc(prefix)
    assert all(p.problems == [] for p in doc.parts())
    assert run_checks(doc, PARSE) == []


def test_seed_identities():
    assert [(seed_doc(p).department_code, seed_doc(p).budget_year) for p in ("000", "001", "002", "003")] == [
        ("223", 2024),
        ("455", 2023),
        ("313", 2024),
        ("434", 2024),
    ]


def test_misaligned_row_becomes_a_finding_on_its_line():
    findings = run_checks(_doc(EXPENSE), [RULES["PRS001"]])
    assert [(f.code, f.line, f.severity.value) for f in findings] == [("PRS001", 20, "warning")]
    assert "7 个单元格" in findings[0].message


def test_identity_missing_is_an_error_and_missing_code_a_warning():
    no_identity = EXPENSE.replace("\t223示例中心\n\t预算年度：2024\n\t单位：万元\n\n", "")
    findings = run_checks(_doc(no_identity), [RULES["PRS002"]])
    # Without its identity row the fragment no longer looks like the Hebei layout (one signal left): an
    # unrecognised layout is not asked for a code it may never print.
    assert [(f.line, f.severity.value, f.message) for f in findings] == [
        (1, "error", "未能从表头或标题识别出单位名称、预算年度")
    ]
    hebei = no_identity.replace(
        "部门预算支出总表", "示例中心2024年部门预算信息公开情况说明\n部门预算支出总表"
    )
    assert [f.message for f in run_checks(_doc(hebei), [RULES["PRS002"]])] == [
        "未能从表头或标题识别出单位编码"
    ]
    no_code = EXPENSE.replace("\t223示例中心", "\t示例中心")
    findings = run_checks(_doc(no_code), [RULES["PRS002"]])
    assert [(f.severity.value, f.message) for f in findings] == [
        ("warning", "未能从表头或标题识别出单位编码")
    ]


def test_a_table_beyond_the_nine_is_information_only():
    # 003 with a 项目支出预算表 inserted before "一、部门职责及机构设置情况": listed, not blamed.
    lines = seed_path("003").read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.endswith("一、部门职责及机构设置情况"))
    extra = ["部门预算项目支出预算表", "\t项目名称", "\t合计", "", "\t政务服务相关经费", "\t57.25", ""]
    found = run_checks(parse_lines("extra_table.txt", lines[:at] + extra + lines[at:]), PARSE)
    assert [(f.line, f.severity.value, "非标准表" in f.message) for f in found] == [(at + 1, "info", True)]
