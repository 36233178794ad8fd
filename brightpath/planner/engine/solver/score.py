"""What any valid week is worth under the engine's two objectives, whoever made it.

The benchmark compares methods (the engine at a short limit, greedy, a long
run) on the same scale: the week's sessions are held in the model and the
objectives read off, placement first and then the preferences with that
placement held, exactly as the engine's stages count them. A week the model
rejects (one breaking a hard rule) has no score.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..model import WeekInput
from .builder import _Builder

# Deterministic seconds for each of the two evaluating runs; with every
# decision held they take well under 0.01.
EVALUATION_TIME = 5.0


@dataclass(frozen=True)
class Score:
    placement: int  # stage 1's objective: the sessions placed, by value
    preference: int  # stage 2's objective: the soft preferences


def score_week(week: WeekInput, sessions) -> Score | None:
    """The week's placement and preference values; None when the model rejects it.

    With the decisions (which sessions, at what start) held, what is left free
    is bookkeeping: how many sessions count as required, which start is at a
    best time, which siblings count as together. Each is set at its best, so a
    week is credited with the most its placement of sessions can earn (the
    engine's own weeks score at least what its stats report)."""
    model = cp_model.CpModel()
    builder = _Builder(model, week)
    builder.build()
    decisions = builder.decisions_of(sessions)
    if not _all_placed(builder, decisions, sessions):
        return None
    for index, value in decisions.items():
        model.add(model.get_int_var_from_proto_index(index) == value)
    model.maximize(sum(builder.placement))
    first = _run(model)
    if first is None:
        return None
    placement = round(first.objective_value)
    model.add(sum(builder.placement) >= placement)
    model.maximize(sum(builder.objective))
    second = _run(model)
    if second is None:
        return None
    return Score(placement=placement, preference=round(second.objective_value))


def _all_placed(builder: _Builder, decisions: dict[int, int], sessions) -> bool:
    """Every session of the week is one the model can hold (a candidate of its
    child, subject and day; a pinned one where it is pinned)."""
    movable = sum(decisions.get(c.present.index, 0) for c in builder.candidates if not c.fixed)
    pinned = sum(1 for c in builder.candidates if c.fixed)
    return movable + pinned == len(sessions)


def _run(model: cp_model.CpModel) -> cp_model.CpSolver | None:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = EVALUATION_TIME
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return solver
