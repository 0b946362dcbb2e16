"""Rule registry: one decorator per rule with its stable code and metadata; the docstring is its doc."""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from checks.findings import FAMILIES, HIT_FIELDS, Finding, Hit, Severity
from parsing.model import BudgetDocument, trusted

CheckFunc = Callable[[BudgetDocument], Iterator[Hit]]
CODE_PATTERN = re.compile(r"^[A-Z]{3}\d{3}$")


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    title: str
    family: str
    severity: Severity
    regulation: str | None
    func: CheckFunc
    needs_layout: bool = False  # runs only on a confidently detected layout (parsing/layouts.py)
    final_template: bool = (
        False  # with needs_layout: runs on a 决算 whatever its layout (the 决算 template's parts)
    )

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.func) or ""

    def finding(self, hit: Hit, file: str = "", part: str | None = None, **more: object) -> Finding:
        """The hit as a Finding of this rule; `more` sets further Finding fields (the PDF page, other_lines)."""
        line, page, table, row, column, project, message, expected, actual, severity, hint = hit
        severity = severity or self.severity
        difference = actual - expected if expected is not None and actual is not None else None
        if (
            more.keys() <= _RUNNER_FIELDS
            and type(severity) is Severity
            and type(file) is str
            and _is_text(part)
        ):
            # the runner makes one per finding, of values already validated (the Hit's, the rule's, the page
            # and repeat lines): stored as validation would store them (parsing.model.trusted), in Finding's
            # declaration order, as validation leaves __dict__ (test_registry compares the two)
            data = {
                "line": line, "page": more.get("page", page), "table": table, "row": row, "column": column,
                "project": project, "code": self.code, "family": self.family, "severity": severity,
                "title": self.title, "message": message, "file": file, "part": part, "expected": expected,
                "actual": actual, "difference": difference, "regulation": self.regulation, "hint": hint,
                "other_lines": list(more.get("other_lines", ())),  # type: ignore[call-overload]
            }  # fmt: skip
            return trusted(Finding, data, _GIVEN_REPEATED if "other_lines" in more else _GIVEN)
        fields = {
            **hit._asdict(),
            "code": self.code,
            "family": self.family,
            "severity": severity,
            "title": self.title,
            "file": file,
            "part": part,
            "difference": difference,
            "regulation": self.regulation,
        }
        return Finding.model_validate({**fields, **more})


def _is_text(value: object) -> bool:
    return value is None or type(value) is str


_RUNNER_FIELDS = frozenset({"page", "other_lines"})  # what the runner adds to a rule's hit (int, list[int])
# the fields a Finding made from a hit is given: the hit's (all of them) and the rule's, and the repeats' lines when
# it has some; one set shared by the findings, never changed in place (model_copy and replaced copy it)
_GIVEN = {*HIT_FIELDS, "code", "family", "severity", "title", "file", "part", "difference", "regulation"}
_GIVEN_REPEATED = _GIVEN | {"other_lines"}
if _UNSET := Finding.model_fields.keys() - _GIVEN_REPEATED:  # a field added to Finding is refused, loudly
    raise TypeError(f"Rule.finding does not set the Finding fields {sorted(_UNSET)}")


RULES: dict[str, Rule] = {}
DOC_SECTIONS = ("为什么：", "示例：", "Why:", "Example:")  # paragraphs after a rule docstring's summary


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def unwrap_doc(doc: str) -> str:
    r"""A docstring with its wrapped lines joined: one line for the summary and one per section (为什么/示例);
    no space is put between two Chinese characters.

    >>> unwrap_doc("合计等于\n各项之和。\n\n为什么：漏列\n一行。\n示例：合计 10 vs\n9.")
    '合计等于各项之和。\n为什么：漏列一行。\n示例：合计 10 vs 9.'
    """
    out: list[str] = []
    for raw in doc.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if not out or line.startswith(DOC_SECTIONS):
            out.append(line)
            continue
        joiner = "" if _wide(out[-1][-1]) or _wide(line[0]) else " "
        out[-1] += joiner + line
    return "\n".join(out)


def family_of(module: str) -> str:
    """The family of a rule defined in `module`: its package under checks.rules, "_" written "-".

    >>> family_of("checks.rules.cross_table.funds")
    'cross-table'
    """
    parts = module.split(".")
    if parts[:2] != ["checks", "rules"] or len(parts) < 4:
        raise ValueError(f"rules live in a family package under checks.rules, not in {module}")
    return parts[2].replace("_", "-")


def register(
    code: str,
    slug: str,
    *,
    title: str,
    severity: Severity,
    regulation: str | None = None,
    needs_layout: bool = False,
    final_template: bool = False,
) -> Callable[[CheckFunc], CheckFunc]:
    """Register a rule; codes are permanent and never reused. The family is the rule's package.

    `needs_layout`: the rule asks for what a particular layout prints (its sections, their numbering); on the
    generic layout, used when no layout was detected confidently, the runner does not run it. `final_template`: such
    a rule that asks only what the 决算 template prints (its parts: STR003, STR004) runs on a 决算 whatever its layout
    (a 决算's numbering restarts in each 部分, so the numbering rule is not one of them)."""

    def wrap(func: CheckFunc) -> CheckFunc:
        family = family_of(func.__module__)
        if not CODE_PATTERN.match(code):
            raise ValueError(f"bad rule code {code}")
        if code in RULES:
            raise ValueError(f"duplicate rule code {code}")
        if family not in FAMILIES:
            raise ValueError(f"unknown family {family}")
        RULES[code] = Rule(
            code, slug, title, family, severity, regulation, func, needs_layout, final_template
        )
        return func

    return wrap


def load_rules() -> dict[str, Rule]:
    """Import every rule module so that its rules register."""
    from checks import rules  # noqa: F401  (import side effect: registration)

    return RULES
