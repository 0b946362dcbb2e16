"""Build a .docx from lines in the extracted-text format (the inverse of ``parsing.readers`` for .docx).

Used by the tests and the sample generator. A TAB-prefixed line is a table cell, blank lines separate
rows, and a run of rows up to the next non-TAB, non-blank line becomes ONE Word table whose column count
is the widest row. A shorter row ends in a cell merged across the remaining columns (as Word stores a
merged header), so reading it back gives the same cells. A TAB-less line right after a cell continues
that cell (a second paragraph in it) unless it looks like a heading. Every other non-blank line becomes
a paragraph; blank lines outside tables are dropped.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from docx import Document

from parsing.blocks import looks_like_heading

# Characters lxml refuses in XML 1.0 text (C0 controls except TAB/LF/CR, surrogates, U+FFFE/U+FFFF).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Paragraph:
    text: str


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


Block = Paragraph | Table


def xml_safe(text: str) -> str:
    """Drop characters that cannot appear in a .docx (XML 1.0) text node.

    >>> xml_safe("a\\x00b\\x0bc\\td")
    'abc\\td'
    """
    return _XML_INVALID.sub("", text)


def split_blocks(lines: list[str]) -> list[Block]:
    """Group text-format lines into paragraphs and tables.

    >>> split_blocks(["标题", "\\ta", "\\tb", "", "\\tc", "", "注：无"])
    [Paragraph(text='标题'), Table(rows=[['a', 'b'], ['c']]), Paragraph(text='注：无')]
    >>> split_blocks(["\\tx", "", "", "\\t", "\\ty"])
    [Table(rows=[['x'], ['', 'y']])]
    """
    blocks: list[Block] = []
    table: Table | None = None
    row: list[str] = []
    for line in lines:
        if line.startswith("\t"):
            if table is None:
                table = Table()
                blocks.append(table)
            row.append(line[1:])
        elif not line.strip():
            if row and table is not None:
                table.rows.append(row)
            row = []
        elif row and table is not None and not looks_like_heading(line):
            row[-1] = f"{row[-1]}\n{line.strip()}"
        else:
            if row and table is not None:
                table.rows.append(row)
            row, table = [], None
            blocks.append(Paragraph(line))
    if row and table is not None:
        table.rows.append(row)
    return blocks


def docx_from_lines(lines: list[str]) -> bytes:
    """Return the bytes of a .docx holding ``lines`` as paragraphs and tables (see the module docstring).

    >>> from parsing.readers import read_lines
    >>> read_lines("t.docx", docx_from_lines(["表一", "\\t序号", "\\t金额", "", "\\t1", "", "说明"]))
    ['表一', '\\t序号', '\\t金额', '', '\\t1', '', '说明']
    """
    doc = Document()
    for block in split_blocks(lines):
        if isinstance(block, Paragraph):
            doc.add_paragraph(xml_safe(block.text))
            continue
        table = doc.add_table(rows=len(block.rows), cols=block.width)
        table.style = "Table Grid"
        for row, values in zip(table.rows, block.rows, strict=True):
            cells = row.cells
            if len(values) < block.width:
                cells[len(values) - 1].merge(cells[block.width - 1])
                cells = row.cells
            for cell, value in zip(cells, values, strict=False):
                if value:
                    cell.text = xml_safe(value)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def expanding_docx(xml_mb: int) -> bytes:
    """A small .docx whose word/document.xml expands to about `xml_mb` MB: one table of identical rows.

    The shape of an expansion bomb (it compresses about 100:1), built without holding the XML in memory.
    """
    base = zipfile.ZipFile(io.BytesIO(docx_from_lines(["表", "\t1", ""])))
    row = ("<w:tr><w:tc><w:p><w:r><w:t>一般公共预算拨款收入</w:t></w:r></w:p></w:tc>"
           "<w:tc><w:p><w:r><w:t>492.28</w:t></w:r></w:p></w:tc></w:tr>").encode()  # fmt: skip
    megabyte = row * ((1 << 20) // len(row) + 1)
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in base.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info, base.read(info))
        with archive.open("word/document.xml", "w", force_zip64=True) as xml:
            xml.write(f"<w:document {namespace}><w:body><w:tbl>".encode())
            for _ in range(xml_mb):
                xml.write(megabyte)
            xml.write(b"</w:tbl></w:body></w:document>")
    return out.getvalue()
