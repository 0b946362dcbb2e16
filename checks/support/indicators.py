"""Per-indicator quality verdicts (财预〔2021〕101号 细化、量化): one source for the IND rules and the dashboard."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from checks.support.money import fmt
from parsing.model import Indicator, Project
from parsing.text import normalise_comparators, normalise_label

VERDICT_ZH = {
    "ok": "合格",
    "no-number": "无量化数值",
    "category-as-value": "以类别名称作指标值",
    "satisfaction-no-threshold": "满意度无量化标准",
    "no-unit": "缺少计量单位",
    "unit-mismatch": "单位与指标名称不符",
    "no-comparator": "缺少比较符（≥/≤）",
    "ceiling": "上限式目标（≥100%）",
    "cost-rate": "成本指标为比率",
    "cost-unitless": "成本指标无单位",
    "cost-not-money": "成本指标不是金额",
    "cost-over-budget": "成本超过预算数",
    "wrong-category": "指标类别不当",
}
RATE = re.compile(r"率|比例|占比|比重|满意度|覆盖|合格|达标|完成度|知晓度|百分比")
COUNT = re.compile(r"数量|人数|次数|个数|场次|件数|户数|人次|名额|台数|(?<![指系分倍参函])数$")
COUNT_UNIT = re.compile(
    r"^(人次|批次|人|个|次|件|台|名|户|条|本|场|套|家|项|处|辆|期|批|所|篇|部|张|份|册|座|间)"
)
_UNIT_IN_NAME = re.compile(r"([(]\s*[^()\d]{1,4}\s*[)]|%)$")
_TIME_WORDS = re.compile(r"年底|年末|年内|季度|上半年|下半年|月底|月末|当月|当年|全年")
_CATEGORY_NAME = re.compile(
    r"^((经济|社会|生态)效益|可持续(影响)?|数量|质量|时效|成本|满意度|服务对象满意度|产出|效益)(指标)?$"
)
_MONEY = {"万元": Decimal(1), "千元": Decimal("0.1"), "元": Decimal("0.0001"), "亿元": Decimal(10000)}
_MONEY_UNIT = re.compile(r"亿元|万元|千元|元")
_ON_TIME = re.compile(r"及时|按时")
_DIGIT = re.compile(r"\d")
_PER_UNIT = re.compile(r"人均|单价|单位|每|标准|/")
_EMBEDDED = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<unit>%|亿元|万元|千元|元|[^\d,，。；;、:：]{0,2})")
_OUTPUT, _EFFECT = ("数量", "质量", "时效", "成本"), ("经济效益", "社会效益", "生态效益", "可持续")
_LEVEL2 = {**dict.fromkeys(_OUTPUT, "产出"), **dict.fromkeys(_EFFECT, "效益"), "满意": "满意度"}
_LEVEL1 = {"满意": "满意度", "产出": "产出", "效益": "效益", "效果": "效益", "成本": "成本"}


def project_budget(project: Project) -> Decimal | None:
    """预算数, or 财政资金 + 其他资金 when 预算数 is unreadable ("2..5")."""
    if project.budget.value is not None:
        return project.budget.value
    if project.fiscal.value is not None:
        return project.fiscal.value + (project.other.value or Decimal(0))
    return None


def wan(value: Decimal) -> str:
    """万元 with two decimals, all significant ones below 1 (95 元 = 0.0095 万元).

    >>> wan(Decimal("3")), wan(Decimal("0.0095")), wan(Decimal("0.018"))
    ('3.00', '0.0095', '0.018')
    """
    return fmt(value) if value == 0 or abs(value) >= 1 else f"{value.normalize():f}"


@lru_cache(maxsize=1 << 15)
def key(text: str) -> str:
    """Label key: NFKC, no whitespace, unified comparators, 百分比 → %."""
    text = unicodedata.normalize("NFKC", text)
    if text.isalnum() and "百" not in text:
        # most labels: letters and digits only (no space, quote, bookmark or comparator), nothing to unify
        return text
    return normalise_comparators(normalise_label(text))


@lru_cache(maxsize=4096)  # few distinct 一级/二级 labels, asked about several times per indicator
def level1_kind(text: str) -> str | None:
    """产出 / 效益 / 满意度 / 成本 (a first level of its own in 101号); "效果指标" counts as 效益."""
    k = key(text)
    return next((kind for word, kind in _LEVEL1.items() if word in k), None)


@lru_cache(maxsize=4096)
def level2_kind(text: str) -> str | None:
    k = key(text)
    return next((word for word in _LEVEL2 if word in k), None)


class Fields(NamedTuple):
    """What the verdicts read of an indicator: its printed cells and its 指标值 as read (IndicatorValue)."""

    level1: str
    level2: str
    level3: str
    description: str
    value: str  # raw 指标值
    basis: str
    comparator: str | None
    number: Decimal | None
    unit: str | None


# Fields' values, picked from an Indicator's and its IndicatorValue's __dict__ (a model's attribute read costs
# several times a dict's item)
_PRINTED_FIELDS = itemgetter("level1", "level2", "level3", "description", "value", "basis")
PARSED_FIELDS = itemgetter("comparator", "number", "unit")
_new = tuple.__new__


def fields(ind: Indicator) -> Fields:
    """The indicator's Fields (indicator_rows reads a row's content key through PARSED_FIELDS and the same cells).

    >>> from parsing.model import IndicatorValue
    >>> ind = Indicator(level1="产出指标", level2="数量指标", level3="培训人次", description="", value="≥100人次",
    ...                 basis="计划", line=9, parsed=IndicatorValue(comparator="≥", number=Decimal(100), unit="人次"))
    >>> fields(ind) == Fields("产出指标", "数量指标", "培训人次", "", "≥100人次", "计划", "≥", Decimal(100), "人次")
    True
    """
    return _new(Fields, (*_PRINTED_FIELDS(ind.__dict__), *PARSED_FIELDS(ind.__dict__["parsed"].__dict__)))


def is_cost(ind: Indicator) -> bool:
    return _levels(ind.level1, ind.level2).cost


class _Levels(NamedTuple):
    """What an indicator's 一级 and 二级 labels say on their own."""

    level2: str | None  # level2_kind
    wrong: tuple[str, ...]  # the pair's own category defect (an unknown 一级, a 二级 of another 一级)
    satisfaction: bool
    cost: bool
    names: tuple[
        str, str
    ]  # the 二级 and 一级 keys without "指标": a value that only repeats one names no number


