"""What the API answers for a day off: DayOffSerializer only writes answers
(DayOffCreateSerializer parses the input), so every field is always there."""

import datetime as dt

import pytest

from brightpath.planner.services.carry_over import day_off_add

from .conftest import DEMO_MONDAY

pytestmark = pytest.mark.django_db

THURSDAY = DEMO_MONDAY + dt.timedelta(days=3)
FRIDAY = DEMO_MONDAY + dt.timedelta(days=4)


def test_a_day_off_added_without_kind_or_label_answers_both(auth_client, at, demo_family):
    at(2026, 1, 6, 8, 0)
    response = auth_client.post("/api/family/days-off/", {"date": "2026-01-08"}, format="json")
    assert response.status_code == 201, response.content
    day_off = response.json()["dayOff"]
    assert day_off == {
        "id": day_off["id"],
        "date": "2026-01-08",
        "childId": None,
        "kind": "holiday",
        "label": "",
    }


def test_the_list_answers_each_day_off_as_it_was_added(user, auth_client, at, demo_family):
    at(2026, 1, 6, 8, 0)
    noah = demo_family.children.get(name="Noah")
    family_day, _ = day_off_add(user=user, day=THURSDAY, label="Snow day")
    sick_day, _ = day_off_add(user=user, day=FRIDAY, kind="sick", child_id=noah.pk)
    assert auth_client.get("/api/family/days-off/").json()["results"] == [
        {
            "id": str(family_day.pk),
            "date": "2026-01-08",
            "childId": None,
            "kind": "holiday",
            "label": "Snow day",
        },
        {
            "id": str(sick_day.pk),
            "date": "2026-01-09",
            "childId": str(noah.pk),
            "kind": "sick",
            "label": "",
        },
    ]


def test_the_schema_documents_every_field_of_a_day_off_as_always_answered(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    day_off = schema["components"]["schemas"]["DayOff"]
    assert set(day_off["required"]) == set(day_off["properties"])
    assert set(day_off["properties"]) == {"id", "date", "childId", "kind", "label"}
    assert all(field.get("readOnly") for field in day_off["properties"].values())
    assert not any("default" in field for field in day_off["properties"].values())
    assert day_off["properties"]["childId"]["nullable"] is True  # null: the whole family
