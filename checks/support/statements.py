"""Statements in narrative text: every part read item by item with ONE table of phrasings (no rules here).

A text item is a numbered entry (or a section's unnumbered run of paragraphs) with its continuation lines
joined, whitespace dropped: PDF text breaks lines mid-word ("年\\n初预算为"). Each phrasing in `PATTERNS`
yields `Statement`s; rules relate them within one item. The phrasings, one example each:

- heading: an item heading naming a 功能科目, quoted or not, with or without its amount —
  "1、公共安全支出（204类）司法（06款）行政运行（01项）30.00万元",
  "1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元"
- before: last year's or the original figure — "2023年当年预算执行数为60.13万元", "年初预算为 54.53 万元",
  "全年预算为 321.02 万元"
- after: this year's figure — "2024年预算安排25.77万元", "支出决算为 54.53 万元"
- change: `[subject] 比/与/较 [year] [预算/执行数/决算] [direction] [amount|%]` — "比2023年预算执行数减少57.14%",
  "与 2023 年度相比，收入支出总计增加 1062.85万元，增长 12.08%", "比2023年预算持平"
- share: `占 p%` / `占X的 p%` — "基本支出 5377.64 万元，占 55.10%", "占本年支出合计的 99.86%"
- completion: `完成(年初/全年)预算(数)的 p%` — "完成年初预算的 95.45%"
- verdict: `决算数大于/小于/等于/同…持平 预算数` — "决算数小于预算数的主要原因", "决算数同预算数持平"
- list: the opener of an itemised list of amounts under a total — "人员经费 1234.56 万元，主要包括：基本工资…",
  "其中：办公费 9.18 万元，…", "主要用于：A 10 万元；B 20 万元", "分别为 10 万元、20 万元" (read after the amounts:
  checks/support/breakdowns.py pairs it with the total before it and the amounts after it)
- level: `[subject] [amount]` — "机关运行经费支出 142.80 万元" (every other amount)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

from checks.support.joined import join_texts
from checks.support.lookup import per_part
from parsing.model import BudgetDocument

_SEPARATOR = "\x00"  # between texts cleaned together (clean_all): neither whitespace nor a wide character
_WIDE = tuple(zip("０１２３４５６７８９．％，：；（）", "0123456789.%,:;()", strict=True))
_N = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMT = rf"(?P<num>{_N})(?P<unit>亿元|万元|元|万(?=[,;。、)]|$))"
_PCT = rf"(?P<pnum>{_N})%"
_YEAR_TAIL = re.compile(r"(?P<year>20\d\d)年度?(?:当年)?$")  # the year printed just before A or B
UP, DOWN, FLAT = "增加|增长|上升|提高", "减少|下降|降低", "基本持平|持平"
_MARKER = re.compile(
    r"^(?:\d+[、.](?!\d)|[(][一二三四五六七八九十\d]+[)]|[一二三四五六七八九十]+、|第.{1,3}部分)"
)

_CLAUSE_END, _SENTENCE_END = re.compile(r"[,;。:]"), re.compile("。")
# Text with no amount, % or 决算 holds no statement. Written to open with one character set (a digit or 决), which the
# search skips to in C; "\d(?:亿元|万元|元|万|%)|决算" would be tried in full at every character.
_WORTH = re.compile(r"[\d决](?:(?<=\d)(?:亿元|万元|元|万|%)|(?<=决)算)")
_HEADING = re.compile(_MARKER.pattern + r"[^,;。:()]{2,30}$")
# "(?=[…])" opening a phrasing: the characters it can start with. A pattern opening with an optional or alternative
# group is otherwise tried in full at every character of the text (5-10 times slower); matches are the same.
_CHANGE_STARTS = "".join(sorted({word[0] for word in f"{UP}|{DOWN}|{FLAT}".split("|")}))

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "heading",
        re.compile(
            r"^(?:\d+[、.]|[(][一二三四五六七八九十]+[)])[“\"]?(?P<subject>[^,。;“”\"]{2,90}?[(](?:\d{3})?类[)]"
            r"[^,。;“”\"]*?[(](?:\d{2,7})?项[)])[”\"]?(?:科目)?(?:预算数?为?|安排|为)?(?:" + _AMT + ")?"
        ),
    ),
    (
        "before",
        re.compile(
            rf"(?=[预执年全调上])(?P<word>(?:预算)?执行数|(?P<basis>年初|全年|调整)预算数?|上一?年度?(?:预算|决算)数?)"
            rf"(?:为|是)?{_AMT}"
        ),
    ),
    ("after", re.compile(rf"(?=[预支决])(?P<word>预算安排|(?:支出)?决算数?为)(?:为)?{_AMT}")),
    (
        "verdict",
        re.compile(r"决算数?(?P<word>大于|小于|等于|同|与)(?P<basis>全年|年初|调整)?预算数?(?P<flat>持平)?"),
    ),
    (
        "change",
        re.compile(
            rf"(?=[{_CHANGE_STARTS}])(?:(?P<word>{UP}|{DOWN})了?(?:[(](?:{UP}|{DOWN})[)])?"
            rf"(?:{_AMT}(?:[,(](?:或|即)?(?:{UP}|{DOWN})?{_PCT}\)?)?|(?P<pnum2>{_N})%)|(?P<flat>{FLAT}))"
        ),
    ),
    # A year's 预算(数) is A or B by its year (see `read`): "2023年预算数为80.00万元", "2025年“三公”经费预算数为1.00万元"
    ("dated", re.compile(rf"(?P<year>20\d\d)年度?[^,;。\d]{{0,12}}?(?P<word>预算数?)(?:为|是){_AMT}")),
    ("share", re.compile(rf"占(?P<word>[^,;。%\d]{{0,20}}?)的?{_PCT}")),
    ("completion", re.compile(rf"完成(?P<basis>年初|全年|调整)?预算数?的?{_PCT}")),
    ("level", re.compile(r"(?=\d)" + _AMT)),
    (
        "list",
        re.compile(
            r"(?=[其分具明构主包用])(?P<word>其中|分别为|分别是|具体为|具体包括|明细如下|构成为|(?<!不)(?:主要)?(?:包括|用于)|主要为)"
            r"(?:以下(?:几个)?方面|如下)?:?"
        ),
    ),
)
_COMPARED = re.compile(r"比|较|与|同比|相比|上一?年")


@dataclass(frozen=True)
class Statement:
    """One phrase: its kind, value (amount in its own unit or a percentage), words and place."""

    kind: str
    start: int  # offset in the item text
    end: int
    line: int | None
    text: str
    word: str = ""  # direction, basis or relation word ("减少", "年初", "小于")
    value: Decimal | None = None
    unit: str = ""
    decimals: int = 0
    percent: Decimal | None = None  # a change's "（或p%）"/"，增长p%", or the % of share/completion
    pdecimals: int = 0
    year: int | None = None
    basis: str = ""  # 年初/全年/调整 of a before, completion or verdict
    subject: str = ""  # heading subject; for a level, the clause words before the amount

    @property
    def shown_subject(self) -> str:
        """The subject with its brackets full-width again, as the reader saw it (the text was read in ASCII).

        >>> Statement("heading", 0, 0, 1, "", subject="住房保障支出(类)住房改革支出(款)").shown_subject
        '住房保障支出（类）住房改革支出（款）'
        """
        return self.subject.replace("(", "（").replace(")", "）")

    @property
    def sign(self) -> int:
        """+1 for 增加…, −1 for 减少…, 0 for 持平 or 等于; the relation for a verdict (大于 +1, 小于 −1)."""
        if re.fullmatch(DOWN + "|小于", self.word):
            return -1
        return 1 if re.fullmatch(UP + "|大于", self.word) else 0


@dataclass(slots=True)  # about a hundred and fifty a part
class Item:
    """A numbered entry or an unnumbered run of paragraphs, joined without whitespace."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def line_at(self, offset: int) -> int | None:
        return self.lines[bisect_right(self.starts, offset) - 1] if self.lines else None

    def add(self, text: str, line: int) -> None:
        if self.text and _HEADING.match(self.text[self.starts[-1] :]):
            self.text += "。"  # a heading ends its sentence; a broken line does not
        self.starts.append(len(self.text))
        self.lines.append(line)
        self.text += text


