"""Safety before an activity: a routine does not start with a failed or missing check;
fixing the check lets it start. Environmental thresholds, equipment and risk rules, and
incidents reported and followed up."""

import datetime as dt

import pytest

from brightpath.coach.pe import models as m
from brightpath.coach.pe import safety_rules as rules
from brightpath.coach.pe.services import classes as class_services
from brightpath.coach.pe.services import routines as routine_services
from brightpath.coach.pe.services import safety as safety_services
from brightpath.common.errors import Conflict, Invalid

from .conftest import NOW, make_activity, make_class, make_student, pass_checks

pytestmark = pytest.mark.django_db
API = "/api/coach/pe"


@pytest.fixture
def scheduled(teacher):
    """A scheduled routine of one activity that needs cones and a ball."""
    pe_class = make_class(teacher)
    activity = make_activity(teacher, equipment=("cones", "soccer balls"))
    routine = routine_services.routine_create(
        pe_class=pe_class,
        name="Passing",
        scheduled_for=NOW,
        steps=[{"activityId": str(activity.pk)}],
    )
    routine_services.routine_transition(routine=routine, status="scheduled")
    return {"teacher": teacher, "class": pe_class, "activity": activity, "routine": routine}


def _start(client, routine):
    return client.post(
        f"{API}/routines/{routine.pk}/status/", {"status": "in_progress"}, format="json"
    )


def _environment(teacher, pe_class, **changes):
    values = {
        "temperature": 20,
        "humidity": 50,
        "air_quality": 40,
        "lighting": 350,
        "surface_conditions": {"condition": "good"},
    }
    values.update(changes)
    return safety_services.environmental_check_record(
        pe_class=pe_class, inspector=teacher, **values
    )


def _blocking(answer) -> dict:
    return {(item["kind"], item["subject"]): item for item in answer.json()["error"]["blocking"]}


def test_without_checks_the_routine_does_not_start(client, scheduled):
    answer = _start(client, scheduled["routine"])
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "safety_check_missing"
    blocking = _blocking(answer)
    assert set(blocking) == {
        ("environment", scheduled["class"].name),
        ("equipment", "cones"),
        ("equipment", "soccer balls"),
        ("risk", scheduled["activity"].name),
    }
    assert all(item["status"] == "missing" for item in blocking.values())
    scheduled["routine"].refresh_from_db()
    assert scheduled["routine"].status == "scheduled" and scheduled["routine"].started_at is None


def test_a_failed_environmental_check_blocks_until_a_new_one_passes(client, scheduled):
    teacher, pe_class, activity = scheduled["teacher"], scheduled["class"], scheduled["activity"]
    pass_checks(teacher, pe_class, [activity], equipment=("cones", "soccer balls"))
    wet = _environment(teacher, pe_class, surface_conditions={"condition": "wet"})
    assert not wet.passed and wet.issues[0]["field"] == "surfaceConditions.condition"

    answer = _start(client, scheduled["routine"])
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "safety_check_failed"
    item = _blocking(answer)[("environment", pe_class.name)]
    assert item["status"] == "failed" and item["checkId"] == str(wet.pk)
    assert "wet" in item["problems"][0]
    report = client.get(f"{API}/routines/{scheduled['routine'].pk}/safety/").json()
    assert report["ready"] is False

    _environment(teacher, pe_class)  # dried and checked again
    assert client.get(f"{API}/routines/{scheduled['routine'].pk}/safety/").json()["ready"]
    answer = _start(client, scheduled["routine"])
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "in_progress" and answer.json()["startedAt"]


