"""Fuzz (hypothesis, bounded): mutated seeds give a document and findings, or one ParseError; nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import run_checks
from parsing import ParseError, parse
from tests.conftest import seed_path

SEEDS = {
    prefix: seed_path(prefix).read_text(encoding="utf-8").split("\n") for prefix in ("000", "001", "003")
}
KINDS = ("delete", "duplicate", "digits", "junk", "swap", "cut")
MUTATION = st.tuples(st.integers(0, 10**6), st.sampled_from(KINDS), st.text(max_size=30))


def mutate(lines: list[str], mutations: list[tuple[int, str, str]]) -> list[str]:
    lines = list(lines)
    for pos, kind, text in mutations:
        i = pos % len(lines)
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "digits":  # around the 256-digit limit, with and without a decimal part
            lines[i] = "\t" + "9" * (pos % 400) + (".5" if pos % 2 else "")
        elif kind == "junk":
            lines[i] = text if pos % 3 else "\t" + text
        elif kind == "swap":
            j = (pos // 7) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "cut":
            lines = lines[: max(1, i)]
    return lines


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(prefix=st.sampled_from(sorted(SEEDS)), mutations=st.lists(MUTATION, min_size=1, max_size=8))
def test_mutated_seeds_parse_and_check_without_an_escaping_exception(prefix, mutations):
    data = "\n".join(mutate(SEEDS[prefix], mutations)).encode("utf-8")
    try:
        doc = parse(f"{prefix}.txt", data)
    except ParseError as exc:
        assert str(exc).startswith(f"{prefix}.txt：无法读取") and "\n" not in str(exc)
        return
    crashed = [f.message for f in run_checks(doc) if f.code == "CHK000"]
    assert crashed == []
