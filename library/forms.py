"""Inspection forms for many files: parse and check each file, keep the document for the form's quotes."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from checks.checklist import Form, Template, build_form, failed_form, load_templates
from checks.report import DocumentStatus
from checks.runner import run_checks
from library.batch import Progress, Result
from parsing import ParseError, parse


def form_for_file(name: str, templates: dict[str, Template]) -> tuple[Result, Form]:
    """One file's status, findings and filled-in form; an unreadable file gets a form saying so."""
    try:
        data = Path(name).read_bytes()
        doc = parse(name, data)
        findings = run_checks(doc)
    except Exception as exc:  # one bad file must not stop the batch
        reason = str(exc) if isinstance(exc, ParseError) else f"{name}：检查失败——{type(exc).__name__}: {exc}"
        return (DocumentStatus(file=name, status="error", error=reason), []), failed_form(
            name, reason, templates
        )
    status = DocumentStatus(file=name, department_code=doc.department_code,
                            department_name=doc.department_name, budget_year=doc.budget_year, unit=doc.unit)  # fmt: skip
    source = data if name.lower().endswith(".pdf") else None  # the form pictures a PDF's pages
    return (status, findings), build_form(doc, findings, templates, source=source)


def check_forms(
    files: Iterable[str | os.PathLike[str]],
    progress: Progress | None = None,
    templates: dict[str, Template] | None = None,
) -> list[tuple[Result, Form]]:
    """form_for_file for each file, in input order (one process: a form keeps its document's text)."""
    names = [os.fspath(f) for f in files]
    templates = templates or load_templates()
    out = []
    for i, name in enumerate(names, 1):
        out.append(form_for_file(name, templates))
        if progress:
            progress(i, len(names), name)
    return out
