"""Unit plans: a class's (or one student's) plan with a week-by-week sequence.

Week 1 starts on the plan's start date; a plan of N days has ceil(N / 7) weeks. Each
week's activities are numbered 1, 2, ... without gaps. A scheduled date, when given,
falls within its week and within the plan (seed: "activity dates must fall within the
plan date range"). Objectives and assessment criteria are required (seed); the
criteria are a rubric whose weights sum to 1.

Statuses: draft -> active -> completed, and draft/active -> cancelled (seed's values;
the transitions are vocabulary.PLAN_TRANSITIONS). A plan's activities go from
scheduled to completed, cancelled or skipped while the plan is active. Completing a
plan marks what is still scheduled as skipped; cancelling it, as cancelled.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from brightpath.coach.pe import shapes
from brightpath.coach.pe.models import (
    Activity,
    ActivityPlan,
    ActivityPlanActivity,
    PEClass,
    Student,
)
from brightpath.coach.pe.selectors import activities_visible
from brightpath.common.errors import Conflict, Invalid

from .common import FieldErrors, dates_in_order, json_shape, require_transition, text

UNSET: Any = object()
MAX_PER_WEEK = 20
MAX_WEEKS = 52
EDITABLE = ("draft", "active")


def week_bounds(plan: ActivityPlan, week: int) -> tuple[dt.date, dt.date]:
    start = plan.start_date + dt.timedelta(days=7 * (week - 1))
    return start, min(start + dt.timedelta(days=6), plan.end_date)


def _check_dates(errors: FieldErrors, start: Any, end: Any) -> None:
    for path, value in (("startDate", start), ("endDate", end)):
        if not isinstance(value, dt.date):
            errors.add(path, "This field is required.")
    if isinstance(start, dt.date) and isinstance(end, dt.date):
        dates_in_order(errors, start, end)
        if not errors.get("endDate") and (end - start).days // 7 + 1 > MAX_WEEKS:
            errors.add("endDate", f"A plan lasts at most {MAX_WEEKS} weeks.")


def _check_owner_of(errors: FieldErrors, teacher, pe_class, student) -> None:
    if pe_class is None and student is None:
        errors.add("classId", "A plan is for a class or a student.")
    if pe_class is not None and pe_class.teacher_id != teacher.pk:
        errors.add("classId", "No such class.")
    if student is not None and student.teacher_id != teacher.pk:
        errors.add("studentId", "No such student.")


def _resolve_sequence(
    errors: FieldErrors, plan: ActivityPlan, weeks: Any, path: str = "weeks"
) -> list[ActivityPlanActivity]:
    """The rows a week-by-week sequence makes, or errors naming each bad entry.

    weeks: [{"week": 1.., "activities": [{"activityId": uuid, "scheduledDate":
    "YYYY-MM-DD" (optional), "notes": str (optional)}]}]
    """
    if not isinstance(weeks, list):
        errors.add(path, "Must be a list of weeks.")
        return []
    visible = activities_visible(user=plan.teacher)
    rows: list[ActivityPlanActivity] = []
    seen: set[int] = set()
    for w_index, entry in enumerate(weeks):
        here = f"{path}[{w_index}]"
        if not isinstance(entry, dict):
            errors.add(here, "Must be an object with a week and its activities.")
            continue
        week = entry.get("week")
        if isinstance(week, bool) or not isinstance(week, int) or not 1 <= week <= plan.weeks:
            errors.add(f"{here}.week", f"A week from 1 to {plan.weeks}.")
            continue
        if week in seen:
            errors.add(f"{here}.week", f"Week {week} is given twice.")
            continue
        seen.add(week)
        items = entry.get("activities")
        if not isinstance(items, list) or len(items) > MAX_PER_WEEK:
            errors.add(f"{here}.activities", f"A list of at most {MAX_PER_WEEK} activities.")
            continue
        for order, item in enumerate(items, start=1):
            row = _resolve_entry(
                errors, plan, visible, week, order, item, f"{here}.activities[{order - 1}]"
            )
            if row is not None:
                rows.append(row)
    return rows


def _resolve_entry(errors, plan, visible, week, order, item, path) -> ActivityPlanActivity | None:
    if not isinstance(item, dict):
        errors.add(path, "Must be an object naming an activity.")
        return None
    activity = _activity(errors, visible, item.get("activityId"), _at(path, "activityId"))
    day = _scheduled_date(errors, plan, week, item.get("scheduledDate"), _at(path, "scheduledDate"))
    notes = text(errors, _at(path, "notes"), item.get("notes"), max_length=1000, required=False)
    if activity is None:
        return None
    return ActivityPlanActivity(
        plan=plan,
        activity=activity,
        week=week,
        sequence_order=order,
        scheduled_date=day,
        notes=notes,
    )


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _activity(errors: FieldErrors, visible, activity_id, path: str) -> Activity | None:
    try:
        activity = visible.get(id=activity_id)
    except (Activity.DoesNotExist, ValidationError, ValueError, TypeError):
        errors.add(path, "No such activity.")
        return None
    return activity


def _scheduled_date(errors, plan, week, value, path) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            errors.add(path, "Use a date such as 2026-01-05.")
            return None
    if not isinstance(value, dt.date):
        errors.add(path, "Use a date such as 2026-01-05.")
        return None
    first, last = week_bounds(plan, week)
    if not plan.start_date <= value <= plan.end_date:
        errors.add(path, f"Must fall within the plan ({plan.start_date} to {plan.end_date}).")
    elif not first <= value <= last:
        errors.add(path, f"Week {week} runs from {first} to {last}.")
    return value


@transaction.atomic
def plan_create(
    *,
    teacher,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    objectives: dict,
    assessment_criteria: dict | None = None,
    pe_class: PEClass | None = None,
    student: Student | None = None,
    description: str = "",
    adaptations: list | None = None,
    progress_tracking: dict | None = None,
    notes: str = "",
    weeks: list | None = None,
) -> ActivityPlan:
    """A draft plan with its sequence, all at once: one bad entry saves nothing.
    Without assessment criteria the default rubric (technique 0.4, performance 0.6) is used."""
    errors = FieldErrors()
    _check_owner_of(errors, teacher, pe_class, student)
    _check_dates(errors, start_date, end_date)
    plan = ActivityPlan(
        teacher=teacher,
        pe_class=pe_class,
        student=student,
        name=text(errors, "name", name, max_length=200, required=True),
        description=text(errors, "description", description, max_length=5000, required=False),
        start_date=start_date,
        end_date=end_date,
        objectives=json_shape(errors, "objectives", shapes.OBJECTIVES, objectives),
        assessment_criteria=json_shape(
            errors,
            "assessmentCriteria",
            shapes.RUBRIC,
            copy.deepcopy(shapes.DEFAULT_RUBRIC)
            if assessment_criteria is None
            else assessment_criteria,
        ),
        adaptations=json_shape(errors, "adaptations", shapes.PLAN_ADAPTATIONS, adaptations or []),
        progress_tracking=json_shape(
            errors, "progressTracking", shapes.PROGRESS_TRACKING, progress_tracking or {}
        ),
        notes=text(errors, "notes", notes, max_length=5000, required=False),
    )
    rows = []
    if not errors.get("startDate") and not errors.get("endDate"):
        rows = _resolve_sequence(errors, plan, weeks or [])
    errors.raise_if_any()
    plan.save()
    ActivityPlanActivity.objects.bulk_create(rows)
    return plan


def _locked(plan: ActivityPlan) -> ActivityPlan:
    return ActivityPlan.objects.select_for_update().get(pk=plan.pk)


def _require_editable(plan: ActivityPlan) -> None:
    if plan.status not in EDITABLE:
        raise Conflict(f"This plan is {plan.status}: it can no longer change.", code="plan_closed")


@transaction.atomic
def plan_update(
    *,
    plan: ActivityPlan,
    name: str = UNSET,
    description: str = UNSET,
    start_date: dt.date = UNSET,
    end_date: dt.date = UNSET,
    objectives: dict = UNSET,
    assessment_criteria: dict = UNSET,
    adaptations: list = UNSET,
    progress_tracking: dict = UNSET,
    notes: str = UNSET,
) -> ActivityPlan:
    """Change a draft or active plan. New dates must still hold every week and scheduled
    date of its sequence."""
    plan = _locked(plan)
    _require_editable(plan)
    errors = FieldErrors()
    if name is not UNSET:
        plan.name = text(errors, "name", name, max_length=200, required=True)
    if description is not UNSET:
        plan.description = text(errors, "description", description, max_length=5000, required=False)
    if start_date is not UNSET:
        plan.start_date = start_date
    if end_date is not UNSET:
        plan.end_date = end_date
    _check_dates(errors, plan.start_date, plan.end_date)
    if objectives is not UNSET:
        plan.objectives = json_shape(errors, "objectives", shapes.OBJECTIVES, objectives)
    if assessment_criteria is not UNSET:
        plan.assessment_criteria = json_shape(
            errors, "assessmentCriteria", shapes.RUBRIC, assessment_criteria
        )
    if adaptations is not UNSET:
        plan.adaptations = json_shape(errors, "adaptations", shapes.PLAN_ADAPTATIONS, adaptations)
    if progress_tracking is not UNSET:
        plan.progress_tracking = json_shape(
            errors, "progressTracking", shapes.PROGRESS_TRACKING, progress_tracking
        )
    if notes is not UNSET:
        plan.notes = text(errors, "notes", notes, max_length=5000, required=False)
    if not errors.get("startDate") and not errors.get("endDate"):
        _check_sequence_fits(errors, plan)
    errors.raise_if_any()
    plan.save()
    return plan


def _check_sequence_fits(errors: FieldErrors, plan: ActivityPlan) -> None:
    for row in plan.sequence.all():
        if row.week > plan.weeks:
            errors.add("endDate", f"Week {row.week} of the sequence would fall outside the plan.")
            return
        if row.scheduled_date is not None:
            first, last = week_bounds(plan, row.week)
            if not first <= row.scheduled_date <= last:
                errors.add(
                    "startDate",
                    f"An activity scheduled on {row.scheduled_date} would leave week {row.week}.",
                )
                return


@transaction.atomic
def plan_sequence_set(*, plan: ActivityPlan, weeks: list) -> ActivityPlan:
    """Replace a draft plan's whole sequence (nothing changes if an entry is bad)."""
    plan = _locked(plan)
    if plan.status != "draft":
        raise Conflict(
            "Only a draft plan's sequence can be replaced; add or remove single activities "
            "of an active plan.",
            code="plan_not_draft",
        )
    errors = FieldErrors()
    rows = _resolve_sequence(errors, plan, weeks)
    errors.raise_if_any()
    plan.sequence.all().delete()
    ActivityPlanActivity.objects.bulk_create(rows)
    return plan


