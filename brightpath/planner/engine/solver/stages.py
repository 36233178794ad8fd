"""The stages of a solve, each a CP-SAT run (stage 3: a round of them) on the
one model, and how every run is bounded (_solver).

1. placement (place): as many of the wanted sessions as possible, by value,
   from the greedy week hinted; topped up by greedy fill-in when the clock
   stopped it (top_up);
2. preferences on the whole family, with the placement value held
   (prefer_whole_family);
3. preferences again, one child at a time, for larger families
   (prefer_by_child, _improve_by_child).

Every run is bounded by CP-SAT's deterministic time, so that the same input and
time limit give the same week whatever the machine's load (see _solver); the
clock is only a safety net far above it (Meter.deadline).
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from ..model import Session
from .builder import _Builder
from .warm_start import WarmStart, _holding, _values, _warm_start, filled_in

# Stage 1's share of the limit. Its warm start is usually within 0.1% of its
# bound; a smaller share leaves more for the preferences but places fewer
# sessions (measured on 4 x 8 families, seeds 0-5: at 0.4, placement proven on
# 5/6 and a median preference gap of 32%; at 0.5, 6/6 and 46%). Placement
# comes first.
PLACEMENT_SHARE = 0.5
# Families of up to this many children skip stage 3 (measured at 5 s on 1 x 6 and
# 2 x 8 families: with stage 3 and a completed warm start, 3/10 instead of 5/10
# proven at 2 x 8, and a median 2.9 s instead of 1.4 s to prove 1 x 6).
WHOLE_FAMILY_UP_TO = 2
# Stage 2's share of the time stage 1 leaves, for a larger family; stage 3 gets
# the rest. The whole-family search improves the preferences only slowly (its
# large-neighbourhood search starts after about 1 det s), so its run is mainly
# for the bound.
WHOLE_FAMILY_SHARE = 0.3
# Stage 3: the least time one child's run gets, in seconds (as for _solver).
CHILD_RUN = 0.4


@dataclass
class Meter:
    """One solve's account: the deterministic seconds its runs used, and the
    clock's safety deadline (a time.perf_counter() value) no run may pass."""

    deadline: float
    deterministic: float = 0.0  # CP-SAT deterministic seconds, all runs
    clock_stopped: bool = False  # the safety net stopped a run: the week may vary

    def run(
        self,
        model: cp_model.CpModel,
        seconds: float,
        workers: int | None = None,
        callback: cp_model.CpSolverSolutionCallback | None = None,
    ) -> tuple[int, cp_model.CpSolver]:
        """A run of `seconds` of the limit (see _solver), accounted; `workers`
        replaces WORKERS (one is faster on a small model)."""
        solver = _solver(seconds, self.deadline)
        if workers is not None:
            solver.parameters.num_workers = workers
        status = solver.solve(model, callback)
        self.deterministic += solver.response_proto.deterministic_time
        if solver.wall_time >= solver.parameters.max_time_in_seconds * CLOCK_STOPPED:
            self.clock_stopped = True
        return status, solver


@dataclass(frozen=True)
class Placement:
    """Stage 1's week: the most placement value found, by search or greedily."""

    status: int  # the week's: the run's own, or FEASIBLE for a greedy week
    run_status: int  # stage 1's run's own
    value: int | None  # None when there is no week (INFEASIBLE, or nothing in time)
    bound: float
    decisions: dict[int, int]  # the week as decisions: variable index -> value
    sessions: list[Session]
    seconds: float  # the time stage 1's run used (see _seconds)


@dataclass(frozen=True)
class Preferred:
    """Stages 2 and 3's week: the best preferences found, the placement value held."""

    status: int
    best: cp_model.CpSolver | None  # the run whose answer it is; None: stage 1's week stands
    bound: float
    budget: float = 0.0  # the time stage 3 may use (as for _solver)
    by_child: bool = False  # a family large enough for stage 3


def place(
    model: cp_model.CpModel,
    builder: _Builder,
    greedy: WarmStart,
    time_limit: float,
    meter: Meter,
) -> Placement:
    """Stage 1: as many of the wanted sessions as possible, by value (the model's
    objective when called), from the greedy week it was hinted with."""
    status, first = meter.run(model, time_limit * PLACEMENT_SHARE)
    seconds = _seconds(first)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if found and (greedy.value is None or first.objective_value >= greedy.value):
        return Placement(
            status=status,
            run_status=status,
            value=round(first.objective_value),
            bound=first.best_objective_bound,
            decisions=_values(first, builder.decisions()),
            sessions=builder.sessions(first),
            seconds=seconds,
        )
    if found or (status == cp_model.UNKNOWN and greedy.value is not None):
        # The limit ran out before the search got back to the greedy week it was
        # hinted with (seen at a 0.3 s limit: an empty week for four children).
        # The greedy week keeps every hard rule by construction.
        return Placement(
            status=cp_model.FEASIBLE,
            run_status=status,
            value=greedy.value,
            bound=first.best_objective_bound if found else builder.placement_ceiling,
            decisions=greedy.decisions,
            sessions=greedy.sessions,
            seconds=seconds,
        )
    # INFEASIBLE (kept sessions clash; the caller refuses), or nothing at all in time
    return Placement(
        status=status,
        run_status=status,
        value=None,
        bound=0.0,
        decisions={},
        sessions=builder.fixed_sessions(),
        seconds=seconds,
    )


