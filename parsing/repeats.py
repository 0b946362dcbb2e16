"""A project table printed again further down the same document (a department with one unit prints the unit's
part as a copy of its own): the project read the first time, moved to the new lines, instead of reading it again.

A project is read from its title block up to the next text block, nothing else (parsing.projects.build_project:
the title, its rows, a caption line between them); the blocks of that stretch follow from its lines alone, once a
title opens it. The same lines further down therefore give the same project with every line number moved by the
same distance, its index aside; the problems met while reading it likewise.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsing.model import Amount, Indicator, ParseProblem, Project, replaced

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


def _moved(model: Indicator | Project, names: tuple[str, ...], by: int) -> dict[str, int]:
    """The model's line fields among `names` that hold a line, moved."""
    fields = model.__dict__  # a model's attribute read costs several times a dict's item
    return {name: line + by for name in names if (line := fields[name]) is not None}


def _amount(amount: Amount, by: int) -> Amount:
    if amount.line is None:
        return amount  # frozen and holding no line: shared
    return replaced(amount, line=amount.line + by)


def moved_project(project: Project, index: int, by: int) -> Project:
    """The project as read `by` lines further down, `index`-th of its part; equal to reading it there."""
    return replaced(
        project,
        **_moved(project, PROJECT_LINES, by),
        index=index,
        budget=_amount(project.budget, by),
        fiscal=_amount(project.fiscal, by),
        other=_amount(project.other, by),
        plan=[replaced(point, amount=_amount(point.amount, by)) for point in project.plan],
        indicators=[replaced(i, **_moved(i, INDICATOR_LINES, by)) for i in project.indicators],
    )


def moved_problem(problem: ParseProblem, by: int) -> ParseProblem:
    return problem if problem.line is None else replaced(problem, line=problem.line + by)
