"""The weekly schedule as a CP-SAT model.

Decision: for every child, subject and school day, an optional session (an
interval on the 5-minute grid). Hard rules are constraints; a session the
family asked for but that cannot be placed lowers the objective instead of
making the model infeasible, and is explained afterwards (see reasons.py).

Two objectives, solved one after the other (see solve):
- placement: the sessions the frequencies ask for, core and well-liked first,
  then optional ones (the third of "2-3 times", "occasionally") by interest;
- preferences: core and low-interest subjects at the child's best learning
  times; the same subject at the same time across days (structured families);
  weekly subjects on different days (loop); back-to-back blocks (block).
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .greedy import fill_in, greedy_first_fit
from .model import (
    BREAK_MINUTES,
    LEARNING_WINDOWS,
    OCCASIONALLY,
    PARENT_LOAD,
    SLOT,
    WEEKLY,
    ChildPlan,
    Session,
    SolverStats,
    SubjectPlan,
    WeekInput,
    WeekResult,
    is_groupable,
    subject_key,
    target_sessions,
    work_limit,
)
from .reasons import explain_unplaced

BREAK_SLOTS = BREAK_MINUTES // SLOT

# Objective weights (integers for CP-SAT). Placement dwarfs every preference.
REQUIRED = 100_000
CORE_BONUS = 10_000
INTEREST_BONUS = 2_000
OPTIONAL = 1_000
PREFERENCE_SCALE = 1_000  # x the family's weight (0-1) for each soft preference

STATUS_NAMES = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
    cp_model.UNKNOWN: "UNKNOWN",
}


def merged_slots(busy) -> list[tuple[int, int]]:
    """Commitments as slot intervals, rounded outwards and merged where they
    overlap (overlapping fixed intervals would make the model infeasible)."""
    merged: list[list[int]] = []
    for start, end in sorted((b.start // SLOT, -(-b.end // SLOT)) for b in busy):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _busy_within(child: ChildPlan, day, first: int, last: int) -> list[tuple[int, int]]:
    """The child's commitments on the day clipped to the slots [first, last)."""
    clipped = (
        (max(start, first), min(end, last))
        for start, end in merged_slots(child.commitments.get(day, ()))
    )
    return [(start, end) for start, end in clipped if start < end]


def _breaks_absorbed(busy: list[tuple[int, int]], first: int, last: int) -> int:
    """Break slots that commitments can stand for between blocks of work in
    [first, last): only one strictly inside can lie between two blocks, each in
    one gap, sparing that gap's break at most its own length."""
    return sum(min(BREAK_SLOTS, end - start) for start, end in busy if first < start and end < last)


@dataclass
class _Candidate:
    child: ChildPlan
    subject: SubjectPlan
    day_index: int
    present: cp_model.IntVar | int
    start: cp_model.IntVar | int
    interval: cp_model.IntervalVar
    fixed: bool

    @property
    def end(self):
        return self.start + self.subject.duration // SLOT


