"""Hit: a plain frozen record that stores exactly what validation (its pydantic twin, _CheckedHit) stores, and
fails where validation fails, with the same error."""

from __future__ import annotations

import copy
import inspect
import pickle
from decimal import Decimal

import pytest
from pydantic import ValidationError

from checks import run_checks
from checks.findings import HIT_FIELDS, Hit, Severity, _CheckedHit
from checks.registry import Rule
from tests.conftest import seed_doc

GOOD = [
    {"message": "m"},
    {"message": "m", "line": 5, "table": "T", "row": "合计", "column": "预算数", "project": "P", "hint": "h"},
    {"message": "m", "expected": Decimal("1.50"), "actual": Decimal("-0"), "severity": Severity.INFO},
    {"message": "m", "expected": 3, "actual": 1.1, "page": 2},  # converted: an int and a float amount
    {"message": "m", "expected": "1.0", "severity": "warning", "line": True},  # str amount and severity, bool
    {"message": "m", "line": 5.0, "page": "7"},
    {"message": "m", "expected": None, "actual": Decimal("1E+2"), "line": None},
]
BAD = [
    {"message": 5},
    {"message": "m", "expected": Decimal("NaN")},
    {"message": "m", "actual": Decimal("Infinity")},
    {"message": "m", "expected": "x"},
    {"message": "m", "severity": "fatal"},
    {"message": "m", "line": "five"},
    {"message": "m", "table": 3},
    {"message": "m", "code": "XXX001"},  # not a Hit field
    {"line": 3, "table": "T"},  # no message
]


@pytest.mark.parametrize("given", GOOD)
def test_hit_stores_what_validation_stores(given):
    hit, validated = Hit(**given), _CheckedHit(**given)
    assert hit._asdict() == validated.__dict__
    assert [type(v) for v in hit] == [type(v) for v in validated.__dict__.values()]
    assert repr(hit) == repr(validated).replace("_CheckedHit", "Hit") and str(hit) == str(validated)


@pytest.mark.parametrize("given", BAD)
def test_hit_fails_as_validation_fails(given):
    with pytest.raises(ValidationError) as expected:
        _CheckedHit(**given)
    with pytest.raises(ValidationError) as found:
        Hit(**given)
    assert str(found.value) == str(expected.value) and "validation error for Hit" in str(found.value)


def test_hit_keywords_are_its_fields():
    keywords = [p.name for p in inspect.signature(Hit).parameters.values() if p.kind is p.KEYWORD_ONLY]
    assert sorted(keywords) == sorted(HIT_FIELDS) and Hit._fields == HIT_FIELDS


def test_hit_is_a_frozen_value():
    hit = Hit(message="m", line=3, expected=Decimal(1))
    with pytest.raises(AttributeError):
        hit.line = 4  # type: ignore[misc]
    assert hit == Hit(message="m", line=3, expected=Decimal("1.00")) and len({hit, copy.copy(hit)}) == 1
    assert pickle.loads(pickle.dumps(hit)) == hit and copy.deepcopy(hit) == hit
    changed = hit.model_copy(update={"severity": Severity.WARNING, "hint": "h"})
    assert type(changed) is Hit and changed == hit._replace(severity=Severity.WARNING, hint="h")
    assert hit.model_copy() == hit


def test_rule_making_an_invalid_hit_becomes_check_error():
    def bad(doc):
        yield Hit(message="ok", line=1)
        yield Hit(message="m", expected="x")

    rule = Rule("ZZZ998", "bad", "测试", "text", Severity.ERROR, None, bad)
    findings = run_checks(seed_doc("000"), [rule])
    assert [f.code for f in findings] == ["CHK000"]  # all or nothing per rule
    assert "ValidationError: 1 validation error for Hit\nexpected" in findings[0].message
