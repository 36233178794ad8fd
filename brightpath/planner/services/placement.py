"""Would the week still keep the engine's hard rules with one item somewhere
else? Used by moves and by carry-over. The independent validator is the judge:
an item's conflicts are the violations present with it in its new place and
absent without it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..engine.model import PARENT_LOAD, Busy, Session, WeekInput, WeekResult
from ..engine.validator import validate
from ..models import ScheduleItem
from ..selectors.checks import NO_STATS, WeekState, planned_session


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
        moved = planned_session(item, plan.involvement, day=day, start=start, end=end)
        after = _violations(state.week, [*state.sessions, moved])
        if end - start == item.minutes:
            after = {v for v in after if v[0] != 7}  # its length was accepted before
    else:
        week = _with_activity(state.week, item, child_id, day, start, end)
        after = _violations(week, state.sessions)
    return [message for rule, message in sorted(after - before)]


def _violations(week: WeekInput, sessions: list[Session]) -> set[tuple[int, str]]:
    result = WeekResult(sessions=tuple(sessions), unplaced=(), stats=NO_STATS)
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
