"""The read-quality gate: which tables are read with doubt, one PRS003 each, and nothing built on their cells."""

from __future__ import annotations

import pytest

from checks import load_rules, run_checks
from checks.findings import Finding, Severity
from checks.support.quality import rests_on_doubt
from parsing import BudgetDocument, parse_lines
from parsing.quality import table_doubts
from tests.conftest import data_doc, seed_doc, seed_path

RULES = load_rules()


def _doubtful(doc: BudgetDocument) -> list[tuple[str, int | None, list[str]]]:
    return [
        (t.key, doc.page_of(t.line), d)
        for p in doc.parts()
        for t in p.tables.values()
        if (d := table_doubts(t))
    ]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_every_seed_table_is_read_with_confidence(prefix):
    assert _doubtful(seed_doc(prefix)) == []


@pytest.mark.parametrize(
    "name", ["上海市普陀区人民政府办公室25年预算.pdf", "上海市普陀区商务委员会25年预算.pdf"]
)
def test_shanghai_tables_are_read_with_confidence(name):
    assert _doubtful(data_doc(name)) == []


def test_wanli_tables_are_read_with_confidence():
    # 万里 24: "财政拨款收支预算总表" printed inside the ruled grid starts its own table, and amounts in whole 元 are
    # data, not header: both two-sided tables are read (they were in doubt before).
    assert _doubtful(data_doc("上海市普陀区人民政府万里街道办事处24年预算.pdf")) == []


@pytest.mark.parametrize(
    "name",
    [
        "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf",
        "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf",
    ],
)
def test_final_accounts_tables_are_read_with_confidence(name):
    # The 决算 基本支出表 prints 人员经费 and 公用经费 side by side; unfolded once into rows, each block keeps its own
    # 合计 row (人员经费合计, 公用经费合计): no doubt, no PRS003. The other 决算 tables are read by meaning (final_*).
    assert _doubtful(data_doc(name)) == []
    found = run_checks(data_doc(name))
    assert [f for f in found if f.code == "PRS003"] == []
    # Before the gate: XTB004 error "基本支出表“合计（未列示）”为空" and TXT002 on the label "公用经费合计".
    assert {f.code for f in found}.isdisjoint({"XTB004", "TXT002", "STR002"})


def _misread_public_column() -> BudgetDocument:
    """Seed 003 with the 基本支出表 header cell 公用经费 unreadable: its figures sit under no known column."""
    lines = seed_path("003").read_text(encoding="utf-8").split("\n")
    assert lines[1236] == "\t公用经费" and lines[1222].endswith("部门预算一般公共预算财政拨款基本支出表")
    lines[1236] = "\t甲"
    return parse_lines("misread.txt", lines)


def test_one_misread_column_gives_one_finding_not_a_page_of_errors():
    doc = _misread_public_column()
    ungated = [(code, h) for code, rule in RULES.items() for h in rule.func(doc) if code != "PRS003"]
    errors = sorted(
        {(code, h.line) for code, h in ungated if (h.severity or RULES[code].severity) == "error"}
    )
    # Without the gate: 合计 = 人员经费 fails on every 302 line (ARI002) and the 机关运行经费 items (NAR006).
    assert errors == [
        ("ARI002", 1249),
        ("ARI002", 1326),
        ("ARI002", 1333),
        ("ARI002", 1340),
        ("ARI002", 1347),
        ("ARI002", 1354),
        ("ARI002", 1361),
        ("ARI002", 1368),
        ("ARI002", 1375),
        ("NAR006", 1600),
    ]
    found = run_checks(doc)
    assert [f for f in found if f.severity == Severity.ERROR] == []
    (doubt,) = [f for f in found if f.code == "PRS003"]
    assert (doubt.line, doubt.table, doubt.message) == (
        1223,
        "一般公共预算财政拨款基本支出表",
        "一般公共预算财政拨款基本支出表（第1223行）表格读取不确定，未做勾稽：有1列数字无法对应表头",
    )
    # Everything else is what the intact seed gives: the gate removes, it never invents.
    intact = {(f.code, f.line, f.message) for f in run_checks(seed_doc("003"))}
    assert {(f.code, f.line, f.message) for f in found if f.code != "PRS003"} <= intact


def _finding(family: str, message: str, table: str | None = None, line: int | None = None) -> Finding:
    return Finding(
        code="XTB001",
        family=family,
        severity=Severity.ERROR,
        title="t",
        message=message,
        table=table,
        line=line,
    )


def test_what_rests_on_a_doubtful_table():
    doc = _misread_public_column()
    doubtful = [doc.tables["general_basic"]]
    basic = "一般公共预算财政拨款基本支出表"
    assert rests_on_doubt(_finding("arithmetic", "合计不符", table=basic), doc, doubtful)
    assert rests_on_doubt(_finding("text", "单元格不是数字", line=1300), doc, doubtful)  # inside the table
    assert rests_on_doubt(
        _finding("cross-table", f"一般公共预算财政拨款支出表与{basic}不一致"), doc, doubtful
    )
    assert not rests_on_doubt(
        _finding("text", f"{basic}的说明有占位符", line=1600), doc, doubtful
    )  # text only
    assert not rests_on_doubt(
        _finding("parse", "解析问题", table=basic), doc, doubtful
    )  # says what was misread
    assert not rests_on_doubt(_finding("cross-table", "收支总表与支出总表不一致", line=10), doc, doubtful)


def test_short_table_names_in_messages_count():
    doc = _misread_public_column()
    doubtful = [doc.tables["general_basic"]]
    # XTB006 on the 决算: "“三公”经费表“三、公务接待费”为 2.85，基本支出表无 30217 科目金额"
    message = "“三公”经费表“三、公务接待费”为 2.85，基本支出表无 30217 科目金额"
    assert rests_on_doubt(_finding("cross-table", message, table="财政拨款“三公”经费支出表"), doc, doubtful)
    assert not rests_on_doubt(_finding("cross-table", message), doc, [doc.tables["expense"]])
