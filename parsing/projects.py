"""Project 绩效目标表 rows -> Project with budget, disbursement plan and indicator rows (cells found by label)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from parsing.blocks import Row as RawRow
from parsing.model import Amount, ParseProblem, PlanPoint, Project, replaced, trusted
from parsing.project_indicators import indicator_rows
from parsing.text import clean_text, normalise_label, parse_amount

TITLE = re.compile(r"^\s*(\d+\s*[、.．]\s*)?(?P<name>.+?)(项目)?(支出)?绩效目标(申报)?表\s*$")
MONTHS = ("3月底", "6月底", "10月底", "12月底")
_MONTH_SET = frozenset(MONTHS)
_NO_AMOUNT = Amount(raw="")  # a missing cell (frozen: every project may share it)
_CENT, _HUNDRED = Decimal("0.01"), Decimal(100)  # built once: a Decimal compared with an int converts it
# Every PlanPoint and Project is built with all its fields: each model's instances share one field set
# (pydantic copies it before any change).
_PLAN_GIVEN = {"label", "amount", "is_percent"}
_CODE_LABELS = ("项目编码", "项目代码", "项目编号")
_NAME_LABELS = ("项目名称", "专项资金名称", "专项名称", "项目(专项)名称")
_LABELS = (
    *_CODE_LABELS,
    *_NAME_LABELS,
    "预算数",
    "财政资金",
    "其他资金",
    "资金支出计划",
    "绩效目标",
    "预算规模",
)


@lru_cache(maxsize=1 << 10)  # the parser reads each project's title, and a check reads it again
def project_title(text: str) -> str | None:
    """The project name in a "N、…绩效目标表" heading.

    >>> project_title("1、办公设备购置费绩效目标表"), project_title("七、部门项目预算安排情况及绩效目标")
    ('办公设备购置费', None)
    """
    match = TITLE.match(text)
    return match["name"].strip() if match else None


def _is_label(key: str) -> bool:
    return key.startswith(_LABELS) or key.endswith(_LABELS) or key.startswith("其中")


_Cell = tuple[str, int]  # a value cell's text and line


def _cell_after(row: RawRow, i: int) -> _Cell | None:
    """The cell right of the label in cell i (skipping one merged gap)."""
    texts = row.texts
    if i + 1 >= len(texts):
        return None
    j = i + 1
    if not texts[j].strip() and i + 2 < len(texts) and not _is_label(row.keys[i + 2]):
        j = i + 2
    return texts[j], row.lines[j]


_VALUE_GROUPS = (_CODE_LABELS, _NAME_LABELS, ("预算数",), ("财政资金",), ("其他资金",))
# A key ending with a label: the label before a "\n" of the row's keys joined and ended by "\n" (keys hold no
# line break). No label ends with a label of another group, so a key ends with the labels of one group at most.
_GROUP_OF = {label + "\n": g for g, group in enumerate(_VALUE_GROUPS) for label in group}
assert not any(
    a != b and a.endswith(b) and _GROUP_OF[a] != _GROUP_OF[b] for a in _GROUP_OF for b in _GROUP_OF
)
_VALUE_LABEL_END = re.compile("|".join(map(re.escape, _GROUP_OF)))
_Found = tuple[_Cell | None, int | None]


def _scan(rows: list[RawRow]) -> tuple[list[_Found], int | None, int | None, int | None]:
    """One pass over the rows, reading each row's keys once:

    - for each label group of _VALUE_GROUPS, the cell right of its first label (a key equal to or ending with
      one of them) and that label's row index;
    - the first 资金支出计划 row (a cell holds the words), 绩效目标 row (one of its first two cells is the label)
      and 一级指标 row.

    It stops when all are found (the indicator rows after them are not read)."""
    found: list[_Found] = [(None, None)] * len(_VALUE_GROUPS)
    missing = len(_VALUE_GROUPS)
    plan = goal = indicator = None
    for r_index, row in enumerate(rows):
        keys = row.keys
        joined = "\n".join(keys) + "\n"  # a word in the joined keys is a word in one key
        if missing:
            for match in _VALUE_LABEL_END.finditer(joined):  # in key order: a group's first label wins
                g = _GROUP_OF[match[0]]
                if found[g][1] is None:
                    found[g] = (_cell_after(row, joined.count("\n", 0, match.start())), r_index)
                    missing -= 1
        if plan is None and "资金支出计划" in joined:
            plan = r_index
        if goal is None and "绩效目标" in keys[:2]:
            goal = r_index
        if indicator is None and "一级指标" in joined:
            indicator = r_index
        if plan is not None and goal is not None and indicator is not None and not missing:
            break
    return found, plan, goal, indicator


def _amount(cell: _Cell | None) -> Amount:
    return parse_amount(*cell) if cell else _NO_AMOUNT


def _plan(
    rows: list[RawRow], head: int | None, budget: Amount
) -> tuple[list[PlanPoint], str | None, str | None]:
    """The 资金支出计划 under its label row `head`: points, header text and the basis of its reading."""
    if head is None:
        return [], None, None
    head_row = rows[head]
    label_row = head if not _MONTH_SET.isdisjoint(head_row.keys) else head + 1
    if label_row + 1 >= len(rows):
        return [], head_row.texts[0], None
    positions = {}  # a month printed twice: its last cell
    for i, key in enumerate(rows[label_row].keys):
        if key in _MONTH_SET:
            positions[key] = i
    values = rows[label_row + 1]
    texts, lines, n = values.texts, values.lines, len(values.texts)
    amounts = {m: parse_amount(texts[i], lines[i]) if i < n else _NO_AMOUNT for m, i in positions.items()}
    header = ""
    for text in head_row.texts:
        if "资金支出计划" in text:
            header = clean_text(text)
            break
    percent, basis = _reads_as_percent(amounts.values(), budget, header)
    points = []  # typed values (a month label, an Amount, a bool): not validated again
    for month in MONTHS:
        if month in amounts:
            fields = {"label": month, "amount": amounts[month], "is_percent": percent}
            points.append(trusted(PlanPoint, fields, _PLAN_GIVEN))
    return points, header, basis


def _reads_as_percent(amounts: Iterable[Amount], budget: Amount, header: str) -> tuple[bool, str]:
    """Which reading a plan row takes, and on what basis: "%" in a cell, else the values against 预算数 and 100.

    The basis "header" means the values alone could not decide; the document may then settle it by
    what its other projects do (settle_plan_units).
    """
    top = None
    for amount in amounts:
        if amount.unit == "%":
            return True, "cell"
        value = amount.value
        if value is not None and (top is None or value > top):
            top = value
    if top is None:
        return "%" in header, "header"
    planned = budget.value
    if planned is not None and abs(top - planned) <= _CENT and planned != _HUNDRED:
        return False, "budget"
    if top > _HUNDRED:
        return False, "above-100"
    if top == _HUNDRED:
        return True, "hundred"
    return "%" in header, "header"


def _texts_between(
    rows: list[RawRow], start: int, stop: int, skip: tuple[str, ...]
) -> tuple[str, int | None]:
    texts: list[str] = []
    line = None
    for row in rows[start:stop]:
        for text, cell_line, key in zip(
            row.texts, row.lines, row.keys, strict=True
        ):  # keys: normalised texts
            if key and not key.startswith(skip):
                texts.append(text.strip())
                line = line or cell_line
    return "\n".join(texts), line


def _unit(rows: list[RawRow], caption: tuple[str, int] | None) -> tuple[str | None, int | None]:
    """The table's "单位：万元": a cell above its first label row, or a caption line under the title."""
    for row in rows[:2]:
        for cell_line, key in zip(row.lines, row.keys, strict=True):
            if key.startswith("单位:"):
                return key.partition(":")[2] or None, cell_line
    if caption and (key := normalise_label(caption[0])).startswith("单位:"):
        return key.partition(":")[2] or None, caption[1]
    return None, None