def clean(text: str) -> str:
    """Full-width digits and punctuation to ASCII, whitespace dropped.

    >>> clean("年初预算为 1,115.48 万元，完成年初预算的97.97％")
    '年初预算为1,115.48万元,完成年初预算的97.97%'
    """
    # A few replace calls beat str.translate, which looks every CJK character up in a dict.
    for wide, narrow in _WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    return "".join(text.split())  # str.split() splits at what [\s\u3000\u00a0] matches (str.isspace)


def clean_all(texts: list[str]) -> list[str]:
    """clean() of each text, done once on the texts joined: clean maps and drops single characters, so the
    joined text cleaned splits back into the texts cleaned (a text holding the separator is cleaned alone).

    >>> clean_all(["年初预算为 1,115.48 万元", "", "（一）　说明"])
    ['年初预算为1,115.48万元', '', '(一)说明']
    """
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:
        return [clean(text) for text in texts]
    return clean(joined).split(_SEPARATOR) if texts else []


def _number(raw: str) -> tuple[Decimal, int]:
    plain = raw.replace(",", "")
    return Decimal(plain), len(plain.partition(".")[2])


def _before(positions: list[int], offset: int) -> int:
    """Just after the last of `positions` before `offset` (0 when none)."""
    index = bisect_right(positions, offset - 1)
    return positions[index - 1] + 1 if index else 0


