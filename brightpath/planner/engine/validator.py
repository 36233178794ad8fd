"""An independent check of a generated week against the hard rules of issue 4.

This module shares no code with the solver and re-states every rule constant
itself (it imports only the dataclasses), so a wrong constant or a wrong
reading of a rule in the model cannot hide in both places. Tests and the
benchmark run every schedule through ``validate``.

The hard rules checked, numbered as in issue 4:

1. Hours: each session lies inside its child's homeschool hours, on a school
   day of the week. A session for an unknown child is reported here.
2. One thing at a time: no two sessions of a child overlap, and no session
   overlaps that child's commitments on that day.
3. Parent availability: no session needing the parent (full involvement or
   some assistance) overlaps a family commitment.
4. Parent load: at every minute the load of all children's sessions is at most
   2 per adult (full involvement 2, some assistance 1, minimal supervision and
   independent 0). Load is counted from the subject plan; a session that
   reports a different involvement than its plan is reported here too.
   Siblings doing a groupable subject together count the parent once: sessions
   of different children with the same subject name (case and spacing
   ignored), on the same day and starting at the same minute, whose subjects
   are groupable (``SubjectPlan.groupable``, or when that is None the name is
   in ``GROUPABLE`` below), form a group whose load at each minute is the
   highest load among its members still running then. When the member
   needing the parent most is also the longest, as the solver arranges, that
   is its load over its whole span; the rule is never stricter than counting
   the members one by one.
5. Frequency: at most one session of a subject per day; ``daily`` at most once
   per school day, ``2-3_times_per_week`` at most 3, ``once_a_week`` and
   ``occasionally`` at most once. Falling short of the target (daily: every
   school day, 2-3 a week: 2, once a week: 1) is not a violation, but every
   missing session must be listed in ``result.unplaced`` with a reason; one
   that is not is reported here. A session of an unknown subject is reported
   here (its allowed frequency is zero).
6. Fixed times: a subject with a fixed time starts exactly at it. Sessions that
   came in as ``Fixed`` (completed, logged or pinned by the parent) must come
   out unchanged and are exempt from the fixed-time check, because a parent
   may have pinned one elsewhere on purpose.
7. Duration: each session lasts exactly its subject's duration and starts and
   ends on the 5-minute grid.
8. Breaks by age: continuous work (a child's sessions with gaps under 10
   minutes between them) spans at most 30 minutes at ages up to 6, 60 at 7-10
   and 90 at 11+, measured from the first start to the last end. A single
   session longer than the limit is fine only with a gap of at least 10
   minutes on both sides.
9. Commitment items in the output: not checked here. ``WeekResult`` carries
   sessions only; the persistence layer adds the commitment items, so rule 9
   is tested there.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from brightpath.common.times import clock
from brightpath.planner.engine.model import (
    Busy,
    ChildPlan,
    Session,
    SubjectPlan,
    WeekInput,
    WeekResult,
)

# The rules' numbers, restated from issue 4 on purpose (see the module docstring).
GRID = 5
LOAD_PER_ADULT = 2
LOAD = {
    "full_involvement": 2,
    "some_assistance": 1,
    "minimal_supervision": 0,
    "independent": 0,
}
UNKNOWN_INVOLVEMENT_LOAD = 2  # be strict: an unknown involvement is assumed to need the parent
MIN_BREAK = 10
# Subjects siblings may do together (rule 4's grouping), restated from the issue's
# examples and common homeschool practice; matched on the folded subject name.
GROUPABLE = frozenset(
    {
        "science",
        "history",
        "geography",
        "social studies",
        "art",
        "music",
        "nature study",
        "physical education",
        "pe",
        "bible",
        "literature",
        "read-aloud",
        "read aloud",
        "literature read-aloud",
        "poetry",
        "picture study",
        "composer study",
        "handicrafts",
        "morning time",
    }
)


def work_limit_minutes(age: int) -> int:
    """Rule 8: the longest continuous work at this age."""
    if age <= 6:
        return 30
    if age <= 10:
        return 60
    return 90


@dataclass(frozen=True)
class Violation:
    rule: int  # 1-9, as numbered in issue 4
    child_id: str | None  # None when several children share the blame (rule 4)
    day: dt.date | None
    message: str


def validate(week: WeekInput, result: WeekResult) -> list[Violation]:
    """Every hard-rule violation of ``result`` for ``week``; empty when the week is valid."""
    ctx = _Context(week)
    known: list[Session] = []
    found: list[Violation] = []
    for session in result.sessions:
        problem = ctx.unknown(session)
        if problem:
            found.append(problem)
        else:
            known.append(session)

    found += _check_hours(ctx, known)
    found += _check_child_overlaps(ctx, known)
    found += _check_family_commitments(ctx, known)
    found += _check_parent_load(ctx, known)
    found += _check_frequency(ctx, known, result)
    found += _check_fixed(ctx, known)
    found += _check_durations(ctx, known)
    found += _check_breaks(ctx, known)
    return sorted(found, key=_order)


class _Context:
    """Look-ups and wording shared by the rule checks."""

    def __init__(self, week: WeekInput) -> None:
        self.week = week
        self.children: dict[str, ChildPlan] = {c.id: c for c in week.children}
        self.subjects: dict[tuple[str, str], SubjectPlan] = {
            (c.id, s.id): s for c in week.children for s in c.subjects
        }
        self.days = set(week.days)
        self.fixed = {(f.child_id, f.subject_id, f.day, f.start) for f in week.fixed}

    def unknown(self, s: Session) -> Violation | None:
        if s.child_id not in self.children:
            return Violation(
                1, s.child_id, s.day, f"{s.name} on {_day(s.day)} is for an unknown child"
            )
        if (s.child_id, s.subject_id) not in self.subjects:
            return self.flag(5, s, f"is not one of the child's subjects ({s.subject_id!r})")
        return None

    def child(self, s: Session) -> ChildPlan:
        return self.children[s.child_id]

    def subject(self, s: Session) -> SubjectPlan:
        return self.subjects[(s.child_id, s.subject_id)]

    def load(self, s: Session) -> int:
        return LOAD.get(self.subject(s).involvement, UNKNOWN_INVOLVEMENT_LOAD)

    def is_fixed(self, s: Session) -> bool:
        return (s.child_id, s.subject_id, s.day, s.start) in self.fixed

    def flag(self, rule: int, s: Session, problem: str) -> Violation:
        """A violation by one session, worded as "<label> <problem>"."""
        return Violation(rule, s.child_id, s.day, f"{self.label(s)} {problem}")

    def label(self, s: Session) -> str:
        """E.g. "Noah's Reading on Tue 6 Jan 09:00-09:45"."""
        child = self.children.get(s.child_id)
        owner = child.name if child else s.child_id
        return f"{owner}'s {s.name} on {_day(s.day)} {_span(s.start, s.end)}"


def _check_hours(ctx: _Context, sessions: list[Session]) -> list[Violation]:
    found = []
    for s in sessions:
        child = ctx.child(s)
        if s.day not in ctx.days:
            found.append(ctx.flag(1, s, "is not on a school day"))
        elif s.start < child.day_start or s.end > child.day_end:
            hours = _span(child.day_start, child.day_end)
            found.append(ctx.flag(1, s, f"is outside homeschool hours {hours}"))
    return found


def _check_child_overlaps(ctx: _Context, sessions: list[Session]) -> list[Violation]:
    found = []
    for (child_id, day), own in _by_child_day(sessions).items():
        for i, a in enumerate(own):
            for b in own[i + 1 :]:
                if _overlap(a.start, a.end, b.start, b.end):
                    found.append(ctx.flag(2, a, f"overlaps {b.name} {_span(b.start, b.end)}"))
        busy = ctx.children[child_id].commitments.get(day, ())
        found += [
            ctx.flag(2, s, f"overlaps the commitment {_busy(c)}")
            for s in own
            for c in busy
            if _overlap(s.start, s.end, c.start, c.end)
        ]
    return found


def _check_family_commitments(ctx: _Context, sessions: list[Session]) -> list[Violation]:
    return [
        ctx.flag(3, s, f"needs the parent during the family commitment {_busy(c)}")
        for s in sessions
        if ctx.load(s) > 0
        for c in ctx.week.family_commitments.get(s.day, ())
        if _overlap(s.start, s.end, c.start, c.end)
    ]


def _check_parent_load(ctx: _Context, sessions: list[Session]) -> list[Violation]:
    capacity = LOAD_PER_ADULT * ctx.week.adults
    found = [
        ctx.flag(4, s, f"is marked {s.involvement}, the plan says {ctx.subject(s).involvement}")
        for s in sessions
        if s.involvement != ctx.subject(s).involvement
    ]
    by_day: dict[dt.date, list[Session]] = defaultdict(list)
    for s in sessions:
        if ctx.load(s) > 0:
            by_day[s.day].append(s)
    for day, loaded in by_day.items():
        for start, end, peak, who in _overloads(ctx, _parent_groups(ctx, loaded), capacity):
            names = ", ".join(f"{ctx.child(s).name}'s {s.name} ({ctx.load(s)})" for s in who)
            when = f"{_day(day)} {_span(start, end)}"
            message = f"On {when} the parent load is {peak} (capacity {capacity}): {names}"
            found.append(Violation(4, None, day, message))
    return found


def _groupable(ctx: _Context, s: Session) -> bool:
    plan = ctx.subject(s)
    if plan.groupable is not None:
        return plan.groupable
    return _fold(plan.name) in GROUPABLE


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _parent_groups(ctx: _Context, sessions: list[Session]) -> list[list[Session]]:
    """One day's sessions needing the parent, as the units the parent attends:
    siblings together in a groupable subject form one unit, every other session
    its own. A child appearing twice in a would-be group (an overlap, rule 2)
    keeps its sessions separate."""
    keyed: dict[tuple[str, int], list[Session]] = defaultdict(list)
    units: list[list[Session]] = []
    for s in sessions:
        if _groupable(ctx, s):
            keyed[(_fold(ctx.subject(s).name), s.start)].append(s)
        else:
            units.append([s])
    for members in keyed.values():
        if len({s.child_id for s in members}) == len(members):
            units.append(members)
        else:
            units += [[s] for s in members]
    return units


def _overloads(
    ctx: _Context, units: list[list[Session]], capacity: int
) -> Iterable[tuple[int, int, int, list[Session]]]:
    """Maximal stretches of a day with load over capacity: (start, end, peak, sessions)."""
    sessions = [s for unit in units for s in unit]
    edges = sorted({t for s in sessions for t in (s.start, s.end)})
    stretch: tuple[int, int, int, list[Session]] | None = None
    for lo, hi in zip(edges, edges[1:], strict=False):
        load = 0
        present: list[Session] = []
        for unit in units:
            running = [s for s in unit if s.start < hi and lo < s.end]
            if running:
                load += max(ctx.load(s) for s in running)
                present += running
        if load <= capacity:
            if stretch:
                yield stretch
            stretch = None
        elif stretch is None:
            stretch = (lo, hi, load, present)
        else:
            who = stretch[3] + [s for s in present if s not in stretch[3]]
            stretch = (stretch[0], hi, max(stretch[2], load), who)
    if stretch:
        yield stretch


def _check_frequency(ctx: _Context, sessions: list[Session], result: WeekResult) -> list[Violation]:
    placed: dict[tuple[str, str], list[Session]] = defaultdict(list)
    for s in sessions:
        placed[(s.child_id, s.subject_id)].append(s)
    listed: dict[tuple[str, str], list[dt.date | None]] = defaultdict(list)
    found = []
    for u in result.unplaced:
        listed[(u.child_id, u.subject_id)].append(u.day)
        if not u.reason.strip():
            found.append(
                Violation(
                    5,
                    u.child_id,
                    u.day,
                    f"{u.subject_name} for {u.child_name} is unplaced with no reason",
                )
            )
    for child in ctx.week.children:
        for subject in child.subjects:
            key = (child.id, subject.id)
            found += _frequency_of(ctx, child, subject, placed[key], listed[key])
    return found


def _frequency_of(
    ctx: _Context,
    child: ChildPlan,
    subject: SubjectPlan,
    own: list[Session],
    listed: list[dt.date | None],
) -> list[Violation]:
    what = f"{child.name}'s {subject.name}"
    days = ctx.week.days
    bounds = {
        "daily": (len(days), len(days)),
        "2-3_times_per_week": (2, 3),
        "once_a_week": (1, 1),
        "occasionally": (0, 1),
    }
    if subject.frequency not in bounds:
        return [
            Violation(5, child.id, None, f"{what} has an unknown frequency {subject.frequency!r}")
        ]
    target, most = bounds[subject.frequency]
    found = []
    per_day: dict[dt.date, int] = defaultdict(int)
    for s in own:
        per_day[s.day] += 1
    for day, count in sorted(per_day.items()):
        if count > 1:
            found.append(
                Violation(5, child.id, day, f"{what} is scheduled {count} times on {_day(day)}")
            )
    if len(own) > most:
        found.append(
            Violation(
                5,
                child.id,
                None,
                f"{what} ({subject.frequency}) is scheduled {len(own)} times, at most {most}",
            )
        )
    if subject.frequency == "daily":
        # Each missing school day must be named (an entry with no day covers any one of them).
        spare = listed.count(None)
        for day in days:
            if day in per_day or day in listed:
                continue
            if spare:
                spare -= 1
                continue
            found.append(
                Violation(
                    5, child.id, day, f"{what} is missing on {_day(day)} and not listed as unplaced"
                )
            )
    elif len(per_day) < target and len(listed) < target - len(per_day):
        missing = target - len(per_day) - len(listed)
        message = (
            f"{what} has {len(per_day)} of {target} sessions; "
            f"{missing} missing not listed as unplaced"
        )
        found.append(Violation(5, child.id, None, message))
    return found


def _check_fixed(ctx: _Context, sessions: list[Session]) -> list[Violation]:
    found = []
    for s in sessions:
        if ctx.is_fixed(s):
            continue
        fixed_start = ctx.subject(s).fixed_start
        if s.fixed:
            found.append(ctx.flag(6, s, "is marked fixed but was not fixed in the input"))
        if fixed_start is not None and s.start != fixed_start:
            found.append(ctx.flag(6, s, f"must start at {clock(fixed_start)}"))
    kept = {(s.child_id, s.subject_id, s.day, s.start, s.end) for s in sessions}
    for f in ctx.week.fixed:
        subject = ctx.subjects.get((f.child_id, f.subject_id))
        end = f.start + subject.duration if subject else None
        if (f.child_id, f.subject_id, f.day, f.start, end) not in kept:
            name = subject.name if subject else f.subject_id
            when = f"{_day(f.day)} at {clock(f.start)}"
            message = f"the fixed session {name} on {when} is missing or changed"
            found.append(Violation(6, f.child_id, f.day, message))
    return found


def _check_durations(ctx: _Context, sessions: list[Session]) -> list[Violation]:
    found = []
    for s in sessions:
        duration = ctx.subject(s).duration
        if s.end - s.start != duration:
            found.append(ctx.flag(7, s, f"lasts {s.end - s.start} minutes, not {duration}"))
        if s.start % GRID or s.end % GRID:
            found.append(ctx.flag(7, s, f"is off the {GRID}-minute grid"))
    return found


def _check_breaks(ctx: _Context, sessions: list[Session]) -> list[Violation]:
    found = []
    for (child_id, day), own in _by_child_day(sessions).items():
        limit = work_limit_minutes(ctx.children[child_id].age)
        for block in work_blocks(own):
            start, end = block[0].start, max(s.end for s in block)
            if len(block) < 2 or end - start <= limit:
                continue
            names = ", ".join(f"{s.name} {_span(s.start, s.end)}" for s in block)
            found.append(
                Violation(
                    8,
                    child_id,
                    day,
                    f"{ctx.children[child_id].name} works {end - start} minutes without a "
                    f"{MIN_BREAK}-minute break on {_day(day)} "
                    f"(limit {limit} at age {ctx.children[child_id].age}): {names}",
                )
            )
    return found


def work_blocks(sessions: list[Session]) -> list[list[Session]]:
    """Split one child's day into runs of sessions separated by gaps under MIN_BREAK."""
    blocks: list[list[Session]] = []
    end = None
    for s in sorted(sessions, key=lambda s: (s.start, s.end)):
        if end is not None and s.start - end < MIN_BREAK:
            blocks[-1].append(s)
            end = max(end, s.end)
        else:
            blocks.append([s])
            end = s.end
    return blocks


def _by_child_day(sessions: list[Session]) -> dict[tuple[str, dt.date], list[Session]]:
    grouped: dict[tuple[str, dt.date], list[Session]] = defaultdict(list)
    for s in sorted(sessions, key=lambda s: (s.start, s.end, s.subject_id)):
        grouped[(s.child_id, s.day)].append(s)
    return grouped


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Half-open intervals: touching end to start is not an overlap."""
    return a_start < b_end and b_start < a_end


def _order(v: Violation) -> tuple:
    return (v.rule, v.day or dt.date.min, v.child_id or "", v.message)


def _span(start: int, end: int) -> str:
    return f"{clock(start)}-{clock(end)}"


def _busy(c: Busy) -> str:
    return f"{c.name} {_span(c.start, c.end)}"


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"
