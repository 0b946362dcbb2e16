"""Text lint: doubled punctuation, unbalanced quotes and brackets, sentences cut off after their lead-in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from checks.rules.text.marks import snippet
from checks.support.texts import LIST_MARKER, Item, found_in, items, items_with
from parsing.model import BudgetDocument

# Two clause marks in a row ("。。", "，，", "，。", "：。"), blanks between them included; "……" is no clause mark.
_DOUBLED_PUNCT = re.compile(r"[，。、；：,;:](?:[ \u3000]*[，。、；：,;:])+")
_PAIRS = {"）": "（", "”": "“", "》": "《", "】": "【", "〕": "〔", "」": "「", "』": "『"}
_OPENERS = set(_PAIRS.values())
_ANY_MARK = re.compile(r"[（）()“”《》【】〔〕「」『』]")
# "1）…；2）…" and "a)" are list markers, not closing brackets.
_LIST_CLOSER = re.compile(
    r"(?:^|(?<=[\s，,；;。：:、]))(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,2})[)）]"
)
# A lead-in whose content is missing: "主要原因是。", "主要用于：。", "包括；" or an item ending on "主要原因是".
_CUT = re.compile(
    r"(原因(?:是|为|在于)|用于|包括|主要是|主要为|具体为|分别为|主要有|是指)[:：]?[ \u3000]*(?:[。；;！？!?]|$)",
    re.MULTILINE,  # searched over all items at once, "\n" between them
)
_CLOSING = tuple("。；;！？!?")
LIST_START = re.compile(rf"\s*({LIST_MARKER})")
_TRUNCATION_FIELDS = ("三级指标", "指标描述")  # an unclosed bracket there is TXT009's "truncated indicator"


def item_hit(item: Item, offset: int, message: str, hint: str) -> Hit:
    """A hit at `offset` of a text item: its line, field or place, project."""
    return Hit(
        message=f"{item.label}：{message}",
        line=item.line_at(offset),
        row=item.field or item.where,
        project=item.project,
        hint=hint,
    )


@register(
    "TXT011",
    "doubled-punctuation",
    title="标点符号重复或连用",
    severity=Severity.INFO,
    regulation=ACCURATE,
)
def doubled_punctuation(doc: BudgetDocument) -> Iterator[Hit]:
    """文字中两个句读符号连用（。。 ，， ，。 ：。 、、）。

    为什么：标点重复或叠用，说明修改只做了一半（两个标点之间的分句被删掉），或用“。。。”代替省略号；操作规程要求
    形式规范。
    示例：“机关运行经费主要用于办公费、水电费，，较上年减少”报告一条；省略号“……”和句号后接引号不报告。
    """
    for item, start, end in found_in(doc, _DOUBLED_PUNCT):
        yield item_hit(
            item,
            start,
            f"标点“{item.text[start:end]}”重复或连用（“…{snippet(item.text, start, end)}…”）",
            "删去多余的标点；省略号写作“……”。",
        )


def unbalanced(text: str) -> tuple[int, str] | None:
    """Offset and mark of the first bracket or quote without its partner, or None.

    >>> unbalanced("“三公”经费（含所属单位）"), unbalanced("1）办公费；2）印刷费"), unbalanced("财政拨款（含结转")
    (None, None, (4, '（'))
    >>> unbalanced("收入总计）为5万元"), unbalanced("《预算法》要求“公开")
    ((4, '）'), (7, '“'))
    """
    text = text.replace("(", "（").replace(")", "）")
    if (
        all(text.count(opener) == text.count(closer) for closer, opener in _PAIRS.items())
        and "“" not in text[-1:]
    ):
        return None  # as many closing as opening marks: the common case, and no need to walk the text
    markers = {m.end() - 1 for m in _LIST_CLOSER.finditer(text)}
    stack: list[tuple[int, str]] = []
    for offset, char in enumerate(text):
        if char in _OPENERS:
            stack.append((offset, char))
        elif char in _PAIRS and offset not in markers:
            if stack and stack[-1][1] == _PAIRS[char]:
                stack.pop()
            else:
                return offset, char
    return stack[0] if stack else None


@register(
    "TXT012",
    "unbalanced-brackets",
    title="括号或引号不配对",
    severity=Severity.INFO,
    regulation=ACCURATE,
)
def unbalanced_brackets(doc: BudgetDocument) -> Iterator[Hit]:
    """同一段或同一项中括号、引号（（） “” 《》 【】 〔〕）有前无后或有后无前。

    为什么：缺了后半的“或（通常说明文字被截断或只粘贴了一部分，读者分不清引述的科目或插入语到哪里结束。PDF
    中被换行断开的句子先接起来再查；“1）”这类序号不算括号；绩效指标名称在括号中被截断归 TXT009。
    示例：“一般公共服务支出（类）行政运行（项）152.10万元（前引号没有后半）报告一条；“三公”经费（含所属单位）
    不报告。
    """
    for item in items_with(doc, _ANY_MARK):
        found = unbalanced(item.text)
        if found is None:
            continue
        offset, mark = found
        if mark in _OPENERS and item.field in _TRUNCATION_FIELDS:
            continue
        what = "没有对应的后半" if mark in _OPENERS else "前面没有对应的前半"
        yield item_hit(
            item,
            offset,
            f"“{mark}”{what}（“…{snippet(item.text, offset, offset + 1, 14)}…”）",
            "补齐或删去不配对的括号、引号。",
        )


@register(
    "TXT013",
    "cut-off-sentence",
    title="句子残缺（引出语后无内容）",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def cut_off_sentences(doc: BudgetDocument) -> Iterator[Hit]:
    """引出语（“主要原因是”“主要用于：”“包括”）之后紧接句末或段末，句子残缺。

    为什么：“增减变化的主要原因是。”只留下了解释的格式，操作规程要求的解释被删掉或根本没写。
    示例：“公用经费较上年减少2.10万元，主要原因是。”和“主要用于：；”各报告一条；“主要用于办公费。”、“具体包括：”
    以及后面紧跟“1、…”列表的“资金主要用于”不报告。
    """
    following: dict[Item, Item] | None = (
        None  # built on the first lead-in at the end of an item: most parts have none
    )
    for item, start, end in found_in(doc, _CUT):
        if end == len(item.text) and not item.text.endswith(_CLOSING):
            # At the end of an item the lead-in may introduce what follows ("主要职能包括：", "资金主要用于" + a list):
            # only an item followed by nothing of its own place, or by no list, is cut.
            if following is None:
                following = dict(pairwise(items(doc)))
            nxt = following.get(item)
            if item.text.endswith(("：", ":")) or (
                nxt is not None and nxt.where == item.where and LIST_START.match(nxt.text)
            ):
                continue
        yield item_hit(
            item,
            start,
            f"“{item.text[start:end].strip()}”后没有内容，句子不完整（“…{snippet(item.text, start, end)}…”）",
            "补写被删去的内容（原因、用途或组成）。",
        )
