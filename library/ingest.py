"""Bulk ingest: documents written to a library in bursts, each burst one transaction with a pause after it
for readers (see Ingest)."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from checks.findings import Finding
from checks.report import DocumentStatus
from library.batch import tune_gc
from library.prepared import Prepared, prepare
from parsing import parse

if TYPE_CHECKING:
    from library.store import Library

PAUSE = 0.05  # seconds between bursts
BURST = 16  # documents written per lock hold: an Ingest's default burst
INGEST_THREADS = 1  # DuckDB threads while writing bursts
INGEST_CHECKPOINT = "1KB"  # write-ahead log size that makes a commit checkpoint (DuckDB's default: 16 MiB)


class Ingest:
    """Documents written to a library as they come, in bursts of `burst` (BURST unless the caller chooses):
    one transaction and one INSERT per table each (all or none of a burst), with a PAUSE between bursts so
    readers get in. Each burst pays an attach, a checkpoint and a detach, so a long batch may
    choose larger bursts and hold the lock a little longer each time. A document whose
    bytes are stored already (or were fed before) is not written again; one the database refuses is left
    out (its file name in `skipped`) without costing the rest of its burst. LibraryBusy propagates."""

    def __init__(self, library: Library, known: set[str] | None = None, burst: int = BURST) -> None:
        self.library, self.burst = library, burst
        if known is None:
            known = library.content_hashes()
        self.known = known
        self.buffer: list[Prepared] = []
        self.added = 0
        self.skipped: list[str] = []
        self._host: duckdb.DuckDBPyConnection | None = None

    def feed(self, item: Prepared) -> None:
        if item.content_hash in self.known:
            return
        self.known.add(item.content_hash)
        self.buffer.append(item)
        if len(self.buffer) >= self.burst:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            buffer, self.buffer = self.buffer, []
            self.added += self._write(buffer, self._attach_host())
            time.sleep(PAUSE)

    def _write(self, items: Sequence[Prepared], host: duckdb.DuckDBPyConnection) -> int:
        """Store a burst in one transaction (the file attached to `host`, see Ingest); if the database refuses
        it, each document alone, so one document it cannot take (`skipped`: its file name) does not cost the
        others."""
        try:
            return self.library.write_prepared(items, host)
        except duckdb.Error:
            if len(items) == 1:
                self.skipped.append(items[0].file_name)
                return 0
        return sum(self._write([item], host) for item in items)

    def _attach_host(self) -> duckdb.DuckDBPyConnection:
        """The in-memory database each burst attaches the file to, made once: a fresh one per burst cost
        about 25 ms. One DuckDB thread: the batch's workers have the cores, and the parent's memory stays
        flat (with a thread per core it grew by about 0.05 MiB per stored document). A burst's commit
        checkpoints at once (INGEST_CHECKPOINT): its rows go to the file without first going to the
        write-ahead log, which the detach would checkpoint anyway (about 4 % of the writing)."""
        if self._host is None:
            self._host = duckdb.connect()
            self._host.execute(f"SET threads = {INGEST_THREADS}")
            self._host.execute(f"SET checkpoint_threshold = '{INGEST_CHECKPOINT}'")
        return self._host

    def close(self) -> int:
        """Write what is left; returns how many documents were new."""
        try:
            self.flush()
        finally:
            if self._host is not None:
                self._host.close()
                self._host = None
        return self.added


def ingest_results(library: Library, results: Iterable[tuple[DocumentStatus, Sequence[Finding]]],
                   jobs: int | None = None, progress: Callable[[int, int, str], None] | None = None,
                   skipped: list[str] | None = None) -> int:  # fmt: skip
    """Library.add_results: the readable documents of a batch run, parsed again in `jobs` processes and written
    by an Ingest; returns how many were new."""
    known = library.content_hashes()
    todo: list[tuple[str, Sequence[Finding]]] = []
    for status, found in results:
        if status.status == "ok" and os.path.exists(status.file):
            digest = hashlib.sha256(Path(status.file).read_bytes()).hexdigest()
            if digest not in known:
                known.add(digest)
                todo.append((status.file, found))
    jobs = min(jobs or os.cpu_count() or 1, len(todo))
    ingest = Ingest(library, known=set())  # `known` was checked above, before parsing
    pool = ProcessPoolExecutor(jobs, initializer=tune_gc) if jobs > 1 else None
    try:
        prepared = pool.map(_prepare_file, todo, chunksize=4) if pool else map(_prepare_file, todo)
        for done, item in enumerate(prepared, 1):
            if item is not None:
                ingest.feed(item)
            if progress:
                progress(done, len(todo), todo[done - 1][0])
        ingest.close()
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    if skipped is not None:
        skipped += ingest.skipped
    return ingest.added


def _prepare_file(item: tuple[str, Sequence[Finding]]) -> Prepared | None:
    """Worker for ingest_results: read and parse again (the batch workers kept only status and findings)."""
    name, findings = item
    try:
        data = Path(name).read_bytes()
        return prepare(name, data, parse(name, data), findings)
    except Exception:  # changed or vanished since the batch: leave it out
        return None
