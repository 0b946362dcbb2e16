"""预算 and 决算 kept apart: the library stores the kind, the matrix, year pairs and peers never mix them,
and exports name it."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd

from checks import DocumentStatus, findings_xlsx, run_checks
from library import open_library, peer_view
from library.compare import yoy_pairs
from library.peers import IDENTITY, RAW_COLUMNS
from parsing import BudgetDocument, parse_lines
from tests.conftest import FIXTURES, seed_path


def _final() -> tuple[str, bytes, BudgetDocument]:
    path = FIXTURES / "XTB031_pass.txt"  # cover "上海市某某局 / 2024 年度部门决算" and two 决算 tables
    data = path.read_bytes()
    return path.name, data, parse_lines(path.name, data.decode("utf-8").split("\n"))


def _budget() -> tuple[str, bytes, BudgetDocument]:
    path = seed_path("000")
    data = path.read_bytes()
    return path.name, data, parse_lines(path.name, data.decode("utf-8").split("\n"))


def test_library_stores_the_kind_and_the_matrix_keeps_kinds_apart(tmp_path: Path):
    library = open_library(tmp_path / "lib.duckdb", timeout=20)
    for name, data, doc in (_budget(), _final()):
        library.add(name, data, doc, run_checks(doc))
    docs = library.documents()
    assert docs[["budget_year", "kind"]].values.tolist() == [[2024, "budget"], [2024, "final_accounts"]]
    assert list(library.matrix().columns) == [2024, "2024决算"]
    assert sorted(library.metrics()["kind"]) == ["budget", "final_accounts"]


def test_a_library_without_the_kind_column_gains_it(tmp_path: Path):
    target = tmp_path / "old.duckdb"
    open_library(target, timeout=20)
    with duckdb.connect(str(target)) as con:
        con.execute("ALTER TABLE documents DROP COLUMN kind")
    library = open_library(target, timeout=20)
    name, data, doc = _final()
    library.add(name, data, doc, run_checks(doc))
    assert library.documents()["kind"].tolist() == ["final_accounts"]


def test_year_pairs_and_previous_year_compare_like_with_like(tmp_path: Path):
    def stub(year: int, kind: str) -> BudgetDocument:
        return BudgetDocument(
            file_name=f"{year}{kind}", department_name="上海市某某局", budget_year=year, kind=kind
        )  # type: ignore[arg-type]

    assert yoy_pairs([stub(2023, "budget"), stub(2024, "final_accounts")]) == []
    assert yoy_pairs([stub(2023, "final_accounts"), stub(2024, "final_accounts")]) == [(0, 1)]


def test_peer_view_takes_one_kind():
    raw = pd.DataFrame(columns=[*IDENTITY, *RAW_COLUMNS, "findings"], index=range(3), dtype=float)
    raw = raw.assign(label=list("abc"), budget_year=2024, kind=["budget", "final_accounts", "final_accounts"])
    assert peer_view(raw)["label"].tolist() == ["b", "c"]  # the year's most frequent kind
    assert peer_view(raw, kind="budget")["label"].tolist() == ["a"]


def test_export_names_the_kind():
    name, _, doc = _final()
    status = DocumentStatus(file=name, department_name=doc.department_name, budget_year=2024, kind=doc.kind)
    book = openpyxl.load_workbook(io.BytesIO(findings_xlsx([status], run_checks(doc))))
    head, first = ([c.value for c in row] for row in book["汇总"].iter_rows(min_row=1, max_row=2))
    assert first[head.index("类型")] == "决算" and first[head.index("年度")] == 2024
