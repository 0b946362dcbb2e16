"""ParseError: a file we cannot read, with a one-line Chinese reason that names the file."""

from __future__ import annotations


class ParseError(Exception):
    """Raised when a file cannot be read as a disclosure at all.

    The message (``str``) is Chinese only: it is what the analyst reads in the dashboard, the reports and on
    stderr. ``reason_en`` keeps a technical English detail (an exception's text) for logs and debugging.

    >>> str(ParseError("a.txt", "文件为空", "the file is empty"))
    'a.txt：无法读取——文件为空'
    """

    def __init__(self, file_name: str, reason_zh: str, reason_en: str = "") -> None:
        self.file_name = file_name
        self.reason_zh = reason_zh
        self.reason_en = reason_en
        super().__init__(f"{file_name}：无法读取——{reason_zh}")
