"""Routines run in class: steps in order, the status path, and performances recorded per
student (all or nothing)."""

import pytest

from brightpath.coach.pe import models as m
from brightpath.coach.pe.services import classes as class_services
from brightpath.coach.pe.services import routines as routine_services

from .conftest import make_activity, make_class, make_student, pass_checks

pytestmark = pytest.mark.django_db
API = "/api/coach/pe"


@pytest.fixture
def lesson(teacher):
    pe_class = make_class(teacher)
    students = [make_student(teacher, f"S{k}", "Kid") for k in range(3)]
    for student in students:
        class_services.enrolment_add(pe_class=pe_class, student=student)
    warm = make_activity(
        teacher, name="Jog", equipment=(), activity_type="warm_up", duration_minutes=5
    )
    main = make_activity(teacher, name="Relay")
    cool = make_activity(teacher, name="Stretch", equipment=(), activity_type="cool_down")
    return {"class": pe_class, "students": students, "warm": warm, "main": main, "cool": cool}


def _steps(lesson, *order):
    return [{"activityId": str(lesson[key].pk), "phase": phase} for key, phase in order]


def test_a_routine_runs_from_draft_to_completed_with_performances(client, teacher, lesson):
    body = {
        "classId": str(lesson["class"].pk),
        "name": "Relay day",
        "scheduledFor": "2026-03-02T16:00:00Z",
        "focusAreas": {
            "primaryFocus": "cardio",
            "intensityDistribution": {"high": 0.3, "medium": 0.5, "low": 0.2},
        },
        "steps": _steps(lesson, ("warm", "warm_up"), ("main", "main"), ("cool", "cool_down")),
    }
    routine = client.post(f"{API}/routines/", body, format="json")
    assert routine.status_code == 201, routine.content
    routine = routine.json()
    assert [s["sequenceOrder"] for s in routine["steps"]] == [1, 2, 3]
    assert [s["durationMinutes"] for s in routine["steps"]] == [5, 15, 15]  # the activities'
    assert routine["totalMinutes"] == 35
    url = f"{API}/routines/{routine['id']}"
    early = client.post(
        f"{url}/performances/",
        {"performances": [{"studentId": str(lesson["students"][0].pk)}]},
        format="json",
    )
    assert early.status_code == 409 and early.json()["error"]["code"] == "routine_not_started"

    assert client.post(f"{url}/status/", {"status": "scheduled"}, format="json").status_code == 200
    pass_checks(teacher, lesson["class"], [lesson["warm"], lesson["main"], lesson["cool"]])
    started = client.post(f"{url}/status/", {"status": "in_progress"}, format="json")
    assert started.status_code == 200, started.content
    assert client.patch(f"{url}/", {"name": "Renamed"}, format="json").status_code == 409

    first, second, _ = lesson["students"]
    performances = [
        {
            "studentId": str(first.pk),
            "isCompleted": True,
            "completionTime": 1980,
            "accuracyScore": 0.8,
            "effortScore": 0.9,
            "performanceData": {
                "activities": [
                    {"activityId": str(lesson["main"].pk), "completed": True, "repetitions": 4}
                ]
            },
            "metrics": [
                {"metricType": "heart_rate", "metricValue": 152, "metricData": {"unit": "bpm"}}
            ],
        },
        {
            "studentId": str(second.pk),
            "isCompleted": False,
            "effortScore": 0.4,
            "notes": "Sat out the relay",
        },
    ]
    saved = client.post(f"{url}/performances/", {"performances": performances}, format="json")
    assert saved.status_code == 200, saved.content
    rows = {p["student"]["id"]: p for p in saved.json()}
    assert rows[str(first.pk)]["metrics"][0]["metricValue"] == 152
    assert rows[str(second.pk)]["isCompleted"] is False
    corrected = client.post(
        f"{url}/performances/",
        {"performances": [{"studentId": str(second.pk), "isCompleted": True, "effortScore": 0.6}]},
        format="json",
    ).json()
    assert len(corrected) == 2  # corrected in place, not added
    assert {p["student"]["id"]: p["isCompleted"] for p in corrected}[str(second.pk)] is True

    done = client.post(f"{url}/status/", {"status": "completed"}, format="json").json()
    assert done["status"] == "completed" and done["completedAt"]
    assert client.delete(f"{url}/").status_code == 409