@transaction.atomic
def plan_activity_add(
    *,
    plan: ActivityPlan,
    activity_id,
    week: int,
    scheduled_date: dt.date | None = None,
    notes: str = "",
) -> ActivityPlanActivity:
    """Add an activity at the end of a week of a draft or active plan."""
    plan = _locked(plan)
    _require_editable(plan)
    errors = FieldErrors()
    if isinstance(week, bool) or not isinstance(week, int) or not 1 <= week <= plan.weeks:
        errors.add("week", f"A week from 1 to {plan.weeks}.")
        errors.raise_if_any()
    count = plan.sequence.filter(week=week).count()
    if count >= MAX_PER_WEEK:
        errors.add("week", f"A week holds at most {MAX_PER_WEEK} activities.")
    last = plan.sequence.filter(week=week).aggregate(last=Max("sequence_order"))["last"] or 0
    row = _resolve_entry(
        errors,
        plan,
        activities_visible(user=plan.teacher),
        week,
        last + 1,
        {"activityId": activity_id, "scheduledDate": scheduled_date, "notes": notes},
        "",
    )
    errors.raise_if_any()
    row.save()
    return row


@transaction.atomic
def plan_activity_remove(*, plan_activity: ActivityPlanActivity) -> None:
    """Take a still-scheduled activity out of a draft or active plan; the week's later
    activities move up one place."""
    plan = _locked(plan_activity.plan)
    _require_editable(plan)
    if plan_activity.status != "scheduled":
        raise Conflict(
            f"This activity is {plan_activity.status}: it stays in the plan's record.",
            code="plan_activity_done",
        )
    week, order = plan_activity.week, plan_activity.sequence_order
    plan_activity.delete()
    # Renumber one row at a time, upwards, so (week, order) stays unique at every step.
    for row in plan.sequence.filter(week=week, sequence_order__gt=order).order_by("sequence_order"):
        row.sequence_order -= 1
        row.save(update_fields=["sequence_order", "updated_at"])


