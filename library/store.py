"""Document library in embedded DuckDB: parsed disclosures, their tidy rows and findings, re-checkable.

Schema: library/schema.py.

Concurrency (DuckDB 2.x): a file is open read-write by one process, or read-only by any number, never both;
inside one process every connection must use the same mode. So each operation opens a short-lived
connection (reads read-only) and closes it (bulk ingest: library.ingest); a refused open ("Could not set lock", "different
configuration") is retried with jittered backoff (≤ 0.1 s) until `timeout`, then LibraryBusy. Each write
is one transaction: a crash or error mid-document leaves the library as before (DuckDB logs at commit).
Bulk ingest (Ingest, `add_results`) commits bursts of documents and pauses between them for readers: see
library.ingest.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from checks.findings import Finding
from checks.report import DocumentStatus
from library import schema
from library.connection import (
    ENV_VAR,
    INGEST_ROW_GROUP,
    TIMEOUT,
    LibraryBusy,
    LibraryCorrupt,
    LibraryError,
    verify_library,
)
from library.ingest import Ingest, ingest_results
from library.prepared import Prepared, prepare
from library.schema import CHILDREN, DDL, column_type, legacy_source, missing_columns
from library.views import Views
from parsing import PARSER_VERSION, BudgetDocument, parse

__all__ = [  # the names callers and tests import from the store, wherever they are defined
    "DEFAULT_PATH",
    "ENV_VAR",
    "INGEST_ROW_GROUP",
    "SOURCE_CHUNK",
    "TIMEOUT",
    "Ingest",
    "Library",
    "LibraryBusy",
    "LibraryCorrupt",
    "LibraryError",
    "Prepared",
    "open_library",
    "prepare",
    "rules_version",
]  # fmt: skip

SOURCE_CHUNK = schema.SOURCE_CHUNK  # bytes per sources row
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "library.duckdb"


@cache
def rules_version() -> str:
    """sha256 (12 hex) of the checks package's source (every module: rules, support, runner, also the reports):
    documents checked by another version are offered a re-check."""
    import checks

    package = Path(checks.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, tables: Sequence[pa.Table], ids: Sequence[int]
) -> None:
    """One INSERT for the rows of several documents (tables[k] belongs to doc_id ids[k]); Arrow scans fastest.

    A column all empty in one document (Arrow type null) or whole numbers in one and fractions in another
    take the wider type; DuckDB casts to the column's own type as it inserts."""
    pairs = [(t, i) for t, i in zip(tables, ids, strict=True) if t.num_rows]
    if pairs:
        rows = pa.concat_tables([t for t, _ in pairs], promote_options="permissive")
        doc_ids = np.repeat(np.array([i for _, i in pairs], dtype=np.int64), [t.num_rows for t, _ in pairs])
        _insert_arrow(
            con,
            rows.append_column("doc_id", pa.array(doc_ids)),
            f"INSERT INTO {table} BY NAME SELECT * FROM {{}}",
        )


def _insert_arrow(con: duckdb.DuckDBPyConnection, rows: pa.Table, insert: str) -> None:
    """Run `insert` (its FROM a "{}") on the Arrow rows, registered for the statement only: an Ingest's host
    database lives for the whole run, and a view left registered would keep the burst's rows alive."""
    con.register("arrow_rows", rows)
    try:
        con.execute(insert.format("arrow_rows"))
    finally:
        con.unregister("arrow_rows")


def _insert_documents(con: duckdb.DuckDBPyConnection, items: Sequence[Prepared], ids: Sequence[int],
                      versions: Sequence[object]) -> None:  # fmt: skip
    """The documents' rows, one INSERT from Arrow (executemany prepared and ran a statement per document)."""
    codes, names, years, units = zip(*(p.identity for p in items), strict=True)
    every = [[value] * len(items) for value in versions]  # one time and version for the whole burst
    rows = pa.table({
        "doc_id": pa.array(ids, pa.int64()), "content_hash": [p.content_hash for p in items],
        "file_name": [p.file_name for p in items], "department_code": pa.array(codes, pa.string()),
        "department_name": pa.array(names, pa.string()), "budget_year": pa.array(years, pa.int64()),
        "units": pa.array(units, pa.int64()), "added_at": pa.array(every[0], pa.timestamp("us")),
        "checked_at": pa.array(every[0], pa.timestamp("us")), "parser_version": every[1],
        "rules_version": every[2], "kind": [p.kind for p in items],
    })  # fmt: skip
    _insert_arrow(con, rows, "INSERT INTO documents BY NAME SELECT * FROM {}")


