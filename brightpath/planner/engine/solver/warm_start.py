"""Warm starts: a valid week hinted to the model, so that a search starts from
it rather than from nothing.

Two weeks are hinted: the greedy first-fit week before stage 1, and stage 1's
week with what greedy fill-in fits around it (see stages.top_up). Both keep
every hard rule by construction (greedy.py), so either can stand in for a
search the clock stopped.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..greedy import fill_in, greedy_first_fit
from ..model import Session
from .builder import _Builder

# Deterministic seconds for completing a warm start (measured: under 0.001).
COMPLETION_TIME = 0.5


@dataclass(frozen=True)
class WarmStart:
    """A valid week, hinted: its sessions, the same as decisions (variable
    index -> value), and its placement value (None when the run completing the
    hint found nothing, see _warm_start)."""

    sessions: list[Session]
    decisions: dict[int, int]
    value: int | None


def greedy_warm_start(model: cp_model.CpModel, builder: _Builder) -> WarmStart:
    """The greedy first-fit week, hinted for stage 1."""
    greedy = greedy_first_fit(builder.week)
    decisions = builder.decisions_of(greedy.sessions)
    return WarmStart(list(greedy.sessions), decisions, _value(_warm_start(model, decisions)))


def filled_in(model: cp_model.CpModel, builder: _Builder, sessions) -> WarmStart | None:
    """The week with the sessions greedy fill-in fits around it added, hinted;
    None when it fits none."""
    added = fill_in(builder.week, sessions)
    if not added:
        return None
    filled = sorted(sessions + added, key=lambda s: (s.child_id, s.day, s.start))
    decisions = builder.decisions_of(filled)
    return WarmStart(filled, decisions, _value(_warm_start(model, decisions)))


def _holding(model: cp_model.CpModel, values: dict[int, int]) -> cp_model.CpModel:
    """A copy of the model with some variables (index -> value) held, without hints."""
    held = model.clone()
    held.clear_hints()
    for index, value in values.items():
        held.add(held.get_int_var_from_proto_index(index) == value)
    return held


def _values(solver: cp_model.CpSolver, variables) -> dict[int, int]:
    return {var.index: solver.value(var) for var in variables}


def _warm_start(
    model: cp_model.CpModel, decisions: dict[int, int], complete=True
) -> cp_model.CpSolver | None:
    """Hint the decisions (variable index -> value) and, when `complete`, every
    other variable too, completed by a run with the decisions held, so that the
    search starts from their true objective value. Hinted with the decisions
    alone, CP-SAT fills the rest (how many required sessions are counted, which
    sessions are at a best time, ...) as it pleases: the greedy week of a 4 x 8
    family started stage 1 at 5.4M (of a bound of 9.47M) instead of its 9.46M.
    Returns the completing run, a solution of the model worth the hint's value
    (None when not completed)."""
    completion = cp_model.CpSolver()
    completion.parameters.num_workers = 1
    completion.parameters.max_deterministic_time = COMPLETION_TIME
    model.clear_hints()
    completed = complete and completion.solve(_holding(model, decisions)) in (
        cp_model.OPTIMAL,
        cp_model.FEASIBLE,
    )
    if completed:
        decisions = dict(enumerate(completion.response_proto.solution))
    for index, hinted in decisions.items():
        model.add_hint(model.get_int_var_from_proto_index(index), hinted)
    return completion if completed else None


def _value(solver: cp_model.CpSolver | None) -> int | None:
    return None if solver is None else round(solver.objective_value)
