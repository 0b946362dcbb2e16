"""Connections to a library file: opened per operation with jittered retries while another process holds
the lock (LibraryBusy), attached to an Ingest's in-memory database for write bursts, and the check that a
file is a whole DuckDB library (LibraryCorrupt). See library.store for the concurrency rules.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from library.schema import CHILDREN

ENV_VAR = "BUDGETSCOPE_LIBRARY"
TIMEOUT, MAX_DELAY = 10.0, 0.1  # seconds
# Rows per row group while writing bursts (DuckDB's default is 122,880): a burst's rows go to row groups of their
# own, and a commit's checkpoint rewrites those instead of the whole last row group of every table.
INGEST_ROW_GROUP = 2048
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


class Connections:
    """A library file's connections: every operation opens and closes its own (an Ingest's bursts attach the
    file to the Ingest's own database instead). library.store.Library builds its reads and writes on these."""

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


def _detach(host: duckdb.DuckDBPyConnection) -> None:
    """The library file off an Ingest's host: checkpointed and unlocked, readers may open it."""
    host.execute("USE memory")
    host.execute("DETACH library")


def verify_library(path: Path, con: duckdb.DuckDBPyConnection) -> None:
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
