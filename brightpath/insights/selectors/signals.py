"""The activity log as the learning package reads it: plain LogEvents, oldest first."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import F, Max, Q

from brightpath.families.models import Family
from brightpath.planner.models import ActivityLog

from ..learning.signals import LogEvent

# Learning reads the subject sessions' log; commitments and ad-hoc activities
# say nothing about when a subject fits, nor does a subject the parent gave a
# fixed time in the settings: the planner keeps it there whatever is learned,
# so a window learned from its moves would be a promise the next week breaks.
SUBJECT = "subject"


def _learnable(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}activity_type": SUBJECT,
            f"{prefix}subject__isnull": False,
            f"{prefix}subject__fixed_time_required": False,
        }
    )


def _planned_day(log: ActivityLog) -> dt.date:
    """The day the item was on before the logged change: a move's log is dated
    where the item went, its `scheduled` says where it was."""
    day = (log.scheduled or {}).get("date")
    return dt.date.fromisoformat(day) if day else log.date


def log_events(
    *, family: Family, after: dt.datetime | None = None
) -> tuple[list[LogEvent], dt.datetime | None]:
    """The family's logs of subject sessions (not at a fixed time) written
    after `after` (all when None), as LogEvents in the order they happened, and
    the newest log's time (None when there is none), so a caller learns each
    log once."""
    rows = ActivityLog.objects.filter(_learnable(), family=family).select_related("subject")
    if after is not None:
        rows = rows.filter(created_at__gt=after)
    zone = ZoneInfo(family.time_zone)
    events, newest = [], None
    for log in rows.order_by("created_at", "id"):
        events.append(
            LogEvent.from_activity_log(
                child_id=str(log.child_id),
                subject_id=str(log.subject_id),
                subject_name=log.subject.name,
                action=log.action,
                date=_planned_day(log),
                scheduled=log.scheduled or {},
                actual=log.actual,
                logged_on=log.created_at.astimezone(zone).date(),
                item_id=str(log.schedule_item_id) if log.schedule_item_id else None,
            )
        )
        newest = log.created_at
    return events, newest


def families_with_new_logs() -> list[str]:
    """Ids of the families whose subject-session logs include some not yet
    learned from (system-wide, for the beat job)."""
    newest = (
        Family.objects.filter(_learnable("activity_logs__"))
        .annotate(newest=Max("activity_logs__created_at"))
        .filter(
            Q(learned_preferences__isnull=True)
            | Q(learned_preferences__logs_through__isnull=True)
            | Q(newest__gt=F("learned_preferences__logs_through"))
        )
    )
    return [str(pk) for pk in newest.values_list("pk", flat=True)]
