"""A part's indicators as the IND rules read them: each row's fields, verdicts and label keys worked out once.

Reading a field of a parsed model costs several times a tuple's, and ten rules read the same rows: the part's
rows are read once (indicator_rows) into plain tuples, and what the rules derive from a row's printed content
(verdicts, label keys, blank cells) is kept under that content, so that part two and other projects reuse it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from operator import itemgetter
from typing import NamedTuple

from checks.support.indicators import (
    PARSED_FIELDS,
    Fields,
    fields,
    key,
    level1_kind,
    level2_kind,
    project_budget,
    project_label,
    verdicts,
)
from checks.support.lookup import per_part
from checks.support.memo import as_printed, remembered
from parsing.model import BudgetDocument, Indicator, Project


class Facts(NamedTuple):
    """What the rules derive from one row's printed content (and its project's 预算数)."""

    verdicts: tuple[tuple[str, str], ...]  # (verdict_code, reason_zh), [("ok", "")] when nothing is wrong
    level1_kind: str | None
    level2_kind: str | None
    name: str  # key(三级指标)
    value: str  # key(指标值)
    no_description: bool
    no_basis: bool
    echoes: bool  # description and basis only repeat the 三级指标 name


class Row(NamedTuple):
    """One indicator row: the model, the fields the rules print, and its Facts."""

    indicator: Indicator
    level2: str
    level3: str
    line: int
    facts: Facts


class ProjectRows(NamedTuple):
    project: Project
    label: str  # project_label
    rows: tuple[Row, ...]


# (order, project's rows, row, verdict_code, reason_zh): order numbers every defect of the part in table order
Flagged = tuple[int, ProjectRows, Row, str, str]


class IndicatorRows(NamedTuple):
    """The part's projects with their rows, and every defect found, by verdict code, in table order."""

    projects: tuple[ProjectRows, ...]
    flagged: dict[str, tuple[Flagged, ...]]  # by verdict code


# a row's printed cells, its IndicatorValue and line, picked from the Indicator's __dict__ (as fields() does)
_ROW = itemgetter("level1", "level2", "level3", "description", "value", "basis", "parsed", "line")
_FACTS: dict[tuple, Facts] = {}
_ORDER = itemgetter(0)
_new = tuple.__new__


def _facts(ind: Fields, budget: Decimal | None) -> Facts:
    name, description, basis = key(ind.level3), key(ind.description), key(ind.basis)
    echoes = bool(name) and description in ("", name) and (not basis or basis in name or basis == description)
    return Facts(
        tuple(verdicts(ind, budget)),
        level1_kind(ind.level1),
        level2_kind(ind.level2),
        name,
        key(ind.value),
        not description,
        not basis,
        echoes,
    )


def project_rows(project: Project, label: str = "") -> ProjectRows:
    """The project's rows, each one's Facts read from the content cache (computed on first sight)."""
    budget = project_budget(project)
    budget_text = as_printed(budget)
    rows = []
    for ind in project.indicators:
        level1, level2, level3, description, value, basis, parsed, line = _ROW(ind.__dict__)
        comparator, number, unit = PARSED_FIELDS(parsed.__dict__)
        # everything _facts reads (verdicts read no other field), the number as printed
        content = (
            level1, level2, level3, description, value, basis, comparator, as_printed(number), unit, budget_text
        )  # fmt: skip
        facts = _FACTS.get(content)
        if facts is None:
            facts = remembered(_FACTS, content, _facts, fields(ind), budget)
        rows.append(_new(Row, (ind, level2, level3, line, facts)))  # a namedtuple's __new__ is a Python call
    return ProjectRows(project, label, tuple(rows))


def indicator_rows(doc: BudgetDocument) -> IndicatorRows:
    """The part's indicator rows, read once: the IND rules all ask."""
    return per_part("indicator_rows", doc, _read_part)


def flagged(doc: BudgetDocument, codes: tuple[str, ...]) -> Sequence[Flagged]:
    """The part's indicator rows with any of `codes` (a row once per defect), in table order."""
    found = indicator_rows(doc).flagged
    if len(codes) == 1:
        return found.get(codes[0], ())
    return sorted((item for code in codes for item in found.get(code, ())), key=_ORDER)


def _read_part(doc: BudgetDocument) -> IndicatorRows:
    projects = tuple(project_rows(p, project_label(p)) for p in doc.projects)
    by_code: dict[str, list[Flagged]] = {}
    order = 0
    for project in projects:
        for row in project.rows:
            for code, reason in row.facts.verdicts:
                if code != "ok":
                    by_code.setdefault(code, []).append((order, project, row, code, reason))
                    order += 1
    # shared by the rules (per_part): tuples, so that no rule can change what the next one reads
    return IndicatorRows(projects, {code: tuple(found) for code, found in by_code.items()})


_VERDICT_CACHE: dict[int, tuple[Project, list[tuple[Indicator, str, str]]]] = {}


def indicator_verdicts(project: Project) -> list[tuple[Indicator, str, str]]:
    """(indicator, verdict_code, reason_zh) in table order; an indicator with several defects appears once
    per defect (wrong category first), a clean one once with "ok". Codes and labels: VERDICT_ZH."""
    hit = _VERDICT_CACHE.get(id(project))
    if hit is not None and hit[0] is project:  # the dashboard asks for the same (frozen) project again
        return hit[1]
    result = [
        (row.indicator, code, reason)
        for row in project_rows(project).rows
        for code, reason in row.facts.verdicts
    ]
    if len(_VERDICT_CACHE) > 512:
        _VERDICT_CACHE.clear()
    _VERDICT_CACHE[id(project)] = (project, result)
    return result
