"""The weekly schedule as a CP-SAT model.

Decision: for every child, subject and school day, an optional session (an
interval on the 5-minute grid). Hard rules are constraints; a session the
family asked for but that cannot be placed lowers the objective instead of
making the model infeasible, and is explained afterwards (see reasons.py).

Two objectives, solved one after the other (see solve):
- placement: the sessions the frequencies ask for, core and well-liked first,
  then optional ones (the third of "2-3 times", "occasionally") by interest;
- preferences: core and low-interest subjects at the child's best learning
  times, or any subject at the time of day learned for it (learned_times);
  the same subject at the same time across days (structured families);
  weekly subjects on different days (loop); back-to-back blocks (block).

The package, by job: builder.py builds the model, warm_start.py hints valid
weeks to it, stages.py runs the stages; solve, below, runs them in turn.
days.py is a second formulation of the same week (one whole-family day per
school day, by column generation), an option beside solve (FORMULATIONS):
docs/benchmarks.md compares the two.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from ..model import SolverStats, WeekInput, WeekResult
from ..reasons import explain_unplaced
from .builder import _Builder
from .days import recombined, solve_by_days
from .stages import (
    WALL_CLOCK_SAFETY,
    Meter,
    Placement,
    Preferred,
    _ceiling,
    _gap,
    _improve_by_child,
    place,
    prefer_by_child,
    prefer_whole_family,
    top_up,
)
from .warm_start import _holding, _warm_start, greedy_warm_start

# The engine's entry point, and the internals the tests reach for.
__all__ = [
    "Meter",
    "_Builder",
    "_ceiling",
    "_holding",
    "_improve_by_child",
    "_warm_start",
    "FORMULATIONS",
    "recombined",
    "solve",
    "solve_by_days",
]

STATUS_NAMES = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
    cp_model.UNKNOWN: "UNKNOWN",
}


def solve(
    week: WeekInput, *, time_limit: float = 5.0, clock_limit: float | None = None
) -> WeekResult:
    """The best week under the hard rules, with every unplaced session explained.

    Solved lexicographically, the stages sharing the time limit:
    1. placement: as many of the wanted sessions as possible, by value;
       1b. when that ends far from its bound (an over-subscribed family), its
       days recombined with new ones by the day formulation (days.recombined);
    2. preferences, with that placement value held, on the whole family (a
       short run: it gives the bound, and is often already optimal for small
       families);
    3. for families of more than WHOLE_FAMILY_UP_TO children, preferences
       again, one child at a time with the siblings held where they are (see
       _improve_by_child), until a round over all children improves nothing
       or the time is spent.
    The reported objective and bound are the sums of the two objectives'; the
    gap is the worse of the two objectives' own relative gaps (see SolverStats).

    The time limit is a budget of work, not of the clock: every run is bounded
    by CP-SAT's deterministic time (time_limit x stages.DETERMINISTIC_PER_SECOND,
    calibrated so that a solve takes about time_limit on an idle machine here),
    and two workers interleave the search in a fixed order, so the same input
    and limit give the same week on any load; a loaded machine takes longer.
    The clock stops the solve only at WALL_CLOCK_SAFETY x the limit, a safety
    net: a week it stopped may differ between runs (stats.clock_stopped). More
    time (a larger limit) can give a different, better week. `clock_limit`
    (seconds) replaces the safety net's WALL_CLOCK_SAFETY x time_limit.
    """
    started = time.perf_counter()
    clock = WALL_CLOCK_SAFETY * time_limit if clock_limit is None else clock_limit
    meter = Meter(deadline=started + clock)
    model = cp_model.CpModel()
    builder = _Builder(model, week)
    builder.build()
    # Stage 1's objective, set before the greedy week is hinted: the run that
    # completes the hint values the week by it.
    model.maximize(sum(builder.placement))
    greedy = greedy_warm_start(model, builder)
    placement = place(model, builder, greedy, time_limit, meter)  # 1.
    placement = top_up(model, builder, placement)
    placement = recombined(model, builder, placement, time_limit, meter)  # 1b.
    preferred = prefer_whole_family(model, builder, placement, time_limit, meter)  # 2.
    preferred = prefer_by_child(model, builder, preferred, meter)  # 3.
    sessions = placement.sessions if preferred.best is None else builder.sessions(preferred.best)
    unplaced = explain_unplaced(week, sessions)
    stats = _stats(placement, preferred, wall_time=time.perf_counter() - started, meter=meter)
    return WeekResult(sessions=tuple(sessions), unplaced=tuple(unplaced), stats=stats)


# The engine's formulations by name, the default first: both take a week and
# a time limit and keep the same contract (every hard rule, every unplaced
# session explained, each stage's value and bound in the stats).
FORMULATIONS = {"cp-sat": solve, "days": solve_by_days}


def _stats(
    placement: Placement, preferred: Preferred, wall_time: float, meter: Meter
) -> SolverStats:
    """The two objectives' values and bounds summed, each with its own gap and
    status; the week is proven only when both are (see SolverStats)."""
    objective, bound = float(placement.value or 0), placement.bound
    placement_gap = 1.0 if placement.value is None else _gap(objective, placement.bound)
    preference_gap = 1.0  # until stage 2 finds something
    preference = preference_bound = 0.0
    if preferred.best is not None:
        preference = preferred.best.objective_value
        preference_bound = preferred.bound
        objective += preference
        bound += preferred.bound
        preference_gap = _gap(preference, preferred.bound)
    status = placement.status
    if status == cp_model.OPTIMAL and preferred.status != cp_model.OPTIMAL:
        status = cp_model.FEASIBLE
    return SolverStats(
        status=STATUS_NAMES.get(status, "UNKNOWN"),
        objective=objective,
        best_bound=bound,
        gap=max(placement_gap, preference_gap),
        wall_time=wall_time,
        placement_gap=placement_gap,
        preference_gap=preference_gap,
        placement_status=STATUS_NAMES.get(placement.run_status, "UNKNOWN"),
        preference_status=STATUS_NAMES.get(preferred.status, "UNKNOWN"),
        placement_value=float(placement.value or 0),
        placement_bound=placement.bound,
        preference_value=preference,
        preference_bound=preference_bound,
        deterministic_time=meter.deterministic,
        clock_stopped=meter.clock_stopped,
    )