def build_project(
    index: int,
    title: str,
    line: int,
    rows: list[RawRow],
    problems: list[ParseProblem],
    caption: tuple[str, int] | None = None,
) -> Project:
    """Read one 绩效目标表 from its rows (caption: a text line between its title and its rows)."""
    found, plan_row, goal_row, indicator_row = _scan(rows)
    (code_cell, _), (name_cell, _), (budget_cell, budget_row), (fiscal_cell, _), (other_cell, _) = found
    budget = _amount(budget_cell)
    plan, plan_header, plan_basis = _plan(rows, plan_row, budget)
    purpose, purpose_line = ("", None)
    if budget_row is not None:
        stop = plan_row if plan_row is not None else goal_row if goal_row is not None else budget_row + 2
        purpose, purpose_line = _texts_between(rows, budget_row + 1, stop, ("资金用途",))
    goal, goal_line = ("", None)
    if goal_row is not None:
        stop = indicator_row if indicator_row is not None else len(rows)
        goal, goal_line = _texts_between(rows, goal_row, stop, ("绩效目标",))
    if budget_cell is None:
        problems.append(ParseProblem(line=line, kind="unexpected-layout", message=f"{title}：未找到“预算数”"))
    (name_text, _), (code_text, _) = name_cell or ("", None), code_cell or ("", None)
    name = clean_text(name_text) if name_text.strip() else project_title(title) or title
    code = normalise_label(code_text) if code_cell else ""
    unit, unit_line = _unit(rows, caption)
    fields = {  # every field, in declaration order, typed here: not validated again (parsing.model.trusted)
        "index": index,
        "title": title,
        "name": name,
        "code": code or None,
        "budget": budget,
        "fiscal": _amount(fiscal_cell),
        "other": _amount(other_cell),
        "purpose": purpose,
        "purpose_line": purpose_line,
        "plan": plan,
        "plan_header": plan_header,
        "plan_basis": plan_basis,
        "goal": goal,
        "goal_line": goal_line,
        "indicators": indicator_rows(rows, indicator_row, problems),
        "unit": unit,
        "unit_line": unit_line,
        "line": line,
        "end_line": rows[-1].end_line if rows else line,
    }
    return trusted(Project, fields, _PROJECT_GIVEN)


_PROJECT_GIVEN = set(Project.model_fields)


def settle_plan_units(projects: list[Project]) -> list[Project]:
    """Give plans the values alone could not read the document's majority reading.

    002 prints 万元 under "资金支出计划（%）" throughout; its 项目 9 (5/8/12/40 of 50.00) fits neither 100
    nor 预算数, so it follows the other projects rather than the header.
    """
    decided = [p.plan[0].is_percent for p in projects if p.plan and p.plan_basis not in (None, "header")]
    if not decided or decided.count(True) == decided.count(False):
        return projects
    majority = decided.count(True) > decided.count(False)
    out = []
    for p in projects:
        if p.plan_basis == "header" and p.plan and p.plan[0].is_percent != majority:
            plan = [replaced(x, is_percent=majority) for x in p.plan]
            p = replaced(p, plan=plan, plan_basis="document")
        out.append(p)
    return out
