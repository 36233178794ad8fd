"""The cached today (SCHEDULE:TODAY:{child}) never outlives a write that changes the day.

The load benchmark (bench/load.py) reads today from this cache under load and
counts stale reads after writes; these tests pin the same promise per write.
"""

import datetime as dt

import pytest
from django.core.cache import cache

from brightpath.planner import caches
from brightpath.planner.models import ScheduleItem
from brightpath.planner.tests.conftest import DEMO_MONDAY
from brightpath.planner.tests.test_living import item, post

TUESDAY = DEMO_MONDAY + dt.timedelta(days=1)

WRITES = {
    "complete": ({}, lambda i: i["completed"] is True),
    "skip": ({"reason": "dentist"}, lambda i: i["skipped"] is True),
    "move": (
        {"date": TUESDAY.isoformat(), "startTime": "13:30", "force": True},
        lambda i: i["startTime"] == "13:30",
    ),
}


def _today_item(client, child, item_id) -> dict | None:
    items = client.get(f"/api/children/{child.pk}/today/").json()["items"]
    return next((i for i in items if i["id"] == str(item_id)), None)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", sorted(WRITES))
def test_a_write_through_the_services_is_seen_in_the_cached_today(
    action, auth_client, demo_family, at
):
    at(2026, 1, 6, 8, 0)
    noah = demo_family.children.get(name="Noah")
    math = item("Noah", "Mathematics", TUESDAY)
    cache.clear()  # the marker left by planning the week would keep the cache empty
    auth_client.get("/api/family/today/")
    assert cache.get(caches.today_key(noah.pk))["date"] == TUESDAY.isoformat()

    # Served from the cache: a change that bypasses the services is not seen.
    ScheduleItem.objects.filter(pk=math.pk).update(name="Sums")
    assert _today_item(auth_client, noah, math.pk)["name"] == "Mathematics"
    ScheduleItem.objects.filter(pk=math.pk).update(name="Mathematics")

    body, changed = WRITES[action]
    assert post(auth_client, math, action, **body).status_code == 200
    assert changed(_today_item(auth_client, noah, math.pk))
    assert changed(
        next(
            i
            for c in auth_client.get("/api/family/today/").json()["children"]
            if c["childId"] == str(noah.pk)
            for i in c["items"]
            if i["id"] == str(math.pk)
        )
    )
