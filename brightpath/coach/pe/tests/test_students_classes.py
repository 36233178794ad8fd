"""Students (with private medical notes), classes and enrolment, adaptations for a
student's needs with their history, and preferences."""

import datetime as dt

import pytest

from brightpath.coach.pe import models as m
from brightpath.coach.pe.services import classes as class_services
from brightpath.coach.pe.services import progress as progress_services
from brightpath.coach.pe.services import safety as safety_services
from brightpath.coach.pe.services import students as student_services
from brightpath.common.errors import Conflict, Invalid

from .conftest import NOW, TODAY, birth_for, make_activity, make_class, make_student

pytestmark = pytest.mark.django_db
API = "/api/coach/pe"
SECRET = "Epilepsy: no climbing; seizure plan in office"
NEED = "Hearing aid: face the student when speaking"


def _student_body(**changes):
    body = {
        "firstName": "Leo",
        "lastName": "Park",
        "dateOfBirth": birth_for(9).isoformat(),
        "gender": "male",
        "fitnessLevel": "intermediate",
        "email": "leo.park@example.com",
        "medicalNotes": SECRET,
        "accommodations": [NEED],
    }
    body.update(changes)
    return body


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"dateOfBirth": birth_for(4).isoformat()}, "dateOfBirth"),
        ({"dateOfBirth": birth_for(19).isoformat()}, "dateOfBirth"),
        ({"firstName": "   "}, "firstName"),
        ({"lastName": "x" * 51}, "lastName"),
        ({"email": "not-an-email"}, "email"),
        ({"medicalNotes": "x" * 501}, "medicalNotes"),
        ({"accommodations": ["ok", 3]}, "accommodations[1]"),
        ({"gender": "robot"}, "gender"),
    ],
)
def test_a_bad_student_is_refused_and_not_saved(client, changes, field):
    answer = client.post(f"{API}/students/", _student_body(**changes), format="json")
    assert answer.status_code == 400
    assert field in answer.json()["error"]["fields"]
    assert not m.Student.objects.exists()


def test_a_students_email_is_unique_for_their_teacher_only(client, other_client):
    assert client.post(f"{API}/students/", _student_body(), format="json").status_code == 201
    twice = client.post(f"{API}/students/", _student_body(firstName="Lea"), format="json")
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "duplicate_email"
    assert other_client.post(f"{API}/students/", _student_body(), format="json").status_code == 201


def test_medical_notes_and_accommodations_stay_in_the_teachers_own_view(
    client, other_client, teacher
):
    student = client.post(f"{API}/students/", _student_body(), format="json").json()
    assert student["medicalNotes"] == SECRET and student["accommodations"] == [NEED]
    pe_class = make_class(teacher)
    client.post(
        f"{API}/classes/{pe_class.pk}/students/", {"studentId": student["id"]}, format="json"
    )
    activity = make_activity(teacher)
    obj = m.Student.objects.get(pk=student["id"])
    progress_services.assessment_create(
        student=obj,
        activity=activity,
        assessor=teacher,
        rubric={"criteria": {"skill": {"weight": 1}}},
        scores={"skill": 7},
        complete=True,
    )
    safety_services.incident_report(
        reporter=teacher,
        student=obj,
        activity=activity,
        date=NOW,
        incident_type="medical",
        severity="minor",
        description="Felt dizzy",
        action_taken="Sat out, water",
    )
    shared = [
        f"{API}/students/",
        f"{API}/students/?class={pe_class.pk}",
        f"{API}/classes/{pe_class.pk}/students/",
        f"{API}/assessments/",
        f"{API}/incidents/",
        f"{API}/students/{student['id']}/progress/",
    ]
    for url in shared:
        answer = client.get(url)
        assert answer.status_code == 200, url
        text = answer.content.decode()
        assert SECRET not in text and NEED not in text, url
        assert "medicalNotes" not in text and "accommodations" not in text, url
    detail = client.get(f"{API}/students/{student['id']}/")
    assert other_client.get(f"{API}/students/{student['id']}/").status_code == 404
    for url in shared[:2]:
        assert SECRET not in other_client.get(url).content.decode()
    assert detail.json()["medicalNotes"] == SECRET


