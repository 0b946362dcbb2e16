"""Meta-test: every rule has a unique code, a what/why/example doc and pass/fail fixtures that behave."""

from __future__ import annotations

import pytest

from checks import load_rules, run_checks
from checks.findings import FAMILIES
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
    # Rules are being moved to Chinese docstrings (为什么：/示例：, as on main); both forms are accepted here.
    assert ("Why" in doc or "为什么：" in doc) and ("Example" in doc or "示例：" in doc), (
        f"{code} docstring needs Why:/为什么： and Example:/示例： sections"
    )


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
