"""Reads for living with the schedule: carry-overs and days off, scoped to the user."""

from __future__ import annotations

from django.db.models import QuerySet

from brightpath.accounts.models import User
from brightpath.common.selectors import owned_by

from ..models import CarryOver, DayOff


def carry_overs_for_user(*, user: User) -> QuerySet[CarryOver]:
    """The family's carry-overs, newest first."""
    return owned_by(CarryOver.objects.all(), user, owner_path="family__owner").order_by(
        "-created_at"
    )


def days_off_for_user(*, user: User) -> QuerySet[DayOff]:
    """The family's days off, in date order."""
    return owned_by(DayOff.objects.all(), user, owner_path="family__owner").order_by("date")
