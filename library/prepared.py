"""A document made ready to store (Prepared): its identity, bytes and tidy rows as Arrow tables, computed in the
batch worker before the write lock is taken, and sent to the parent as Arrow IPC streams.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from operator import itemgetter
from typing import NamedTuple

import pyarrow as pa

from checks.findings import Finding
from checks.report import FINDING_COLUMNS, finding_records
from library import peers
from library.schema import CHILDREN, MONEY, column_type
from parsing import BudgetDocument, frames

MONEY_LIMIT = Decimal(10) ** 18  # DECIMAL(24, 6) holds 18 integer digits


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


def storable(value: object) -> object:
    """A money value DECIMAL(24, 6) can hold, else None (line_items keep the printed text in "raw").

    >>> storable(Decimal("12.5")), storable(Decimal("1E+18")), storable(float("inf")), storable(None)
    (Decimal('12.5'), None, None, None)
    """
    try:
        return value if value is None or abs(value) < MONEY_LIMIT else None  # type: ignore[operator]
    except (TypeError, ArithmeticError):  # NaN
        return None


def prepare(file_name: str, data: bytes, doc: BudgetDocument, findings: Sequence[Finding]) -> Prepared:
    # Arrow here (in the batch worker): pickles cheaply and the writer only joins the tables of a burst.
    # Columns go straight to Arrow: pandas frames cost more than the checks' slower rules.
    found = finding_records(findings)
    columns = {
        "metrics": {name: [value] for name, value in peers.raw_metrics(doc).items()},
        "findings": {
            "seq": list(range(len(found))),
            **frames.row_columns(list(map(itemgetter(*FINDING_COLUMNS), found)), FINDING_COLUMNS),
        },
        "line_items": frames.line_item_columns(doc),
        "projects": frames.project_columns(doc),
        "plan_points": frames.plan_point_columns(doc),
        "indicators": frames.indicator_columns(doc),
        "sections": frames.section_columns(doc),
    }
    rows = {table: _arrow(table, columns[table]) for table in columns}
    identity = (doc.department_code, doc.department_name, doc.budget_year, len(doc.units))
    return Prepared(file_name, data, hashlib.sha256(data).hexdigest(), identity, rows, doc.kind)


def _arrow(table: str, columns: Mapping[str, Sequence]) -> pa.Table:
    """A table's columns as Arrow (None and NaN as null); money beyond DECIMAL(24, 6) (≥ 10^18, inf) left
    empty, so one absurd figure cannot fail a write (line_items keep the printed text in "raw")."""
    money = _money_columns(table)
    arrays = {}
    for column in CHILDREN[table]:
        values = columns[column]
        arrays[column] = pa.array(_storable_all(values) if column in money else values, from_pandas=True)
    return pa.table(arrays)


@cache
def _money_columns(table: str) -> frozenset[str]:
    return frozenset(column for column in CHILDREN[table] if column_type(table, column) == MONEY)


def _storable_all(values: list[object]) -> list[object]:
    """storable of each value; most amounts are floats, compared with a float bound (exact for 10^18)
    rather than the Decimal one, or None (kept without a call: about 850 per synthetic document).

    >>> _storable_all([1.5, 1e18, float("nan"), Decimal("2"), Decimal("-1E+18"), None])
    [1.5, None, None, Decimal('2'), None, None]
    """
    bound = float(MONEY_LIMIT)
    return [v if (type(v) is float and abs(v) < bound) or v is None else storable(v) for v in values]
