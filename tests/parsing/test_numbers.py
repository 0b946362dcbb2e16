"""The number reader: example table plus properties (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsing.text import parse_amount, parse_indicator_value

D = Decimal


@pytest.mark.parametrize(
    ("raw", "status", "value", "unit"),
    [
        ("1,234.56", "value", D("1234.56"), None),
        ("2..5", "invalid", None, None),
        ("24%", "value", D("24"), "%"),
        ("0元", "value", D("0"), "元"),
        ("—", "nil", None, None),
        ("--", "nil", None, None),
        ("-", "nil", None, None),
        ("", "blank", None, None),
        (" ", "blank", None, None),
        ("１２３．４５", "value", D("123.45"), None),
        ("0.23 ", "value", D("0.23"), None),
        ("100", "value", D("100"), None),
        ("91,016,775.35", "value", D("91016775.35"), None),
        ("见附表", "invalid", None, None),
        ("12.5万元", "value", D("12.5"), "万元"),
    ],
)
def test_examples(raw, status, value, unit):
    amount = parse_amount(raw, 7)
    assert (amount.status.value, amount.value, amount.unit, amount.raw, amount.line) == (
        status,
        value,
        unit,
        raw,
        7,
    )


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_thousands_separated_amount_round_trips(value):
    raw = f"{value:,.2f}"
    amount = parse_amount(raw)
    assert amount.value == value and amount.decimals == 2


@given(st.integers(min_value=0, max_value=10**6))
def test_full_width_digits_read_like_ascii(number):
    full = "".join(chr(ord(c) + 0xFEE0) for c in str(number))
    assert parse_amount(full).value == number


@given(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False))
def test_percent_keeps_unit(value):
    amount = parse_amount(f"{value}%")
    assert (amount.value, amount.unit) == (value, "%")


@given(st.text(alphabet="0123456789.,-—元万%() ", max_size=12))
def test_reader_never_raises_and_keeps_raw(raw):
    amount = parse_amount(raw)
    assert amount.raw == raw
    assert (amount.value is None) == (amount.status.value != "value")


@pytest.mark.parametrize(
    ("raw", "comparator", "number", "unit"),
    [
        ("≥95", "≥", D("95"), None),
        ("≥95百分比", "≥", D("95"), "%"),
        ("≥100 百分比", "≥", D("100"), "%"),
        (">=95.00", "≥", D("95.00"), None),
        ("≦5天", "≤", D("5"), "天"),
        ("13名", None, D("13"), "名"),
        ("≥14000人", "≥", D("14000"), "人"),
        ("持续改善", None, None, None),
        ("良好", None, None, None),
    ],
)
def test_indicator_values(raw, comparator, number, unit):
    v = parse_indicator_value(raw)
    assert (v.comparator, v.number, v.unit) == (comparator, number, unit)
