"""Meta-test: every rule has a unique code, a what/why/example doc and pass/fail fixtures that behave."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from checks import load_rules, run_checks, unwrap_doc
from checks.findings import FAMILIES, Finding, Hit, Severity
from checks.registry import CODE_PATTERN
from parsing import parse_lines
from tests.conftest import FIXTURES

RULES = load_rules()


def _doc(name: str):
    path = FIXTURES / name
    return parse_lines(path.name, path.read_text(encoding="utf-8").split("\n"))


def test_there_are_rules_in_every_family():
    assert {r.family for r in RULES.values()} == set(FAMILIES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_documented(code):
    rule = RULES[code]
    assert CODE_PATTERN.match(code)
    assert rule.title and rule.slug
    doc = rule.doc
    assert len(doc.splitlines()[0]) > 5, "first line says what the rule checks"
    lines = unwrap_doc(doc).splitlines()
    assert [line[:3] for line in lines[1:]] == ["为什么", "示例："], (
        f"{code} docstring needs 为什么：and 示例："
    )
    # written in Chinese (the page and the spreadsheet show it as is): no run of English words
    assert not re.search(r"\b[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}\b", doc), f"{code} docstring is not in Chinese"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_pass_fixture_has_no_finding(code):
    findings = run_checks(_doc(f"{code}_pass.txt"), [RULES[code]])
    assert [f for f in findings if f.code in (code, "CHK000")] == []


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_fail_fixture_has_a_finding(code):
    findings = run_checks(_doc(f"{code}_fail.txt"), [RULES[code]])
    assert [f.code for f in findings if f.code == "CHK000"] == []
    assert any(f.code == code for f in findings), f"{code} found nothing in its _fail fixture"


def test_crashing_rule_becomes_check_error():
    from checks.findings import Severity
    from checks.registry import Rule

    def boom(doc):
        raise RuntimeError("kaputt")

    rule = Rule("ZZZ999", "boom", "测试", "parse", Severity.ERROR, None, boom)
    findings = run_checks(_doc(f"{sorted(RULES)[0]}_pass.txt"), [rule, *RULES.values()])
    errors = [f for f in findings if f.code == "CHK000"]
    assert len(errors) == 1 and "ZZZ999" in errors[0].message and "kaputt" in errors[0].message


@pytest.mark.parametrize("more", [{}, {"page": 3}, {"page": None, "other_lines": [7, 9]}])
def test_finding_is_the_validated_one(more):
    """Rule.finding stores the hit's values without validating them again: the same Finding, field for field."""
    rule = RULES["IND001"]
    hit = Hit(
        message="m", line=5, table="T", expected=Decimal("1.50"), actual=Decimal(2), severity=Severity.INFO
    )
    found = rule.finding(hit, "a.txt", "001 单位", **more)
    fields = {
        **hit._asdict(),
        "code": rule.code,
        "family": rule.family,
        "severity": Severity.INFO,
        "title": rule.title,
    }
    fields |= {
        "file": "a.txt",
        "part": "001 单位",
        "difference": Decimal("0.50"),
        "regulation": rule.regulation,
    }
    validated = Finding.model_validate(fields | more)
    assert found == validated and found.model_fields_set == validated.model_fields_set
    assert (
        list(found.__dict__) == list(validated.__dict__)
        and found.model_dump_json() == validated.model_dump_json()
    )
    assert found.model_copy(update={"line": 6}).line == 6
