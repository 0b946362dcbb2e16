"""PDF reader (parsing/readers/pdf.py): real Shanghai disclosures, generated PDFs, and PDFs it must refuse."""

from __future__ import annotations

import random
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from parsing import BudgetDocument, parse
from parsing.errors import ParseError
from parsing.readers.pdf import PdfText, pdf_lines
from tests.support import pdf_fixtures as fx

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
PDF_DIR = DATA / "pdf"
OFFICE = "上海市普陀区人民政府办公室25年预算.pdf"
COMMERCE = "上海市普陀区商务委员会25年预算.pdf"
REAL = [OFFICE, COMMERCE]

TITLES = [
    "2025年部门财务收支预算总表",
    "2025年部门收入预算总表",
    "2025年部门支出预算总表",
    "2025年部门财政拨款收支预算总表",
    "2025年部门一般公共预算支出功能分类预算表",
    "2025年部门政府性基金预算支出功能分类预算表",
    "2025年部门国有资本经营预算支出功能分类预算表",
    "2025年部门一般公共预算基本支出部门预算经济分类预算表",
    "2025年部门“三公”经费和机关运行经费预算表",
]
PAGE_NUMBER_LIKE = re.compile(r"^(\d+|第\s*\d+\s*页.*|[-—]\s*\d+\s*[-—]|\d+\s*/\s*\d+|page\s*\d+.*)$", re.I)


# --- helpers --------------------------------------------------------------------------------------


def real_pdf(name: str) -> bytes:
    return (PDF_DIR / name).read_bytes()


@cache
def real_text(name: str) -> PdfText:
    return pdf_lines(name, real_pdf(name))


def real_page_count(name: str) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(real_pdf(name))) as pdf:
        return len(pdf.pages)


def table_after(text: PdfText, title: str) -> list[tuple[list[str], int]]:
    """Rows (cells, page) of the table that directly follows the line ``title`` (after non-cell lines)."""
    start = text.lines.index(title)
    rows: list[tuple[list[str], int]] = []
    cells: list[str] = []
    i = start + 1
    while i < len(text.lines) and not text.lines[i].startswith("\t"):
        i += 1  # e.g. the "编制部门：… 单位：元" line
    while i < len(text.lines):
        line = text.lines[i]
        if line.startswith("\t"):
            cells.append(line[1:])
        elif line == "":
            rows.append((cells, text.pages[i]))
            cells = []
        else:
            break
        i += 1
    assert not cells, "a table must end with a blank line"
    return rows


def squash(cells: list[str]) -> list[str]:
    """Non-empty cells with whitespace removed (for comparing with hand-written rows)."""
    return [re.sub(r"\s+", "", c) for c in cells if c.strip()]


def check_invariants(text: PdfText, page_count: int) -> None:
    assert len(text.lines) == len(text.pages)
    assert all(1 <= p <= page_count for p in text.pages)
    assert text.pages == sorted(text.pages), "pages must be monotone"
    for i, line in enumerate(text.lines):
        if line == "":
            assert i > 0 and text.lines[i - 1].startswith("\t"), "blank lines only end table rows"
            assert text.pages[i] == text.pages[i - 1]
        elif not line.startswith("\t"):
            assert line == line.strip() and "\t" not in line
            assert not PAGE_NUMBER_LIKE.match(line), line
    if text.lines and text.lines[-1].startswith("\t"):
        pytest.fail("the last table row is not closed by a blank line")


def assert_parse_error(name: str, data: bytes, reason: str, **kwargs: object) -> ParseError:
    with pytest.raises(ParseError) as info:
        pdf_lines(name, data, **kwargs)  # type: ignore[arg-type]
    err = info.value
    assert err.file_name == name
    assert str(err) == f"{name}：无法读取——{err.reason_zh}"  # Chinese only, nothing after the reason
    assert not re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", err.reason_zh), err.reason_zh
    assert reason in err.reason_zh, err.reason_zh
    assert err.reason_en
    return err


