"""Tests for parsing.readers (bytes → text lines) and tests.support.docx_build (lines → .docx)."""

from __future__ import annotations

import codecs
import io
import random
import re
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from parsing import readers as read
from parsing.errors import ParseError
from parsing.readers import MAX_BYTES, read_lines
from tests.support.docx_build import docx_from_lines, split_blocks

SEEDS_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))


def _seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _encode(text: str, encoding: str) -> bytes:
    """Encode like an editor would: BOM variants write the BOM explicitly."""
    boms = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    if encoding == "gbk":
        try:
            return text.encode("gbk", errors="strict")
        except UnicodeEncodeError:  # GBK lacks some characters; GB18030 covers all of Unicode
            return text.encode("gb18030", errors="strict")
    return boms.get(encoding, b"") + text.encode(encoding, errors="strict")


def test_seeds_present() -> None:
    assert len(SEEDS) == 4


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk", "utf-16-le", "utf-16-be"])
def test_encodings_give_same_lines(seed: Path, encoding: str) -> None:
    text = _seed_text(seed)
    expected = read_lines(seed.name, text.encode("utf-8"))
    assert expected == text.split("\n")[:-1]
    assert read_lines(seed.name, _encode(text, encoding)) == expected


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_crlf_and_cr_give_same_lines(seed: Path) -> None:
    text = _seed_text(seed)
    expected = read_lines(seed.name, text.encode("utf-8"))
    assert read_lines(seed.name, text.replace("\n", "\r\n").encode("utf-8")) == expected
    assert read_lines(seed.name, text.replace("\n", "\r").encode("gb18030")) == expected
    assert read_lines(seed.name, _encode(text.replace("\n", "\r\n"), "utf-16-le")) == expected


def test_utf16_and_utf32_variants() -> None:
    text = "部门预算收支总表\n\t223沧州\n\t预算年度：2024\n"
    expected = ["部门预算收支总表", "\t223沧州", "\t预算年度：2024"]
    for data in (
        text.encode("utf-16-le"),  # no BOM: detected from the NUL pattern
        text.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + text.encode("utf-32-be"),
    ):
        assert read_lines("u.txt", data) == expected


def test_keeps_tabs_spaces_and_fullwidth() -> None:
    text = " [bookmark: _Toc1]标题\n\t1.说明\t\t\n\t其中：财政    资金\n\t\u3000１８.００\n"
    assert read_lines("k.txt", text.encode("gb18030")) == text.split("\n")[:-1]


