"""The library compares budgets with budgets: a 决算 keeps its accounts year and is stored with its kind."""

from __future__ import annotations

from library import yoy_pairs
from library.store import prepare
from parsing import parse
from tests.conftest import seed_doc
from tests.golden_findings import DATA


def test_yoy_pairs_keep_kinds_apart():
    older = seed_doc("000").model_copy(update={"budget_year": 2023})
    newer = seed_doc("000")
    accounts = older.model_copy(update={"kind": "final_accounts"})
    assert yoy_pairs([newer, older]) == [(1, 0)]
    assert yoy_pairs([newer, accounts]) == []


def test_final_accounts_enter_the_library_with_their_year_and_kind():
    path = DATA / "pdf" / "final_accounts" / "附件2：部门决算模板.pdf"
    doc = parse(path.name, path.read_bytes())
    assert (doc.kind, doc.budget_year) == ("final_accounts", 2024)
    prepared = prepare(path.name, b"", doc, [])
    assert (prepared.identity[1:3], prepared.kind) == (("上海市XX局", 2024), "final_accounts")
