"""Why a session the family asked for is not in the week, in a parent's words.

Works on the final schedule: for the child, subject and day it looks for a
place and names what is in the way (the child's day, a fixed time, the parent's
commitments and the other children who need the parent, the breaks a child of
that age needs).
"""

from __future__ import annotations

import datetime as dt

from brightpath.common.times import clock

from .greedy import rested
from .model import (
    BREAK_MINUTES,
    DAILY,
    PARENT_LOAD,
    SLOT,
    TWO_THREE,
    WEEKLY,
    ChildPlan,
    Session,
    SubjectPlan,
    Unplaced,
    WeekInput,
    subject_key,
    target_sessions,
    work_limit,
)

FREQUENCY_WORDS = {DAILY: "every day", TWO_THREE: "2-3 times a week", WEEKLY: "once a week"}


def explain_unplaced(week: WeekInput, sessions: list[Session]) -> list[Unplaced]:
    out: list[Unplaced] = []
    for child in week.children:
        for subject in child.subjects:
            placed_days = {
                s.day for s in sessions if s.child_id == child.id and s.subject_id == subject.id
            }
            missing = target_sessions(subject.frequency, len(week.days))[0] - len(placed_days)
            if missing <= 0:
                continue
            if subject.frequency == DAILY:
                for day in week.days:
                    if day not in placed_days:
                        reason = why_not(week, sessions, child, subject, day)
                        out.append(_unplaced(child, subject, day, reason))
                continue
            open_days = [d for d in week.days if d not in placed_days]
            reasons = [why_not(week, sessions, child, subject, d) for d in open_days]
            summary = (
                f"{subject.name} for {child.name} ({FREQUENCY_WORDS[subject.frequency]}): "
                f"{missing} session{'s' if missing > 1 else ''} found no place this week. "
                + " ".join(r.split(": ", 1)[-1] for r in reasons[:2])
            )
            for _ in range(missing):
                out.append(_unplaced(child, subject, None, summary))
    return out


def _unplaced(child: ChildPlan, subject: SubjectPlan, day: dt.date | None, reason: str) -> Unplaced:
    return Unplaced(child.id, child.name, subject.id, subject.name, day, reason)


def why_not(
    week: WeekInput, sessions: list[Session], child: ChildPlan, subject: SubjectPlan, day: dt.date
) -> str:
    label = f"{subject.name} for {child.name} on {day:%A}"
    hours = f"{clock(child.day_start)}-{clock(child.day_end)}"
    if subject.duration > child.day_end - child.day_start:
        return f"{label}: {subject.duration} minutes is longer than the homeschool day ({hours})."

    names = {c.id: c.name for c in week.children}
    mine = [s for s in sessions if s.child_id == child.id and s.day == day]
    child_busy = [(s.start, s.end, s.name) for s in mine] + [
        (b.start, b.end, b.name) for b in child.commitments.get(day, ())
    ]
    load = PARENT_LOAD[subject.involvement]
    parent_away = [(b.start, b.end, b.name) for b in week.family_commitments.get(day, ())]
    parent_sessions = [s for s in sessions if s.day == day and PARENT_LOAD[s.involvement]]

    def parent_free(start: int, end: int) -> bool:
        if not load:
            return True
        if any(a < end and start < b for a, b, _ in parent_away):
            return False
        return all(
            _parent_load(parent_sessions, minute) + load <= week.parent_capacity
            for minute in range(start, end, SLOT)
        )

    fixed = subject.fixed_start
    if fixed is not None and not child.day_start <= fixed <= child.day_end - subject.duration:
        return (
            f"{label}: its fixed time {clock(fixed)}-{clock(fixed + subject.duration)} "
            f"is outside {child.name}'s homeschool day ({hours})."
        )
    starts = (
        [fixed]
        if fixed is not None
        else range(child.day_start, child.day_end - subject.duration + 1, SLOT)
    )
    child_free = [t for t in starts if not _overlapping(child_busy, t, t + subject.duration)]
    if subject.fixed_start is not None and not child_free:
        clash = _overlapping(
            child_busy, subject.fixed_start, subject.fixed_start + subject.duration
        )
        return f"{label}: its fixed time {clock(subject.fixed_start)} clashes with {_list(clash)}."
    if not child_free:
        limit = work_limit(child.age)
        breaks = (
            f", with the breaks a {child.age}-year-old needs after {limit} minutes of work"
            if sum(s.end - s.start for s in mine) + subject.duration > limit
            else ""
        )
        return (
            f"{label}: no free stretch of {subject.duration} minutes is left in {child.name}'s day "
            f"({hours}) around {_list(sorted(child_busy))}{breaks}."
        )
    together = [t for t in child_free if parent_free(t, t + subject.duration)]
    if not together:
        needs = [f"{b} {clock(a)}-{clock(e)}" for a, e, b in parent_away]
        needs += [
            f"{names[s.child_id]}'s {s.name} needs you {clock(s.start)}-{clock(s.end)}"
            for s in sorted(parent_sessions, key=lambda s: s.start)
            if s.child_id != child.id or s.name != subject.name
        ]
        at = f" at {clock(subject.fixed_start)}" if subject.fixed_start is not None else ""
        busy = "you are busy " + "; ".join(needs) if needs else "no time is free for you"
        return f"{label}: {subject.duration} minutes{at} needs you, but {busy}."
    limit = work_limit(child.age)
    spans = [(s.start, s.end) for s in mine]
    fits = [t for t in together if rested(spans + [(t, t + subject.duration)], limit)]
    if fits:  # only when the solver ran out of time before it got here
        return (
            f"{label}: it would fit at {clock(fits[0])}, but the planner ran out of time "
            "before placing it; generate the week again with more time."
        )
    return (
        f"{label}: every free time would leave {child.name} (age {child.age}) more than "
        f"{limit} minutes of work without a {BREAK_MINUTES}-minute break."
    )


def _parent_load(sessions: list[Session], minute: int) -> int:
    """The parent's load at a minute: siblings grouped in one subject (same name
    and start) need the parent once, as much as the most demanding of them."""
    units: dict[object, int] = {}
    for s in sessions:
        if s.start <= minute < s.end:
            unit = (subject_key(s.name), s.start) if s.grouped_with else id(s)
            units[unit] = max(units.get(unit, 0), PARENT_LOAD[s.involvement])
    return sum(units.values())


def _overlapping(
    busy: list[tuple[int, int, str]], start: int, end: int
) -> list[tuple[int, int, str]]:
    return [(a, b, name) for a, b, name in busy if a < end and start < b]


def _list(items: list[tuple[int, int, str]]) -> str:
    return ", ".join(f"{name} {clock(a)}-{clock(b)}" for a, b, name in items)
