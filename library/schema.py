"""Library schema: the tables, their column types, and what an older library file lacks.

Schema (`DDL` below; every table except `documents` and `decisions` carries `doc_id`; no FOREIGN KEYs,
DuckDB cannot cascade them: `remove` deletes the children itself, in the same transaction):

    documents   doc_id (sequence), content_hash (sha256 of the bytes, UNIQUE: re-adding is a no-op),
                file_name, department_code, department_name, budget_year, units (part-two count),
                added_at, checked_at (UTC), parser_version, rules_version,
                kind (BudgetDocument.kind: "budget" 预算 or "final_accounts" 决算; NULL in rows of older files)
    sources     the file's bytes (to re-parse, to picture a PDF's pages) in SOURCE_CHUNK-byte parts: doc_id,
                part (0, 1, …), data. A table of its own, in small rows: a burst appends new row groups
                (library.store writes bursts with ROW_GROUP_SIZE) and DuckDB's checkpoint rewrites only
                those, where a BLOB column of `documents` made every commit rewrite all the stored bytes
                (parent memory and time grew with the library). Files before this table kept the bytes in
                documents.source: `legacy_source` finds them, library.store moves them on open. The bytes
                are stored in zstd (SOURCE_COMPRESSION; files made before keep DuckDB's own choice).
    metrics     library.peers.RAW_COLUMNS: headline figures of the department part (万元, %), staff if stated
    line_items, projects, plan_points, indicators, sections
                parsing.frames columns unchanged ("table", "column", "index" need quotes in SQL)
    findings    seq (order in the run) + checks.report.FINDING_COLUMNS; other_lines as text "12, 40"
    decisions   a reviewer's 确认/忽略/待定 per finding, keyed by (content_hash, code, fingerprint) of
                checks.decisions, not by doc_id: it outlives removal and re-upload of the document; carries
                the year-free fingerprint and the department's identity for next year's 去年已忽略
    Money columns are DECIMAL(24, 6): exact for printed amounts; raw text is kept beside line items.
    A file written by an earlier version gains the columns added since (ALTER TABLE … ADD COLUMN) when opened.
"""

from __future__ import annotations

import duckdb

from checks.report import FINDING_COLUMNS
from library import peers
from parsing import frames

MONEY = "DECIMAL(24, 6)"
SOURCE_CHUNK = 4096  # bytes per sources row
# The stored bytes in zstd: DuckDB's own choice (DICT_FSST, after analysing every method for each segment)
# cost a batch's parent about 1.1 s of CPU per 1,000 synthetic documents more, in a file a third larger.
SOURCE_COMPRESSION = "zstd"
DOCUMENT_ADDED = ("kind",)  # documents columns added after the first release (VARCHAR)
CHILDREN: dict[str, list[str]] = {
    "metrics": peers.RAW_COLUMNS,
    "line_items": frames.LINE_ITEM_COLUMNS,
    "projects": frames.PROJECT_COLUMNS,
    "plan_points": frames.PLAN_COLUMNS,
    "indicators": frames.INDICATOR_COLUMNS,
    "sections": frames.SECTION_COLUMNS,
    "findings": ["seq", *FINDING_COLUMNS],
}
_INTEGER = {
    "seq",
    "level",
    "line",
    "page",
    "end_line",
    "index",
    "project_index",
    "indicator_count",
    "text_length",
}
DECISIONS = {
    "content_hash": "VARCHAR NOT NULL", "code": "VARCHAR NOT NULL", "fingerprint": "VARCHAR NOT NULL",
    "year_free": "VARCHAR", "verdict": "VARCHAR", "reason": "VARCHAR", "note": "VARCHAR", "file_name": "VARCHAR",
    "department_code": "VARCHAR", "department_name": "VARCHAR", "budget_year": "INTEGER", "decided_at": "TIMESTAMP",
}  # fmt: skip
_MONEY = {"amount", "budget", "fiscal", "other", "expected", "actual", "difference"}
_BOOLEAN = {"is_percent", "is_empty", "heading_missing"}


def column_type(table: str, column: str) -> str:
    if table == "decisions":
        return DECISIONS[column].removesuffix(" NOT NULL")
    if (
        table == "metrics"
        or column in _MONEY
        or (table, column) in {("plan_points", "value"), ("indicators", "number")}
    ):
        return MONEY
    return "INTEGER" if column in _INTEGER else "BOOLEAN" if column in _BOOLEAN else "VARCHAR"


DDL = "\n".join([
    "CREATE SEQUENCE IF NOT EXISTS doc_id_seq;",
    "CREATE TABLE IF NOT EXISTS documents (doc_id INTEGER PRIMARY KEY, content_hash VARCHAR NOT NULL UNIQUE,"
    " file_name VARCHAR NOT NULL, department_code VARCHAR, department_name VARCHAR, budget_year INTEGER,"
    " units INTEGER NOT NULL, added_at TIMESTAMP NOT NULL, checked_at TIMESTAMP NOT NULL,"
    " parser_version VARCHAR NOT NULL, rules_version VARCHAR NOT NULL, kind VARCHAR);",
    "CREATE TABLE IF NOT EXISTS sources (doc_id INTEGER NOT NULL, part INTEGER NOT NULL,"
    f" data BLOB NOT NULL USING COMPRESSION {SOURCE_COMPRESSION});",
    *(f"CREATE TABLE IF NOT EXISTS {t} (doc_id INTEGER NOT NULL, "
      + ", ".join(f'"{c}" {column_type(t, c)}' for c in cols) + ");" for t, cols in CHILDREN.items()),
    "CREATE TABLE IF NOT EXISTS decisions (" + ", ".join(f'"{c}" {t}' for c, t in DECISIONS.items())
    + ", PRIMARY KEY (content_hash, code, fingerprint));",
])  # fmt: skip


def missing_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None]]:
    """What the library file lacks of the current schema: (table, column), or (table, None) for a whole table."""
    present = set(con.execute("SELECT table_name, column_name FROM duckdb_columns()").fetchall())
    tables = {table for table, _ in present}
    out: list[tuple[str, str | None]] = [] if "documents" in tables else [("documents", None)]
    out += [
        ("documents", c) for c in DOCUMENT_ADDED if "documents" in tables and ("documents", c) not in present
    ]
    for table, columns in {**CHILDREN, "sources": ["part", "data"], "decisions": list(DECISIONS)}.items():
        if table not in tables:
            out.append((table, None))
        else:
            out += [(table, c) for c in columns if (table, c) not in present]
    return out


def legacy_source(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the file keeps the bytes in documents.source (written before the sources table)."""
    return bool(
        con.execute(
            "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'documents' AND column_name = 'source'"
        ).fetchone()[0]  # type: ignore[index]
    )
