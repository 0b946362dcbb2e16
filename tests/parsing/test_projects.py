"""build_project on hand-made rows: labelled cells, plan, indicator rows (merged, short, long) and their problems."""

from __future__ import annotations

from decimal import Decimal

from parsing.blocks import Row
from parsing.model import ParseProblem
from parsing.projects import build_project


def _rows(*rows: list[str], start: int = 10) -> list[Row]:
    """Rows of cells, one line per cell and a blank line after each row (as extracted text prints them)."""
    out, line = [], start
    for texts in rows:
        out.append(Row(list(texts), range(line, line + len(texts)), line))
        line += len(texts) + 1
    return out


HEADER = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "", "指标值", "指标值确定依据"]


def _project(*indicator_rows: list[str], header: list[str] = HEADER):
    rows = _rows(
        ["单位：万元", "", ""],
        ["项目名称", "办公  设备", "", "项目编码", "13 0911", ""],
        ["预算数", "50.00", "其中：财政 资金", "", "40.00", "其中：其他资金", "10.00"],
        ["资金用途", "购置电脑"],
        ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"],
        ["", "10", "20", "", "100"],
        ["绩效目标", "按时完成采购"],
        header,
        *indicator_rows,
    )
    problems: list[ParseProblem] = []
    return build_project(1, "1、办公设备购置绩效目标表", 5, rows, problems), problems


def test_labelled_cells_plan_and_texts():
    project, problems = _project(["产出指标", "数量指标", "台数", "电脑", "", "≥10台", "计划"])
    assert (project.name, project.code, project.unit) == ("办公 设备", "130911", "万元")
    assert [project.budget.value, project.fiscal.value, project.other.value] == [
        Decimal("50.00"),
        Decimal("40.00"),
        Decimal("10.00"),
    ]
    assert (project.purpose, project.goal) == ("购置电脑", "按时完成采购")
    assert [(p.label, p.amount.raw, p.is_percent) for p in project.plan] == [
        ("3月底", "10", True),
        ("6月底", "20", True),
        ("10月底", "", True),
        ("12月底", "100", True),
    ]
    assert (project.plan_header, project.plan_basis) == ("资金支出计划（%）", "hundred")
    assert problems == []


def test_indicator_rows_carry_levels_and_merge_short_rows():
    project, problems = _project(
        ["产出指标", "数量指标", "台数", "电脑", "", "≥10台", "计划"],
        ["", "", "质量", "合格率"],  # a row split in two: read as one
        ["", ">=95百分比", "标准"],
        ["", "", "", "", "", "", ""],  # empty: no indicator
        ["效益指标", "", "满意度", "", "", "90%", "调查", "多余"],  # one cell too many
    )
    got = [(i.level1, i.level2, i.level3, i.description, i.value, i.basis) for i in project.indicators]
    assert got == [
        ("产出指标", "数量指标", "台数", "电脑", "≥10台", "计划"),
        ("产出指标", "数量指标", "质量", "合格率", ">=95百分比", "标准"),
        ("效益指标", "数量指标", "满意度", "", "90%", "调查"),
    ]
    second = project.indicators[1]
    assert (second.parsed.comparator, second.parsed.number, second.parsed.unit) == ("≥", Decimal("95"), "%")
    assert second.row_line < second.line  # the value sits in the second of the two rows
    assert [p.message for p in problems] == ["绩效指标行有 8 个单元格，表头为 7 列"]


def test_header_without_value_column():
    header = ["一级指标", "二级指标", "三级指标", "说明"]
    project, problems = _project(["产出指标", "数量指标", "台数", "电脑"], header=header)
    indicator = project.indicators[0]
    assert (indicator.value, indicator.basis, indicator.description) == ("", "", "电脑")
    assert indicator.line == indicator.row_line
    assert [p.message for p in problems] == ["绩效指标表头没有“指标值”列，指标值按空白处理"]


def test_first_label_wins_and_a_gap_before_a_label_is_the_value():
    rows = _rows(
        ["专项资金名称", "补贴", "预算数", "8.00"],
        ["预算数", "9.00", "财政资金", "", "其他资金", "5"],
        ["绩效目标", "发放"],
    )
    problems: list[ParseProblem] = []
    project = build_project(2, "2、补贴项目支出绩效目标表", 1, rows, problems)
    assert (project.name, project.code, project.budget.raw, project.fiscal.raw, project.other.raw) == (
        "补贴",
        None,
        "8.00",
        "",
        "5",
    )
    assert (project.plan, project.indicators, project.goal, problems) == ([], [], "发放", [])
