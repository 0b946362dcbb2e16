"""Hostile figures and pipes (issue 16): a clear one-line error or a readable document, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from checks import run_checks
from checks.support.plan import plan_curve
from parsing import MAX_DIGIT_RUN, ParseError, parse
from parsing.model import AmountStatus
from tests.conftest import ROOT, seed_path
from tests.support.docx_build import expanding_docx

CELL = "\t492.28\n"  # 000: 一般公共预算拨款收入 in the 收支总表, the first amount cell of the file


def _seed_with(cell: str) -> bytes:
    text = seed_path("000").read_text(encoding="utf-8")
    assert text.count(CELL) >= 1
    return text.replace(CELL, f"\t{cell}\n", 1).encode("utf-8")


def _parse_cli(path: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "parsing", str(path), "--format", "json"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("digits", [MAX_DIGIT_RUN + 1, 10_000, 1_000_001])
def test_a_cell_of_too_many_digits_is_one_clear_error(tmp_path, digits):
    data = _seed_with("9" * digits)
    with pytest.raises(ParseError) as info:
        parse("big.txt", data)
    assert f"超过 {MAX_DIGIT_RUN} 位" in str(info.value) and "第 24 行" in str(info.value)
    if digits == 1_000_001:  # the reproduction: decimal.Overflow, a traceback and rc 1 before
        path = tmp_path / "big.txt"
        path.write_bytes(data)
        run = _parse_cli(path)
        assert (run.returncode, run.stdout) == (2, "")
        assert len(run.stderr.strip().splitlines()) == 1 and "big.txt" in run.stderr


def test_a_million_digit_figure_in_the_text_is_one_clear_error():
    text = seed_path("000").read_text(encoding="utf-8")
    said = "较2023年预算增加492.28万元"
    assert said in text
    with pytest.raises(ParseError, match="第 1149 行"):
        parse("said.txt", text.replace(said, f"较2023年预算增加{'9' * 1_000_001}万元").encode())


def test_a_thirty_digit_cell_is_an_unreadable_number_not_a_crash():
    doc = parse("d30.txt", _seed_with("9" * 30))
    cell = doc.tables["summary"].rows[0].values
    amounts = [a for a in cell.values() if a.raw == "9" * 30]
    assert [(a.status, a.value) for a in amounts] == [(AmountStatus.INVALID, None)]
    hits = [f for f in run_checks(doc) if f.code in ("TXT002", "CHK000")]
    assert [(f.code, f.line) for f in hits] == [("TXT002", 24)]


def test_an_amount_of_10_to_the_18_is_read_exactly():
    doc = parse("e18.txt", _seed_with("1000000000000000000.00"))
    values = [a.value for a in doc.tables["summary"].rows[0].values.values() if a.value is not None]
    assert Decimal("1000000000000000000.00") in values
    assert not [f for f in run_checks(doc) if f.code == "CHK000"]


def test_a_27_digit_plan_amount_gives_a_curve_not_invalid_operation():
    doc = parse("plan.txt", seed_path("000").read_bytes())
    project = doc.projects[0]
    big = "9" * 27 + ".00"
    points = [p.model_copy(update={"amount": p.amount.model_copy(update={"raw": big, "value": Decimal(big)})})
              for p in project.plan]  # fmt: skip
    curve = plan_curve(project.model_copy(update={"plan": points}))
    assert curve.last == Decimal(big)
    assert curve.unit == "amounts" and [p for _, p in curve] == [None] * len(points)


def test_parse_cli_into_a_closed_pipe_prints_no_traceback():
    command = f"{sys.executable} -m parsing {seed_path('002')} | head -c 10"
    run = subprocess.run(
        command, shell=True, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert run.stdout == '{\n "file": '[:10]
    assert "Traceback" not in run.stderr and "BrokenPipe" not in run.stderr, run.stderr


def test_a_docx_expanding_to_400_mb_is_refused_in_one_line():
    data = expanding_docx(400)  # about 4 MB that unzip to 400 MB of XML (under the 480 MB archive limit)
    assert len(data) < 8 * 1024 * 1024
    with pytest.raises(ParseError) as info:
        parse("bomb.docx", data)
    assert str(info.value) == "bomb.docx：无法读取——Word 文档正文 XML过大（400 MB），上限为 60 MB"


MEASURE = """
import resource, sys
from parsing.readers import read_lines
from tests.support.docx_build import expanding_docx
data = expanding_docx(int(sys.argv[1]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
lines = read_lines("big.docx", data)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(lines), (after - before) // 1024)
"""


def test_a_large_docx_is_read_as_it_streams():
    # 20 MB of table XML: the whole-tree reader grew by about 11 bytes per XML byte (≈ 230 MiB here).
    run = subprocess.run([sys.executable, "-c", MEASURE, "20"], cwd=ROOT, capture_output=True, text=True,
                         timeout=600, check=True)  # fmt: skip
    count, grown = map(int, run.stdout.split())
    rows = count // 3  # two cells and the blank line that ends the row
    assert count == 3 * rows and rows > 140_000
    assert grown < 100, f"reading 20 MB of XML grew the process by {grown} MiB"
