"""Seed 001's METRICS:* counters: how much the planner did each day, for operators.

One counter per measure and day, METRICS:USER_ACTIVITY:{date}:{measure}, in the
cache (Redis when REDIS_URL is set, local memory on the embedded default), kept
KEEP_DAYS days. They are incremented after the change commits (events.py calls
`add` from its on-commit hook), so a rolled-back write counts nothing.

They are operational figures, not records: a cache flush or a Redis outage
loses counts, and nothing depends on them. The records (hours, days, the
activity log) come from the database. The day is the server's (TIME_ZONE).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

GENERATED = "generatedSchedules"  # a child's week planned (a new version)
COMPLETED = "completedActivities"  # an item marked done
MOVED = "movedItems"  # an item a parent moved or resized
CARRIED_OVER = "carriedOver"  # an item carry-over moved forward (nightly, manual, day off)

MEASURES = {
    GENERATED: "Schedules generated",
    COMPLETED: "Completions",
    MOVED: "Moves",
    CARRIED_OVER: "Carried over",
}
SHOWN_DAYS = 14
KEEP_DAYS = SHOWN_DAYS + 1  # the oldest day shown is still whole


def key(measure: str, day: dt.date) -> str:
    return f"METRICS:USER_ACTIVITY:{day.isoformat()}:{measure}"


def add(measure: str, amount: int = 1) -> None:
    """Add to today's counter. Never raises: a count is not worth a failed request."""
    if amount <= 0:
        return
    name = key(measure, timezone.localdate())
    try:
        cache.add(name, 0, KEEP_DAYS * 24 * 60 * 60)  # creates it with its lifetime
        cache.incr(name, amount)  # atomic on Redis (INCRBY) and in local memory
    except Exception:
        logger.warning("metric not counted", exc_info=True, extra={"metric": name})


def last_days(days: int = SHOWN_DAYS, *, today: dt.date | None = None) -> list[dict]:
    """The counters of the last `days` days, newest first:
    [{"day": date, "generatedSchedules": 3, "completedActivities": 12, ...}]."""
    today = today or timezone.localdate()
    dates = [today - dt.timedelta(days=n) for n in range(days)]
    names = {(d, m): key(m, d) for d in dates for m in MEASURES}
    try:
        found = cache.get_many(list(names.values()))
    except Exception:
        logger.warning("metrics not read", exc_info=True)
        found = {}
    return [{"day": d, **{m: int(found.get(names[d, m]) or 0) for m in MEASURES}} for d in dates]