def _statement(kind: str, m: re.Match[str], item: Item, clauses: list[int]) -> Statement:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    start = m.start()
    if kind in ("before", "after") and (y := _YEAR_TAIL.search(item.text, max(0, start - 8), start)):
        groups["year"], start = y.group("year"), y.start()
    value, decimals = _number(groups["num"]) if "num" in groups else (None, 0)
    raw_percent = groups.get("pnum") or groups.get("pnum2")
    percent, pdecimals = _number(raw_percent) if raw_percent else (None, 0)
    word = groups.get("flat", groups.get("word", ""))
    if kind == "verdict" and word in ("同", "与", "持平"):
        word = "等于"
    clause = item.text[_before(clauses, start) : start]
    return Statement(
        kind=kind,
        start=start,
        end=m.end(),
        line=item.line_at(start),
        text=item.text[start : m.end()],
        word=word,
        value=value,
        unit="万元" if groups.get("unit") == "万" else groups.get("unit", ""),
        decimals=decimals,
        percent=percent,
        pdecimals=pdecimals,
        year=int(groups["year"]) if "year" in groups else None,
        basis=groups.get("basis", ""),
        subject=groups.get("subject", clause),
    )


def read(item: Item, year: int | None = None) -> Item:
    """Find the statements of one item: each stretch of text is claimed by the first phrasing that reads it.

    A dated 预算数 is last year's figure (before) for year − 1, this year's (after) for the budget year outside
    决算 text, else a plain level.
    """
    if not _WORTH.search(item.text):
        item.statements = []
        return item  # most items
    return _read(item, year)


def _read(item: Item, year: int | None) -> Item:
    """read() of an item known to hold something worth reading (_WORTH)."""
    text = item.text
    taken = bytearray(len(text))  # 1 where a phrasing already read the text
    clauses = [m.start() for m in _CLAUSE_END.finditer(text)]
    sentences = [m.start() for m in _SENTENCE_END.finditer(text)]
    found: list[Statement] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if end == start or taken.find(1, start, end) >= 0:
                continue
            within = max(_before(sentences, start), start - 40) if kind == "change" else 0
            if kind == "change" and not _COMPARED.search(text, within, start):
                continue  # "经费增加10万元" without 比/较/与: not a change against another year
            if kind == "verdict" and m.group("word") in ("同", "与") and not m.group("flat"):
                continue
            taken[start:end] = b"\x01" * (end - start)
            role = kind
            if kind == "dated":
                dated = int(m.group("year"))
                role = "before" if year and dated == year - 1 else "level"
                role = "after" if year and dated == year and "决算" not in text else role
            found.append(_statement(role, m, item, clauses))
    item.statements = sorted(found, key=lambda s: s.start)
    return item


def _paragraphs(doc: BudgetDocument) -> Iterator[list[tuple[str, int]]]:
    """Every narrative run of the part as (text, line): preamble, each section, project texts and table notes."""
    yield [(p.text, p.line) for p in doc.preamble]
    for section in doc.sections:
        yield [(p.text, p.line) for p in section.paragraphs]
    for project in doc.projects:
        texts = ((project.purpose, project.purpose_line), (project.goal, project.goal_line))
        yield [(t, line) for t, line in texts if t and line]
    for table in doc.tables.values():
        if table.empty_note and table.empty_note_line:
            yield [(table.empty_note, table.empty_note_line)]


def items(doc: BudgetDocument) -> tuple[Item, ...]:
    """The text items of one part (department or unit), in document order, statements read; read once per
    part for all rules (treat them as read-only)."""
    return per_part("statement_items", doc, _items)


def _items(doc: BudgetDocument) -> tuple[Item, ...]:
    runs = list(_paragraphs(doc))
    cleaned = iter(clean_all([raw for run in runs for raw, _ in run]))  # one pass for the part's texts
    out: list[Item] = []
    for run in runs:
        current: Item | None = None
        for (_, line), text in zip(run, islice(cleaned, len(run)), strict=True):
            if not text:
                continue
            if current is None or _MARKER.match(text):
                current = Item(text, [0], [line])  # as Item().add(text, line)
                out.append(current)
            else:
                current.add(text, line)
    year = doc.budget_year
    worth = join_texts(item.text for item in out).indexes_having(_WORTH)  # most items state nothing
    for index in worth:
        _read(out[index], year)  # the others keep no statements, as read leaves them
    return tuple(out)
