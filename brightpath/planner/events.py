"""Live updates across devices (seed 001's pub/sub).

A committed change to a family's weeks is published as JSON on the Redis channel
SCHEDULE:UPDATES:{family_id}; the family's open pages receive it through
GET /api/family/events/ (apis/events.py) and reload what it touched.

Events go out after the transaction commits (transaction.on_commit): a write
that rolls back announces nothing, and a page that reloads on an event reads
what was committed. Pub/sub keeps nothing, so a page catches up by polling
/api/family/changes/ once when it (re)connects. Without Redis (REDIS_URL unset,
the embedded default) nothing is published and pages poll every
LIVE_UPDATES_POLL_SECONDS. Publishing never fails a write: the write is already
committed, and a lost event costs a page one poll.

The same committed changes feed the day's counters (metrics.py); they are
counted here, once, rather than beside every publish call.

An event (camelCase, like the API)::

    {"type": "item.completed", "familyId": "...", "at": "2026-01-07T13:05:00+00:00",
     "weeks": [{"childId": "...", "weekStart": "2026-01-05"}],
     "itemId": "...", "childId": "...", "weekStart": "2026-01-05", "version": 3}

`weeks` lists every child's week the change touched (a move into next week names
both weeks; a day off for the whole family names its week without a child).
Item events also name the item, its child and week now, and its new version.
Types: item.completed, item.uncompleted, item.skipped, item.unskipped,
item.moved, item.added, item.deleted, week.planned, week.carried_over,
week.carry_over_undone, week.day_off_added, week.day_off_removed.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterable

import redis
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import metrics
from .clock import week_start_of

logger = logging.getLogger(__name__)

# The day's counter (metrics.py) each type of committed change adds to.
COUNTED = {
    "item.completed": metrics.COMPLETED,
    "item.moved": metrics.MOVED,
    "week.carried_over": metrics.CARRIED_OVER,
    "week.planned": metrics.GENERATED,
}


def channel(family_id) -> str:
    return f"SCHEDULE:UPDATES:{family_id}"


def live_updates_available() -> bool:
    """A stream needs Redis; without it pages poll."""
    return bool(settings.REDIS_URL)


# --- what the planner's services call -------------------------------------------------


def item_changed(kind: str, item, *, also=()) -> None:
    """One item changed (`kind`: completed, moved, ...). `also`: other schedules the
    change touched, e.g. the week a move took the item out of."""
    schedule = item.schedule
    publish(
        f"item.{kind}",
        family_id=schedule.family_id,
        weeks=_weeks([schedule, *also]),
        itemId=str(item.pk),
        childId=str(schedule.child_id),
        weekStart=schedule.week_start_date.isoformat(),
        version=item.version,
    )


def weeks_changed(kind: str, schedules: Iterable, *, family_id, count: int = 1, **details) -> None:
    """Several children's weeks changed at once (carry-over, an undo, a new plan)."""
    publish(f"week.{kind}", family_id=family_id, weeks=_weeks(schedules), count=count, **details)


def week_planned(family, schedules: list) -> None:
    """A new version of the week for each of `schedules` (generation)."""
    weeks_changed("planned", schedules, family_id=family.pk, count=len(schedules))


def day_off_changed(kind: str, day_off) -> None:
    """A day off added or removed; without a child it is the whole family's."""
    child = {"childId": str(day_off.child_id)} if day_off.child_id else {}
    week = {**child, "weekStart": week_start_of(day_off.date).isoformat()}
    publish(
        f"week.day_off_{kind}",
        family_id=day_off.family_id,
        weeks=[week],
        date=day_off.date.isoformat(),
        **child,
    )


def _weeks(schedules: Iterable) -> list[dict]:
    seen = {}
    for schedule in schedules:
        key = (str(schedule.child_id), schedule.week_start_date.isoformat())
        seen[key] = {"childId": key[0], "weekStart": key[1]}
    return list(seen.values())


# --- publishing ---------------------------------------------------------------------


def publish(event_type: str, *, family_id, weeks: list[dict], count: int = 1, **details) -> None:
    """Announce the change once the surrounding transaction commits. The event is
    built now, from the objects as the write left them."""
    event = {
        "type": event_type,
        "familyId": str(family_id),
        "at": timezone.now().isoformat(),
        "weeks": weeks,
        **details,
    }
    transaction.on_commit(functools.partial(_announce, event, count))


def _announce(event: dict, count: int) -> None:
    if counter := COUNTED.get(event["type"]):
        metrics.add(counter, count)
    if not live_updates_available():
        return
    try:
        _client().publish(channel(event["familyId"]), json.dumps(event))
    except Exception:  # committed already: a page that missed it catches up by polling
        logger.warning("live update not published", exc_info=True, extra={"event": event["type"]})


def subscribe(family_id) -> redis.client.PubSub:
    """The family's channel, subscribed; the caller closes it. Subscribing before
    the stream reads anything else means nothing published after it is missed."""
    pubsub = _client().pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(channel(family_id))
    return pubsub


@functools.cache
def _client_for(url: str) -> redis.Redis:
    # One pool per process. A dead Redis fails fast instead of holding a write's
    # on-commit (or a stream) up; idle connections are checked before reuse.
    return redis.Redis.from_url(
        url, socket_connect_timeout=1, socket_timeout=2, health_check_interval=30
    )


def _client() -> redis.Redis:
    return _client_for(settings.REDIS_URL)