@lru_cache(maxsize=4096)  # a part has a handful of pairs, read by every indicator's verdicts
def _levels(level1: str, level2: str) -> _Levels:
    l1, l2 = level1_kind(level1), level2_kind(level2)
    wrong: tuple[str, ...] = ()
    if level1 and (l1 is None or "效果" in key(level1)):
        wrong = (f"一级指标“{level1}”不是产出/效益/满意度（或成本）指标",)
    elif l1 and l2 and _LEVEL2[l2] != l1 and not (l1 == "成本" and l2 == "成本"):
        wrong = (f"二级指标“{level2}”不属于一级指标“{level1}”",)
    names = (key(level2).removesuffix("指标"), key(level1).removesuffix("指标"))
    return _Levels(l2, wrong, l1 == "满意度" or l2 == "满意", l2 == "成本" or l1 == "成本", names)


def number_and_unit(ind: Fields) -> tuple[Decimal | None, str | None]:
    """The indicator's number and unit, also when the number sits inside text ("补贴不超过180")."""
    if ind.number is not None:
        return ind.number, ind.unit
    match = _EMBEDDED.search(key(ind.value))
    return (Decimal(match["num"]), match["unit"] or None) if match else (None, None)


def cost_amount(ind: Fields) -> Decimal | None:
    """A cost indicator's money in 万元 when it names a money unit (元, 万元 …)."""
    number, unit = number_and_unit(ind)
    money = _MONEY_UNIT.match(unit or "")
    return number * _MONEY[money.group()] if number is not None and money else None


@lru_cache(maxsize=1 << 14)  # the same 三级指标 recur under the same pair across projects and parts
def _category(level1: str, level2: str, level3: str) -> tuple[tuple[str, str], ...]:
    levels, name = _levels(level1, level2), key(level3)
    l2 = levels.level2
    wrong = [*levels.wrong]
    if l2 and _CATEGORY_NAME.match(name) and level2_kind(name) not in (None, l2):
        wrong.append(f"名称是另一类别，却列在“{level2}”下")
    if l2 == "数量" and RATE.search(name) and not COUNT.search(name):
        wrong.append("是比率，却列在数量指标下")
    if l2 == "时效" and "成本" in name:
        wrong.append("讲成本，却列在时效指标下")
    if l2 == "质量" and _ON_TIME.search(name):
        wrong.append("讲时效，却列在质量指标下")
    if levels.satisfaction and name and "满意" not in name:
        wrong.append("不是满意度，却列在满意度指标下")
    return tuple([("wrong-category", w) for w in wrong])