def solve(week: WeekInput, *, time_limit: float = 5.0) -> WeekResult:
    """The best week under the hard rules, with every unplaced session explained.

    Solved lexicographically, the stages sharing the time limit:
    1. placement: as many of the wanted sessions as possible, by value;
    2. preferences, with that placement value held, on the whole family (a
       short run: it gives the bound, and is often already optimal for small
       families);
    3. for families of more than WHOLE_FAMILY_UP_TO children, preferences
       again, one child at a time with the siblings held where they are (see
       _improve_by_child), until a round over all children improves nothing
       or the time is spent.
    The reported objective and bound are the sums of the two objectives'; the
    gap is the worse of the two objectives' own relative gaps (see SolverStats).

    Deterministic for the same input while deterministic time bounds the
    search (two workers interleave it in lockstep, CP-SAT's interleave_search):
    always for a week solved to optimality. When the clock stops it first, at
    the time limit (large families, a slow or loaded machine), the week can
    differ from one run to the next. See DETERMINISTIC_PER_SECOND.
    """
    started = time.perf_counter()
    deadline = started + time_limit
    model = cp_model.CpModel()
    builder = _Builder(model, week)
    builder.build()
    model.maximize(sum(builder.placement))
    greedy = greedy_first_fit(week)
    greedy_decisions = builder.decisions_of(greedy.sessions)
    greedy_value = _value(_warm_start(model, greedy_decisions))
    placement_deadline = started + time_limit * PLACEMENT_CLOCK_SHARE
    first = _solver(time_limit * PLACEMENT_SHARE, placement_deadline)
    status = first_status = first.solve(model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if found and (greedy_value is None or first.objective_value >= greedy_value):
        placed_value = round(first.objective_value)
        placed_bound = first.best_objective_bound
        placed_decisions = _values(first, builder.decisions())
        sessions = builder.sessions(first)
    elif found or (status == cp_model.UNKNOWN and greedy_value is not None):
        # The limit ran out before the search got back to the greedy week it was
        # hinted with (seen at 0.3 s on a loaded machine: an empty week for four
        # children). The greedy week keeps every hard rule by construction.
        status = cp_model.FEASIBLE
        placed_value = greedy_value
        placed_bound = first.best_objective_bound if found else builder.placement_ceiling
        placed_decisions = greedy_decisions
        sessions = list(greedy.sessions)
    else:  # INFEASIBLE (kept sessions clash; the caller refuses), or nothing at all in time
        placed_value, placed_bound, sessions = None, 0.0, builder.fixed_sessions()
    added = fill_in(week, sessions) if status == cp_model.FEASIBLE else []
    if added:
        # Out of time, the search may have left out sessions that fit around the
        # week as it stands (seen on over-subscribed 6 x 8 families).
        filled = sorted(sessions + added, key=lambda s: (s.child_id, s.day, s.start))
        filled_decisions = builder.decisions_of(filled)
        filled_value = _value(_warm_start(model, filled_decisions))
        if filled_value is not None and filled_value > placed_value:
            placed_value, placed_decisions, sessions = filled_value, filled_decisions, filled
    objective, bound = float(placed_value or 0), placed_bound
    placement_gap = 1.0 if placed_value is None else _gap(objective, placed_bound)
    preference_gap = 1.0  # until stage 2 finds something
    second_status = cp_model.UNKNOWN
    if placed_value is not None:
        model.add(sum(builder.placement) >= placed_value)
        model.maximize(sum(builder.objective))
        left = time_limit - _seconds(first)
        # A small family's week is solved best whole: stage 2 gets all the time,
        # from stage 1's decisions alone (completing them slowed its proofs).
        by_child = len(week.children) > WHOLE_FAMILY_UP_TO
        completed = _warm_start(model, placed_decisions, complete=by_child)
        share = WHOLE_FAMILY_SHARE if by_child else 1
        now = time.perf_counter()
        clock_share = WHOLE_FAMILY_CLOCK_SHARE if by_child else 1
        second = _solver(max(time_limit / 10, left * share), now + (deadline - now) * clock_share)
        second_status = second.solve(model)
        start, preference_bound = second, second.best_objective_bound
        if second_status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and completed is not None:
            # The clock stopped the whole family's run before it found anything (its
            # presolve alone takes ~0.8 s at 6 x 8): stage 3 starts from stage 1's
            # week as completed, with no bound but the objective's ceiling.
            second_status, start, preference_bound = cp_model.FEASIBLE, completed, _ceiling(model)
        if second_status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            best = start
            if by_child and second_status != cp_model.OPTIMAL:
                budget = left - _seconds(second)
                best = _improve_by_child(model, builder, start, budget, deadline)
            preference = best.objective_value
            if preference >= preference_bound:
                second_status = cp_model.OPTIMAL  # stage 3 reached stage 2's bound
            sessions = builder.sessions(best)
            objective += preference
            bound += preference_bound
            preference_gap = _gap(preference, preference_bound)
    if status == cp_model.OPTIMAL and second_status != cp_model.OPTIMAL:
        status = cp_model.FEASIBLE
    unplaced = explain_unplaced(week, sessions)
    stats = SolverStats(
        status=STATUS_NAMES.get(status, "UNKNOWN"),
        objective=objective,
        best_bound=bound,
        gap=max(placement_gap, preference_gap),
        wall_time=time.perf_counter() - started,
        placement_gap=placement_gap,
        preference_gap=preference_gap,
        placement_status=STATUS_NAMES.get(first_status, "UNKNOWN"),
        preference_status=STATUS_NAMES.get(second_status, "UNKNOWN"),
    )
    return WeekResult(sessions=tuple(sessions), unplaced=tuple(unplaced), stats=stats)


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
# The same on the clock, when the clock binds: more, as the whole family's run
# must get past presolve to find anything (at 0.3, stage 2 found nothing on four
# over-subscribed 6 x 8 families at 5 s). At 1 (stage 2 ran to the deadline,
# stage 3 never ran) the 4 x 8 preference gaps of seeds 0-3 were 43-55%; at 0.6,
# 25-55%.
WHOLE_FAMILY_CLOCK_SHARE = 0.6
# Stage 3: the least time one child's run gets, in seconds (as for _solver).
CHILD_RUN = 0.4
# Deterministic seconds for completing a warm start (measured: under 0.001).
COMPLETION_TIME = 0.5


def _improve_by_child(
    model: cp_model.CpModel,
    builder: _Builder,
    start: cp_model.CpSolver,
    budget: float,
    deadline: float,
) -> cp_model.CpSolver:
    """Stage 3: better preferences, one child at a time, the siblings held.

    Each run frees one child's sessions, holds every sibling's exactly where the
    best week so far has them, and keeps the placement value (the model's own
    constraint), so every run's answer is a valid week no worse than the last.
    A child's week alone is small enough to be solved well in a fraction of a
    second, where the whole family's is not (measured on the benchmark's 4 x 8
    families: 19,400 against 14,600 in the same time on one, 16,400 equal on
    another). Runs go round the children until a full round improves nothing
    or the budget (seconds, as for _solver) or the clock (deadline) is spent.
    """
    best = start
    children = builder.week.children
    run = max(CHILD_RUN, budget / (2 * len(children)))
    stale = 0  # runs in a row that improved nothing
    for child in itertools.cycle(children):
        if budget < CHILD_RUN / 2 or stale == len(children) or time.perf_counter() > deadline:
            break
        values = best.response_proto.solution
        held = _holding(model, _values(best, builder.decisions(other_than=child)))
        for index, value in enumerate(values):
            held.add_hint(held.get_int_var_from_proto_index(index), value)
        solver = _solver(min(run, budget), deadline)
        status = solver.solve(held)
        budget -= _seconds(solver)
        improved = status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and (
            solver.objective_value > best.objective_value
        )
        best, stale = (solver, 0) if improved else (best, stale + 1)
    return best


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


def _ceiling(model: cp_model.CpModel) -> float:
    """The objective's largest value over its variables' domains alone (a bound
    for a maximisation, which CP-SAT stores negated)."""
    objective = model.proto.objective
    lowest = objective.offset
    for index, coefficient in zip(objective.vars, objective.coeffs, strict=True):
        domain = model.proto.variables[index].domain
        lowest += min(coefficient * domain[0], coefficient * domain[len(domain) - 1])
    return objective.scaling_factor * lowest


def _value(solver: cp_model.CpSolver | None) -> int | None:
    return None if solver is None else round(solver.objective_value)


def _seconds(solver: cp_model.CpSolver) -> float:
    """The time a run used, in the limit's seconds (deterministic, see _solver)."""
    return solver.response_proto.deterministic_time / DETERMINISTIC_PER_SECOND


def _gap(objective: float, bound: float) -> float:
    """Relative gap of a maximisation: (bound - objective) / max(1, |bound|)."""
    return max(0.0, bound - objective) / max(1.0, abs(bound))


# Each run is bounded twice. Deterministic time first, so that the same input
# gives the same week; it advances at 0.2-0.5 of the wall-clock rate on the
# 2-core machines here (measured 2026-12-02: about 0.45 on 1 x 6 families,
# 0.22-0.25 on 4 x 8, 0.29-0.37 on over-subscribed 6 x 8), so at 4 x 8 and above
# the clock often stops a run first. The clock second: no search runs past the
# solve's deadline, the time limit (but for LAST_RUN), so a caller waits about
# what it asked; the warm-start completions and the reasons after the last run
# add 0.01-0.1 s. Before the deadline existed, a 5 s limit took 9-12 s at 4 x 8
# on a slow day.
DETERMINISTIC_PER_SECOND = 0.5
# One run's own clock cap, x its time_limit (stage 3's short runs).
WALL_CLOCK_CAP = 3.0
# The clock's share of the limit stage 1 may use when the clock stops it first;
# stages 2 and 3 share the rest (WHOLE_FAMILY_CLOCK_SHARE). Measured at 5 s on
# over-subscribed 6 x 8 families, seeds 0-3: at 0.5, 64-74 sessions placed; at
# 0.7, 70-77 with the same preference gaps; 4 x 8 alike. Noisy, as every run the
# clock stops is: the same run placed 67-77 on different tries.
PLACEMENT_CLOCK_SHARE = 0.7
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


def _solver(time_limit: float, deadline: float) -> cp_model.CpSolver:
    """A run of about `time_limit` seconds (deterministic), stopped by the clock
    at `deadline` (a time.perf_counter() value), or after LAST_RUN when that
    has passed."""
    solver = cp_model.CpSolver()
    # Deterministic time bounds the search, so the same input gives the same
    # week, unless the clock stops it first (see DETERMINISTIC_PER_SECOND).
    solver.parameters.max_deterministic_time = time_limit * DETERMINISTIC_PER_SECOND
    clock = min(WALL_CLOCK_CAP * time_limit, deadline - time.perf_counter())
    solver.parameters.max_time_in_seconds = max(LAST_RUN, clock)
    solver.parameters.num_workers = 2
    solver.parameters.interleave_search = True
    solver.parameters.random_seed = 7
    # Interleaving shares the time among all subsolvers; these rarely helped here
    # (measured on the benchmark's 4 x 8 families: stage 1 proven on 5/5 instead
    # of 4/5, median deterministic time 1.2 s instead of 2.4 s).
    for name in IDLE_SUBSOLVERS:
        solver.parameters.ignore_subsolvers.append(name)
    return solver


class _Builder:
    def __init__(self, model: cp_model.CpModel, week: WeekInput):
        self.model = model
        self.week = week
        self.candidates: list[_Candidate] = []
        self.placement: list = []  # stage 1: which sessions are placed
        self.placement_ceiling = 0  # stage 1's objective if every wanted session fitted
        self.objective: list = []  # stage 2: soft preferences
        self.at_best: dict[tuple, list] = defaultdict(list)  # see _window_cuts
        self.joined: dict[int, cp_model.IntVar] = {}  # id(candidate) -> joins a group
        self.group_arcs: list[tuple[_Candidate, _Candidate, cp_model.IntVar]] = []
        fixed = defaultdict(list)
        for f in week.fixed:
            fixed[(f.child_id, f.subject_id)].append(f)
        self.fixed = fixed

    # --- variables ---------------------------------------------------------

    def build(self) -> None:
        for child in self.week.children:
            for subject in child.subjects:
                self._subject_sessions(child, subject)
        self._grouping()
        for day_index in range(len(self.week.days)):
            for child in self.week.children:
                self._child_day(child, day_index)
            self._parent_day(day_index)
        self._window_cuts()

    def _subject_sessions(self, child: ChildPlan, subject: SubjectPlan) -> None:
        days = self.week.days
        pinned = {f.day: f for f in self.fixed.get((child.id, subject.id), [])}
        size = subject.duration // SLOT
        first, last = child.day_start // SLOT, child.day_end // SLOT - size
        candidates = []
        for day_index, day in enumerate(days):
            tag = f"{child.id}:{subject.id}:{day_index}"
            if day in pinned:
                start = pinned[day].start // SLOT
                interval = self.model.new_fixed_size_interval_var(start, size, f"fixed:{tag}")
                candidates.append(_Candidate(child, subject, day_index, 1, start, interval, True))
                continue
            fixed_start = subject.fixed_start
            if last < first or (
                fixed_start is not None and not first <= fixed_start // SLOT <= last
            ):
                continue  # cannot fit at all; reasons.py explains it
            present = self.model.new_bool_var(f"p:{tag}")
            if fixed_start is not None:
                start = fixed_start // SLOT  # rule 6
            else:
                start = self.model.new_int_var(first, last, f"s:{tag}")
            interval = self.model.new_optional_fixed_size_interval_var(
                start, size, present, f"i:{tag}"
            )
            candidates.append(
                _Candidate(child, subject, day_index, present, start, interval, False)
            )
        self.candidates.extend(candidates)
        self._frequency(child, subject, candidates)
        self._learning_times(child, subject, candidates)
        self._coherence(child, subject, candidates)

    # --- rule 5 and the placement objective --------------------------------

    def _frequency(
        self, child: ChildPlan, subject: SubjectPlan, candidates: list[_Candidate]
    ) -> None:
        wanted, most = target_sessions(subject.frequency, len(self.week.days))
        placed = sum(c.present for c in candidates)
        pinned = sum(1 for c in candidates if c.fixed)
        self.model.add(placed <= max(most, pinned))
        required = self.model.new_int_var(0, wanted, f"req:{child.id}:{subject.id}")
        self.model.add(required <= placed)
        value = REQUIRED + CORE_BONUS * subject.is_core + INTEREST_BONUS * subject.interest
        extra = OPTIONAL * subject.interest * (1 + self.week.preferences.child_interest)
        self.placement.append(value * required)
        self.placement.append(round(extra) * (placed - required))
        most_placed = min(max(most, pinned), len(candidates))
        self.placement_ceiling += value * min(wanted, most_placed) + round(extra) * max(
            0, most_placed - wanted
        )

    # --- soft preferences --------------------------------------------------

    def _learning_times(self, child: ChildPlan, subject: SubjectPlan, candidates) -> None:
        """Core and low-interest subjects at the child's best times: a session earns
        the weight when it starts inside one of them. One boolean per window (touching
        windows merged), so that _window_cuts can bound how much fits in each."""
        if not child.best_times or not (subject.is_core or subject.interest <= 2):
            return
        weight = round(PREFERENCE_SCALE * self.week.preferences.learning_times)
        if weight <= 0:
            return
        for c in candidates:
            if c.fixed or isinstance(c.start, int):
                continue
            inside = []
            for a, b in self._best_windows(child):
                if a > b:
                    continue
                at = self.model.new_bool_var("")
                self.model.add(c.start >= a).only_enforce_if(at)
                self.model.add(c.start <= b).only_enforce_if(at)
                self.at_best[(child.id, c.day_index, a, b)].append((c, at))
                inside.append(at)
                self.objective.append(weight * at)
            if inside:
                self.model.add(sum(inside) <= c.present)

    def _best_windows(self, child: ChildPlan) -> list[tuple[int, int]]:
        """The child's best learning times as ranges of start slots [a, b], touching
        windows merged, clipped to the homeschool day."""
        windows = sorted(LEARNING_WINDOWS[t] for t in child.best_times if t in LEARNING_WINDOWS)
        merged: list[list[int]] = []
        for start, end in windows:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [
            (max(start, child.day_start) // SLOT, min(end, child.day_end) // SLOT - 1)
            for start, end in merged
        ]

    def _window_cuts(self) -> None:
        """Redundant: the sessions of a child starting inside one best-time window on a
        day do not overlap, so they fit in the window plus the longest of them, less
        the child's commitments there and the breaks the age needs."""
        for (child_id, day_index, a, b), entries in self.at_best.items():
            child = next(k for k in self.week.children if k.id == child_id)
            sizes = [c.subject.duration // SLOT for c, _ in entries]
            hi = min(b + max(sizes), child.day_end // SLOT)
            busy = _busy_within(child, self.week.days[day_index], a, hi)
            room = hi - a - sum(end - start for start, end in busy)
            limit = work_limit(child.age) // SLOT
            if max(sizes) <= limit:  # k blocks need k - 1 breaks, or commitments between
                absorbed = _breaks_absorbed(busy, a, hi)
                room = max(
                    min(k * limit, room - max(0, (k - 1) * BREAK_SLOTS - absorbed))
                    for k in range(1, 2 + room // max(1, limit))
                )
            if sum(sizes) > room:
                used = sum(size * at for size, (_, at) in zip(sizes, entries, strict=True))
                self.model.add(used <= room)

    def _coherence(self, child: ChildPlan, subject: SubjectPlan, candidates) -> None:
        prefs = self.week.preferences
        style = prefs.scheduling_style.get("time_blocked", 3)
        if not (prefs.structured or style >= 4):
            return
        movable = [c for c in candidates if not c.fixed and not isinstance(c.start, int)]
        if len(movable) < 2:
            return
        size = subject.duration // SLOT
        anchor = self.model.new_int_var(child.day_start // SLOT, child.day_end // SLOT - size, "")
        weight = round(PREFERENCE_SCALE * prefs.subject_coherence * max(1, style - 2))
        for c in movable:
            same = self.model.new_bool_var("")
            self.model.add(c.start == anchor).only_enforce_if(same)
            self.model.add_implication(same, c.present)
            self.objective.append(weight * same)

    # --- siblings together -------------------------------------------------

    def _grouping(self) -> None:
        """Siblings doing the same groupable subject together, the parent counted once.

        Only when the family rates grouped activities 4 or 5. A session needing the
        parent may join a sibling's session of the same subject name on the same
        day (the leader): same start, no longer and needing the parent no more, so
        it lies inside the leader's interval and the leader's load covers both;
        the joiner's load on the parent becomes 0 (see _parent_day). Ties in load
        and length join only the earlier candidate, so no two sessions join each
        other. Each parent-minute saved earns the parent-involvement weight
        times the rating above 3.
        """
        prefs = self.week.preferences
        rating = prefs.scheduling_style.get("grouped_activities", 3)
        if rating < 4:
            return
        by_key: dict[tuple, list[_Candidate]] = defaultdict(list)
        for c in self.candidates:
            if PARENT_LOAD[c.subject.involvement] and is_groupable(c.subject):
                by_key[(c.day_index, subject_key(c.subject.name))].append(c)
        for group in by_key.values():
            if len({c.child.id for c in group}) < 2:
                continue
            for n, joiner in enumerate(group):
                rank = (PARENT_LOAD[joiner.subject.involvement], joiner.subject.duration)
                leaders = []
                for m, leader in enumerate(group):
                    other = (PARENT_LOAD[leader.subject.involvement], leader.subject.duration)
                    if leader.child.id == joiner.child.id:
                        continue
                    if not (other[0] >= rank[0] and other[1] >= rank[1]):
                        continue  # the leader must cover the joiner
                    if other == rank and m > n:
                        continue
                    both_fixed = isinstance(leader.start, int) and isinstance(joiner.start, int)
                    if both_fixed and leader.start != joiner.start:
                        continue
                    together = self.model.new_bool_var("")
                    self.model.add_implication(together, leader.present)
                    self.model.add_implication(together, joiner.present)
                    self.model.add(leader.start == joiner.start).only_enforce_if(together)
                    self.group_arcs.append((leader, joiner, together))
                    leaders.append(together)
                if not leaders:
                    continue
                joined = self.model.new_bool_var("")
                self.model.add(sum(leaders) == joined)
                self.joined[id(joiner)] = joined
                saved = rank[0] * joiner.subject.duration / 60  # parent-hours at full load
                weight = round(PREFERENCE_SCALE * prefs.parent_involvement * (rating - 3) * saved)
                if weight:
                    self.objective.append(weight * joined)

    def _demand(self, c: _Candidate):
        """The candidate's load on the parent: none when it joins a sibling's session."""
        load = PARENT_LOAD[c.subject.involvement]
        joined = self.joined.get(id(c))
        return load if joined is None else load - load * joined

    # --- one child's day: rules 2 and 8 -------------------------------------

    def _child_day(self, child: ChildPlan, day_index: int) -> None:
        day = self.week.days[day_index]
        todays = [c for c in self.candidates if c.child is child and c.day_index == day_index]
        if not todays:
            return
        busy = [
            self.model.new_fixed_size_interval_var(start, end - start, "")
            for start, end in merged_slots(child.commitments.get(day, ()))
        ]
        self.model.add_no_overlap([c.interval for c in todays] + busy)
        self._breaks(child, todays)
        self._rotation(todays)

    def _breaks(self, child: ChildPlan, todays: list[_Candidate]) -> None:
        """Rule 8: a block is a chain of sessions with gaps under 10 minutes; its
        span (first start to last end) is at most the age's limit.

        The day's sessions are ordered by a circuit (each present session has
        one successor). An arc with a short gap is an adjacency, which carries
        the block's start forward; every session must end within the limit of
        its block's start. A session longer than the limit may never be
        adjacent, so it stands alone with a break on both sides.
        """
        limit = work_limit(child.age) // SLOT
        block_start = []
        for c in todays:
            bs = self.model.new_int_var(child.day_start // SLOT, child.day_end // SLOT, "")
            self.model.add(bs <= c.start)
            self.model.add(c.end - bs <= max(limit, c.subject.duration // SLOT))
            block_start.append(bs)
        style = self.week.preferences.scheduling_style.get("block", 3)
        adjacencies = []
        arcs = [(0, 0, self.model.new_bool_var(""))]  # an empty day
        for i, c in enumerate(todays, start=1):
            absent = self.model.new_bool_var("")
            self.model.add(absent + c.present == 1)
            arcs += [
                (i, i, absent),
                (0, i, self.model.new_bool_var("")),
                (i, 0, self.model.new_bool_var("")),
            ]
        for i, first in enumerate(todays, start=1):
            for j, second in enumerate(todays, start=1):
                if i == j:
                    continue
                follows = self.model.new_bool_var("")
                arcs.append((i, j, follows))
                self.model.add(second.start >= first.end).only_enforce_if(follows)
                long_pair = max(first.subject.duration, second.subject.duration) > limit * SLOT
                if long_pair:
                    self.model.add(second.start >= first.end + BREAK_SLOTS).only_enforce_if(follows)
                    continue
                adjacent = self.model.new_bool_var("")
                self.model.add_implication(adjacent, follows)
                self.model.add(second.start >= first.end + BREAK_SLOTS).only_enforce_if(
                    [follows, adjacent.Not()]
                )
                self.model.add(block_start[j - 1] <= block_start[i - 1]).only_enforce_if(adjacent)
                adjacencies.append(adjacent)
                if style >= 4:  # "block" families like fewer, longer stretches
                    self.objective.append(round(PREFERENCE_SCALE * 0.05 * (style - 3)) * adjacent)
        self.model.add_circuit(arcs)
        self._break_cuts(child, todays, adjacencies, limit)

    def _break_cuts(
        self, child: ChildPlan, todays: list[_Candidate], adjacencies, limit: int
    ) -> None:
        """Implied linear constraints that give the solver a tight bound early:
        work comes in blocks of at most `limit`, and blocks are 10 minutes apart
        except where a commitment between them is their break."""
        present = [c.present for c in todays]
        sizes = [c.subject.duration // SLOT for c in todays]
        work = sum(size * p for size, p in zip(sizes, present, strict=True))
        blocks = sum(present) - sum(adjacencies)
        overflow = sum(max(0, size - limit) * p for size, p in zip(sizes, present, strict=True))
        self.model.add(work <= limit * blocks + overflow)
        first, last = child.day_start // SLOT, child.day_end // SLOT
        busy = _busy_within(child, self.week.days[todays[0].day_index], first, last)
        room = last - first - sum(end - start for start, end in busy)
        absorbed = _breaks_absorbed(busy, first, last)
        self.model.add(work + BREAK_SLOTS * (blocks - 1) - absorbed <= room)

    def _rotation(self, todays: list[_Candidate]) -> None:
        """Loop families: weekly subjects on different days rather than piled up."""
        loop = self.week.preferences.scheduling_style.get("loop", 3)
        weekly = [c.present for c in todays if c.subject.frequency in (WEEKLY, OCCASIONALLY)]
        if loop < 4 or len(weekly) < 2:
            return
        excess = self.model.new_int_var(0, len(weekly), "")
        self.model.add(excess >= sum(weekly) - 1)
        self.objective.append(-round(PREFERENCE_SCALE * 0.1 * (loop - 3)) * excess)

    # --- the parent: rules 3 and 4 ------------------------------------------

    def _parent_day(self, day_index: int) -> None:
        day = self.week.days[day_index]
        capacity = self.week.parent_capacity
        intervals, demands = [], []
        for c in self.candidates:
            if c.day_index == day_index and PARENT_LOAD[c.subject.involvement]:
                intervals.append(c.interval)
                demands.append(self._demand(c))
        if not intervals:
            return
        for start, end in merged_slots(self.week.family_commitments.get(day, ())):
            intervals.append(self.model.new_fixed_size_interval_var(start, end - start, ""))
            demands.append(capacity)  # the parent is away: nothing needing them fits
        self.model.add_cumulative(intervals, demands, capacity)
        self._parent_energy(day_index)

    def _parent_energy(self, day_index: int) -> None:
        """Redundant energy cuts for the parent (CP-SAT's own relaxation of the
        cumulative is weak when the parent is the bottleneck): the sessions of
        the children whose hours lie inside [t1, t2) need at most the capacity
        times that stretch, less the time the parent is away in it."""
        day = self.week.days[day_index]
        capacity = self.week.parent_capacity
        away = merged_slots(self.week.family_commitments.get(day, ()))
        todays = [
            c
            for c in self.candidates
            if c.day_index == day_index and PARENT_LOAD[c.subject.involvement]
        ]
        starts = sorted({c.child.day_start // SLOT for c in todays})
        ends = sorted({c.child.day_end // SLOT for c in todays})
        for t1 in starts:
            for t2 in ends:
                inside = [
                    c
                    for c in todays
                    if t1 <= c.child.day_start // SLOT and c.child.day_end // SLOT <= t2
                ]
                if len({c.child.id for c in inside}) < 2:
                    continue
                gone = sum(max(0, min(end, t2) - max(start, t1)) for start, end in away)
                room = capacity * (t2 - t1 - gone)
                energy = [
                    (
                        PARENT_LOAD[c.subject.involvement] * (c.subject.duration // SLOT),
                        c.present - self.joined[id(c)] if id(c) in self.joined else c.present,
                    )
                    for c in inside
                ]
                if sum(e for e, _ in energy) > room:
                    self.model.add(sum(e * p for e, p in energy) <= room)

    def decisions_of(self, sessions) -> dict[int, int]:
        """A valid week's sessions as decisions: variable index -> value."""
        placed = {(s.child_id, s.subject_id, s.day): s.start // SLOT for s in sessions}
        decided = {}
        for c in self.candidates:
            if c.fixed:
                continue
            start = placed.get((c.child.id, c.subject.id, self.week.days[c.day_index]))
            decided[c.present.index] = int(start is not None)
            if start is not None and not isinstance(c.start, int):
                decided[c.start.index] = start
        return decided

    def decisions(self, *, other_than: ChildPlan | None = None) -> list[cp_model.IntVar]:
        """The placement and start variables of every child (but one)."""
        return [
            var
            for c in self.candidates
            if c.child is not other_than and not c.fixed
            for var in (c.present, c.start)
            if not isinstance(var, int)
        ]

    # --- reading the answer -------------------------------------------------

    def sessions(self, solver: cp_model.CpSolver) -> list[Session]:
        groups = self._groups(solver)
        out = []
        for c in self.candidates:
            if c.fixed or solver.boolean_value(c.present):
                start = solver.value(c.start) if not c.fixed else c.start
                out.append(self._session(c, start, groups.get(id(c), ())))
        return sorted(out, key=lambda s: (s.child_id, s.day, s.start))

    def _groups(self, solver: cp_model.CpSolver) -> dict[int, tuple[str, ...]]:
        """id(candidate) -> the other children in its group (joined leaders and joiners)."""
        parent: dict[int, _Candidate] = {}

        def root(c: _Candidate) -> _Candidate:
            while id(c) in parent:
                c = parent[id(c)]
            return c

        members: dict[int, _Candidate] = {}
        for leader, joiner, together in self.group_arcs:
            if solver.boolean_value(together):
                members[id(leader)], members[id(joiner)] = leader, joiner
                a, b = root(leader), root(joiner)
                if a is not b:
                    parent[id(b)] = a
        by_root: dict[int, list[_Candidate]] = defaultdict(list)
        for c in members.values():
            by_root[id(root(c))].append(c)
        return {
            id(c): tuple(sorted({k.child.id for k in group} - {c.child.id}))
            for group in by_root.values()
            for c in group
        }

    def fixed_sessions(self) -> list[Session]:
        return [self._session(c, c.start) for c in self.candidates if c.fixed]

    def _session(
        self, c: _Candidate, start_slot: int, grouped_with: tuple[str, ...] = ()
    ) -> Session:
        start = start_slot * SLOT
        return Session(
            child_id=c.child.id,
            subject_id=c.subject.id,
            name=c.subject.name,
            day=self.week.days[c.day_index],
            start=start,
            end=start + c.subject.duration,
            involvement=c.subject.involvement,
            fixed=c.fixed,
            grouped_with=grouped_with,
        )
