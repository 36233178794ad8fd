"""Seed 001's schedule caches: SCHEDULE:TODAY:{child} and SCHEDULE:WEEK:{child}.

The cache only accelerates reads; the database answers whenever Redis is
missing, down or holds something else. Writers invalidate after commit, and
leave a short-lived marker instead of deleting, so a reader that loaded the
old rows just before the commit cannot put them back (readers fill with
`add`, which never overwrites the marker). If Redis is down during an
invalidation, the entry can outlive the write until its TTL; that is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

TODAY_TTL = 60 * 60 * 24  # seed 001
WEEK_TTL = 60 * 60 * 24 * 7  # seed 001
INVALIDATED = "invalidated"
INVALIDATION_HOLD = 10  # seconds during which readers do not refill


def today_key(child_id) -> str:
    return f"SCHEDULE:TODAY:{child_id}"


def week_key(child_id) -> str:
    return f"SCHEDULE:WEEK:{child_id}"


def read_many(keys: list[str]) -> dict:
    try:
        return cache.get_many(keys)
    except Exception:  # any cache failure means "not cached"
        logger.warning("schedule cache read failed", exc_info=True)
        return {}


def fill(key: str, value: dict, ttl: int, *, replace: bool) -> None:
    """Store a payload read from the database. `replace` only for an entry that
    holds another day or week; never over an invalidation marker."""
    try:
        if replace:
            cache.set(key, value, ttl)
        else:
            cache.add(key, value, ttl)
    except Exception:
        logger.warning("schedule cache fill failed", exc_info=True)


def invalidate_children(child_ids: Iterable) -> None:
    """After the surrounding transaction commits, drop the children's cached views."""
    keys = [k for child_id in set(child_ids) for k in (today_key(child_id), week_key(child_id))]

    def drop() -> None:
        try:
            cache.set_many(dict.fromkeys(keys, INVALIDATED), INVALIDATION_HOLD)
        except Exception:
            logger.error("schedule cache invalidation failed", exc_info=True, extra={"keys": keys})

    transaction.on_commit(drop)


# --- background generations -----------------------------------------------------------

TASK_VISIBLE_FOR = 60 * 60 * 24  # how long a task's owner may read its status


def task_owner_set(task_id: str, family_id) -> None:
    """Record whose task it is: only that family may read its status."""
    cache.set(f"TASK:OWNER:{task_id}", str(family_id), TASK_VISIBLE_FOR)


def task_owner(task_id: str) -> str | None:
    return cache.get(f"TASK:OWNER:{task_id}")


# The task planning a family's week after its questionnaire, while it runs. Lost
# with the cache, the state reads from the schedules alone (selectors.changes).
def _new_schedule_key(family_id) -> str:
    return f"SCHEDULE:NEW:{family_id}"


def new_schedule_pending(family_id, task_id: str) -> None:
    cache.set(_new_schedule_key(family_id), task_id, TASK_VISIBLE_FOR)


def new_schedule_task(family_id) -> str | None:
    try:
        return cache.get(_new_schedule_key(family_id))
    except Exception:
        logger.warning("new schedule state not read", exc_info=True)
        return None


def new_schedule_done(family_id) -> None:
    try:
        cache.delete(_new_schedule_key(family_id))
    except Exception:  # it expires with TASK_VISIBLE_FOR
        logger.warning("new schedule state not cleared", exc_info=True)
