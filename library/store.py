"""Document library in embedded DuckDB: parsed disclosures, their tidy rows and findings, re-checkable.

Schema: library/schema.py.

Concurrency (DuckDB 2.x): a file is open read-write by one process, or read-only by any number, never both;
inside one process every connection must use the same mode. So each operation opens a short-lived
connection (reads read-only) and closes it (bulk ingest: see below); a refused open ("Could not set lock", "different
configuration") is retried with jittered backoff (≤ 0.1 s) until `timeout`, then LibraryBusy. Each write
is one transaction: a crash or error mid-document leaves the library as before (DuckDB logs at commit).
Bulk ingest (Ingest, `add_results`) commits bursts of documents and pauses between them for readers: one
in-memory database, kept for the run, attaches the file for each burst with small row groups (INGEST_ROW_GROUP)
so each commit writes only what it adds, checkpoints at commit (INGEST_CHECKPOINT) and detaches it after.
"""

from __future__ import annotations

import hashlib
import os
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple, cast

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from checks.findings import Finding
from checks.report import DocumentStatus, finding_records
from library import peers, schema
from library.batch import tune_gc
from library.schema import CHILDREN, DDL, MONEY, column_type, legacy_source, missing_columns
from parsing import PARSER_VERSION, BudgetDocument, frames, parse

ENV_VAR = "BUDGETSCOPE_LIBRARY"
SOURCE_CHUNK = schema.SOURCE_CHUNK  # bytes per sources row
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "library.duckdb"
TIMEOUT, MAX_DELAY, PAUSE = 10.0, 0.1, 0.05  # seconds
BURST = 16  # documents written per lock hold in add_results
INGEST_THREADS = 1  # DuckDB threads while writing bursts
INGEST_CHECKPOINT = "1KB"  # write-ahead log size that makes a commit checkpoint (DuckDB's default: 16 MiB)
# Rows per row group while writing bursts (DuckDB's default is 122,880): a burst's rows go to row groups of their
# own, and a commit's checkpoint rewrites those instead of the whole last row group of every table.
INGEST_ROW_GROUP = 2048
MATCH_COLUMNS = ["old_name", "new_name", "old_code", "new_code", "old_budget", "new_budget", "score", "method",
                 "candidates"]  # fmt: skip


MONEY_LIMIT = Decimal(10) ** 18  # DECIMAL(24, 6) holds 18 integer digits


HEADER_BYTES = 3 * 4096  # DuckDB's file header and two database headers, before the first block


class LibraryError(RuntimeError):
    """The library cannot be used now (busy) or at all (damaged); the message is one line for the user."""


class LibraryBusy(LibraryError):
    """Another process kept the library file locked for longer than the timeout."""

    def __init__(self, path: Path, timeout: float) -> None:
        super().__init__(f"预算文件库 {path} 正被其他程序占用，{timeout:g} 秒内未能打开，请稍后重试。")


