"""Reading layer: (file name, bytes) → text lines in the extracted-text format (domain.md §1.1).

A table cell is a TAB-prefixed line, rows end with a blank line, every other line is a title or paragraph.
The format is detected from the content (magic numbers), not only from the extension:

- .docx (a ZIP with ``word/document.xml``): read by :mod:`parsing.docx_read`.
- text: BOM, strict UTF-8, UTF-16 without BOM (NUL pattern), mostly-UTF-8 with a few bad bytes (decoded
  with replacement characters), strict GB18030, then charset-normalizer. CRLF/CR become LF; nothing else
  is changed. Line numbers are the file's own line numbers.

Everything unreadable raises :class:`ParseError`; no other exception escapes :func:`read_lines`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from parsing.errors import ParseError

MAX_BYTES = 60 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_ARCHIVE_MAGIC = (b"\x1f\x8b", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"BZh", b"\xfd7zXZ\x00")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# Runs of common characters that are assigned in every Unicode version (never Cn, Co or Cs).
_COMMON = re.compile("[\t\n\x20-\x7e\u3000-\u303f\u4e00-\u9fa5\uff01-\uff5e]+")
_SAMPLE = 1 << 20

_REASONS: dict[str, tuple[str, str]] = {
    "empty": ("文件为空", "the file is empty"),
    "binary": ("不是文本文件（看起来是图片/二进制数据）", "not a text file (looks like an image or binary)"),
    "doc": ("旧版 .doc 不支持，请另存为 .docx 后上传", "legacy .doc is not supported; save as .docx"),
    "encrypted": ("文件已加密或实为旧版 .doc，请另存为 .docx", "encrypted or legacy .doc; save as .docx"),
    "fake_docx": ("文件扩展名为 .docx 但内容不是 Word 文档", "named .docx but not a .docx (zip)"),
    "bad_zip": ("压缩包已损坏，无法作为 .docx 打开", "corrupt zip archive, cannot open as .docx"),
    "not_docx": ("不是 Word 文档（.docx）压缩包", "zip archive is not a .docx"),
    "no_text": ("Word 文档中没有文字", "the Word document contains no text"),
    "memory": ("文件过大，内存不足", "out of memory while reading the file"),
}


def _error(file_name: str, key: str) -> ParseError:
    """A ParseError with one of the standard reasons.

    >>> _error("x.txt", "empty").reason_zh
    '文件为空'
    """
    return ParseError(file_name, *_REASONS[key])


@dataclass(frozen=True)
class Source:
    """Lines in the extracted-text format and, for a PDF, the 1-based page of every line."""

    lines: list[str]
    pages: list[int] | None = None


def read_lines(file_name: str, data: bytes) -> list[str]:
    """Return the disclosure as text lines (no trailing newlines). Raises ParseError.

    >>> read_lines("a.txt", "标题\\r\\n\\t单元格\\r\\n".encode("gb18030"))
    ['标题', '\\t单元格']
    >>> read_lines("a.txt", b"  \\n")
    Traceback (most recent call last):
    parsing.errors.ParseError: a.txt：无法读取——文件为空 / cannot read: the file is empty
    """
    return read_source(file_name, data).lines


def read_source(file_name: str, data: bytes) -> Source:
    """Like read_lines, keeping the page of each line for PDFs. Raises ParseError."""
    try:
        return _read(file_name, data)
    except ParseError:
        raise
    except MemoryError:
        raise _error(file_name, "memory") from None
    except Exception as exc:
        name = type(exc).__name__
        raise ParseError(file_name, f"读取文件时出错（{name}）", f"unexpected error ({name}: {exc})") from exc


def _read(file_name: str, data: bytes) -> Source:
    size = len(data)
    if size > MAX_BYTES:
        raise ParseError(
            file_name,
            f"文件过大（{_mb(size)} MB），上限为 {_mb(MAX_BYTES)} MB",
            f"file too large ({_mb(size)} MB), the limit is {_mb(MAX_BYTES)} MB",
        )
    data = bytes(data)
    if not data.strip():
        raise _error(file_name, "empty")
    head, is_docx_name = data[:16], PurePath(file_name).suffix.lower() == ".docx"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        from parsing.docx_read import _read_docx  # deferred: lxml and python-docx only for .docx

        return Source(_read_docx(file_name, data))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _error(file_name, "encrypted" if is_docx_name else "doc")
    if data[:1024].lstrip().startswith(b"%PDF"):
        from parsing.pdf import pdf_lines  # deferred: pdfplumber is only needed for PDFs

        pdf = pdf_lines(file_name, data)
        return Source(pdf.lines, pdf.pages)
    if head.startswith(_IMAGE_MAGIC + _ARCHIVE_MAGIC) or head[8:12] == b"WEBP":
        raise _error(file_name, "binary")
    if is_docx_name:
        raise _error(file_name, "fake_docx")
    text = _decode_text(file_name, data)
    _check_text(file_name, text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return Source(lines)


def _mb(size: int) -> str:
    """Size in MB for messages.

    >>> _mb(61 * 1024 * 1024), _mb(MAX_BYTES), _mb(1536 * 1024)
    ('61', '60', '1.5')
    """
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


# --- text ------------------------------------------------------------------------------------------


def _decode_text(file_name: str, data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:_SAMPLE]
    utf16 = _utf16_by_nuls(sample)
    if utf16:
        try:
            return data.decode(utf16).lstrip("\ufeff")
        except UnicodeDecodeError:
            pass
    if sample.count(0) * 1000 > len(sample):
        raise _error(file_name, "binary")
    replaced = data.decode("utf-8", errors="replace")
    if _mostly_utf8(replaced):
        return replaced.lstrip("\ufeff")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    guessed = _charset_normalizer(data)
    if guessed is not None:
        return guessed.lstrip("\ufeff")
    gbk = data.decode("gb18030", errors="replace")
    return gbk if gbk.count("\ufffd") < replaced.count("\ufffd") else replaced


def _utf16_by_nuls(sample: bytes) -> str | None:
    """Guess UTF-16 without BOM: ASCII characters put their NUL byte on one parity only.

    >>> _utf16_by_nuls("预算\\t1\\n".encode("utf-16-le")), _utf16_by_nuls("预算\\t1\\n".encode("utf-16-be"))
    ('utf-16-le', 'utf-16-be')
    >>> _utf16_by_nuls(b"plain text") is None
    True
    """
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = max(len(sample) // 2, 1)
    if odd * 50 >= pairs and even * 20 <= odd:
        return "utf-16-le"
    if even * 50 >= pairs and odd * 20 <= even:
        return "utf-16-be"
    return None


def _mostly_utf8(replaced: str) -> bool:
    """True when a lenient UTF-8 decode has far more good non-ASCII characters than replacements.

    >>> _mostly_utf8("预算" * 20 + "\\ufffd")
    True
    >>> _mostly_utf8("部门预算收支总表".encode("gbk").decode("utf-8", errors="replace"))
    False
    """
    bad = replaced.count("\ufffd")
    good = len(replaced) - len(replaced.encode("ascii", errors="ignore")) - bad
    return good > 0 and good >= 4 * bad


def _charset_normalizer(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return None if best is None else str(best)
    except Exception:
        return None


def _check_text(file_name: str, text: str) -> None:
    """Reject empty text and decoded binary (control characters, replacement or unassigned characters).

    >>> any(unicodedata.category(c) in ("Cn", "Co", "Cs") for c in map(chr, range(0x10000)) if _COMMON.match(c))
    False
    """
    if not text.strip():
        raise _error(file_name, "empty")
    sample = text[:_SAMPLE]
    controls = len(_CONTROL.findall(sample))
    replaced = sample.count("\ufffd")
    small = sample[:65536]
    # Classify each distinct uncommon character once instead of every character of the sample.
    rare = _COMMON.sub("", small)
    odd = sum(rare.count(ch) for ch in set(rare) if unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    if controls * 100 > len(sample) or replaced * 10 > len(sample) or odd * 20 > len(small):
        raise _error(file_name, "binary")
    if text.count("\x00") * 100 > len(text):
        raise _error(file_name, "binary")
