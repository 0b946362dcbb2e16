"""Run every rule on every part of a document; a crashing rule becomes a CHK000 finding."""

from __future__ import annotations

from collections.abc import Iterable

from checks.findings import Finding, Severity
from checks.registry import Rule, load_rules
from checks.support.quality import gate
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


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Part two often copies part one: report a repeated defect once and keep every location."""
    kept: dict[tuple, Finding] = {}
    repeats: dict[tuple, list[int]] = {}
    for f in findings:
        key = (f.code, f.project, f.table, f.row, f.column, f.message, f.expected, f.actual)
        if key not in kept:
            kept[key] = f
        elif f.line is not None:
            repeats.setdefault(key, []).append(f.line)
    return [
        f.model_copy(update={"other_lines": [*f.other_lines, *repeats[key]]}) if key in repeats else f
        for key, f in kept.items()
    ]


def run_checks(doc: BudgetDocument, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """All findings for a document and its unit parts, in rule order."""
    selected = list(load_rules().values()) if rules is None else list(rules)
    findings: list[Finding] = []
    for part in doc.parts():
        label = part_label(part)
        confident = layout_for(part.layout).specific
        part_findings: list[Finding] = []
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
                part_findings.append(_check_error(rule, exc, doc.file_name, label))
                continue
            found = (rule.finding(h, doc.file_name, label) for h in hits)
            part_findings.extend(
                f.model_copy(update={"page": part.page_of(f.line)}) if part.pages else f for f in found
            )
        findings.extend(gate(part_findings, part))  # nothing rests on a table read with low confidence
    return _dedupe(findings)
