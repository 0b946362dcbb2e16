"""Synthetic disclosures: identity, years and amounts changed consistently; reproducible generation."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from library.compare import department_metrics
from parsing import parse, parse_lines
from tests.conftest import SEEDS, seed_doc, seed_path
from tests.support.synth import FIRST_YEAR, YEARS, Variant, generate, load_seed, vary

PREFIXES = ["000", "001", "002", "003"]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_no_change_reproduces_the_seed(prefix):
    seed = load_seed(seed_path(prefix))
    assert vary(seed, Variant(seed.code, seed.department, seed.year)) == "\n".join(seed.lines)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_identity_changes_in_every_header_and_text(prefix):
    seed = load_seed(seed_path(prefix))
    text = vary(seed, Variant("777", "测试县财政局", seed.year + 3))
    doc = parse_lines("v.txt", text.split("\n"))
    assert (doc.department_code, doc.department_name, doc.budget_year) == (
        "777",
        "测试县财政局",
        seed.year + 3,
    )
    headers = [t.header for part in doc.parts() for t in part.tables.values() if t.header and t.header.code]
    assert headers and all(h.code.startswith("777") and h.year == seed.year + 3 for h in headers)
    assert all(u.department_code == "777001" for u in doc.units)
    assert seed.department not in text and f"预算年度：{seed.year}" not in text  # every year moves by 3


@pytest.mark.parametrize("prefix", PREFIXES)
def test_amounts_scale_by_one_factor(prefix):
    factor = Decimal("1.25")
    doc = parse_lines(
        "v.txt", vary(load_seed(seed_path(prefix)), Variant("777", "县局", 2030, factor)).split("\n")
    )
    before, after = department_metrics(seed_doc(prefix)), department_metrics(doc)
    for key in ("expense_total", "basic", "project"):
        assert after[key] == (before[key] * factor).quantize(Decimal("0.01"), ROUND_HALF_UP), key
    assert after["project_share"] == pytest.approx(before["project_share"], abs=Decimal("0.02"))
    old = [p.budget.value for p in seed_doc(prefix).projects]
    assert [p.budget.value for p in doc.projects] == [
        None if v is None else (v * factor).quantize(v, ROUND_HALF_UP) for v in old
    ]


def test_text_replacements_rename_a_project_everywhere():
    seed = load_seed(seed_path("000"))
    text = vary(seed, Variant(seed.code, seed.department, seed.year, replace=(("交警管理设备", "交警装备"),)))
    names = [p.name for p in parse_lines("v.txt", text.split("\n")).projects]
    assert "交警装备" in names and "交警管理设备" not in text


def test_generate_is_reproducible_and_varied(tmp_path):
    paths = generate(tmp_path / "a", 2 * YEARS, seed=7)
    again = generate(tmp_path / "b", 2 * YEARS, seed=7)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    docs = [parse(p.name, p.read_bytes()) for p in paths]
    assert [d.budget_year for d in docs] == [FIRST_YEAR + i for i in range(YEARS)] * 2
    assert [d.department_code for d in docs] == ["100"] * YEARS + ["101"] * YEARS
    assert len({d.department_name for d in docs}) == 2
    totals = [department_metrics(d)["expense_total"] for d in docs[:YEARS]]
    assert len(set(totals)) == YEARS  # a different factor each year
    assert len(list(SEEDS.glob("*.txt"))) == 4