# --- the real Shanghai PDFs -----------------------------------------------------------------------


@pytest.mark.parametrize("name", REAL)
def test_real_titles_and_invariants(name):
    text = real_text(name)
    check_invariants(text, real_page_count(name))
    for title in TITLES:
        assert text.lines.count(title) == 1, title  # the table of contents line has a number prefix
        rows = table_after(text, title)
        assert len(rows) >= 2, title
    units = [line for line in text.lines if line.startswith("编制部门：") and "单位" in line]
    assert len(units) == 9


@pytest.mark.parametrize("name", REAL)
def test_real_narrative_stays_paragraphs(name):
    text = real_text(name)
    first_table_page = text.pages[text.lines.index(TITLES[0])]
    assert not any(
        line.startswith("\t")
        for line, page in zip(text.lines, text.pages, strict=True)
        if page < first_table_page
    )
    assert "主要职能包括：" in text.lines or any(line.startswith("主要职能") for line in text.lines)
    assert "名词解释" in text.lines
    assert "其他相关情况说明" in text.lines


def test_real_financial_summary_totals():
    text = real_text(OFFICE)
    rows = [cells for cells, _ in table_after(text, "2025年部门财务收支预算总表")]
    assert ["项目", "预算数", "项目", "预算数"] in rows
    assert ["收入总计", "91,016,775.35", "支出总计", "91,016,775.35"] in rows
    assert ["一、财政拨款收入", "91,016,775.35", "一、一般公共服务支出", "82,096,797.42"] in rows


def test_real_code_columns_are_separate_cells():
    text = real_text(OFFICE)
    rows = [cells for cells, _ in table_after(text, "2025年部门收入预算总表")]
    assert ["201", "03", "01", "行政运行", "12,029,501.84", "12,029,501.84", "", "", ""] in rows
    header = ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "财政拨款收入", "事业收入"]
    assert [r[:7] for r in rows].count(header) == 1
    assert any(r[7] == "事业单位经营收入" for r in rows)  # a wrapped header cell, joined


@pytest.mark.parametrize(
    ("name", "title", "pages", "first", "last"),
    [
        (OFFICE, "2025年部门收入预算总表", {9, 10}, "一般公共服务支出", "购房补贴"),
        (OFFICE, "2025年部门一般公共预算支出功能分类预算表", {14, 15}, "一般公共服务支出", "购房补贴"),
        (
            OFFICE,
            "2025年部门一般公共预算基本支出部门预算经济分类预算表",
            {18, 19},
            "工资福利支出",
            "办公设备购置",
        ),
        (COMMERCE, "2025年部门收入预算总表", {10, 11}, "一般公共服务支出", "购房补贴"),
        (COMMERCE, "2025年部门支出预算总表", {12, 13}, "一般公共服务支出", "购房补贴"),
    ],
)
def test_real_table_continues_on_next_page(name, title, pages, first, last):
    text = real_text(name)
    rows = table_after(text, title)
    assert {page for _, page in rows} == pages
    labels = [cell for cells, _ in rows for cell in cells]
    assert first in labels and last in labels
    assert rows[-1][0][0] == "合计"
    headers = [cells for cells, _ in rows if cells[:3] == ["类", "款", "项"] or cells[:2] == ["类", "款"]]
    assert len(headers) == 1, "the header repeated on the next page is dropped"
    assert sum(1 for cells, _ in rows if cells[0] == "项目") == 1
    assert text.lines.count(title) == 1


def test_real_office_income_total_row():
    rows = [cells for cells, _ in table_after(real_text(OFFICE), "2025年部门收入预算总表")]
    assert rows[-1][0] == "合计" and "91,016,775.35" in rows[-1]
    # 18 data rows (page 9: 12, page 10: 8 incl. 合计) + 3 header rows
    assert len(rows) == 3 + 12 + 9


