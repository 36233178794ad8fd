"""Edits reach planned weeks (issue 21 #4): a change the week was not planned
with shows as a clash, the parent replans, done work stays."""

import logging

import pytest

from brightpath.planner.models import ScheduleItem

from .conftest import DEMO_MONDAY

pytestmark = pytest.mark.django_db


def _checks(client) -> dict:
    response = client.get("/api/family/plan-checks/")
    assert response.status_code == 200
    return {week["weekStart"]: week["clashes"] for week in response.json()}


def test_a_new_commitment_over_a_session_is_a_clash_until_the_week_is_replanned(
    auth_client, demo_family, caplog
):
    assert _checks(auth_client) == {DEMO_MONDAY.isoformat(): []}
    noah = demo_family.children.get(name="Noah")
    thursday = DEMO_MONDAY.replace(day=8)
    session = ScheduleItem.objects.filter(
        schedule__child=noah, schedule__is_active=True, item_type="subject", day_date=thursday
    ).first()
    done = ScheduleItem.objects.filter(
        schedule__child=noah, schedule__is_active=True, item_type="subject", day_date=DEMO_MONDAY
    ).first()
    ScheduleItem.objects.filter(pk=done.pk).update(completed=True)
    dentist = {
        "name": "Dentist",
        "frequency": "one-time",
        "date": thursday.isoformat(),
        "startTime": session.start_time.strftime("%H:%M"),
        "endTime": session.end_time.strftime("%H:%M"),
    }
    with caplog.at_level(logging.INFO, logger="brightpath.planner.receivers"):
        created = auth_client.post(f"/api/children/{noah.pk}/commitments/", dentist, format="json")
    assert created.status_code == 201
    assert any(r.message == "plan input changed" for r in caplog.records)

    clashes = _checks(auth_client)[DEMO_MONDAY.isoformat()]
    assert clashes and all(c["childName"] == "Noah" for c in clashes)
    assert any("Dentist" in c["message"] and c["date"] == thursday.isoformat() for c in clashes)

    replanned = auth_client.post(
        "/api/schedules/generate/", {"weekStart": DEMO_MONDAY.isoformat()}, format="json"
    )
    assert replanned.status_code == 201
    assert _checks(auth_client) == {DEMO_MONDAY.isoformat(): []}
    kept = ScheduleItem.objects.get(schedule__is_active=True, calendar_uid=done.calendar_uid)
    assert kept.completed


def test_shorter_hours_clash_from_today_on_only(auth_client, demo_family, at):
    at(2026, 1, 7, 8, 0)  # Wednesday: Monday and Tuesday are past
    ava = demo_family.children.get(name="Ava")
    profile = {
        "name": "Ava",
        "age": 10,
        "bestLearningTimes": [],
        "startTime": "10:00",  # 08:30-14:30 before; Piano Practice at 13:00 still fits
        "endTime": "14:00",
    }
    assert auth_client.put(f"/api/children/{ava.pk}/", profile, format="json").status_code == 200
    clashes = _checks(auth_client)[DEMO_MONDAY.isoformat()]
    assert clashes and all(c["date"] >= "2026-01-07" for c in clashes if c["date"])
