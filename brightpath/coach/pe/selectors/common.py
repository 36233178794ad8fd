"""What every PE read needs: the teacher's time zone and today."""

import datetime as dt
import zoneinfo

from django.utils import timezone

from brightpath.coach.models import TeacherProfile


def teacher_timezone(user) -> zoneinfo.ZoneInfo:
    """The teacher's time zone (their Coach profile's; UTC without one)."""
    name = TeacherProfile.objects.filter(user=user).values_list("timezone", flat=True).first()
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def teacher_today(user, now: dt.datetime | None = None) -> dt.date:
    """Today where the teacher teaches: ages, "today's" checks and reviews follow it."""
    return (now or timezone.now()).astimezone(teacher_timezone(user)).date()
