"""Subject names: a 功能分类 类 (and the 款/项 under a coded 类) named in the text otherwise than the document's tables
and the year's 政府收支分类科目 name it.

Phrasings read (one pattern each):
- name before its level marker: "卫生健康支出（类）", "公共安全支出（204类）", "司法（06款）", "行政运行（2040601项）";
- a code before its name: "210类卫生健康支出";
- a retired 类 name anywhere: "医疗卫生与计划生育支出" in a document of 2019 or later.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.findings import Hit, Severity
from checks.registry import register
from checks.rules.text import ACCURATE
from checks.rules.text.lint import snippet
from checks.support.subjects import (
    ClassName,
    catalogue,
    catalogue_name,
    ending,
    expected_name,
    known,
    renewed,
    resolve,
    retired_names,
    same,
    stem,
    table_class_names,
    table_row_names,
    year_names,
)
from checks.support.texts import Item, found_in, joined_text
from parsing.model import BudgetDocument

CATALOGUE_CITE = "财政部《政府收支分类科目》（按预算年度适用的版本）；" + ACCURATE
# The marker is searched for; the name is the run of name characters just before it (at least two).
_MARKER = re.compile(r"[（(](?P<code>\d{2,7})?(?P<level>[类款项])[)）]")
_NAME_BEFORE = re.compile(r"[^\s（）()“”\"'‘’《》【】，。；;：:、,.．!！?？\d]{2,40}$")
# "210类卫生健康支出" / "210类：卫生健康支出".
_CODE_FIRST = re.compile(
    r"(?P<code>2\d{2})类[:：]?(?P<name>[\u4e00-\u9fff]{2,20})"
)  # not after a digit or "."
_LEVELS = {"类": 3, "款": 5, "项": 7}
_MIN_RETIRED = 5  # shorter retired stems ("医疗卫生") are ordinary words in running text


def _full_code(code: str | None, level: str, parent: str | None) -> str | None:
    """The full code of a marked level: printed in full ("2040601项") or as two digits under its parent."""
    if code is None:
        return None
    if len(code) == _LEVELS[level]:
        return code
    if len(code) == 2 and parent is not None and len(parent) + 2 == _LEVELS[level]:
        return parent + code
    return None


def _describe(doc: BudgetDocument, code: str) -> str:
    """The names a code goes by in this document: its tables' and the year's catalogue's (类 only)."""
    printed = table_row_names(doc).get(code)
    year = doc.budget_year
    listed = catalogue_name(code, year) if len(code) == 3 else None
    if printed and listed:
        if same(printed, listed):
            return f"本文件表格和{year}年科目均为“{printed}”"
        return f"本文件表格为“{printed}”，{year}年科目为“{listed}”"
    if printed:
        return f"本文件表格为“{printed}”"
    return f"{year}年科目为“{listed}”" if listed else "本文件表格未列该科目"


def _written(name: str) -> str:
    """The class name as the text writes it, without its lead-in when the catalogue knows the name."""
    entry = ending(name)
    if entry is None:
        return name
    cut = stem(name).rfind(stem(entry.name))
    return stem(name)[cut:] + ("支出" if name.endswith("支出") else "")


def _outdated(name: str, year: int | None) -> str | None:
    """ "“X”是210类在其他年度的名称（2014—2018年使用）" when the name ending the text fits no entry of the year."""
    entry = ending(name)
    if entry is None or year is None or any(e.fits(year) for e in known(entry.name)):
        return None
    return f"“{entry.name}”是{entry.code}类在其他年度的名称（{entry.years}）"


def _hit(item: Item, offset: int, message: str) -> Hit:
    return Hit(
        message=f"{item.label}：{message}",
        line=item.line_at(offset),
        row=item.field or item.where,
        project=item.project,
        hint="科目名称以当年《政府收支分类科目》和本文件表格为准，更正说明文字。",
    )


Place = tuple[Item, int, int, str]  # item, start, end, message


def _coded(doc: BudgetDocument, name: str, code: str, level: str) -> str | None:
    """What is wrong with a name printed beside its code ("公共安全支出（204类）"), or None."""
    wanted = table_row_names(doc).get(code)
    if wanted is None and level == "类":
        wanted = catalogue_name(code, doc.budget_year)
    if wanted is None or same(name, wanted):
        return None
    outdated = _outdated(name, doc.budget_year) if level == "类" else None
    other = ending(name) if level == "类" else None
    if outdated is None and other is not None and other.code != code:
        outdated = f"“{other.name}”是{other.code}类的名称"
    said = f"{code}{level}写作“{_written(name)}”" + (f"，{outdated}" if outdated else "")
    return f"{said}；{_describe(doc, code)}"


def _named(doc: BudgetDocument, name: str) -> str | None:
    """What is wrong with a 类 named without its code ("医疗卫生与计划生育支出（类）"), or None."""
    entry = ending(name)
    names = year_names(doc)
    if entry is not None:
        wanted = names.get(entry.code)
        outdated = _outdated(name, doc.budget_year)
        if outdated:
            return f"{outdated}；{_describe(doc, entry.code)}"
        if wanted is None or same(entry.name, wanted):
            return None
        return f"{entry.code}类写作“{entry.name}”；{_describe(doc, entry.code)}"
    found = resolve(name, names)
    if found is None or found[2]:
        return None
    code = found[0]
    return f"类名“{stem(name)[-len(stem(found[1])) :]}”与{code}类的名称不一致（疑似笔误）；{_describe(doc, code)}"


