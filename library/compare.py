"""Departments side by side and year over year: headline metrics, matched lines/projects, stated changes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from rapidfuzz import fuzz

from checks.findings import Finding
from checks.support.lookup import cell, coded_rows, find_row, total_row
from checks.support.money import compare
from parsing.model import BudgetDocument, Project, Row

HUNDRED = Decimal(100)
AMBIGUITY_MARGIN = 2.0  # a runner-up within this many points of the best candidate makes a match ambiguous
METRIC_ZH = {
    "income_total": "收入总计",
    "expense_total": "支出合计",
    "basic": "基本支出",
    "project": "项目支出",
    "basic_share": "基本支出占比（%）",
    "project_share": "项目支出占比（%）",
    "personnel": "人员经费",
    "personnel_share": "人员经费占基本支出（%）",
    "three_public": "“三公”经费",
    "running_cost": "机关运行经费",
    "findings": "问题数",
    "findings_per_million": "每100万元支出问题数",
}
SUBJECT_ZH = {"total": "收支总额", "basic": "基本支出", "project": "项目支出", "three_public": "“三公”经费"}
LINE_COLUMNS = ["code", "name", "level", "old", "new", "change", "change_pct"]
_YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}年度?")
_SUFFIXES = ("项目", "专项", "经费", "资金")
_NOT_WORD = re.compile(r"[\W_]+")
_CHANGE = re.compile(
    r"较(?P<base>(?:19|20)\d{2}|上)年度?(?:预算)?(?:数)?(?P<dir>增加|减少|增长|下降)(?P<num>[\d,]+(?:\.\d+)?)(?P<unit>万元|元)"
)
_PART = re.compile(
    r"(?P<subj>基本支出|项目支出)(?:预算)?(?P<dir>增加|减少|增长|下降)(?P<num>[\d,]+(?:\.\d+)?)(?P<unit>万元|元)"
)


def _wan(value: Decimal | None, unit: str) -> Decimal | None:
    return None if value is None else value / 10000 if unit == "元" else value


def _share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (part / whole * HUNDRED).quantize(Decimal("0.01"))


def _value(row: Row | None, column: str) -> Decimal | None:
    """A total cell; blank reads as 0 when the row exists (an empty 三公 合计 is a 0 budget)."""
    amount = cell(row, column)
    return None if amount is None else amount.number


def department_metrics(doc: BudgetDocument) -> dict[str, Decimal | None]:
    """Headline totals of the department part in 万元, shares in percent (keys as in METRIC_ZH)."""
    summary, expense = doc.table("summary"), doc.table("expense")
    t3, t6 = total_row(expense), total_row(doc.table("general_basic"))
    t9 = total_row(doc.table("three_public"))
    income = find_row(summary, "收入总计", side="income") or find_row(summary, "收入总计")
    expense_total = _value(t3, "total") if t3 else _value(total_row(summary, "expense"), "amount")
    out = {
        "income_total": _value(income, "amount") or _value(total_row(doc.table("income")), "total"),
        "expense_total": expense_total,
        "basic": _value(t3, "basic"),
        "project": _value(t3, "project"),
        "personnel": _value(t6, "personnel"),
        "three_public": _value(t9, "total"),
        "running_cost": _value(t6, "public"),  # 机关运行经费 = 一般公共预算基本支出中的公用经费
    }
    out = {k: _wan(v, doc.unit) for k, v in out.items()}
    out["basic_share"] = _share(out["basic"], out["expense_total"])
    out["project_share"] = _share(out["project"], out["expense_total"])
    out["personnel_share"] = _share(out["personnel"], _wan(_value(t6, "total"), doc.unit))
    return out


def metrics_frame(
    docs: Mapping[str, BudgetDocument], findings_by_doc: Mapping[str, Sequence[Finding]]
) -> pd.DataFrame:
    """One row per document label, METRIC_ZH columns (float), findings per 100万元 of 支出合计."""
    rows = {}
    for label, doc in docs.items():
        metrics = department_metrics(doc)
        count = len(findings_by_doc.get(label, ()))
        spend = metrics["expense_total"]
        metrics["findings"] = Decimal(count)
        metrics["findings_per_million"] = (
            (Decimal(count) / spend * HUNDRED).quantize(Decimal("0.01")) if spend else None
        )
        rows[label] = {METRIC_ZH[k]: float(v) if v is not None else None for k, v in metrics.items()}
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(METRIC_ZH.values()), dtype="float64")


def department_key(name: str | None) -> str:
    """A department name for matching: NFKC, no spaces or punctuation.

    >>> department_key("上海市普陀区 规划和自然资源局"), department_key(None)
    ('上海市普陀区规划和自然资源局', '')
    """
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", name or ""))


def same_department(a: BudgetDocument, b: BudgetDocument) -> bool:
    """Same code (unless both names are present and clearly differ) or names at least 90 % alike.

    Codes are local (区县) numbers, so two departments elsewhere may share one: a code alone is not enough
    when the names disagree (ratio < 60).
    """
    ratio = fuzz.ratio(department_key(a.department_name), department_key(b.department_name))
    if a.department_code and a.department_code == b.department_code:
        return not (a.department_name and b.department_name) or ratio >= 60
    return bool(a.department_name and b.department_name) and ratio >= 90


def yoy_pairs(docs: Sequence[BudgetDocument]) -> list[tuple[int, int]]:
    """(older, newer) index pairs of the same department in different years, older year first (budgets with
    budgets, 决算 with 决算)."""
    pairs = []
    for i, a in enumerate(docs):
        for j, b in enumerate(docs):
            years = a.budget_year and b.budget_year and a.budget_year < b.budget_year
            if years and a.kind == b.kind and same_department(a, b):
                pairs.append((i, j))
    return sorted(pairs, key=lambda p: (docs[p[0]].budget_year, docs[p[1]].budget_year))


def normalise_project_name(name: str) -> str:
    """Key for matching projects across years: no year prefix, generic suffixes or punctuation.

    >>> normalise_project_name("2024年信访专项经费"), normalise_project_name("信访专项")
    ('信访', '信访')
    >>> normalise_project_name("2021年度城乡居民医保结算亏损（沧县代管）")
    '城乡居民医保结算亏损沧县代管'
    >>> normalise_project_name("专项经费"), normalise_project_name("2024年 劳动仲裁项目")
    ('专项', '劳动仲裁')
    """
    key = _NOT_WORD.sub("", _YEAR_PREFIX.sub("", unicodedata.normalize("NFKC", name).strip()))
    while True:
        cut = next((s for s in _SUFFIXES if key.endswith(s) and len(key) > len(s)), None)
        if cut is None or not key[: -len(cut)].strip():
            return key
        key = key[: -len(cut)]


@dataclass(frozen=True)
class Match:
    """old/new project (None when unmatched); score 100 for equal normalised names, else fuzz.ratio."""

    old: Project | str | None
    new: Project | str | None
    score: float
    ambiguous: bool = False
    candidates: tuple[tuple[str, float], ...] = ()  # the tied top candidates of an ambiguous match


def _name(item: Project | str) -> str:
    return item if isinstance(item, str) else item.name


def match_projects(
    old_projects: Sequence[Project | str], new_projects: Sequence[Project | str], threshold: float = 80
) -> list[Match]:
    """One-to-one greedy matching by score; near-ties are reported as ambiguous, never guessed.

    >>> [(m.old, m.new, m.score) for m in match_projects(["信访专项经费", "综治专项"], ["2024年信访经费"])]
    [('信访专项经费', '2024年信访经费', 100.0), ('综治专项', None, 0.0)]
    >>> m = match_projects(["劳动仲裁"], ["劳动仲裁", "劳动仲裁项目"])[0]
    >>> m.ambiguous, m.new, m.candidates
    (True, None, (('劳动仲裁', 100.0), ('劳动仲裁项目', 100.0)))
    """
    old_keys = [normalise_project_name(_name(p)) for p in old_projects]
    new_keys = [normalise_project_name(_name(p)) for p in new_projects]
    score: dict[tuple[int, int], float] = {}
    for i, a in enumerate(old_keys):
        for j, b in enumerate(new_keys):
            s = 100.0 if a == b else fuzz.ratio(a, b, score_cutoff=threshold)
            if s and s >= threshold:
                score[i, j] = float(s)
    paired: dict[int, int] = {}
    amb_old: dict[int, set[int]] = {}
    amb_new: dict[int, set[int]] = {}
    for (i, j), s in sorted(score.items(), key=lambda kv: (-kv[1], kv[0])):
        if i in paired or j in paired.values() or i in amb_old or j in amb_new:
            continue
        near = s - AMBIGUITY_MARGIN
        rivals_new = {j2 for (i2, j2), s2 in score.items() if i2 == i and j2 != j and s2 >= near}
        rivals_old = {i2 for (i2, j2), s2 in score.items() if j2 == j and i2 != i and s2 >= near}
        rivals_new -= set(paired.values())
        rivals_old -= set(paired)
        if not rivals_new and not rivals_old:
            paired[i] = j
            continue
        for i2 in {i, *rivals_old}:
            amb_old.setdefault(i2, set()).update({j, *rivals_new} if i2 == i else {j})
        for j2 in {j, *rivals_new}:
            amb_new.setdefault(j2, set()).update({i, *rivals_old} if j2 == j else {i})

    def tied(pairs: set[tuple[int, int]], names: Sequence[Project | str], side: int) -> tuple:
        ranked = sorted(((_name(names[p[side]]), score[p]) for p in pairs), key=lambda t: (-t[1], t[0]))
        return tuple(ranked[:2])

    out = [Match(old_projects[i], new_projects[j], score[i, j]) for i, j in paired.items()]
    for i, js in amb_old.items():
        cands = tied({(i, j) for j in js}, new_projects, 1)
        out.append(Match(old_projects[i], None, cands[0][1], True, cands))
    for j, is_ in amb_new.items():
        cands = tied({(i, j) for i in is_}, old_projects, 0)
        out.append(Match(None, new_projects[j], cands[0][1], True, cands))
    out += [Match(p, None, 0.0) for i, p in enumerate(old_projects) if i not in paired and i not in amb_old]
    out += [
        Match(None, p, 0.0)
        for j, p in enumerate(new_projects)
        if j not in paired.values() and j not in amb_new
    ]
    return out


def match_lines(old_doc: BudgetDocument, new_doc: BudgetDocument, table_key: str) -> pd.DataFrame:
    """合计 and coded rows of one table (T3 by 功能分类, T6 by 经济分类), 'total' column, 万元 and %."""
    sides = []
    for doc in (old_doc, new_doc):
        table = doc.table(table_key)
        rows = {"合计": total_row(table)} if total_row(table) else {}
        rows.update(coded_rows(table))
        sides.append({k: (r, _wan(_value(r, "total"), doc.unit)) for k, r in rows.items()})
    old, new = sides
    records = []
    for code in sorted(set(old) | set(new), key=lambda c: (c != "合计", c)):
        row = (new.get(code) or old[code])[0]
        a, b = old.get(code, (None, None))[1], new.get(code, (None, None))[1]
        if not a and not b:
            continue
        change = (b or Decimal(0)) - (a or Decimal(0))
        pct = float((change / a * HUNDRED).quantize(Decimal("0.01"))) if a else None
        records.append([None if code == "合计" else code, row.name, row.level, a, b, change, pct])
    frame = pd.DataFrame(records, columns=LINE_COLUMNS)
    for column in ("old", "new", "change", "change_pct"):
        frame[column] = pd.to_numeric(frame[column].astype("object"), errors="coerce").astype("float64")
    return frame.astype({"level": "Int64"})


@dataclass(frozen=True)
class StatedChange:
    """'较2022年减少187.17万元' as read from the text: subject, base year, signed change (万元), line."""

    subject: str  # total, basic, project, three_public
    base_year: int | None
    change: Decimal
    line: int
    text: str


def _signed(direction: str, number: str, unit: str) -> Decimal:
    value = Decimal(number.replace(",", ""))
    value = value / 10000 if unit == "元" else value
    return -value if direction in ("减少", "下降") else value


def stated_changes(doc: BudgetDocument) -> list[StatedChange]:
    """比上年增减 statements in the overview (total, 基本支出, 项目支出) and the 三公 section (total only).

    "较上年" means budget_year - 1; "其中：基本支出减少19.04万元" after a 较 statement shares its base year.
    """
    out: list[StatedChange] = []
    for key in ("overview", "three_public"):
        section = doc.section(key)
        for para in section.paragraphs if section else []:
            text = unicodedata.normalize("NFKC", para.text).replace(" ", "")
            found = list(_CHANGE.finditer(text))
            for n, m in enumerate(found):
                base = doc.budget_year - 1 if m["base"] == "上" and doc.budget_year else None
                base = int(m["base"]) if m["base"] != "上" else base
                clause = re.split(r"[,，;；。:：]", text[: m.start()].rstrip(",，"))[-1]
                subject = "three_public" if key == "three_public" or "三公" in clause else "total"
                subject = next((s for s in ("basic", "project") if SUBJECT_ZH[s] in clause), subject)
                if key == "three_public" and "三公" not in clause:
                    continue  # 公务接待费 etc.: items we do not total
                out.append(
                    StatedChange(subject, base, _signed(m["dir"], m["num"], m["unit"]), para.line, m[0])
                )
                if key == "overview":
                    stop = found[n + 1].start() if n + 1 < len(found) else len(text)
                    for p in _PART.finditer(text, m.end(), stop):
                        subj = "basic" if p["subj"] == "基本支出" else "project"
                        out.append(
                            StatedChange(subj, base, _signed(p["dir"], p["num"], p["unit"]), para.line, p[0])
                        )
    return out


def verify_stated_changes(old_doc: BudgetDocument, new_doc: BudgetDocument) -> pd.DataFrame:
    """The newer year's stated changes against the tables of both years (rounding: 2 addends, 0.01)."""
    before, after = department_metrics(old_doc), department_metrics(new_doc)
    metric = {
        "total": "expense_total",
        "basic": "basic",
        "project": "project",
        "three_public": "three_public",
    }
    verdict_zh = {"equal": "一致", "rounding": "舍入差异", "mismatch": "不一致"}
    records = []
    for c in stated_changes(new_doc):
        if c.base_year != old_doc.budget_year:
            continue
        a, b = before[metric[c.subject]], after[metric[c.subject]]
        computed = b - a if a is not None and b is not None else None
        verdict = verdict_zh[compare(computed, c.change, 2).value] if computed is not None else "无法计算"
        diff = float(c.change - computed) if computed is not None else None
        records.append(
            [
                SUBJECT_ZH[c.subject],
                c.text,
                float(c.change),
                None if computed is None else float(computed),
                diff,
                verdict,
                c.line,
            ]
        )
    return pd.DataFrame(
        records, columns=["subject", "text", "stated", "computed", "difference", "verdict", "line"]
    )


def department_curve(
    curves: Sequence[tuple[Decimal | None, Sequence[tuple[str, Decimal | None]]]],
) -> list[tuple[str, float]]:
    """Budget-weighted mean of project curves (cumulative %); projects without budget or points are left out."""
    sums: dict[str, Decimal] = {}
    weights: dict[str, Decimal] = {}
    for budget, points in curves:
        for label, pct in points if budget else ():
            if pct is not None:
                sums[label] = sums.get(label, Decimal(0)) + pct * budget
                weights[label] = weights.get(label, Decimal(0)) + budget
    return [(label, float(sums[label] / weights[label])) for label in sums]
