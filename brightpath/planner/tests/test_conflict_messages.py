"""A 409 for a move or an ad-hoc item that breaks the hard rules reads as
sentences, and still lists each problem in `error.conflicts`."""

import datetime as dt

import pytest

from brightpath.planner.models import ScheduleItem
from brightpath.planner.services.items import sentences
from brightpath.planner.tests.conftest import DEMO_MONDAY

pytestmark = pytest.mark.django_db

TUESDAY = DEMO_MONDAY + dt.timedelta(days=1)


def as_sentence(problem: str) -> str:
    return problem[0].upper() + problem[1:] + ("" if problem.endswith(".") else ".")


def test_each_problem_is_its_own_sentence():
    assert sentences(["overlaps Art 09:00-09:30", "the fixed session Reading is missing"]) == (
        "Overlaps Art 09:00-09:30. The fixed session Reading is missing."
    )
    assert sentences(["Math is no longer in this child's plan."]) == (
        "Math is no longer in this child's plan."
    )
    assert sentences([]) == ""


def test_a_move_breaking_several_rules_reads_well(auth_client, demo_family):
    math = ScheduleItem.objects.get(
        schedule__child__name="Noah", schedule__is_active=True, name="Mathematics", day_date=TUESDAY
    )
    response = auth_client.post(
        f"/api/schedule-items/{math.pk}/move/",
        {"version": math.version, "date": "2026-01-06", "startTime": "10:30", "endTime": "23:00"},
        format="json",
    )
    assert response.status_code == 409
    error = response.json()["error"]
    problems = error["conflicts"]
    assert len(problems) >= 2 and all(isinstance(p, str) for p in problems)
    assert error["message"] == "That slot breaks the schedule's rules. " + " ".join(
        as_sentence(p) for p in problems
    )
    assert ": " not in error["message"].split(". ", 1)[0]
    assert error["message"].endswith(".") and ".." not in error["message"]


def test_an_ad_hoc_item_collision_reads_well(auth_client, demo_family):
    ava = demo_family.children.get(name="Ava")
    response = auth_client.post(
        "/api/schedule-items/",
        {
            "childId": str(ava.pk),
            "name": "Library trip",
            "date": "2026-01-07",
            "startTime": "09:00",
            "endTime": "11:00",
        },
        format="json",
    )
    assert response.status_code == 409
    error = response.json()["error"]
    problems = error["conflicts"]
    assert problems
    assert error["message"] == (
        "It collides with the plan. "
        + " ".join(as_sentence(p) for p in problems)
        + " Skip or move those first, or add it anyway."
    )
