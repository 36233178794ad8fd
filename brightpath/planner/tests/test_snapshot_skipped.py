"""The stored `schedule_data` snapshot says which sessions are skipped, and each
write that skips, unskips or completes an item rewrites it with the item."""

import importlib

import pytest
from django.apps import apps as django_apps

from brightpath.planner.models import Schedule, ScheduleItem
from brightpath.planner.serializers.schedules import SnapshotItemSerializer
from brightpath.planner.services import schedule_snapshot
from brightpath.planner.shapes import SNAPSHOT_ITEM_FIELDS

pytestmark = pytest.mark.django_db


def post(client, item, action, **body):
    return client.post(
        f"/api/schedule-items/{item.pk}/{action}/",
        {"version": item.version, **body},
        format="json",
    )


def in_snapshot(item: ScheduleItem) -> dict:
    schedule = Schedule.objects.get(pk=item.schedule_id)
    day = next(d for d in schedule.schedule_data["days"] if d["date"] == f"{item.day_date}")
    return next(i for i in day["items"] if i["id"] == str(item.pk))


@pytest.fixture
def art(demo_family) -> ScheduleItem:
    return ScheduleItem.objects.filter(
        schedule__child__name="Ava", schedule__is_active=True, item_type="subject"
    ).first()


def test_the_snapshot_keeps_skipped_and_documents_it():
    assert "skipped" in SNAPSHOT_ITEM_FIELDS
    assert "skipped" in SnapshotItemSerializer().fields


def test_a_new_week_snapshot_says_nothing_is_skipped(art):
    assert in_snapshot(art)["skipped"] is False


def test_skip_unskip_and_complete_rewrite_the_snapshot(auth_client, art):
    assert post(auth_client, art, "skip", reason="dentist").status_code == 200
    art.refresh_from_db()
    assert in_snapshot(art)["skipped"] is True

    assert post(auth_client, art, "unskip").status_code == 200
    art.refresh_from_db()
    assert in_snapshot(art)["skipped"] is False

    assert post(auth_client, art, "skip").status_code == 200
    art.refresh_from_db()
    assert post(auth_client, art, "complete").status_code == 200  # done after all
    art.refresh_from_db()
    assert (in_snapshot(art)["skipped"], in_snapshot(art)["completed"]) == (False, True)
    assert art.schedule.schedule_data == schedule_snapshot(art.schedule)


def test_the_api_answers_the_snapshot_with_skipped(auth_client, art):
    post(auth_client, art, "skip")
    child_id = art.schedule.child_id
    body = auth_client.get(f"/api/children/{child_id}/schedule/?week=2026-01-05").json()
    items = [i for d in body["scheduleData"]["days"] for i in d["items"]]
    assert {i["id"]: i["skipped"] for i in items}[str(art.pk)] is True
    assert all(isinstance(i["skipped"], bool) for i in items)


def test_the_migration_fills_skipped_into_stored_snapshots(art):
    """Weeks stored before the snapshot kept `skipped` get it from their items."""
    migration = importlib.import_module("brightpath.planner.migrations.0003_snapshot_skipped")
    ScheduleItem.objects.filter(pk=art.pk).update(skipped=True)
    schedule = Schedule.objects.get(pk=art.schedule_id)
    for day in schedule.schedule_data["days"]:
        for item in day["items"]:
            item.pop("skipped")
    schedule.save(update_fields=["schedule_data"])

    migration.snapshots_say_what_was_skipped(django_apps, None)

    art.refresh_from_db()
    assert in_snapshot(art)["skipped"] is True
    schedule.refresh_from_db()
    others = [
        i for d in schedule.schedule_data["days"] for i in d["items"] if i["id"] != str(art.pk)
    ]
    assert others and not any(i["skipped"] for i in others)
