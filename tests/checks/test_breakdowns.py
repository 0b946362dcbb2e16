"""Itemised breakdowns (checks/support/breakdowns.py): NAR024 in the text, NAR012 in project 资金用途."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from checks import Severity, load_rules, run_checks
from checks.support.breakdowns import _breakdowns, name
from checks.support.statements import Item, clean, read
from parsing import parse_lines
from tests.conftest import seed_doc, seed_path
from tests.support.synth import Variant, load_seed, vary

RULES = load_rules()


def _lists(text: str):
    item = Item()
    item.add(clean(text), 1)
    return list(_breakdowns(read(item, 2024), None))


@pytest.mark.parametrize(
    ("text", "total", "parts", "complete"),
    [
        # "包括"/"主要包括"/"主要用于"/"分别为" claim every part
        (
            "人员经费1234.56万元，主要包括：基本工资300万元、津贴补贴200万元。",
            "1234.56",
            ["300", "200"],
            True,
        ),
        ("资金10万元，主要用于：培训费4万元；会议费6万元。", "10", ["4", "6"], True),
        # an explicit 等 makes the list partial; a single item too
        (
            "人员经费1234.56万元，主要包括：基本工资300万元、津贴补贴200万元等。",
            "1234.56",
            ["300", "200"],
            False,
        ),
        (
            "人员经费1234.56万元，主要包括：基本工资300万元、津贴补贴200万元……",
            "1234.56",
            ["300", "200"],
            False,
        ),
        ("采购预算664.98万元，其中，预留给小微企业465.49万元。", "664.98", ["465.49"], False),
        ("资金30万元，培训费、会议费、印刷费分别为10万元、10万元、10万元。", "30", ["10", "10", "10"], True),
        ("支出100万元，具体为：工资福利支出60万元，商品和服务支出40万元。", "100", ["60", "40"], True),
        # a bracket inside an item is no item of the list
        (
            "支出预算100万元，其中基本支出60万元（含人员经费50万元），项目支出40万元。",
            "100",
            ["60", "40"],
            True,
        ),
        # "其中" is partial unless its items are the known halves or end with "其他…"
        ("收入100万元，其中：拨款60万元，事业收入30万元。", "100", ["60", "30"], False),
        ("经费61.36万元，其中办公费9.18万元，其他支出52.18万元。", "61.36", ["9.18", "52.18"], True),
        (
            "支出937.79万元，其中基本支出706.36万元；项目支出231.44万元。",
            "937.79",
            ["706.36", "231.44"],
            True,
        ),
        # the total before a sentence-opening "其中", past the change stated after it
        (
            "运行费46.56万元，比上年增加25万元。其中：购置费25万元；运行费21.56万元。",
            "46.56",
            ["25", "21.56"],
            True,
        ),
        # a closing "合计" restates the total and makes the list complete
        (
            "项目总预算1170.00万，其中A870.00万，B300.00万，合计1170.00万。",
            "1170.00",
            ["870.00", "300.00"],
            True,
        ),
    ],
)
def test_lists_are_read_with_their_total_and_completeness(text, total, parts, complete):
    [bd] = _lists(text)
    assert (bd.total.value, [p.value for p in bd.parts], bd.complete) == (
        D(total),
        [D(p) for p in parts],
        complete,
    )


def test_nested_and_bracketed_lists_keep_their_own_items():
    # 003 ~1596: the "包括" list of 基本支出 ends at "；", its items are not the outer list's
    outer, inner, single = _lists(
        "2024年支出预算937.79万元，其中基本支出706.36万元，包括人员经费644.99万元和日常公用经费61.36万元；"
        "项目支出231.44万元，主要为一般公共服务支出231.44万元。"
    )
    assert [name(p) for p in outer.parts] == ["基本支出", "项目支出"]
    assert [name(p) for p in inner.parts] == ["人员经费", "日常公用经费"]
    assert (single.total.value, [p.value for p in single.parts]) == (D("231.44"), [D("231.44")])
    # 000 ~1153: the bracket holds its own list of the 购置及运维费
    outer, inner = _lists("“三公”经费0.00万元，其中因公出国（境）费0.00万元；公务用车购置及运维费0.00万元（其中：购置费为0.00"
                          "万元，运维费0.00万元）；公务接待费0.00万元。")  # fmt: skip
    assert (len(outer.parts), len(inner.parts), outer.complete) == (3, 2, True)


def test_an_item_named_like_a_total_is_still_an_item():
    [bd] = _lists("工会经费10万元，其中：共青团活动经费4万元，合计经费核算6万元。")
    assert ([p.value for p in bd.parts], bd.complete) == ([D("4"), D("6")], False)


def test_a_rate_before_the_list_is_no_total():
    assert _lists("设备单价2万元，主要用于：购置费10万元；安装费2万元。") == []


def test_changes_thresholds_and_counts_are_no_items():
    assert _lists("较上年减少107.45万元。其中：基本支出减少158.43万元；项目支出增加50.99万元。") == []
    assert _lists("共有车辆7辆，其中：其他用车7辆；单价100万元（含）以上设备0台（套）。") == []


def _mutated(prefix: str, old: str, new: str):
    text = seed_path(prefix).read_text(encoding="utf-8")
    assert old in text
    return parse_lines("mutated.txt", text.replace(old, new, 1).split("\n"))


def _found(doc, *codes):
    return [
        (f.code, f.line, f.severity, f.expected, f.actual) for f in run_checks(doc, [RULES[c] for c in codes])
    ]


def test_003_running_cost_breakdown_sums_and_rounding_level_lists_are_info():
    # 61.36 = 9.18 + 15.9 + 9.94 + 4.86 + 21.48 (~1600) passes; 706.36 + 231.44 = 937.80 vs 937.79 and
    # 644.99 + 61.36 = 706.35 vs 706.36 (~1596) are rounding-level (2 addends, tolerance 0.01): INFO.
    assert sorted(_found(seed_doc("003"), "NAR024")) == [
        ("NAR024", 1596, Severity.INFO, D("706.36"), D("706.35")),
        ("NAR024", 1596, Severity.INFO, D("937.79"), D("937.80")),
    ]
    for prefix in ("000", "001", "002"):
        assert _found(seed_doc(prefix), "NAR024", "NAR012") == []


def test_planted_breakdown_defects():
    # one item mistyped: NAR024 reports the sum once, NAR006 the item against its 302 line
    doc = _mutated("003", "其中办公费9.18", "其中办公费8.18")
    assert ("NAR024", 1600, Severity.ERROR, D("61.36"), D("60.36")) in _found(doc, "NAR024")
    assert [f.code for f in run_checks(doc, [RULES["NAR006"]])] == ["NAR006"]
    # an item named twice
    found = run_checks(_mutated("003", "邮电费15.9万元", "办公费15.9万元"), [RULES["NAR024"]])
    [hit] = [f for f in found if f.line == 1600]
    assert "“办公费”在同一列举中出现两次" in hit.message and hit.severity is Severity.WARNING
    # a "其中" income list may fall short of its total, never exceed it
    doc = _mutated("000", "基金预算收入0.00万元", "基金预算收入10.00万元")
    assert _found(doc, "NAR024") == [("NAR024", 1145, Severity.ERROR, D("492.28"), D("502.28"))]


@pytest.mark.parametrize(
    ("purpose", "expected"),
    [
        ("主要用于：办公设备10.00万元；办公用品8.00万元", []),
        (
            "主要用于：办公设备10.00万元；办公用品9.00万元",
            [("NAR012", 1196, Severity.WARNING, D("18.00"), D("19.00"))],
        ),
        ("主要用于：办公设备10.00万元；办公用品6.00万元等", []),  # partial: may fall short of 预算数 18.00
    ],
)
def test_project_purpose_list_is_summed_to_its_budget(purpose, expected):
    # 000 项目1 办公设备购置费, 预算数 18.00 (~1188); its 资金用途 cell "办公设备购置" (~1196) rewritten
    doc = _mutated("000", "\t办公设备购置\n", f"\t{purpose}\n")
    assert _found(doc, "NAR012", "NAR024") == expected


def test_a_scaled_synthetic_variant_raises_no_error():
    # another department, year and scale (×1.37, re-rounded): re-rounding may break a sum by a cent at most
    seed = load_seed(seed_path("003"))
    text = vary(seed, Variant("777", "测试县财政局", seed.year + 1, D("1.37")))
    doc = parse_lines("variant.txt", text.split("\n"))
    assert {f.severity for f in run_checks(doc, [RULES["NAR024"]])} <= {Severity.INFO}
