"""Fuzz (hypothesis, bounded): mutated PDF bytes give a document, findings and both text exports, or one
ParseError in one line; no other exception escapes parsing, the checks or the report."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from checks import run_checks
from checks.report import DocumentStatus, findings_csv, findings_json
from parsing import ParseError, parse

PDF_ROOT = Path(__file__).resolve().parents[1] / "data" / "pdf"
PDFS = {path.name: path.read_bytes() for path in sorted(PDF_ROOT.glob("*.pdf"))}  # the four budget PDFs
KINDS = ("flip", "truncate", "duplicate", "zero")
MUTATION = st.tuples(st.sampled_from(KINDS), st.integers(0, 10**9), st.integers(1, 4096))


def mutate(data: bytes, mutations: list[tuple[str, int, int]]) -> bytes:
    """Byte flips, a cut end, a range copied in place again, a range overwritten with zeros."""
    out = bytearray(data)
    for kind, pos, size in mutations:
        i = pos % max(1, len(out))
        if kind == "flip" and out:
            for k in range(min(size, 16)):  # a few scattered bytes, not a run
                j = (i + k * 7919) % len(out)
                out[j] ^= 1 << (pos + k) % 8
        elif kind == "truncate":
            del out[i:]
        elif kind == "duplicate":
            out[i:i] = out[i : i + size]
        elif kind == "zero":
            out[i : i + size] = bytes(len(out[i : i + size]))
    return bytes(out)


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(name=st.sampled_from(sorted(PDFS)), mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_pdfs_parse_check_and_export_without_an_escaping_exception(name, mutations):
    data = mutate(PDFS[name], mutations)
    try:
        doc = parse(name, data)
    except ParseError as exc:
        assert str(exc).startswith(f"{name}：无法读取——") and "\n" not in str(exc)
        event("ParseError")
        return
    event("parsed")
    findings = run_checks(doc)
    assert [f.message for f in findings if f.code == "CHK000"] == []
    status = DocumentStatus(file=name, department_name=doc.department_name, budget_year=doc.budget_year,
                            unit=doc.unit, kind=doc.kind)  # fmt: skip
    report = findings_json([status], findings)
    assert len(json.loads(json.dumps(report, ensure_ascii=False))["findings"]) == len(findings)
    assert findings_csv([status], findings).startswith("\ufeff文件".encode())


def test_the_mutations_change_the_bytes():
    data = PDFS[sorted(PDFS)[0]]
    assert mutate(data, [("truncate", 1000, 1)]) == data[:1000]
    assert mutate(data, [("duplicate", 10, 5)]) == data[:15] + data[10:]
    assert mutate(data, [("zero", 0, 4)])[:5] == b"\x00\x00\x00\x00" + data[4:5]
    flipped = mutate(data, [("flip", 0, 1)])
    assert flipped[0] == data[0] ^ 1 and flipped[1:] == data[1:]