def top_up(model: cp_model.CpModel, builder: _Builder, placement: Placement) -> Placement:
    """Stage 1's week with the sessions greedy fill-in fits around it, when the
    clock stopped stage 1 and they are worth more (hinted either way)."""
    if placement.status != cp_model.FEASIBLE:
        return placement
    # Out of time, the search may have left out sessions that fit around the
    # week as it stands (seen on over-subscribed 6 x 8 families).
    filled = filled_in(model, builder, placement.sessions)
    if filled is not None and filled.value is not None and filled.value > placement.value:
        return replace(
            placement, value=filled.value, decisions=filled.decisions, sessions=filled.sessions
        )
    return placement


def prefer_whole_family(
    model: cp_model.CpModel,
    builder: _Builder,
    placement: Placement,
    time_limit: float,
    meter: Meter,
) -> Preferred:
    """Stage 2: the preferences, with stage 1's placement value held, on the
    whole family. For a family of more than WHOLE_FAMILY_UP_TO children, a short
    run: it gives the bound, and stage 3 improves the week."""
    if placement.value is None:
        return Preferred(status=cp_model.UNKNOWN, best=None, bound=0.0)
    model.add(sum(builder.placement) >= placement.value)
    model.maximize(sum(builder.objective))
    left = time_limit - placement.seconds
    # A small family's week is solved best whole: stage 2 gets all the time,
    # from stage 1's decisions alone (completing them slowed its proofs).
    by_child = len(builder.week.children) > WHOLE_FAMILY_UP_TO
    completed = _warm_start(model, placement.decisions, complete=by_child)
    share = WHOLE_FAMILY_SHARE if by_child else 1
    status, second = meter.run(model, max(time_limit / 10, left * share))
    start, bound = second, second.best_objective_bound
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and completed is not None:
        # The whole family's run ended before it found anything (its presolve
        # alone takes ~0.4 det s at 6 x 8): stage 3 starts from stage 1's week as
        # completed, with no bound but the objective's ceiling.
        status, start, bound = cp_model.FEASIBLE, completed, _ceiling(model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return Preferred(
        status=status,
        best=start if found else None,
        bound=bound,
        budget=left - _seconds(second),
        by_child=by_child,
    )


def prefer_by_child(
    model: cp_model.CpModel, builder: _Builder, preferred: Preferred, meter: Meter
) -> Preferred:
    """Stage 3, when stage 2 found a week but did not prove it best for a large
    family (see _improve_by_child); proven when it reaches stage 2's bound."""
    if preferred.best is None:
        return preferred
    best = preferred.best
    if preferred.by_child and preferred.status != cp_model.OPTIMAL:
        best = _improve_by_child(model, builder, best, preferred.budget, meter)
    if preferred.status != cp_model.OPTIMAL:
        # A run stopped by its budget may leave the week's bookkeeping short (a
        # session at its best time not counted so, siblings together not
        # joined): a 2 x 8 week reported -200 that is worth 11,200. Completing
        # the week's own decisions counts it all (a tiny deterministic run).
        completed = _warm_start(model, _values(best, builder.decisions()))
        if completed is not None and completed.objective_value > best.objective_value:
            best = completed
    status = preferred.status
    if best.objective_value >= preferred.bound:
        status = cp_model.OPTIMAL  # stage 3 reached stage 2's bound
    return replace(preferred, status=status, best=best)


def _improve_by_child(
    model: cp_model.CpModel,
    builder: _Builder,
    start: cp_model.CpSolver,
    budget: float,
    meter: Meter,
) -> cp_model.CpSolver:
    """Stage 3: better preferences, one child at a time, the siblings held.

    Each run frees one child's sessions, holds every sibling's exactly where the
    best week so far has them, and keeps the placement value (the model's own
    constraint), so every run's answer is a valid week no worse than the last.
    A child's week alone is small enough to be solved well in a fraction of a
    second, where the whole family's is not (measured on the benchmark's 4 x 8
    families: 19,400 against 14,600 in the same time on one, 16,400 equal on
    another). Runs go round the children until a full round improves nothing
    or the budget (seconds, as for _solver) is spent, or the safety deadline
    has passed.
    """
    best = start
    children = builder.week.children
    run = max(CHILD_RUN, budget / (2 * len(children)))
    stale = 0  # runs in a row that improved nothing
    for child in itertools.cycle(children):
        if budget < CHILD_RUN / 2 or stale == len(children) or time.perf_counter() > meter.deadline:
            break
        values = best.response_proto.solution
        held = _holding(model, _values(best, builder.decisions(other_than=child)))
        for index, value in enumerate(values):
            held.add_hint(held.get_int_var_from_proto_index(index), value)
        status, solver = meter.run(held, min(run, budget))
        budget -= _seconds(solver)
        improved = status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and (
            solver.objective_value > best.objective_value
        )
        best, stale = (solver, 0) if improved else (best, stale + 1)
    return best


# --- one run ---------------------------------------------------------------

# The time limit's seconds in CP-SAT deterministic seconds. Deterministic time
# is a count of the solver's work, so a run bounded by it ends at the same point
# on any load; with interleave_search the two workers' runs are interleaved in
# a fixed order, so the week found is the same too (CP-SAT's own parameter
# notes: "the search is deterministic (independently of num_workers!)").
# Calibrated on the benchmark's machine (2 cores, 2026-12-07, see
# docs/benchmarks.md): a solve at 4 x 8 does 0.2-0.3 det s per wall second,
# 1 x 6 about 0.45, over-subscribed 6 x 8 about 0.3, so at this rate the
# median solve of the larger classes takes about its limit on an idle machine.
DETERMINISTIC_PER_SECOND = 0.25
# The safety net: no run goes past the solve's start + this x the time limit on
# the clock. Only a machine this many times slower than the calibration's
# reaches it; a run it stops makes the week depend on the load again (the
# solve's stats say so, clock_stopped).
WALL_CLOCK_SAFETY = 4.0
# A run whose wall time reached this share of its clock limit was stopped by it.
CLOCK_STOPPED = 0.99
# The least wall time a run gets when the deadline has passed: enough for CP-SAT
# to return its hint as a solution on a small model, never a long overrun.
LAST_RUN = 0.1
IDLE_SUBSOLVERS = (
    "fixed",
    "no_lp",
    "quick_restart_no_lp",
    "pseudo_costs",
    "reduced_costs",
    "routing_full_path_lns",
    "routing_path_lns",
    "routing_random_lns",
)
# Fixed, not the machine's core count: the interleaved search is the same for any
# number of workers, and two keep the wall time down on the 2-core machines here.
WORKERS = 2
SEED = 7


def _solver(time_limit: float, deadline: float) -> cp_model.CpSolver:
    """A run of `time_limit` seconds of the limit, in deterministic time; the
    clock stops it only at `deadline` (a time.perf_counter() value), or after
    LAST_RUN when that has passed."""
    solver = cp_model.CpSolver()
    solver.parameters.max_deterministic_time = time_limit * DETERMINISTIC_PER_SECOND
    solver.parameters.max_time_in_seconds = max(LAST_RUN, deadline - time.perf_counter())
    solver.parameters.num_workers = WORKERS
    # Without it the workers race, and which finds what first depends on the load.
    solver.parameters.interleave_search = True
    solver.parameters.random_seed = SEED
    # Interleaving shares the time among all subsolvers; these rarely helped here
    # (measured on the benchmark's 4 x 8 families: stage 1 proven on 5/5 instead
    # of 4/5, median deterministic time 1.2 s instead of 2.4 s).
    for name in IDLE_SUBSOLVERS:
        solver.parameters.ignore_subsolvers.append(name)
    return solver


def _seconds(solver: cp_model.CpSolver) -> float:
    """The time a run used, in the limit's seconds (deterministic, see _solver)."""
    return solver.response_proto.deterministic_time / DETERMINISTIC_PER_SECOND


def _gap(objective: float, bound: float) -> float:
    """Relative gap of a maximisation: (bound - objective) / max(1, |bound|)."""
    return max(0.0, bound - objective) / max(1.0, abs(bound))


def _ceiling(model: cp_model.CpModel) -> float:
    """The objective's largest value over its variables' domains alone (a bound
    for a maximisation, which CP-SAT stores negated)."""
    objective = model.proto.objective
    lowest = objective.offset
    for index, coefficient in zip(objective.vars, objective.coeffs, strict=True):
        domain = model.proto.variables[index].domain
        lowest += min(coefficient * domain[0], coefficient * domain[len(domain) - 1])
    return objective.scaling_factor * lowest