def _class_of(doc: BudgetDocument, name: str) -> str | None:
    """The code of a 类 named without its code, for the 款 and 项 named after it."""
    entry = ending(name)
    if entry is not None:
        return entry.code
    found = resolve(name, year_names(doc))
    return found[0] if found else None


def _under(doc: BudgetDocument, name: str, level: str, parent: str | None) -> tuple[str | None, str | None]:
    """(code, problem) of a 款 or 项 named without its code after its 类 or 款: the table row under the parent
    with that name, or the near name the text slipped on. Nothing when the tables print no row under the parent
    (an abbreviated table) or no row near the name (another reading of the path)."""
    if parent is None:
        return None, None
    width = _LEVELS[level]
    rows = {c: n for c, n in table_row_names(doc).items() if len(c) == width and c.startswith(parent)}
    exact = [c for c, n in rows.items() if same(name, n)]
    if exact:
        return exact[0], None
    if not rows:
        return None, None
    old = [c for c, n in rows.items() if renewed(name) != name and same(renewed(name), n)]
    if old:  # "其他国土资源事务支出" for 2200199 其他自然资源事务支出
        printed = rows[old[0]]
        return old[
            0
        ], f"{level}名“{_tail(name, printed)}”是2019年科目改革前的名称；本文件表格中{old[0]}为“{printed}”"
    entry = ending(name)
    if entry is not None and stem(entry.name) == stem(name).removeprefix("其中"):  # the class's name again
        listed = "、".join(f"{c}“{n}”" for c, n in list(rows.items())[:3])
        return None, f"{level}名写作{entry.code}类的名称“{entry.name}”；本文件表格中{parent}下为{listed}"
    found = resolve(name, rows)
    if found is None:
        return None, None
    code, printed, _ = found
    return code, f"{level}名“{_tail(name, printed)}”与本文件表格中{code}“{printed}”不一致（疑似笔误）"


def _tail(name: str, printed: str) -> str:
    """The end of the text's name as long as the printed name (a lead-in cut off), with its 支出 when printed."""
    text = stem(name)
    tail = text[-len(stem(printed)) :] if len(text) > len(stem(printed)) + 2 else text
    return tail + ("支出" if name.endswith("支出") else "")


def _marked(doc: BudgetDocument) -> Iterator[Place]:
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
        code = _full_code(match.group("code"), level, under)
        if code is not None:
            problem = _coded(doc, name, code, level)
        elif level == "类":
            problem = _named(doc, name)
            code = _class_of(doc, name)
        else:
            code, problem = _under(doc, name, level, under)
        parent = (item, end, code) if code else None
        if problem:
            yield item, start, end, f"{problem}（“…{snippet(item.text, start, end)}…”）"


def _code_first(doc: BudgetDocument) -> Iterator[Place]:
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
        outdated = _outdated(written, doc.budget_year) if written else None
        if outdated is None and written and (other := ending(written)) is not None and other.code != code:
            outdated = f"“{other.name}”是{other.code}类的名称"
        said = f"{code}类写作“{written or name[: len(wanted)]}”" + (f"，{outdated}" if outdated else "")
        yield item, start, end, f"{said}；{_describe(doc, code)}（“…{snippet(item.text, start, end)}…”）"


def _retired_anywhere(doc: BudgetDocument) -> Iterator[Place]:
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
            f"{note}；{_describe(doc, entry.code)}（“…{snippet(item.text, start, end)}…”）",
        )


@register(
    "TXT021",
    "subject-name",
    title="功能分类科目名称与表格或当年科目不一致",
    severity=Severity.WARNING,
    regulation=CATALOGUE_CITE,
)
def subject_names(doc: BudgetDocument) -> Iterator[Hit]:
    """说明文字中的功能分类科目名称与本文件表格所印名称、当年《政府收支分类科目》名称一致：按代码（“（210类）”
    “司法（06款）”）或按名称（“卫生健康支出（类）”，近似名称用相似度判断）找到科目后比较，并查找已停用的类名。

    为什么：2019年科目改革后 210 类由“医疗卫生与计划生育支出”改为“卫生健康支出”，207、220、215 类也改了名；
    说明中仍用旧名或把代码配上别的名称，说明文字沿用了旧模板，读者无法把说明与表格中的科目对上。
    款、项没有代码时，按所属类、款在表格中的下级科目逐个比对名称（“住房保障支出（类）住房保障支出（款）”把类名写作款名，
    “其他国土资源事务支出（项）”是改革前的名称）。编制说明中整条科目在表中找不到的，已由 NAR014 报告，这里不再报告。
    示例：2024年预算表格印“210 卫生健康支出”，说明写“医疗卫生与计划生育支出（类）50.00万元”，报告一条并列出两个
    名称；“卫生健康（类）”和“公共安全支出（204类）司法（06款）”（表中 20406 为“司法”）不报告。
    """
    unmatched = {
        item.line for item in doc.budget_items if item.code is None
    }  # NAR014: path not in the tables
    reported: dict[int, list[tuple[int, int]]] = {}  # one finding per place: spans already reported per item
    for item, start, end, message in (*_marked(doc), *_code_first(doc), *_retired_anywhere(doc)):
        spans = reported.setdefault(id(item), [])
        if any(start < done_end and done_start < end for done_start, done_end in spans):
            continue
        spans.append((start, end))
        hit = _hit(item, start, message)
        if hit.line not in unmatched and item.line not in unmatched:
            yield hit
