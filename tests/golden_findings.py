"""Golden findings: the findings of every document in tests/data, one JSON file each in tests/golden.

`make golden` (python -m tests.golden_findings) rewrites them; tests/test_golden.py compares, so every change to
the parser or the rules shows up as a reviewed diff of these files.
"""

from __future__ import annotations

import json
from pathlib import Path

from checks import run_checks
from parsing import parse

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"
SUFFIXES = {".txt", ".docx", ".pdf"}


def documents() -> list[Path]:
    return sorted(p for p in DATA.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


def golden_path(document: Path) -> Path:
    return GOLDEN / ("__".join(document.relative_to(DATA).with_suffix("").parts) + ".json")


def findings_text(document: Path) -> str:
    doc = parse(document.name, document.read_bytes())
    # Sorted by rule and place, so that the order rules are registered in does not churn the files.
    findings = sorted(
        (f.model_dump(mode="json") for f in run_checks(doc)),
        key=lambda f: (f["code"], f["part"] or "", f["line"] or 0, f["message"]),
    )
    return json.dumps(findings, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    expected = {golden_path(d) for d in documents()}
    for stale in set(GOLDEN.glob("*.json")) - expected:
        stale.unlink()
    for document in documents():
        golden_path(document).write_text(findings_text(document), encoding="utf-8")
        print(golden_path(document).relative_to(ROOT))


if __name__ == "__main__":
    main()
