"""Reads for the planner: schedules scoped to the user, and the engine's input
built from a family's rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from brightpath.common.selectors import get_owned_or_404, owned_by
from brightpath.common.times import minutes
from brightpath.curriculum.models import Subject
from brightpath.families.models import Child, ChildCommitment, Family

from ..clock import family_today, minute_of, week_start_of
from ..engine.model import (
    PARENT_LOAD,
    Busy,
    ChildPlan,
    Fixed,
    LearnedTime,
    Preferences,
    SubjectPlan,
    WeekInput,
)
from ..engine.questionnaire import STRUCTURED, week_days
from ..learned import engine_input
from ..models import DayOff, LearnedPreferences, Schedule, ScheduleItem

WHOLE_DAY = (0, 24 * 60)


def active_schedule(*, child: Child, week_start: dt.date) -> Schedule | None:
    return Schedule.objects.filter(child=child, week_start_date=week_start, is_active=True).first()


def schedules_for_user(
    *, user, child_id=None, week_start: dt.date | None = None
) -> QuerySet[Schedule]:
    """Every version of the user's family's weeks, newest week and version first
    (a replanned week keeps its earlier versions, inactive)."""
    rows = owned_by(Schedule.objects.all(), user, owner_path="family__owner")
    if child_id is not None:
        rows = rows.filter(child_id=child_id)
    if week_start is not None:
        rows = rows.filter(week_start_date=week_start)
    return rows.select_related("child").order_by(
        "-week_start_date", "child__position", "child__created_at", "-version"
    )


def schedule_get(*, user, schedule_id) -> Schedule:
    """One version of one of the user's weeks; another family's is a 404."""
    return get_owned_or_404(
        Schedule.objects.select_related("child"), user, owner_path="family__owner", pk=schedule_id
    )


def next_weeks_unplanned() -> list[tuple[Family, dt.date]]:
    """(family, its next Monday) for every family with children and no active
    schedule for that week yet. "Next" is by the family's own calendar, so a
    family far east of the server is not a day late."""
    families = Family.objects.filter(children__archived_at__isnull=True).distinct()
    next_monday = {f: week_start_of(family_today(f)) + dt.timedelta(days=7) for f in families}
    planned = set(
        Schedule.objects.filter(
            is_active=True, week_start_date__in=set(next_monday.values())
        ).values_list("family_id", "week_start_date")
    )
    return [(f, monday) for f, monday in next_monday.items() if (f.pk, monday) not in planned]


def weeks_planned_after(*, family: Family, day: dt.date) -> list[dt.date]:
    """The Mondays of the family's planned weeks that start after `day`, in order."""
    return list(
        Schedule.objects.filter(family=family, is_active=True, week_start_date__gt=day)
        .values_list("week_start_date", flat=True)
        .distinct()
        .order_by("week_start_date")
    )


def week_size(*, family: Family) -> int:
    """Sessions a week of this family asks for, at most (every subject daily)."""
    return Subject.objects.live().filter(child__family=family, child__archived_at=None).count() * 5


def family_week(*, family: Family, week_start: dt.date) -> list[Schedule]:
    """The active schedule of each live child for the week, children in order."""
    return list(
        Schedule.objects.filter(
            family=family,
            week_start_date=week_start,
            is_active=True,
            child__archived_at__isnull=True,
        )
        .select_related("child")
        .order_by("child__position", "child__created_at")
    )


def _busy(commitments, day: dt.date) -> tuple[Busy, ...]:
    return tuple(
        Busy(c.name, minute_of(c.start_time), minute_of(c.end_time), str(c.pk))
        for c in commitments
        if c.occurs_on(day)
    )


def _by_day(commitments, days) -> dict[dt.date, tuple[Busy, ...]]:
    return {day: busy for day in days if (busy := _busy(commitments, day))}


def _with(
    by_day: dict[dt.date, tuple[Busy, ...]], extra: dict[dt.date, list[Busy]]
) -> dict[dt.date, tuple[Busy, ...]]:
    out = dict(by_day)
    for day, busy in extra.items():
        out[day] = out.get(day, ()) + tuple(busy)
    return out


def _subject_plan(subject: Subject) -> SubjectPlan:
    fixed = subject.preferred_time if subject.fixed_time_required else None
    return SubjectPlan(
        id=str(subject.pk),
        name=subject.name,
        duration=subject.session_duration,
        frequency=subject.frequency,
        involvement=subject.parent_involvement,
        interest=subject.interest_level,
        is_core=subject.is_core_subject,
        fixed_start=minute_of(fixed) if fixed else None,
    )


