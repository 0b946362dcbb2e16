"""Plain-text input: BOM, strict UTF-8, UTF-16 without BOM, mostly-UTF-8, GB18030, then charset-normalizer."""

from __future__ import annotations

import codecs
import re
import unicodedata

from parsing.readers.limits import error

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
ARCHIVE_MAGIC = (b"\x1f\x8b", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"BZh", b"\xfd7zXZ\x00")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# Runs of common characters that are assigned in every Unicode version (never Cn, Co or Cs).
_COMMON = re.compile("[\t\n\x20-\x7e\u3000-\u303f\u4e00-\u9fa5\uff01-\uff5e]+")
SAMPLE = 1 << 20


def decode_text(file_name: str, data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:SAMPLE]
    utf16 = _utf16_by_nuls(sample)
    if utf16:
        try:
            return data.decode(utf16).lstrip("\ufeff")
        except UnicodeDecodeError:
            pass
    if sample.count(0) * 1000 > len(sample):
        raise error(file_name, "binary")
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


def check_text(file_name: str, text: str) -> None:
    """Reject empty text and decoded binary (control characters, replacement or unassigned characters).

    >>> any(unicodedata.category(c) in ("Cn", "Co", "Cs") for c in map(chr, range(0x10000)) if _COMMON.match(c))
    False
    """
    if not text.strip():
        raise error(file_name, "empty")
    sample = text[:SAMPLE]
    replaced = sample.count("\ufffd")
    small = sample[:65536]
    # Classify each distinct uncommon character once instead of every character of the sample.
    rare = _COMMON.sub("", small)
    # No control character is common: those of `small` are all in `rare`, and only the rest of the sample is
    # scanned again (nothing, for a text of up to 65,536 characters).
    controls = len(_CONTROL.findall(rare)) + len(_CONTROL.findall(sample, len(small)))
    odd = sum(rare.count(ch) for ch in set(rare) if unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    if controls * 100 > len(sample) or replaced * 10 > len(sample) or odd * 20 > len(small):
        raise error(file_name, "binary")
    if text.count("\x00") * 100 > len(text):
        raise error(file_name, "binary")
