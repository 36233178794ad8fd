"""Generated homeschooling families for the scheduler benchmark and tests.

``make_week(seed)`` is deterministic: the same seed gives the same family. The
families look like real ones (ages 4-16, homeschool hours around 08:00-15:00,
durations and parent involvement that fit the child's age, lessons and
appointments on some days). ``oversubscribed=True`` makes a family that cannot
have everything: more required minutes than hours, siblings whose fixed times
clash, and a parent who is needed almost everywhere and busy more often.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from brightpath.planner.engine.model import (
    Busy,
    ChildPlan,
    Preferences,
    SubjectPlan,
    WeekInput,
)

WEEK_START = dt.date(2026, 1, 5)  # a Monday
DAYS = tuple(WEEK_START + dt.timedelta(days=n) for n in range(5))

CORE = ("Mathematics", "Reading", "Writing", "Science")
ELECTIVES = (
    "History",
    "Geography",
    "Art",
    "Music",
    "Spanish",
    "Nature Study",
    "Physical Education",
    "Coding",
    "Handwriting",
    "Latin",
    "Spelling",
    "Logic",
)
NAMES = ("Ava", "Noah", "Mia", "Liam", "Ella", "Owen", "Zoe", "Eli", "Ruby", "Jude")
CHILD_COMMITMENTS = (
    "Piano lesson",
    "Swim team",
    "Co-op class",
    "Speech therapy",
    "Soccer practice",
)
FAMILY_COMMITMENTS = ("Doctor appointment", "Grocery run", "Work call", "Church group", "Errands")
LEARNING_TIMES = (
    "early_morning",
    "mid-morning",
    "late_morning",
    "early_afternoon",
    "late_afternoon",
)
INVOLVEMENTS = ("full_involvement", "some_assistance", "minimal_supervision", "independent")


def make_week(
    seed: int,
    *,
    children: int | None = None,
    subjects: int | None = None,
    oversubscribed: bool = False,
) -> WeekInput:
    """A family for the week of Monday 2026-01-05.

    ``children`` (1-6) and ``subjects`` (4-10 per child) fix the size; left out,
    they are drawn from the seed.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    count = children or rng.randint(1, 6)
    names = rng.sample(NAMES, count)
    kids = [_child(rng, f"c{n + 1}", names[n], subjects, oversubscribed) for n in range(count)]
    if oversubscribed:
        kids = _clash_fixed_times(kids)
    return WeekInput(
        days=DAYS,
        children=tuple(kids),
        family_commitments=_family_commitments(rng, oversubscribed),
        adults=2 if not oversubscribed and rng.random() < 0.15 else 1,
        preferences=Preferences(
            scheduling_style={
                style: rng.randint(1, 5)
                for style in ("block", "loop", "time_blocked", "grouped_activities")
            },
            structured=rng.random() < 0.5,
        ),
    )


def _child(
    rng: random.Random, child_id: str, name: str, subjects: int | None, over: bool
) -> ChildPlan:
    age = rng.randint(4, 16)
    day_start = rng.choice((8 * 60, 8 * 60 + 30, 9 * 60))
    # An over-subscribed child gets a short day, so the required minutes cannot fit.
    day_end = (
        rng.choice((12 * 60, 12 * 60 + 30))
        if over
        else rng.choice((14 * 60, 14 * 60 + 30, 15 * 60))
    )
    count = subjects or rng.randint(4, 10)
    cores = min(count, rng.randint(2, 4))
    names = rng.sample(CORE, cores) + rng.sample(ELECTIVES, count - cores)
    plans = tuple(
        _subject(rng, f"{child_id}-s{n + 1}", subject, age, day_start, day_end, over)
        for n, subject in enumerate(names)
    )
    return ChildPlan(
        id=child_id,
        name=name,
        age=age,
        day_start=day_start,
        day_end=day_end,
        subjects=plans,
        best_times=tuple(rng.sample(LEARNING_TIMES, rng.randint(1, 2))),
        commitments=_child_commitments(rng, child_id),
    )


