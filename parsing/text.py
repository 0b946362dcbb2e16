"""Label normalisation and number reading: amounts, percentages, indicator values."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from parsing.model import BLANK_STATUSES, Amount, AmountStatus, IndicatorValue, trusted

_BOOKMARK = re.compile(r"^\s*(\[bookmark:[^\]]*\]\s*)+")
_NIL = {"—", "——", "-", "--", "---", "－", "/", "\\", "─", "–", "…"}
_COMPARATORS = {
    ">=": "≥",
    "<=": "≤",
    "≧": "≥",
    "≦": "≤",
    "＞": ">",
    "＜": "<",
    "＝": "=",
    "=>": "≥",
    "=<": "≤",
}
# Decimal's default precision: a longer figure would be rounded in every sum, so it is not read as a number.
MAX_DIGITS = 28
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
# _NUMBER's shape in ASCII digits (re.ASCII): a cell that is only this needs no normalising, holds no unit and
# no bracketed sign.
_PLAIN_NUMBER = re.compile(_NUMBER.pattern.removeprefix("^").removesuffix("$"), re.ASCII)
_VALUE = re.compile(r"^(?P<cmp>[≥≤><=≈]?)\s*(?P<num>[+-]?\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>.*)$")
_CN_DIGITS = "零一二三四五六七八九"
_WORD_COMPARATORS = (
    (("不低于", "不少于", "不小于", "大于等于", "至少"), "≥"),
    (("不高于", "不超过", "不大于", "小于等于", "最多", "控制在"), "≤"),
    (("大于", "高于", "超过"), ">"),
    (("小于", "低于"), "<"),
)
# A leading comparator word, tried in _WORD_COMPARATORS' order (the alternation keeps it: the first word in that
# order that the text starts with wins), and the sign it stands for.
_WORD_SIGN = {word: sign for words, sign in _WORD_COMPARATORS for word in words}
_LEADING_WORD = re.compile("|".join(_WORD_SIGN))
# The characters normalise_comparators may replace (after NFKC): a text holding none of them is left as it is.
_COMPARATOR_CHARS = re.compile("[" + re.escape("".join({*"".join(_COMPARATORS), "百", "％"})) + "]")
_VALUE_GIVEN = {"comparator", "number", "unit"}  # IndicatorValue built with all three (parse_indicator_value)
_NO_VALUE = IndicatorValue()  # frozen: every 指标值 without a number shares it


def strip_bookmarks(text: str) -> str:
    """Drop Word bookmark prefixes from a heading.

    >>> strip_bookmarks(" [bookmark: _Toc_2_2_0000000001]部门预算收支总表")
    '部门预算收支总表'
    """
    if "[bookmark:" not in text:  # most lines: the pattern cannot match (a substring test is cheaper)
        return text.strip()
    return _BOOKMARK.sub("", text).strip()


@lru_cache(maxsize=1 << 16)
def normalise_label(text: str) -> str:
    """NFKC, no whitespace, unified comparators and quotes: the key used to match labels.

    >>> normalise_label("其中：财政    资金")
    '其中:财政资金'
    >>> normalise_label("上解上级     支出")
    '上解上级支出'
    """
    text = strip_bookmarks(text)
    if not text.isascii():  # NFKC leaves ASCII text as it is (a code, a figure), and it holds no curly quote
        text = unicodedata.normalize("NFKC", text).replace("“", '"').replace("”", '"')
    return "".join(text.split())  # str.split drops what \s matches (U+3000 and U+00A0 too), cheaper than re


@lru_cache(maxsize=1 << 12)  # indicator tables repeat the same labels and values
def clean_text(text: str) -> str:
    """Trim and collapse internal whitespace runs to a single space (for display)."""
    return " ".join(text.split())  # every whitespace run (U+3000 too) one space, none at the ends


def normalise_comparators(text: str) -> str:
    """Unify >=, ≦, full-width signs and 百分比.

    >>> normalise_comparators(">=95.00")
    '≥95.00'
    >>> normalise_comparators("≥95百分比")
    '≥95%'
    """
    if not _COMPARATOR_CHARS.search(text):  # most texts hold none: eleven replacements skipped
        return text
    for src, dst in _COMPARATORS.items():
        text = text.replace(src, dst)
    return text.replace("百分比", "%").replace("％", "%")


def parse_amount(raw: str, line: int | None = None) -> Amount:
    """Read a money or percentage cell, keeping the raw text.

    >>> parse_amount("1,234.56").value
    Decimal('1234.56')
    >>> a = parse_amount("24%"); (a.value, a.unit)
    (Decimal('24'), '%')
    >>> parse_amount("—").status.value, parse_amount("").status.value, parse_amount("2..5").status.value
    ('nil', 'blank', 'invalid')
    >>> parse_amount("０.２３ ").value, parse_amount("0元").unit
    (Decimal('0.23'), '元')
    >>> parse_amount("(12.00)").value
    Decimal('-12.00')
    >>> parse_amount("9" * 40).status.value
    'invalid'
    """
    template, given = _amount_fields(raw)
    fields = template.copy()  # every field already in place: setting the line does not grow the dict
    fields["line"] = line
    return trusted(Amount, fields, given)


def amounts_at(
    texts: Sequence[str], lines: Sequence[int], places: Iterable[tuple[str, int]]
) -> dict[str, Amount]:
    """``{key: parse_amount(texts[index], lines[index])}`` for every (key, index) place: a table row's value
    cells (their texts and lines, position by position), read in one call.

    >>> {k: a.value for k, a in amounts_at(["x", "1.50", ""], [2, 3, 4], [("a", 1), ("b", 2)]).items()}
    {'a': Decimal('1.50'), 'b': None}
    """
    out = {}
    for key, index in places:  # parse_amount's body, inlined: a call per cell would cost as much again
        template, given = _amount_fields(texts[index])
        (fields := template.copy())["line"] = lines[index]
        out[key] = trusted(Amount, fields, given)
    return out


# The field names a validated call would have been passed (model_fields_set), by status. One set per status for
# all amounts: pydantic copies it before changing it (model_copy), and nothing else writes to it.
_GIVEN_VALUE = {"raw", "value", "status", "unit", "decimals", "line"}
_GIVEN_INVALID = {"raw", "status", "unit", "line"}
_GIVEN_EMPTY = {"raw", "status", "line"}


@lru_cache(maxsize=1 << 12)  # a document repeats few distinct cell texts ("", "0.00", …)
def _amount_fields(raw: str) -> tuple[dict, set[str]]:
    """An Amount's fields for a cell text (its line None: each cell sets its own) and their given names.

    Not validated again (parsing.model.trusted): _read_amount gives the final types, and a parse builds an
    Amount per table cell. The field sets are those of the validated calls this replaces.
    """
    status, value, unit, decimals = _read_amount(raw)
    fields = {"raw": raw, "value": value, "status": status, "unit": unit, "decimals": decimals, "line": None}
    if status is AmountStatus.VALUE:
        return fields, _GIVEN_VALUE
    return fields, _GIVEN_INVALID if status is AmountStatus.INVALID else _GIVEN_EMPTY


def amount_figure(raw: str) -> tuple[Decimal | None, int]:
    """``parse_amount(raw)``'s value and decimals without building the Amount.

    >>> amount_figure("1,234.50"), amount_figure("—")
    ((Decimal('1234.50'), 2), (None, 0))
    """
    _, value, _, decimals = _read_amount(raw)
    return value, decimals


def is_blank_amount(raw: str) -> bool:
    """``parse_amount(raw).is_blank`` without building the Amount.

    >>> is_blank_amount(" "), is_blank_amount("—"), is_blank_amount("0.00")
    (True, True, False)
    """
    return _read_amount(raw)[0] in BLANK_STATUSES


@lru_cache(maxsize=1 << 12)  # a document repeats few distinct cell texts ("", "0.00", …)
def _read_amount(raw: str) -> tuple[AmountStatus, Decimal | None, str | None, int]:
    """Status, value, printed unit and decimals of a cell text (the line-independent part of an Amount)."""
    if len(raw) <= MAX_DIGITS and _PLAIN_NUMBER.fullmatch(raw):  # most filled cells: "1,234.56", "48.00"
        return AmountStatus.VALUE, Decimal(raw.replace(",", "")), None, len(raw.partition(".")[2])
    text = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")
    if not text:
        return AmountStatus.BLANK, None, None, 0
    if text in _NIL:
        return AmountStatus.NIL, None, None, 0
    unit = None
    for suffix in ("万元", "元", "%"):
        if text.endswith(suffix):
            unit, text = suffix, text[: -len(suffix)]
            break
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1]
    if too_long(text) or not _NUMBER.match(text):
        return AmountStatus.INVALID, None, unit, 0
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return AmountStatus.INVALID, None, unit, 0
    decimals = len(text.partition(".")[2])
    return AmountStatus.VALUE, -value if negative else value, unit, decimals


def too_long(number: str) -> bool:
    """More than MAX_DIGITS digits: not a figure any budget prints (and beyond exact Decimal arithmetic).

    >>> too_long("1" * 28), too_long("1" * 29), too_long("1,234.56")
    (False, True, False)
    """
    return len(number) > MAX_DIGITS and sum(c.isdigit() for c in number) > MAX_DIGITS


@lru_cache(maxsize=1 << 12)  # project after project repeats the same 指标值; the frozen result can be shared
def parse_indicator_value(raw: str) -> IndicatorValue:
    """Split an 指标值 into comparator, number and unit.

    >>> v = parse_indicator_value("≥95百分比"); (v.comparator, v.number, v.unit)
    ('≥', Decimal('95'), '%')
    >>> v = parse_indicator_value(">=95.00"); (v.comparator, v.number, v.unit)
    ('≥', Decimal('95.00'), None)
    >>> v = parse_indicator_value("13名"); (v.comparator, v.number, v.unit)
    (None, Decimal('13'), '名')
    >>> parse_indicator_value("持续改善").number is None
    True
    >>> v = parse_indicator_value("不低于90%"); (v.comparator, v.number, v.unit)
    ('≥', Decimal('90'), '%')
    """
    parts = _read_indicator_value(raw)
    if parts is None:
        return _NO_VALUE
    comparator, number, unit = parts  # typed: not validated again (parsing.model.trusted)
    return trusted(IndicatorValue, {"comparator": comparator, "number": number, "unit": unit}, _VALUE_GIVEN)


def _read_indicator_value(raw: str) -> tuple[str | None, Decimal, str | None] | None:
    """Comparator, number and unit of an 指标值, or None when it holds no number."""
    text = unicodedata.normalize("NFKC", raw)
    text = normalise_comparators(text)
    text = "".join(text.split())
    if word := _LEADING_WORD.match(text):
        text = _WORD_SIGN[word[0]] + text[word.end() :]
    match = _VALUE.match(text)
    if not match or too_long(match["num"]):
        return None
    try:
        number = Decimal(match["num"].replace(",", ""))
    except InvalidOperation:
        return None
    return match["cmp"] or None, number, match["unit"] or None


def chinese_numeral(text: str) -> int | None:
    """Value of a Chinese ordinal up to 99.

    >>> chinese_numeral("十一"), chinese_numeral("二十"), chinese_numeral("三十一"), chinese_numeral("九")
    (11, 20, 31, 9)
    >>> chinese_numeral("十十"), chinese_numeral("二二十"), chinese_numeral("一十一十")  # not a numeral
    (None, None, None)
    """
    if not text or any(c not in _CN_DIGITS + "十" for c in text):
        return None
    if "十" not in text:
        return _CN_DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or ones == "十":
        return None
    value = (_CN_DIGITS.index(tens) if tens else 1) * 10
    return value + (_CN_DIGITS.index(ones) if ones else 0)


def find_year(text: str) -> int | None:
    """The first plausible budget year in a text.

    >>> find_year("预算年度：2024")
    2024
    """
    match = re.search(r"(20\d{2})", text)
    return int(match.group(1)) if match else None


def cover_text(lines: list[str] | tuple[str, ...], limit: int = 6) -> str:
    """The cover title: the first lines before the 目录 or the first table cell, joined (a title may wrap).

    >>> cover_text(["上海市普陀区规划和自然", "资源局", "2024 年度部门决算", "目 录", "第一部分 概况"])
    '上海市普陀区规划和自然资源局2024年度部门决算'
    """
    out: list[str] = []
    for line in lines[:limit]:
        key = normalise_label(line)
        if line.startswith("\t") or key in ("目录", "目次"):
            break
        out.append(key)
    return "".join(out)
