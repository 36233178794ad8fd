"""Reads of feedback, scoped to the family that gave it."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from brightpath.accounts.models import User
from brightpath.common.selectors import get_owned_or_404, owned_by
from brightpath.families.models import Family
from brightpath.planner.clock import family_today, week_start_of
from brightpath.planner.models import Schedule

from ..models import Feedback
from ..questions import SCHEDULE_SATISFACTION

# A week is offered for rating from its Friday (most of it lived) ...
RATE_FROM_WEEKDAY = 4
# ... until this many days after it began (the next week's Sunday).
RATE_UNTIL_DAYS = 13


def feedback_list(
    *, user: User, child_id=None, schedule_id=None, feedback_type: str | None = None
) -> QuerySet[Feedback]:
    """The family's feedback, newest first; filters narrow it, never widen it."""
    rows = owned_by(Feedback.objects.all(), user, owner_path="family__owner")
    if child_id is not None:
        rows = rows.filter(child_id=child_id)
    if schedule_id is not None:
        rows = rows.filter(schedule_id=schedule_id)
    if feedback_type is not None:
        rows = rows.filter(feedback_type=feedback_type)
    return rows.select_related("child", "schedule").order_by("-created_at")


def feedback_get(*, user: User, feedback_id) -> Feedback:
    """One of the family's feedback; another family's is a 404."""
    return get_owned_or_404(
        Feedback.objects.select_related("child", "schedule"),
        user,
        owner_path="family__owner",
        pk=feedback_id,
    )


def weeks_to_rate(*, family: Family, today: dt.date | None = None) -> list[Schedule]:
    """The children's weeks the parent can rate now and has not: last week, and
    this week from its Friday, in the family's time zone; children in order."""
    today = today or family_today(family)
    this_monday = week_start_of(today)
    weeks = [this_monday - dt.timedelta(days=7)]
    if today.weekday() >= RATE_FROM_WEEKDAY:
        weeks.append(this_monday)
    weeks = [w for w in weeks if (today - w).days <= RATE_UNTIL_DAYS]
    rated = Feedback.objects.filter(
        family=family, feedback_type=SCHEDULE_SATISFACTION, schedule__isnull=False
    ).values("schedule_id")
    return list(
        Schedule.objects.filter(
            family=family,
            is_active=True,
            week_start_date__in=weeks,
            child__archived_at__isnull=True,
        )
        .exclude(pk__in=rated)
        .select_related("child")
        .order_by("-week_start_date", "child__position", "child__created_at")
    )
