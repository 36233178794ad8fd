"""The week as it stands, checked against the plan as it is now: the stored
sessions of a family's week with the engine's input rebuilt from the current
rows (hours, commitments, subjects). A commitment added after the week was
planned shows here as a clash with the sessions it now overlaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from brightpath.families.models import Family

from ..clock import family_today, minute_of, week_start_of
from ..engine.model import Session, SolverStats, WeekInput, WeekResult
from ..engine.validator import validate
from ..models import Schedule, ScheduleItem
from .schedules import week_input


@dataclass
class WeekState:
    """One family week as the validator sees it: the plan, and the sessions
    and activities now on it."""

    week: WeekInput
    sessions: list[Session]


NO_STATS = SolverStats("FEASIBLE", 0.0, 0.0, 0.0, 0.0)


def week_state(*, family: Family, week_start: dt.date, leave_out: str | None = None) -> WeekState:
    """The family's week, without the item `leave_out` (the one being placed)."""
    rows = [
        item
        for item in ScheduleItem.objects.filter(
            schedule__family=family,
            schedule__week_start_date=week_start,
            schedule__is_active=True,
        )
        .exclude(item_type="commitment")
        .select_related("schedule")
        if str(item.pk) != leave_out
    ]
    activities = [i for i in rows if i.item_type == "activity"]
    pinned = [i for i in rows if i.item_type == "subject" and (i.pinned or i.completed)]
    week, _ = week_input(family=family, week_start=week_start, kept=pinned, activities=activities)
    plans = {(c.id, s.id): s for c in week.children for s in c.subjects}
    sessions = []
    for item in rows:
        key = (str(item.schedule.child_id), str(item.subject_id))
        if item.item_type != "subject" or item.skipped or key not in plans:
            continue  # not a planned session: history of a dropped subject, or not happening
        sessions.append(planned_session(item, plans[key].involvement))
    return WeekState(week, sessions)


def planned_session(item: ScheduleItem, involvement: str, **where) -> Session:
    day = where.get("day", item.day_date)
    start = where.get("start", minute_of(item.start_time))
    end = where.get("end", minute_of(item.end_time))
    return Session(
        child_id=str(item.schedule.child_id),
        subject_id=str(item.subject_id),
        name=item.name,
        day=day,
        start=start,
        end=end,
        involvement=involvement,
    )


def week_clashes(*, family: Family, week_start: dt.date) -> list[dict]:
    """What in a planned week breaks a hard rule under the family's current plan,
    from today on (the past is not replanned). A frequency short of its target
    is not a clash: a session skipped or missed leaves the week on purpose."""
    state = week_state(family=family, week_start=week_start)
    result = WeekResult(sessions=tuple(state.sessions), unplaced=(), stats=NO_STATS)
    today = family_today(family)
    names = {c.id: c.name for c in state.week.children}
    return [
        {
            "rule": v.rule,
            "childId": v.child_id,
            "childName": names.get(v.child_id) if v.child_id else None,
            "date": v.day.isoformat() if v.day else None,
            "message": v.message,
        }
        for v in validate(state.week, result)
        if v.rule != 5 and (v.day is None or v.day >= today)
    ]


def plan_checks(*, family: Family) -> list[dict]:
    """Each planned week from this week on, with its clashes (empty when it still fits)."""
    this_week = week_start_of(family_today(family))
    weeks = (
        Schedule.objects.filter(family=family, is_active=True, week_start_date__gte=this_week)
        .values_list("week_start_date", flat=True)
        .distinct()
        .order_by("week_start_date")
    )
    return [
        {"weekStart": week.isoformat(), "clashes": week_clashes(family=family, week_start=week)}
        for week in weeks
    ]
