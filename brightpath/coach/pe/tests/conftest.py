"""Teachers, their clients, and rows built through the PE services."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from brightpath.accounts.services import tokens_for
from brightpath.accounts.tests.factories import UserFactory
from brightpath.coach.pe.services import activities as activity_services
from brightpath.coach.pe.services import classes as class_services
from brightpath.coach.pe.services import safety as safety_services
from brightpath.coach.pe.services import students as student_services
from brightpath.coach.pe.services.catalogue import catalogue_load

# "Today" for the tests: a Monday; teachers without a Coach profile are on UTC.
NOW = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    """The clock stands at NOW, moving a millisecond at each reading (so rows written one
    after another are in order, as they would be)."""
    ticks = itertools.count()
    monkeypatch.setattr(timezone, "now", lambda: NOW + dt.timedelta(milliseconds=next(ticks)))


def jwt_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user)['access']}")
    return client


@pytest.fixture
def teacher(db):
    return UserFactory(email="pe.teacher@example.com")


@pytest.fixture
def other_teacher(db):
    return UserFactory(email="other.pe.teacher@example.com")


@pytest.fixture
def client(teacher) -> APIClient:
    return jwt_client(teacher)


@pytest.fixture
def other_client(other_teacher) -> APIClient:
    return jwt_client(other_teacher)


@pytest.fixture
def catalogue(db):
    catalogue_load()


def birth_for(age: int) -> dt.date:
    return TODAY.replace(year=TODAY.year - age) - dt.timedelta(days=30)


def make_student(teacher, first="Maya", last="Lopez", age=10, **extra):
    return student_services.student_create(
        teacher=teacher,
        first_name=first,
        last_name=last,
        date_of_birth=birth_for(age),
        gender=extra.pop("gender", "female"),
        **extra,
    )


def make_class(teacher, name="5B PE", capacity=30, **extra):
    return class_services.class_create(
        teacher=teacher,
        name=name,
        grade_level=extra.pop("grade_level", "5"),
        start_date=extra.pop("start_date", TODAY - dt.timedelta(days=7)),
        end_date=extra.pop("end_date", TODAY + dt.timedelta(days=120)),
        capacity=capacity,
        **extra,
    )


def make_activity(teacher, name="Cone Relay", equipment=("cones",), **extra):
    values = {
        "name": name,
        "activity_type": "game",
        "difficulty": "beginner",
        "equipment_required": "minimal" if equipment else "none",
        "duration_minutes": 15,
        "intensity": "moderate",
        "space": "large",
        "activity_metadata": {"equipmentDetails": {"required": list(equipment)}},
    }
    values.update(extra)
    return activity_services.activity_create(owner=teacher, **values)


def pass_checks(teacher, pe_class, activities, equipment=("cones",)):
    """The safety checks a class needs today before starting `activities`, all passing."""
    safety_services.environmental_check_record(
        pe_class=pe_class,
        inspector=teacher,
        temperature=20,
        humidity=45,
        air_quality=30,
        lighting=400,
        surface_conditions={"condition": "good"},
    )
    for name in equipment:
        safety_services.equipment_check_record(
            inspector=teacher, equipment_type=name, condition="good", safety_rating=0.9
        )
    for activity in activities:
        safety_services.risk_assessment_record(
            assessor=teacher, activity=activity, probability=0.2, impact=0.3
        )


def recording(exercise="squat", reps=5, seed=7, fmt="json", compress=False, **changes) -> bytes:
    """A synthetic landmark recording (the movement engine's kinematic model) with a
    known number of repetitions."""
    from brightpath.coach.pe.movement.synthetic import generate, spec_for

    spec = spec_for(exercise, seed, reps, fmt=fmt, gzip=compress, **changes)
    return generate(spec).payload()


@pytest.fixture
def world(teacher, catalogue):
    """One row of every PE table, built through the services, for one teacher."""
    return world_build(teacher)


def world_build(teacher) -> dict:
    """The `world` fixture's rows as a plain function, for tests that build them outside
    a function-scoped fixture (the platform isolation matrix builds them once per module).
    Needs the PE catalogue loaded and the clock at NOW."""
    from brightpath.coach.pe.models import Activity, Exercise
    from brightpath.coach.pe.services import movement as movement_services
    from brightpath.coach.pe.services import plans as plan_services
    from brightpath.coach.pe.services import progress as progress_services
    from brightpath.coach.pe.services import routines as routine_services

    student = make_student(
        teacher, medical_notes="Asthma: inhaler in bag", accommodations=["uses a wheelchair"]
    )
    pe_class = make_class(teacher)
    enrolment = class_services.enrolment_add(pe_class=pe_class, student=student)
    own = make_activity(teacher)
    squats = Activity.objects.get(key="bodyweight-squats")
    exercise = Exercise.objects.get(key="squat")
    adaptation = activity_services.adaptation_create(
        student=student,
        activity=own,
        adaptation_type="technique",
        adaptation_data={"summary": "Play from the chair"},
        by=teacher,
    )
    student_services.preferences_set(
        student=student,
        type_scores={"game": 0.9},
        activities=[{"activityId": str(own.pk), "preferenceLevel": 5}],
    )
    activity_services.adaptation_set_active(
        adaptation=adaptation, active=False, by=teacher, reason="Done", effectiveness_score=0.8
    )
    progression = activity_services.progression_create(
        owner=teacher,
        from_activity=own,
        to_activity=squats,
        progression_type="skill",
        level="intermediate",
    )
    plan = plan_services.plan_create(
        teacher=teacher,
        pe_class=pe_class,
        name="Fitness unit",
        start_date=TODAY,
        end_date=TODAY + dt.timedelta(days=27),
        objectives={"learningObjectives": [{"area": "fitness", "target": "squat well"}]},
        weeks=[{"week": 1, "activities": [{"activityId": str(own.pk)}]}],
    )
    routine = routine_services.routine_create(
        pe_class=pe_class,
        name="Monday routine",
        scheduled_for=NOW,
        steps=[{"activityId": str(own.pk), "phase": "main"}],
    )
    routine_services.routine_transition(routine=routine, status="scheduled")
    pass_checks(teacher, pe_class, [own])
    routine_services.routine_transition(routine=routine, status="in_progress")
    routine_services.performances_record(
        routine=routine,
        students={str(student.pk): student},
        entries=[
            {
                "studentId": str(student.pk),
                "isCompleted": True,
                "accuracyScore": 0.8,
                "metrics": [{"metricType": "heart_rate", "metricValue": 150}],
            }
        ],
    )
    assessment = progress_services.assessment_create(
        student=student,
        activity=squats,
        assessor=teacher,
        scores={
            "technique": {"form": 8, "accuracy": 7},
            "performance": {"speed": 6, "consistency": 7},
        },
        complete=True,
    )
    performance = progress_services.activity_performance_record(
        student=student, activity=own, performance_date=TODAY, score=70
    )
    safety_check = safety_services.safety_check_create(
        inspector=teacher, check_type="first_aid", status="passed", pe_class=pe_class
    )
    incident = safety_services.incident_report(
        reporter=teacher,
        student=student,
        activity=own,
        date=NOW,
        incident_type="injury",
        severity="minor",
        description="Grazed knee",
        action_taken="Cleaned and plastered",
        routine=routine,
    )
    analysis = movement_services.movement_analyse(
        student=student, exercise=exercise, data=recording(reps=4), by=teacher
    )
    return {
        "student": student,
        "class": pe_class,
        "enrolment": enrolment,
        "activity": own,
        "squats": squats,
        "exercise": exercise,
        "adaptation": adaptation,
        "progression": progression,
        "plan": plan,
        "plan_activity": plan.sequence.get(),
        "routine": routine,
        "step": routine.steps.get(),
        "routine_performance": routine.performances.get(),
        "assessment": assessment,
        "performance": performance,
        "safety_check": safety_check,
        "incident": incident,
        "analysis": analysis,
    }
