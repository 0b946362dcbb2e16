"""Layout variants not in the seeds: tables without 栏次 or 序号, identity cells split, unnumbered titles."""

from __future__ import annotations

from decimal import Decimal

from parsing import parse_lines
from tests.support.text_tables import table_lines


def test_table_without_stub_row_or_sequence_column():
    lines = [
        "2025年部门支出总表",
        *table_lines([["101", "某某县文化馆", "预算年度：2025年", "单位：元"]]),
        *table_lines([["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]),
        *table_lines([["", "合计", "1,200,000.00", "1,000,000.00", "200,000.00"]]),
        *table_lines([["207", "文化旅游体育与传媒支出", "1,200,000.00", "1,000,000.00", "200,000.00"]]),
        *table_lines([["20701", "文化和旅游", "1,200,000.00", "1,000,000.00", "200,000.00"]]),
    ]
    doc = parse_lines("v.txt", lines)
    assert (doc.department_code, doc.department_name, doc.budget_year, doc.unit) == (
        "101",
        "某某县文化馆",
        2025,
        "元",
    )
    table = doc.tables["expense"]
    assert [c.key for c in table.columns] == ["code", "name", "total", "basic", "project"]
    assert [(r.code, r.level, r.kind) for r in table.rows] == [
        (None, None, "total"),
        ("207", 1, "class"),
        ("20701", 2, "item"),
    ]
    assert table.rows[0].values["total"].value == Decimal("1200000.00")


def test_unnumbered_project_title_and_word_comparators():
    lines = [
        "七、部门项目预算安排情况及绩效目标",
        "城区绿化养护项目支出绩效目标表",
        *table_lines([["项目名称", "城区绿化养护", "项目编码", "13010125P0001"]]),
        *table_lines([["预算数", "50.00", "其中：财政资金", "50.00", "其他资金", ""]]),
        *table_lines([["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"]]),
        *table_lines([["", "20%", "50%", "80%", "100%"]]),
        *table_lines([["绩效目标", "养护绿地面积不少于20万平方米"]]),
        *table_lines([["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]]),
        *table_lines([["产出指标", "数量指标", "养护面积", "养护绿地面积", "不少于20万平方米", "养护合同"]]),
    ]
    doc = parse_lines("p.txt", lines)
    assert [(p.name, p.code, p.budget.value) for p in doc.projects] == [
        ("城区绿化养护", "13010125P0001", Decimal("50.00"))
    ]
    indicator = doc.projects[0].indicators[0]
    assert (indicator.parsed.comparator, indicator.parsed.number, indicator.parsed.unit) == (
        "≥",
        Decimal("20"),
        "万平方米",
    )
    assert doc.section("projects").number == "七"


def test_rows_pasted_from_word_one_line_per_row_parse_like_the_extracted_text():
    from tests.conftest import seed_doc, seed_path

    lines = seed_path("003").read_text(encoding="utf-8").split("\n")
    pasted: list[str] = []
    row: list[str] = []
    for line in lines:  # join each row's cells on one line, as Word puts a copied table on the clipboard
        if line.startswith("\t"):
            row.append(line[1:])
            continue
        if row:
            pasted.append("\t".join(row))
            row = []
        if line.strip():
            pasted.append(line)
    doc, text = parse_lines("pasted.txt", pasted), seed_doc("003")
    assert (doc.department_code, doc.budget_year, len(doc.projects)) == ("434", 2024, 7)
    for key, table in text.tables.items():
        assert [
            (r.code, r.name, {c: v.value for c, v in r.values.items()}) for r in doc.tables[key].rows
        ] == [(r.code, r.name, {c: v.value for c, v in r.values.items()}) for r in table.rows], key
    assert [
        (p.name, p.budget.value, [x.amount.raw for x in p.plan], len(p.indicators)) for p in doc.projects
    ] == [(p.name, p.budget.value, [x.amount.raw for x in p.plan], len(p.indicators)) for p in text.projects]
