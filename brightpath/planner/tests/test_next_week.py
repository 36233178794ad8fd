"""The weekly beat job: next week for every family that has none yet."""

import datetime as dt

import pytest

from brightpath.planner.models import Schedule
from brightpath.planner.selectors import next_weeks_unplanned

from .conftest import DEMO_MONDAY
from .stored_weeks import generate_reusing_solve

pytestmark = pytest.mark.django_db
NEXT_MONDAY = DEMO_MONDAY + dt.timedelta(days=7)


def test_next_week_is_due_by_the_familys_own_calendar(demo_family, at):
    # Sunday night in New York is Monday 04:30 UTC: by the server's calendar the
    # week after DEMO_MONDAY would be due; by the family's, DEMO_MONDAY is next
    # and it is planned.
    at(2026, 1, 4, 23, 30)
    assert next_weeks_unplanned() == []
    at(2026, 1, 7, 8, 0)
    assert next_weeks_unplanned() == [(demo_family, NEXT_MONDAY)]


def test_a_family_with_next_week_planned_is_not_due(demo_family, at):
    at(2026, 1, 7, 8, 0)
    generate_reusing_solve(family=demo_family, week_start=NEXT_MONDAY)
    assert next_weeks_unplanned() == []


def test_an_inactive_next_week_and_an_active_this_week_do_not_count_as_planned(demo_family, at):
    """The two conditions must hold for the same schedule, not one each."""
    at(2026, 1, 7, 8, 0)
    generate_reusing_solve(family=demo_family, week_start=NEXT_MONDAY)
    Schedule.objects.filter(week_start_date=NEXT_MONDAY).update(is_active=False)
    assert Schedule.objects.filter(week_start_date=DEMO_MONDAY, is_active=True).exists()
    assert next_weeks_unplanned() == [(demo_family, NEXT_MONDAY)]
