"""Peer view: ratios per department of one year, robust (median/MAD) outlier flags against the group."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from library.peers import MIN_PEERS, RATIO_ZH, outliers, peer_table, peer_view, raw_from_docs, robust_z
from library.store import open_library
from parsing import parse_lines
from tests.conftest import seed_doc, seed_path
from tests.support.synth import Variant, department, load_seed, vary


def _group(**columns: list[float]) -> pd.DataFrame:
    """Raw metrics of a synthetic peer group: ten departments with ordinary figures, overridden per column."""
    n = len(next(iter(columns.values()))) if columns else 10
    base = {
        "label": [f"{100 + i} 县{i}局" for i in range(n)],
        "budget_year": [2024] * n,
        "personnel_share": [60.0 + (i % 5) for i in range(n)],
        "project_share": [30.0 + (i % 4) for i in range(n)],
        "three_public": [2.0 + 0.1 * (i % 3) for i in range(n)],
        "basic": [100.0 + 5 * (i % 4) for i in range(n)],
        "staff": [np.nan] * n,
        "findings": [20.0 + (i % 6) for i in range(n)],
    }
    return pd.DataFrame({**base, **columns})


def test_one_extreme_department_is_flagged_and_nobody_else():
    shares = [60.0, 61, 62, 63, 64, 60, 61, 62, 63, 97]
    table = peer_table(_group(personnel_share=shares))
    assert list(table.loc[table["personnel_share_outlier"], "label"]) == ["109 县9局"]
    assert table["outliers"].tolist() == [0] * 9 + [1]
    flagged = outliers(table)
    assert flagged[["label", "ratio", "value", "median", "direction"]].values.tolist() == [
        ["109 县9局", "personnel_share", 97.0, 62.0, "偏高"]
    ]
    assert flagged["z"].iloc[0] == pytest.approx(0.6745 * 35 / 1.0)
    # a mean/sd z-score would miss it: in a group of 10 it can never exceed 9/√10 ≈ 2.85
    assert abs((97 - np.mean(shares)) / np.std(shares)) < 3.5


def test_low_values_are_flagged_too_and_missing_ratios_are_left_out():
    three_public = [2.0, 2.1, 2.2, 2.0, 2.1, 2.2, 2.0, 2.1, 0.0, np.nan]
    table = peer_table(_group(three_public=three_public))
    per_basic = table["three_public_per_basic"]
    assert per_basic.isna().tolist() == [False] * 9 + [True]
    assert table.loc[table["three_public_per_basic_outlier"], "label"].tolist() == ["108 县8局"]
    assert outliers(table)["direction"].tolist() == ["偏低"]


def test_mad_zero_falls_back_to_mean_absolute_deviation():
    zeros = [0.0] * 9 + [3.0]  # most departments report no 三公 at all
    z = robust_z(pd.Series(zeros))
    assert z.iloc[-1] == pytest.approx(3.0 / (1.253314 * 0.3))
    assert (z.iloc[:-1] == 0).all()
    assert robust_z(pd.Series([5.0] * 8)).tolist() == [0.0] * 8  # all equal: nothing stands out


def test_small_groups_get_no_scores():
    table = peer_table(_group(personnel_share=[60.0, 61, 99, 60]))
    assert MIN_PEERS > 4 and table["personnel_share_z"].isna().all()
    assert not table[[f"{r}_outlier" for r in RATIO_ZH]].to_numpy().any()


def test_per_staff_ratio_only_where_staff_is_stated():
    staff = [5.0, 6, 5, 4, 5, 6, 5, 4, np.nan, 0]
    table = peer_table(_group(staff=staff))
    assert table["three_public_per_staff"].notna().tolist() == [True] * 8 + [False, False]
    assert table["three_public_per_staff"].iloc[0] == pytest.approx(2.0 / 5)


def test_ratios_of_real_disclosures():
    raw = raw_from_docs([(seed_doc("003"), [None] * 30), (seed_doc("001"), [])])  # type: ignore[list-item]
    table = peer_table(raw).set_index("department_code")
    assert tuple(raw.iloc[0][["personnel_share", "project_share", "three_public", "basic"]]) == (
        91.31, 24.68, 20.84, 706.36,
    )  # fmt: skip
    assert table.loc["434", "three_public_per_basic"] == pytest.approx(20.84 / 706.36 * 10000)
    assert np.isnan(table.loc["434", "three_public_per_staff"]) and table.loc["434", "findings"] == 30
    assert raw.iloc[1]["staff"] == 5  # "截至2022年在职人数为5人" (001 ~1471)
    assert table.loc["455", "three_public_per_staff"] == 0  # 001 budgets no 三公


def test_library_and_parsed_documents_give_the_same_peer_view(tmp_path):
    seed = load_seed(seed_path("003"))
    items = []
    for i, factor in enumerate(["1", "0.9", "1.1", "1.3", "0.8", "1.05"]):
        code, name = department(i)
        text = vary(seed, Variant(code, name, 2024, Decimal(factor)))
        items.append((parse_lines(f"{code}.txt", text.split("\n")), []))
    other_year = vary(seed, Variant("999", "别县民政局", 2023))
    items.append((parse_lines("999.txt", other_year.split("\n")), []))
    library = open_library(tmp_path / "lib.duckdb")
    for doc, found in items:
        library.add(doc.file_name, "\n".join(doc.lines).encode(), doc, found)
    from_library, from_docs = peer_view(library.metrics(), 2024), peer_view(raw_from_docs(items), 2024)
    assert len(from_library) == 6 and list(from_library["budget_year"].unique()) == [2024]
    columns = list(RATIO_ZH)
    pd.testing.assert_frame_equal(from_library[columns], from_docs[columns], check_exact=False, rtol=1e-9)
    assert peer_view(library.metrics())["budget_year"].eq(2024).all()  # default: the latest year