def test_equipment_must_be_checked_in_the_last_week_and_safe(client, scheduled):
    teacher, pe_class, activity = scheduled["teacher"], scheduled["class"], scheduled["activity"]
    pass_checks(teacher, pe_class, [activity], equipment=("cones",))
    old = safety_services.equipment_check_record(
        inspector=teacher,
        equipment_type="Soccer Balls",
        condition="good",
        safety_rating=0.9,
        checked_at=NOW - dt.timedelta(days=8),
    )
    assert old.equipment_type == "soccer balls"
    assert (
        _blocking(_start(client, scheduled["routine"]))[("equipment", "soccer balls")]["status"]
        == "missing"
    )

    safety_services.equipment_check_record(
        inspector=teacher, equipment_type="soccer balls", condition="poor", safety_rating=0.9
    )
    item = _blocking(_start(client, scheduled["routine"]))[("equipment", "soccer balls")]
    assert item["status"] == "failed" and "poor" in item["problems"][0]

    safety_services.equipment_check_record(
        inspector=teacher,
        equipment_type="soccer balls",
        condition="good",
        safety_rating=0.9,
        next_maintenance=NOW.date() - dt.timedelta(days=1),
    )
    item = _blocking(_start(client, scheduled["routine"]))[("equipment", "soccer balls")]
    assert "Maintenance was due" in item["problems"][0]

    safety_services.equipment_check_record(
        inspector=teacher, equipment_type="soccer balls", condition="new", safety_rating=1.0
    )
    assert _start(client, scheduled["routine"]).status_code == 200


def test_risk_must_be_current_and_acceptable(client, scheduled):
    teacher, pe_class, activity = scheduled["teacher"], scheduled["class"], scheduled["activity"]
    pass_checks(teacher, pe_class, [], equipment=("cones", "soccer balls"))
    safety_services.risk_assessment_record(
        assessor=teacher,
        activity=activity,
        probability=0.1,
        impact=0.1,
        assessment_date=NOW.date() - dt.timedelta(days=100),
        review_date=NOW.date() - dt.timedelta(days=1),
    )
    item = _blocking(_start(client, scheduled["routine"]))[("risk", activity.name)]
    assert item["status"] == "missing"  # past its review date

    critical = safety_services.risk_assessment_record(
        assessor=teacher, activity=activity, probability=0.9, impact=0.9
    )
    assert critical.risk_level == "critical"
    assert (
        _blocking(_start(client, scheduled["routine"]))[("risk", activity.name)]["status"]
        == "failed"
    )

    safety_services.risk_assessment_record(
        assessor=teacher, activity=activity, probability=0.7, impact=0.6, risk_level="high"
    )
    item = _blocking(_start(client, scheduled["routine"]))[("risk", activity.name)]
    assert "no mitigation" in item["problems"][0]

    safety_services.risk_assessment_record(
        assessor=teacher,
        activity=activity,
        probability=0.7,
        impact=0.6,
        risk_level="high",
        mitigation_measures=["Pairs of similar size", "Extra adult supervising"],
    )
    assert _start(client, scheduled["routine"]).status_code == 200


def test_a_failed_general_check_blocks_until_resolved(client, scheduled):
    teacher, pe_class, activity = scheduled["teacher"], scheduled["class"], scheduled["activity"]
    pass_checks(teacher, pe_class, [activity], equipment=("cones", "soccer balls"))
    kit = safety_services.safety_check_create(
        inspector=teacher, check_type="first_aid", status="failed", notes="No ice packs"
    )
    answer = _start(client, scheduled["routine"])
    assert answer.json()["error"]["code"] == "safety_check_failed"
    assert "No ice packs" in _blocking(answer)[("safety_check", "first_aid")]["problems"]

    refused = client.post(
        f"{API}/safety/checks/{kit.pk}/status/", {"status": "resolved"}, format="json"
    )
    assert refused.status_code == 400 and "resolution" in refused.json()["error"]["fields"]
    resolved = client.post(
        f"{API}/safety/checks/{kit.pk}/status/",
        {"status": "resolved", "resolution": "Restocked from the office"},
        format="json",
    )
    assert resolved.status_code == 200 and resolved.json()["actionRequired"] is False
    assert _start(client, scheduled["routine"]).status_code == 200


def test_another_teachers_checks_do_not_count(scheduled, other_teacher, client):
    other_class = make_class(other_teacher, name="Theirs")
    pass_checks(
        other_teacher, other_class, [scheduled["activity"]], equipment=("cones", "soccer balls")
    )
    answer = _start(client, scheduled["routine"])
    assert answer.json()["error"]["code"] == "safety_check_missing"
    assert len(answer.json()["error"]["blocking"]) == 4