def _no_number(ind: Fields, value: str, levels: _Levels) -> list[tuple[str, str]]:
    if not value:
        return [("no-number", "指标值为空")]
    if value in ("是", "否") or (levels.level2 == "时效" and _TIME_WORDS.search(value)):
        return []  # yes/no, or a date such as "年底前完成": checkable
    if levels.satisfaction:
        return [("satisfaction-no-threshold", f"满意度“{ind.value}”没有量化标准（如≥90%）")]
    bare = value.removesuffix("指标")
    if _CATEGORY_NAME.match(bare) or bare in levels.names:
        return [("category-as-value", f"指标值“{ind.value}”只是类别名称")]
    return [("no-number", f"指标值“{ind.value}”无数值")]


def _units(ind: Fields) -> list[tuple[str, str]]:
    number, unit, comparator = ind.number, ind.unit, ind.comparator
    if number is None:
        return []  # a number inside a sentence ("组织1次以上维修"): readable, leave it
    name = key(ind.level3) or key(ind.description)
    rate, count = RATE.search(name), COUNT.search(name)
    out: list[tuple[str, str]] = []
    if unit is None and not _UNIT_IN_NAME.search(name):
        hint = "，名称是比率，应标%" if rate else "，名称是计数，应标个/人/次等单位" if count else ""
        out.append(("no-unit", f"“{ind.value}”没有单位{hint}"))
    elif unit == "%" and count and not rate:
        out.append(("unit-mismatch", f"计数指标却以“{ind.value}”表示"))
    elif unit and rate and not count and COUNT_UNIT.match(unit):
        out.append(("unit-mismatch", f"比率指标却以“{ind.value}”表示"))
    if unit == "%" or (unit is None and rate):
        if comparator in ("≥", ">") and number >= 100:
            out.append(("ceiling", f"“{ind.value}”为上限式目标，达不到更高，区分度低"))
        elif comparator is None and (unit == "%" or (unit is None and "%" in name)) and number < 100:
            out.append(("no-comparator", f"“{ind.value}”未写≥或≤，不知是下限还是确数"))
    return out


def _cost(ind: Fields, budget: Decimal | None) -> list[tuple[str, str]]:
    number, unit = number_and_unit(ind)
    if number is None:
        return []
    name = key(ind.level3) + key(ind.description)
    if unit == "%" or (unit is None and RATE.search(key(ind.level3))):
        return [("cost-rate", f"“{ind.value}”是比率，不是金额，无法与预算数核对")]
    if unit is None:
        versus = f"；预算数{fmt(budget)}万元" if budget is not None else ""
        rate = "，形似比率" if ind.comparator in ("≥", ">") and number <= 100 else ""
        reading = f"按万元读为{fmt(number)}万元，按元读为{wan(number / 10000)}万元"
        return [("cost-unitless", f"“{ind.value}”无单位{rate}：{reading}{versus}")]
    amount = cost_amount(ind)
    if amount is None:
        return [("cost-not-money", f"“{ind.value}”不是金额（单位“{unit}”）")]
    if budget is not None and amount > budget and not _PER_UNIT.search(name + unit):
        return [("cost-over-budget", f"“{ind.value}”即{fmt(amount)}万元，超过预算数{fmt(budget)}万元")]
    return []


def verdicts(ind: Fields, budget: Decimal | None) -> list[tuple[str, str]]:
    """Every (verdict_code, reason_zh) for one indicator; [("ok", "")] when nothing is wrong."""
    levels, value = _levels(ind.level1, ind.level2), key(ind.value)
    out = [*_category(ind.level1, ind.level2, ind.level3)]
    if not _DIGIT.search(value):
        out += _no_number(ind, value, levels)
    else:
        out += _cost(ind, budget) if levels.cost else _units(ind)
    return out or [("ok", "")]


def project_label(project: Project) -> str:
    """项目N“名称”: same-name projects (002 劳动仲裁 ×2) stay apart in messages."""
    return f"项目{project.index}“{project.name}”"
