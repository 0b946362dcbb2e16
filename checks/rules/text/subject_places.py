"""Where the text names a 功能分类 subject otherwise than the tables and the year's catalogue: one reader per
phrasing, each yielding (item, start, end, message)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.rules.text.marks import snippet
from checks.rules.text.subject_problems import (
    class_of,
    class_problem,
    coded_problem,
    describe,
    full_code,
    other_year_note,
    under_problem,
)
from checks.support.subjects import (
    ClassName,
    catalogue,
    ending,
    expected_name,
    known,
    resolve,
    retired_names,
    same,
    stem,
    table_class_names,
    table_row_names,
)
from checks.support.texts import Item, found_in, joined_text
from parsing.model import BudgetDocument

# The marker is searched for; the name is the run of name characters just before it (at least two).
_MARKER = re.compile(r"[（(](?P<code>\d{2,7})?(?P<level>[类款项])[)）]")
_NAME_BEFORE = re.compile(r"[^\s（）()“”\"'‘’《》【】，。；;：:、,.．!！?？\d]{2,40}$")
# "210类卫生健康支出" / "210类：卫生健康支出".
_CODE_FIRST = re.compile(
    r"(?P<code>2\d{2})类[:：]?(?P<name>[\u4e00-\u9fff]{2,20})"
)  # not after a digit or "."
_MIN_RETIRED = 5  # shorter retired stems ("医疗卫生") are ordinary words in running text

Place = tuple[Item, int, int, str]  # item, start, end, message


def marked(doc: BudgetDocument) -> Iterator[Place]:
    """(item, start, end, message) for each level-marked name that is not the name of its code or class."""
    parent: tuple[Item, int, str] | None = None  # the last coded level of the path: item, end, code
    for item, at, end in found_in(doc, _MARKER):
        match = _MARKER.match(item.text, at)
        before = _NAME_BEFORE.search(item.text, max(0, at - 40), at)
        if match is None or before is None:
            continue
        name, level, start = before.group(0), match.group("level"), before.start()
        under = None
        if (
            parent is not None
            and parent[0] is item
            and not re.search(r"[。；;]", item.text[parent[1] : start])
        ):
            under = parent[2]
        code = full_code(match.group("code"), level, under)
        if code is not None:
            problem = coded_problem(doc, name, code, level)
        elif level == "类":
            problem = class_problem(doc, name)
            code = class_of(doc, name)
        else:
            code, problem = under_problem(doc, name, level, under)
        parent = (item, end, code) if code else None
        if problem:
            yield item, start, end, f"{problem}（“…{snippet(item.text, start, end)}…”）"


def code_first(doc: BudgetDocument) -> Iterator[Place]:
    for item, start, end in found_in(doc, _CODE_FIRST):
        match = _CODE_FIRST.match(item.text, start)
        if match is None or (start and (item.text[start - 1].isdigit() or item.text[start - 1] in ".．")):
            continue
        code, name = match.group("code"), match.group("name")
        wanted = expected_name(doc, code)
        if wanted is None or stem(name).startswith(stem(wanted)):
            continue
        starts = [e.name for e in catalogue() if stem(name).startswith(stem(e.name))]
        written = max(starts, key=len) if starts else None
        if written is None and resolve(name[: len(wanted)], {code: wanted}) is None:
            continue  # words after the code, not a class name ("210类科目…")
        outdated = other_year_note(written, doc.budget_year) if written else None
        if outdated is None and written and (other := ending(written)) is not None and other.code != code:
            outdated = f"“{other.name}”是{other.code}类的名称"
        said = f"{code}类写作“{written or name[: len(wanted)]}”" + (f"，{outdated}" if outdated else "")
        yield item, start, end, f"{said}；{describe(doc, code)}（“…{snippet(item.text, start, end)}…”）"


def retired_anywhere(doc: BudgetDocument) -> Iterator[Place]:
    """A retired 类 name in running text, marked or not: by the year, or against the name the tables print."""
    text = joined_text(doc)
    present = [e for e in retired_names() if len(stem(e.name)) >= _MIN_RETIRED and stem(e.name) in text]
    if not present:
        return  # most texts print no retired name: the tables need not be read
    year, printed = doc.budget_year, table_class_names(doc)
    rows = "\n".join(stem(name) for name in table_row_names(doc).values())
    wrong: dict[str, ClassName] = {}
    for entry in present:
        key = stem(entry.name)
        if key in rows:
            continue  # a 款/项 of the same name is no class (a short stem is a word: not searched at all)
        table = printed.get(entry.code)
        outdated = year is not None and not any(e.fits(year) for e in known(entry.name))
        renamed = table is not None and not same(table, entry.name)
        if outdated or renamed:
            wrong[key] = entry
    if not wrong:
        return
    stems = sorted(wrong, key=len, reverse=True)
    pattern = re.compile("(" + "|".join(map(re.escape, stems)) + ")(?:支出)?")
    for item, start, end in found_in(doc, pattern):
        entry = wrong[item.text[start:end].removesuffix("支出")]
        note = f"“{entry.name}”是{entry.code}类在其他年度的名称（{entry.years}）"
        yield (
            item,
            start,
            end,
            f"{note}；{describe(doc, entry.code)}（“…{snippet(item.text, start, end)}…”）",
        )