def _zip_with(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


BAD_INPUTS = {
    "empty.txt": b"",
    "blank.txt": " \r\n\t\n\u3000\n".encode(),
    "blank16.txt": codecs.BOM_UTF16_LE + " \n \n".encode("utf-16-le"),
    "junk.txt": random.Random(1).randbytes(4096),
    "junk.docx": random.Random(1).randbytes(4096),
    "image.txt": b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(200),
    "photo.txt": b"\xff\xd8\xff\xe0" + random.Random(3).randbytes(200),
    "anim.txt": b"GIF89a" + bytes(100),
    "text.docx": "部门预算收支总表\n".encode(),
    "other.zip": _zip_with("readme.txt", b"hello"),
    "other.docx": _zip_with("xl/workbook.xml", b"<x/>"),
    "broken.docx": b"PK\x03\x04" + random.Random(4).randbytes(300),
    "legacy.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
    "encrypted.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
    "scan.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "nuls.txt": b"abc\x00\x00\x00def\x00\x00ghi\x00" * 50,
}
EXPECTED_REASON = {
    "empty.txt": "文件为空",
    "blank.txt": "文件为空",
    "blank16.txt": "文件为空",
    "junk.txt": "不是文本文件",
    "image.txt": "图片",
    "photo.txt": "图片",
    "anim.txt": "图片",
    "text.docx": "扩展名为 .docx 但内容不是 Word 文档",
    "other.zip": "不是 Word 文档（.docx）压缩包",
    "other.docx": "不是 Word 文档（.docx）压缩包",
    "legacy.doc": "另存为 .docx",
    "encrypted.docx": "另存为",
    "scan.pdf": "PDF 文件已损坏或不完整",
    "nuls.txt": "不是文本文件",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_raises_parse_error_naming_file(name: str) -> None:
    with pytest.raises(ParseError) as caught:
        read_lines(name, BAD_INPUTS[name])
    error = caught.value
    assert error.file_name == name
    assert name in str(error)
    assert error.reason_zh and error.reason_en
    assert EXPECTED_REASON.get(name, "") in error.reason_zh
    # the one-line message is Chinese: the file name, then 无法读取 and the Chinese reason, nothing after
    assert str(error) == f"{name}：无法读取——{error.reason_zh}"
    assert not re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", str(error).removeprefix(name)), str(error)


def test_too_large_raises_quickly_without_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> str:
        raise AssertionError("must not decode an oversized file")

    monkeypatch.setattr(read, "decode_text", fail)
    data = b"a" * (61 * 1024 * 1024)
    start = time.perf_counter()
    with pytest.raises(ParseError) as caught:
        read_lines("huge.txt", data)
    assert time.perf_counter() - start < 1.0
    assert "huge.txt" in str(caught.value)
    assert "61" in caught.value.reason_zh and "60" in caught.value.reason_zh


def test_large_valid_text_reads() -> None:
    chunk = SEEDS[0].read_bytes()
    data = chunk * (50 * 1024 * 1024 // len(chunk) + 1)
    assert 50 * 1024 * 1024 < len(data) < MAX_BYTES
    lines = read_lines("big.txt", data)
    per_seed = chunk.decode("utf-8").count("\n")
    assert len(lines) == per_seed * (len(data) // len(chunk))
    assert lines[-1] == lines[per_seed - 1]


def test_mixed_encodings_keep_utf8_parts() -> None:
    lines = _seed_text(SEEDS[0]).split("\n")[:-1]
    spliced = {10: "收入总表（GBK 行）", 500: "\t项目支出", 1500: "注：无政府基金预算，空表列示。"}
    data = b"\n".join(
        spliced[i].encode("gbk") if i in spliced else line.encode("utf-8") for i, line in enumerate(lines)
    )
    result = read_lines("mixed.txt", data)
    assert len(result) == len(lines)
    for i, line in enumerate(lines):
        if i in spliced:
            assert "\ufffd" in result[i]
        else:
            assert result[i] == line


def _content(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip()]


def _rows(lines: list[str]) -> list[object]:
    """Paragraphs and table rows, with trailing empty cells dropped (they may be padding)."""
    items: list[object] = []
    for block in split_blocks(lines):
        if hasattr(block, "rows"):
            for row in block.rows:
                while row and not row[-1].strip():
                    row = row[:-1]
                items.append(tuple(row))
        else:
            items.append(block.text)
    return items


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_docx_round_trip(seed: Path) -> None:
    lines = _seed_text(seed).split("\n")[:-1]
    result = read_lines("s.docx", docx_from_lines(lines))
    # Stripped non-blank texts match exactly: padding cells are empty "\t" lines and vanish when stripped.
    assert _content(result) == _content(lines)
    # Row structure also matches once trailing empty cells (possibly padding) are dropped from every row.
    assert _rows(result) == _rows(lines)


def test_docx_empty_cells_and_merged_short_rows_round_trip() -> None:
    lines = ["标题", "\t223单位", "\t", "\t", "\t单位：万元", "", "\t", "\t", "", "\t1", "", "注：空表列示。"]
    assert read_lines("e.docx", docx_from_lines(lines)) == [
        "标题",
        *["\t223单位", "\t", "\t", "\t单位：万元", ""],
        *["\t", "\t", ""],  # a short row ends in a merged cell: read back with its own cell count
        *["\t1", ""],
        "注：空表列示。",
    ]


def _docx_bytes(doc: Document) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_docx_merged_cells() -> None:
    doc = Document()
    doc.add_paragraph("三公经费")
    table = doc.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "合并表头"
    table.cell(0, 2).text = "单位：万元"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "产出指标"
    table.cell(1, 1).text = "数量指标"
    table.cell(2, 1).text = "质量指标"
    table.cell(1, 2).text = "≥95"
    doc.add_paragraph("")  # empty paragraphs are skipped
    doc.add_paragraph("结束")
    assert read_lines("m.docx", _docx_bytes(doc)) == [
        "三公经费",
        *["\t合并表头", "\t单位：万元", ""],  # horizontal merge: the cell appears once
        *["\t产出指标", "\t数量指标", "\t≥95", ""],
        *["\t", "\t质量指标", "\t", ""],  # vertical merge continuation: an empty cell
        "结束",
    ]


def test_docx_cell_paragraphs_nested_tables_breaks_and_sdt() -> None:
    doc = Document()
    paragraph = doc.add_paragraph("第一行")
    paragraph.add_run().add_break()
    paragraph.add_run("第二行\t尾")
    table = doc.add_table(rows=1, cols=2)
    cell = table.cell(0, 0)
    cell.text = "指标值确定"
    cell.add_paragraph("依据")
    inner = table.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内1"
    inner.cell(0, 1).text = "内2"
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    content.append(doc.add_paragraph("目录项")._p)  # moves the paragraph into a content control
    doc.element.body.insert(len(doc.element.body) - 1, sdt)
    lines = read_lines("n.docx", _docx_bytes(doc))
    assert lines == ["第一行", "第二行\t尾", "\t指标值确定", "依据", "\t内1", "内2", "", "目录项"]


def test_docx_skips_deleted_text_and_keeps_insertions() -> None:
    doc = Document()
    paragraph = doc.add_paragraph("保留")
    deleted = OxmlElement("w:del")
    run = OxmlElement("w:r")
    deleted_text = OxmlElement("w:delText")
    deleted_text.text = "删除"
    run.append(deleted_text)
    deleted.append(run)
    inserted = OxmlElement("w:ins")
    inserted.append(doc.add_paragraph().add_run("插入")._r)
    paragraph._p.append(deleted)
    paragraph._p.append(inserted)
    assert qn("w:ins") in {child.tag for child in paragraph._p}
    assert read_lines("d.docx", _docx_bytes(doc)) == ["保留插入"]


def test_docx_without_text_is_empty() -> None:
    with pytest.raises(ParseError) as caught:
        read_lines("blank.docx", _docx_bytes(Document()))
    assert "blank.docx" in str(caught.value)


def test_docx_detected_by_content_not_extension() -> None:
    data = docx_from_lines(["标题", "\t单元格"])
    assert read_lines("upload.bin", data) == ["标题", "\t单元格", ""]


def test_docx_build_drops_xml_invalid_characters() -> None:
    data = docx_from_lines(["a\x00b", "\tc\x0bd"])
    assert read_lines("x.docx", data) == ["ab", "\tcd", ""]


def test_unexpected_errors_become_parse_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(read, "decode_text", boom)
    with pytest.raises(ParseError) as caught:
        read_lines("r.txt", b"text")
    assert "r.txt" in str(caught.value) and "RuntimeError" in caught.value.reason_en
