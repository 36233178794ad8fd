"""Would the week still keep the engine's hard rules with one item somewhere
else? Used by moves and by carry-over. The independent validator is the judge:
an item's conflicts are the violations present with it in its new place and
absent without it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from brightpath.families.models import Family

from ..clock import minute_of
from ..engine.model import PARENT_LOAD, Busy, Session, SolverStats, WeekInput, WeekResult
from ..engine.validator import validate
from ..models import ScheduleItem
from ..selectors.schedules import week_input


@dataclass
class WeekState:
    """One family week as the validator sees it: the plan, and the sessions
    and activities now on it."""

    week: WeekInput
    sessions: list[Session]


_NO_STATS = SolverStats("FEASIBLE", 0.0, 0.0, 0.0, 0.0)


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
        sessions.append(_session(item, plans[key].involvement))
    return WeekState(week, sessions)


def _session(item: ScheduleItem, involvement: str, **where) -> Session:
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


def conflicts(
    state: WeekState, item: ScheduleItem, *, child_id: str, day: dt.date, start: int, end: int
) -> list[str]:
    """Hard rules `item` would break at `day` start-end, in words; [] if none.

    Subject sessions are checked as sessions; an activity is checked as the
    child (and, when it needs the parent, the parent) being busy then."""
    before = _violations(state.week, state.sessions)
    if item.item_type == "subject":
        plan = next(
            (
                s
                for c in state.week.children
                if c.id == child_id
                for s in c.subjects
                if s.id == str(item.subject_id)
            ),
            None,
        )
        if plan is None:
            return [f"{item.name} is no longer in this child's plan."]
        moved = _session(item, plan.involvement, day=day, start=start, end=end)
        after = _violations(state.week, [*state.sessions, moved])
        if end - start == item.minutes:
            after = {v for v in after if v[0] != 7}  # its length was accepted before
    else:
        week = _with_activity(state.week, item, child_id, day, start, end)
        after = _violations(week, state.sessions)
    return [message for rule, message in sorted(after - before)]


def _violations(week: WeekInput, sessions: list[Session]) -> set[tuple[int, str]]:
    result = WeekResult(sessions=tuple(sessions), unplaced=(), stats=_NO_STATS)
    return {(v.rule, v.message) for v in validate(week, result)}


def _with_activity(
    week: WeekInput, item: ScheduleItem, child_id: str, day: dt.date, start: int, end: int
) -> WeekInput:
    busy = Busy(item.name, start, end)
    children = tuple(
        replace(c, commitments={**c.commitments, day: c.commitments.get(day, ()) + (busy,)})
        if c.id == child_id
        else c
        for c in week.children
    )
    family = dict(week.family_commitments)
    if PARENT_LOAD.get(item.item_data.get("parentInvolvement"), 0):
        family[day] = family.get(day, ()) + (busy,)
    return replace(week, children=children, family_commitments=family)
