"""Greedy first fit: each wanted session at the earliest 5-minute slot that
breaks no hard rule. Always valid, rarely good.

It is the benchmark's simplest baseline and the CP-SAT model's warm start (a
hint). It shares no code with the solver; its checks are written here on a
minute grid (the validator works on intervals), so the two agree only if both
are right; only the rule constants come from the validator.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass, field

from brightpath.planner.engine.model import (
    ChildPlan,
    Session,
    SolverStats,
    SubjectPlan,
    Unplaced,
    WeekInput,
    WeekResult,
)
from brightpath.planner.engine.validator import (
    GRID,
    LOAD,
    LOAD_PER_ADULT,
    MIN_BREAK,
    UNKNOWN_INVOLVEMENT_LOAD,
    work_limit_minutes,
)

GREEDY_REASON = "no free slot (greedy)"
# Days a non-daily subject gets in the first pass; an occasional one is tried once.
FIRST_PASS = {"2-3_times_per_week": 2, "once_a_week": 1, "occasionally": 1}


def heuristic_stats(started: float) -> SolverStats:
    return SolverStats("HEURISTIC", 0.0, 0.0, 0.0, time.perf_counter() - started)


# --- greedy first fit -------------------------------------------------------


@dataclass
class _Board:
    """What is taken so far: per child and day its busy intervals, per day the parent's load."""

    week: WeekInput
    sessions: list[Session] = field(default_factory=list)
    child_busy: dict[tuple[str, dt.date], list[tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    load: dict[dt.date, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))

    def __post_init__(self) -> None:
        for child in self.week.children:
            for day, busy in child.commitments.items():
                self.child_busy[(child.id, day)] += [(b.start, b.end) for b in busy]

    def add(
        self, child: ChildPlan, subject: SubjectPlan, day: dt.date, start: int, fixed: bool
    ) -> None:
        end = start + subject.duration
        self.take(
            Session(child.id, subject.id, subject.name, day, start, end, subject.involvement, fixed)
        )

    def take(self, session: Session) -> None:
        """Put a session on the board. Siblings grouped under one parent each count
        their load here: a later session needing the parent sees less room than
        there is, never more."""
        self.sessions.append(session)
        self.child_busy[(session.child_id, session.day)].append((session.start, session.end))
        load = _load(session.involvement)
        for minute in range(session.start, session.end):
            taken = self.load[session.day]
            taken[minute] = taken.get(minute, 0) + load

    def placed(self, child: ChildPlan, subject: SubjectPlan) -> set[dt.date]:
        return {
            s.day for s in self.sessions if s.child_id == child.id and s.subject_id == subject.id
        }

    def fits(self, child: ChildPlan, subject: SubjectPlan, day: dt.date, start: int) -> bool:
        end = start + subject.duration
        if start < child.day_start or end > child.day_end:
            return False
        if any(
            start < b_end and b_start < end for b_start, b_end in self.child_busy[(child.id, day)]
        ):
            return False
        if _load(subject.involvement) and not self._parent_free(subject, day, start, end):
            return False
        return self._breaks_ok(child, day, start, end)

    def _parent_free(self, subject: SubjectPlan, day: dt.date, start: int, end: int) -> bool:
        family = self.week.family_commitments.get(day, ())
        if any(start < b.end and b.start < end for b in family):
            return False
        room = LOAD_PER_ADULT * self.week.adults - _load(subject.involvement)
        taken = self.load[day]
        return all(taken.get(minute, 0) <= room for minute in range(start, end))

    def _breaks_ok(self, child: ChildPlan, day: dt.date, start: int, end: int) -> bool:
        spans = [(s.start, s.end) for s in self.sessions if s.child_id == child.id and s.day == day]
        return rested(spans + [(start, end)], work_limit_minutes(child.age))


def rested(spans: list[tuple[int, int]], limit: int) -> bool:
    """Rule 8 on one child's day (start, end minutes): no run of sessions joined
    by gaps under MIN_BREAK spans more than `limit`; a session alone may."""
    spans = sorted(spans)
    run_start, run_end = spans[0]
    for start, end in spans[1:]:
        if start - run_end >= MIN_BREAK:
            run_start, run_end = start, end
            continue
        run_end = max(run_end, end)
        if run_end - run_start > limit:
            return False
    return True


def _load(involvement: str) -> int:
    return LOAD.get(involvement, UNKNOWN_INVOLVEMENT_LOAD)


def greedy_first_fit(week: WeekInput) -> WeekResult:
    """Each wanted session at the earliest slot that breaks no hard rule; the rest unplaced."""
    started = time.perf_counter()
    board = _Board(week)
    by_id = {c.id: c for c in week.children}
    for f in week.fixed:
        child = by_id[f.child_id]
        subject = next(s for s in child.subjects if s.id == f.subject_id)
        board.add(child, subject, f.day, f.start, fixed=True)

    unplaced = _first_fit(board)
    return WeekResult(tuple(board.sessions), tuple(unplaced), heuristic_stats(started))


def fill_in(week: WeekInput, sessions: list[Session]) -> list[Session]:
    """The wanted sessions that still fit around `sessions`, left where they are:
    each at its first free slot, as greedy_first_fit would place it."""
    board = _Board(week)
    for session in sessions:
        board.take(session)
    _first_fit(board)
    return board.sessions[len(sessions) :]


def _first_fit(board: _Board) -> list[Unplaced]:
    """Place what the board's week still wants; the required sessions it could not place."""
    unplaced: list[Unplaced] = []
    # Fixed-time subjects have one possible slot each, so they go first, before a
    # sibling's flexible session can take the parent at that time.
    wanted = [(c, s) for c in board.week.children for s in c.subjects]
    wanted.sort(key=lambda cs: cs[1].fixed_start is None)
    for child, subject in wanted:
        unplaced += _place_subject(board, child, subject)
    # Optional sessions (the third of 2-3 a week) only once every required one had its turn.
    for child, subject in wanted:
        if subject.frequency == "2-3_times_per_week":
            _place_on_some_day(board, child, subject, want=3)
    return unplaced


def _place_subject(board: _Board, child: ChildPlan, subject: SubjectPlan) -> list[Unplaced]:
    def missing(day: dt.date | None) -> Unplaced:
        return Unplaced(child.id, child.name, subject.id, subject.name, day, GREEDY_REASON)

    if subject.frequency == "daily":
        done = board.placed(child, subject)
        return [
            missing(day)
            for day in board.week.days
            if day not in done and not _place_on(board, child, subject, day)
        ]
    want = FIRST_PASS.get(subject.frequency, 0)
    placed = _place_on_some_day(board, child, subject, want)
    return [missing(None) for _ in range(want - placed)]


def _place_on_some_day(board: _Board, child: ChildPlan, subject: SubjectPlan, want: int) -> int:
    """Place on the first days that have room until ``want`` days hold the subject."""
    done = board.placed(child, subject)
    for day in board.week.days:
        if len(done) >= want:
            break
        if day not in done and _place_on(board, child, subject, day):
            done.add(day)
    return len(done)


def _place_on(board: _Board, child: ChildPlan, subject: SubjectPlan, day: dt.date) -> bool:
    first = -(-child.day_start // GRID) * GRID  # the first grid minute inside the hours
    starts = (
        [subject.fixed_start]
        if subject.fixed_start is not None
        else _learned_first(board.week, child, subject, range(first, child.day_end, GRID))
    )
    for start in starts:
        if start % GRID == 0 and board.fits(child, subject, day, start):
            board.add(child, subject, day, start, fixed=False)
            return True
    return False


def _learned_first(week: WeekInput, child: ChildPlan, subject: SubjectPlan, starts: range):
    """The starts to try in order: with a time learned for the subject, those
    inside its windows first, nearest their middle, so that the solver's warm
    start already keeps the family's times; else simply the earliest first."""
    learned = week.learned_time(child.id, subject.id)
    if learned is None:
        return starts

    def distance(start: int) -> float:
        return min(abs(start - (a + b) / 2) for a, b in learned.windows)

    inside = [t for t in starts if any(a <= t < b for a, b in learned.windows)]
    taken = set(inside)
    return sorted(inside, key=lambda t: (distance(t), t)) + [t for t in starts if t not in taken]
