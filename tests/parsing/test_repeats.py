"""A project table printed again (a department's one unit printed as a copy of its part) is moved, not read again:
the document equals the one read table by table, problems included."""

from __future__ import annotations

import types
import typing
from pathlib import Path

from pydantic import BaseModel

import parsing.document as document
from parsing import parse_lines
from parsing.model import Amount, Indicator, ParseProblem, Project
from parsing.readers import read_source
from parsing.repeats import INDICATOR_LINES, PROJECT_LINES, ReadProject

SEED = Path(__file__).parents[1] / "data" / "seeds" / "002_25a7642d433ed1a7.txt"


def _seed_lines() -> list[str]:
    return list(read_source(SEED.name, SEED.read_bytes()).lines)


def _read_every_time(monkeypatch) -> None:
    """No project is found again: every one is read from its rows."""
    monkeypatch.setattr(
        document, "ReadProject", lambda source, project, problems: ReadProject((), project, problems)
    )


def test_repeated_projects_equal_reading_them_again(monkeypatch):
    lines = _seed_lines()
    # the first project's 指标值 header cell, in the department's part and in its copy in the unit's part
    for number in (1979, 1979 + 5505):
        assert lines[number - 1] == "\t指标值"
        lines[number - 1] = "\t指标"
    built = []
    build = document.build_project
    monkeypatch.setattr(document, "build_project", lambda *args: built.append(args) or build(*args))
    moved = parse_lines(SEED.name, lines)
    assert len(built) == 27  # the department's projects: the unit's copies are moved
    _read_every_time(monkeypatch)
    read = parse_lines(SEED.name, lines)
    unit = moved.units[0]
    assert len(unit.projects) == 27 and [p.kind for p in unit.problems] == ["unexpected-layout"]
    assert unit.problems[0].line == moved.problems[0].line + 5505
    assert moved.model_dump_json() == read.model_dump_json()
    assert [p.model_fields_set for p in unit.projects] == [p.model_fields_set for p in read.units[0].projects]


def test_a_changed_copy_is_read_again():
    lines = _seed_lines()
    lines[1979 + 5505 - 1] = "\t指标"  # only the unit's copy
    doc = parse_lines(SEED.name, lines)
    assert [p.kind for p in doc.problems] == [] and len(doc.units[0].problems) == 1


def _int_fields(model: type[BaseModel], out: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Every int field (int or int | None) of the model and of the models it holds, as (model, field)."""
    for name, info in model.model_fields.items():
        todo = [info.annotation]
        while todo:
            kind = todo.pop()
            if kind is int:
                out.add((model.__name__, name))
            elif isinstance(kind, type) and issubclass(kind, BaseModel):
                _int_fields(kind, out)
            elif isinstance(kind, types.UnionType | types.GenericAlias) or typing.get_origin(kind):
                todo += typing.get_args(kind)
    return out


def test_every_line_field_is_moved():
    lines = {("Project", n) for n in PROJECT_LINES} | {("Indicator", n) for n in INDICATOR_LINES}
    assert _int_fields(Project, set()) == lines | {
        ("Project", "index"),
        ("Amount", "decimals"),
        ("Amount", "line"),
    }
    assert _int_fields(ParseProblem, set()) == {("ParseProblem", "line")}
    assert (
        Amount.model_fields["line"].annotation == int | None
        and Indicator.model_fields["line"].annotation is int
    )
