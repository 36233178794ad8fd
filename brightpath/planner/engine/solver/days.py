"""A second formulation: the week as one whole-family day per school day, the
days chosen by a master problem (a Dantzig-Wolfe decomposition by day, solved
by column generation). `solve_by_days` is its entry point; `solve` (the
package's) stays the default, see docs/benchmarks.md for the figures.

Why whole-family days rather than one child's day: every hard rule but the
frequencies belongs to one day (hours, commitments, breaks, the grid, the
parent's load and time away), and so do most preferences (best and learned
times, blocks, rotation, siblings together). A column is a feasible day for
the whole family with its own preference value; the master chooses one per
school day under what links the days: each subject's frequency (at most `most`
sessions; `required` ones counted up to `wanted`), the placement value held in
stage 2, and coherence (a subject at the same start on several days, through
an anchor per subject). With the parent's load inside the column, the master's
relaxation is the convex hull of feasible days, not the root relaxation of the
whole week's CP-SAT model.

Columns come from pricing: the engine's own one-day model (_Builder on a week
of that day alone), its objective set from the master LP's duals. Every round
gives a Lagrangian bound from each pricing run's own bound, valid however
early the generation stops; the week is then CP-SAT over the generated columns
(price and branch): a valid week, its gap to the bound the honest one.
"""

from __future__ import annotations

import logging
import math
import time
from collections import defaultdict
from dataclasses import dataclass, replace

import numpy as np
from ortools.sat.python import cp_model

from ..greedy import greedy_first_fit
from ..model import Session, SolverStats, WeekInput, WeekResult, target_sessions
from ..reasons import explain_unplaced
from .builder import _Builder, coherence_weight, placement_values
from .stages import (
    DETERMINISTIC_PER_SECOND,
    WALL_CLOCK_SAFETY,
    Meter,
    Placement,
    _ceiling,
    _gap,
)
from .warm_start import _holding, _warm_start

Key = tuple[str, str]  # (child id, subject id)

logger = logging.getLogger(__name__)


class MasterLPFailed(RuntimeError):
    """The master's LP ended without an optimum (numerically, or out of iterations)."""


# Pricing objectives carry the LP's float duals; CP-SAT needs integers, so they
# are scaled by this and rounded, and each run's bound widened by the rounding.
SCALE = 10_000
# A column enters the master only when it beats the day's best by more than this.
IMPROVES = 1e-6
# The CP-SAT engine's stage 1b (recombined): its share of the time limit, and
# the stage 1 gap to the bound above which it runs. Measured on the benchmark
# (5 s): over-subscribed 6 x 8 families placed more on 8/10 (a median 3.3%
# below the best-known instead of 4.8%); 4 x 8 families, whose gaps are mostly
# under 0.1%, gained nothing and lost preference time.
RECOMBINE_SHARE = 0.3
RECOMBINE_ABOVE = 0.01
# Wentges' smoothing: the weight of the best-bound multipliers in the ones
# priced (see _Master.smoothed).
SMOOTHING = 0.7
# Stage 1's share of the time limit (placement); the rest is the preferences'.
PLACEMENT_SHARE = 0.4
# Share of a stage's time for one pricing run of one day.
PRICING_SHARE = 0.1
# ... and the least it gets (seconds of the limit), enough to get past presolve.
LEAST_PRICING = 0.2
# Share of a stage's time kept for the integer master at its end.
MASTER_SHARE = 0.2
# The most columns one pricing run gives (its last improving solutions).
COLUMNS_PER_RUN = 3
# Deterministic seconds for the tiny run that values a day (decisions held).
EVALUATION_TIME = 1.0


@dataclass(frozen=True)
class _Column:
    """A feasible day for the whole family."""

    day: int
    # Every session of the day, pinned ones too; sorted, not a set: the LP's rows
    # are filled in this order, and a set's order changes with the hash seed.
    placed: tuple[Key, ...]
    starts: tuple[tuple[Key, int], ...]  # (key, start slot) of the movable sessions
    preference: int  # the day's own preferences (its share of stage 2's objective)
    sessions: tuple[Session, ...]
    decisions: tuple[tuple[int, int], ...]  # in the day's model: variable index -> value


