"""Inspection forms for many files: parse and check each file, keep the document for the form's quotes (and,
with --library, prepare its rows for the library from the same parse)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from checks.checklist import Form, Template, build_form, failed_form, load_templates
from library.batch import (
    Prepare,
    Progress,
    Result,
    document_status,
    failed_result,
    prepared_for,
    read_and_check,
)


def form_for_file(name: str, templates: dict[str, Template]) -> tuple[Result, Form]:
    """One file's status, findings and filled-in form; an unreadable file gets a form saying so."""
    result, form, _ = _form(name, templates, None)
    return result, form


def _form(name: str, templates: dict[str, Template], prepare: Prepare | None) -> tuple[Result, Form, object]:
    """form_for_file, and with `prepare` (library.prepared.prepare) what it returns for the parsed document (None
    when the file is unreadable or cannot be prepared): the file is read and parsed once for both."""
    try:
        data, doc, findings = read_and_check(name)
    except Exception as exc:  # one bad file must not stop the batch
        result = failed_result(name, exc)
        return result, failed_form(name, result[0].error or "", templates), None
    source = data if name.lower().endswith(".pdf") else None  # the form pictures a PDF's pages
    form = build_form(doc, findings, templates, source=source)
    return (document_status(name, doc), findings), form, prepared_for(prepare, name, data, doc, findings)


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
