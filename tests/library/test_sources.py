"""The stored bytes live in the sources table (issue 16: parent memory flat in --library runs); a library file
written when they were documents.source is migrated on open, in one transaction, and left alone when damaged."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from checks import run_checks
from library import store
from library.schema import CHILDREN, DDL
from library.store import Ingest, LibraryCorrupt, open_library, prepare
from parsing import parse
from tests.conftest import seed_path

# documents as the schema created it before the sources table (library/schema.py until issue 16's round 2)
OLD_DOCUMENTS = (
    "CREATE TABLE IF NOT EXISTS documents (doc_id INTEGER PRIMARY KEY, content_hash VARCHAR NOT NULL UNIQUE,"
    " file_name VARCHAR NOT NULL, department_code VARCHAR, department_name VARCHAR, budget_year INTEGER,"
    " units INTEGER NOT NULL, added_at TIMESTAMP NOT NULL, checked_at TIMESTAMP NOT NULL,"
    " parser_version VARCHAR NOT NULL, rules_version VARCHAR NOT NULL, source BLOB NOT NULL, kind VARCHAR);"
)
SEEDS = ("000", "003")


def _old_library(tmp_path: Path) -> Path:
    """A library file laid out as before: the bytes in documents.source, no sources table; rows of SEEDS."""
    current = open_library(tmp_path / "current.duckdb")
    for prefix in SEEDS:
        data = seed_path(prefix).read_bytes()
        doc = parse(seed_path(prefix).name, data)
        assert current.add(seed_path(prefix).name, data, doc, run_checks(doc))
    path = tmp_path / "old.duckdb"
    statements = [s for s in DDL.split(";\n") if "EXISTS documents " not in s and "EXISTS sources " not in s]
    with duckdb.connect(str(path)) as con:
        con.execute(OLD_DOCUMENTS + "\n" + ";\n".join(statements))
        con.execute(f"ATTACH '{current.path}' AS current (READ_ONLY)")
        for doc_id, name in con.execute("SELECT doc_id, file_name FROM current.documents").fetchall():
            data = seed_path(name[:3]).read_bytes()
            con.execute(
                "INSERT INTO documents SELECT * EXCLUDE (kind), ? AS source, kind FROM current.documents"
                " WHERE doc_id = ?",
                [data, doc_id],
            )
        for table in CHILDREN:
            con.execute(f"INSERT INTO {table} SELECT * FROM current.{table}")
        con.execute("SELECT nextval('doc_id_seq') FROM range(?)", [len(SEEDS)]).fetchall()
        columns = {c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'documents'").fetchall()}  # fmt: skip
        assert "source" in columns
    return path


def _layout(path: Path) -> tuple[set[str], set[str]]:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        columns = {c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'documents'").fetchall()}  # fmt: skip
    return tables, columns


def test_an_old_library_moves_its_bytes_to_the_sources_table_and_keeps_every_document(tmp_path):
    path = _old_library(tmp_path)
    before = open_library(tmp_path / "current.duckdb").documents()
    library = open_library(path)
    tables, columns = _layout(path)
    assert "sources" in tables and "source" not in columns
    after = library.documents()
    assert after.drop(columns=["added_at", "checked_at"]).equals(
        before.drop(columns=["added_at", "checked_at"])
    )
    for doc_id, name in zip(after["doc_id"], after["file_name"], strict=True):
        data = seed_path(name[:3]).read_bytes()
        doc, found = library.load(int(doc_id))
        assert doc.lines == parse(name, data).lines and len(found) == len(run_checks(doc))
        parts = library._query("SELECT count(*) AS n FROM sources WHERE doc_id = ?", [int(doc_id)])["n"][0]
        assert parts == -(-len(data) // store.SOURCE_CHUNK) > 1
    assert library.recheck(force=True) == 2  # re-parsed from the moved bytes
    name, data = seed_path("001").name, seed_path("001").read_bytes()
    doc = parse(name, data)
    assert library.add(name, data, doc, run_checks(doc))
    assert sorted(library.documents()["doc_id"]) == [1, 2, 3]
    assert open_library(path).documents()["doc_id"].tolist() == [1, 2, 3]  # opens again: nothing left to do


def test_a_failed_migration_leaves_the_old_library_as_it_was(tmp_path, monkeypatch):
    path = _old_library(tmp_path)

    def refused(con, sources, ids):
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(store, "_insert_sources", refused)
    with pytest.raises(duckdb.IOException):
        open_library(path)
    tables, columns = _layout(path)
    assert "sources" not in tables and "source" in columns
    monkeypatch.undo()
    assert len(open_library(path).documents()) == 2


def test_a_damaged_old_library_is_refused_untouched(tmp_path):
    path = _old_library(tmp_path)
    cut = path.with_name("cut.duckdb")
    cut.write_bytes(path.read_bytes()[:-4096])
    before = cut.read_bytes()
    with pytest.raises(LibraryCorrupt, match="已损坏"):
        open_library(cut)
    assert cut.read_bytes() == before and not cut.with_name("cut.duckdb.wal").exists()


def test_removal_deletes_the_bytes_too(tmp_path):
    library = open_library(tmp_path / "lib.duckdb")
    for prefix in SEEDS:
        data = seed_path(prefix).read_bytes()
        library.add(seed_path(prefix).name, data, doc := parse(seed_path(prefix).name, data), run_checks(doc))
    first, second = library.documents()["doc_id"]
    assert library.remove(int(first))
    kept = library._query("SELECT DISTINCT doc_id FROM sources")["doc_id"].tolist()
    assert kept == [second]


def test_bursts_are_written_in_small_row_groups(tmp_path, monkeypatch):
    """Bursts attach the file with INGEST_ROW_GROUP rows per row group (DuckDB's default is 122,880): a commit's
    checkpoint rewrites the row groups it appended to, not one holding every stored file's bytes (which made
    the parent's memory grow with the library)."""
    monkeypatch.setattr(store, "SOURCE_CHUNK", 16)  # many small parts: the row group size shows
    library = open_library(tmp_path / "lib.duckdb")
    ingest = Ingest(library, burst=4)
    for prefix in ("000", "001", "002", "003"):
        ingest.feed(_prepared(prefix))
    assert ingest.close() == 4
    size = sum(seed_path(p).stat().st_size for p in ("000", "001", "002", "003"))
    with duckdb.connect(str(library.path), read_only=True) as con:
        rows = con.execute(
            "SELECT row_group_id, max(count) FROM pragma_storage_info('sources') GROUP BY ALL"
        ).fetchall()
        stored = con.execute("SELECT sum(octet_length(data)), count(*) FROM sources").fetchone()
    assert stored[0] == size and stored[1] > 3 * store.INGEST_ROW_GROUP
    assert len(rows) > 3 and max(n for _, n in rows) <= store.INGEST_ROW_GROUP
    doc, _ = library.load(int(library.documents()["doc_id"].iloc[2]))
    assert "\n".join(doc.lines).startswith(parse("002", seed_path("002").read_bytes()).lines[0])


def test_the_bytes_are_stored_in_zstd_and_read_back_whole(tmp_path):
    """library.schema.SOURCE_COMPRESSION: DuckDB's own choice for the bytes cost the batch's parent more CPU."""
    library = open_library(tmp_path / "lib.duckdb")
    ingest = Ingest(library, burst=2)
    for prefix in SEEDS:
        ingest.feed(_prepared(prefix))
    assert ingest.close() == len(SEEDS)
    with duckdb.connect(str(library.path), read_only=True) as con:
        (declared,) = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = 'sources'").fetchone()
        methods = con.execute(
            "SELECT DISTINCT compression FROM pragma_storage_info('sources') WHERE column_name = 'data'"
            " AND segment_type = 'BLOB'"
        ).fetchall()
    assert '"data" BLOB USING COMPRESSION ZSTD' in declared and methods == [("ZSTD",)]
    for doc_id, name in library._query("SELECT doc_id, file_name FROM documents").itertuples(index=False):
        doc, _ = library.load(int(doc_id))
        assert doc.lines == parse(name, seed_path(name[:3]).read_bytes()).lines


def _prepared(prefix: str) -> store.Prepared:
    data = seed_path(prefix).read_bytes()
    doc = parse(seed_path(prefix).name, data)
    return prepare(seed_path(prefix).name, data, doc, run_checks(doc))


def test_prepared_crosses_processes_as_arrow_streams():
    """A worker's Prepared reaches the parent with the same tables (pickled as Arrow IPC streams)."""
    prepared = _prepared("000")
    back = pickle.loads(pickle.dumps(prepared))
    assert back[:4] == prepared[:4] and back.kind == prepared.kind
    for table in CHILDREN:
        assert back.rows[table].schema == prepared.rows[table].schema
        assert back.rows[table].equals(prepared.rows[table])


def test_between_bursts_another_process_may_write_the_file(tmp_path):
    """Each burst attaches the file to the Ingest's in-memory database and detaches it after: the lock is
    free between bursts and nothing is left in a write-ahead log."""
    path = tmp_path / "lib.duckdb"
    ingest = Ingest(open_library(path), burst=1)
    ingest.feed(_prepared("000"))
    script = f"import duckdb; print(duckdb.connect({str(path)!r}).execute('SELECT count(*) FROM documents').fetchone()[0])"
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.stdout.strip() == "1", run.stderr
    assert not Path(f"{path}.wal").exists()
    ingest.feed(_prepared("003"))
    assert ingest.close() == 2
    assert len(open_library(path).documents()) == 2
