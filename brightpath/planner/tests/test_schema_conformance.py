"""What the API answers is what /api/schema/ documents.

The shapes are built in code (planner/shapes.py, the selectors) and documented
by serializers; this walks a family through the API and checks every answer
against the OpenAPI document with common/tests/openapi.py, strictly: a field the
documentation does not name, a missing required field, a null where none is
allowed, a wrong type or format fails.
"""

import datetime as dt

import pytest

from brightpath.common.tests.openapi import documented as conforms
from brightpath.planner.models import ScheduleItem

from .conftest import DEMO_MONDAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def walk(auth_client, demo_family, at):
    at(2026, 1, 7, 8, 0)  # Wednesday of the planned week
    return auth_client, demo_family


def test_reads_of_the_family_and_its_plans_conform(walk):
    client, family = walk
    child = family.children.get(name="Noah")
    ids = {"child_id": child.pk}
    conforms(client.get("/api/family/"), "/api/family/")
    conforms(client.get("/api/children/"), "/api/children/")
    conforms(client.get(f"/api/children/{child.pk}/"), "/api/children/{child_id}/")
    conforms(
        client.get(f"/api/children/{child.pk}/subjects/"), "/api/children/{child_id}/subjects/"
    )
    conforms(
        client.get("/api/children/{child_id}/commitments/".format(**ids)),
        "/api/children/{child_id}/commitments/",
    )
    conforms(client.get("/api/family/commitments/"), "/api/family/commitments/")
    conforms(client.get("/api/questionnaire/"), "/api/questionnaire/")
    conforms(client.get("/api/questionnaire/responses/"), "/api/questionnaire/responses/")
    conforms(client.get("/api/users/me/"), "/api/users/me/")
    conforms(client.get("/api/users/preferences/"), "/api/users/preferences/")
    conforms(client.get("/api/subjects/"), "/api/subjects/")


def test_the_week_and_the_day_conform(walk):
    client, family = walk
    child = family.children.get(name="Ava")
    week = DEMO_MONDAY.isoformat()
    conforms(client.get(f"/api/family/week/?week={week}"), "/api/family/week/")
    conforms(client.get("/api/family/today/"), "/api/family/today/")
    conforms(
        client.get(f"/api/children/{child.pk}/week/?week={week}"), "/api/children/{child_id}/week/"
    )
    conforms(client.get(f"/api/children/{child.pk}/today/"), "/api/children/{child_id}/today/")
    conforms(
        client.get(f"/api/children/{child.pk}/schedule/?week={week}"),
        "/api/children/{child_id}/schedule/",
    )


def test_generation_conforms(walk):
    client, _ = walk
    body = {"weekStart": (DEMO_MONDAY + dt.timedelta(days=7)).isoformat(), "timeLimit": 0.5}
    answer = conforms(
        client.post("/api/schedules/generate/", body, format="json"),
        "/api/schedules/generate/",
        "post",
    )
    assert answer["schedules"], "the family's week was planned"


def _item(family, name: str, day: dt.date) -> ScheduleItem:
    return ScheduleItem.objects.filter(
        schedule__family=family, schedule__is_active=True, item_type="subject", day_date=day
    ).exclude(name=name)[0]


def test_the_item_writes_and_their_conflicts_conform(walk):
    client, family = walk
    item = _item(family, "", dt.date(2026, 1, 7))
    url = f"/api/schedule-items/{item.pk}/"
    done = conforms(
        client.post(url + "complete/", {"version": item.version, "notes": "Fun"}, format="json"),
        "/api/schedule-items/{item_id}/complete/",
        "post",
    )
    stale = client.post(url + "skip/", {"version": item.version}, format="json")
    assert stale.status_code == 409
    conforms(stale, "/api/schedule-items/{item_id}/skip/", "post")
    undone = conforms(
        client.post(url + "uncomplete/", {"version": done["version"]}, format="json"),
        "/api/schedule-items/{item_id}/uncomplete/",
        "post",
    )
    skipped = conforms(
        client.post(url + "skip/", {"version": undone["version"], "reason": "ill"}, format="json"),
        "/api/schedule-items/{item_id}/skip/",
        "post",
    )
    conforms(
        client.post(url + "unskip/", {"version": skipped["version"]}, format="json"),
        "/api/schedule-items/{item_id}/unskip/",
        "post",
    )
    clash = client.post(
        url + "move/",
        {"version": skipped["version"] + 1, "date": "2026-01-08", "startTime": "05:00"},
        format="json",
    )
    assert clash.status_code == 409
    conforms(clash, "/api/schedule-items/{item_id}/move/", "post")
    child = item.schedule.child
    trip = {
        "childId": str(child.pk),
        "name": "Library",
        "date": "2026-01-10",
        "startTime": "10:00",
        "endTime": "11:00",
    }
    added = conforms(
        client.post("/api/schedule-items/", trip, format="json"), "/api/schedule-items/", "post"
    )
    conforms(
        client.delete(f"/api/schedule-items/{added['id']}/?version={added['version']}"),
        "/api/schedule-items/{item_id}/",
        "delete",
    )


def test_carry_over_and_days_off_conform(walk):
    client, family = walk
    conforms(client.post("/api/family/carry-over/"), "/api/family/carry-over/", "post")
    conforms(client.get("/api/family/carry-overs/"), "/api/family/carry-overs/")
    day_off = {"date": "2026-01-09", "kind": "sick", "label": "Flu"}
    conforms(
        client.post("/api/family/days-off/", day_off, format="json"),
        "/api/family/days-off/",
        "post",
    )
    conforms(client.get("/api/family/days-off/"), "/api/family/days-off/")


def test_records_and_the_outside_world_conform(walk):
    client, family = walk
    child = family.children.get(name="Noah")
    item = _item(family, "", dt.date(2026, 1, 6))
    client.post(
        f"/api/schedule-items/{item.pk}/complete/", {"version": item.version}, format="json"
    )
    absent = client.get("/api/family/records/target/")
    conforms(absent, "/api/family/records/target/")
    target = {"yearStart": "2025-08-01", "yearEnd": "2026-06-30", "requiredDays": 180}
    conforms(
        client.put("/api/family/records/target/", target, format="json"),
        "/api/family/records/target/",
        "put",
    )
    conforms(client.get("/api/family/records/target/"), "/api/family/records/target/")
    conforms(client.get(f"/api/children/{child.pk}/records/"), "/api/children/{child_id}/records/")
    conforms(client.get("/api/family/records/"), "/api/family/records/")
    conforms(client.get("/api/family/activity-log/"), "/api/family/activity-log/")
    conforms(client.get("/api/family/agenda-email/"), "/api/family/agenda-email/")
    conforms(
        client.put(
            "/api/family/agenda-email/", {"enabled": True, "sendAt": "06:30"}, format="json"
        ),
        "/api/family/agenda-email/",
        "put",
    )
    conforms(
        client.post("/api/calendar-feeds/", {"childId": str(child.pk)}, format="json"),
        "/api/calendar-feeds/",
        "post",
    )
    conforms(client.get("/api/calendar-feeds/"), "/api/calendar-feeds/")