def test_real_truncated_is_refused():
    data = real_pdf(OFFICE)
    assert_parse_error("half.pdf", data[: len(data) // 2], "PDF 文件已损坏或不完整")


# --- generated PDFs -------------------------------------------------------------------------------


def test_fixture_text_round_trip():
    text = pdf_lines("t.pdf", fx.text_pdf())
    assert text.lines == fx.NARRATIVE_READ
    assert text.pages == [1] * len(fx.NARRATIVE_READ)
    assert "比2024年预算减少2,389.52万元；" in text.lines[3]


def test_multi_page_table_with_furniture():
    data = fx.table_document(
        "2025年部门收入预算总表",
        fx.INCOME_ROWS,
        header_rows=2,
        rows_per_page=5,
        bold_title=True,
        intro=fx.NARRATIVE,
        outro=["注：本表为示例。"],
    )
    text = pdf_lines("multi.pdf", data)
    check_invariants(text, 5)
    assert text.lines[: len(fx.NARRATIVE_READ)] == fx.NARRATIVE_READ
    assert text.lines.count("2025年部门收入预算总表") == 1  # overprinted (fake bold) glyphs deduplicated
    assert "上海市示例区2025年区级部门预算" not in text.lines  # running header
    rows = table_after(text, "2025年部门收入预算总表")
    assert [squash(cells) for cells, _ in rows] == [squash(r) for r in fx.INCOME_ROWS]
    assert [page for _, page in rows] == sorted(page for _, page in rows)
    assert {page for _, page in rows} == {2, 3, 4, 5}
    assert text.lines[-1] == "注：本表为示例。"
    assert "编制部门：上海市示例区人民政府办公室 单位：元" in text.lines


@pytest.mark.parametrize(
    "style",
    ["第 {n} 页", "第{n}页 共{total}页", "- {n} -", "— {n} —", "{n} / {total}", "{n}", "Page {n} of {total}"],
)
def test_page_numbers_removed(style):
    data = fx.table_document(
        "2025年部门支出预算总表",
        fx.INCOME_ROWS,
        header_rows=2,
        rows_per_page=8,
        page_numbers=style,
        page_header=None,
    )
    text = pdf_lines("pn.pdf", data)
    check_invariants(text, 3)
    rows = table_after(text, "2025年部门支出预算总表")
    assert [squash(cells) for cells, _ in rows] == [squash(r) for r in fx.INCOME_ROWS]


def test_repeated_title_on_continuation_page_dropped():
    data = fx.table_document(
        "2025年部门收入预算总表", fx.INCOME_ROWS, header_rows=2, rows_per_page=8, repeat_title=True
    )
    text = pdf_lines("cont.pdf", data)
    assert not any("（续）" in line for line in text.lines)
    assert text.lines.count("编制部门：上海市示例区人民政府办公室 单位：元") == 1
    rows = table_after(text, "2025年部门收入预算总表")
    assert [squash(cells) for cells, _ in rows] == [squash(r) for r in fx.INCOME_ROWS]


def test_continuation_without_repeated_header():
    data = fx.table_document("2025年部门收入预算总表", fx.INCOME_ROWS, header_rows=2, repeat_header=False)
    rows = table_after(pdf_lines("norepeat.pdf", data), "2025年部门收入预算总表")
    assert [squash(cells) for cells, _ in rows] == [squash(r) for r in fx.INCOME_ROWS]


def test_next_table_with_its_own_title_is_not_merged():
    first, second = fx.Page(), fx.Page()
    first.text(60, 60, "表一 收入表", 16)
    fx.draw_table(first, [["项目", "金额"], ["甲", "1.00"], ["乙", "2.00"]], 100)
    second.text(60, 60, "表二 支出表", 16)
    fx.draw_table(second, [["项目", "金额"], ["丙", "3.00"]], 100)
    text = pdf_lines("two.pdf", fx.build_pdf([first, second]))
    assert text.lines == [
        "表一 收入表",
        *["\t项目", "\t金额", "", "\t甲", "\t1.00", "", "\t乙", "\t2.00", ""],
        "表二 支出表",
        *["\t项目", "\t金额", "", "\t丙", "\t3.00", ""],
    ]
    assert text.pages == [1] * 10 + [2] * 7


def test_table_at_top_of_next_page_with_other_column_count_is_a_new_table():
    first, second = fx.Page(), fx.Page()
    first.text(60, 60, "表一 收入表", 16)
    fx.draw_table(first, [["项目", "金额"], ["甲", "1.00"]], 100)
    fx.draw_table(second, [["a", "b", "c"], ["1", "2", "3"]], 50)
    text = pdf_lines("cols.pdf", fx.build_pdf([first, second]))
    assert text.lines[1:] == [
        "\t项目",
        "\t金额",
        "",
        "\t甲",
        "\t1.00",
        "",
        "\ta",
        "\tb",
        "\tc",
        "",
        "\t1",
        "\t2",
        "\t3",
        "",
    ]
    assert text.pages == [1] * 7 + [2] * 8


def test_ruling_less_table_uses_text_strategy():
    data = fx.table_document(
        "2025年部门收入预算总表",
        fx.INCOME_ROWS,
        header_rows=2,
        rows_per_page=30,
        ruled=False,
        intro=fx.NARRATIVE,
    )
    text = pdf_lines("plain.pdf", data)
    assert text.lines[: len(fx.NARRATIVE_READ)] == fx.NARRATIVE_READ  # the narrative page stays paragraphs
    rows = table_after(text, "2025年部门收入预算总表")
    assert [squash(cells) for cells, _ in rows] == [squash(r) for r in fx.INCOME_ROWS]
    assert all(len(cells) == 7 for cells, _ in rows)


def test_single_column_box_is_not_a_table():
    page = fx.Page()
    page.text(60, 40, "目 录", 16)
    fx.draw_table(page, [["一、部门主要职能"], ["二、部门机构设置"], ["三、名词解释"]], 80)
    page.text(60, 200, "本页其余文字足够长，用于通过文字数量检查。", 10.5)
    text = pdf_lines("toc.pdf", fx.build_pdf([page]))
    assert text.lines == [
        "目 录",
        "一、部门主要职能",
        "二、部门机构设置",
        "三、名词解释",
        "本页其余文字足够长，用于通过文字数量检查。",
    ]


def test_wrapped_cells_joined():
    page = fx.Page()
    page.text(60, 40, "2025年部门收入预算总表", 16)
    fx.draw_table(page, [["项目", "事业单位", "合计"], ["行政运行", "", "1.00"]], 80, row_height=30)
    page.text(60 + 722 / 3 + 3, 80 + 16, "经营收入", 9)  # second line of the wrapped header cell
    text = pdf_lines("wrap.pdf", fx.build_pdf([page]))
    assert text.lines[1:5] == ["\t项目", "\t事业单位经营收入", "\t合计", ""]


def test_seed_table_round_trip():
    seed = next((DATA / "seeds").glob("003_*.txt"))
    title, rows = fx.seed_first_table(seed)
    assert title == "部门预算收支总表" and len(rows) > 30
    data = fx.table_document(title, rows, header_rows=4, rows_per_page=20, subtitle=None)
    text = pdf_lines("seed003.pdf", data)
    check_invariants(text, 2)
    got = table_after(text, title)
    assert [squash(cells) for cells, _ in got] == [squash(r) for r in rows]
    assert {page for _, page in got} == {1, 2}
    assert all(len(cells) == max(len(r) for r in rows) for cells, _ in got)


# --- whole seed documents as PDFs (issue 7) --------------------------------------------------------

ROUND_TRIP_SEEDS = ["000", "001", "002", "003"]
_LINE_REF = re.compile(r"第\s*\d+\s*行")
_SPACE = re.compile(r"\s+")


@cache
def seed_round_trip(prefix: str) -> tuple[BudgetDocument, BudgetDocument]:
    """The seed parsed from its text and from a PDF printed from it (each built once per session)."""
    seed = next((DATA / "seeds").glob(f"{prefix}_*.txt"))
    data = seed.read_bytes()
    return parse(seed.name, data), parse(seed.name + ".pdf", fx.seed_pdf(seed))


def _amounts(amounts) -> dict[str, Decimal]:
    return {key: a.value for key, a in amounts.items() if a.value is not None}


def figures(doc: BudgetDocument) -> dict[str, object]:
    """What the disclosure states, without line numbers: identity, tables, projects, sections."""
    return {
        "identity": (doc.department_code, doc.department_name, doc.budget_year, doc.unit),
        "tables": sorted(doc.tables),
        **{
            f"table {key}": [
                (row.code, row.name, _amounts(row.values)) for row in table.rows if _amounts(row.values)
            ]
            for key, table in doc.tables.items()
        },
        "projects": [
            (p.name, p.budget.raw, p.fiscal.raw, [point.amount.raw for point in p.plan], len(p.indicators))
            for p in doc.projects
        ],
        "sections": [section.key for section in doc.sections],
    }


def finding_texts(doc: BudgetDocument) -> list[tuple[str, str]]:
    """Finding codes and messages; line references and whitespace left out (see the test)."""
    from checks import run_checks

    return sorted((f.code, _SPACE.sub("", _LINE_REF.sub("第…行", f.message))) for f in run_checks(doc))


@pytest.mark.parametrize("prefix", ROUND_TRIP_SEEDS)
def test_seed_pdf_parses_to_the_same_figures(prefix):
    text_doc, pdf_doc = seed_round_trip(prefix)
    assert len(text_doc.tables) == 9 and text_doc.projects  # the comparison is not vacuous
    assert len(set(pdf_doc.pages)) > 10  # a real multi-page PDF
    assert pdf_doc.file_name.endswith(".pdf") and not text_doc.pages
    assert len(pdf_doc.parts()) == len(text_doc.parts())
    for text_part, pdf_part in zip(text_doc.parts(), pdf_doc.parts(), strict=True):
        expected, got = figures(text_part), figures(pdf_part)
        assert got.keys() == expected.keys()
        for key in expected:
            assert got[key] == expected[key], key


@pytest.mark.parametrize("prefix", ROUND_TRIP_SEEDS)
def test_seed_pdf_gives_the_same_findings(prefix):
    """Same codes and messages. Messages may cite a line ("第1535行"): PDF lines are numbered differently.
    A cell of two paragraphs keeps its break in the text ("；\n信访…", shown as a space) while the PDF
    reader joins a cell's wrapped lines without one (CJK wraps anywhere), so whitespace is not compared."""
    text_doc, pdf_doc = seed_round_trip(prefix)
    assert finding_texts(pdf_doc) == finding_texts(text_doc)


def test_owner_password_only_is_readable():
    text = pdf_lines("owner.pdf", fx.text_pdf(owner_password="owner"))
    assert text.lines == fx.NARRATIVE_READ


# --- PDFs that must be refused --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: fx.text_pdf(user_password="secret"), "PDF 已加密"),
        (lambda: fx.text_pdf(user_password="secret", owner_password="boss"), "PDF 已加密"),
        (lambda: fx.text_pdf(to_unicode=False), "没有可提取的文字"),
        (fx.image_only_pdf, "没有可提取的文字"),
        (fx.zero_page_pdf, "PDF 没有页面"),
        (lambda: fx.text_pdf()[: len(fx.text_pdf()) // 2], "PDF 文件已损坏或不完整"),
        (lambda: fx.text_pdf()[:200], "PDF 文件已损坏或不完整"),
        (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 8, "PDF 文件已损坏或不完整"),
        (lambda: b"not a pdf at all", "PDF 文件已损坏或不完整"),
        (lambda: b"", "PDF 文件已损坏或不完整"),
    ],
    ids=[
        "encrypted",
        "encrypted-owner",
        "no-tounicode",
        "image-only",
        "zero-pages",
        "half",
        "head",
        "junk",
        "not-pdf",
        "empty",
    ],
)
def test_bad_pdfs(make, reason):
    assert_parse_error("坏文件.pdf", make(), reason)


def test_scan_error_message():
    err = assert_parse_error("scan.pdf", fx.image_only_pdf(), "扫描件")
    assert "OCR" in err.reason_zh and "OCR" in err.reason_en


def test_too_many_pages():
    data = fx.table_document("表", fx.INCOME_ROWS, rows_per_page=4)
    err = assert_parse_error("big.pdf", data, "页数过多", max_pages=2)
    assert "2" in err.reason_zh


def test_mutated_pdfs_raise_only_parse_error():
    base = fx.table_document("2025年部门收入预算总表", fx.INCOME_ROWS, header_rows=2, rows_per_page=8)
    rng = random.Random(20250101)
    for _ in range(20):
        data = bytearray(base)
        for _ in range(rng.randint(1, 20)):
            pos = rng.randrange(len(data))
            data[pos] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[: rng.randrange(len(data))]
        try:
            text = pdf_lines("mutant.pdf", bytes(data))
        except ParseError as err:
            assert err.file_name == "mutant.pdf"
        else:
            assert len(text.lines) == len(text.pages)


# --- grids holding two tables, side-by-side blocks, continued tables (issue 13) --------------------


def test_title_inside_the_grid_starts_a_new_table():
    text = pdf_lines("grid.pdf", fx.title_in_grid_pdf())
    check_invariants(text, 1)
    summary = [cells for cells, _ in table_after(text, "2025年部门财务收支预算总表")]
    assert summary == fx.SUMMARY_ROWS  # the label/amount pairs without codes are read across, as printed
    assert text.lines.count(fx.FISCAL_TITLE) == 1
    assert text.lines[text.lines.index(fx.FISCAL_TITLE) + 1] == fx.CAPTION  # the caption row is a line too
    assert [cells for cells, _ in table_after(text, fx.FISCAL_TITLE)] == fx.FISCAL_ROWS


def test_title_inside_the_grid_parses_as_its_own_table():
    doc = parse("grid.pdf", fx.title_in_grid_pdf())
    assert {"summary", "fiscal_summary"} <= set(doc.tables)
    names = [row.name for row in doc.tables["fiscal_summary"].rows]
    assert "一、一般公共预算资金" in names and "2025年部门财政拨款收支预算总表" not in names


def test_side_by_side_blocks_are_unfolded():
    text = pdf_lines("basic.pdf", fx.side_by_side_pdf())
    check_invariants(text, 1)
    rows = [cells for cells, _ in table_after(text, fx.BASIC_TITLE)]
    assert rows == [
        ["经济分类科目编码", "科目名称", "决算数"],
        ["301", "工资福利支出", "95.36"],
        ["30101", "基本工资", "14.12"],
        ["30102", "津贴补贴", "81.24"],
        ["人员经费合计", "", "95.36"],  # each block keeps its total
        ["302", "商品和服务支出", "10.23"],
        ["30201", "办公费", "3.78"],
        ["30211", "差旅费", "6.45"],
        ["310", "资本性支出", "0.00"],
        ["公用经费合计", "", "10.23"],
    ]
    assert text.lines[-1].startswith("注：本表反映")


@pytest.mark.parametrize(
    ("name", "page", "personnel", "public"),
    [
        ("中共上海市普陀区委社会工作部 2024 年度部门决算.pdf", 13, "95.36", "10.23"),
        ("上海市普陀区规划和自然资源局 2024 年度部门决算.pdf", 16, "4884.09", "480.66"),
    ],
)
def test_real_final_accounts_basic_table_unfolded(name, page, personnel, public):
    text = pdf_lines(name, (PDF_DIR / "final_accounts" / name).read_bytes())
    rows = table_after(text, "一般公共预算财政拨款基本支出决算表")
    assert {p for _, p in rows} == {page}
    assert all(len(cells) == 3 for cells, _ in rows)
    assert [cells[0] for cells, _ in rows].count("经济分类科目编码") == 1
    assert ["人员经费合计", "", personnel] in [cells for cells, _ in rows]
    assert rows[-1][0] == ["公用经费合计", "", public]
    codes = [cells[0] for cells, _ in rows]
    assert codes.index("30399") < codes.index("人员经费合计") < codes.index("302") < codes.index("31099")


def test_continuation_keeps_the_first_page_columns():
    text = pdf_lines("merged.pdf", fx.merged_continuation_pdf())
    check_invariants(text, 2)
    rows = table_after(text, "2025年部门支出预算总表")
    assert rows == [
        (["科目编码", "科目名称", "合计", "基本支出"], 1),
        (["201", "一般公共服务支出", "3.00", "1.00"], 1),
        (["合计", "", "3.00", "1.00"], 2),  # the merged label's second column stays an empty cell
    ]


def test_continuation_repeating_only_the_lower_header_row():
    first, second = fx.Page(), fx.Page()
    first.text(60, 40, "2025年部门收入预算总表", 16)
    fx.draw_table(first, fx.INCOME_ROWS[:6], 70, columns=7)
    fx.draw_table(second, [fx.INCOME_ROWS[1], *fx.INCOME_ROWS[6:]], 50, columns=7)
    text = pdf_lines("lower.pdf", fx.build_pdf([first, second]))
    rows = table_after(text, "2025年部门收入预算总表")
    assert [squash(cells) for cells, _ in rows] == [squash(r) for r in fx.INCOME_ROWS]
    assert {page for _, page in rows} == {1, 2}


# --- paragraph reflow (issue 13) -----------------------------------------------------------------


def test_paragraphs_wrapped_at_the_right_margin_are_joined():
    text = pdf_lines("wrapped.pdf", fx.wrapped_paragraphs_pdf())
    assert text.lines == fx.WRAPPED_PARAGRAPHS
    # every paragraph keeps the page it starts on; the fourth goes on from page 1 to page 2
    assert text.pages == [1, 1, 1, 1, 2]


def test_wrapped_paragraphs_in_the_fixture_really_wrap():
    """The fixture prints several lines per long paragraph, all but the last reaching the right margin."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(fx.wrapped_paragraphs_pdf())) as pdf:
        pages = [page.extract_text_lines() for page in pdf.pages]
    assert [len(lines) for lines in pages] == [6, 3]  # 2 + 1 + 1 + 2 lines, then 2 more of the fourth + 1
    assert all(line["x1"] > fx.PAGE_W - 60 - 24 for line in (pages[0][0], pages[0][4], pages[1][0]))


def test_real_wrapped_lines_joined():
    """万里街道 2024, page 8 and page 32: a sentence wrapped after "主要原因是：" and a full stop pushed onto
    the next line are read as one paragraph each (each line stopped at the right margin)."""
    name = "上海市普陀区人民政府万里街道办事处24年预算.pdf"
    text = pdf_lines(name, real_pdf(name))
    line = next(t for t in text.lines if t.startswith("20. “社会保障和就业支出（类）其他社会保障和就业支出"))
    assert line.endswith("主要原因是：其他社会保障和就业支出经费减少。")
    assert text.pages[text.lines.index(line)] == 8
    line = next(t for t in text.lines if "机关运行经费预算为443.18万元" in t)
    assert line.endswith("443.18万元。") and text.pages[text.lines.index(line)] == 32
    assert "。" not in text.lines


# --- glyphs and ruling lines read with PDFium (issue 13) -------------------------------------------

# Three of the seven PDFs (pdfminer alone takes a while); all seven were compared by hand (issue 13).
COMPARED = [
    PDF_DIR / OFFICE,
    PDF_DIR / "上海市普陀区人民政府万里街道办事处25年预算.pdf",
    PDF_DIR / "final_accounts" / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf",
]


@pytest.mark.parametrize("path", COMPARED, ids=["office", "wanli25", "final-accounts"])
def test_pdfium_reads_what_pdfminer_reads(path, monkeypatch):
    """PDFium's glyphs and paths give the lines pdfminer's give. One reviewed difference: on page 31 of 万里街道 2025 "管理" and "，" are exactly 3 pt apart, pdfplumber's word gap;
    pdfminer's rounding puts them 5e-13 pt further apart and reads a space between them, PDFium does not."""
    import parsing.readers.pdf as reader

    fast = pdf_lines(path.name, path.read_bytes())
    monkeypatch.setattr(reader, "open_pdfium", lambda data: None)
    slow = pdf_lines(path.name, path.read_bytes())
    assert fast.pages == slow.pages
    if path.name == "上海市普陀区人民政府万里街道办事处25年预算.pdf":
        (i,) = [i for i, (a, b) in enumerate(zip(fast.lines, slow.lines, strict=True)) if a != b]
        assert slow.lines[i].replace("管理 ，投资监理", "管理，投资监理") == fast.lines[i]
        assert fast.pages[i] == 31
    else:
        assert fast.lines == slow.lines


def test_pdfium_pages_fall_back_to_pdfminer_without_embedded_fonts():
    from parsing.readers.pdf_pdfium import open_pdfium, page_objects

    document = open_pdfium(fx.text_pdf())  # the fixture font is not embedded
    assert document is not None and page_objects(document, 0, 1, 0.0) is None
    document = open_pdfium(real_pdf(OFFICE))
    objects = page_objects(document, 7, 8, 0.0)
    assert objects is not None
    assert "".join(c["text"] for c in objects["char"]).startswith("2025年部门财务收支预算总表")
    assert len(objects["curve"]) > 20  # the table's ruling


# --- page checks (issue 13) ------------------------------------------------------------------------


def test_blank_grid_only_and_unmapped_pages_are_reported():
    text = pdf_lines("pages.pdf", fx.problem_pages_pdf())
    assert [(p.page, p.kind) for p in text.problems] == [
        (2, "blank-page"),
        (3, "grid-only-page"),
        (4, "unmapped-glyphs"),
    ]
    assert "第4页有3个字形无法转换为文字" in text.problems[2].message
    assert set(text.pages) == {1, 4}  # the blank and grid-only pages give no line


def test_page_problems_become_parse_findings():
    from checks import load_rules, run_checks
    from checks.registry import RULES

    load_rules()
    doc = parse("pages.pdf", fx.problem_pages_pdf())
    problems = [(p.kind, doc.page_of(p.line)) for p in doc.problems if p.kind.endswith(("page", "glyphs"))]
    assert problems == [("blank-page", 4), ("grid-only-page", 4), ("unmapped-glyphs", 4)]
    messages = [f.message for f in run_checks(doc, [RULES["PRS001"]])]
    assert "解析问题（空白页）：第2页是空白页" in messages
    assert any(m.startswith("解析问题（无文字页）：第3页只有表格线而没有文字") for m in messages)


def test_real_pdfs_have_no_page_problems():
    for name in REAL:
        assert real_text(name).problems == ()


def test_extract_cells_matches_pdfplumber():
    import io

    import pdfplumber

    from parsing.readers.pdf_grid import extract_cells

    with pdfplumber.open(io.BytesIO(real_pdf(COMMERCE))) as pdf:
        tables = [table for number in (8, 10, 19) for table in pdf.pages[number].find_tables()]
        assert len(tables) >= 3
        for table in tables:
            assert extract_cells(table) == table.extract()