def test_performances_are_saved_all_together_or_not_at_all(teacher, lesson, other_teacher):
    routine = routine_services.routine_create(
        pe_class=lesson["class"], name="R", steps=_steps(lesson, ("main", "main"))
    )
    m.Routine.objects.filter(pk=routine.pk).update(
        status="in_progress", started_at="2026-03-02T15:00:00Z"
    )
    routine.refresh_from_db()
    outsider = make_student(teacher, "Not", "Enrolled")
    theirs = make_student(other_teacher, "Their", "Kid")
    students = {str(s.pk): s for s in [*lesson["students"], outsider]}
    from brightpath.common.errors import Invalid

    for entries, path in (
        (
            [
                {"studentId": str(lesson["students"][0].pk), "accuracyScore": 0.5},
                {"studentId": str(outsider.pk)},
            ],
            "performances[1].studentId",
        ),
        (
            [{"studentId": str(lesson["students"][0].pk), "accuracyScore": 1.5}],
            "performances[0].accuracyScore",
        ),
        ([{"studentId": str(theirs.pk)}], "performances[0].studentId"),
        (
            [
                {
                    "studentId": str(lesson["students"][0].pk),
                    "metrics": [{"metricType": "mood", "metricValue": 3}],
                }
            ],
            "performances[0].metrics[0].metricType",
        ),
        (
            [
                {"studentId": str(lesson["students"][0].pk)},
                {"studentId": str(lesson["students"][0].pk)},
            ],
            "performances[1].studentId",
        ),
    ):
        with pytest.raises(Invalid) as error:
            routine_services.performances_record(
                routine=routine, students=students, entries=entries
            )
        assert path in error.value.fields, error.value.fields
    assert not m.RoutinePerformance.objects.exists() and not m.PerformanceMetric.objects.exists()


@pytest.mark.parametrize(
    ("steps", "path"),
    [
        ([("cool", "cool_down"), ("warm", "warm_up")], "steps[1].phase"),
        ([("main", "middle")], "steps[0].phase"),
        ([("main", "main")], None),
    ],
)
def test_steps_go_warm_up_main_cool_down(teacher, lesson, steps, path):
    from brightpath.common.errors import Invalid

    if path is None:
        routine = routine_services.routine_create(
            pe_class=lesson["class"], name="R", steps=_steps(lesson, *steps)
        )
        assert routine.steps.count() == 1
        return
    with pytest.raises(Invalid) as error:
        routine_services.routine_create(
            pe_class=lesson["class"], name="R", steps=_steps(lesson, *steps)
        )
    assert path in error.value.fields
    assert not m.Routine.objects.exists()


def test_a_timed_step_keeps_its_duration_and_an_untimed_one_may_have_none(teacher, lesson):
    routine = routine_services.routine_create(
        pe_class=lesson["class"],
        name="R",
        steps=[
            {"activityId": str(lesson["main"].pk), "durationMinutes": 20},
            {"activityId": str(lesson["cool"].pk), "phase": "cool_down", "isTimed": False},
        ],
    )
    assert [(s.duration_minutes, s.is_timed) for s in routine.steps.order_by("sequence_order")] == [
        (20, True),
        (None, False),
    ]


def test_scheduling_needs_a_time_and_steps(teacher, lesson):
    from brightpath.common.errors import Invalid

    routine = routine_services.routine_create(pe_class=lesson["class"], name="Empty")
    with pytest.raises(Invalid) as error:
        routine_services.routine_transition(routine=routine, status="scheduled")
    assert {"scheduledFor", "steps"} <= set(error.value.fields)


def test_lists_take_a_fixed_number_of_queries(
    client, teacher, lesson, django_assert_max_num_queries
):
    for k in range(5):
        routine_services.routine_create(
            pe_class=lesson["class"],
            name=f"R{k}",
            steps=_steps(lesson, ("warm", "warm_up"), ("main", "main")),
        )
    with django_assert_max_num_queries(8):
        assert client.get(f"{API}/routines/").json()["count"] == 5
    with django_assert_max_num_queries(8):
        assert client.get(f"{API}/students/").json()["count"] == 3
