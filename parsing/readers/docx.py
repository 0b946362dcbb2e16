""".docx reading (a ZIP with ``word/document.xml``) → text lines in the extracted-text format.

The body is walked in document order. A non-blank paragraph gives one line per text line (``w:br``
splits it). A table row gives one ``"\\t" + text`` line per ``w:tc`` (so a horizontally merged cell
appears once), a vertically merged continuation cell (``vMerge`` continue) gives an empty cell ``"\\t"``,
and a blank line ends the row. Further paragraphs of a cell, and the text of nested tables, follow the
cell as TAB-less lines. For .docx input the line numbers shown to users are the 1-based indices of these
produced lines.

Everything unreadable raises :class:`ParseError`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import IO

from lxml import etree

from parsing.errors import ParseError
from parsing.readers.limits import MAX_BYTES, error, megabytes

MAX_UNZIPPED_BYTES = 8 * MAX_BYTES  # zip-bomb guard for .docx
# word/document.xml is streamed (memory grows with the largest paragraph or table row, not the file), but
# parsing it still costs time: more XML than the text limit (several times a long disclosure) is refused.
MAX_XML_BYTES = MAX_BYTES

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text is not part of the visible paragraph (properties, deletions, duplicate fallbacks).
_SKIP = {_W + "pPr", _W + "rPr", _W + "sdtPr", _W + "del", _W + "moveFrom", _MC_FALLBACK}
_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"}
_TC_PR = _W + "tcPr"
_SPECIAL = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _too_big(file_name: str, what_zh: str, what_en: str, size: int, limit: int) -> ParseError:
    return ParseError(
        file_name,
        f"Word 文档{what_zh}过大（{megabytes(size)} MB），上限为 {megabytes(limit)} MB",
        f"{what_en} is {megabytes(size)} MB, over the {megabytes(limit)} MB limit",
    )


def read_docx(file_name: str, data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(info.file_size for info in archive.infolist())
            if "word/document.xml" not in names:
                raise error(file_name, "not_docx")
            if unzipped > MAX_UNZIPPED_BYTES:
                raise _too_big(file_name, "解压后", "the unzipped .docx", unzipped, MAX_UNZIPPED_BYTES)
            xml_size = archive.getinfo("word/document.xml").file_size
            if xml_size > MAX_XML_BYTES:
                raise _too_big(file_name, "正文 XML", "word/document.xml", xml_size, MAX_XML_BYTES)
            with archive.open("word/document.xml") as xml:  # reads at most the declared size, checks the CRC
                lines = _stream_lines(file_name, xml)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise error(file_name, "bad_zip") from None
    except etree.LxmlError as exc:
        raise ParseError(
            file_name,
            "Word 文档（.docx）已损坏或格式不受支持，请用 Word 或 WPS 重新另存为 .docx",
            f"cannot open the .docx ({type(exc).__name__}: {exc})",
        ) from None
    if not any(line.strip() for line in lines):
        raise error(file_name, "no_text")
    return lines


def _stream_lines(file_name: str, xml: IO[bytes]) -> list[str]:
    """The body's lines, parsed as the XML streams in: each top-level paragraph, table row and table is
    turned into lines when it ends and then dropped, so memory holds one of them at a time."""
    lines: list[str] = []
    size = 0
    held: set[etree._Element] = set()  # top-level tables with a wrapped row: their rows wait for the table
    # Only the ends of these tags reach Python (lxml filters the rest): a body child is one of them.
    tags = [_W + "p", _W + "tbl", _W + "tr", *_WRAPPERS]
    events = etree.iterparse(xml, events=("end",), tag=tags, resolve_entities=False, no_network=True,
                             remove_comments=True, remove_pis=True)  # fmt: skip
    for _, element in events:
        parent = element.getparent()
        if parent is None:
            continue
        if parent.tag == _W + "body":
            new = list(_element_lines(element))
            held.discard(element)
        elif (
            parent.tag == _W + "tbl" and (body := parent.getparent()) is not None and body.tag == _W + "body"
        ):
            if element.tag != _W + "tr" or parent in held:  # a wrapped row: the rest waits for the table
                held.add(parent)
                continue
            new = list(_row_lines(element))
        else:
            continue
        size += sum(map(len, new))
        if size > MAX_BYTES:
            raise _too_big(file_name, "正文文字", "the text of the .docx", size, MAX_BYTES)
        lines += new
        element.clear()  # empty first: lxml moves a removed subtree to a document of its own
        parent.remove(element)
    return lines


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Direct children with ``tag``, looking through content controls and custom-XML wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _body_lines(container: etree._Element, in_cell: bool = False) -> Iterator[str]:
    """Lines of a body or cell; a table inside a cell is flattened to its cells' text lines."""
    for child in container:
        yield from _element_lines(child, in_cell)


def _element_lines(child: etree._Element, in_cell: bool = False) -> Iterator[str]:
    if child.tag == _W + "p":
        yield from (part for part in _paragraph_text(child).split("\n") if part.strip())
    elif child.tag == _W + "tbl":
        yield from _table_lines(child, nested=in_cell)
    elif child.tag in _WRAPPERS:
        yield from _body_lines(child, in_cell)


def _table_lines(table: etree._Element, nested: bool = False) -> Iterator[str]:
    for row in _children(table, _W + "tr"):
        yield from _row_lines(row, nested)


def _row_lines(row: etree._Element, nested: bool = False) -> Iterator[str]:
    for cell in _children(row, _W + "tc"):
        merge = _merge_kind(cell)
        texts = [] if merge else list(_body_lines(cell, in_cell=True))
        if nested:
            yield from texts
        elif merge != "h":  # a legacy hMerge continuation repeats its neighbour: skip it
            yield "\t" + (texts[0] if texts else "" if merge else _blank_cell_text(cell))
            yield from texts[1:]
    if not nested:
        yield ""


def _merge_kind(cell: etree._Element) -> str | None:
    """'v' for a vertically merged continuation cell, 'h' for a legacy hMerge continuation, else None."""
    properties = cell.find(_TC_PR)
    if properties is None:
        return None
    for kind, tag in (("v", _W + "vMerge"), ("h", _W + "hMerge")):
        mark = properties.find(tag)
        if mark is not None and mark.get(_W + "val", "continue") == "continue":
            return kind
    return None


def _blank_cell_text(cell: etree._Element) -> str:
    """Whitespace a blank cell holds (e.g. a lone space), kept as text extraction would."""
    first = cell.find(_W + "p")
    return "" if first is None else _paragraph_text(first).replace("\n", "")


def _paragraph_text(paragraph: etree._Element) -> str:
    """Visible text of a ``w:p``: runs, hyperlinks, fields, insertions; TAB for w:tab, LF for w:br."""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in _SPECIAL:
                parts.append(_SPECIAL[tag])
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)
