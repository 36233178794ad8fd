"""The database itself refuses what seed 004's validation rules forbid: each row of every
PE table, changed behind the services' back, hits a CHECK, a unique constraint or a
foreign key; and the seed's cascades hold."""

import datetime as dt

import pytest
from django.db import DataError, IntegrityError, transaction
from django.db.models import ProtectedError

from brightpath.coach.pe import models as m
from brightpath.coach.pe.services import students as student_services

from .conftest import TODAY

pytestmark = pytest.mark.django_db

LONG = "x" * 501

# (label, model, which row of the world, changes that break a rule)
UPDATES = [
    ("activity name blank", m.Activity, "activity", {"name": "   "}),
    ("activity duration 0", m.Activity, "activity", {"duration_minutes": 0}),
    ("activity duration 241", m.Activity, "activity", {"duration_minutes": 241}),
    ("activity type", m.Activity, "activity", {"activity_type": "sport"}),
    ("activity difficulty", m.Activity, "activity", {"difficulty": "expert"}),
    ("activity equipment", m.Activity, "activity", {"equipment_required": "lots"}),
    ("activity intensity", m.Activity, "activity", {"intensity": "extreme"}),
    ("activity description 501", m.Activity, "activity", {"description": LONG}),
    ("activity age below 5", m.Activity, "activity", {"min_age": 4}),
    ("activity ages crossed", m.Activity, "activity", {"min_age": 12, "max_age": 10}),
    ("student first name blank", m.Student, "student", {"first_name": ""}),
    ("student last name spaces", m.Student, "student", {"last_name": "  "}),
    ("student gender", m.Student, "student", {"gender": "unknown"}),
    ("student fitness", m.Student, "student", {"fitness_level": "pro"}),
    ("student medical notes 501", m.Student, "student", {"medical_notes": LONG}),
    ("class capacity 51", m.PEClass, "class", {"capacity": 51}),
    ("class capacity 0", m.PEClass, "class", {"capacity": 0}),
    ("class over capacity", m.PEClass, "class", {"capacity": 1, "enrolled_count": 2}),
    ("class ends on its start", m.PEClass, "class", {"end_date": TODAY - dt.timedelta(days=7)}),
    ("class status", m.PEClass, "class", {"status": "paused"}),
    ("class grade", m.PEClass, "class", {"grade_level": "13"}),
    ("enrolment withdrawn without date", m.ClassStudent, "enrolment", {"status": "withdrawn"}),
    ("enrolment status", m.ClassStudent, "enrolment", {"status": "expelled"}),
    (
        "adaptation adjustment 1.5",
        m.ActivityAdaptation,
        "adaptation",
        {"difficulty_adjustment": 1.5},
    ),
    (
        "adaptation adjustment -1.1",
        m.ActivityAdaptation,
        "adaptation",
        {"difficulty_adjustment": -1.1},
    ),
    ("adaptation type", m.ActivityAdaptation, "adaptation", {"adaptation_type": "colour"}),
    (
        "adaptation ends before start",
        m.ActivityAdaptation,
        "adaptation",
        {"end_date": TODAY - dt.timedelta(days=1)},
    ),
    ("progression to itself", m.ActivityProgression, "progression", {"to_activity_id": None}),
    (
        "progression increase 1.5",
        m.ActivityProgression,
        "progression",
        {"difficulty_increase": 1.5},
    ),
    ("progression level", m.ActivityProgression, "progression", {"level": "legend"}),
    ("plan ends before start", m.ActivityPlan, "plan", {"end_date": TODAY - dt.timedelta(days=1)}),
    ("plan status", m.ActivityPlan, "plan", {"status": "paused"}),
    ("plan for nobody", m.ActivityPlan, "plan", {"pe_class": None, "student": None}),
    ("plan name blank", m.ActivityPlan, "plan", {"name": " "}),
    ("plan activity week 0", m.ActivityPlanActivity, "plan_activity", {"week": 0}),
    ("plan activity status", m.ActivityPlanActivity, "plan_activity", {"status": "done"}),
    ("routine status", m.Routine, "routine", {"status": "paused"}),
    ("routine started without time", m.Routine, "routine", {"started_at": None}),
    ("routine completed without end", m.Routine, "routine", {"status": "completed"}),
    ("routine step timed without duration", m.RoutineActivity, "step", {"duration_minutes": None}),
    ("routine step duration 0", m.RoutineActivity, "step", {"duration_minutes": 0}),
    ("routine step phase", m.RoutineActivity, "step", {"phase": "middle"}),
    ("routine step order 0", m.RoutineActivity, "step", {"sequence_order": 0}),
    (
        "performance accuracy 1.5",
        m.RoutinePerformance,
        "routine_performance",
        {"accuracy_score": 1.5},
    ),
    (
        "performance effort -0.1",
        m.RoutinePerformance,
        "routine_performance",
        {"effort_score": -0.1},
    ),
    (
        "performance time negative",
        m.RoutinePerformance,
        "routine_performance",
        {"completion_time": -1},
    ),
    ("assessment score 101", m.SkillAssessment, "assessment", {"overall_score": 101}),
    ("assessment completed unscored", m.SkillAssessment, "assessment", {"overall_score": None}),
    ("assessment status", m.SkillAssessment, "assessment", {"status": "graded"}),
    ("activity performance 101", m.StudentActivityPerformance, "performance", {"score": 101}),
    ("safety check done without time", m.SafetyCheck, "safety_check", {"completed_at": None}),
    ("safety check type", m.SafetyCheck, "safety_check", {"check_type": "vibes"}),
    ("incident description blank", m.SafetyIncident, "incident", {"description": " "}),
    ("incident action blank", m.SafetyIncident, "incident", {"action_taken": ""}),
    ("incident serious without follow-up", m.SafetyIncident, "incident", {"severity": "serious"}),
    ("incident status", m.SafetyIncident, "incident", {"status": "forgotten"}),
    ("analysis repetitions negative", m.MovementAnalysis, "analysis", {"repetitions": -1}),
    ("analysis duration 0", m.MovementAnalysis, "analysis", {"duration_seconds": 0}),
    ("analysis quality 1.2", m.MovementAnalysis, "analysis", {"quality_score": 1.2}),
    ("analysis confidence -0.1", m.MovementAnalysis, "analysis", {"confidence": -0.1}),
    ("analysis movement type", m.MovementAnalysis, "analysis", {"movement_type": "flying"}),
]


