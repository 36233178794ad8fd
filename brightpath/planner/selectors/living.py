"""Reads for living with the schedule: carry-overs and days off, scoped to the
user, and the items a carry-over moves, scoped to the family the service holds."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from brightpath.accounts.models import User
from brightpath.common.selectors import owned_by
from brightpath.families.models import Child, Family

from ..models import ActivityLog, CarryOver, DayOff, ScheduleItem

LOOKBACK_DAYS = 14  # missed work older than this is left where it was


def carry_overs_for_user(*, user: User) -> QuerySet[CarryOver]:
    """The family's carry-overs, newest first."""
    return owned_by(CarryOver.objects.all(), user, owner_path="family__owner").order_by(
        "-created_at"
    )


def days_off_for_user(*, user: User) -> QuerySet[DayOff]:
    """The family's days off, in date order."""
    return owned_by(DayOff.objects.all(), user, owner_path="family__owner").order_by("date")


def _open_items(family: Family) -> QuerySet[ScheduleItem]:
    """The family's planned sessions, neither completed nor skipped, in the active weeks."""
    return ScheduleItem.objects.filter(
        schedule__family=family,
        schedule__is_active=True,
        item_type="subject",
        completed=False,
        skipped=False,
    ).select_related("schedule__child", "schedule__family")


def missed_items(*, family: Family, today: dt.date) -> QuerySet[ScheduleItem]:
    """Sessions of the last LOOKBACK_DAYS before today left undone, oldest first."""
    return (
        _open_items(family)
        .filter(day_date__lt=today, day_date__gte=today - dt.timedelta(days=LOOKBACK_DAYS))
        .order_by("day_date", "start_time")
    )


def planned_items(
    *, family: Family, day: dt.date, child: Child | None = None
) -> QuerySet[ScheduleItem]:
    """The sessions still to do on a day (one child's, or everyone's), by start."""
    items = _open_items(family).filter(day_date=day)
    if child is not None:
        items = items.filter(schedule__child=child)
    return items.order_by("start_time")


def families_with_plans() -> QuerySet[Family]:
    """Every family with an active schedule (system-wide: for the nightly run)."""
    return Family.objects.filter(schedules__is_active=True).distinct()


def item_outcomes(*, family: Family, item_ids: list[str]) -> dict[str, dict]:
    """What was recorded when each item was last completed or skipped, from the
    activity log (the item keeps only its notes): {item id: {"completed":
    {notes, startTime?, endTime?, childEngagement?, parentInvolvement?},
    "skipped": {reason}}}, the latest entry of each action winning."""
    logs = ActivityLog.objects.filter(
        family=family, schedule_item_id__in=item_ids, action__in=["completed", "skipped"]
    ).order_by("created_at")
    out: dict[str, dict] = {}
    for log in logs:  # oldest first: the latest wins
        actual = log.actual or {}
        entry = out.setdefault(str(log.schedule_item_id), {})
        if log.action == "completed":
            entry["completed"] = {**actual, "notes": log.notes}
        else:
            entry["skipped"] = {"reason": actual.get("reason") or log.notes}
    return out
