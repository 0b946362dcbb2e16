"""Inspection forms for many files: parse and check each file, keep the document for the form's quotes (and,
with --library, prepare its rows for the library from the same parse)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from checks.checklist import Form, Template, build_form, failed_form, load_templates
from checks.report import DocumentStatus
from checks.runner import run_checks
from library.batch import Prepare, Progress, Result
from parsing import ParseError, parse


def form_for_file(name: str, templates: dict[str, Template]) -> tuple[Result, Form]:
    """One file's status, findings and filled-in form; an unreadable file gets a form saying so."""
    result, form, _ = _form(name, templates, None)
    return result, form


def _form(name: str, templates: dict[str, Template], prepare: Prepare | None) -> tuple[Result, Form, object]:
    """form_for_file, and with `prepare` (library.store.prepare) what it returns for the parsed document (None
    when the file is unreadable or cannot be prepared): the file is read and parsed once for both."""
    try:
        data = Path(name).read_bytes()
        doc = parse(name, data)
        findings = run_checks(doc)
    except Exception as exc:  # one bad file must not stop the batch
        reason = str(exc) if isinstance(exc, ParseError) else f"{name}：检查失败——{type(exc).__name__}: {exc}"
        status = DocumentStatus(file=name, status="error", error=reason)
        return (status, []), failed_form(name, reason, templates), None
    status = DocumentStatus(file=name, department_code=doc.department_code,
                            department_name=doc.department_name, budget_year=doc.budget_year, unit=doc.unit)  # fmt: skip
    source = data if name.lower().endswith(".pdf") else None  # the form pictures a PDF's pages
    prepared = None
    if prepare is not None:
        try:
            prepared = prepare(name, data, doc, findings)
        except Exception:  # the form keeps the document; the library leaves it out
            prepared = None
    return (status, findings), build_form(doc, findings, templates, source=source), prepared


def check_forms(
    files: Iterable[str | os.PathLike[str]],
    progress: Progress | None = None,
    templates: dict[str, Template] | None = None,
) -> list[tuple[Result, Form]]:
    """form_for_file for each file, in input order (one process: a form keeps its document's text)."""
    return [(result, form) for result, form, _ in iter_forms(files, progress, templates)]


def iter_forms(
    files: Iterable[str | os.PathLike[str]],
    progress: Progress | None = None,
    templates: dict[str, Template] | None = None,
    prepare: Prepare | None = None,
) -> Iterator[tuple[Result, Form, object]]:
    """Each file's result and form as it is done, in input order, with what `prepare` returns for its parsed
    document (None without `prepare`, or for an unreadable file)."""
    names = [os.fspath(f) for f in files]
    templates = templates or load_templates()
    for i, name in enumerate(names, 1):
        yield _form(name, templates, prepare)
        if progress:
            progress(i, len(names), name)
