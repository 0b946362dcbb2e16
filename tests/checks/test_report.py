"""Exports: fixed finding columns, the .xlsx read back with openpyxl, CSV with BOM, JSON-ready dicts."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from checks import run_checks
from checks.findings import Finding, Severity
from checks.registry import Rule
from checks.report import (
    EXPORT_COLUMNS,
    EXPORT_HEADERS_ZH,
    FINDING_COLUMNS,
    HEADERS_ZH,
    SUMMARY_COLUMNS,
    DocumentStatus,
    findings_csv,
    findings_frame,
    findings_json,
    findings_xlsx,
    rules_frame,
    summary_frame,
)
from tests.conftest import seed_doc

SEED = seed_doc("000")


def _sum_rule(doc):
    """What: a total equals its items.

    Why: a wrong total hides a dropped row.
    Example: 合计 2654.52, items 2650.52.
    """
    return iter(())


RULE = Rule(
    "SUM901", "total-equals-items", "合计不等于分项之和", "arithmetic", Severity.ERROR, "预算法", _sum_rule
)

FINDINGS = [
    *run_checks(SEED),  # real findings, however many the rule modules give today
    Finding(
        code="SUM901", family="arithmetic", severity=Severity.ERROR, title="合计不等于分项之和",
        message="收支总表合计 2,654.52 与分项之和 2,650.52 不符", file=SEED.file_name, line=12,
        other_lines=[40, 88], table="收支总表", row="合计", column="预算数",
        expected=Decimal("2650.52"), actual=Decimal("2654.52"), difference=Decimal("4.00"),
        regulation="预算法", hint="核对分项金额",
    ),
    Finding(
        code="TXT901", family="text", severity=Severity.INFO, title="错别字", message="=SUM(A1:A3) 不是公式",
        file=SEED.file_name, part="001 下属单位",
    ),
    Finding(code="IND901", family="indicator", severity=Severity.WARNING, title="指标", message="指标值缺失",
            file=SEED.file_name, project="办公设备购置", expected=Decimal("1E+2"), actual=Decimal("0")),
]  # fmt: skip
DOCUMENTS = [
    DocumentStatus(file=SEED.file_name, department_code=SEED.department_code,
                   department_name=SEED.department_name, budget_year=SEED.budget_year, kind=SEED.kind, unit=SEED.unit),
    {"file": "empty.txt", "status": "error", "error": "empty.txt：无法读取——文件为空"},
]  # fmt: skip


def _xlsx(findings=FINDINGS) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(findings_xlsx(DOCUMENTS, findings, [RULE])))


@pytest.mark.parametrize("findings", [[], FINDINGS], ids=["none", "some"])
def test_findings_frame_has_fixed_columns(findings):
    frame = findings_frame(findings)
    assert list(frame.columns) == FINDING_COLUMNS
    assert len(frame) == len(findings)
    assert str(frame["line"].dtype) == "Int64"
    assert all(frame[c].dtype == "float64" for c in ("expected", "actual", "difference"))
    assert set(HEADERS_ZH) == set(FINDING_COLUMNS)


def test_findings_frame_values():
    row = findings_frame(FINDINGS).query("code == 'SUM901'").iloc[0]
    assert (row["line"], row["other_lines"], row["expected"], row["difference"]) == (
        12,
        "40, 88",
        2650.52,
        4.0,
    )
    assert (row["severity"], row["family"], row["file"]) == ("error", "arithmetic", SEED.file_name)


def test_summary_frame_counts_per_document():
    frame = summary_frame(DOCUMENTS, FINDINGS).set_index("file")
    assert list(frame.reset_index().columns) == SUMMARY_COLUMNS
    ok, bad = frame.loc[SEED.file_name], frame.loc["empty.txt"]
    assert (ok["status"], ok["department_code"], ok["budget_year"]) == ("ok", SEED.department_code, 2024)
    assert ok["findings"] == len(FINDINGS)
    assert ok["error_count"] + ok["warning_count"] + ok["info_count"] == len(FINDINGS)
    assert ok["indicator"] >= 1 and ok["text"] >= 1 and ok["arithmetic"] >= 1
    assert (bad["status"], bad["findings"]) == ("error", 0)
    assert "文件为空" in bad["error"]


def test_summary_frame_empty():
    assert list(summary_frame([], []).columns) == SUMMARY_COLUMNS


def test_rules_frame():
    frame = rules_frame({RULE.code: RULE})
    assert frame.to_dict("records")[0] == {
        "code": "SUM901", "title": "合计不等于分项之和", "family": "arithmetic", "severity": "error",
        "regulation": "预算法",
        "doc": "What: a total equals its items.\nWhy: a wrong total hides a dropped row.\nExample: 合计 2654.52, items 2650.52.",
    }  # fmt: skip
    assert list(rules_frame([]).columns) == ["code", "title", "family", "severity", "regulation", "doc"]


def test_xlsx_sheets_headers_and_layout():
    book = _xlsx()
    assert book.sheetnames == ["汇总", "问题清单", "规则说明"]
    sheet = book["问题清单"]
    assert [c.value for c in sheet[1]] == [EXPORT_HEADERS_ZH[c] for c in EXPORT_COLUMNS]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:V{len(FINDINGS) + 1}"  # 22 columns
    assert sheet.max_row - 1 == len(FINDINGS)
    assert sheet.column_dimensions["I"].width >= 60  # 问题说明
    assert sheet.conditional_formatting  # 严重程度 colouring
    assert book["汇总"].freeze_panes == "A2" and book["汇总"].auto_filter.ref
    assert book["规则说明"]["A2"].value == "SUM901"


def test_xlsx_cells_are_typed():
    sheet = _xlsx()["问题清单"]
    rows = {r[4].value: r for r in sheet.iter_rows(min_row=2)}
    total = rows["SUM901"]
    expected = total[EXPORT_COLUMNS.index("expected")]
    assert (expected.value, expected.data_type, expected.number_format) == (2650.52, "n", "#,##0.00")
    assert total[EXPORT_COLUMNS.index("line")].value == 12
    assert (total[5].value, total[6].value) == ("表内勾稽", "错误")
    assert [c.value for c in total[:3]] == [SEED.file_name, "沧州经济开发区群众工作中心", 2024]
    assert total[EXPORT_COLUMNS.index("value_unit")].value == "万元"
    formula_like = rows["TXT901"][EXPORT_COLUMNS.index("message")]
    assert (formula_like.value, formula_like.data_type) == ("=SUM(A1:A3) 不是公式", "s")
    assert rows["TXT901"][EXPORT_COLUMNS.index("expected")].value is None
    assert rows["TXT901"][EXPORT_COLUMNS.index("value_unit")].value is None  # no figures, no unit
    severities = [r[6].value for r in sheet.iter_rows(min_row=2)]
    rank = {"错误": 0, "警告": 1, "提示": 2}
    assert severities == sorted(severities, key=rank.__getitem__) and severities[0] == "错误"


def test_xlsx_without_findings():
    book = _xlsx([])
    sheet = book["问题清单"]
    assert sheet.max_row == 1 and sheet[1][0].value == "文件"
    summary = book["汇总"]
    assert [c.value for c in summary[2]][:6] == [SEED.file_name, SEED.department_code, SEED.department_name,
                                                 2024, "预算", "已检查"]  # fmt: skip


def test_csv_has_bom_and_round_trips():
    data = findings_csv(DOCUMENTS, FINDINGS)
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == [EXPORT_HEADERS_ZH[c] for c in EXPORT_COLUMNS]
    assert len(frame) == len(FINDINGS) + 1  # plus one row for the unreadable file
    assert frame.iloc[0]["文件"] == "empty.txt"  # an unreadable file is an error: first
    assert list(frame["严重程度"]) == sorted(
        frame["严重程度"], key={"错误": 0, "警告": 1, "提示": 2}.__getitem__
    )
    assert set(frame.loc[frame["文件"] == SEED.file_name, "预算年度"]) == {"2024"}
    total = frame[frame["规则编号"] == "SUM901"].iloc[0]
    assert (total["应为"], total["差额"], total["其他位置"], total["严重程度"]) == (
        "2650.52",
        "4.00",
        "40, 88",
        "错误",
    )
    assert frame[frame["规则编号"] == "IND901"].iloc[0]["应为"] == "100"
    unreadable = frame[frame["文件"] == "empty.txt"].iloc[0]
    assert (unreadable["类别"], unreadable["规则名称"]) == ("解析", "文件无法读取")


def test_json_is_serialisable_with_documented_keys():
    data = findings_json(DOCUMENTS, FINDINGS)
    round_trip = json.loads(json.dumps(data, ensure_ascii=False))
    assert set(round_trip) == {"documents", "findings"}
    assert [list(d) for d in round_trip["documents"]] == [
        ["file", "status", "error", "department_code", "department_name", "budget_year", "kind", "unit"]
    ] * 2
    assert all(list(f) == EXPORT_COLUMNS for f in round_trip["findings"])
    total = next(f for f in round_trip["findings"] if f["code"] == "SUM901")
    assert (total["expected"], total["actual"], total["difference"]) == ("2650.52", "2654.52", "4.00")
    assert (total["severity"], total["other_lines"], total["line"]) == ("error", [40, 88], 12)
    assert (total["department_name"], total["budget_year"], total["value_unit"]) == (
        SEED.department_name,
        2024,
        "万元",
    )
    assert round_trip["documents"][1]["status"] == "error"


def test_document_status_is_frozen():
    status = DocumentStatus(file="a.txt")
    with pytest.raises(ValueError):
        status.file = "b.txt"


HOSTILE = [
    '=HYPERLINK("http://host/x","官方修正版")', "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1",
    "-2+3", "\t=1+1", "\r=1+1",
]  # fmt: skip


def test_csv_cells_that_look_like_formulas_get_an_apostrophe():
    findings = [
        Finding(code="TXT901", family="text", severity=Severity.INFO, title=text, message=text, file=text,
                table=text, row=text, project=text, difference=Decimal("-4.00"))
        for text in HOSTILE
    ]  # fmt: skip
    documents = [{"file": "=1+1.txt", "status": "error", "error": "@SUM(A1)"}]
    frame = pd.read_csv(io.BytesIO(findings_csv(documents, findings)), encoding="utf-8-sig", dtype=str,
                        keep_default_na=False)  # fmt: skip
    # the unreadable file's row comes first (errors first), then the findings
    for column in ("文件", "规则名称", "问题说明", "表格", "行", "项目"):
        assert list(frame[column][1:]) == ["'" + text for text in HOSTILE], column
    assert list(frame["差额"][1:]) == ["-4.00"] * len(HOSTILE)  # amounts stay numbers
    assert (frame["文件"].iloc[0], frame["问题说明"].iloc[0]) == ("'=1+1.txt", "'@SUM(A1)")
    assert not any(
        cell.startswith(("=", "+", "-", "@")) for cell in frame.drop(columns="差额").to_numpy().ravel()
    )


def test_xlsx_leaves_a_difference_beyond_float_empty_not_inf():
    huge = Finding(code="SUM901", family="arithmetic", severity=Severity.ERROR, title="合计", message="差额过大",
                   file=SEED.file_name, expected=Decimal("1E+400"), actual=Decimal("1"),
                   difference=Decimal("-1E+400"))  # fmt: skip
    sheet = _xlsx([huge])["问题清单"]
    head = [c.value for c in sheet[1]]
    row = next(sheet.iter_rows(min_row=2, values_only=True))
    money = [row[head.index(HEADERS_ZH[c])] for c in ("expected", "actual", "difference")]
    assert money == [None, 1, None]
