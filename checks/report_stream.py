"""The JSON and CSV reports written as documents arrive: memory does not grow with the number of documents.

The finished file has the same bytes as findings_json (dumped with indent 2) or findings_csv on the whole
run: documents in input order, unreadable files first (CSV), findings in triage order (errors first, stable
within a severity). Rows wait in temporary files, one per severity, until `write` copies them out.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Sequence
from typing import IO, Any

from checks.findings import SEVERITY_RANK, Finding, Severity
from checks.report import DocumentStatus, csv_frame, findings_json

FORMATS = ("json", "csv")
BURST = 16  # documents per CSV frame: one pandas frame per burst, not per document
_NEWLINE = "\r\n"


def _json_item(value: Any) -> str:
    """One list item as json.dumps(indent=2) prints it two levels deep (inside {"documents": [...]}).

    >>> print(_json_item({"a": [1]}))
        {
          "a": [
            1
          ]
        }
    """
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return "\n".join("    " + line for line in text.split("\n"))  # JSON strings hold no raw newline


class StreamedReport:
    """Feed (status, findings) per document with `add`, then `write` the report once; `close` frees the
    temporary files. Counts: documents, failed (unreadable) and findings."""

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
        self.documents += 1
        self.failed += status.status == "error"
        self.findings += len(findings)
        if self.fmt == "csv":
            self._pending.append((status, findings))
            if len(self._pending) >= BURST:
                self._flush_csv()
            return
        data = findings_json([status], findings)
        self._append(self._head, _json_item(data["documents"][0]))
        for row in data["findings"]:
            self._append(self._rows[SEVERITY_RANK[Severity(row["severity"])]], _json_item(row))

    @staticmethod
    def _append(spool: IO[bytes], item: str) -> None:
        spool.write((",\n" if spool.tell() else "").encode() + item.encode("utf-8"))

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
