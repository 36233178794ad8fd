"""Planned weeks for a test's set-up, the solver run once per test session per week.

Most planner tests need the demo family's week planned to act on it; they do
not test the solve, and each new family has the same input but for its ids.
`generate_reusing_solve` stores a week as `schedule_generate` does (the same
rows, snapshot and report) but hands it the solver's answer for the same input,
ids aside, from the first solve of it in this test session (each xdist worker
has its own). An answer is only reused after the validator passes it for the
input at hand; otherwise the week is solved anew.

Tests of generation itself (versions, kept work, the API) solve for real.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from unittest import mock

from brightpath.planner.engine import solver, validator
from brightpath.planner.engine.model import Session, WeekInput, WeekResult
from brightpath.planner.models import Schedule
from brightpath.planner.services import generation, schedule_generate

# A set-up solve measures nothing: the short limit the tests used before.
SETUP_TIME_LIMIT = 1.0

# The input with its ids taken out (see _key) -> the answer, in the same terms.
_solved: dict[str, WeekResult] = {}


def generate_reusing_solve(
    *, family, week_start: dt.date, **kwargs
) -> tuple[list[Schedule], WeekResult]:
    """schedule_generate(family=..., week_start=..., ...) with the solve reused."""
    with reusing_solves():
        return schedule_generate(
            family=family, week_start=week_start, time_limit=SETUP_TIME_LIMIT, **kwargs
        )


def reusing_solves():
    """Within it, generation (schedule_generate, schedule_ensure) reuses solves."""
    return mock.patch.object(generation, "solve", solve_once)


def solve_once(week: WeekInput, *, time_limit: float = SETUP_TIME_LIMIT) -> WeekResult:
    names = _names(week)
    key = _key(week, names)
    if key in _solved:
        back = {name: original for original, name in names.items()}
        result = _renamed(_solved[key], back)
        if validator.validate(week, result) == []:
            return result
    result = solver.solve(week, time_limit=min(time_limit, SETUP_TIME_LIMIT))
    _solved[key] = _renamed(result, names)
    return result


def _names(week: WeekInput) -> dict[str, str]:
    """The week's ids -> names by position, the same for every family made alike."""
    names = {}
    for c, child in enumerate(week.children):
        names[child.id] = f"<child {c}>"
        for s, subject in enumerate(child.subjects):
            names[subject.id] = f"<child {c} subject {s}>"
    busy = itertools.chain(
        *(day for child in week.children for day in child.commitments.values()),
        *week.family_commitments.values(),
    )
    for commitment in busy:  # not read by the engine, which works by name and time
        if commitment.commitment_id is not None:
            names[commitment.commitment_id] = "<commitment>"
    return names


def _key(week: WeekInput, names: dict[str, str]) -> str:
    return repr(_plain(week, names))


def _plain(value, names: dict[str, str]):
    """Nested tuples of the value, ids renamed and mappings in a stable order."""
    if dataclasses.is_dataclass(value):
        fields = dataclasses.fields(value)
        return (
            type(value).__name__,
            *((f.name, _plain(getattr(value, f.name), names)) for f in fields),
        )
    if isinstance(value, dict):
        return (
            "dict",
            *sorted(((_plain(k, names), _plain(v, names)) for k, v in value.items()), key=repr),
        )
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, *(_plain(v, names) for v in value))
    if isinstance(value, str):
        return names.get(value, value)
    return value


def _renamed(value, names: dict[str, str]):
    """The engine's answer with its ids swapped by `names`."""
    if isinstance(value, Session):
        return dataclasses.replace(
            value,
            child_id=names.get(value.child_id, value.child_id),
            subject_id=names.get(value.subject_id, value.subject_id),
            grouped_with=tuple(sorted(names.get(c, c) for c in value.grouped_with)),
        )
    if dataclasses.is_dataclass(value):
        changes = {
            f.name: _renamed(getattr(value, f.name), names)
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_renamed(v, names) for v in value)
    if isinstance(value, str):
        return names.get(value, value)
    return value
