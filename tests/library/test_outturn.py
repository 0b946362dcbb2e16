"""Budget against outturn on a synthetic pair (tests/support/outturn_pair.py): rates computed by hand.

No real pair is in tests/data: the Shanghai budgets (商务委, 区政府办公室, 万里街道) and the two 决算 (规划资源局,
社会工作部) are of different departments; they pair with nothing.
"""

from __future__ import annotations

from decimal import Decimal as D

import pandas as pd

from library.outturn import (
    execution_frame,
    initial_budget_differences,
    is_pair,
    library_pairs,
    outturn_pairs,
)
from parsing import parse, parse_lines
from tests.golden_findings import documents
from tests.support.outturn_pair import budget_lines, final_lines


def _pair(initial_208: str = "52.00"):
    return parse_lines("budget.txt", budget_lines()), parse_lines("final.txt", final_lines(initial_208))


def _rows(frame: pd.DataFrame, group: str) -> list[tuple]:
    part = frame[frame["group"] == group]
    return [
        tuple(None if pd.isna(v) else v for v in row)
        for row in part.drop(columns="group").itertuples(index=False)
    ]


def test_rates_per_class_three_public_and_kind():
    frame = execution_frame(*_pair())
    # code, name, 决算, 年初预算 (决算表), 公开预算, 决算/年初 %, 决算/公开预算 %
    assert _rows(frame, "class") == [
        ("201", "一般公共服务支出", D("114.00"), D("120.00"), D("120.00"), D("95.00"), D("95.00")),  # 114/120
        # 49.40 / 52.00 = 95.00 %; 49.40 / 50.00 = 98.80 %
        ("208", "社会保障和就业支出", D("49.40"), D("52.00"), D("50.00"), D("95.00"), D("98.80")),
    ]
    assert _rows(frame, "three_public") == [
        ("", "合计", D("8.10"), D("10.00"), D("10.00"), D("81.00"), D("81.00")),
        ("", "一、因公出国（境）费", D("0.00"), D("0.00"), D("0.00"), None, None),  # no budget: no rate
        ("", "二、公务用车购置及运维费", D("5.40"), D("6.00"), D("6.00"), D("90.00"), D("90.00")),
        ("", "其中：公务用车购置费", D("0.00"), D("0.00"), D("0.00"), None, None),
        ("", "公务用车运行维护费", D("5.40"), D("6.00"), D("6.00"), D("90.00"), D("90.00")),
        ("", "三、公务接待费", D("2.70"), D("4.00"), D("4.00"), D("67.50"), D("67.50")),
    ]
    assert _rows(frame, "kind") == [
        ("", "基本支出", D("127.40"), None, D("130.00"), None, D("98.00")),  # 127.40 / 130
        ("", "项目支出", D("36.00"), None, D("40.00"), None, D("90.00")),
        # 163.40 / 172.00 = 95.00 %; 163.40 / 170.00 = 96.1176… → 96.12 %
        ("", "合计", D("163.40"), D("172.00"), D("170.00"), D("95.00"), D("96.12")),
    ]


def test_the_planted_initial_budget_difference_is_listed_with_both_places():
    budget, final = _pair()
    found = initial_budget_differences(budget, final)
    assert found.to_dict("records") == [
        {
            "what": "一般公共预算财政拨款支出（类）年初预算",
            "code": "208",
            "name": "社会保障和就业支出",
            "final_doc_amount": D("52.00"),
            "budget_doc_amount": D("50.00"),
            "difference": D("2.00"),
            "tolerance": D("0.005"),  # both print 0.01 万元
            "final_page": None,
            "final_line": 39,
            "budget_page": None,
            "budget_line": 31,
        }
    ]
    assert final.lines[38] == "\t52.00" and budget.lines[30] == "\t50.00"
    assert initial_budget_differences(*_pair("50.00")).empty  # the same figure in both: nothing listed


def test_pairs_by_normalised_name_and_year():
    budget, final = _pair()
    assert outturn_pairs([final, budget]) == [(1, 0)]
    spaced = final.model_copy(update={"department_name": "上海市 某某局"})
    assert is_pair(budget, spaced)
    other_year = final.model_copy(update={"budget_year": 2025})
    other_name = final.model_copy(update={"department_name": "上海市某某中心"})
    assert outturn_pairs([budget, other_year, other_name, budget]) == []
    frame = pd.DataFrame(
        {
            "doc_id": [1, 2, 3, 4],
            "department_name": ["上海市某某局", "上海市某某局", "上海市某某局", "上海市其他局"],
            "budget_year": [2024, 2024, 2025, 2024],
            "kind": ["budget", "final_accounts", "final_accounts", "final_accounts"],
        }
    )
    assert library_pairs(frame) == [(1, 2)]


def test_no_real_pair_in_the_repository():
    docs = [parse(p.name, p.read_bytes()) for p in documents() if p.suffix == ".pdf"]
    assert outturn_pairs(docs) == []


def test_a_budget_printed_in_yuan_is_compared_in_wan():
    # Not a pair (two departments): the computation alone, on real tables. 商务委 2025 一般公共预算支出表 208 合计
    # 3,808,085.00 元 = 380.8085 万元; 规划资源局 2024 决算 208 754.75 万元 → 754.75 / 380.8085 = 198.20 %.
    by_name = {p.name: p for p in documents()}
    budget_path = by_name["上海市普陀区商务委员会25年预算.pdf"]
    final_path = by_name["上海市普陀区规划和自然资源局 2024 年度部门决算.pdf"]
    budget = parse(budget_path.name, budget_path.read_bytes())
    final = parse(final_path.name, final_path.read_bytes())
    frame = execution_frame(budget, final)
    row = frame.set_index("code").loc["208"]
    assert (row["final"], row["budget"], row["rate_budget"]) == (D("754.75"), D("380.8085"), D("198.20"))
    assert row["initial"] is None  # this 决算 prints no 年初预算 column
    # 商务委's 三公 table says 单位:万元 and prints 1.00 (read into the document's 元 as 10,000.00): 1.00 万元;
    # 规划资源局 三公 合计 决算 0.39, 预算数 2.85 → 0.39 / 2.85 = 13.68 %, 0.39 / 1.00 = 39.00 %
    three = frame[(frame["group"] == "three_public") & (frame["name"] == "合计")].iloc[0]
    assert [three[c] for c in ("final", "initial", "budget", "rate_initial", "rate_budget")] == [
        D("0.39"), D("2.85"), D("1.00"), D("13.68"), D("39.00"),
    ]  # fmt: skip