def test_a_class_fills_up_then_waitlists(client, teacher):
    pe_class = client.post(
        f"{API}/classes/",
        {
            "name": "3C",
            "gradeLevel": "3",
            "startDate": "2026-02-01",
            "endDate": "2026-06-30",
            "capacity": 2,
        },
        format="json",
    ).json()
    url = f"{API}/classes/{pe_class['id']}"
    students = [make_student(teacher, f"S{k}", "Kid") for k in range(4)]
    statuses = [
        client.post(f"{url}/students/", {"studentId": str(s.pk)}, format="json").json()["status"]
        for s in students
    ]
    assert statuses == ["enrolled", "enrolled", "waitlisted", "waitlisted"]
    shown = client.get(f"{url}/").json()
    assert (shown["enrolledCount"], shown["waitlistedCount"]) == (2, 2)

    lower = client.patch(f"{url}/", {"capacity": 1}, format="json")
    assert lower.status_code == 400 and "capacity" in lower.json()["error"]["fields"]
    assert client.patch(f"{url}/", {"capacity": 51}, format="json").status_code == 400
    raised = client.patch(f"{url}/", {"capacity": 3}, format="json").json()
    assert raised["enrolledCount"] == 3  # the first on the waitlist moved up
    left = client.delete(f"{url}/students/{students[0].pk}/").json()
    assert left["status"] == "withdrawn" and left["withdrawnDate"] == TODAY.isoformat()
    roster = client.get(f"{url}/students/").json()
    assert [r["status"] for r in roster] == ["enrolled"] * 3
    assert len(client.get(f"{url}/students/?withdrawn=true").json()) == 4


def test_bad_classes_are_refused(client, teacher):
    make_class(teacher, name="4A")
    for body, field in [
        ({"name": "4A"}, None),
        ({"name": " "}, "name"),
        ({"endDate": "2026-02-01"}, "endDate"),
        ({"gradeLevel": "13"}, "gradeLevel"),
        (
            {
                "schedule": {
                    "weeklySchedule": [{"day": "funday", "time": "25:00", "durationMinutes": 45}]
                }
            },
            "schedule.weeklySchedule[0].day",
        ),
    ]:
        full = {
            "name": "New",
            "gradeLevel": "4",
            "startDate": "2026-02-01",
            "endDate": "2026-06-30",
            **body,
        }
        answer = client.post(f"{API}/classes/", full, format="json")
        if field is None:
            assert answer.status_code == 409 and answer.json()["error"]["code"] == "duplicate_name"
        else:
            assert answer.status_code == 400 and field in answer.json()["error"]["fields"], (
                answer.json()
            )
    assert m.PEClass.objects.count() == 1


def test_a_class_that_started_keeps_its_history(teacher):
    pe_class = make_class(teacher)
    class_services.class_transition(pe_class=pe_class, status="active")
    with pytest.raises(Conflict):
        class_services.class_delete(pe_class=pe_class)
    planned = make_class(teacher, name="Next term")
    class_services.class_delete(pe_class=planned)
    assert not m.PEClass.objects.filter(pk=planned.pk).exists()


def test_another_teachers_student_cannot_be_enrolled(client, teacher, other_teacher):
    pe_class = make_class(teacher)
    theirs = make_student(other_teacher)
    answer = client.post(
        f"{API}/classes/{pe_class.pk}/students/", {"studentId": str(theirs.pk)}, format="json"
    )
    assert answer.status_code == 400 and answer.json()["error"]["fields"] == {
        "studentId": ["No such student."]
    }
    with pytest.raises(Invalid):
        class_services.enrolment_add(pe_class=pe_class, student=theirs)


