"""The week as a CP-SAT model: its variables, the hard rules as constraints,
and the terms of both objectives (placement, preferences; see the package).

The order in which _Builder.build adds variables and constraints is part of
the behaviour: CP-SAT's search, and so the week found, depends on it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..model import (
    BREAK_MINUTES,
    LEARNING_WINDOWS,
    OCCASIONALLY,
    PARENT_LOAD,
    SLOT,
    WEEKLY,
    ChildPlan,
    Preferences,
    Session,
    SubjectPlan,
    WeekInput,
    is_groupable,
    subject_key,
    target_sessions,
    work_limit,
)

BREAK_SLOTS = BREAK_MINUTES // SLOT

# Objective weights (integers for CP-SAT). Placement dwarfs every preference.
REQUIRED = 100_000
CORE_BONUS = 10_000
INTEREST_BONUS = 2_000
OPTIONAL = 1_000
PREFERENCE_SCALE = 1_000  # x the family's weight (0-1) for each soft preference


def placement_values(subject: SubjectPlan, preferences: Preferences) -> tuple[int, int]:
    """What placing one of the subject's sessions is worth in stage 1: (a session
    the frequency asks for, an optional one beyond it)."""
    value = REQUIRED + CORE_BONUS * subject.is_core + INTEREST_BONUS * subject.interest
    extra = round(OPTIONAL * subject.interest * (1 + preferences.child_interest))
    return value, extra


def coherence_weight(preferences: Preferences) -> int:
    """What one session at its subject's usual start is worth (structured or
    time-blocked families); 0 when the family does not ask for it."""
    style = preferences.scheduling_style.get("time_blocked", 3)
    if not (preferences.structured or style >= 4):
        return 0
    return round(PREFERENCE_SCALE * preferences.subject_coherence * max(1, style - 2))


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
    def movable(self) -> bool:
        """Its start is the solver's to choose (not pinned, no fixed time)."""
        return not self.fixed and not isinstance(self.start, int)

    @property
    def end(self):
        return self.start + self.subject.duration // SLOT


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
        value, extra = placement_values(subject, self.week.preferences)
        self.placement.append(value * required)
        self.placement.append(extra * (placed - required))
        most_placed = min(max(most, pinned), len(candidates))
        self.placement_ceiling += value * min(wanted, most_placed) + extra * max(
            0, most_placed - wanted
        )

    # --- soft preferences --------------------------------------------------

    def _learning_times(self, child: ChildPlan, subject: SubjectPlan, candidates) -> None:
        """Core and low-interest subjects at the child's best times: a session earns
        the weight when it starts inside one of them. One boolean per window (touching
        windows merged), so that _window_cuts can bound how much fits in each.

        A time learned for this child and subject (WeekInput.learned_times) takes the
        place of the questionnaire's best times, for any subject: the family's own
        moves are better evidence than the form."""
        learned = self.week.learned_time(child.id, subject.id)
        if learned is not None:
            weight = round(
                PREFERENCE_SCALE * self.week.preferences.learned_times * learned.strength
            )
            windows = self._start_windows(child, learned.windows)
        else:
            if not child.best_times or not (subject.is_core or subject.interest <= 2):
                return
            weight = round(PREFERENCE_SCALE * self.week.preferences.learning_times)
            windows = self._best_windows(child)
        if weight <= 0:
            return
        for c in candidates:
            if not c.movable:
                continue
            inside = []
            for a, b in windows:
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
        windows = [LEARNING_WINDOWS[t] for t in child.best_times if t in LEARNING_WINDOWS]
        return self._start_windows(child, windows)

    @staticmethod
    def _start_windows(child: ChildPlan, windows) -> list[tuple[int, int]]:
        """Clock windows [start, end) in minutes as ranges of start slots [a, b],
        touching windows merged, clipped to the homeschool day."""
        windows = sorted(windows)
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
        weight = coherence_weight(self.week.preferences)
        movable = [c for c in candidates if c.movable]
        if not weight or len(movable) < 2:
            return
        size = subject.duration // SLOT
        anchor = self.model.new_int_var(child.day_start // SLOT, child.day_end // SLOT - size, "")
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
