"""What is wrong with a subject name the text prints: against its code, its 类, or the rows under its parent."""

from __future__ import annotations

from checks.support.subjects import (
    catalogue_name,
    ending,
    known,
    renewed,
    resolve,
    same,
    stem,
    table_row_names,
    year_names,
)
from parsing.model import BudgetDocument

_LEVELS = {"类": 3, "款": 5, "项": 7}


def full_code(code: str | None, level: str, parent: str | None) -> str | None:
    """The full code of a marked level: printed in full ("2040601项") or as two digits under its parent."""
    if code is None:
        return None
    if len(code) == _LEVELS[level]:
        return code
    if len(code) == 2 and parent is not None and len(parent) + 2 == _LEVELS[level]:
        return parent + code
    return None


def describe(doc: BudgetDocument, code: str) -> str:
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


def other_year_note(name: str, year: int | None) -> str | None:
    """ "“X”是210类在其他年度的名称（2014—2018年使用）" when the name ending the text fits no entry of the year."""
    entry = ending(name)
    if entry is None or year is None or any(e.fits(year) for e in known(entry.name)):
        return None
    return f"“{entry.name}”是{entry.code}类在其他年度的名称（{entry.years}）"


def coded_problem(doc: BudgetDocument, name: str, code: str, level: str) -> str | None:
    """What is wrong with a name printed beside its code ("公共安全支出（204类）"), or None."""
    wanted = table_row_names(doc).get(code)
    if wanted is None and level == "类":
        wanted = catalogue_name(code, doc.budget_year)
    if wanted is None or same(name, wanted):
        return None
    outdated = other_year_note(name, doc.budget_year) if level == "类" else None
    other = ending(name) if level == "类" else None
    if outdated is None and other is not None and other.code != code:
        outdated = f"“{other.name}”是{other.code}类的名称"
    said = f"{code}{level}写作“{_written(name)}”" + (f"，{outdated}" if outdated else "")
    return f"{said}；{describe(doc, code)}"


def class_problem(doc: BudgetDocument, name: str) -> str | None:
    """What is wrong with a 类 named without its code ("医疗卫生与计划生育支出（类）"), or None."""
    entry = ending(name)
    names = year_names(doc)
    if entry is not None:
        wanted = names.get(entry.code)
        outdated = other_year_note(name, doc.budget_year)
        if outdated:
            return f"{outdated}；{describe(doc, entry.code)}"
        if wanted is None or same(entry.name, wanted):
            return None
        return f"{entry.code}类写作“{entry.name}”；{describe(doc, entry.code)}"
    found = resolve(name, names)
    if found is None or found[2]:
        return None
    code = found[0]
    return (
        f"类名“{stem(name)[-len(stem(found[1])) :]}”与{code}类的名称不一致（疑似笔误）；{describe(doc, code)}"
    )


def class_of(doc: BudgetDocument, name: str) -> str | None:
    """The code of a 类 named without its code, for the 款 and 项 named after it."""
    entry = ending(name)
    if entry is not None:
        return entry.code
    found = resolve(name, year_names(doc))
    return found[0] if found else None


def under_problem(
    doc: BudgetDocument, name: str, level: str, parent: str | None
) -> tuple[str | None, str | None]:
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
