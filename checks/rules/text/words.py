"""Text lint inside words: a word typed twice, stray Latin letters and blanks between Chinese characters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from checks.rules.text.lint import item_hit
from checks.rules.text.marks import snippet
from checks.support.joined import Joined
from checks.support.texts import items, items_with, joined_items
from parsing.model import BudgetDocument

_HAN = "\u4e00-\u9fff"
# A word of two or three characters typed twice ("支出支出"); four and more are TXT001's "词句重复粘贴".
_REPEAT = re.compile(rf"([{_HAN}]{{2,3}})\1")
# Reduplication that is normal in formal text: "一个一个", "一步一步" (一X一X) and the ABAB verbs.
_REDUPLICATION = {"研究", "讨论", "商量", "了解", "考虑", "学习", "休息", "检查", "整理", "沟通", "交流"}
# Lower-case letters touching a Chinese character and no other letter or digit: "电子政务s", "提高xiao率".
_LATIN = re.compile(r"(?<![A-Za-z0-9.\-_/@:])[a-z]{1,6}(?![A-Za-z0-9.\-_/@])")
# Lower-case words and units that are written so: "app", "wifi", "kg", "kwh", "pdf"…
_LOWER_WORDS = {
    "app",
    "wifi",
    "excel",
    "word",
    "pdf",
    "ppt",
    "email",
    "www",
    "http",
    "https",
    "ip",
    "id",
    "kg",
}
_LOWER_WORDS |= {"km", "cm", "mm", "ml", "kw", "kwh", "mu", "t", "m", "g", "l", "h"}
_HAN_CHAR = re.compile(rf"[{_HAN}]")
_ANY_LOWER = re.compile(r"[a-z]")
_SPACE = re.compile(rf"[{_HAN}]([ \u3000]+)[{_HAN}]")  # group 1: the blanks
# Where _SPACE matches, from its blanks on: opening with a blank, the search skips to the (rare) blanks.
_SPACE_FROM_BLANK = re.compile(rf"[ \u3000](?<=[{_HAN}][ \u3000])[ \u3000]*[{_HAN}]")
_SENTENCE = re.compile(r"[，。；：,;:]")
_NUMBERING = re.compile(r"(第[一二三四五六七八九十\d]+(部分|章|节|条)|[表附]件?[一二三四五六七八九十\d]*)$")


def repeated_words(text: str) -> list[re.Match[str]]:
    """Words of two or three characters typed twice in a row, normal reduplication aside.

    >>> [m.group(0) for m in repeated_words("主要用于支出支出，一步一步推进，研究研究，上年年末")]
    ['支出支出']
    """
    return [
        m
        for m in _REPEAT.finditer(text)
        if not m.group(1).startswith("一") and m.group(1) not in _REDUPLICATION
    ]


def _indexes_repeating(joined: Joined) -> list[int]:
    """The indexes of the texts that may hold _REPEAT, in order (all those that do): the search for it tries every
    Chinese character, three times the cost of this sieve. The text's UTF-16 units as one integer, XOR-ed with
    itself shifted by a width (2, 3): a word typed twice leaves `width` zero units in a row, found by bytes.find.

    >>> from checks.support.joined import join_texts
    >>> _indexes_repeating(join_texts(("支出支出", "一般", "公共服务服务", "…………", "两项"))), _REPEAT.search("…………")
    ([0, 2, 3], None)
    >>> _indexes_repeating(join_texts(("支出支出", "𠀀")))  # a character of two units: the search itself
    [0]
    """
    raw = joined.text.encode("utf-16-le", "surrogatepass")
    if len(raw) != 2 * len(joined.text):  # a character of two units: offsets are not the text's
        return joined.indexes_having(_REPEAT)
    units, starts = int.from_bytes(raw, "little"), set()
    for width in (2, 3):
        # unit i of `same` is zero where text[i] == text[i + width]
        same = (units ^ (units >> (16 * width))).to_bytes(len(raw), "little")
        zeros, at = bytes(2 * width), -1
        while (at := same.find(zeros, at + 1)) != -1:
            if at % 2 == 0:  # a unit's start
                starts.add(joined.index_at(at // 2))
    return sorted(starts)


@register(
    "TXT014",
    "repeated-word",
    title="词语重复（疑似多打）",
    severity=Severity.INFO,
    regulation=ACCURATE,
)
def repeated_word(doc: BudgetDocument) -> Iterator[Hit]:
    """两个或三个字的词语紧接着重复出现（“支出支出”“项目项目”）。

    为什么：词语重复是录入或粘贴时的失误，说明文字没有校对。正常的叠用（“一步一步”“研究研究”）不报告，单个字
    的重复也不报告（“上年年末”是两个词）。
    示例：“主要用于人员经费支出支出”报告一条；“逐步推进，一步一步落实”不报告。
    """
    all_items = items(doc)
    for index in _indexes_repeating(joined_items(doc)):
        item = all_items[index]
        for match in repeated_words(item.text):
            yield item_hit(
                item,
                match.start(),
                f"“{match.group(0)}”疑似重复录入（“…{snippet(item.text, match.start(), match.end())}…”）",
                "删去重复的词语。",
            )


def stray_latin(text: str) -> list[re.Match[str]]:
    """Runs of one to six lower-case letters with a Chinese character on one side and no letter or digit on either.

    >>> [m.group(0) for m in stray_latin("开展政府电子政务s，提高xiao率，面积5kg，网址www.gov.cn，W060701单元")]
    ['s', 'xiao']
    """
    out: list[re.Match[str]] = []
    if not _ANY_LOWER.search(text):
        return out
    for match in _LATIN.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if match.group(0) not in _LOWER_WORDS and (_HAN_CHAR.match(before) or _HAN_CHAR.match(after)):
            out.append(match)
    return out


def _in_table_row(doc: BudgetDocument, line: int | None) -> bool:
    """A passage taken from a table row (TAB cells joined with blanks): its blanks separate cells."""
    return line is not None and 0 < line <= len(doc.lines) and doc.lines[line - 1].startswith("\t")


@register(
    "TXT015",
    "stray-letters",
    title="中文词语中夹杂字母或空格",
    severity=Severity.INFO,
    regulation=ACCURATE,
)
def stray_letters(doc: BudgetDocument) -> Iterator[Hit]:
    """中文文字中夹杂小写字母（“电子政务s”），或两个汉字之间有空格。

    为什么：多出的字母是输入法切换前误按的键，词语中间的空格是排版失误，都说明文字没有校对。编码和单位
    （“W060701”“5kg”）及大写字母（“A级”；“XX”归 TXT001）不报告；空格只在 .txt/.docx 的句子中查（PDF 提取本身会在
    字间加空格；“第一部分 部门预算”是版式）。
    示例：“1、开展政府电子政务s”报告一条，.txt 中的“部门 预算”报告一条；“真如城市副中心X101”不报告。
    """
    for item in items_with(doc, _ANY_LOWER):
        for match in stray_latin(item.text):
            yield item_hit(
                item,
                match.start(),
                f"“{match.group(0)}”疑似误输入的字母（“…{snippet(item.text, match.start(), match.end())}…”）",
                "删去误输入的字母。",
            )
    if doc.pages:
        return  # PDF extraction puts blanks between characters itself
    for item in items_with(doc, _SPACE_FROM_BLANK):
        if _in_table_row(doc, item.line) or not _SENTENCE.search(item.text):
            continue  # blanks in headings and cells are layout
        for match in _SPACE.finditer(item.text):
            if _NUMBERING.search(item.text[: match.start(1)]):
                continue
            yield item_hit(
                item,
                match.start(1),
                f"中文词语中有空格（“…{snippet(item.text, match.start(1), match.end(1))}…”）",
                "删去多余的空格。",
            )