def _refused(queryset, **changes) -> None:
    # PostgreSQL refuses a too-long value by its column type (DataError), SQLite by the CHECK.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        queryset.update(**changes)


def test_the_database_refuses_each_broken_rule(world):
    accepted = []
    for label, model, row, changes in UPDATES:
        target = world[row]
        if label == "progression to itself":
            changes = {"to_activity_id": target.from_activity_id}
        try:
            _refused(model.objects.filter(pk=target.pk), **changes)
        except pytest.fail.Exception:
            accepted.append(label)
    assert not accepted, f"the database accepted: {accepted}"


def test_other_tables_refuse_out_of_range_values(world, teacher):
    student = world["student"]
    _refused(m.StudentActivityPreference.objects.filter(student=student), preference_score=1.1)
    _refused(m.PEActivityPreference.objects.filter(student=student), preference_level=6)
    _refused(m.AdaptationActivityPreference.objects.filter(student=student), preference_score=-0.1)
    _refused(
        m.AdaptationHistory.objects.filter(adaptation=world["adaptation"]), effectiveness_score=1.2
    )
    _refused(
        m.AdaptationHistory.objects.filter(adaptation=world["adaptation"]), change_type="renamed"
    )
    _refused(m.AdaptationHistory.objects.filter(adaptation=world["adaptation"]), reason=" ")
    _refused(
        m.PerformanceMetric.objects.filter(performance=world["routine_performance"]),
        metric_type="mood",
    )
    _refused(m.SkillProgress.objects.filter(student=student), skill_level="master")
    _refused(m.SkillProgress.objects.filter(student=student), latest_score=100.5)
    _refused(m.EquipmentCheck.objects.filter(inspector=teacher), safety_rating=1.2)
    _refused(
        m.EquipmentCheck.objects.filter(inspector=teacher),
        last_maintenance=TODAY,
        next_maintenance=TODAY - dt.timedelta(days=1),
    )
    _refused(m.RiskAssessment.objects.filter(assessor=teacher), probability=1.5)
    _refused(m.RiskAssessment.objects.filter(assessor=teacher), review_date=dt.date(2000, 1, 1))
    _refused(m.RiskAssessment.objects.filter(assessor=teacher), risk_level="extreme")
    _refused(m.EnvironmentalCheck.objects.filter(pe_class=world["class"]), humidity=101)
    _refused(m.EnvironmentalCheck.objects.filter(pe_class=world["class"]), air_quality=600)
    _refused(m.EnvironmentalCheck.objects.filter(pe_class=world["class"]), lighting=-1)
    observed = m.MovementPattern.objects.filter(analysis=world["analysis"])
    _refused(observed, exercise=world["exercise"])  # a pattern is a reference or observed
    _refused(observed, analysis=None)
    _refused(observed, pattern_type="flying")


def _duplicate(model, **values) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**values)


