"""When a commitment happens: daily, weekly, monthly (a date or the nth weekday), one-time."""

from __future__ import annotations

import calendar
import datetime as dt

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def occurs_on(
    day: dt.date,
    *,
    frequency: str,
    days_of_week: list[str] | tuple[str, ...] = (),
    day_of_month: int | None = None,
    week_of_month: int | None = None,
    date: dt.date | None = None,
) -> bool:
    weekday = WEEKDAYS[day.weekday()]
    if frequency == "daily":
        return True
    if frequency == "weekly":
        return weekday in days_of_week
    if frequency == "one-time":
        return date == day
    if day_of_month is not None:
        # The 31st of a 30-day month falls on its last day.
        return day.day == min(day_of_month, calendar.monthrange(day.year, day.month)[1])
    if weekday not in days_of_week[:1]:
        return False
    if week_of_month == -1:
        return day.month != (day + dt.timedelta(days=7)).month
    return (day.day - 1) // 7 + 1 == week_of_month
