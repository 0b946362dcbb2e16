"""Reading layer: (file name, bytes) → text lines in the extracted-text format (domain.md §1.1).

A table cell is a TAB-prefixed line, rows end with a blank line, every other line is a title or paragraph.
The format is detected from the content (magic numbers), not only from the extension:

- .docx (a ZIP with ``word/document.xml``): read by :mod:`parsing.readers.docx`.
- text: BOM, strict UTF-8, UTF-16 without BOM (NUL pattern), mostly-UTF-8 with a few bad bytes (decoded
  with replacement characters), strict GB18030, then charset-normalizer. CRLF/CR become LF; nothing else
  is changed. Line numbers are the file's own line numbers.

Everything unreadable raises :class:`ParseError`; no other exception escapes :func:`read_lines`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from parsing.errors import ParseError
from parsing.readers.limits import MAX_BYTES, error, megabytes
from parsing.readers.text import ARCHIVE_MAGIC, IMAGE_MAGIC, check_text, decode_text


@dataclass(frozen=True)
class Source:
    """Lines in the extracted-text format and, for a PDF, the 1-based page of every line."""

    lines: list[str]
    pages: list[int] | None = None
    page_problems: tuple[tuple[int, str, str], ...] = ()  # PDF: (page, kind, message) of unreadable pages


def read_lines(file_name: str, data: bytes) -> list[str]:
    """Return the disclosure as text lines (no trailing newlines). Raises ParseError.

    >>> read_lines("a.txt", "标题\\r\\n\\t单元格\\r\\n".encode("gb18030"))
    ['标题', '\\t单元格']
    >>> read_lines("a.txt", b"  \\n")
    Traceback (most recent call last):
    parsing.errors.ParseError: a.txt：无法读取——文件为空
    """
    return read_source(file_name, data).lines


def read_source(file_name: str, data: bytes) -> Source:
    """Like read_lines, keeping the page of each line for PDFs. Raises ParseError."""
    try:
        return _read(file_name, data)
    except ParseError:
        raise
    except MemoryError:
        raise error(file_name, "memory") from None
    except Exception as exc:
        name = type(exc).__name__
        raise ParseError(file_name, f"读取文件时出错（{name}）", f"unexpected error ({name}: {exc})") from exc


def _read(file_name: str, data: bytes) -> Source:
    size = len(data)
    if size > MAX_BYTES:
        raise ParseError(
            file_name,
            f"文件过大（{megabytes(size)} MB），上限为 {megabytes(MAX_BYTES)} MB",
            f"file too large ({megabytes(size)} MB), the limit is {megabytes(MAX_BYTES)} MB",
        )
    data = bytes(data)
    if not data.strip():
        raise error(file_name, "empty")
    head, is_docx_name = data[:16], PurePath(file_name).suffix.lower() == ".docx"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        from parsing.readers.docx import read_docx  # deferred: lxml only for .docx

        return Source(read_docx(file_name, data))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise error(file_name, "encrypted" if is_docx_name else "doc")
    if data[:1024].lstrip().startswith(b"%PDF"):
        from parsing.readers.pdf import pdf_lines  # deferred: pdfplumber is only needed for PDFs

        pdf = pdf_lines(file_name, data)
        return Source(pdf.lines, pdf.pages, tuple((p.page, p.kind, p.message) for p in pdf.problems))
    if head.startswith(IMAGE_MAGIC + ARCHIVE_MAGIC) or head[8:12] == b"WEBP":
        raise error(file_name, "binary")
    if is_docx_name:
        raise error(file_name, "fake_docx")
    text = decode_text(file_name, data)
    check_text(file_name, text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return Source(lines)
