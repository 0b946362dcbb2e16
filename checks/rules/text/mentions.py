"""What the document says of its own identity: the title and preamble lines ("现将…2025年部门预算公开如下"), the
department names they and the 国有资产 text mention, and whether a mention names the department."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.rules.text.residue import narrative
from checks.support.lookup import per_part, source_lines
from parsing.model import BudgetDocument
from parsing.text import normalise_label

TITLE = re.compile(
    r"^(第[一二三四五六七八九十\d]+部分)?(现将)?(?P<name>.*?)(?P<year>20\d{2})年度?(部门|单位)预算"
)
PREAMBLE = re.compile(r"现将(?P<name>.*?)(?P<year>20\d{2})年度?(部门|单位)预算")
_ASSETS = re.compile(r"^(?P<name>[^,，。;；:：]{4,40}?)(\(含所属单位\))?上年末")
_LEAD = re.compile(r"^([一二三四五六七八九十\d]+[、.．]|\d+|关于)+")
_SUFFIXES = re.compile(r"(\(含所属单位\)|本级|机关)+$")


def identity_lines(doc: BudgetDocument) -> tuple[tuple[str, int | None], ...]:
    """The part's title and preamble ("现将…公开如下") with their lines when the source is at hand."""
    return per_part("identity_lines", doc, _identity_lines)


_IDENTITY = re.compile(r"情况说明$|公开如下", re.MULTILINE)  # a key ending with 情况说明 or holding 公开如下


def _identity_lines(doc: BudgetDocument) -> tuple[tuple[str, int | None], ...]:
    out: list[tuple[str, int | None]] = []
    source = source_lines(doc)
    # One search over the keys one a line (no key holds whitespace) instead of two tests on each key.
    for index in source.keys.indexes_having(_IDENTITY):
        if len(source.keys.texts[index]) < 200:
            out.append(source.at(index))
    if not out and doc.title:
        out.append((normalise_label(doc.title), None))
    return tuple(out)


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def same_entity(mention: str, name: str) -> bool:
    """A mention names the department when, suffixes aside, one is an abbreviation (subsequence) of the other.

    >>> same_entity("南大港产业园区政法工作办公室", "沧州渤海新区南大港产业园区政法工作办公室")
    True
    >>> same_entity("徐水区政府办(含所属单位)", "保定市徐水区人民政府办公室")
    True
    >>> same_entity("沧州经济开发区群众工作中心", "中共河北沧州经济开发区工委组织人事部本级")
    False
    """
    a, b = _SUFFIXES.sub("", normalise_label(mention)), _SUFFIXES.sub("", normalise_label(name))
    return _is_subsequence(a, b) or _is_subsequence(b, a)


def mentions(doc: BudgetDocument) -> Iterator[tuple[str, int | None, str]]:
    for text, line in identity_lines(doc):
        for match in (TITLE.match(text), PREAMBLE.search(text)):
            name = _LEAD.sub("", match["name"]) if match else ""
            if len(name) >= 4:
                yield name, line, "标题或开篇"
    for section, para in narrative(doc):
        match = _ASSETS.match(normalise_label(para.text)) if section.key == "assets" else None
        if match and not match["name"].startswith(("我", "本", "该", "截", "20")):
            yield match["name"], para.line, "国有资产信息"