@transaction.atomic
def plan_activity_transition(
    *, plan_activity: ActivityPlanActivity, status: str
) -> ActivityPlanActivity:
    """scheduled -> completed / cancelled / skipped, in an active plan."""
    plan = _locked(plan_activity.plan)
    row = ActivityPlanActivity.objects.select_for_update().get(pk=plan_activity.pk)
    require_transition("plan_activity", row.status, status, what="planned activity")
    if plan.status != "active":
        raise Conflict(
            f"The plan is {plan.status}: activate it before marking its activities.",
            code="plan_not_active",
        )
    row.status = status
    row.save(update_fields=["status", "updated_at"])
    return row


@transaction.atomic
def plan_transition(*, plan: ActivityPlan, status: str) -> ActivityPlan:
    plan = _locked(plan)
    require_transition("plan", plan.status, status, what="plan")
    if status == "active" and not plan.sequence.exists():
        raise Invalid({"weeks": ["Add at least one activity before activating the plan."]})
    plan.status = status
    plan.save(update_fields=["status", "updated_at"])
    leftover = {"completed": "skipped", "cancelled": "cancelled"}.get(status)
    if leftover:
        plan.sequence.filter(status="scheduled").update(status=leftover)
    return plan


@transaction.atomic
def plan_delete(*, plan: ActivityPlan) -> None:
    """Delete a draft plan; a plan that went active is kept (cancel it instead)."""
    plan = _locked(plan)
    if plan.status != "draft":
        raise Conflict(
            "Only a draft plan can be deleted; cancel an active one.", code="plan_not_draft"
        )
    plan.delete()
