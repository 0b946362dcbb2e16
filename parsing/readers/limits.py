"""What every reader shares: the size limit and the one-line reasons an unreadable file is given."""

from __future__ import annotations

from parsing.errors import ParseError

MAX_BYTES = 60 * 1024 * 1024

REASONS: dict[str, tuple[str, str]] = {
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


def error(file_name: str, key: str) -> ParseError:
    """A ParseError with one of the standard reasons.

    >>> error("x.txt", "empty").reason_zh
    '文件为空'
    """
    return ParseError(file_name, *REASONS[key])


def megabytes(size: int) -> str:
    """Size in MB for messages.

    >>> megabytes(61 * 1024 * 1024), megabytes(MAX_BYTES), megabytes(1536 * 1024)
    ('61', '60', '1.5')
    """
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")
