"""Inspection forms for every document in tests/data: read back with openpyxl, item by item."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest

from checks.checklist import (
    MANUAL,
    NO,
    YES,
    build_form,
    checklist_xlsx,
    document_kind,
    document_level,
    item_keys,
    load_templates,
)
from checks.findings import Finding, Severity
from library.batch import collect_files
from library.forms import check_forms
from tests.conftest import seed_doc

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
TEMPLATES = load_templates()
PROBLEM = re.compile(r"^(\d+)\. ", re.MULTILINE)


@pytest.fixture(scope="module")
def forms_book():
    """Every document in tests/data checked once; the forms written and read back with openpyxl."""
    files = collect_files([DATA])
    pairs = check_forms(files)
    book = openpyxl.load_workbook(io.BytesIO(checklist_xlsx([form for _, form in pairs])))
    return files, pairs, book


def _rows(sheet) -> dict[str, tuple[str, str, str]]:
    """检查内容 -> (符合要求, 问题说明, 问题截图), from the row after the header row on."""
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "检查项目")
    out = {}
    for r in range(header + 1, sheet.max_row + 1):
        label, verdict, problems, shots = (sheet.cell(r, c).value for c in (2, 3, 4, 5))
        out[label] = (verdict, problems or "", shots or "")
    return out


def test_one_sheet_per_document_with_every_item(forms_book):
    files, pairs, book = forms_book
    assert len(files) == 11 and len(book.sheetnames) == len(files)
    for (status, findings), name in zip([p for p, _ in pairs], book.sheetnames, strict=True):
        sheet = book[name]
        assert status.status == "ok"
        kind = "final" if "决算" in Path(status.file).name else "budget"
        assert sheet["A1"].value.endswith("决算公开情况检查表" if kind == "final" else "预算公开情况检查表")
        labels = [i.label.format(level="部门") for i in TEMPLATES[kind].items]
        rows = _rows(sheet)
        assert list(rows) == labels, name
        shown = 0
        for label, (verdict, problems, shots) in rows.items():
            numbers = [int(n) for n in PROBLEM.findall(problems)]
            assert numbers == list(range(1, len(numbers) + 1)), (name, label)
            assert (verdict == NO) == bool(numbers), (name, label, verdict)
            assert verdict in (YES, NO, MANUAL)
            assert len(PROBLEM.findall(shots)) == len(numbers)
            shown += len(numbers)
        # every finding is listed under at least one item, with its message
        text = "\n".join(p for _, p, _ in rows.values())
        assert shown >= len(findings) and all(f.message in text for f in findings), name


def test_items_match_the_findings_read_by_hand(forms_book):
    _, _, book = forms_book
    # 003 (徐水区): 支出总表 has 4 ARI003 and 1 ARI002 findings, 名词解释 none
    rows = _rows(book["保定市徐水区人民政府办公室 2024"])
    verdict, problems, shots = rows["《部门支出预算总表》"]
    assert verdict == NO and len(PROBLEM.findall(problems)) == 5
    assert rows["名词解释"][0] == YES and rows["及时公开部门预算"][0] == MANUAL
    assert re.search(r"^1\. 第\d+行：", problems, re.MULTILINE) and "原文：“" in problems
    # the Shanghai 2024 PDF: its 收支总表 is read and clean; the 三公 table's header lacks the year (XTB008, p31)
    rows = _rows(book["上海市普陀区人民政府万里街道办事处 2024"])
    assert rows["《部门财务收支预算总表》"][:2] == (YES, "")
    verdict, problems, shots = rows["《部门“三公”经费和机关运行经费预算表》"]
    assert verdict == NO and problems.startswith("1. 第31页第2395行：")
    assert "▶  2395  编制部门：上海市普陀区人民政府万里街道办事处" in shots
    assert (
        book["上海市普陀区人民政府万里街道办事处 2024"]["A1"].value == "2024年度普陀区部门预算公开情况检查表"
    )
    # a 决算 gets the 决算 form: its own table names as items (no budget-table finding lands there since the
    # kind is detected and the budget's STR001 does not ask a 决算 for budget tables)
    sheet = next(book[n] for n in book.sheetnames if n.startswith("中共上海市普陀区委社会工作部"))
    verdict, problems, _ = _rows(sheet)["《收入支出决算总表》"]
    assert verdict == YES and problems == ""


def test_level_and_kind_from_the_document():
    doc = seed_doc("002")
    assert (document_level(doc), document_kind(doc)) == ("部门", "budget")
    unit = doc.units[0]  # part two: 单位预算收支总表 …
    assert document_level(unit) == "单位"
    form = build_form(unit, [], TEMPLATES)
    assert [r.label for r in form.items][:2] == ["及时公开单位预算", "封面"]
    assert "《单位财务收支预算总表》" in [r.label for r in form.items]
    assert (
        form.title == "2024年度单位预算公开情况检查表"
        and form.name == "中共河北沧州经济开发区工委组织人事部本级"
    )


def test_formula_text_stays_text():
    doc = seed_doc("000")
    finding = Finding(code="TXT901", family="text", severity=Severity.INFO, title="t", message="=SUM(A1:A3)",
                      file=doc.file_name, line=3)  # fmt: skip
    book = openpyxl.load_workbook(io.BytesIO(checklist_xlsx([build_form(doc, [finding], TEMPLATES)])))
    sheet = book[book.sheetnames[0]]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value and "SUM(A1:A3)" in str(c.value))
    assert cell.data_type == "s" and cell.value.startswith("1. 第3行：=SUM(A1:A3)")


def test_every_mapping_target_is_an_item(tmp_path):
    bad = tmp_path / "bad.json"
    text = (ROOT / "data" / "checklists" / "budget.json").read_text(encoding="utf-8")
    bad.write_text(text.replace('"PRS002": "cover"', '"PRS002": "no-such-item"'), encoding="utf-8")
    with pytest.raises(ValueError, match="no-such-item"):
        load_templates(tmp_path)


def test_pdf_forms_picture_the_page(forms_book):
    _, _, book = forms_book
    sheet = book["上海市普陀区人民政府万里街道办事处 2024"]
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "检查项目")
    assert sheet.cell(header, 6).value == "问题截图（PDF 原文）"
    row = next(
        r
        for r in range(header + 1, sheet.max_row + 1)
        if sheet.cell(r, 2).value == "《部门“三公”经费和机关运行经费预算表》"
    )
    anchored = {(image.anchor._from.row + 1, image.anchor._from.col + 1) for image in sheet._images}
    assert (row, 6) in anchored  # the XTB008 finding's line (page 31) pictured beside its text excerpt
    clean = next(r for r in range(header + 1, sheet.max_row + 1) if sheet.cell(r, 2).value == "名词解释")
    assert (clean, 6) not in anchored
    # text input has no picture column
    text_sheet = book["保定市徐水区人民政府办公室 2024"]
    assert text_sheet.cell(header, 6).value is None and not text_sheet._images


@pytest.mark.parametrize("kind", ["budget", "final"])
def test_a_missing_glossary_maps_to_the_glossary_item_in_either_form(kind):
    # "名词解释" is the title of a budget's section (glossary) and of a 决算's part (final_glossary)
    finding = Finding(code="STR003", family="structure", severity=Severity.WARNING, title="缺少标准说明章节",
                      message="情况说明缺少“名词解释”部分", line=9, row="名词解释")  # fmt: skip
    assert item_keys(finding, None, TEMPLATES[kind]) == ["glossary"]