def test_unique_constraints(world, teacher):
    student, activity = world["student"], world["activity"]
    category = m.ActivityCategory.objects.first()
    _duplicate(m.ActivityCategory, name=category.name)
    _duplicate(
        m.ClassStudent,
        pe_class=world["class"],
        student=student,
        enrollment_date=TODAY,
        status="enrolled",
    )
    _duplicate(m.StudentActivityPreference, student=student, activity_type="game")
    _duplicate(m.PEActivityPreference, student=student, activity=activity)
    _duplicate(
        m.StudentActivityPerformance,
        student=student,
        activity=activity,
        performance_date=TODAY,
        score=50,
    )
    _duplicate(m.SkillProgress, student=student, activity=world["squats"])
    _duplicate(m.RoutinePerformance, routine=world["routine"], student=student)
    _duplicate(
        m.ActivityPlanActivity,
        plan=world["plan"],
        activity=activity,
        week=1,
        sequence_order=1,
    )
    _duplicate(
        m.RoutineActivity,
        routine=world["routine"],
        activity=activity,
        sequence_order=1,
        phase="main",
        duration_minutes=5,
    )
    _duplicate(
        m.MovementPattern,
        exercise=world["exercise"],
        pattern_type="squat",
        metrics={},
    )
    _duplicate(m.Activity, owner=teacher, name=activity.name, **_activity_fields())
    catalogue = m.Activity.objects.filter(owner=None).first()
    _duplicate(m.Activity, owner=None, name=catalogue.name, **_activity_fields())
    _duplicate(m.PEClass, teacher=teacher, name=world["class"].name, **_class_fields())
    student_services.student_update(student=student, email="maya@example.com")
    _duplicate(
        m.Student,
        teacher=teacher,
        first_name="Other",
        last_name="Child",
        email="maya@example.com",
        date_of_birth=student.date_of_birth,
        gender="male",
        fitness_level="beginner",
    )


def _activity_fields() -> dict:
    return {
        "activity_type": "game",
        "difficulty": "beginner",
        "equipment_required": "none",
        "duration_minutes": 10,
        "intensity": "low",
        "space": "small",
    }


def _class_fields() -> dict:
    return {
        "grade_level": "5",
        "start_date": TODAY,
        "end_date": TODAY + dt.timedelta(days=30),
    }


def test_one_primary_category_and_one_active_adaptation_per_type(world):
    activity = world["activity"]
    first, second = m.ActivityCategory.objects.all()[:2]
    m.ActivityCategoryAssociation.objects.create(
        activity=activity, category=first, primary_category=True
    )
    _duplicate(
        m.ActivityCategoryAssociation, activity=activity, category=second, primary_category=True
    )
    adaptation = world["adaptation"]
    m.ActivityAdaptation.objects.filter(pk=adaptation.pk).update(is_active=True)
    _duplicate(
        m.ActivityAdaptation,
        student=adaptation.student,
        activity=adaptation.activity,
        adaptation_type=adaptation.adaptation_type,
        adaptation_data={"summary": "again"},
        start_date=TODAY,
        is_active=True,
    )


def test_deleting_a_student_deletes_everything_about_them(world):
    student = world["student"]
    student_services.student_delete(student=student)
    for model in (
        m.ClassStudent,
        m.ActivityAdaptation,
        m.StudentActivityPreference,
        m.PEActivityPreference,
        m.AdaptationActivityPreference,
        m.RoutinePerformance,
        m.SkillAssessment,
        m.SkillProgress,
        m.StudentActivityPerformance,
        m.SafetyIncident,
        m.MovementAnalysis,
    ):
        assert not model.objects.filter(student_id=student.pk).exists(), model.__name__
    assert not m.AdaptationHistory.objects.filter(adaptation=world["adaptation"]).exists()
    assert not m.PerformanceMetric.objects.exists()
    assert not m.MovementPattern.objects.filter(analysis__isnull=False).exists()
    assert m.MovementPattern.objects.filter(exercise=world["exercise"]).exists()
    world["class"].refresh_from_db()
    assert world["class"].enrolled_count == 0  # the place went back to the class


def test_an_activity_with_a_record_cannot_be_deleted(world):
    with pytest.raises(ProtectedError):
        world["activity"].delete()
    with pytest.raises(ProtectedError):
        world["exercise"].delete()  # its analyses protect it


def test_deleting_a_plan_or_routine_takes_its_rows_with_it(world):
    plan, routine = world["plan"], world["routine"]
    plan.delete()
    assert not m.ActivityPlanActivity.objects.filter(plan_id=plan.pk).exists()
    routine.delete()
    assert not m.RoutineActivity.objects.filter(routine_id=routine.pk).exists()
    assert not m.RoutinePerformance.objects.filter(routine_id=routine.pk).exists()
    world["incident"].refresh_from_db()
    assert world["incident"].routine_id is None  # the incident stays on record
