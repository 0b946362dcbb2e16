"""The JSON and CSV reports written as documents arrive: memory does not grow with the number of documents.

The finished file has the same bytes as findings_json (dumped with indent 2) or findings_csv on the whole
run: documents in input order, unreadable files first (CSV), findings in triage order (errors first, stable
within a severity). Rows wait in temporary files, one per severity, until `write` copies them out.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterator, Sequence
from functools import cache
from typing import IO, Any, NamedTuple

from checks.findings import SEVERITY_RANK, Finding
from checks.report import DocumentStatus, csv_frame, findings_json

FORMATS = ("json", "csv")
BURST = 16  # documents per CSV frame: one pandas frame per burst, not per document
_NEWLINE = "\r\n"


_SCALARS = frozenset((str, int, float, bool, type(None)))
_CONTAINERS = frozenset((dict, list, tuple))
_STR = frozenset((str,))
_STRING = json.encoder.encode_basestring  # ensure_ascii=False's quoting (C)


@cache
def _flat(pad: str) -> Callable[[Any], str]:
    """json.dumps without indent (the C encoder) whose items are separated as indent=2 prints them at `pad`."""
    return json.JSONEncoder(ensure_ascii=False, separators=(",\n" + pad, ": ")).encode


def _json_item(value: Any) -> str:
    """One list item as json.dumps(indent=2) prints it two levels deep (inside {"documents": [...]}).

    json.dumps with an indent runs its pure-Python encoder: ~4 ms for a document's 96 findings, the parent's
    largest cost in a batch. The nesting is laid out here and the scalars encoded in C; anything beyond
    str-keyed dicts, lists and scalars goes to json.dumps. A dict or list of scalars (a report row) is one
    call of the C encoder, its item separator carrying the newline and indent.

    >>> print(_json_item({"a": [1], "b": {}, "c": [], "d": '引"号', "e": None, "f": 1.5, "g": True}))
        {
          "a": [
            1
          ],
          "b": {},
          "c": [],
          "d": "引\\"号",
          "e": null,
          "f": 1.5,
          "g": true
        }
    >>> value = {"x": [{"y": [1, 2.0, None], "e": []}, "z", [], {}], "n": float("nan"), 1: 2}
    >>> _json_item(value) == _dumps_item(value), _json_item(value["x"]) == _dumps_item(value["x"])
    (True, True)
    """
    try:
        return "    " + _layout(value, "    ")
    except _Unusual:
        return _dumps_item(value)


def _dumps_item(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return "\n".join("    " + line for line in text.split("\n"))  # JSON strings hold no raw newline


class _Unusual(Exception):
    """A value _layout leaves to json.dumps (non-str keys, types json.dumps converts or refuses)."""


def _layout(value: Any, pad: str) -> str:
    """`value` as json.dumps(indent=2) prints it, its lines after the first indented by `pad`."""
    kind = type(value)
    if kind in _SCALARS:
        return _flat(pad)(value)
    if kind not in _CONTAINERS:
        raise _Unusual
    if not value:
        return "{}" if kind is dict else "[]"
    inner = pad + "  "
    if kind is dict:
        if not _STR.issuperset(map(type, value)):
            raise _Unusual
        if _all_flat(value.values()):  # a report row (its other lines mostly empty): one C call
            return "{\n" + inner + _flat(inner)(value)[1:-1] + "\n" + pad + "}"
        return "{\n" + ",\n".join(_dict_runs(value, inner)) + "\n" + pad + "}"
    if _all_flat(value):
        return "[\n" + inner + _flat(inner)(list(value))[1:-1] + "\n" + pad + "]"
    return "[\n" + ",\n".join(inner + _layout(item, inner) for item in value) + "\n" + pad + "]"


def _dict_runs(value: dict[str, Any], pad: str) -> Iterator[str]:
    """A dict's items at `pad`: each run of flat items (a report row: all but its other_lines) in one call
    of the C encoder, the others laid out."""
    run: dict[str, Any] = {}
    for key, item in value.items():
        kind = type(item)
        if kind in _SCALARS or (kind in _CONTAINERS and not item):
            run[key] = item
            continue
        if run:
            yield pad + _flat(pad)(run)[1:-1]
            run = {}
        yield f"{pad}{_STRING(key)}: {_layout(item, pad)}"
    if run:
        yield pad + _flat(pad)(run)[1:-1]


def _all_flat(items: Collection[Any]) -> bool:
    """Whether the C encoder prints each item as indent=2 would inside a container: scalars and empty
    containers."""
    if _SCALARS.issuperset(map(type, items)):
        return True
    return all(type(item) in _SCALARS or (type(item) in _CONTAINERS and not item) for item in items)


class Rendered(NamedTuple):
    """One document's part of the JSON report, encoded (render_json): what StreamedReport.add_rendered takes.
    A batch worker renders it, so the parent neither rebuilds the Findings nor lays out their rows."""

    findings: int  # how many
    document: bytes  # its item of "documents"
    rows: dict[int, bytes]  # severity rank -> its items of "findings", in triage order, joined by ",\n"


def render_json(status: DocumentStatus, findings: Sequence[Finding]) -> Rendered:
    """A document's status and findings as the JSON report prints them.

    >>> found = [Finding(code="X", family="text", severity="info", title="t", message="m")]
    >>> part = render_json(DocumentStatus(file="a.txt"), found)
    >>> part.findings, list(part.rows), part.document.splitlines()[1]
    (1, [2], b'      "file": "a.txt",')
    """
    data = findings_json([status], findings)
    items: dict[int, list[str]] = {}
    for row in data["findings"]:
        items.setdefault(SEVERITY_RANK[row["severity"]], []).append(_json_item(row))
    rows = {rank: ",\n".join(texts).encode("utf-8") for rank, texts in items.items()}
    return Rendered(len(findings), _json_item(data["documents"][0]).encode("utf-8"), rows)


class StreamedReport:
    """Feed (status, findings) per document with `add` (JSON: or its render_json with `add_rendered`), then
    `write` the report once; `close` frees the temporary files. Counts: documents, failed (unreadable) and
    findings."""

    def __init__(self, fmt: str) -> None:
        if fmt not in FORMATS:
            raise ValueError(fmt)
        self.fmt = fmt
        self.documents = self.failed = self.findings = 0
        # closed in close(): the report outlives any one block
        self._head = tempfile.TemporaryFile()  # noqa: SIM115 (JSON: the documents; CSV: unreadable files)
        ranks = sorted(set(SEVERITY_RANK.values()))
        self._rows = {rank: tempfile.TemporaryFile() for rank in ranks}  # noqa: SIM115
        self._pending: list[tuple[DocumentStatus, Sequence[Finding]]] = []

    def add(self, status: DocumentStatus, findings: Sequence[Finding]) -> None:
        if self.fmt == "json":
            self.add_rendered(status, render_json(status, findings))
            return
        self._count(status, len(findings))
        self._pending.append((status, findings))
        if len(self._pending) >= BURST:
            self._flush_csv()

    def add_rendered(self, status: DocumentStatus, part: Rendered) -> None:
        """A JSON report's document as render_json returned it."""
        if self.fmt != "json":
            raise ValueError(self.fmt)
        self._count(status, part.findings)
        self._append(self._head, part.document)
        for rank, text in part.rows.items():  # one write per severity and document
            self._append(self._rows[rank], text)

    def _count(self, status: DocumentStatus, findings: int) -> None:
        self.documents += 1
        self.failed += status.status == "error"
        self.findings += findings

    @staticmethod
    def _append(spool: IO[bytes], item: bytes) -> None:
        spool.write(b",\n" + item if spool.tell() else item)

    def _flush_csv(self) -> None:
        if not self._pending:
            return
        statuses = [status for status, _ in self._pending]
        found = [f for _, findings in self._pending for f in findings]
        self._pending = []
        frame = csv_frame(statuses, found)
        start = sum(status.status == "error" for status in statuses)
        self._csv_rows(self._head, frame.iloc[:start])
        ranks = sorted(SEVERITY_RANK[f.severity] for f in found)  # the frame's findings are in this order
        for rank, spool in self._rows.items():
            count = ranks.count(rank)
            self._csv_rows(spool, frame.iloc[start : start + count])
            start += count

    @staticmethod
    def _csv_rows(spool: IO[bytes], frame: Any) -> None:
        if len(frame):
            spool.write(frame.to_csv(index=False, header=False, lineterminator=_NEWLINE).encode("utf-8"))

    def write(self, out: IO[bytes]) -> None:
        """The whole report to a binary file (written from the start)."""
        if self.fmt == "csv":
            self._flush_csv()
            header = csv_frame([], []).to_csv(index=False, lineterminator=_NEWLINE)
            out.write(header.encode("utf-8-sig"))
            for spool in (self._head, *self._rows.values()):
                spool.seek(0)
                shutil.copyfileobj(spool, out)
            return
        out.write(b'{\n  "documents": ')
        self._json_list(out, [self._head])
        out.write(b',\n  "findings": ')
        self._json_list(out, list(self._rows.values()))
        out.write(b"\n}\n")

    @staticmethod
    def _json_list(out: IO[bytes], spools: list[IO[bytes]]) -> None:
        filled = [spool for spool in spools if spool.tell()]
        if not filled:
            out.write(b"[]")
            return
        out.write(b"[\n")
        for i, spool in enumerate(filled):
            out.write(b",\n" if i else b"")
            end = spool.tell()
            spool.seek(0)
            shutil.copyfileobj(spool, out)
            spool.seek(end)
        out.write(b"\n  ]")

    def close(self) -> None:
        for spool in (self._head, *self._rows.values()):
            spool.close()

    def __enter__(self) -> StreamedReport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
