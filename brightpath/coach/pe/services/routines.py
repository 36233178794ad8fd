"""Routines run with a class: their steps, the safety gate, and performances.

Statuses follow the seed: draft -> scheduled -> in_progress -> completed/cancelled
(a scheduled routine may also be cancelled). Steps are numbered 1, 2, ... without gaps
or duplicates, warm-ups first and cool-downs last; a timed step has a duration (the
activity's own when none is given). Steps change only before the routine starts.

**Safety gate.** A routine starts (scheduled -> in_progress) only when the safety
report for its class and activities is all "passed" (selectors.safety.safety_report):
a failed check answers 409 "safety_check_failed", a missing one 409
"safety_check_missing", with the report's items that stand in the way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from brightpath.coach.pe import shapes
from brightpath.coach.pe import vocabulary as v
from brightpath.coach.pe.models import (
    Activity,
    ActivityPlan,
    ClassStudent,
    PEClass,
    PerformanceMetric,
    Routine,
    RoutineActivity,
    RoutinePerformance,
    Student,
)
from brightpath.coach.pe.selectors import activities_visible, safety_report
from brightpath.common.errors import Conflict, Invalid

from .common import FieldErrors, json_shape, number, require_transition, text

UNSET: Any = object()
MAX_STEPS = 30
PHASE_ORDER = {phase: index for index, phase in enumerate(v.ROUTINE_PHASES)}
EDITABLE = ("draft", "scheduled")
RECORDABLE = ("in_progress", "completed")


def _resolve_steps(errors: FieldErrors, routine: Routine, steps: Any) -> list[RoutineActivity]:
    """steps: [{"activityId": uuid, "phase": "warm_up"|"main"|"cool_down",
    "durationMinutes": 1-240, "isTimed": bool (default true)}], in order."""
    if not isinstance(steps, list) or len(steps) > MAX_STEPS:
        errors.add("steps", f"A list of at most {MAX_STEPS} steps.")
        return []
    visible = activities_visible(user=routine.pe_class.teacher)
    rows: list[RoutineActivity] = []
    last_phase = 0
    for index, step in enumerate(steps):
        path = f"steps[{index}]"
        if not isinstance(step, dict):
            errors.add(path, "Must be an object naming an activity.")
            continue
        try:
            activity = visible.get(id=step.get("activityId"))
        except (Activity.DoesNotExist, ValidationError, ValueError, TypeError):
            errors.add(f"{path}.activityId", "No such activity.")
            continue
        phase = step.get("phase", "main")
        if phase not in v.ROUTINE_PHASES:
            errors.add(f"{path}.phase", f"Choose one of: {', '.join(v.ROUTINE_PHASES)}.")
            continue
        if PHASE_ORDER[phase] < last_phase:
            errors.add(
                f"{path}.phase",
                "Warm-ups come first, then the main part, then cool-downs.",
            )
        last_phase = max(last_phase, PHASE_ORDER[phase])
        timed = step.get("isTimed", True)
        if not isinstance(timed, bool):
            errors.add(f"{path}.isTimed", "Must be true or false.")
            continue
        duration = step.get("durationMinutes")
        if duration is None and timed:
            duration = activity.duration_minutes
        if duration is not None and (
            isinstance(duration, bool)
            or not isinstance(duration, int)
            or not v.DURATION_MIN <= duration <= v.DURATION_MAX
        ):
            errors.add(f"{path}.durationMinutes", "A whole number of minutes from 1 to 240.")
            continue
        rows.append(
            RoutineActivity(
                routine=routine,
                activity=activity,
                sequence_order=len(rows) + 1,
                phase=phase,
                duration_minutes=duration,
                is_timed=timed,
            )
        )
    return rows


def _check_plan(errors: FieldErrors, pe_class: PEClass, plan: ActivityPlan | None) -> None:
    if plan is not None and (plan.teacher_id != pe_class.teacher_id):
        errors.add("planId", "No such plan.")


def _future_or_none(errors: FieldErrors, value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime) or timezone.is_naive(value):
        errors.add("scheduledFor", "A date and time with its time zone.")
        return None
    return value


@transaction.atomic
def routine_create(
    *,
    pe_class: PEClass,
    name: str,
    description: str = "",
    focus_areas: dict | None = None,
    scheduled_for: dt.datetime | None = None,
    plan: ActivityPlan | None = None,
    steps: list | None = None,
) -> Routine:
    """A draft routine for a class, with its steps (nothing saved if one is bad)."""
    if pe_class.status == "completed":
        raise Conflict("This class has finished.", code="class_completed")
    errors = FieldErrors()
    _check_plan(errors, pe_class, plan)
    routine = Routine(
        pe_class=pe_class,
        plan=plan,
        name=text(errors, "name", name, max_length=200, required=True),
        description=text(errors, "description", description, max_length=5000, required=False),
        focus_areas=json_shape(errors, "focusAreas", shapes.FOCUS_AREAS, focus_areas or {}),
        scheduled_for=_future_or_none(errors, scheduled_for),
    )
    rows = _resolve_steps(errors, routine, steps or [])
    errors.raise_if_any()
    routine.save()
    RoutineActivity.objects.bulk_create(rows)
    return routine


def _locked(routine: Routine) -> Routine:
    return Routine.objects.select_for_update().select_related("pe_class").get(pk=routine.pk)


def _require_editable(routine: Routine) -> None:
    if routine.status not in EDITABLE:
        raise Conflict(
            f"This routine is {routine.status.replace('_', ' ')}: its plan can no longer change.",
            code="routine_started",
        )


@transaction.atomic
def routine_update(
    *,
    routine: Routine,
    name: str = UNSET,
    description: str = UNSET,
    focus_areas: dict = UNSET,
    scheduled_for: dt.datetime | None = UNSET,
    steps: list = UNSET,
) -> Routine:
    """Change a routine before it starts; `steps` replaces all its steps."""
    routine = _locked(routine)
    _require_editable(routine)
    errors = FieldErrors()
    if name is not UNSET:
        routine.name = text(errors, "name", name, max_length=200, required=True)
    if description is not UNSET:
        routine.description = text(
            errors, "description", description, max_length=5000, required=False
        )
    if focus_areas is not UNSET:
        routine.focus_areas = json_shape(errors, "focusAreas", shapes.FOCUS_AREAS, focus_areas)
    if scheduled_for is not UNSET:
        routine.scheduled_for = _future_or_none(errors, scheduled_for)
        if routine.status == "scheduled" and routine.scheduled_for is None:
            errors.add("scheduledFor", "A scheduled routine needs its date and time.")
    rows = None
    if steps is not UNSET:
        rows = _resolve_steps(errors, routine, steps)
        if routine.status == "scheduled" and not rows:
            errors.add("steps", "A scheduled routine needs at least one step.")
    errors.raise_if_any()
    routine.save()
    if rows is not None:
        routine.steps.all().delete()
        RoutineActivity.objects.bulk_create(rows)
    return routine


def safety_report_for(routine: Routine, day: dt.date | None = None) -> dict:
    activities = [step.activity for step in routine.steps.select_related("activity")]
    return safety_report(
        user=routine.pe_class.teacher, pe_class=routine.pe_class, activities=activities, day=day
    )


def require_safe(routine: Routine) -> None:
    """Refuse to start when a safety check failed (409 safety_check_failed) or is missing
    (409 safety_check_missing); the error carries the items in the way."""
    report = safety_report_for(routine)
    blocking = [item for item in report["items"] if item["status"] != "passed"]
    if not blocking:
        return
    failed = [item for item in blocking if item["status"] == "failed"]
    subjects = ", ".join(
        f"{item['kind'].replace('_', ' ')} ({item['subject']})" for item in blocking
    )
    if failed:
        raise Conflict(
            f"A safety check failed: {subjects}. Fix it and record a new check before starting.",
            code="safety_check_failed",
            blocking=blocking,
        )
    raise Conflict(
        f"Safety checks are missing: {subjects}. Record them before starting.",
        code="safety_check_missing",
        blocking=blocking,
    )


@transaction.atomic
def routine_transition(*, routine: Routine, status: str) -> Routine:
    routine = _locked(routine)
    require_transition("routine", routine.status, status, what="routine")
    now = timezone.now()
    if status == "scheduled":
        errors = FieldErrors()
        if routine.scheduled_for is None:
            errors.add("scheduledFor", "Give the routine a date and time before scheduling it.")
        if not routine.steps.exists():
            errors.add("steps", "Add at least one activity before scheduling the routine.")
        errors.raise_if_any()
    elif status == "in_progress":
        if routine.pe_class.status == "completed":
            raise Conflict("This class has finished.", code="class_completed")
        require_safe(routine)
        routine.started_at = now
    elif status == "completed":
        routine.completed_at = now
    routine.status = status
    routine.save()
    return routine


@transaction.atomic
def routine_delete(*, routine: Routine) -> None:
    """Delete a routine that never started; one that ran keeps its record."""
    routine = _locked(routine)
    if routine.started_at is not None:
        raise Conflict(
            "A routine that ran keeps its record and cannot be deleted.", code="routine_started"
        )
    routine.delete()


# --- performances ---------------------------------------------------------------------------


def _took_part(routine: Routine, student: Student) -> bool:
    """Enrolled in the routine's class now, or until at least the day it started."""
    enrolment = ClassStudent.objects.filter(pe_class=routine.pe_class, student=student).first()
    if enrolment is None or enrolment.status == "waitlisted":
        return False
    if enrolment.status == "enrolled":
        return True
    started = routine.started_at.date() if routine.started_at else None
    return started is not None and enrolment.withdrawn_date >= started