def test_the_class_safety_report_lists_what_an_activity_needs(client, scheduled):
    pe_class, activity = scheduled["class"], scheduled["activity"]
    report = client.get(f"{API}/classes/{pe_class.pk}/safety/?activity={activity.pk}").json()
    assert report["ready"] is False
    assert {i["kind"] for i in report["items"]} == {"environment", "equipment", "risk"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"temperature": 34}, "temperature"),
        ({"temperature": -3}, "temperature"),
        ({"temperature": 29, "humidity": 85}, "humidity"),
        ({"air_quality": 180}, "airQuality"),
        ({"lighting": 120}, "lighting"),
        (
            {"surface_conditions": {"condition": "good", "obstructions": ["bench"]}},
            "surfaceConditions.obstructions[0]",
        ),
        ({"equipment_condition": {"overall": "unsafe"}}, "equipmentCondition.overall"),
    ],
)
def test_environmental_thresholds(teacher, changes, field):
    check = _environment(teacher, make_class(teacher), **changes)
    assert not check.passed
    assert field in {issue["field"] for issue in check.issues}


def test_conditions_within_the_thresholds_pass(teacher):
    assert rules.TEMPERATURE_MAX == 32.0
    check = _environment(teacher, make_class(teacher), temperature=31, humidity=60, lighting=200)
    assert check.passed and check.issues == []


def test_bad_check_input_saves_nothing(teacher):
    pe_class = make_class(teacher)
    with pytest.raises(Invalid) as error:
        _environment(teacher, pe_class, humidity=140, surface_conditions={"condition": "slippery"})
    assert {"humidity", "surfaceConditions.condition"} <= set(error.value.fields)
    assert not m.EnvironmentalCheck.objects.exists()


def test_incidents_are_reported_and_followed_up(client, teacher):
    student = make_student(teacher)
    pe_class = make_class(teacher)
    class_services.enrolment_add(pe_class=pe_class, student=student)
    activity = make_activity(teacher)
    body = {
        "studentId": str(student.pk),
        "activityId": str(activity.pk),
        "classId": str(pe_class.pk),
        "date": "2026-03-02T10:15:00Z",
        "incidentType": "injury",
        "severity": "serious",
        "description": "Fell on the wet floor and hurt a wrist",
        "actionTaken": "First aid, parent called, taken to the nurse",
        "incidentMetadata": {"bodyPart": "wrist", "firstAidGiven": True, "parentNotified": True},
    }
    refused = client.post(f"{API}/incidents/", body, format="json")
    assert refused.status_code == 400
    assert "followUpDate" in refused.json()["error"]["fields"]
    assert not m.SafetyIncident.objects.exists()

    created = client.post(
        f"{API}/incidents/", {**body, "followUpDate": "2026-03-04"}, format="json"
    )
    assert created.status_code == 201, created.content
    incident = created.json()
    assert incident["status"] == "reported"
    assert "medicalNotes" not in incident["student"]

    url = f"{API}/incidents/{incident['id']}/follow-ups/"
    step = client.post(
        url, {"note": "Spoke to the parent", "status": "investigating"}, format="json"
    )
    assert step.json()["status"] == "investigating"
    refused = client.post(url, {"note": "Closing", "status": "closed"}, format="json")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "invalid_transition"
    client.post(url, {"note": "Floor signage added", "status": "resolved"}, format="json")
    done = client.post(url, {"note": "Wrist fine", "status": "closed"}, format="json").json()
    assert done["status"] == "closed"
    notes = [f["note"] for f in done["incidentMetadata"]["followUps"]]
    assert notes == ["Spoke to the parent", "Floor signage added", "Wrist fine"]
    assert client.post(url, {"note": "More"}, format="json").status_code == 409


def test_a_routine_of_a_finished_class_does_not_start(scheduled):
    m.PEClass.objects.filter(pk=scheduled["class"].pk).update(status="completed")
    with pytest.raises(Conflict) as error:
        routine_services.routine_transition(routine=scheduled["routine"], status="in_progress")
    assert error.value.code == "class_completed"
