"""The per-part and per-table caches rules share: found again by identity, bounded, safe under threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from checks.support import lookup
from checks.support.lookup import per_part, per_table
from tests.conftest import seed_doc


def test_a_scan_is_computed_once_per_part_and_again_for_an_equal_copy():
    doc = seed_doc("003")
    calls = []
    scan = lambda d: calls.append(d) or len(d.tables)  # noqa: E731
    assert per_part("test-scan", doc, scan) == per_part("test-scan", doc, scan) == len(doc.tables)
    copy = doc.model_copy()  # equal, another object: its own entry
    assert copy == doc
    per_part("test-scan", copy, scan)
    assert [id(d) for d in calls] == [id(doc), id(copy)]


def test_only_the_last_parts_and_tables_are_kept():
    doc = seed_doc("003")
    parts = [doc.model_copy() for _ in range(lookup._PARTS_KEPT + 3)]
    for part in parts:
        per_part("test-bound", part, id)
    kept = lookup._PER_PART["test-bound"]
    # the newest parts themselves, oldest first: the copies are all equal, so compare identities
    assert [id(entry[0]) for entry in kept.values()] == [id(p) for p in parts[-lookup._PARTS_KEPT :]]
    tables = [t.model_copy() for _ in range(8) for t in doc.tables.values()]
    for table in tables:
        per_table("test-bound", table, id)
    assert len(lookup._PER_TABLE["test-bound"]) == min(len(tables), lookup._TABLES_KEPT)


def test_threads_sharing_the_cache_get_their_own_part_s_value():
    doc = seed_doc("003")
    parts = [doc.model_copy() for _ in range(200)]

    def ask(part):
        return per_part("test-threads", part, id) == id(part)

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(ask, parts * 5))
    assert len(lookup._PER_PART["test-threads"]) <= lookup._PARTS_KEPT