def _extra_busy(
    family: Family, days, activities: list[ScheduleItem]
) -> tuple[dict[tuple[str, dt.date], list[Busy]], dict[dt.date, list[Busy]]]:
    """Days off and ad-hoc activities: the child is busy; an activity that needs
    the parent makes the parent busy too."""
    child_busy: dict[tuple[str, dt.date], list[Busy]] = {}
    parent_busy: dict[dt.date, list[Busy]] = {}
    all_children = [str(pk) for pk in family.children.live().values_list("pk", flat=True)]
    for day_off in DayOff.objects.filter(family=family, date__in=days):
        label = f"day off ({day_off.label or day_off.kind})"
        for child_id in [str(day_off.child_id)] if day_off.child_id else all_children:
            child_busy.setdefault((child_id, day_off.date), []).append(Busy(label, *WHOLE_DAY))
    for item in activities:
        if item.skipped or item.day_date not in days:
            continue
        busy = Busy(item.name, minute_of(item.start_time), minute_of(item.end_time))
        child_busy.setdefault((str(item.schedule.child_id), item.day_date), []).append(busy)
        if PARENT_LOAD.get(item.item_data.get("parentInvolvement"), 0):
            parent_busy.setdefault(item.day_date, []).append(busy)
    return child_busy, parent_busy


PAST = "the part of the week already past"


def _past_busy(
    child_ids: list[str], days, past_before: tuple[dt.date, int], kept: list[ScheduleItem]
) -> dict[tuple[str, dt.date], list[Busy]]:
    """Each child is busy before `past_before` (a date and a minute) except
    where its kept sessions are: no new work is planned in the past."""
    today, minute = past_before
    held: dict[tuple[str, dt.date], list[tuple[int, int]]] = {}
    for item in kept:
        key = (str(item.schedule.child_id), item.day_date)
        held.setdefault(key, []).append((minute_of(item.start_time), minute_of(item.end_time)))
    busy: dict[tuple[str, dt.date], list[Busy]] = {}
    for day in (d for d in days if d <= today):
        until = minute if day == today else WHOLE_DAY[1]
        for child_id in child_ids:
            free_from = 0
            for start, end in sorted(held.get((child_id, day), [])) + [(until, until)]:
                if min(start, until) > free_from:
                    busy.setdefault((child_id, day), []).append(
                        Busy(PAST, free_from, min(start, until))
                    )
                free_from = max(free_from, end)
    return busy


def learned_for(family: Family) -> tuple[dict[str, float], tuple[LearnedTime, ...]]:
    """The soft weights and times of day learned for `family` (issue 17), as the
    engine takes them; nothing learned yet (or forgotten) is ({}, ())."""
    row = LearnedPreferences.objects.filter(family=family).only("data").first()
    if row is None or not row.data:
        return {}, ()
    return engine_input(row.data)


def week_input(
    *,
    family: Family,
    week_start: dt.date,
    kept: list[ScheduleItem] = (),
    activities: list[ScheduleItem] = (),
    past_before: tuple[dt.date, int] | None = None,
) -> tuple[WeekInput, dict[str, Child]]:
    """The engine's view of one family's week; `kept` items become fixed
    sessions, `activities` (ad-hoc items) and days off make the child busy.
    With `past_before` (a date and a minute, the family's now), the time before
    it is busy for every child apart from its kept sessions."""
    days = week_days(week_start, family.school_days)
    child_busy, parent_busy = _extra_busy(family, days, list(activities))
    children = list(
        family.children.live().prefetch_related(
            Prefetch("subjects", queryset=Subject.objects.live()),
            Prefetch("commitments", queryset=ChildCommitment.objects.live()),
        )
    )
    live_subjects = {str(s.pk) for child in children for s in child.subjects.all()}
    kept = [i for i in kept if str(i.subject_id) in live_subjects and i.day_date in days]
    if past_before is not None:
        past = _past_busy([str(c.pk) for c in children], days, past_before, kept)
        for key, busy in past.items():
            child_busy.setdefault(key, []).extend(busy)
    plans = []
    for child in children:
        start, end = child.homeschool_hours or ("09:00", "15:00")
        plans.append(
            ChildPlan(
                id=str(child.pk),
                name=child.name,
                age=child.age_on(week_start),  # as of the week planned: breaks grow with the child
                day_start=minutes(start),
                day_end=minutes(end),
                subjects=tuple(_subject_plan(s) for s in child.subjects.all()),
                best_times=tuple(child.learning_preferences.get("bestLearningTimes", [])),
                commitments=_with(
                    _by_day(child.commitments.all(), days),
                    {day: busy for (cid, day), busy in child_busy.items() if cid == str(child.pk)},
                ),
            )
        )
    fixed = tuple(
        Fixed(
            child_id=str(item.schedule.child_id),
            subject_id=str(item.subject_id),
            day=item.day_date,
            start=minute_of(item.start_time),
        )
        for item in kept
    )
    prefs = family.preferences or {}
    learned_weights, learned_times = learned_for(family)
    week = WeekInput(
        days=days,
        children=tuple(plans),
        family_commitments=_with(_by_day(family.commitments.live(), days), parent_busy),
        adults=family.adults,
        preferences=Preferences(
            scheduling_style=dict(prefs.get("schedulingStyle", {})),
            structured=family.scheduling_flexibility in STRUCTURED,
            **learned_weights,
        ),
        fixed=fixed,
        learned_times=learned_times,
    )
    return week, {str(c.pk): c for c in children}
