"""Seed 001's METRICS:* daily counters, counted as changes commit, and the operator
page that shows the last 14 days."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import transaction

from brightpath.accounts.models import User
from brightpath.planner import metrics
from brightpath.planner.models import ScheduleItem
from brightpath.planner.services import carry_over, items
from brightpath.planner.tests.conftest import DEMO_MONDAY
from brightpath.planner.tests.stored_weeks import generate_reusing_solve

pytestmark = pytest.mark.django_db

TUESDAY = DEMO_MONDAY + dt.timedelta(days=1)
SUNDAY = dt.date(2026, 1, 4)  # the planner tests' clock (conftest)


def today() -> dict:
    return metrics.last_days(1)[0]


def math(family) -> ScheduleItem:
    return ScheduleItem.objects.get(
        schedule__family=family,
        schedule__child__name="Noah",
        schedule__is_active=True,
        name="Mathematics",
        day_date=TUESDAY,
    )


def test_each_committed_change_counts_on_its_day(
    demo_family, user, django_capture_on_commit_callbacks, at
):
    with django_capture_on_commit_callbacks(execute=True):
        generate_reusing_solve(family=demo_family, week_start=DEMO_MONDAY)  # Noah and Ava
        done = items.item_complete(user=user, item_id=math(demo_family).pk, version=1)
        items.item_move(
            user=user,
            item_id=done.pk,
            version=done.version,
            day=TUESDAY,
            start=dt.time(13, 0),
            force=True,
        )
    assert today() == {
        "day": SUNDAY,
        metrics.GENERATED: 2,
        metrics.COMPLETED: 1,
        metrics.MOVED: 1,
        metrics.CARRIED_OVER: 0,
    }
    assert cache.get(f"METRICS:USER_ACTIVITY:2026-01-04:{metrics.COMPLETED}") == 1

    at(2026, 1, 6, 7, 0)  # Tuesday: today becomes a sick day, its sessions move on (3 days of room)
    with django_capture_on_commit_callbacks(execute=True):
        _, record = carry_over.day_off_add(user=user, day=dt.date(2026, 1, 6))
    assert record.moves  # Tuesday's sessions were looked at...
    # ...and those that found a free slot counted. How many find one depends on the
    # plan, which a solver under a time limit on a loaded machine may pack tighter.
    carried = sum(1 for move in record.moves if move["to"])
    days = metrics.last_days(3)
    assert [d["day"] for d in days] == [dt.date(2026, 1, 6), dt.date(2026, 1, 5), SUNDAY]
    assert days[0][metrics.CARRIED_OVER] == carried and days[0][metrics.COMPLETED] == 0
    assert days[2][metrics.COMPLETED] == 1  # Sunday's count is kept


def test_a_rolled_back_change_counts_nothing(demo_family, user, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        items.item_complete(user=user, item_id=math(demo_family).pk, version=1)
        raise RuntimeError
    assert today()[metrics.COMPLETED] == 0


def test_a_cache_failure_does_not_fail_the_count_or_the_page(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", broken)
    monkeypatch.setattr(cache, "get_many", broken)
    metrics.add(metrics.COMPLETED)  # logged, not raised
    assert today()[metrics.COMPLETED] == 0


def test_the_operator_page_is_for_staff_and_shows_fourteen_days(client, user):
    metrics.add(metrics.COMPLETED, 3)
    metrics.add(metrics.GENERATED, 2)
    assert client.get("/admin/metrics/").status_code == 302  # to the admin's sign-in
    client.force_login(user)  # a parent, not staff
    assert client.get("/admin/metrics/").status_code == 302

    operator = User.objects.create_superuser("ops@example.com", "Ops-passw0rd!", name="Ops")
    client.force_login(operator)
    page = client.get("/admin/metrics/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Planner activity, last 14 days" in html
    assert html.count('<th scope="row">') == 14 + 1  # the days and the total
    assert "Completions" in html and "Schedules generated" in html
    rows = page.context["rows"]
    assert rows[0]["counts"] == [2, 3, 0, 0]  # today: generated, completions, moves, carried
    assert page.context["totals"] == [2, 3, 0, 0]
