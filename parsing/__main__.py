"""`python -m parsing FILE --format json`: print the parsed document as one JSON object.

Line numbers are 1-based lines of the input text; for .docx they index the lines the reader produces
(one per paragraph, one per table cell, a blank line after each table row), see parsing/readers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from parsing import parse
from parsing.errors import ParseError
from parsing.model import Amount, BudgetDocument, Project, Table
from parsing.quality import table_doubts


def _num(amount: Amount) -> str | None:
    return str(amount.value) if amount.value is not None else None


def _project(p: Project) -> dict[str, Any]:
    plan = {label: None for label in ("3月底", "6月底", "10月底", "12月底")}
    plan.update({pt.label: pt.amount.raw.strip() or None for pt in p.plan})
    return {
        "index": p.index,
        "name": p.name,
        "code": p.code,
        "budget": _num(p.budget),
        "fiscal": _num(p.fiscal),
        "other": _num(p.other),
        "purpose": p.purpose,
        "plan": plan,
        "plan_is_percent": p.plan[0].is_percent if p.plan else None,
        "goal": p.goal,
        "line": p.line,
        "indicators": [
            {
                "level1": i.level1,
                "level2": i.level2,
                "level3": i.level3,
                "description": i.description,
                "value": i.value,
                "comparator": i.parsed.comparator,
                "number": str(i.parsed.number) if i.parsed.number is not None else None,
                "unit": i.parsed.unit,
                "basis": i.basis,
                "line": i.line,
            }
            for i in p.indicators
        ],
    }


def _table(t: Table) -> list[dict[str, Any]]:
    return [
        {
            "line": r.line,
            "side": r.side,
            "seq": r.seq,
            "code": r.code,
            "level": r.level,
            "kind": r.kind,
            "name": r.name,
            **{k: (str(v.value) if v.value is not None else None) for k, v in r.values.items()},
        }
        for r in t.rows
    ]


def document_json(doc: BudgetDocument) -> dict[str, Any]:
    """The documented JSON shape of a parsed part (units nested under "units")."""
    return {
        "file": doc.file_name,
        "part": doc.part,
        "layout": doc.layout,
        "level": doc.level,
        "kind": doc.kind,
        "department_code": doc.department_code,
        "department_name": doc.department_name,
        "budget_year": doc.budget_year,
        "unit": doc.unit,
        "tables": {key: _table(t) for key, t in doc.tables.items()},
        "empty_notes": {key: t.empty_note for key, t in doc.tables.items() if t.empty_note},
        "doubtful_tables": {key: doubts for key, t in doc.tables.items() if (doubts := table_doubts(t))},
        "sections": [
            {"key": s.key, "number": s.number, "title": s.title, "line": s.line, "text_length": len(s.text)}
            for s in doc.sections
        ],
        "projects": [_project(p) for p in doc.projects],
        "problems": [p.model_dump() for p in doc.problems],
        "units": [document_json(u) for u in doc.units],
    }


def _default(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m parsing", description="解析部门预算公开文件 / parse a disclosure"
    )
    parser.add_argument("file", help="公开文件（.txt / .docx）")
    parser.add_argument("--format", choices=["json"], default="json")
    args = parser.parse_args(argv)
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"{path}：无法打开文件（{exc.strerror or exc}）", file=sys.stderr)
        return 2
    try:
        doc = parse(path.name, data)
    except ParseError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        json.dump(document_json(doc), sys.stdout, ensure_ascii=False, indent=1, default=_default)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `python -m parsing FILE | head`: the reader has what it wanted
        quiet_stdout()
    return 0


def quiet_stdout() -> None:
    """Point stdout at /dev/null after a broken pipe, so the flush at exit raises nothing (Python docs, signal)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":
    raise SystemExit(main())
