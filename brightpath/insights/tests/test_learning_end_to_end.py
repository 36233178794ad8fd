"""The learning loop end to end, through the real services: the parent's drags
(item_move) are logged, the weekly beat job learns from them, the planner
reads what was learned and the engine plans the next week with it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from brightpath.insights.tasks import refresh_preferences
from brightpath.planner.models import LearnedPreferences, ScheduleItem
from brightpath.planner.services import items, schedule_generate

from .conftest import DEMO_MONDAY

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
SOLVE_SECONDS = 3.0


def at(monkeypatch, day: dt.date, hour: int) -> None:
    moment = dt.datetime.combine(day, dt.time(hour), tzinfo=NEW_YORK)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def noahs(family, week_start: dt.date, name: str) -> list[ScheduleItem]:
    return list(
        ScheduleItem.objects.filter(
            schedule__family=family,
            schedule__child__name="Noah",
            schedule__week_start_date=week_start,
            schedule__is_active=True,
            name=name,
        ).order_by("day_date")
    )


def drag(user, item: ScheduleItem, start: dt.time) -> None:
    item.refresh_from_db()
    items.item_move(
        user=user,
        item_id=item.pk,
        version=item.version,
        day=item.day_date,
        start=start,
        force=True,
    )


def live_week(monkeypatch, user, family, monday: dt.date, moves) -> None:
    """The parent lives the week: each day, `moves(user, day)` drags what they
    want elsewhere (the clock on that day); then Saturday's beat job learns."""
    for n in range(5):
        at(monkeypatch, monday + dt.timedelta(days=n), 8)
        moves(user, monday + dt.timedelta(days=n))
    at(monkeypatch, monday + dt.timedelta(days=5), 17)
    assert refresh_preferences() == 1


def plan(monkeypatch, family, monday: dt.date) -> None:
    at(monkeypatch, monday - dt.timedelta(days=2), 18)  # Saturday's plan for next week
    schedule_generate(family=family, week_start=monday, time_limit=SOLVE_SECONDS)


def test_a_family_that_keeps_dragging_maths_to_the_morning_gets_it_there(monkeypatch, user, family):
    week1, week2, week3 = (DEMO_MONDAY + dt.timedelta(weeks=n) for n in range(3))

    def maths_after_lunch(user, day):
        maths = next(i for i in noahs(family, week1, "Mathematics") if i.day_date == day)
        drag(user, maths, dt.time(13, 0))

    live_week(monkeypatch, user, family, week1, maths_after_lunch)
    plan(monkeypatch, family, week2)
    assert all(i.start_time >= dt.time(12) for i in noahs(family, week2, "Mathematics"))

    def maths_after_reading(user, day):  # Reading is fixed at 9:00-9:45
        maths = next(i for i in noahs(family, week2, "Mathematics") if i.day_date == day)
        drag(user, maths, dt.time(9, 55))

    live_week(monkeypatch, user, family, week2, maths_after_reading)
    (why, *_) = (
        e["text"]
        for e in reversed(LearnedPreferences.objects.get(family=family).data["explanations"])
        if e["subjectName"] == "Mathematics"
    )
    assert why == "Noah's Mathematics moves to mornings (around 9:55): " + (
        "you moved it earlier 5 times this week."
    )
    plan(monkeypatch, family, week3)
    starts = {i.day_date.weekday(): i.start_time for i in noahs(family, week3, "Mathematics")}
    assert len(starts) == 5
    # Where the parent put it, on the days the parent is free then: Tuesday's and
    # Thursday's meeting (10:00-11:30) leaves no room in the window for a session
    # that needs the parent, and outside its window the engine has no preference.
    assert all(dt.time(9, 45) <= starts[day] <= dt.time(10, 30) for day in (0, 2, 4)), starts
