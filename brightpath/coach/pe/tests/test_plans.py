"""Unit plans with a week-by-week sequence: what a teacher builds, and what is refused
(with nothing half-saved)."""

import datetime as dt

import pytest

from brightpath.coach.pe import models as m
from brightpath.coach.pe.services import plans as plan_services
from brightpath.common.errors import Conflict, Invalid

from .conftest import make_activity, make_class

pytestmark = pytest.mark.django_db
API = "/api/coach/pe"
START = dt.date(2026, 3, 2)
OBJECTIVES = {
    "learningObjectives": [
        {
            "area": "skill_development",
            "target": "master_basic_dribbling",
            "successCriteria": ["maintain ball control while walking"],
        }
    ],
    "priorityLevels": {"skill_development": "high"},
}


@pytest.fixture
def unit(teacher):
    pe_class = make_class(teacher)
    a = make_activity(teacher, name="Dribble in place")
    b = make_activity(teacher, name="Dribble relay")
    c = make_activity(teacher, name="Mini game")
    return {"class": pe_class, "a": a, "b": b, "c": c}


def _body(unit, **changes):
    body = {
        "name": "Basketball unit",
        "classId": str(unit["class"].pk),
        "startDate": START.isoformat(),
        "endDate": (START + dt.timedelta(days=27)).isoformat(),
        "objectives": OBJECTIVES,
        "weeks": [
            {
                "week": 1,
                "activities": [
                    {"activityId": str(unit["a"].pk), "scheduledDate": "2026-03-02"},
                    {"activityId": str(unit["b"].pk), "scheduledDate": "2026-03-04"},
                ],
            },
            {"week": 3, "activities": [{"activityId": str(unit["c"].pk)}]},
        ],
    }
    body.update(changes)
    return body


def test_a_unit_plan_shows_every_week_with_its_activities_in_order(client, unit):
    answer = client.post(f"{API}/plans/", _body(unit), format="json")
    assert answer.status_code == 201, answer.content
    plan = answer.json()
    assert plan["status"] == "draft" and plan["weekCount"] == 4
    weeks = plan["weeks"]
    assert [w["week"] for w in weeks] == [1, 2, 3, 4]
    assert weeks[0]["startDate"] == "2026-03-02" and weeks[0]["endDate"] == "2026-03-08"
    assert [x["activity"]["name"] for x in weeks[0]["activities"]] == [
        "Dribble in place",
        "Dribble relay",
    ]
    assert [x["sequenceOrder"] for x in weeks[0]["activities"]] == [1, 2]
    assert weeks[1]["activities"] == []
    assert plan["assessmentCriteria"]["criteria"]["technique"]["weight"] == 0.4  # the default


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        (
            {
                "weeks": [
                    {"week": 1, "activities": [{"activityId": None, "scheduledDate": "2026-03-10"}]}
                ]
            },
            "weeks[0].activities[0].scheduledDate",
        ),
        ({"weeks": [{"week": 5, "activities": []}]}, "weeks[0].week"),
        (
            {"weeks": [{"week": 1, "activities": []}, {"week": 1, "activities": []}]},
            "weeks[1].week",
        ),
        ({"objectives": {"priorityLevels": {}}}, "objectives.learningObjectives"),
        ({"objectives": {"learningObjectives": []}}, "objectives.learningObjectives"),
        ({"endDate": "2026-03-01"}, "endDate"),
        (
            {"assessmentCriteria": {"criteria": {"a": {"weight": 0.3}}}},
            "assessmentCriteria.criteria",
        ),
        ({"classId": None}, "classId"),
    ],
)
def test_a_bad_plan_saves_nothing(client, unit, changes, path):
    answer = client.post(f"{API}/plans/", _body(unit, **changes), format="json")
    assert answer.status_code == 400, answer.content
    assert path in answer.json()["error"]["fields"], answer.json()
    assert not m.ActivityPlan.objects.exists() and not m.ActivityPlanActivity.objects.exists()


def test_another_teachers_activity_or_class_cannot_be_planned(client, unit, other_teacher):
    theirs = make_activity(other_teacher, name="Their game")
    body = _body(unit, weeks=[{"week": 1, "activities": [{"activityId": str(theirs.pk)}]}])
    answer = client.post(f"{API}/plans/", body, format="json")
    assert answer.json()["error"]["fields"] == {
        "weeks[0].activities[0].activityId": ["No such activity."]
    }
    their_class = make_class(other_teacher, name="Theirs")
    answer = client.post(f"{API}/plans/", _body(unit, classId=str(their_class.pk)), format="json")
    assert answer.json()["error"]["fields"] == {"classId": ["No such class."]}


