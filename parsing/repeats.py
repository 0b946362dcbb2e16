"""A project table printed again further down the same document (a department with one unit prints the unit's
part as a copy of its own): the project read the first time, moved to the new lines, instead of reading it again.

A project is read from its title block up to the next text block, nothing else (parsing.projects.build_project:
the title, its rows, a caption line between them); the blocks of that stretch follow from its lines alone, once a
title opens it. The same lines further down therefore give the same project with every line number moved by the
same distance, its index aside; the problems met while reading it likewise.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsing.model import Amount, Indicator, ParseProblem, PlanPoint, Project, trusted

# Every int field of the models a Project holds that is a line number, by model; test_repeats checks that no
# other int field is one (a new line field must be listed here).
PROJECT_LINES = ("purpose_line", "goal_line", "unit_line", "line", "end_line")
INDICATOR_LINES = ("line", "row_line")


@dataclass(frozen=True)
class ReadProject:
    """A project as read, with the source lines it was read from and the problems met reading them."""

    source: tuple[str, ...]  # its title line up to the line before the next text block
    project: Project
    problems: tuple[ParseProblem, ...]


def _moved(data: dict, names: tuple[str, ...], by: int) -> dict:
    for name in names:
        if data[name] is not None:
            data[name] += by
    return data


def _amount(amount: Amount, by: int) -> Amount:
    if amount.line is None:
        return amount  # frozen and holding no line: shared
    data = amount.__dict__.copy()
    data["line"] += by
    # fields sets are shared between instances, as elsewhere in the parser (model_copy and replaced copy them)
    return trusted(Amount, data, amount.__pydantic_fields_set__)


def _point(point: PlanPoint, by: int) -> PlanPoint:
    data = point.__dict__.copy()
    data["amount"] = _amount(point.amount, by)
    return trusted(PlanPoint, data, point.__pydantic_fields_set__)


def _indicator(indicator: Indicator, by: int) -> Indicator:
    data = _moved(indicator.__dict__.copy(), INDICATOR_LINES, by)
    return trusted(Indicator, data, indicator.__pydantic_fields_set__)


def moved_project(project: Project, index: int, by: int) -> Project:
    """The project as read `by` lines further down, `index`-th of its part; equal to reading it there."""
    data = _moved(project.__dict__.copy(), PROJECT_LINES, by)
    data["index"] = index
    data["budget"] = _amount(project.budget, by)
    data["fiscal"] = _amount(project.fiscal, by)
    data["other"] = _amount(project.other, by)
    data["plan"] = [_point(p, by) for p in project.plan]
    data["indicators"] = [_indicator(i, by) for i in project.indicators]
    return trusted(Project, data, project.__pydantic_fields_set__)


def moved_problem(problem: ParseProblem, by: int) -> ParseProblem:
    if problem.line is None:
        return problem
    return trusted(
        ParseProblem, {**problem.__dict__, "line": problem.line + by}, problem.__pydantic_fields_set__
    )