def _subject(
    rng: random.Random,
    subject_id: str,
    name: str,
    age: int,
    day_start: int,
    day_end: int,
    over: bool,
) -> SubjectPlan:
    # Younger children get shorter lessons; over-subscription stretches them.
    if age <= 6:
        durations = (15, 20, 25, 30)
    elif age <= 10:
        durations = (20, 25, 30, 40, 45)
    else:
        durations = (30, 40, 45, 50, 60)
    duration = min(60, rng.choice(durations) + (15 if over else 0))
    core = name in CORE
    if core:
        frequency = "daily" if over or rng.random() < 0.8 else "2-3_times_per_week"
    else:
        weights = (40, 30, 20, 10) if over else (15, 40, 30, 15)
        frequency = rng.choices(
            ("daily", "2-3_times_per_week", "once_a_week", "occasionally"), weights
        )[0]
    fixed_start = None
    if rng.random() < 0.1:
        fixed_start = rng.choice(range(day_start, day_end - duration + 1, 30))
    return SubjectPlan(
        id=subject_id,
        name=name,
        duration=duration,
        frequency=frequency,
        involvement=rng.choices(INVOLVEMENTS, _involvement_weights(age, over))[0],
        interest=rng.randint(1, 5),
        is_core=core,
        fixed_start=fixed_start,
    )


def _involvement_weights(age: int, over: bool) -> tuple[int, int, int, int]:
    """Weights for full, some, minimal, independent: the young need the parent more."""
    if over:
        return (50, 30, 15, 5)
    if age <= 6:
        return (50, 35, 15, 0)
    if age <= 10:
        return (25, 40, 25, 10)
    return (10, 25, 30, 35)


def _child_commitments(rng: random.Random, child_id: str) -> dict[dt.date, tuple[Busy, ...]]:
    """Half the children have one or two weekly lessons, in or after school hours."""
    commitments: dict[dt.date, list[Busy]] = {}
    if rng.random() < 0.5:
        return {}
    for n in range(rng.randint(1, 2)):
        name = rng.choice(CHILD_COMMITMENTS)
        start = rng.choice((10 * 60, 11 * 60, 13 * 60 + 30, 15 * 60 + 30))
        end = start + rng.choice((45, 60, 90))
        for day in rng.sample(DAYS, rng.randint(1, 2)):
            commitments.setdefault(day, []).append(Busy(name, start, end, f"{child_id}-k{n + 1}"))
    return {day: tuple(busy) for day, busy in commitments.items()}


def _family_commitments(rng: random.Random, over: bool) -> dict[dt.date, tuple[Busy, ...]]:
    """Appointments that take the parent away; an over-subscribed parent is busy most days."""
    commitments: dict[dt.date, list[Busy]] = {}
    count = rng.randint(3, 6) if over else rng.choice((0, 1, 2, 3))
    for n in range(count):
        start = rng.choice(range(9 * 60, 14 * 60 + 1, 15))
        busy = Busy(
            rng.choice(FAMILY_COMMITMENTS), start, start + rng.choice((30, 60, 90)), f"f{n + 1}"
        )
        commitments.setdefault(rng.choice(DAYS), []).append(busy)
    return {day: tuple(busy) for day, busy in sorted(commitments.items())}


def _clash_fixed_times(kids: list[ChildPlan]) -> list[ChildPlan]:
    """Two siblings (or one child twice) with full-involvement daily subjects fixed at 10:00."""
    if len(kids) > 1:
        return [_pin(kids[0], 0), _pin(kids[1], 0), *kids[2:]]
    return [_pin(_pin(kids[0], 0), 1)]


def _pin(child: ChildPlan, index: int) -> ChildPlan:
    subjects = list(child.subjects)
    subjects[index] = replace(
        subjects[index], frequency="daily", involvement="full_involvement", fixed_start=10 * 60
    )
    return replace(child, subjects=tuple(subjects))