def _insert_sources(con: duckdb.DuckDBPyConnection, sources: Sequence[bytes], ids: Sequence[int]) -> None:
    """The files' bytes in SOURCE_CHUNK-byte parts (library.schema: sources), one INSERT for all."""
    doc_ids, parts, chunks = [], [], []
    for data, doc_id in zip(sources, ids, strict=True):
        for part, start in enumerate(range(0, max(len(data), 1), SOURCE_CHUNK)):
            doc_ids.append(doc_id)
            parts.append(part)
            chunks.append(data[start : start + SOURCE_CHUNK])
    rows = pa.table({"doc_id": pa.array(doc_ids, pa.int32()), "part": pa.array(parts, pa.int32()),
                     "data": pa.array(chunks, pa.binary())})  # fmt: skip
    _insert_arrow(con, rows, "INSERT INTO sources SELECT doc_id, part, data FROM {}")


def _source(con: duckdb.DuckDBPyConnection, doc_id: int) -> bytes:
    """A stored file's bytes, joined from its parts."""
    parts = con.execute("SELECT data FROM sources WHERE doc_id = ? ORDER BY part", [doc_id]).fetchall()
    return b"".join(data for (data,) in parts)


def _finding(row: dict) -> Finding:
    lines = row.pop("other_lines")
    return Finding(**row, other_lines=[int(n) for n in lines.split(", ")] if lines else [])


class Library(Views):
    """A DuckDB file of documents; every method opens and closes its own connection (an Ingest's bursts attach
    the file to the Ingest's own database instead). Connections and retries: library.connection; the read-only
    views: library.views; here the writes, loading and re-checking."""

    def _store(
        self, con: duckdb.DuckDBPyConnection, items: Sequence[Prepared], replace: int | None = None
    ) -> int:
        """Insert the documents not stored yet (or replace doc `replace` by items[0]); returns how many.

        The caller holds the transaction.
        """
        versions = [datetime.now(UTC).replace(tzinfo=None), PARSER_VERSION, rules_version()]
        if replace is None:
            hashes = [p.content_hash for p in items]
            known = con.execute(
                "SELECT content_hash FROM documents WHERE list_contains(?, content_hash)", [hashes]
            )
            stored = {h for (h,) in known.fetchall()}
            fresh = list({p.content_hash: p for p in items if p.content_hash not in stored}.values())
            if not fresh:
                return 0
            ids = [
                i
                for (i,) in con.execute("SELECT nextval('doc_id_seq') FROM range(?)", [len(fresh)]).fetchall()
            ]
            _insert_documents(con, fresh, ids, versions)
            _insert_sources(con, [p.data for p in fresh], ids)
        else:
            fresh, ids = list(items[:1]), [replace]
            for table in CHILDREN:
                con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [replace])
            con.execute("UPDATE documents SET department_code = ?, department_name = ?, budget_year = ?, units = ?,"
                        " checked_at = ?, parser_version = ?, rules_version = ?, kind = ? WHERE doc_id = ?",
                        [*fresh[0].identity, *versions, fresh[0].kind, replace])  # fmt: skip
        for table in CHILDREN:
            _insert(con, table, [p.rows[table] for p in fresh], ids)
        return len(fresh)

    def add(self, file_name: str, data: bytes, doc: BudgetDocument, findings: Sequence[Finding]) -> bool:
        """Store a parsed and checked document; False when the same bytes are already stored."""
        return self.write_prepared([prepare(file_name, data, doc, findings)]) == 1

    def write_prepared(self, items: Sequence[Prepared], host: duckdb.DuckDBPyConnection | None = None) -> int:
        """Insert the documents not stored yet in one transaction (all or none); returns how many. With `host`
        (an Ingest's in-memory database) the file is attached to it for the write (library.connection)."""
        with self._connect(write=True, host=host) as con, self._transaction(con):
            return self._store(con, items)

    def content_hashes(self) -> set[str]:
        """The content hashes of the stored documents: a file whose bytes hash to one is not written again."""
        return set(self._query("SELECT content_hash FROM documents")["content_hash"])

    def add_results(self, results: Iterable[tuple[DocumentStatus, Sequence[Finding]]], jobs: int | None = None,
                    progress: Callable[[int, int, str], None] | None = None,
                    skipped: list[str] | None = None) -> int:  # fmt: skip
        """Add the readable documents of a batch run (re-parsed across processes); returns how many were new.

        For callers that kept only statuses and findings (`python -m checks --library` passes the workers'
        Prepared documents to an Ingest instead). Written as Ingest writes (library.ingest.ingest_results); a
        document the database refuses is left out and its file name appended to `skipped`.
        """
        return ingest_results(self, results, jobs, progress, skipped)

    def remove(self, doc_id: int) -> bool:
        """Delete a document and all its rows; False when there was none."""
        with self._connect(write=True) as con, self._transaction(con):
            if not con.execute(
                "SELECT 1 FROM documents WHERE doc_id = ?", [doc_id := int(doc_id)]
            ).fetchone():
                return False
            for table in [*CHILDREN, "sources", "documents"]:
                con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
            return True

    def load(self, doc_id: int) -> tuple[BudgetDocument, list[Finding]]:
        """The document re-parsed from its stored bytes, and its stored findings. KeyError if absent."""
        with self._connect(write=False) as con:
            row = con.execute("SELECT file_name FROM documents WHERE doc_id = ?", [doc_id := int(doc_id)])
            row = row.fetchone()
            if row is None:
                raise KeyError(doc_id)
            data = _source(con, doc_id)
            cur = con.execute(
                "SELECT * EXCLUDE (doc_id, seq) FROM findings WHERE doc_id = ? ORDER BY seq", [doc_id]
            )
            names = [d[0] for d in cur.description]
            found = [_finding(dict(zip(names, r, strict=True))) for r in cur.fetchall()]
        return parse(row[0], data), found

    def recheck(self, force: bool = False) -> int:
        """Re-parse and re-check documents stored by another parser/rules version; returns how many.

        A document the current parser rejects keeps its previous rows and versions.
        """
        from checks.runner import run_checks

        stale = self._query("SELECT doc_id, file_name FROM documents WHERE ? OR parser_version <> ?"
                            " OR rules_version <> ?", [force, PARSER_VERSION, rules_version()])  # fmt: skip
        done = 0
        for doc_id, name in stale.itertuples(index=False):
            with self._connect(write=False) as con:
                data = _source(con, int(doc_id))
            try:
                doc = parse(name, data)
            except Exception:  # keep the stored version
                continue
            prepared = prepare(name, data, doc, run_checks(doc))
            with self._connect(write=True) as con, self._transaction(con):
                done += self._store(con, [prepared], replace=int(doc_id))
        return done


