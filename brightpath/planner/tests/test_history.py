"""Schedule history (seed 002's /api/schedules/): a week's versions, read-only,
and the per-schedule item endpoints mapped onto the item actions."""

import pytest

from brightpath.planner.models import Schedule

from .conftest import DEMO_MONDAY
from .test_schema_conformance import conforms

pytestmark = pytest.mark.django_db


def test_a_replanned_week_lists_both_versions_newest_first(auth_client, demo_family):
    noah = demo_family.children.get(name="Noah")
    generate = {"weekStart": DEMO_MONDAY.isoformat(), "childId": str(noah.pk), "timeLimit": 1}
    assert auth_client.post("/api/schedules/generate/", generate, format="json").status_code == 201

    page = conforms(auth_client.get(f"/api/schedules/?childId={noah.pk}"), "/api/schedules/")
    versions = [(r["version"], r["isActive"]) for r in page["results"]]
    assert versions == [(2, True), (1, False)]
    assert (
        conforms(auth_client.get("/api/schedules/?week=2026-01-07"), "/api/schedules/")["count"]
        == 3
    )  # Ava's one version, Noah's two

    old = Schedule.objects.get(child=noah, version=1)
    detail = conforms(auth_client.get(f"/api/schedules/{old.pk}/"), "/api/schedules/{schedule_id}/")
    assert detail["isActive"] is False and detail["scheduleData"]["days"]
    items = conforms(
        auth_client.get(f"/api/schedules/{old.pk}/items/"), "/api/schedules/{schedule_id}/items/"
    )
    assert {i["id"] for i in items} == {str(pk) for pk in old.items.values_list("pk", flat=True)}


def test_another_familys_schedule_is_a_404(other_client, demo_family):
    schedule = Schedule.objects.filter(family=demo_family).first()
    assert other_client.get(f"/api/schedules/{schedule.pk}/").status_code == 404
    assert other_client.get(f"/api/schedules/{schedule.pk}/items/").status_code == 404
    assert other_client.get("/api/schedules/").json()["count"] == 0


def test_items_are_added_moved_and_deleted_through_their_schedule(auth_client, demo_family):
    schedule = Schedule.objects.get(family=demo_family, child__name="Ava", is_active=True)
    url = f"/api/schedules/{schedule.pk}/items/"
    trip = {"name": "Library", "date": "2026-01-10", "startTime": "10:00", "endTime": "11:00"}
    added = auth_client.post(url, trip, format="json")
    assert added.status_code == 201, added.content
    item = added.json()
    moved = auth_client.put(
        f"{url}{item['id']}/",
        {"version": item["version"], "date": "2026-01-10", "startTime": "10:30"},
        format="json",
    )
    assert moved.status_code == 200 and moved.json()["startTime"] == "10:30"
    stale = auth_client.delete(f"{url}{item['id']}/?version={item['version']}")
    assert stale.status_code == 409
    gone = auth_client.delete(f"{url}{item['id']}/?version={moved.json()['version']}")
    assert gone.status_code == 204
    outside = {**trip, "date": "2026-01-20"}
    assert auth_client.post(url, outside, format="json").status_code == 400


def test_an_item_of_another_schedule_is_a_404_here(auth_client, demo_family):
    ava, noah = (
        Schedule.objects.get(family=demo_family, child__name=name, is_active=True)
        for name in ("Ava", "Noah")
    )
    item = noah.items.filter(item_type="subject").first()
    body = {"version": item.version, "date": "2026-01-06", "startTime": "09:00"}
    answer = auth_client.put(f"/api/schedules/{ava.pk}/items/{item.pk}/", body, format="json")
    assert answer.status_code == 404