def test_adaptations_for_a_students_needs_keep_their_history(client, teacher, catalogue):
    student = make_student(teacher, accommodations=["Uses a wheelchair"], medical_notes="Asthma")
    activity = m.Activity.objects.get(key="capture-the-flag")
    suggestions = client.get(
        f"{API}/students/{student.pk}/adaptation-suggestions/?activity={activity.pk}"
    ).json()
    assert {s["need"] for s in suggestions} >= {"Wheelchair user", "Asthma"}

    url = f"{API}/students/{student.pk}/adaptations/"
    body = {
        "activityId": str(activity.pk),
        "adaptationType": "technique",
        "adaptationData": {"summary": "Plays from the chair, wider lanes", "need": "wheelchair"},
        "difficultyAdjustment": -0.3,
        "reason": "Wheelchair user",
    }
    created = client.post(url, body, format="json")
    assert created.status_code == 201, created.content
    adaptation = created.json()
    assert [h["changeType"] for h in adaptation["history"]] == ["created"]
    twice = client.post(url, body, format="json")
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "adaptation_exists"
    bad = client.post(
        url, {**body, "difficultyAdjustment": 1.5, "adaptationType": "intensity"}, format="json"
    )
    assert bad.status_code == 400 and "difficultyAdjustment" in bad.json()["error"]["fields"]

    one = f"{API}/adaptations/{adaptation['id']}/"
    no_reason = client.patch(one, {"reason": "", "difficultyAdjustment": -0.1}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["error"]["fields"]
    changed = client.patch(
        one,
        {"reason": "Managing well", "difficultyAdjustment": -0.1, "effectivenessScore": 0.9},
        format="json",
    ).json()
    assert changed["difficultyAdjustment"] == -0.1
    off = client.post(
        f"{one}active/", {"isActive": False, "reason": "Unit finished"}, format="json"
    ).json()
    assert off["isActive"] is False and off["endDate"] == TODAY.isoformat()
    history = off["history"]
    assert [h["changeType"] for h in history] == ["created", "modified", "deactivated"]
    assert history[1]["previousData"]["difficultyAdjustment"] == -0.3
    assert history[1]["newData"]["difficultyAdjustment"] == -0.1
    assert history[1]["effectivenessScore"] == 0.9
    again = client.post(f"{one}active/", {"isActive": False, "reason": "x"}, format="json")
    assert again.status_code == 409
    learned = m.AdaptationActivityPreference.objects.get(student=student, activity_type="game")
    assert learned.preference_score == pytest.approx(0.5 * 0.7 + 0.9 * 0.3)


def test_preferences_are_set_per_type_and_per_activity(client, teacher):
    student = make_student(teacher)
    activity = make_activity(teacher)
    url = f"{API}/students/{student.pk}/preferences/"
    bad = client.put(url, {"activityTypes": {"game": 1.4, "sport": 0.5}}, format="json")
    assert bad.status_code == 400
    assert {"activityTypes.game", "activityTypes.sport"} <= set(bad.json()["error"]["fields"])
    answer = client.put(
        url,
        {
            "activityTypes": {"game": 0.9, "cool_down": 0.2},
            "activities": [
                {"activityId": str(activity.pk), "preferenceLevel": 4, "notes": "Loves it"}
            ],
        },
        format="json",
    ).json()
    assert {p["activityType"]: p["preferenceScore"] for p in answer["typePreferences"]} == {
        "cool_down": 0.2,
        "game": 0.9,
    }
    assert answer["activityPreferences"][0]["preferenceScore"] == 0.75


def test_a_student_is_deleted_with_their_records_and_their_place_freed(client, teacher):
    pe_class = make_class(teacher, capacity=1)
    first, second = make_student(teacher, "A", "One"), make_student(teacher, "B", "Two")
    class_services.enrolment_add(pe_class=pe_class, student=first)
    class_services.enrolment_add(pe_class=pe_class, student=second)
    assert client.delete(f"{API}/students/{first.pk}/").status_code == 204
    assert m.ClassStudent.objects.get(student=second).status == "enrolled"
    assert not m.ClassStudent.objects.filter(student_id=first.pk).exists()


def test_a_student_is_5_to_18_on_the_teachers_day(teacher):
    def add(born):
        return student_services.student_create(
            teacher=teacher,
            first_name="Kid",
            last_name=str(born),
            date_of_birth=born,
            gender="other",
        )

    assert add(TODAY.replace(year=TODAY.year - 5)).pk  # five today
    assert add(TODAY.replace(year=TODAY.year - 19) + dt.timedelta(days=1)).pk  # still 18
    for born in (
        TODAY.replace(year=TODAY.year - 5) + dt.timedelta(days=1),
        TODAY.replace(year=TODAY.year - 19),
    ):
        with pytest.raises(Invalid) as error:
            add(born)
        assert "dateOfBirth" in error.value.fields