class _Day:
    """One school day's model: the engine's builder on a week of that day alone,
    with no objective (each run sets its own on a copy)."""

    def __init__(self, week: WeekInput, index: int):
        day = week.days[index]
        self.index = index
        self.week = replace(week, days=(day,), fixed=tuple(f for f in week.fixed if f.day == day))
        self.model = cp_model.CpModel()
        self.builder = _Builder(self.model, self.week)
        self.builder.build()
        # On one day a subject has at most one candidate.
        self.candidates = {(c.child.id, c.subject.id): c for c in self.builder.candidates}

    def column(self, decisions: dict[int, int]) -> _Column | None:
        """The day these decisions (variable index -> value) make, valued at the
        most its bookkeeping can earn; None when they break a rule of the day."""
        held = _holding(self.model, decisions)
        if self.builder.objective:
            held.maximize(sum(self.builder.objective))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_deterministic_time = EVALUATION_TIME
        if solver.solve(held) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        placed, starts = [], []
        for key, c in self.candidates.items():
            if c.fixed or solver.boolean_value(c.present):
                placed.append(key)
                if c.movable:
                    starts.append((key, solver.value(c.start)))
        return _Column(
            day=self.index,
            placed=tuple(sorted(placed)),
            starts=tuple(sorted(starts)),
            preference=round(solver.objective_value) if self.builder.objective else 0,
            sessions=tuple(self.builder.sessions(solver)),
            decisions=tuple(sorted(decisions.items())),
        )

    def of_sessions(self, sessions) -> _Column | None:
        return self.column(self.builder.decisions_of(sessions))

    def decisions(self) -> list[cp_model.IntVar]:
        """The day's decision variables: which sessions, at what start."""
        return [
            var
            for c in self.candidates.values()
            if not c.fixed
            for var in (c.present, c.start)
            if not isinstance(var, int)
        ]

    def price(
        self,
        prices: _Prices,
        with_preferences: bool,
        meter: Meter,
        seconds: float,
        hint: _Column | None = None,
    ) -> tuple[list[_Column], float]:
        """The days worth most at these prices, best last (up to COLUMNS_PER_RUN,
        the improving solutions the run found), and an upper bound on what any
        day is worth at them. `hint`: a day to start the search from."""
        model = self.model.clone()
        if hint is not None:
            for index, value in hint.decisions:
                model.add_hint(model.get_int_var_from_proto_index(index), value)
        terms, constant, rounding = [], 0.0, 0.0
        for key, c in self.candidates.items():
            weight = prices.weights.get(key, 0.0)
            if c.fixed:
                constant += weight
                continue
            terms.append((weight, c.present))
            rewards = prices.rewards.get(key)
            if rewards and c.movable:
                # Coherence: what the session earns depends on its start.
                first = min(rewards)
                table = [rewards.get(start, 0.0) for start in range(first, max(rewards) + 1)]
                scaled = [round(r * SCALE) for r in table]
                error = max(abs(r * SCALE - q) for r, q in zip(table, scaled, strict=True))
                rounding += error / SCALE
                earned = model.new_int_var(min(0, *scaled), max(0, *scaled), "")
                model.add_element(c.start - first, scaled, earned)
                gained = model.new_int_var(min(0, *scaled), max(0, *scaled), "")
                model.add(gained == earned).only_enforce_if(c.present)
                model.add(gained == 0).only_enforce_if(~c.present)
                terms.append((1 / SCALE, gained))
        objective = []
        for weight, var in terms:
            coefficient = round(weight * SCALE)
            rounding += abs(weight * SCALE - coefficient) / SCALE
            objective.append(coefficient * var)
        if with_preferences and self.builder.objective:
            objective.append(SCALE * sum(self.builder.objective))
        model.maximize(sum(objective))
        found = _Solutions(self.decisions())
        status, solver = meter.run(model, seconds, workers=1, callback=found)
        # A run stopped before it had a solution (in presolve) reports no bound:
        # the objective's own ceiling is one.
        ceiling = _ceiling(model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            ceiling = min(ceiling, solver.best_objective_bound)
        bound = constant + ceiling / SCALE + rounding
        columns = (self.column(d) for d in found.decisions[-COLUMNS_PER_RUN:])
        return [c for c in columns if c is not None], bound


class _Solutions(cp_model.CpSolverSolutionCallback):
    """Every improving solution a run finds, as decisions (index -> value)."""

    def __init__(self, variables: list[cp_model.IntVar]):
        super().__init__()
        self.variables = variables
        self.decisions: list[dict[int, int]] = []

    def on_solution_callback(self) -> None:
        self.decisions.append({var.index: self.value(var) for var in self.variables})


@dataclass
class _Prices:
    """What the master's duals make a day's parts worth, for one day."""

    weights: dict[Key, float]  # a session of the subject that day
    rewards: dict[Key, dict[int, float]]  # coherence: a movable session by start slot


@dataclass
class _Relaxation:
    value: float
    duals: dict[tuple, float]  # row -> dual (>= 0, rows are <=)


class _Master:
    """The choice of one column per day, its LP relaxation and its integer form."""

    def __init__(self, week: WeekInput, days: list[_Day]):
        self.days = days
        self.columns: list[_Column] = []
        self._seen: set[tuple] = set()
        self.keys: list[Key] = []
        self.value, self.extra, self.wanted, self.most = {}, {}, {}, {}
        movable = defaultdict(int)
        for day in days:
            for key, c in day.candidates.items():
                movable[key] += c.movable
        for child in week.children:
            for subject in child.subjects:
                key = (child.id, subject.id)
                pinned = sum(1 for f in week.fixed if (f.child_id, f.subject_id) == key)
                wanted, most = target_sessions(subject.frequency, len(week.days))
                self.keys.append(key)
                self.value[key], self.extra[key] = placement_values(subject, week.preferences)
                self.wanted[key], self.most[key] = wanted, max(most, pinned)
        self.coherence = coherence_weight(week.preferences)
        # As the builder's _coherence: only subjects with two movable sessions or more.
        self.coherent = {key for key in self.keys if self.coherence and movable[key] >= 2}
        # Every start a coherent subject's session may take on each day, so that
        # the LP prices every one of them (the anchors' rows, see relax).
        self.anchors: list[tuple[Key, int, int]] = sorted(
            (key, day.index, start)
            for day in days
            for key, c in day.candidates.items()
            if key in self.coherent and c.movable
            for start in _domain(day.model, c.start)
        )

    def add(self, column: _Column) -> bool:
        signature = (column.day, column.placed, column.starts)
        if signature in self._seen:
            return False
        self._seen.add(signature)
        self.columns.append(column)
        return True

    def placement(self, column: _Column) -> int:
        """Stage 1's objective on the column's own: each session at its optional value."""
        return sum(self.extra[key] for key in column.placed)

    # --- the LP relaxation ---------------------------------------------------

    def relax(self, stage: int, floor: int = 0) -> _Relaxation:
        """The master's LP over the columns so far, for stage 1 (placement) or
        stage 2 (preferences, placement at least `floor`), and its duals."""
        anchors = self.anchors
        slots = sorted({(key, start) for key, _, start in anchors})
        variables: list[tuple] = [("x", n) for n in range(len(self.columns))]
        variables += [("r", key) for key in self.keys]
        variables += [("y", *slot) for slot in slots] + [("z", *a) for a in anchors]
        index = {v: n for n, v in enumerate(variables)}
        objective = np.zeros(len(variables))
        upper = np.ones(len(variables))
        rows: dict[tuple, int] = {}
        entries: list[tuple[int, int, float]] = []
        rhs: list[float] = []

        def row(name: tuple, bound: float) -> int:
            rows[name] = len(rhs)
            rhs.append(bound)
            return rows[name]

        def put(name: tuple, variable: tuple, coefficient: float) -> None:
            entries.append((rows[name], index[variable], coefficient))

        for key in self.keys:
            row(("required", key), 0.0)  # required <= placed
            row(("most", key), self.most[key])  # placed <= most
            upper[index[("r", key)]] = self.wanted[key]
            put(("required", key), ("r", key), 1.0)
            gain = self.value[key] - self.extra[key]
            if stage == 1:
                objective[index[("r", key)]] = gain
        if stage == 2:
            row(("placement",), -floor)  # placement >= floor
            for key in self.keys:
                put(("placement",), ("r", key), -(self.value[key] - self.extra[key]))
        for key, day, start in anchors:
            row(("anchor", key, day, start), 0.0)  # z <= sessions of key at start on day
            row(("link", key, day, start), 0.0)  # z <= y
            put(("anchor", key, day, start), ("z", key, day, start), 1.0)
            put(("link", key, day, start), ("z", key, day, start), 1.0)
            put(("link", key, day, start), ("y", key, start), -1.0)
            objective[index[("z", key, day, start)]] = self.coherence if stage == 2 else 0.0
        for key in sorted({key for key, _ in slots}):
            row(("one anchor", key), 1.0)
        for key, start in slots:
            put(("one anchor", key), ("y", key, start), 1.0)
        equalities = []
        for n, column in enumerate(self.columns):
            equalities.append((column.day, n))
            for key in column.placed:
                put(("required", key), ("x", n), -1.0)
                put(("most", key), ("x", n), 1.0)
            if stage == 1:
                objective[n] = self.placement(column)
            else:
                objective[n] = column.preference
                put(("placement",), ("x", n), -self.placement(column))
            for key, start in column.starts:
                if key in self.coherent:
                    put(("anchor", key, column.day, start), ("x", n), -1.0)
        a_ub = _matrix(entries, len(rhs), len(variables))
        a_eq = _matrix([(day, n, 1.0) for day, n in equalities], len(self.days), len(variables))
        result = _linprog(
            -objective,
            A_ub=a_ub,
            b_ub=np.array(rhs),
            A_eq=a_eq,
            b_eq=np.ones(len(self.days)),
            bounds=np.column_stack([np.zeros(len(variables)), upper]),
            method="highs",
        )
        if result.status != 0:
            raise MasterLPFailed(f"the days master's LP failed: {result.message}")
        duals = {name: max(0.0, -result.ineqlin.marginals[n]) for name, n in rows.items()}
        return _Relaxation(value=-result.fun, duals=duals)

    def prices(self, u: dict[tuple, float], day: int, stage: int) -> _Prices:
        held = u.get(("placement",), 0.0)
        weights = {
            key: (self.extra[key] if stage == 1 else held * self.extra[key])
            + u[("required", key)]
            - u[("most", key)]
            for key in self.keys
        }
        if stage == 1:
            return _Prices(weights, {})
        rewards: dict[Key, dict[int, float]] = defaultdict(dict)
        for name, dual in u.items():
            if name[0] == "anchor" and name[2] == day:
                rewards[name[1]][name[3]] = dual
        return _Prices(weights, dict(rewards))

    @staticmethod
    def smoothed(center: dict, duals: dict, weight: float) -> dict[tuple, float]:
        """Multipliers between the best-bound ones so far (center, kept with this
        weight) and the LP's: Wentges' smoothing, against the duals' swings that
        keep the bound from settling."""
        if not center or weight <= 0:
            return duals
        return {row: weight * center[row] + (1 - weight) * dual for row, dual in duals.items()}

    def worth(self, column: _Column, prices: _Prices, stage: int) -> float:
        """The column's value at the prices (the pricing objective, exactly)."""
        value = sum(prices.weights.get(key, 0.0) for key in column.placed)
        for key, start in column.starts:
            value += prices.rewards.get(key, {}).get(start, 0.0)
        return value + (column.preference if stage == 2 else 0.0)

    def lagrangian(self, u: dict[tuple, float], stage: int, floor: int) -> float:
        """The bound's part outside the days at multipliers u (>= 0, one per row):
        u.b and the master's own variables (required counts, anchors) at their
        best under them."""
        held = u.get(("placement",), 0.0)
        bound = sum(self.most[key] * u[("most", key)] for key in self.keys) - floor * held
        for key in self.keys:
            gain = self.value[key] - self.extra[key]
            reduced = (gain if stage == 1 else held * gain) - u[("required", key)]
            bound += max(0.0, reduced) * self.wanted[key]
        links: dict[tuple, float] = defaultdict(float)
        for name, dual in u.items():
            if name[0] == "link":
                _, key, _, start = name
                links[(key, start)] += dual
            elif name[0] == "one anchor":
                bound += dual
            if name[0] == "anchor" and stage == 2:
                bound += max(0.0, self.coherence - dual - u[("link", *name[1:])])
        for (key, _start), linked in links.items():
            bound += max(0.0, linked - u[("one anchor", key)])
        return bound

    # --- the integer master ------------------------------------------------------

    def choose(self, stage: int, floor: int, meter: Meter, seconds: float):
        """The best choice of one generated column per day found in `seconds`:
        (its columns, its objective value); (None, 0) when none was found."""
        model = cp_model.CpModel()
        pairs = [(model.new_bool_var(f"x{n}"), c) for n, c in enumerate(self.columns)]
        for day in range(len(self.days)):
            model.add_exactly_one(x for x, c in pairs if c.day == day)
        placement, preference = [], []
        for key in self.keys:
            placed = sum(x for x, c in pairs if key in c.placed)
            required = model.new_int_var(0, self.wanted[key], "")
            model.add(required <= placed)
            model.add(placed <= self.most[key])
            placement.append((self.value[key] - self.extra[key]) * required)
        placement += [self.placement(c) * x for x, c in pairs]
        preference += [c.preference * x for x, c in pairs]
        for key in sorted(self.coherent):
            at: dict[int, list] = defaultdict(list)  # start -> (day, x) of columns with it
            for x, c in pairs:
                for k, start in c.starts:
                    if k == key:
                        at[start].append((c.day, x))
            if not at:
                continue
            anchor = {start: model.new_bool_var("") for start in at}
            model.add_at_most_one(anchor.values())
            for start, uses in at.items():
                for day in sorted({d for d, _ in uses}):
                    same = model.new_bool_var("")
                    model.add_implication(same, anchor[start])
                    model.add(same <= sum(x for d, x in uses if d == day))
                    preference.append(self.coherence * same)
        if stage == 2:
            model.add(sum(placement) >= floor)
        model.maximize(sum(placement if stage == 1 else preference))
        status, solver = meter.run(model, seconds)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, 0
        picked = [c for x, c in pairs if solver.boolean_value(x)]
        return picked, round(solver.objective_value)


def _linprog(*args, **kwargs):
    """scipy's linprog, imported on first use: scipy.optimize takes a quarter of
    a second to import, and every process that imports the engine (the web app,
    a worker, the command line) would pay it, most never recombining a day."""
    from scipy.optimize import linprog

    return linprog(*args, **kwargs)


def _domain(model: cp_model.CpModel, var: cp_model.IntVar) -> range:
    bounds = model.proto.variables[var.index].domain
    return range(bounds[0], bounds[len(bounds) - 1] + 1)


def _matrix(entries, rows: int, columns: int):
    from scipy.sparse import coo_matrix  # on first use, as _linprog

    if not entries:
        return coo_matrix((rows, columns)).tocsr()
    r, c, v = zip(*entries, strict=True)
    return coo_matrix((v, (r, c)), shape=(rows, columns)).tocsr()


@dataclass
class _Stage:
    value: int
    bound: float  # the best Lagrangian bound on the stage's objective
    proven: bool
    columns: list[_Column]


def _stage(master: _Master, stage: int, floor: int, meter: Meter, seconds: float) -> _Stage | None:
    """Column generation for one stage, then the integer master over its columns."""
    spent = meter.deterministic
    budget = seconds * (1 - MASTER_SHARE)
    run = max(LEAST_PRICING, seconds * PRICING_SHARE)
    bound, center, smoothing = math.inf, {}, SMOOTHING
    while True:
        relaxation = master.relax(stage, floor)
        u = master.smoothed(center, relaxation.duals, smoothing)
        outside = master.lagrangian(u, stage, floor)
        added = False
        for day in master.days:
            prices = master.prices(u, day.index, stage)
            exact = master.prices(relaxation.duals, day.index, stage)
            best = max(
                (c for c in master.columns if c.day == day.index),
                key=lambda c, exact=exact: master.worth(c, exact, stage),
            )
            columns, day_bound = day.price(prices, stage == 2, meter, run, hint=best)
            outside += day_bound
            # A column enters when it improves the LP (at its own duals).
            floor_worth = master.worth(best, exact, stage) + IMPROVES
            for column in columns:
                if master.worth(column, exact, stage) > floor_worth:
                    added |= master.add(column)
        if outside < bound:
            bound, center = outside, u
        used = (meter.deterministic - spent) / DETERMINISTIC_PER_SECOND
        # Objectives are integers: a bound under the LP value + 1 cannot improve.
        if math.floor(bound + IMPROVES) <= relaxation.value + IMPROVES:
            break
        if not added:
            if u is relaxation.duals:
                break  # nothing improves the LP at its own duals: it is optimal
            smoothing = 0.0  # mispriced: price at the LP's own duals next
        else:
            smoothing = SMOOTHING
        if used >= budget:
            break
        if time.perf_counter() > meter.deadline:
            meter.clock_stopped = True  # the safety net, not the budget: the week may vary
            break
    used = (meter.deterministic - spent) / DETERMINISTIC_PER_SECOND
    picked, value = master.choose(stage, floor, meter, max(seconds - used, seconds * 0.1))
    if picked is None:
        return None
    bound = math.floor(bound + IMPROVES)
    return _Stage(value=value, bound=float(bound), proven=value >= bound, columns=picked)


def _first_master(week: WeekInput, *weeks) -> _Master:
    """The master with its first columns: each day with only its pinned
    sessions, and each day of the greedy week and of `weeks` (lists of
    sessions). A day with none has pinned sessions that clash."""
    master = _Master(week, [_Day(week, n) for n in range(len(week.days))])
    for sessions in (greedy_first_fit(week).sessions, *weeks):
        for day in master.days:
            date = week.days[day.index]
            for todays in ((), [s for s in sessions if s.day == date]):
                column = day.of_sessions(todays)
                if column is not None:
                    master.add(column)
    return master


def recombined(
    model: cp_model.CpModel,
    builder: _Builder,
    placement: Placement,
    time_limit: float,
    meter: Meter,
) -> Placement:
    """Stage 1b of the CP-SAT engine (see solve): when stage 1 ended more than
    RECOMBINE_ABOVE from its bound (over-subscribed families), the days of its
    week and of the greedy week, with the days column generation adds,
    recombined by this formulation's master. Kept when it places more (and
    hinted to the model); its bound kept when it is lower."""
    if placement.status != cp_model.FEASIBLE or placement.value is None:
        return placement
    if _gap(placement.value, placement.bound) <= RECOMBINE_ABOVE:
        return placement
    spent = meter.deterministic
    try:
        master = _first_master(builder.week, placement.sessions)
        stage = _stage(master, 1, 0, meter, time_limit * RECOMBINE_SHARE)
    except MasterLPFailed:
        # An improvement, not a step the week depends on: stage 1's week stands.
        logger.warning("stage 1b failed; stage 1's week kept", exc_info=True)
        stage = None
    seconds = placement.seconds + (meter.deterministic - spent) / DETERMINISTIC_PER_SECOND
    bound = placement.bound if stage is None else min(placement.bound, stage.bound)
    kept = replace(placement, bound=bound, seconds=seconds)
    if stage is None or stage.value <= placement.value:
        return kept
    sessions = sorted(
        (s for c in stage.columns for s in c.sessions), key=lambda s: (s.child_id, s.day, s.start)
    )
    decisions = builder.decisions_of(sessions)
    completed = _warm_start(model, decisions)
    if completed is None or round(completed.objective_value) <= placement.value:
        _warm_start(model, placement.decisions)  # the hint back to stage 1's week
        return kept
    return replace(
        kept, value=round(completed.objective_value), decisions=decisions, sessions=sessions
    )


def solve_by_days(
    week: WeekInput, *, time_limit: float = 5.0, clock_limit: float | None = None
) -> WeekResult:
    """The best week the day formulation finds, and its real bounds (see the
    module). Same contract as `solve`: every hard rule kept, every unplaced
    session explained, stats with each stage's value, bound and status."""
    started = time.perf_counter()
    clock = WALL_CLOCK_SAFETY * time_limit if clock_limit is None else clock_limit
    meter = Meter(deadline=started + clock)
    master = _first_master(week)
    days = master.days
    if {c.day for c in master.columns} != set(range(len(days))):
        return _infeasible(week, days, time.perf_counter() - started, meter)
    first = _stage(master, 1, 0, meter, time_limit * PLACEMENT_SHARE)
    if first is None:
        return _infeasible(week, days, time.perf_counter() - started, meter)
    left = time_limit - meter.deterministic / DETERMINISTIC_PER_SECOND
    second = _stage(master, 2, first.value, meter, max(left, time_limit / 10))
    picked = (second or first).columns
    sessions = sorted(
        (s for c in picked for s in c.sessions), key=lambda s: (s.child_id, s.day, s.start)
    )
    stats = _stats(first, second, time.perf_counter() - started, meter)
    return WeekResult(tuple(sessions), tuple(explain_unplaced(week, sessions)), stats)


def _stats(first: _Stage, second: _Stage | None, wall_time: float, meter: Meter) -> SolverStats:
    preference = second.value if second else 0
    preference_bound = second.bound if second else 0.0
    placement_gap = _gap(first.value, first.bound)
    preference_gap = _gap(preference, preference_bound) if second else 1.0
    proven = first.proven and second is not None and second.proven
    return SolverStats(
        status="OPTIMAL" if proven else "FEASIBLE",
        objective=float(first.value + preference),
        best_bound=first.bound + preference_bound,
        gap=max(placement_gap, preference_gap),
        wall_time=wall_time,
        placement_gap=placement_gap,
        preference_gap=preference_gap,
        placement_status="OPTIMAL" if first.proven else "FEASIBLE",
        preference_status="OPTIMAL" if second and second.proven else "FEASIBLE",
        placement_value=float(first.value),
        placement_bound=first.bound,
        preference_value=float(preference),
        preference_bound=preference_bound,
        deterministic_time=meter.deterministic,
        clock_stopped=meter.clock_stopped,
    )


def _infeasible(week: WeekInput, days: list[_Day], wall_time: float, meter: Meter) -> WeekResult:
    """Sessions kept from before clash on some day: no week keeps them all (the
    caller refuses, as for the engine's INFEASIBLE)."""
    pinned = [s for day in days for s in day.builder.fixed_sessions()]
    stats = SolverStats(
        status="INFEASIBLE",
        objective=0.0,
        best_bound=0.0,
        gap=1.0,
        wall_time=wall_time,
        placement_status="INFEASIBLE",
        preference_status="UNKNOWN",
        deterministic_time=meter.deterministic,
    )
    return WeekResult(tuple(pinned), tuple(explain_unplaced(week, pinned)), stats)
