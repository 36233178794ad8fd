"""What a page needs to stay current: a fingerprint of a family's week for
polling (GET /api/family/changes/), and whether the questionnaire's new
schedule is ready.

The fingerprint is read from the rows, not from a clock or a counter: every
write to an item raises its version, a new plan makes new rows, a deleted item
or day off is missing. So two reads give the same cursor exactly when the week
is the same, whichever server answered and whatever the cache lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import NamedTuple

from django.conf import settings

from brightpath.families.models import Family

from .. import caches
from ..clock import planning_week
from ..events import live_updates_available
from ..models import DayOff, Schedule, ScheduleItem


def week_cursor(*, family: Family, week_start: dt.date) -> str:
    """An opaque cursor for the family's week as it is now (two queries)."""
    items = (
        ScheduleItem.objects.filter(
            schedule__family=family, schedule__week_start_date=week_start, schedule__is_active=True
        )
        .order_by("pk")
        .values_list("schedule_id", "pk", "version")
    )
    days_off = (
        DayOff.objects.filter(
            family=family, date__range=(week_start, week_start + dt.timedelta(days=6))
        )
        .order_by("pk")
        .values_list("pk", "child_id", "date")
    )
    digest = hashlib.blake2b(digest_size=12)
    digest.update(repr((list(items), list(days_off))).encode())
    return digest.hexdigest()


class LiveWeek(NamedTuple):
    """What the week page hands its script (web/static/web/live_week.js)."""

    cursor: str
    stream: bool  # listen to GET /api/family/events/, or only poll
    poll_seconds: int


def live_week(*, family: Family, week_start: dt.date) -> LiveWeek:
    return LiveWeek(
        cursor=week_cursor(family=family, week_start=week_start),
        stream=live_updates_available(),
        poll_seconds=settings.LIVE_UPDATES_POLL_SECONDS,
    )


def new_schedule_state(*, family: Family) -> dict:
    """The questionnaire's new schedule: {"state": "pending", "taskId"} while a worker
    plans it; "ready" once the planning week (clock.planning_week) is planned for
    every child; "pending" without a task when it is not (the week is then planned
    when it is first opened)."""
    if task_id := caches.new_schedule_task(family.pk):
        return {"state": "pending", "taskId": task_id}
    week_start = planning_week(family)
    children = set(family.children.live().values_list("pk", flat=True))
    planned = set(
        Schedule.objects.filter(
            family=family, week_start_date=week_start, is_active=True
        ).values_list("child_id", flat=True)
    )
    return {"state": "ready" if children <= planned else "pending"}
