"""Hand-built PDFs for the PDF reader's tests (no third-party PDF writer needed).

:func:`build_pdf` serializes pages drawn with :class:`Page` into a small but valid PDF: one Type0 font
(Identity-H, 2-byte codes equal to the Unicode code point, not embedded) so any BMP text, CJK included,
can be written; a ToUnicode CMap unless ``to_unicode=False`` (then pdfminer yields ``(cid:N)`` glyphs, as
with real PDFs whose fonts lack a Unicode mapping); optional RC4 encryption (standard security handler,
revision 2) with a user and/or owner password; correct xref offsets.

The higher-level helpers build the documents the tests need: narrative pages, ruled tables spread over
several pages (with page headers/footers and a repeated table header), ruling-less tables, image-only pages,
and a table taken from a seed text file.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

PAGE_W, PAGE_H = 842.0, 595.0  # A4 landscape, like the Shanghai disclosures


# --- PDF object model and serializer -------------------------------------------------------------


class Name(str):
    """A PDF name (``/Foo``)."""


@dataclass(frozen=True)
class Ref:
    num: int


@dataclass
class Stream:
    entries: dict
    data: bytes


def _fmt_num(value: float) -> bytes:
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return str(value).encode()
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return (text if text not in ("", "-0") else "0").encode()


class _Writer:
    def __init__(self, crypt_key: bytes | None) -> None:
        self.crypt_key = crypt_key

    def _crypt(self, num: int, data: bytes) -> bytes:
        if self.crypt_key is None or num == 0:
            return data
        key = hashlib.md5(self.crypt_key + struct.pack("<I", num)[:3] + b"\x00\x00").digest()
        return rc4(key[: min(len(self.crypt_key) + 5, 16)], data)

    def value(self, obj: object, num: int) -> bytes:
        if obj is None:
            return b"null"
        if isinstance(obj, Name):
            return b"/" + obj.encode("ascii")
        if isinstance(obj, bool | int | float):
            return _fmt_num(obj)
        if isinstance(obj, Ref):
            return b"%d 0 R" % obj.num
        if isinstance(obj, bytes):  # a string: written as hex, encrypted when the file is
            return b"<" + self._crypt(num, obj).hex().encode() + b">"
        if isinstance(obj, str):
            return self.value(obj.encode("latin-1"), num)
        if isinstance(obj, list | tuple):
            return b"[" + b" ".join(self.value(item, num) for item in obj) + b"]"
        if isinstance(obj, dict):
            parts = [b"/" + key.encode() + b" " + self.value(val, num) for key, val in obj.items()]
            return b"<<" + b" ".join(parts) + b">>"
        raise TypeError(type(obj))

    def object(self, obj: object, num: int) -> bytes:
        if isinstance(obj, Stream):
            data = self._crypt(num, obj.data)
            head = self.value({**obj.entries, "Length": len(data)}, num)
            return head + b"\nstream\n" + data + b"\nendstream"
        return self.value(obj, num)


def rc4(key: bytes, data: bytes) -> bytes:
    """Plain RC4 (the PDF standard security handler's cipher for revisions 2 and 3)."""
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _standard_security(user: str, owner: str, file_id: bytes) -> tuple[dict, bytes]:
    """Encrypt dictionary and file key for RC4-40, revision 2 (PDF 1.7 §7.6.3, algorithms 2-4)."""
    padded_user = (user.encode("latin-1") + _PAD)[:32]
    padded_owner = ((owner or user).encode("latin-1") + _PAD)[:32]
    o_value = rc4(hashlib.md5(padded_owner).digest()[:5], padded_user)
    permissions = -4
    key = hashlib.md5(padded_user + o_value + struct.pack("<i", permissions) + file_id).digest()[:5]
    u_value = rc4(key, _PAD)
    entries = {"Filter": Name("Standard"), "V": 1, "R": 2, "O": o_value, "U": u_value, "P": permissions}
    return entries, key


# --- Pages ---------------------------------------------------------------------------------------


@dataclass
class Page:
    """One page; coordinates are pdfplumber's (origin top-left, y downwards), in points."""

    width: float = PAGE_W
    height: float = PAGE_H
    ops: list[bytes] = field(default_factory=list)
    images: int = 0

    def text(self, x: float, top: float, text: str, size: float = 10.5) -> None:
        """Write ``text`` with its top at ``top`` (the font's em box is ``size`` high)."""
        if not text:
            return
        baseline = self.height - top - size * 0.88
        code = text.encode("utf-16-be").hex().upper()
        self.ops.append(
            b"BT /F1 %s Tf 1 0 0 1 %s %s Tm <%s> Tj ET"
            % (_fmt_num(size), _fmt_num(x), _fmt_num(baseline), code.encode())
        )

    def line(self, x0: float, top0: float, x1: float, top1: float, width: float = 0.75) -> None:
        y0, y1 = self.height - top0, self.height - top1
        self.ops.append(
            b"%s w %s %s m %s %s l S"
            % (_fmt_num(width), _fmt_num(x0), _fmt_num(y0), _fmt_num(x1), _fmt_num(y1))
        )

    def image(self, x: float, top: float, w: float, h: float) -> None:
        self.images += 1
        y = self.height - top - h
        self.ops.append(
            b"q %s 0 0 %s %s %s cm /Im%d Do Q"
            % (_fmt_num(w), _fmt_num(h), _fmt_num(x), _fmt_num(y), self.images)
        )


def text_width(text: str, size: float) -> float:
    """Advance width of ``text`` in the fixture font (ASCII half-width, everything else full-width)."""
    return sum(0.5 if " " <= ch <= "~" else 1.0 for ch in text) * size


def build_pdf(
    pages: list[Page],
    *,
    to_unicode: bool = True,
    user_password: str | None = None,
    owner_password: str | None = None,
) -> bytes:
    """Serialize ``pages`` into PDF bytes (encrypted when a user or owner password is given)."""
    objects: list[object] = [None]  # objects[n] is object number n

    def add(obj: object) -> Ref:
        objects.append(obj)
        return Ref(len(objects) - 1)

    widths = [500] * (0x7E - 0x20 + 1)
    descriptor = add(
        {
            "Type": Name("FontDescriptor"),
            "FontName": Name("FixtureCJK"),
            "Flags": 4,
            "FontBBox": [0, -120, 1000, 880],
            "ItalicAngle": 0,
            "Ascent": 880,
            "Descent": -120,
            "CapHeight": 700,
            "StemV": 80,
        }
    )
    cid_font = add(
        {
            "Type": Name("Font"),
            "Subtype": Name("CIDFontType2"),
            "BaseFont": Name("FixtureCJK"),
            "CIDSystemInfo": {"Registry": b"Adobe", "Ordering": b"Identity", "Supplement": 0},
            "FontDescriptor": descriptor,
            "DW": 1000,
            "W": [0x20, widths],
            "CIDToGIDMap": Name("Identity"),
        }
    )
    font: dict = {
        "Type": Name("Font"),
        "Subtype": Name("Type0"),
        "BaseFont": Name("FixtureCJK"),
        "Encoding": Name("Identity-H"),
        "DescendantFonts": [cid_font],
    }
    if to_unicode:
        font["ToUnicode"] = add(Stream({}, _to_unicode_cmap()))
    font_ref = add(font)

    pages_ref = Ref(len(objects) + 2 * len(pages) + sum(p.images for p in pages))
    kids = []
    for page in pages:
        xobjects = {}
        for i in range(1, page.images + 1):
            xobjects[f"Im{i}"] = add(
                Stream(
                    {
                        "Type": Name("XObject"),
                        "Subtype": Name("Image"),
                        "Width": 2,
                        "Height": 2,
                        "ColorSpace": Name("DeviceGray"),
                        "BitsPerComponent": 8,
                    },
                    b"\x00\xff\xff\x00",
                )
            )
        content = add(Stream({}, b"\n".join(page.ops)))
        resources: dict = {"Font": {"F1": font_ref}}
        if xobjects:
            resources["XObject"] = xobjects
        kids.append(
            add(
                {
                    "Type": Name("Page"),
                    "Parent": pages_ref,
                    "MediaBox": [0, 0, page.width, page.height],
                    "Resources": resources,
                    "Contents": content,
                }
            )
        )
    assert add({"Type": Name("Pages"), "Kids": kids, "Count": len(kids)}) == pages_ref
    root = add({"Type": Name("Catalog"), "Pages": pages_ref})

    file_id = hashlib.md5(b"budgetscope-fixture-%d" % len(objects)).digest()
    trailer: dict = {"Size": len(objects), "Root": root, "ID": [file_id, file_id]}
    crypt_key = None
    if user_password is not None or owner_password is not None:
        entries, crypt_key = _standard_security(user_password or "", owner_password or "", file_id)
        trailer["Encrypt"] = add(entries)
        trailer["Size"] = len(objects)
    writer = _Writer(crypt_key)
    encrypt_num = trailer["Encrypt"].num if "Encrypt" in trailer else -1

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = [0]
    for num in range(1, len(objects)):
        offsets.append(len(out))
        body = (
            _Writer(None).object(objects[num], num)
            if num == encrypt_num
            else writer.object(objects[num], num)
        )
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % len(objects)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets[1:])
    out += b"trailer\n" + _Writer(None).value(trailer, 0) + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _to_unicode_cmap() -> bytes:
    """ToUnicode CMap mapping each 2-byte code to the same BMP code point (surrogates excluded)."""
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256) if not 0xD8 <= hi <= 0xDF]
    blocks = []
    for start in range(0, len(ranges), 100):
        chunk = ranges[start : start + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


# --- Documents -----------------------------------------------------------------------------------

NARRATIVE = [
    "一、部门主要职能",
    "上海市示例区人民政府办公室是协助区政府领导处理区政府日常工作的区政府工作部门，为正处级。",
    "主要职能包括：组织起草或审核以区政府名义发布的文件，研究审核各部门请示、报告的事项。",
    "2025年，本部门收入预算9,101.68万元，其中：财政拨款收入9,101.68万元，比2024年预算减少",
    "2,389.52万元；事业收入0万元；事业单位经营收入0万元；其他收入0万元。",
    "支出预算9,101.68万元，主要用于行政单位的基本支出和项目支出。",
]
# What the reader returns: the sentence the page width wrapped after "减少" is joined again.
NARRATIVE_READ = [*NARRATIVE[:3], NARRATIVE[3] + NARRATIVE[4], NARRATIVE[5]]


def narrative_page(lines: list[str] = NARRATIVE, size: float = 10.5, left: float = 70.0) -> Page:
    page = Page()
    for i, line in enumerate(lines):
        page.text(left, 80 + i * 24, line, size)
    return page


def text_pdf(lines: list[str] = NARRATIVE, **kwargs: object) -> bytes:
    """A one-page PDF of narrative lines."""
    return build_pdf([narrative_page(lines)], **kwargs)  # type: ignore[arg-type]


def image_only_pdf(pages: int = 2) -> bytes:
    """Pages that only show an image (a scan): no text objects at all."""
    result = []
    for _ in range(pages):
        page = Page()
        page.image(40, 40, PAGE_W - 80, PAGE_H - 80)
        result.append(page)
    return build_pdf(result)


def zero_page_pdf() -> bytes:
    return build_pdf([])


def draw_table(
    page: Page,
    rows: list[list[str]],
    top: float,
    *,
    left: float = 60.0,
    width: float = PAGE_W - 120.0,
    row_height: float = 18.0,
    size: float = 9.0,
    ruled: bool = True,
    columns: int | None = None,
) -> float:
    """Draw ``rows`` as a grid of ``columns`` equal columns; returns the table's bottom.

    A row with fewer cells than columns spans them evenly (cell j covers columns
    ``j*n//k .. (j+1)*n//k``), so a ruled table gets merged cells. Text that does not fit is shrunk.
    """
    n = columns or max(len(row) for row in rows)
    col_w = width / n
    for r, row in enumerate(rows):
        y = top + r * row_height
        k = len(row)
        bounds = [left + (j * n // k) * col_w for j in range(k)] + [left + width]
        for j, cell in enumerate(row):
            room = bounds[j + 1] - bounds[j] - 6
            cell_size = size
            while cell and text_width(cell, cell_size) > room and cell_size > 4:
                cell_size -= 0.5
            page.text(bounds[j] + 3, y + (row_height - cell_size) / 2, cell, cell_size)
        if ruled:
            page.line(left, y, left + width, y)
            for x in bounds:
                page.line(x, y, x, y + row_height)
    bottom = top + len(rows) * row_height
    if ruled:
        page.line(left, bottom, left + width, bottom)
    return bottom


def table_document(
    title: str,
    rows: list[list[str]],
    *,
    header_rows: int = 1,
    rows_per_page: int = 12,
    repeat_header: bool = True,
    ruled: bool = True,
    page_header: str | None = "上海市示例区2025年区级部门预算",
    page_numbers: str | None = "第 {n} 页",
    subtitle: str | None = "编制部门：上海市示例区人民政府办公室 单位：元",
    intro: list[str] | None = None,
    outro: list[str] | None = None,
    bold_title: bool = False,
    repeat_title: bool = False,
    to_unicode: bool = True,
) -> bytes:
    """A disclosure-like PDF: an optional narrative page, then ``title`` and its table over several pages.

    Every page gets ``page_header`` at the top and ``page_numbers`` (``{n}`` = page number) at the bottom.
    The table continues page after page; with ``repeat_header`` the first ``header_rows`` rows are drawn
    again at the top of each continuation page; with ``repeat_title`` the title (with ``（续）``) and the
    subtitle are drawn above it. ``bold_title`` overprints the title (fake bold).
    """
    pages: list[Page] = []
    if intro:
        pages.append(narrative_page(intro))
    columns = max(len(row) for row in rows)
    header, body = rows[:header_rows], rows[header_rows:]
    first = True
    while first or body:
        page = Page()
        top = 60.0
        if first:
            x = (PAGE_W - text_width(title, 16)) / 2
            page.text(x, top, title, 16)
            if bold_title:
                page.text(x + 0.3, top, title, 16)
            top += 30
            if subtitle:
                page.text(60, top, subtitle, 10)
                top += 20
            chunk = header + body[:rows_per_page]
            body = body[rows_per_page:]
        else:
            top = 50.0
            if repeat_title:
                page.text((PAGE_W - text_width(title + "（续）", 16)) / 2, top, title + "（续）", 16)
                top += 30
                if subtitle:
                    page.text(60, top, subtitle, 10)
                    top += 20
            chunk = (header if repeat_header else []) + body[:rows_per_page]
            body = body[rows_per_page:]
        bottom = draw_table(page, chunk, top, ruled=ruled, columns=columns)
        if not body and outro:
            for i, line in enumerate(outro):
                page.text(60, bottom + 12 + i * 20, line, 10)
        pages.append(page)
        first = False
    for n, page in enumerate(pages, 1):
        if page_header:
            page.text(60, 18, page_header, 9)
        if page_numbers:
            label = page_numbers.format(n=n, total=len(pages))
            page.text((PAGE_W - text_width(label, 9)) / 2, PAGE_H - 28, label, 9)
    return build_pdf(pages, to_unicode=to_unicode)


INCOME_ROWS = [
    ["项目", "", "", "", "收入预算", "", ""],
    ["类", "款", "项", "功能分类科目名称", "合计", "财政拨款收入", "其他收入"],
    ["201", "", "", "一般公共服务支出", "82,096,797.42", "82,096,797.42", ""],
    ["201", "03", "", "政府办公厅（室）及相关机构事务", "82,096,797.42", "82,096,797.42", ""],
    ["201", "03", "01", "行政运行", "12,029,501.84", "12,029,501.84", ""],
    ["201", "03", "02", "一般行政管理事务", "46,140,000.00", "46,140,000.00", ""],
    ["201", "03", "50", "事业运行", "3,807,295.58", "3,807,295.58", ""],
    ["201", "03", "99", "其他政府办公厅（室）及相关机构事务支出", "20,120,000.00", "20,120,000.00", ""],
    ["208", "", "", "社会保障和就业支出", "4,213,779.28", "4,213,779.28", ""],
    ["208", "05", "", "行政事业单位养老支出", "4,213,779.28", "4,213,779.28", ""],
    ["208", "05", "01", "行政单位离退休", "1,554,220.00", "1,554,220.00", ""],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,763,159.52", "1,763,159.52", ""],
    ["210", "", "", "卫生健康支出", "1,097,073.43", "1,097,073.43", ""],
    ["210", "11", "", "行政事业单位医疗", "1,097,073.43", "1,097,073.43", ""],
    ["210", "11", "01", "行政单位医疗", "782,855.28", "782,855.28", ""],
    ["221", "", "", "住房保障支出", "3,609,125.22", "3,609,125.22", ""],
    ["221", "02", "", "住房改革支出", "3,609,125.22", "3,609,125.22", ""],
    ["221", "02", "01", "住房公积金", "1,741,445.22", "1,741,445.22", ""],
    ["合计", "", "", "", "91,016,775.35", "91,016,775.35", ""],
]


_BOOKMARK = re.compile(r"^\s*\[bookmark: [^\]]*\]")


def seed_first_table(seed: Path) -> tuple[str, list[list[str]]]:
    """The first table of a seed text file: (title line, rows of cell texts)."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    title, rows, cells = "", [], []
    for line in lines:
        if line.startswith("\t"):
            cells.append(line[1:])
        elif line == "":
            if cells:
                rows.append(cells)
                cells = []
        elif rows or cells:
            break
        else:
            title = _BOOKMARK.sub("", line).strip()
    if cells:
        rows.append(cells)
    return title, rows


# --- A whole seed text as a PDF ------------------------------------------------------------------

_MARGIN_X = 60.0
_CONTENT_TOP = 70.0  # below the running-header margin (pdf_flow.MARGIN of the page height)
_CONTENT_BOTTOM = PAGE_H - 70.0


def wrap_text(text: str, width: float, size: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (any character may end a line, as CJK allows).

    A line break in ``text`` is kept; a space where a line breaks is dropped.
    """
    out: list[str] = []
    for part in text.split("\n"):
        line = ""
        for ch in part:
            if line and text_width(line + ch, size) > width:
                out.append(line.rstrip())
                line = "" if ch == " " else ch
            else:
                line += ch
        out.append(line.rstrip())
    return out


def _even_spans(k: int, n: int) -> list[int]:
    """Column index where each of ``k`` cells starts when they share ``n`` columns evenly (plus ``n``)."""
    return [j * n // k for j in range(k)] + [n]


def _merged_spans(row: list[str], below: list[str] | None, n: int) -> list[int]:
    """Where the cells of a row with fewer cells than columns start, read from the full row under it.

    In the extracted text a horizontally merged cell appears once and a vertically merged one as an empty
    cell: under ``序号 | 功能分类科目 | 合计`` the full row ``"" | 科目编码 | 科目名称 | ""`` shows that
    功能分类科目 spans the run 科目编码, 科目名称 and the blanks are the other cells' lower halves. When the
    row under it does not fit that reading, the cells share the columns evenly.
    """
    if below is not None and len(below) == n:
        starts: list[int] = []
        for pos, text in enumerate(below):
            if not text.strip() or pos == 0 or not below[pos - 1].strip():
                starts.append(pos)
        if len(starts) == len(row):
            return [*starts, n]
    return _even_spans(len(row), n)


def join_split_rows(rows: list[list[str]]) -> list[list[str]]:
    """Rows with one logical row written as several short ones joined back into one.

    The extracted text sometimes breaks a table row into pieces (``'' | 社会效益指标 | 影响``, then ``影响``,
    then ``≥93 | 目标任务``); the parser reads the pieces as one row by counting cells. A printed page shows
    one row, so short rows are joined when they sit between two rows of ``w`` cells and add up to ``w``.
    """
    out: list[list[str]] = []
    i = 0
    while i < len(rows):
        width = len(out[-1]) if out else 0
        if out and len(rows[i]) < width:
            total, j = 0, i
            while j < len(rows) and total < width and len(rows[j]) < width:
                total += len(rows[j])
                j += 1
            if j - i > 1 and total == width and j < len(rows) and len(rows[j]) == width:
                out.append([cell for row in rows[i:j] for cell in row])
                i = j
                continue
        out.append(rows[i])
        i += 1
    return out


def table_spans(rows: list[list[str]], columns: int) -> list[list[int]]:
    """For each row, the column index where each cell starts (and ``columns`` at the end)."""
    spans = []
    for r, row in enumerate(rows):
        if len(row) >= columns:
            spans.append(list(range(columns + 1)))
        else:
            below = next((b for b in rows[r + 1 : r + 3] if len(b) >= columns), None)
            spans.append(_merged_spans(row, below, columns))
    return spans


def _cell_lines(row: list[str], bounds: list[float], size: float) -> list[list[str]]:
    return [wrap_text(cell, bounds[j + 1] - bounds[j] - 6, size) for j, cell in enumerate(row)]


def _bounds(starts: list[int], n: int, left: float, width: float) -> list[float]:
    col_w = width / n
    return [left + s * col_w for s in starts[:-1]] + [left + width]


def draw_wrapped_table(
    page: Page,
    rows: list[list[str]],
    spans: list[list[int]],
    top: float,
    *,
    columns: int,
    left: float = _MARGIN_X,
    width: float = PAGE_W - 2 * _MARGIN_X,
    size: float = 8.0,
    leading: float = 11.0,
) -> float:
    """Like :func:`draw_table` (ruled, merged cells), but each cell starts at the column ``spans`` gives,
    long cells wrap inside their cell and each row is as high as its tallest cell. Returns the bottom."""
    y = top
    for row, starts in zip(rows, spans, strict=True):
        bounds = _bounds(starts, columns, left, width)
        cells = _cell_lines(row, bounds, size)
        height = max(len(lines) for lines in cells) * leading + 8
        for j, lines in enumerate(cells):
            for i, line in enumerate(lines):
                page.text(bounds[j] + 3, y + 4 + i * leading, line, size)
        page.line(left, y, left + width, y)
        for x in bounds:
            page.line(x, y, x, y + height)
        y += height
    page.line(left, y, left + width, y)
    return y


def wrapped_row_height(
    row: list[str],
    starts: list[int],
    columns: int,
    *,
    width: float = PAGE_W - 2 * _MARGIN_X,
    size: float = 8.0,
    leading: float = 11.0,
) -> float:
    cells = _cell_lines(row, _bounds(starts, columns, 0.0, width), size)
    return max(len(lines) for lines in cells) * leading + 8


def seed_pdf(
    seed: Path | str,
    *,
    page_numbers: str | None = "第 {n} 页",
    page_header: str | None = None,
    text_size: float = 10.5,
) -> bytes:
    """A whole seed text file rendered as a PDF, the way a disclosure is printed.

    The seed's blocks (:func:`parsing.blocks.split_blocks`) are laid out top to bottom: a text line is a
    paragraph (wrapped to the page width), a run of consecutive rows is one ruled table (as wide as the
    page, as many equal columns as its widest row, merged cells placed by :func:`table_spans`, long cells
    wrapped inside the cell, a row the text broke into pieces joined again by :func:`join_split_rows`).
    A new page starts when the next line or row does not fit; a table simply goes on at the top of the
    next page. Every page gets ``page_header`` at the top and ``page_numbers`` at the bottom.
    """
    from parsing.blocks import Row, split_blocks

    blocks = split_blocks(Path(seed).read_text(encoding="utf-8").split("\n"))
    layout = _Layout(text_size)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if not isinstance(block, Row):
            layout.paragraph(block.text)
            i += 1
            continue
        j = i
        while j < len(blocks) and isinstance(blocks[j], Row):
            j += 1
        layout.table(join_split_rows([b.texts for b in blocks[i:j]]))  # type: ignore[union-attr]
        i = j
    pages = layout.pages
    for n, page in enumerate(pages, 1):
        if page_header:
            page.text(_MARGIN_X, 24, page_header, 9)
        if page_numbers:
            label = page_numbers.format(n=n, total=len(pages))
            page.text((PAGE_W - text_width(label, 9)) / 2, PAGE_H - 36, label, 9)
    return build_pdf(pages)


class _Layout:
    """Pages filled top to bottom between the header and footer margins."""

    def __init__(self, text_size: float) -> None:
        self.text_size = text_size
        self.leading = text_size * 1.7
        self.width = PAGE_W - 2 * _MARGIN_X
        self.pages = [Page()]
        self.y = _CONTENT_TOP

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = _CONTENT_TOP

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` still fits on this one (or the page is empty)."""
        if self.y + height > _CONTENT_BOTTOM and self.y > _CONTENT_TOP:
            self.new_page()

    def paragraph(self, text: str) -> None:
        for part in wrap_text(text, self.width, self.text_size) if text else []:
            self.room(self.leading)
            self.pages[-1].text(_MARGIN_X, self.y, part, self.text_size)
            self.y += self.leading

    def table(self, rows: list[list[str]]) -> None:
        columns = max(len(row) for row in rows)
        spans = table_spans(rows, columns)
        self.y += 4
        chunk: list[int] = []  # rows on the current page
        top = self.y

        def draw() -> None:
            picked = [rows[r] for r in chunk], [spans[r] for r in chunk]
            draw_wrapped_table(self.pages[-1], *picked, top, columns=columns, width=self.width)

        for r, row in enumerate(rows):
            height = wrapped_row_height(row, spans[r], columns, width=self.width)
            if chunk and self.y + height > _CONTENT_BOTTOM:
                draw()
                self.new_page()
                chunk, top = [], self.y
            elif not chunk:
                self.room(height)
                top = self.y
            chunk.append(r)
            self.y += height
        draw()
        self.y += 10


# --- Grids that hold more than one table, side-by-side blocks, continued tables -------------------

FISCAL_TITLE = "2025年部门财政拨款收支预算总表"
CAPTION = "编制部门：上海市示例区人民政府办公室 单位：元"
SUMMARY_ROWS = [
    ["项目", "预算数", "项目", "预算数"],
    ["一、财政拨款收入", "91,016,775.35", "一、一般公共服务支出", "82,096,797.42"],
    ["收入总计", "91,016,775.35", "支出总计", "91,016,775.35"],
]
FISCAL_ROWS = [
    ["项目", "预算数", "项目", "合计"],
    ["一、一般公共预算资金", "91,016,775.35", "一、一般公共服务支出", "82,096,797.42"],
    ["收入总计", "91,016,775.35", "支出总计", "91,016,775.35"],
]


def title_in_grid_pdf() -> bytes:
    """The 财务收支预算总表 and, in the same ruled grid, the title and caption of the 财政拨款收支预算总表
    (rows spanning the whole width) followed by its own rows."""
    page = Page()
    page.text(60, 40, "2025年部门财务收支预算总表", 16)
    page.text(60, 64, CAPTION, 10)
    draw_table(page, [*SUMMARY_ROWS, [FISCAL_TITLE], [CAPTION], *FISCAL_ROWS], 84, columns=4)
    return build_pdf([page])


BASIC_TITLE = "一般公共预算财政拨款基本支出决算表"
BASIC_SIDE_BY_SIDE = [
    ["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"],
    ["301", "工资福利支出", "95.36", "302", "商品和服务支出", "10.23"],
    ["30101", "基本工资", "14.12", "30201", "办公费", "3.78"],
    ["30102", "津贴补贴", "81.24", "30211", "差旅费", "6.45"],
    ["", "", "", "310", "资本性支出", "0.00"],
    ["人员经费合计", "", "95.36", "公用经费合计", "", "10.23"],
]


def side_by_side_pdf() -> bytes:
    """A 决算 基本支出表 printed as two code | name | amount blocks next to each other, each with its total."""
    page = Page()
    page.text(60, 40, BASIC_TITLE, 16)
    page.text(60, 64, "单位：万元", 10)
    draw_table(page, BASIC_SIDE_BY_SIDE, 84)
    page.text(
        60,
        84 + 18 * len(BASIC_SIDE_BY_SIDE) + 10,
        "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
        10,
    )
    return build_pdf([page])


def merged_continuation_pdf() -> bytes:
    """A four-column table whose last page holds only the 合计 row, its label merged over two columns: that
    grid draws three columns, all of them on the first page's column lines."""
    first, second = Page(), Page()
    first.text(60, 40, "2025年部门支出预算总表", 16)
    first.text(60, 64, CAPTION, 10)
    rows = [["科目编码", "科目名称", "合计", "基本支出"], ["201", "一般公共服务支出", "3.00", "1.00"]]
    draw_table(first, rows, 84)
    draw_wrapped_table(second, [["合计", "3.00", "1.00"]], [[0, 2, 3, 4]], 50, columns=4, width=PAGE_W - 120)
    return build_pdf([first, second])


# --- Paragraphs the right margin wrapped ----------------------------------------------------------

WRAPPED_PARAGRAPHS = [
    "2025年，本部门收入预算9,101.68万元，其中：财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元；事业收入0万元；"
    "事业单位经营收入0万元；其他收入0万元。支出预算9,101.68万元，其中：基本支出2,460.68万元，项目支出6,641.00万元。",
    "二、机关运行经费",
    "本部门无政府性基金预算财政拨款支出",  # stops short of the edge without a full stop: a paragraph of its own
    "2025年机关运行经费预算为443.18万元，比2024年预算增加25.00万元，主要原因是：根据实际工作需要，"
    "增加了办公设备维护和信息系统运行维护的费用安排，同时按照厉行节约的要求压减了会议费和培训费等一般性支出，"
    "确保机关正常运转，保障重点工作顺利开展，提高财政资金使用效益。机关运行经费主要用于办公费、印刷费、水电费、"
    "邮电费、物业管理费、差旅费、维修（护）费、会议费、培训费、公务接待费、工会经费、福利费和其他商品和服务支出。",
    "三、政府采购预算情况",
]


def wrapped_paragraphs_pdf(size: float = 12.0) -> bytes:
    """:data:`WRAPPED_PARAGRAPHS` printed as a document would: each paragraph wrapped at the right margin,
    the fourth starting at the foot of page 1 and going on at the top of page 2."""
    width = PAGE_W - 2 * _MARGIN_X
    leading = size * 1.7
    first, second = Page(), Page()
    lines = [(part, n) for n, text in enumerate(WRAPPED_PARAGRAPHS) for part in wrap_text(text, width, size)]
    split = next(i for i, (_, n) in enumerate(lines) if n == 3) + 2  # two lines of the fourth on page 1
    y = _CONTENT_BOTTOM - leading * split
    for part, _ in lines[:split]:
        first.text(_MARGIN_X, y, part, size)
        y += leading
    y = _CONTENT_TOP
    for part, _ in lines[split:]:
        second.text(_MARGIN_X, y, part, size)
        y += leading
    return build_pdf([first, second])


# --- Pages the page checks report -----------------------------------------------------------------


def problem_pages_pdf() -> bytes:
    """Four pages: narrative; blank; a ruled grid without any text; narrative with two private-use glyphs and a
    U+FFFD (glyphs that map to no text)."""
    blank, grid = Page(), Page()
    draw_table(grid, [["", "", ""], ["", "", ""]], 80, columns=3)
    odd = narrative_page(
        ["一、部门主要职能", "本部门负责\ue001\ue002区域内的政务服务工作\ufffd，协调各方面关系。"]
    )
    return build_pdf([narrative_page(), blank, grid, odd])


RUNNING_HEADER = "上海市示例区人民政府办公室2025年部门预算"


def page_break_pdf(repeat: str = "", size: float = 12.0) -> bytes:
    """:data:`WRAPPED_PARAGRAPHS` over two pages, each with :data:`RUNNING_HEADER` on top and its page number at
    the foot. ``repeat``: ``""`` prints the text once; ``"line"`` prints page 1's last line again at the head of
    page 2 (a printing defect); ``"part"`` prints again only the second half of that line."""
    width = PAGE_W - 2 * _MARGIN_X
    leading = size * 1.7
    first, second = Page(), Page()
    lines = [(part, n) for n, text in enumerate(WRAPPED_PARAGRAPHS) for part in wrap_text(text, width, size)]
    split = next(i for i, (_, n) in enumerate(lines) if n == 3) + 2  # two lines of the fourth on page 1
    lines = [part for part, _ in lines]
    last = lines[split - 1]
    again = {"": [], "line": [last], "part": [last[len(last) // 2 :]]}[repeat]
    for number, (page, body) in enumerate([(first, lines[:split]), (second, [*again, *lines[split:]])], 1):
        page.text(_MARGIN_X, 24, RUNNING_HEADER, 9)
        page.text(PAGE_W / 2, PAGE_H - 30, str(number), 9)
        y = _CONTENT_BOTTOM - leading * len(body) if page is first else _CONTENT_TOP
        for part in body:
            page.text(_MARGIN_X, y, part, size)
            y += leading
    return build_pdf([first, second])