def test_an_active_plan_is_followed_week_by_week(client, unit):
    plan = client.post(f"{API}/plans/", _body(unit), format="json").json()
    url = f"{API}/plans/{plan['id']}"
    first = plan["weeks"][0]["activities"][0]
    refused = client.post(
        f"{url}/activities/{first['id']}/status/", {"status": "completed"}, format="json"
    )
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "plan_not_active"
    assert client.post(f"{url}/status/", {"status": "active"}, format="json").status_code == 200

    done = client.post(
        f"{url}/activities/{first['id']}/status/", {"status": "completed"}, format="json"
    )
    assert done.json()["status"] == "completed"
    again = client.post(
        f"{url}/activities/{first['id']}/status/", {"status": "skipped"}, format="json"
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "invalid_transition"
    assert client.delete(f"{url}/activities/{first['id']}/").status_code == 409  # on record

    added = client.post(
        f"{url}/activities/", {"activityId": str(unit["c"].pk), "week": 1}, format="json"
    )
    assert added.status_code == 201 and added.json()["sequenceOrder"] == 3
    second = plan["weeks"][0]["activities"][1]
    assert client.delete(f"{url}/activities/{second['id']}/").status_code == 204
    week1 = client.get(f"{url}/").json()["weeks"][0]["activities"]
    assert [(x["activity"]["name"], x["sequenceOrder"]) for x in week1] == [
        ("Dribble in place", 1),
        ("Mini game", 2),
    ]
    replaced = client.put(f"{url}/sequence/", {"weeks": []}, format="json")
    assert replaced.status_code == 409 and replaced.json()["error"]["code"] == "plan_not_draft"

    completed = client.post(f"{url}/status/", {"status": "completed"}, format="json").json()
    statuses = {
        x["activity"]["name"]: x["status"] for w in completed["weeks"] for x in w["activities"]
    }
    assert statuses == {"Dribble in place": "completed", "Mini game": "skipped"}
    assert client.patch(f"{url}/", {"name": "New"}, format="json").status_code == 409


def test_a_draft_plans_sequence_is_replaced_whole_or_not_at_all(client, unit):
    plan = client.post(f"{API}/plans/", _body(unit), format="json").json()
    url = f"{API}/plans/{plan['id']}/sequence/"
    bad = {
        "weeks": [
            {"week": 2, "activities": [{"activityId": str(unit["a"].pk)}, {"activityId": "nope"}]}
        ]
    }
    assert client.put(url, bad, format="json").status_code == 400
    assert m.ActivityPlanActivity.objects.count() == 3  # unchanged
    good = {"weeks": [{"week": 2, "activities": [{"activityId": str(unit["b"].pk)}]}]}
    weeks = client.put(url, good, format="json").json()["weeks"]
    assert [len(w["activities"]) for w in weeks] == [0, 1, 0, 0]


def test_new_dates_must_still_hold_the_sequence(teacher, unit):
    plan = plan_services.plan_create(
        teacher=teacher,
        pe_class=unit["class"],
        name="Unit",
        start_date=START,
        end_date=START + dt.timedelta(days=27),
        objectives=OBJECTIVES,
        weeks=[{"week": 4, "activities": [{"activityId": str(unit["a"].pk)}]}],
    )
    with pytest.raises(Invalid) as error:
        plan_services.plan_update(plan=plan, end_date=START + dt.timedelta(days=13))
    assert "endDate" in error.value.fields
    plan.refresh_from_db()
    assert plan.end_date == START + dt.timedelta(days=27)


def test_an_activated_plan_needs_activities_and_only_drafts_are_deleted(teacher, unit):
    plan = plan_services.plan_create(
        teacher=teacher,
        pe_class=unit["class"],
        name="Empty",
        start_date=START,
        end_date=START + dt.timedelta(days=6),
        objectives=OBJECTIVES,
    )
    with pytest.raises(Invalid):
        plan_services.plan_transition(plan=plan, status="active")
    plan_services.plan_transition(plan=plan, status="cancelled")
    with pytest.raises(Conflict):
        plan_services.plan_delete(plan=plan)
