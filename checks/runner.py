"""Run every rule on every part of a document; a crashing rule becomes a CHK000 finding."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter

from checks.findings import Finding, Hit, Severity
from checks.registry import Rule, load_rules
from checks.support.quality import doubt_gate
from parsing.layouts import layout_for
from parsing.model import BudgetDocument

CHECK_ERROR = "CHK000"


def part_label(part: BudgetDocument) -> str | None:
    if part.part == "department":
        return None
    return " ".join(x for x in (part.department_code, part.department_name) if x) or "所属单位"


def _check_error(rule: Rule, exc: Exception, file: str, part: str | None) -> Finding:
    return Finding(
        code=CHECK_ERROR,
        family=rule.family,
        severity=Severity.ERROR,
        title="规则运行出错（check-error）",
        message=f"规则 {rule.code}（{rule.title}）未能运行：{type(exc).__name__}: {exc}",
        file=file,
        part=part,
        hint="其余规则的结果不受影响；请把该文件反馈给开发者。",
    )


# Where a defect was first found: a rule's hit (its Finding not built yet, with the part's label and the
# PDF page) or a finding made by the runner itself (CHK000).
_First = tuple[Rule, Hit, str | None, dict[str, int | None]] | Finding


# What makes two findings the same defect (part two often copies part one), besides the rule's code: read alike
# from a Hit and a Finding
_defect = attrgetter("project", "table", "row", "column", "message", "expected", "actual")


def _finding(first: _First, file: str, repeats: list[int] | None) -> Finding:
    """The defect's one Finding, with the lines of its repeats (other_lines) when it has some."""
    others = {"other_lines": repeats} if repeats else {}
    if isinstance(first, Finding):
        return first.model_copy(update=others) if others else first
    rule, hit, label, page = first
    return rule.finding(hit, file, label, **page, **others)


def run_checks(doc: BudgetDocument, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """All findings for a document and its unit parts, in rule order; a defect repeated in several places
    (part two copying part one) is reported once, at its first place, and keeps every location."""
    selected = list(load_rules().values()) if rules is None else list(rules)
    firsts: dict[tuple, _First] = {}
    repeats: dict[tuple, list[int]] = {}
    for part in doc.parts():
        label = part_label(part)
        confident = layout_for(part.layout).specific
        rests_on_doubt = doubt_gate(part)  # nothing rests on a table read with low confidence
        for rule in selected:
            if (
                rule.needs_layout
                and not confident
                and not (rule.final_template and part.kind == "final_accounts")
            ):
                continue  # what a particular layout prints cannot be asked of an unrecognised one (a 决算: its parts)
            try:
                hits = list(rule.func(part))  # all or nothing per rule
            except Exception as exc:
                error = _check_error(rule, exc, doc.file_name, label)
                if rests_on_doubt is None or not rests_on_doubt(error.family, None, None, error.message):
                    firsts.setdefault((error.code, _defect(error)), error)  # no line: never a repeat
                continue
            for hit in hits:
                if rests_on_doubt is not None and rests_on_doubt(
                    rule.family, hit.table, hit.line, hit.message
                ):
                    continue
                key = rule.code, _defect(hit)
                if key not in firsts:
                    page = {"page": part.page_of(hit.line)} if part.pages else {}
                    firsts[key] = (rule, hit, label, page)
                elif hit.line is not None:
                    repeats.setdefault(key, []).append(hit.line)
    return [_finding(first, doc.file_name, repeats.get(key)) for key, first in firsts.items()]