def open_library(path: str | os.PathLike[str] | None = None, timeout: float = TIMEOUT) -> Library:
    """The library at `path`, else $BUDGETSCOPE_LIBRARY, else data/library.duckdb; creates the schema.

    An existing file is opened read-only and verified first: LibraryCorrupt (nothing written) when it is not
    a whole DuckDB library, LibraryBusy when another process holds it. A file written by an earlier version
    is brought up to date in one transaction (all or none): tables and columns added, the stored bytes moved
    from documents.source to the sources table.
    """
    target = Path(path or os.environ.get(ENV_VAR) or DEFAULT_PATH)
    target.parent.mkdir(parents=True, exist_ok=True)
    library = Library(target, timeout)
    if target.exists():  # an up-to-date library needs no write lock (the DDL is one transaction: all or none)
        try:
            with library._connect(write=False) as con:
                verify_library(target, con)
                stale = bool(missing_columns(con)) or legacy_source(con)
        except duckdb.Error as exc:
            raise LibraryCorrupt(target, str(exc).splitlines()[0][:200]) from None
        if not stale:
            return library
    with library._connect(write=True) as con, library._transaction(con):
        con.execute(DDL)
        for table, column in missing_columns(con):  # a library written by an earlier version: add, keep rows
            if column is not None:
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {column_type(table, column)}')
        if legacy_source(con):  # the bytes move from documents.source to the sources table
            moved = con.execute("SELECT doc_id, source FROM documents ORDER BY doc_id").fetchall()
            if moved:
                _insert_sources(con, [bytes(data) for _, data in moved], [doc_id for doc_id, _ in moved])
            con.execute("ALTER TABLE documents DROP COLUMN source")
    return library