def _metrics(errors: FieldErrors, path: str, metrics: Any, now: dt.datetime) -> list[dict]:
    """metrics: [{"metricType": one of METRIC_TYPES, "metricValue": number,
    "metricData": {...}}]"""
    if not isinstance(metrics, list) or len(metrics) > 50:
        errors.add(path, "A list of at most 50 metrics.")
        return []
    rows = []
    for index, metric in enumerate(metrics):
        here = f"{path}[{index}]"
        if not isinstance(metric, dict):
            errors.add(here, "Must be an object.")
            continue
        metric_type = metric.get("metricType")
        if metric_type not in v.METRIC_TYPES:
            errors.add(f"{here}.metricType", f"Choose one of: {', '.join(v.METRIC_TYPES)}.")
        value = number(errors, f"{here}.metricValue", metric.get("metricValue"))
        data = json_shape(
            errors, f"{here}.metricData", shapes.METRIC_DATA, metric.get("metricData") or {}
        )
        rows.append(
            {"metric_type": metric_type, "metric_value": value, "metric_data": data, "at": now}
        )
    return rows


@transaction.atomic
def performances_record(
    *, routine: Routine, students: dict, entries: list[dict]
) -> list[RoutinePerformance]:
    """Record (or correct) how students did in a routine that started. Each entry is
    one student's whole record; all entries are saved together or none.

    entries: [{"studentId": uuid, "isCompleted": bool, "completionTime": seconds >= 0,
    "accuracyScore": 0-1, "effortScore": 0-1, "notes": str,
    "performanceData": {...}, "metrics": [...]}]; `students` maps the ids the teacher
    may name to their Student rows.
    """
    routine = _locked(routine)
    if routine.status not in RECORDABLE:
        raise Conflict(
            "Record performances once the routine has started.", code="routine_not_started"
        )
    errors = FieldErrors()
    if not isinstance(entries, list) or not 1 <= len(entries) <= 60:
        raise Invalid({"performances": ["Give 1 to 60 students' performances."]})
    now = timezone.now()
    planned: list[tuple[Student, dict, list[dict]]] = []
    seen = set()
    for index, entry in enumerate(entries):
        path = f"performances[{index}]"
        student = students.get(str(entry.get("studentId")))
        if student is None or not _took_part(routine, student):
            errors.add(f"{path}.studentId", "Not a student of this class.")
            continue
        if student.pk in seen:
            errors.add(f"{path}.studentId", "This student is given twice.")
            continue
        seen.add(student.pk)
        completed = entry.get("isCompleted", False)
        if not isinstance(completed, bool):
            errors.add(f"{path}.isCompleted", "Must be true or false.")
        values = {
            "is_completed": completed,
            "completion_time": number(
                errors,
                f"{path}.completionTime",
                entry.get("completionTime"),
                0,
                86400,
                required=False,
            ),
            "accuracy_score": number(
                errors, f"{path}.accuracyScore", entry.get("accuracyScore"), 0, 1, required=False
            ),
            "effort_score": number(
                errors, f"{path}.effortScore", entry.get("effortScore"), 0, 1, required=False
            ),
            "notes": text(
                errors, f"{path}.notes", entry.get("notes"), max_length=2000, required=False
            ),
            "performance_data": json_shape(
                errors,
                f"{path}.performanceData",
                shapes.PERFORMANCE_DATA,
                entry.get("performanceData") or {},
            ),
        }
        metrics = _metrics(errors, f"{path}.metrics", entry.get("metrics") or [], now)
        planned.append((student, values, metrics))
    errors.raise_if_any()
    saved = []
    for student, values, metrics in planned:
        performance, _ = RoutinePerformance.objects.update_or_create(
            routine=routine, student=student, defaults=values
        )
        performance.metrics.all().delete()
        PerformanceMetric.objects.bulk_create(
            PerformanceMetric(
                performance=performance,
                metric_type=m["metric_type"],
                metric_value=m["metric_value"],
                metric_data=m["metric_data"],
                recorded_at=m["at"],
            )
            for m in metrics
        )
        saved.append(performance)
    return saved
