"""Clock arithmetic shared by the planner: a time of day as minutes after
midnight (the engine's unit) and back, and "now", "today" and "this week"
where a family lives."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from brightpath.common.recurrence import WEEKDAYS


def minute_of(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def time_at(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def hhmm(t: dt.time) -> str:
    return t.strftime("%H:%M")


def family_now(family, now: dt.datetime | None = None) -> dt.datetime:
    """`now` (default: this instant) in the family's time zone."""
    return timezone.localtime(now or timezone.now(), timezone=ZoneInfo(family.time_zone))


def family_today(family) -> dt.date:
    """Today where the family lives: "this week" turns over at their midnight."""
    return family_now(family).date()


def week_start_of(day: dt.date) -> dt.date:
    """The Monday of `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


# How far from this week a week is planned: a week looked at is planned when it
# is this week or up to AUTO_PLAN_WEEKS ahead (looking does not cost a solve for
# any date); a parent asks for one up to PLAN_AHEAD_WEEKS ahead. Past weeks are
# never planned: they keep what they had.
AUTO_PLAN_WEEKS = 8
PLAN_AHEAD_WEEKS = 52


def weeks_ahead(family, week_start: dt.date) -> int:
    """How many weeks `week_start` lies after the family's current week (negative: past)."""
    return (week_start - week_start_of(family_today(family))).days // 7


def planning_week(family) -> dt.date:
    """The Monday of the week the family is living toward: this week, or next
    week once this week's last school day is over (a Saturday sign-up plans and
    shows the coming week, not one already done)."""
    today = family_today(family)
    last_school_day = max(
        (WEEKDAYS.index(day) for day in family.school_days if day in WEEKDAYS), default=4
    )
    this_week = week_start_of(today)
    if today.weekday() > last_school_day:
        return this_week + dt.timedelta(days=7)
    return this_week


def week_dates(week_start: dt.date) -> list[dt.date]:
    """The seven dates from `week_start` (a Monday) to its Sunday."""
    return [week_start + dt.timedelta(days=n) for n in range(7)]
