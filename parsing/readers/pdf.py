"""PDF reading: (file name, bytes) → lines in the extracted-text format, with the page of every line.

Built on pdfplumber (pdfminer.six): it opens the file (and tells why it cannot), finds tables and groups
glyphs into lines; the glyphs and ruling lines themselves are read with PDFium (pypdfium2,
:mod:`parsing.readers.pdf_page`'s input from :mod:`parsing.readers.pdf_pdfium`), which is several times
faster than interpreting the pages in Python. Each page is read on its own into text lines and tables
(:mod:`parsing.readers.pdf_page`); then page furniture is removed, tables continued across pages are joined and
the lines are assembled (:mod:`parsing.readers.pdf_flow`).

Pages that are blank or only ruled, glyphs that map to no text and text printed again after a page break are listed in ``PdfText.problems``
(:mod:`parsing.readers.pdf_checks`). Every failure raises :class:`~parsing.errors.ParseError` naming the file: encrypted, corrupt or truncated,
no pages, too many pages, or no extractable text (scans, fonts without a Unicode mapping: no OCR is done).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace

from parsing.errors import ParseError
from parsing.readers.pdf_checks import page_problems, repeated_at_page_break
from parsing.readers.pdf_flow import PdfText, assemble_pages, remove_furniture
from parsing.readers.pdf_page import Page, read_page
from parsing.readers.pdf_pdfium import open_pdfium, page_objects

__all__ = ["PdfText", "pdf_lines"]


_REASONS: dict[str, tuple[str, str]] = {
    "encrypted": ("PDF 已加密，请上传未加密的文件", "the PDF is encrypted (password protected)"),
    "corrupt": ("PDF 文件已损坏或不完整", "the PDF is corrupt or truncated"),
    "no_pages": ("PDF 没有页面", "the PDF has no pages"),
    "no_text": (
        "PDF 中没有可提取的文字（可能是扫描件或字体未嵌入 Unicode 映射），本工具不做 OCR",
        "no extractable text (scanned or fonts without ToUnicode); OCR is not supported",
    ),
    "memory": ("PDF 过大，内存不足", "out of memory while reading the PDF"),
}


def pdf_lines(file_name: str, data: bytes, max_pages: int = 500) -> PdfText:
    """Read a PDF into extracted-text lines and their page numbers. Raises ParseError only.

    >>> pdf_lines("x.pdf", b"%PDF-1.4 garbage")
    Traceback (most recent call last):
    parsing.errors.ParseError: x.pdf：无法读取——PDF 文件已损坏或不完整
    """
    page_number = 0

    def on_page(number: int) -> None:
        nonlocal page_number
        page_number = number

    try:
        return _pdf_lines(file_name, bytes(data), max_pages, on_page)
    except ParseError:
        raise
    except MemoryError:
        raise _error(file_name, "memory") from None
    except RecursionError:
        raise _error(file_name, "corrupt") from None
    except Exception as exc:
        if _is_encryption_error(exc):
            raise _error(file_name, "encrypted") from exc
        if page_number:
            zh, en = _REASONS["corrupt"]
            raise ParseError(
                file_name,
                f"{zh}（第 {page_number} 页无法解析：{type(exc).__name__}）",
                f"{en} (page {page_number} cannot be parsed: {type(exc).__name__})",
            ) from exc
        raise _error(file_name, "corrupt") from exc


def _error(file_name: str, key: str) -> ParseError:
    return ParseError(file_name, *_REASONS[key])


def _is_encryption_error(exc: BaseException) -> bool:
    """Whether ``exc`` (or what it wraps: pdfplumber's PdfminerException, causes) is pdfminer's encryption error."""
    from pdfminer.pdfdocument import PDFEncryptionError

    seen: set[int] = set()
    todo: list[object] = [exc]
    while todo:
        item = todo.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, PDFEncryptionError):
            return True
        todo.extend([*item.args, item.__cause__, item.__context__])
    return False


def _pdf_lines(file_name: str, data: bytes, max_pages: int, on_page: Callable[[int], None]) -> PdfText:
    import pdfplumber

    if b"%PDF" not in data[:1024]:
        raise _error(file_name, "corrupt")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
        if count == 0:
            raise _error(file_name, "no_pages")
        if count > max_pages:
            raise ParseError(
                file_name,
                f"PDF 页数过多（{count} 页），上限为 {max_pages} 页",
                f"too many pages ({count}), the limit is {max_pages}",
            )
        pages: list[Page] = []
        visible = cids = 0
        fast = open_pdfium(data)
        if fast is not None and len(fast) != count:
            fast.close()
            fast = None
        for number, page in enumerate(pdf.pages, 1):
            on_page(number)
            objects = page_objects(fast, number - 1, number, float(page.initial_doctop)) if fast else None
            if objects is not None:  # PDFium's glyphs and paths instead of pdfminer's (see pdf_pdfium)
                page._objects = objects
            content, page_visible, page_cids = read_page(page, number)
            visible += page_visible
            cids += page_cids
            pages.append(content)
            page.close()  # drop pdfplumber's per-page caches
        on_page(0)
        if fast is not None:
            fast.close()
    readable = visible - cids
    if cids * 2 > visible or readable < max(20, 5 * count):
        raise _error(file_name, "no_text")
    problems = page_problems(pages)
    remove_furniture(pages)
    problems = tuple(sorted([*problems, *repeated_at_page_break(pages)], key=lambda p: p.page))
    return replace(assemble_pages(pages), problems=problems)
