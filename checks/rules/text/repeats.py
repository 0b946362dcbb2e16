"""Text quality: sentences and paragraphs the narrative prints twice (copy-paste)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from checks.rules.text.sections import marker
from checks.support.passages import narrative_passages
from parsing.model import BudgetDocument
from parsing.text import normalise_label

_SPLIT = re.compile(r"[。；;！!？?\n]")
_LABEL_PREFIX = re.compile(r"^[^,，。:：;；]{2,6}[:：]")
# Not sentences: a 决算 item's subject path wrapped over lines ("2、社会保障和就业支出（类）…（款）"), and the
# reason a 决算 gives for an item's outturn, which may rightly be the same for several items.
_SUBJECT_PATH = re.compile(r"^[^,，。;；:：]*\((类|款)\)[^,，。;；:：]*$")
_OUTTURN_REASON = re.compile(r"^决算数?(大于|小于|与|同)[^,，。]{0,8}预算数?的?主要原因")


@lru_cache(maxsize=1 << 12)  # a unit's part and later documents repeat the same paragraphs
def _sentence_key(text: str) -> str:
    """The sentence without its list marker and short label ("（2）绩效指标：…")."""
    return _LABEL_PREFIX.sub("", marker(normalise_label(text))[1])


def _is_citation(key: str) -> bool:
    """Only document titles and their 文号/条款 ("《…实施意见》（普投资规范〔2023〕1号）。"): projects may share a basis.

    >>> _is_citation("《普陀区服务企业发展工作实施意见》(普投资规范〔2023〕1号)。"), _is_citation("《意见》要求加强管理。")
    (True, False)
    """
    if "《" not in key:
        return False
    rest = re.sub(r"《[^》]*》", "", key)
    for _ in range(2):  # brackets nested once: （沪商规（2024）2号）
        rest = re.sub(r"[(（][^()（）]*[)）]", "", rest)
    rest = re.sub(r"第[一二三四五六七八九十百\d]+[条款项]", "", rest)
    return not re.sub(r"[、,，;；。.和及与等]", "", rest)


@lru_cache(maxsize=1 << 12)
def _sentences(text: str) -> tuple[tuple[str, str], ...]:
    """(sentence, key) for the paragraph's sentences that may repeat: 20 characters and more, not a citation nor
    a 决算 outturn reason."""
    out = []
    for sentence in _SPLIT.split(text):
        key = _sentence_key(sentence)
        if len(key) < 20 or _is_citation(key) or _OUTTURN_REASON.match(key):
            continue
        out.append((sentence, key))
    return tuple(out)


def _run_hit(run: list[tuple[_Place, _Text, int]]) -> Hit:
    """One hit for consecutive paragraphs that repeat earlier ones (a block pasted twice)."""
    section, para, first = run[0]
    if len(run) == 1:
        return Hit(
            message=f"{section.title}：本段与前文一段完全相同（“{para.text.strip()[:40]}…”）",
            line=para.line,
            row=section.title,
            hint=f"首次出现在第{first}行；核对两处是否应写不同内容。",
        )
    last, origin = run[-1][1].line, run[-1][2]
    return Hit(
        message=f"{section.title}：第{para.line}–{last}行连续{len(run)}段与前文第{first}–{origin}行逐段相同"
        f"（“{para.text.strip()[:30]}…”）",
        line=para.line,
        row=section.title,
        hint=f"整段内容重复粘贴（首次出现在第{first}行起）；删去重复部分或核对此处是否应写其他内容。",
    )


class _Place(NamedTuple):
    title: str


class _Text(NamedTuple):  # a Paragraph's fields, without building the model
    text: str
    line: int


def _texts(doc: BudgetDocument) -> Iterator[tuple[_Place, _Text]]:
    """The part's text outside the project tables, in order: the opening, the sections, table titles and notes
    (project tables may share their wording: TXT010 and the indicator rules judge them). Not the part's title: the
    first line of the 情况说明 may repeat it ("第一部分 X情况说明" / "X情况说明")."""
    for passage in narrative_passages(doc):
        if passage.project is None and passage.line is not None and passage.where != "标题":
            yield _Place(passage.where), _Text(passage.text, passage.line)


@register(
    "TXT007",
    "repeated-sentence",
    title="同一句话重复出现",
    severity=Severity.WARNING,
    regulation=ACCURATE,
)
def repeated_sentences(doc: BudgetDocument) -> Iterator[Hit]:
    """同一句话（≥ 20 个字）在同一部分的说明中出现两次。

    为什么：同一条绩效指标或目标语句出现在两个不同的目标下，是复制粘贴的结果：至少有一处没有描述它自己的目标。
    连续重复的段落（整块粘贴两次）合为一条并写明范围；引用同一文件（两个项目的立项依据）不算重复。决算各项的科目
    路径（“…（类）…（款）”）和决算数与预算数差异的原因（“决算数小于预算数的主要原因：…”）不计：几项可以共用路径
    前缀或原因。
    示例：“绩效指标：综合协调管理工作完成率争取达到100%；…”在目标 2 和目标 3 下各出现一次，报告一条；13 段的主
    要职能在下一页整段重印，13 段合报一条。
    """
    seen: dict[str, int] = {}
    run: list[tuple[_Place, _Text, int]] = []  # consecutive whole-paragraph repeats, with the first line
    for section, para in _texts(doc):
        whole = _sentence_key(para.text)
        if _SUBJECT_PATH.match(whole):
            continue
        if len(whole) >= 20 and whole in seen and not _is_citation(whole):
            run.append((section, para, seen[whole]))
            continue
        if len(whole) >= 20 and run:  # short lines ("主要职能包括：") do not end a run
            yield _run_hit(run)
            run = []
        for sentence, key in _sentences(para.text):
            if key in seen and seen[key] != para.line:
                yield Hit(
                    message=f"{section.title}：句子与前文重复（“{sentence.strip()[:40]}…”）",
                    line=para.line,
                    row=section.title,
                    hint=f"首次出现在第{seen[key]}行；核对两处是否应写不同内容。",
                )
            seen.setdefault(key, para.line)
        seen.setdefault(whole, para.line)
    if run:
        yield _run_hit(run)
