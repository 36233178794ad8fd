"""Synthetic families with hidden true preferences, and a simulated parent.

Seed 002's ml/data/synthetic.py made random feedback; here a family has a
truth the planner cannot see: for each child's subject, the time of day it
really fits (an ideal start and how far from it is still fine), or none. The
questionnaire the family filled in knows it only roughly: each child's best
learning times come from where most of the child's core subjects fit, and the
parent gets that wrong sometimes.

Each week the simulated parent (simulate_week):
- moves a session that starts outside its true window, with the family's
  propensity, to the free start nearest the ideal on the same day (none free
  within the window: it stays); and now and then (NOISE_MOVE) any session to
  a random free time, for reasons that have nothing to do with fit;
- completes a session with a probability by fit (it fits where it ends up),
  else skips it; the child's engagement follows the fit;
- rates the week (1-5 stars) from how well the plan fitted and how much got
  done, with the family's own temper.
Everything is drawn from random.Random(seed): the same seed, the same family
and the same week. The events are signals.LogEvents, as the app logs them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from brightpath.planner.engine.model import (
    DAILY,
    FULL,
    INDEPENDENT,
    LEARNING_WINDOWS,
    MINIMAL,
    SLOT,
    SOME,
    TWO_THREE,
    WEEKLY,
    Busy,
    ChildPlan,
    Preferences,
    Session,
    SubjectPlan,
    WeekInput,
)

from .preferences import FamilyPreferences, cold_start, seeds_from_week
from .signals import LogEvent

FIRST_MONDAY = dt.date(2026, 1, 5)
CORE = ("Mathematics", "Reading", "Writing", "Science")
ELECTIVES = ("History", "Art", "Music", "Spanish", "Nature Study", "Coding", "Latin", "Logic")
NAMES = ("Ava", "Noah", "Mia", "Liam", "Ella", "Owen", "Zoe", "Eli")
BEST_TIME_KEYS = (
    "early_morning",
    "mid-morning",
    "late_morning",
    "early_afternoon",
    "late_afternoon",
)

# Completion by fit: a session where it fits is usually done, one that does not
# often is not; a session the parent had to move fits now, but costs a little.
DONE_IF_FITS = 0.92
DONE_IF_MOVED = 0.85
DONE_IF_NOT = 0.55
# Life happens: a session moved for no reason of fit (a phone call, a late
# breakfast), to a random free time that day. Noise in the moves learning reads.
NOISE_MOVE = 0.04


@dataclass(frozen=True)
class TrueTime:
    """When a subject really fits: starting within `tolerance` minutes of `ideal`."""

    ideal: int
    tolerance: int

    def fits(self, start: int) -> bool:
        return abs(start - self.ideal) <= self.tolerance


@dataclass(frozen=True)
class SimFamily:
    seed: int
    children: tuple[ChildPlan, ...]  # commitments keyed by weekday (0 = Monday) dates of week 0
    truth: dict[tuple[str, str], TrueTime]  # (child id, subject id) -> truth; absent: any time
    move_propensity: float  # how often the parent moves a session that does not fit
    temper: float  # added to every star rating: a hard or an easy judge
    style_scores: dict[str, float] = field(default_factory=dict)  # Likert dimension scores
    scheduling_style: dict[str, int] = field(default_factory=dict)
    adults: int = 1


def make_family(seed: int) -> SimFamily:
    rng = random.Random(seed)  # noqa: S311 - reproducible simulation, not security
    count = rng.choices((1, 2, 3), weights=(4, 4, 2))[0]
    names = rng.sample(NAMES, count)
    # The family's rhythm by subject: most children share it, some differ.
    rhythm: dict[str, str | None] = {}
    for name in CORE:
        rhythm[name] = "morning" if rng.random() < 0.7 else "afternoon"
    for name in ELECTIVES:
        rhythm[name] = rng.choice(("morning", "afternoon", "afternoon", None))
    children, truth = [], {}
    for n in range(count):
        child, child_truth = _child(rng, f"c{n + 1}", names[n], rhythm)
        children.append(child)
        truth.update(child_truth)
    style_scores = {
        key: round(rng.uniform(1.5, 4.8), 2)
        for key in ("flexibilityVsStructure", "timeManagement", "prioritization")
    }
    return SimFamily(
        seed=seed,
        children=tuple(children),
        truth=truth,
        move_propensity=rng.uniform(0.5, 0.9),
        temper=rng.uniform(-0.5, 0.3),
        style_scores=style_scores,
        scheduling_style={"block": rng.randint(2, 4), "time_blocked": rng.randint(2, 4)},
        adults=rng.choices((1, 2), weights=(3, 1))[0],
    )


def _child(rng: random.Random, child_id: str, name: str, rhythm: dict) -> tuple[ChildPlan, dict]:
    age = rng.randint(5, 14)
    day_start = rng.choice((8 * 60, 8 * 60 + 30, 9 * 60))
    day_end = rng.choice((14 * 60, 14 * 60 + 30, 15 * 60, 15 * 60 + 30))
    low, high = (15, 25) if age <= 6 else (20, 40) if age <= 10 else (30, 50)
    names = list(rng.sample(CORE, rng.randint(2, 4))) + rng.sample(ELECTIVES, rng.randint(2, 3))
    subjects, truth = [], {}
    for number, subject_name in enumerate(names):
        is_core = subject_name in CORE
        duration = rng.randrange(low, high + 1, SLOT)
        subject = SubjectPlan(
            id=f"{child_id}:s{number + 1}",
            name=subject_name,
            duration=duration,
            frequency=DAILY if is_core else rng.choice((TWO_THREE, TWO_THREE, WEEKLY)),
            involvement=_involvement(rng, age),
            interest=rng.randint(1, 5),
            is_core=is_core,
        )
        subjects.append(subject)
        part = rhythm[subject_name]
        if rng.random() < 0.25:  # this child differs from the family
            part = rng.choice(("morning", "afternoon", None))
        if part is None:
            continue
        if part == "morning":
            ideal = rng.randrange(day_start, 11 * 60 + 1, SLOT)
        else:
            ideal = rng.randrange(12 * 60 + 30, day_end - duration + 1, SLOT)
        truth[(child_id, subject.id)] = TrueTime(ideal, rng.choice((45, 60, 75)))
    commitments = {}
    if rng.random() < 0.4:
        weekday = rng.randrange(5)
        start = rng.choice((10 * 60, 11 * 60, 13 * 60))
        commitments[FIRST_MONDAY + dt.timedelta(days=weekday)] = (
            Busy(rng.choice(("Piano lesson", "Swim team", "Co-op class")), start, start + 60),
        )
    child = ChildPlan(
        id=child_id,
        name=name,
        age=age,
        day_start=day_start,
        day_end=day_end,
        subjects=tuple(subjects),
        best_times=_answered_best_times(rng, subjects, truth, child_id),
        commitments=commitments,
    )
    return child, truth


def _involvement(rng: random.Random, age: int) -> str:
    if age <= 7:
        return rng.choice((FULL, FULL, SOME))
    if age <= 11:
        return rng.choice((SOME, SOME, MINIMAL))
    return rng.choice((MINIMAL, INDEPENDENT))


def _answered_best_times(rng, subjects, truth, child_id) -> tuple[str, ...]:
    """The questionnaire's answer: the parts of the day where the child's core
    subjects' ideals mostly lie, wrong two times in five."""
    ideals = sorted(
        truth[(child_id, s.id)].ideal for s in subjects if s.is_core and (child_id, s.id) in truth
    )
    if not ideals or rng.random() < 0.4:
        return tuple(sorted(rng.sample(BEST_TIME_KEYS, rng.randint(1, 2))))
    median = ideals[len(ideals) // 2]
    return tuple(
        k for k in BEST_TIME_KEYS if LEARNING_WINDOWS[k][0] <= median < LEARNING_WINDOWS[k][1]
    )


def week_days(week_index: int) -> tuple[dt.date, ...]:
    monday = FIRST_MONDAY + dt.timedelta(weeks=week_index)
    return tuple(monday + dt.timedelta(days=n) for n in range(5))


def family_cold_start(family: SimFamily) -> FamilyPreferences:
    """Where both arms start: the questionnaire and the Likert scores only."""
    return cold_start(seeds_from_week(week_for(family, 0)), style_scores=family.style_scores)


def week_for(
    family: SimFamily,
    week_index: int,
    prefs: FamilyPreferences | None = None,
    *,
    learn: bool = True,
) -> WeekInput:
    """The engine's input for the family's week `week_index` (0 = the first).
    With `prefs`, its soft weights; with `learn` too, its learned times."""
    shift = dt.timedelta(weeks=week_index)
    children = tuple(
        ChildPlan(
            id=c.id,
            name=c.name,
            age=c.age,
            day_start=c.day_start,
            day_end=c.day_end,
            subjects=c.subjects,
            best_times=c.best_times,
            commitments={day + shift: busy for day, busy in c.commitments.items()},
        )
        for c in family.children
    )
    weights, learned = ({}, ()) if prefs is None else prefs.engine_input()
    return WeekInput(
        days=week_days(week_index),
        children=children,
        adults=family.adults,
        preferences=Preferences(**weights, scheduling_style=dict(family.scheduling_style)),
        learned_times=learned if learn else (),
    )


# --- the simulated parent ---------------------------------------------------


@dataclass
class WeekOutcome:
    events: list[LogEvent]
    sessions: int
    moves: int
    completed: int
    stars: int
    fit: float  # the plan's hidden-preference fit: share of sessions with a truth that fit it

    @property
    def completion_rate(self) -> float:
        return self.completed / self.sessions if self.sessions else 1.0


def hidden_fit(family: SimFamily, sessions) -> float:
    judged = [s for s in sessions if (s.child_id, s.subject_id) in family.truth]
    if not judged:
        return 1.0
    return sum(family.truth[(s.child_id, s.subject_id)].fits(s.start) for s in judged) / len(judged)


def simulate_week(
    family: SimFamily, week: WeekInput, sessions: list[Session], *, seed: int
) -> WeekOutcome:
    """What the parent does with the week's plan: moves, completions, skips, stars."""
    rng = random.Random(seed)  # noqa: S311 - reproducible simulation, not security
    children = {c.id: c for c in week.children}
    ordered = sorted(sessions, key=lambda s: (s.day, s.start, s.child_id))
    taken: dict[tuple[str, dt.date], list[tuple[int, int]]] = {}
    for s in ordered:
        taken.setdefault((s.child_id, s.day), []).append((s.start, s.end))
    for child in week.children:
        for day, busy in child.commitments.items():
            taken.setdefault((child.id, day), []).extend((b.start, b.end) for b in busy)
    events, moves, completed = [], 0, 0
    for s in ordered:
        truth = family.truth.get((s.child_id, s.subject_id))
        start, moved = s.start, False
        new = None
        if truth and not truth.fits(start) and rng.random() < family.move_propensity:
            new = _nearest_free(children[s.child_id], taken[(s.child_id, s.day)], s, truth)
        elif rng.random() < NOISE_MOVE:
            new = _random_free(rng, children[s.child_id], taken[(s.child_id, s.day)], s)
        if new is not None:
            taken[(s.child_id, s.day)].remove((s.start, s.end))
            taken[(s.child_id, s.day)].append((new, new + s.end - s.start))
            events.append(_event(s, "rescheduled", new_start=new))
            start, moved, moves = new, True, moves + 1
        fits = truth is None or truth.fits(start)
        chance = (DONE_IF_MOVED if moved else DONE_IF_FITS) if fits else DONE_IF_NOT
        if rng.random() < chance:
            completed += 1
            engagement = rng.choice((4, 5)) if fits else rng.choice((2, 3))
            length = s.end - s.start
            actual = length if fits else max(SLOT, length - rng.choice((0, 5, 10)))
            events.append(_event(s, "completed", start=start, engagement=engagement, actual=actual))
        else:
            events.append(_event(s, "skipped", start=start))
    fit = hidden_fit(family, sessions)
    rate = completed / len(sessions) if sessions else 1.0
    stars = 1 + 2.5 * fit + 1.5 * rate + family.temper + rng.gauss(0, 0.35)
    return WeekOutcome(
        events=events,
        sessions=len(sessions),
        moves=moves,
        completed=completed,
        stars=max(1, min(5, round(stars))),
        fit=fit,
    )


def _nearest_free(child: ChildPlan, taken, session: Session, truth: TrueTime) -> int | None:
    """The free start nearest the ideal, within the truth, the child's hours and
    clear of the child's other sessions and commitments."""
    length = session.end - session.start
    others = [(a, b) for a, b in taken if (a, b) != (session.start, session.end)]
    lo = max(child.day_start, truth.ideal - truth.tolerance)
    hi = min(child.day_end - length, truth.ideal + truth.tolerance)
    starts = sorted(range(lo - lo % SLOT, hi + 1, SLOT), key=lambda t: (abs(t - truth.ideal), t))
    for start in starts:
        if start < lo:
            continue
        if all(start + length <= a or b <= start for a, b in others):
            return start
    return None


def _random_free(rng: random.Random, child: ChildPlan, taken, session: Session) -> int | None:
    length = session.end - session.start
    others = [(a, b) for a, b in taken if (a, b) != (session.start, session.end)]
    free = [
        t
        for t in range(child.day_start, child.day_end - length + 1, SLOT)
        if t != session.start and all(t + length <= a or b <= t for a, b in others)
    ]
    return rng.choice(free) if free else None


def _event(
    s: Session,
    action: str,
    *,
    start: int | None = None,
    new_start: int | None = None,
    engagement: int | None = None,
    actual: int | None = None,
) -> LogEvent:
    at = s.start if start is None else start
    return LogEvent(
        child_id=s.child_id,
        subject_id=s.subject_id,
        subject_name=s.name,
        action=action,
        date=s.day,
        start=at,
        end=at + s.end - s.start,
        new_date=s.day if new_start is not None else None,
        new_start=new_start,
        engagement=engagement,
        actual_start=at if actual is not None else None,
        actual_end=at + actual if actual is not None else None,
    )
