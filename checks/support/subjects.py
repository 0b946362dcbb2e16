"""Subject names: the catalogue of 支出功能分类 类 names by year (data/function_classes.json) and the names the
document's own tables print per code; a name in the text resolved to its code, exactly or as a near name.

A name is compared by its stem (normalised, without a trailing "支出"): "卫生健康" and "卫生健康支出" are one name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from checks.support.lookup import per_part
from parsing.codes import strip_ordinal
from parsing.model import BudgetDocument

CATALOGUE = Path(__file__).resolve().parents[2] / "data" / "function_classes.json"
NEAR = 85  # rapidfuzz ratio of two stems from which a name is read as a slip for the other


@dataclass(frozen=True)
class ClassName:
    code: str
    name: str
    since: int | None
    until: int | None

    def fits(self, year: int) -> bool:
        return (self.since is None or self.since <= year) and (self.until is None or year <= self.until)

    @property
    def years(self) -> str:
        """The years the name was in use, in words."""
        if self.since and self.until:
            return f"{self.since}—{self.until}年使用"
        if self.until:
            return f"{self.until}年及以前使用"
        if self.since:
            return f"{self.since}年起使用"
        return "各年度通用"


@lru_cache(maxsize=4096)
def stem(name: str) -> str:
    """The name as compared: normalised, without a leading ordinal or a trailing 支出.

    >>> stem("九、卫生健康支出"), stem("卫生健康"), stem(" 抗疫特别国债安排的支出")
    ('卫生健康', '卫生健康', '抗疫特别国债安排的')
    """
    return strip_ordinal(name).removesuffix("支出")


@cache
def catalogue() -> tuple[ClassName, ...]:
    """Every 类 name the catalogue knows, in file order (per code: oldest first)."""
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return tuple(
        ClassName(entry["code"], name["name"], name["since"], name["until"])
        for entry in data["classes"]
        for name in entry["names"]
    )


@cache
def _by_stem() -> dict[str, tuple[ClassName, ...]]:
    out: dict[str, list[ClassName]] = {}
    for entry in catalogue():
        out.setdefault(stem(entry.name), []).append(entry)
    return {key: tuple(value) for key, value in out.items()}


def catalogue_name(code: str, year: int | None) -> str | None:
    """The catalogue's name of a 类 code in a year (None: unknown code or year).

    >>> catalogue_name("210", 2018), catalogue_name("210", 2024), catalogue_name("210", None)
    ('医疗卫生与计划生育支出', '卫生健康支出', None)
    """
    if year is None:
        return None
    return next((c.name for c in catalogue() if c.code == code and c.fits(year)), None)


def known(name: str) -> tuple[ClassName, ...]:
    """The catalogue entries whose name is `name` (by stem), in any year."""
    return _by_stem().get(stem(name), ())


@cache
def renamed_words() -> tuple[tuple[str, str, int], ...]:
    """(old word, new word, first year of the new word): words the 2019 reform changed in 款/项 names too."""
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return tuple((w["old"], w["new"], w["since"]) for w in data.get("renamed_words", ()))


def renewed(name: str) -> str:
    """The name with its pre-reform words in their current form ("其他国土资源事务支出" -> "其他自然资源事务支出").

    >>> renewed("其他国土资源事务支出"), renewed("医疗卫生与计划生育管理事务")
    ('其他自然资源事务支出', '卫生健康管理事务')
    """
    for old, new, _ in renamed_words():
        name = name.replace(old, new)
    return name


def ending(text_name: str) -> ClassName | None:
    """The catalogue entry (any year) whose name ends the text's name, the longest such: a lead-in ("主要为") may
    come before the name.

    >>> ending("主要为医疗卫生与计划生育支出").name, ending("卫生健康").code, ending("其中：办公费")
    ('医疗卫生与计划生育支出', '210', None)
    """
    text = stem(text_name)
    found = [entry for key, entries in _by_stem().items() if text.endswith(key) for entry in entries]
    return max(found, key=lambda entry: len(stem(entry.name))) if found else None


def year_names(doc: BudgetDocument) -> dict[str, str]:
    """Code -> the name the part should use for each 类: its tables' names over the catalogue's for the year."""
    return per_part("year_class_names", doc, _year_names)


def _year_names(doc: BudgetDocument) -> dict[str, str]:
    out = {c.code: c.name for c in catalogue() if doc.budget_year is not None and c.fits(doc.budget_year)}
    out.update(table_class_names(doc))
    return out


@cache
def retired_names() -> tuple[ClassName, ...]:
    """Names with an end year: the names a later document must not use."""
    return tuple(c for c in catalogue() if c.until is not None)


def table_row_names(doc: BudgetDocument) -> dict[str, str]:
    """The name the part's tables print for each 功能分类 code (类, 款 and 项), first printing first."""
    return per_part("table_row_names", doc, _scan_rows)


def _scan_rows(doc: BudgetDocument) -> dict[str, str]:
    out: dict[str, str] = {}
    for table in doc.tables.values():
        for row in table.rows:
            code = row.code
            if code and code not in out and code[0] == "2" and len(code) in (3, 5, 7) and stem(row.name):
                out[code] = strip_ordinal(row.name)
    return out


def table_class_names(doc: BudgetDocument) -> dict[str, str]:
    """The name the part's tables print for each 类 code."""
    return {code: name for code, name in table_row_names(doc).items() if len(code) == 3}


def expected_name(doc: BudgetDocument, code: str) -> str | None:
    """What the part should call a 类: its tables' name, else the catalogue's name for the document year."""
    return table_class_names(doc).get(code) or catalogue_name(code, doc.budget_year)


def same(text_name: str, name: str) -> bool:
    """The text's name is the name: equal stems, or one ends the other ("主要为卫生健康" ends with 卫生健康;
    "及相关机构事务" ends "政府办公厅（室）及相关机构事务", cut at its bracket).

    >>> same("卫生健康", "卫生健康支出"), same("主要为卫生健康支出", "卫生健康支出"), same("卫生健康", "医疗卫生")
    (True, True, False)
    """
    a, b = stem(text_name), stem(name)
    return bool(a) and bool(b) and (a.endswith(b) or b.endswith(a))


def resolve(text_name: str, names: dict[str, str]) -> tuple[str, str, bool] | None:
    """(code, name, exact) of the name among `names` (code -> name) that the text's name is, exactly (the text ends
    with it) or nearly (a slip: same length, ratio >= NEAR); None when it is none of them.

    >>> names = {"208": "社会保障和就业支出", "210": "卫生健康支出"}
    >>> resolve("主要为卫生健康", names), resolve("社会保障与就业支出", names), resolve("住房保障", names)
    (('210', '卫生健康支出', True), ('208', '社会保障和就业支出', False), None)
    """
    text = stem(text_name)
    exact = [(code, name) for code, name in names.items() if same(text_name, name)]
    if exact:
        code, name = max(exact, key=lambda pair: len(stem(pair[1])))
        return code, name, True
    best: tuple[float, str, str] | None = None
    for code, name in names.items():
        target = stem(name)
        tail = text[-len(target) :]
        score = fuzz.ratio(tail, target)
        if score >= NEAR and (best is None or score > best[0]):
            best = (score, code, name)
    return (best[1], best[2], False) if best else None