class LibraryCorrupt(LibraryError):
    """The file is not a readable DuckDB library (empty, truncated, overwritten); it is left as it is."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"预算文件库 {path} 已损坏或不是文件库（{detail}），未作任何修改；请从备份恢复，或用 {ENV_VAR} 指定其他文件。"
        )


@cache
def rules_version() -> str:
    """sha256 (12 hex) of the source that produces findings: the checks package (rules, support, runner)."""
    import checks

    package = Path(checks.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


class Prepared(NamedTuple):
    """One document ready to store: everything computed before the write lock is taken."""

    file_name: str
    data: bytes
    content_hash: str
    identity: tuple[str | None, str | None, int | None, int]  # code, name, year, number of units
    rows: dict[str, pa.Table]  # table name -> its rows (library.schema.CHILDREN), without doc_id
    kind: str = "budget"  # BudgetDocument.kind

    def __reduce__(self) -> tuple[Callable[..., Prepared], tuple[object, ...]]:
        # From a batch worker to the parent: the tables as Arrow IPC streams. Pickling a pa.Table takes
        # about 0.2 ms each way however small it is (7 per document); a stream is written and read in ~15 µs.
        rows = {table: _to_ipc(rows) for table, rows in self.rows.items()}
        return _from_ipc, (*self[:4], rows, self.kind)


def _to_ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _from_ipc(file_name: str, data: bytes, content_hash: str, identity: tuple, rows: dict[str, bytes],
              kind: str) -> Prepared:  # fmt: skip
    """A pickled Prepared rebuilt: its tables read from their IPC streams (without copying the bytes)."""
    tables = {table: pa.ipc.open_stream(stream).read_all() for table, stream in rows.items()}
    return Prepared(file_name, data, content_hash, identity, tables, kind)


class _Project(NamedTuple):  # what library.compare.match_projects needs: a .name
    name: str
    code: str | None
    budget: float | None


def _storable(value: object) -> object:
    """A money value DECIMAL(24, 6) can hold, else None (line_items keep the printed text in "raw").

    >>> _storable(Decimal("12.5")), _storable(Decimal("1E+18")), _storable(float("inf")), _storable(None)
    (Decimal('12.5'), None, None, None)
    """
    try:
        return value if value is None or abs(value) < MONEY_LIMIT else None  # type: ignore[operator]
    except (TypeError, ArithmeticError):  # NaN
        return None


def prepare(file_name: str, data: bytes, doc: BudgetDocument, findings: Sequence[Finding]) -> Prepared:
    # Arrow here (in the batch worker): pickles cheaply and the writer only joins the tables of a burst.
    # Records go straight to Arrow: pandas frames cost more than the checks' slower rules.
    records = {
        "metrics": [peers.raw_metrics(doc)],
        "findings": [{"seq": i, **row} for i, row in enumerate(finding_records(findings))],
        "line_items": frames.line_item_records(doc),
        "projects": frames.project_records(doc),
        "plan_points": frames.plan_point_records(doc),
        "indicators": frames.indicator_records(doc),
        "sections": frames.section_records(doc),
    }
    rows = {table: _records_arrow(table, records[table], CHILDREN[table]) for table in records}
    identity = (doc.department_code, doc.department_name, doc.budget_year, len(doc.units))
    return Prepared(file_name, data, hashlib.sha256(data).hexdigest(), identity, rows, doc.kind)


def _records_arrow(table: str, records: Sequence[dict], columns: Sequence[str]) -> pa.Table:
    """Records as Arrow columns (None and NaN as null); money beyond DECIMAL(24, 6) (≥ 10^18, inf) left
    empty, so one absurd figure cannot fail a write (line_items keep the printed text in "raw")."""
    money = _money_columns(table)
    arrays = {}
    for column, values in zip(columns, _columns(records, columns), strict=True):
        arrays[column] = pa.array(_storable_all(values) if column in money else values, from_pandas=True)
    return pa.table(arrays)


def _columns(records: Sequence[dict], columns: Sequence[str]) -> list[tuple]:
    """The records' values column by column, transposed in C (itemgetter, zip): one comprehension per column
    cost a third of turning a document's rows into Arrow.

    >>> _columns([{"a": 1, "b": 2}, {"a": 3, "b": 4}], ["b", "a"]), _columns([], ["a"]), _columns([{"a": 1}], ["a"])
    ([(2, 4), (1, 3)], [()], [(1,)])
    """
    if len(columns) == 1:  # itemgetter of one key returns the value, not a 1-tuple
        return [tuple(r[columns[0]] for r in records)]
    return list(zip(*map(itemgetter(*columns), records), strict=True)) if records else [() for _ in columns]


@cache
def _money_columns(table: str) -> frozenset[str]:
    return frozenset(column for column in CHILDREN[table] if column_type(table, column) == MONEY)


def _storable_all(values: list[object]) -> list[object]:
    """_storable of each value; most amounts are floats, compared with a float bound (exact for 10^18)
    rather than the Decimal one.

    >>> _storable_all([1.5, 1e18, float("nan"), Decimal("2"), Decimal("-1E+18"), None])
    [1.5, None, None, Decimal('2'), None, None]
    """
    bound = float(MONEY_LIMIT)
    return [v if type(v) is float and abs(v) < bound else _storable(v) for v in values]


def _prepare_file(item: tuple[str, Sequence[Finding]]) -> Prepared | None:
    """Worker for add_results: read and parse again (the batch workers kept only status and findings)."""
    name, findings = item
    try:
        data = Path(name).read_bytes()
        return prepare(name, data, parse(name, data), findings)
    except Exception:  # changed or vanished since the batch: leave it out
        return None


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


class Library:
    """A DuckDB file of documents; every method opens and closes its own connection (an Ingest's bursts attach
    the file to the Ingest's own database instead)."""

    def __init__(self, path: Path, timeout: float = TIMEOUT) -> None:
        self.path, self.timeout = Path(path), timeout

    @contextmanager
    def _connect(
        self, write: bool, host: duckdb.DuckDBPyConnection | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the file; with `host` (an Ingest's in-memory database, for a batch's write bursts)
        the file is attached to it with INGEST_ROW_GROUP and detached after (a checkpoint, then the lock is
        free). Not for a process with other threads using the library: the host is not shared with
        duckdb.connect's database, so it would not see their connections."""
        deadline, delay = time.monotonic() + self.timeout, 0.005
        while True:
            try:
                con = self._open(write) if host is None else self._attach(host)
                break
            except (duckdb.IOException, duckdb.ConnectionException) as exc:
                if "lock" not in str(exc) and "different configuration" not in str(exc):
                    raise
                if time.monotonic() + delay > deadline:
                    raise LibraryBusy(self.path, self.timeout) from exc
                time.sleep(delay * random.uniform(0.5, 1.5))
                delay = min(delay * 2, MAX_DELAY)
        try:
            yield con
        finally:
            if host is None:
                con.close()
            else:
                _detach(host)

    def _open(self, write: bool) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.path), read_only=not write)

    def _attach(self, host: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
        path = str(self.path).replace("'", "''")
        host.execute(f"ATTACH '{path}' AS library (ROW_GROUP_SIZE {INGEST_ROW_GROUP})")
        try:
            host.execute("USE library")
        except BaseException:
            _detach(host)
            raise
        return host

    @contextmanager
    def _transaction(self, con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
        con.begin()
        try:
            yield con
        except BaseException:
            con.rollback()
            raise
        con.commit()

    @contextmanager
    def session(self, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for the modules built on the store (library.decisions): read-only, or read-write
        inside one transaction; LibraryBusy as for every operation."""
        with self._connect(write=write) as con:
            if not write:
                yield con
                return
            with self._transaction(con):
                yield con

    def _query(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        with self._connect(write=False) as con:
            return con.execute(
                sql, [p.item() if hasattr(p, "item") else p for p in params]
            ).df()  # numpy ints

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
        prepared = prepare(file_name, data, doc, findings)
        with self._connect(write=True) as con, self._transaction(con):
            return self._store(con, [prepared]) == 1

    def _write_burst(
        self, items: Sequence[Prepared], skipped: list[str], host: duckdb.DuckDBPyConnection
    ) -> int:
        """Store a burst in one transaction (the file attached to `host`, see Ingest); if the database refuses
        it, each document alone, so one document it cannot take (skipped: its file name) does not cost the
        others."""
        try:
            with self._connect(write=True, host=host) as con, self._transaction(con):
                return self._store(con, items)
        except duckdb.Error:
            if len(items) == 1:
                skipped.append(items[0].file_name)
                return 0
        return sum(self._write_burst([item], skipped, host) for item in items)

    def add_results(self, results: Iterable[tuple[DocumentStatus, Sequence[Finding]]], jobs: int | None = None,
                    progress: Callable[[int, int, str], None] | None = None,
                    skipped: list[str] | None = None) -> int:  # fmt: skip
        """Add the readable documents of a batch run (re-parsed across processes); returns how many were new.

        For callers that kept only statuses and findings (`python -m checks --library` passes the workers'
        Prepared documents to an Ingest instead). Written as Ingest writes; a document the database refuses
        is left out and its file name appended to `skipped`.
        """
        known = set(self._query("SELECT content_hash FROM documents")["content_hash"])
        todo: list[tuple[str, Sequence[Finding]]] = []
        for status, found in results:
            if status.status == "ok" and os.path.exists(status.file):
                digest = hashlib.sha256(Path(status.file).read_bytes()).hexdigest()
                if digest not in known:
                    known.add(digest)
                    todo.append((status.file, found))
        jobs = min(jobs or os.cpu_count() or 1, len(todo))
        ingest = Ingest(self, known=set())  # `known` was checked above, before parsing
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

    def documents(self) -> pd.DataFrame:
        """One row per document with finding counts by severity."""
        return self._query(
            "SELECT d.*, count(f.code) AS findings,"
            " count(f.code) FILTER (f.severity = 'error') AS errors,"
            " count(f.code) FILTER (f.severity = 'warning') AS warnings"
            " FROM documents d LEFT JOIN findings f USING (doc_id) GROUP BY ALL ORDER BY d.doc_id"
        )

    def matrix(self) -> pd.DataFrame:
        """Findings count per department (code, name) × year; the latest document per cell.

        A budget's column is its year (2024), a 决算's column "2024决算": the two kinds never share a cell."""
        docs = self.documents().fillna({"department_code": "", "department_name": "", "kind": "budget"})
        docs = docs.dropna(subset=["budget_year"]).drop_duplicates(
            ["department_code", "department_name", "budget_year", "kind"], keep="last")  # fmt: skip
        docs["column"] = [int(y) if k != "final_accounts" else f"{int(y)}决算" for y, k in zip(docs["budget_year"], docs["kind"], strict=True)]  # fmt: skip
        table = docs.pivot_table(index=["department_code", "department_name"], columns="column",
                                 values="findings", aggfunc="sum", sort=False)  # fmt: skip
        order = sorted(table.columns, key=lambda c: (int(str(c)[:4]), isinstance(c, str)))
        return table[order].astype("Int64").rename_axis(columns="年度")

    def metrics(self) -> pd.DataFrame:
        """library.peers raw metrics per document, with identity and findings count (input of peer_view)."""
        raw = self._query(
            "SELECT d.doc_id, concat_ws(' ', d.department_code, d.department_name) AS label, d.file_name,"
            " d.department_code, d.department_name, d.budget_year, coalesce(d.kind, 'budget') AS kind,"
            " m.* EXCLUDE (doc_id),"
            " (SELECT count(*) FROM findings f WHERE f.doc_id = d.doc_id) AS findings"
            " FROM documents d JOIN metrics m USING (doc_id) ORDER BY d.doc_id"
        )
        return raw.astype({c: "float64" for c in [*peers.RAW_COLUMNS, "findings"]})

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

    def previous_year(self, doc_id: int) -> int | None:
        """The same department's document of budget_year − 1 (library.compare.same_department: same code
        unless the names clearly differ, else names ≥ 90 % alike); the same code wins, then the closer name."""
        from rapidfuzz import fuzz

        from library.compare import same_department

        docs = self.documents()
        stubs = {
            int(r.doc_id): BudgetDocument(file_name=r.file_name, department_code=_text(r.department_code),
                                          department_name=_text(r.department_name),
                                          budget_year=None if pd.isna(r.budget_year) else int(r.budget_year),
                                          kind="final_accounts" if r.kind == "final_accounts" else "budget")
            for r in docs.itertuples()
        }  # fmt: skip
        mine = stubs[int(doc_id)]  # KeyError when absent
        if mine.budget_year is None:
            return None
        ranked = [
            (d.department_code == mine.department_code, fuzz.ratio(d.department_name or "", mine.department_name or ""), i)
            for i, d in stubs.items()
            if d.budget_year == mine.budget_year - 1 and d.kind == mine.kind and same_department(d, mine)
        ]  # fmt: skip
        return max(ranked)[2] if ranked else None

    def project_matches(self, old_id: int, new_id: int) -> pd.DataFrame:
        """Department-part projects of two documents: the same 项目编码 (unique on both sides) first, then
        library.compare.match_projects on names (normalised, fuzzy, one-to-one, near ties ambiguous)."""
        from library.compare import match_projects

        sql = "SELECT name, code, budget FROM projects WHERE doc_id = ? AND part = '部门' ORDER BY \"index\""
        old, new = (
            [_Project(str(n), _text(c), None if pd.isna(b) else float(b)) for n, c, b in self._query(sql, [i]).itertuples(index=False)]
            for i in (old_id, new_id)
        )  # fmt: skip
        codes = [p.code for p in old + new if p.code]
        unique = {
            c for c in codes if codes.count(c) == 2 and c in {p.code for p in old} & {p.code for p in new}
        }
        pairs = [
            (o, next(n for n in new if n.code == o.code), 100.0, "code", "") for o in old if o.code in unique
        ]
        rest = [p for p in old if p.code not in unique], [p for p in new if p.code not in unique]
        for m in match_projects(*cast(tuple[list, list], rest)):
            method = "ambiguous" if m.ambiguous else "name" if m.old and m.new else "unmatched"
            tied = "；".join(f"{name}（{score:.0f}）" for name, score in m.candidates)
            pairs.append((m.old, m.new, m.score, method, tied))
        records = [
            [o and o.name, n and n.name, o and o.code, n and n.code, o and o.budget, n and n.budget, s, how, tied]
            for o, n, s, how, tied in pairs
        ]  # fmt: skip
        return pd.DataFrame(records, columns=MATCH_COLUMNS)


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
            known = set(library._query("SELECT content_hash FROM documents")["content_hash"])
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
            self.added += self.library._write_burst(buffer, self.skipped, self._attach_host())
            time.sleep(PAUSE)

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


def _detach(host: duckdb.DuckDBPyConnection) -> None:
    """The library file off an Ingest's host: checkpointed and unlocked, readers may open it."""
    host.execute("USE memory")
    host.execute("DETACH library")


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)  # type: ignore[arg-type]


def _verify(path: Path, con: duckdb.DuckDBPyConnection) -> None:
    """Raise LibraryCorrupt unless the file is whole blocks, at least as many as are in use, and its tables read.

    A file cut short still opens (the catalogue sits in the first blocks) and would take new writes while the
    rows in the missing blocks are lost. DuckDB writes whole blocks after a 12 KiB header (it may drop free
    blocks at the end), so a cut shows as a partial last block or fewer blocks than are in use; found without
    reading the data.
    """
    _, _, block_size, _, used_blocks, *_ = con.execute("PRAGMA database_size").fetchone() or (0,) * 5
    size, block_size = path.stat().st_size, int(block_size) or 1
    if (size - HEADER_BYTES) % block_size or size < HEADER_BYTES + int(used_blocks) * block_size:
        raise LibraryCorrupt(
            path, f"文件只有 {size} 字节，不是完整的 {block_size} 字节块，或少于在用的 {used_blocks} 块"
        )
    tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    for table in ["documents", *CHILDREN, "sources"]:
        if table in tables:
            con.execute(f"SELECT count(*) FROM {table}").fetchall()


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
                _verify(target, con)
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
