"""Streaks: days in a row on the parent's calendar, freezes bridging missed days."""

import datetime as dt

import pytest
from django.db import IntegrityError

from brightpath.spark.models import Reward, Streak
from brightpath.spark.selectors.dashboard import streak_view
from brightpath.spark.services.conversations import conversation_start, message_send
from brightpath.spark.services.progress import streak_record_activity

# Fixtures come from engagement_fixtures by import, so test arguments "redefine" them.
# ruff: noqa: F811
from .engagement_fixtures import (  # noqa: F401 (fixtures)
    AUCKLAND,
    LOS_ANGELES,
    child,
    clock,
    consenting_parent,
    fake_guide,
    make_child,
    parent,
    topics,
)

pytestmark = pytest.mark.django_db

DAY1 = dt.date(2026, 3, 1)


def day(n: int) -> dt.date:
    """Day n of the test calendar (day(1) is 2026-03-01)."""
    return DAY1 + dt.timedelta(days=n - 1)


def active_on(child, *days: int) -> Streak:
    streak = None
    for n in days:
        streak, _ = streak_record_activity(child=child, day=day(n))
    return streak


def with_freezes(child, freezes: int, on_day: int = 1) -> Streak:
    """A one-day streak holding `freezes` freezes (as if earned earlier)."""
    streak = active_on(child, on_day)
    Streak.objects.filter(pk=streak.pk).update(streak_freezes_available=freezes)
    streak.refresh_from_db()
    return streak


def test_consecutive_days_count_up(child):
    streak = active_on(child, 1, 2, 3)
    assert (streak.current_streak, streak.longest_streak) == (3, 3)
    assert streak.last_activity_date == day(3)
    assert [h["streak"] for h in streak.streak_history] == [1, 2, 3]


def test_the_same_day_twice_counts_once(child):
    active_on(child, 1, 2)
    streak = active_on(child, 2)
    assert streak.current_streak == 2
    assert len(streak.streak_history) == 2


def test_an_older_day_replayed_changes_nothing(child):
    active_on(child, 1, 2, 3)
    streak = active_on(child, 2)
    assert (streak.current_streak, streak.last_activity_date) == (3, day(3))


def test_a_missed_day_without_a_freeze_restarts_the_streak(child):
    active_on(child, 1, 2, 3)
    streak = active_on(child, 5)
    assert (streak.current_streak, streak.longest_streak) == (1, 3)


def test_a_missed_day_spends_a_freeze(child):
    with_freezes(child, 1)
    streak = active_on(child, 3)
    assert (streak.current_streak, streak.streak_freezes_available) == (2, 0)
    frozen = [h for h in streak.streak_history if h["freezeUsed"]]
    assert frozen == [{"date": "2026-03-02", "streak": 1, "activity": False, "freezeUsed": True}]


def test_two_missed_days_spend_two_freezes(child):
    with_freezes(child, 2)
    streak = active_on(child, 4)
    assert (streak.current_streak, streak.streak_freezes_available) == (2, 0)


def test_two_missed_days_with_one_freeze_restart_and_keep_the_freeze(child):
    with_freezes(child, 1)
    streak = active_on(child, 4)
    assert (streak.current_streak, streak.streak_freezes_available) == (1, 1)


def test_a_freeze_is_earned_every_seven_days_and_at_most_two_are_held(child):
    streak = active_on(child, *range(1, 8))
    assert (streak.current_streak, streak.streak_freezes_available) == (7, 1)
    streak = active_on(child, *range(8, 15))
    assert streak.streak_freezes_available == 2
    streak = active_on(child, *range(15, 22))
    assert (streak.current_streak, streak.streak_freezes_available) == (21, 2)
    freezes = Reward.objects.filter(child=child, reward_type="freeze")
    assert sorted(freezes.values_list("reward_id", flat=True)) == [
        "freeze:streak-14:2026-03-14",
        "freeze:streak-7:2026-03-07",
    ]


def test_the_database_refuses_a_third_freeze(child):
    streak = active_on(child, 1)
    with pytest.raises(IntegrityError):
        Streak.objects.filter(pk=streak.pk).update(streak_freezes_available=3)


def test_history_keeps_the_last_ninety_entries(child):
    streak = active_on(child, *range(1, 101))
    assert len(streak.streak_history) == 90
    assert streak.streak_history[-1]["date"] == day(100).isoformat()


def test_the_streak_shown_today_is_zero_once_the_gap_is_beyond_the_freezes(child):
    streak = with_freezes(child, 1, on_day=1)
    assert streak_view(streak, day(2)).current == 1  # today not yet explored
    assert streak_view(streak, day(3)).current == 1  # one missed day, one freeze
    assert streak_view(streak, day(4)).current == 0


# --- time zones: the day is the parent's local date ---------------------------------------


def _exchange(child, at: dt.datetime) -> None:
    conversation = conversation_start(child=child, topic="space", now=at)
    message_send(conversation=conversation, text="why is the sky dark?", now=at)


def _utc(hour: int, minute: int, day_of_month: int = 10) -> dt.datetime:
    return dt.datetime(2026, 3, day_of_month, hour, minute, tzinfo=dt.UTC)


@pytest.fixture
def auckland_child(topics, clock):
    return make_child(consenting_parent("Pacific/Auckland"), "Aroha")


@pytest.fixture
def los_angeles_child(topics, clock):
    return make_child(consenting_parent("America/Los_Angeles"), "Luis")


def test_around_midnight_utc_one_local_day_counts_once(
    auckland_child, los_angeles_child, fake_guide
):
    # 23:30 and 00:30 UTC: two UTC dates, but one afternoon in each parent's zone.
    for kid in (auckland_child, los_angeles_child):
        _exchange(kid, _utc(23, 30))
        _exchange(kid, _utc(0, 30, day_of_month=11))

    auckland = Streak.objects.get(child=auckland_child)
    los_angeles = Streak.objects.get(child=los_angeles_child)
    assert (auckland.current_streak, auckland.last_activity_date) == (1, dt.date(2026, 3, 11))
    assert (los_angeles.current_streak, los_angeles.last_activity_date) == (1, dt.date(2026, 3, 10))


def test_local_midnight_starts_a_new_day_in_each_zone(
    auckland_child, los_angeles_child, fake_guide
):
    # Auckland (UTC+13 in March): 10:30 and 11:30 UTC are 23:30 and 00:30 local.
    _exchange(auckland_child, _utc(10, 30))
    _exchange(auckland_child, _utc(11, 30))
    # Los Angeles (UTC-7 in March): 06:30 and 07:30 UTC are 23:30 and 00:30 local.
    _exchange(los_angeles_child, _utc(6, 30))
    _exchange(los_angeles_child, _utc(7, 30))

    auckland = Streak.objects.get(child=auckland_child)
    los_angeles = Streak.objects.get(child=los_angeles_child)
    assert [h["date"] for h in auckland.streak_history] == ["2026-03-10", "2026-03-11"]
    assert [h["date"] for h in los_angeles.streak_history] == ["2026-03-09", "2026-03-10"]
    assert auckland.current_streak == los_angeles.current_streak == 2
    assert _utc(10, 30).astimezone(AUCKLAND).day == 10
    assert _utc(7, 30).astimezone(LOS_ANGELES).day == 10
