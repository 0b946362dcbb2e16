"""Shared test helpers: seed paths and parsed seeds (parsed once per session)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from parsing import BudgetDocument, parse, parse_lines

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEEDS = DATA / "seeds"
FIXTURES = ROOT / "tests" / "checks" / "fixtures"


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@cache
def seed_doc(prefix: str) -> BudgetDocument:
    path = seed_path(prefix)
    return parse_lines(path.name, path.read_text(encoding="utf-8").split("\n"))


@cache
def data_doc(relative: str) -> BudgetDocument:
    """A document of tests/data by its path there ("pdf/…") or, without a folder, by its file name; parsed once
    per session."""
    path = DATA / relative if "/" in relative else next(p for p in DATA.rglob("*") if p.name == relative)
    return parse(path.name, path.read_bytes())


def mutated_seed(prefix: str, edits: dict[int, str]) -> BudgetDocument:
    """The seed with some cells retyped (line -> new cell text), as a planted defect."""
    lines = seed_path(prefix).read_text(encoding="utf-8").split("\n")
    for line, text in edits.items():
        lines[line - 1] = "\t" + text
    return parse_lines(f"{prefix}_mutated.txt", lines)


@pytest.fixture(scope="session")
def seeds() -> dict[str, BudgetDocument]:
    return {p: seed_doc(p) for p in ("000", "001", "002", "003")}
