"""Activities (a teacher's own beside the catalogue's), their categories, exercises and
progressions, and adaptations of activities for a student's needs.

Every change of an adaptation is written to its history in the same transaction,
with the teacher's reason; an effectiveness score given with a change also moves the
student's adaptation preference for that type of activity.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from brightpath.coach.pe import shapes
from brightpath.coach.pe import vocabulary as v
from brightpath.coach.pe.models import (
    Activity,
    ActivityAdaptation,
    ActivityCategory,
    ActivityCategoryAssociation,
    ActivityProgression,
    AdaptationActivityPreference,
    AdaptationHistory,
    Exercise,
    MovementPattern,
    Student,
)
from brightpath.coach.pe.movement import MovementInputError, pattern_from_metrics
from brightpath.coach.pe.movement.landmarks import JOINTS
from brightpath.coach.pe.selectors import teacher_today
from brightpath.common.errors import Conflict, Invalid

from .common import FieldErrors, choice, dates_in_order, json_shape, number, text

UNSET: Any = object()
LEARNING_RATE = 0.3  # how far one effectiveness score moves an adaptation preference


# --- activities --------------------------------------------------------------------------


def apply_activity_fields(errors: FieldErrors, activity: Activity, values: dict) -> None:
    """Check the activity fields in `values` (model names) and set them on `activity`;
    each problem is added to `errors` under the API's name for the field."""
    if "name" in values:
        activity.name = text(errors, "name", values["name"], max_length=100, required=True)
    if "description" in values:
        activity.description = text(
            errors, "description", values["description"], max_length=500, required=False
        )
    for field, path, vocabulary in (
        ("activity_type", "activityType", v.ACTIVITY_TYPES),
        ("difficulty", "difficulty", v.DIFFICULTIES),
        ("equipment_required", "equipmentRequired", v.EQUIPMENT_LEVELS),
        ("intensity", "intensity", v.INTENSITIES),
        ("space", "space", v.SPACES),
    ):
        if field in values:
            setattr(activity, field, choice(errors, path, values[field], vocabulary))
    if "duration_minutes" in values:
        duration = values["duration_minutes"]
        if isinstance(duration, bool) or not isinstance(duration, int):
            errors.add("durationMinutes", "A whole number of minutes.")
        elif not v.DURATION_MIN <= duration <= v.DURATION_MAX:
            errors.add("durationMinutes", "Between 1 and 240 minutes.")
        activity.duration_minutes = duration
    for field, path in (("min_age", "minAge"), ("max_age", "maxAge")):
        if field in values:
            age = values[field]
            if isinstance(age, bool) or not isinstance(age, int) or not 5 <= age <= 18:
                errors.add(path, f"An age from {v.MIN_AGE} to {v.MAX_AGE}.")
            setattr(activity, field, age)
    low, high = activity.min_age, activity.max_age
    if isinstance(low, int) and isinstance(high, int) and low > high and not errors.get("maxAge"):
        errors.add("maxAge", "Must not be below the minimum age.")
    for field, path in (
        ("instructions", "instructions"),
        ("safety_guidelines", "safetyGuidelines"),
    ):
        if field in values:
            setattr(
                activity, field, text(errors, path, values[field], max_length=5000, required=False)
            )
    for field, path in (("variations", "variations"), ("benefits", "benefits")):
        if field in values:
            setattr(activity, field, json_shape(errors, path, shapes.WORDS, values[field]))
    if "activity_metadata" in values:
        metadata = json_shape(
            errors, "activityMetadata", shapes.ACTIVITY_METADATA, values["activity_metadata"]
        )
        details = metadata.get("equipmentDetails") if isinstance(metadata, dict) else None
        if isinstance(details, dict):  # equipment is named in lower case, as checks name it
            for key in ("required", "optional"):
                if isinstance(details.get(key), list):
                    details[key] = [str(name).strip().lower() for name in details[key]]
        activity.activity_metadata = metadata


def _categories(errors: FieldErrors, category_ids: list, primary_id) -> list[ActivityCategory]:
    found = {str(c.pk): c for c in ActivityCategory.objects.filter(pk__in=category_ids)}
    for index, category_id in enumerate(category_ids):
        if str(category_id) not in found:
            errors.add(f"categoryIds[{index}]", "No such category.")
    if primary_id is not None and str(primary_id) not in {str(c) for c in category_ids}:
        errors.add("primaryCategoryId", "Must be one of the activity's categories.")
    return list(found.values())


def _set_categories(activity: Activity, categories: list[ActivityCategory], primary_id) -> None:
    activity.category_links.all().delete()
    if primary_id is None and categories:
        primary_id = categories[0].pk
    ActivityCategoryAssociation.objects.bulk_create(
        ActivityCategoryAssociation(
            activity=activity,
            category=category,
            primary_category=str(category.pk) == str(primary_id),
        )
        for category in categories
    )


def _check_name_free(activity: Activity) -> None:
    taken = Activity.objects.filter(owner=activity.owner, name__iexact=activity.name)
    if activity.pk:
        taken = taken.exclude(pk=activity.pk)
    if taken.exists():
        raise Conflict("You already have an activity with this name.", code="duplicate_name")


REQUIRED_ACTIVITY_FIELDS = (
    ("name", "name"),
    ("activity_type", "activityType"),
    ("difficulty", "difficulty"),
    ("equipment_required", "equipmentRequired"),
    ("duration_minutes", "durationMinutes"),
    ("intensity", "intensity"),
    ("space", "space"),
)


@transaction.atomic
def activity_create(
    *, owner, category_ids: list | None = None, primary_category_id=None, **values
) -> Activity:
    """A teacher's own activity. values: the model's fields (name, activity_type,
    difficulty, equipment_required, duration_minutes, intensity, space, min_age, max_age,
    description, instructions, safety_guidelines, variations, benefits, activity_metadata)."""
    errors = FieldErrors()
    for field, path in REQUIRED_ACTIVITY_FIELDS:
        if values.get(field) is None:
            errors.add(path, "This field is required.")
    activity = Activity(owner=owner)
    apply_activity_fields(
        errors, activity, {k: val for k, val in values.items() if val is not None}
    )
    categories = _categories(errors, category_ids or [], primary_category_id)
    errors.raise_if_any()
    _check_name_free(activity)
    activity.save()
    _set_categories(activity, categories, primary_category_id)
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, category_ids: list | None = None, primary_category_id=None, **values
) -> Activity:
    """Change a teacher's own activity: only the fields given."""
    if activity.owner_id is None:
        raise Conflict("Catalogue activities cannot be changed.", code="catalogue_read_only")
    errors = FieldErrors()
    for field, path in REQUIRED_ACTIVITY_FIELDS:
        if field in values and values[field] is None:
            errors.add(path, "May not be empty.")
    apply_activity_fields(errors, activity, values)
    categories = None
    if category_ids is not None:
        categories = _categories(errors, category_ids, primary_category_id)
    errors.raise_if_any()
    _check_name_free(activity)
    activity.save()
    if categories is not None:
        _set_categories(activity, categories, primary_category_id)
    return activity


@transaction.atomic
def activity_archive(*, activity: Activity, archived: bool = True) -> Activity:
    """Archive (or bring back) a teacher's own activity. Archived activities leave the
    lists and cannot be planned again; what was recorded with them stays."""
    if activity.owner_id is None:
        raise Conflict("Catalogue activities cannot be changed.", code="catalogue_read_only")
    activity.is_archived = archived
    activity.save(update_fields=["is_archived", "updated_at"])
    return activity


def require_usable(activity: Activity, path: str = "activityId") -> None:
    """An archived activity can no longer be planned, run or assessed."""
    if activity.is_archived:
        raise Invalid({path: ["This activity is archived."]})


# --- progressions -----------------------------------------------------------------------


@transaction.atomic
def progression_create(
    *,
    owner,
    from_activity: Activity,
    to_activity: Activity,
    progression_type: str,
    level: str,
    requirements: dict | None = None,
    difficulty_increase: float = 0.1,
) -> ActivityProgression:
    errors = FieldErrors()
    if from_activity.pk == to_activity.pk:
        errors.add("toActivityId", "A progression leads to another activity.")
    progression = ActivityProgression(
        owner=owner,
        from_activity=from_activity,
        to_activity=to_activity,
        progression_type=choice(errors, "progressionType", progression_type, v.PROGRESSION_TYPES),
        level=choice(errors, "level", level, v.PROGRESSION_LEVELS),
        requirements=json_shape(
            errors, "requirements", shapes.PROGRESSION_REQUIREMENTS, requirements or {}
        ),
        difficulty_increase=number(errors, "difficultyIncrease", difficulty_increase, 0.0, 1.0),
    )
    errors.raise_if_any()
    if ActivityProgression.objects.filter(
        owner=owner, from_activity=from_activity, to_activity=to_activity
    ).exists():
        raise Conflict("This progression exists already.", code="duplicate_progression")
    progression.save()
    return progression


# --- adaptations ------------------------------------------------------------------------


def _snapshot(adaptation: ActivityAdaptation) -> dict:
    return {
        "adaptationType": adaptation.adaptation_type,
        "adaptationData": adaptation.adaptation_data,
        "difficultyAdjustment": adaptation.difficulty_adjustment,
        "isActive": adaptation.is_active,
        "startDate": adaptation.start_date.isoformat() if adaptation.start_date else None,
        "endDate": adaptation.end_date.isoformat() if adaptation.end_date else None,
    }


def _history(
    adaptation: ActivityAdaptation,
    change_type: str,
    previous: dict,
    reason: str,
    effectiveness: float | None,
    by,
) -> None:
    AdaptationHistory.objects.create(
        adaptation=adaptation,
        change_type=change_type,
        previous_data=previous,
        new_data=_snapshot(adaptation),
        reason=reason,
        effectiveness_score=effectiveness,
        changed_by=by,
    )
    if effectiveness is not None:
        _learn_preference(adaptation, effectiveness)


def _learn_preference(adaptation: ActivityAdaptation, effectiveness: float) -> None:
    """How well adaptations suit the student, per type of activity: an exponential
    moving average of the effectiveness scores the teacher records."""
    preference, _ = AdaptationActivityPreference.objects.select_for_update().get_or_create(
        student=adaptation.student, activity_type=adaptation.activity.activity_type
    )
    preference.preference_score = round(
        (1 - LEARNING_RATE) * preference.preference_score + LEARNING_RATE * effectiveness, 4
    )
    preference.save(update_fields=["preference_score", "updated_at"])


def _reason(errors: FieldErrors, reason: Any) -> str:
    return text(errors, "reason", reason, max_length=1000, required=True)


def _effectiveness(errors: FieldErrors, value: Any) -> float | None:
    return number(errors, "effectivenessScore", value, 0.0, 1.0, required=False)


def _date_or_none(errors: FieldErrors, path: str, value: Any) -> dt.date | None:
    if value is not None and not isinstance(value, dt.date):
        errors.add(path, "A date.")
        return None
    return value


def _clash(adaptation: ActivityAdaptation) -> None:
    if not adaptation.is_active:
        return
    active = ActivityAdaptation.objects.filter(
        student=adaptation.student,
        activity=adaptation.activity,
        adaptation_type=adaptation.adaptation_type,
        is_active=True,
    ).exclude(pk=adaptation.pk)
    if active.exists():
        raise Conflict(
            f"{adaptation.student.full_name} already has an active {adaptation.adaptation_type} "
            "adaptation of this activity: change or deactivate it.",
            code="adaptation_exists",
        )


@transaction.atomic
def adaptation_create(
    *,
    student: Student,
    activity: Activity,
    adaptation_type: str,
    adaptation_data: dict,
    by,
    reason: str = "",
    difficulty_adjustment: float = 0.0,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> ActivityAdaptation:
    """Adapt an activity for one student; the history's first entry is "created"."""
    require_usable(activity)
    errors = FieldErrors()
    start = _date_or_none(errors, "startDate", start_date) or teacher_today(student.teacher)
    adaptation = ActivityAdaptation(
        student=student,
        activity=activity,
        adaptation_type=choice(errors, "adaptationType", adaptation_type, v.ADAPTATION_TYPES),
        adaptation_data=json_shape(
            errors, "adaptationData", shapes.ADAPTATION_DATA, adaptation_data
        ),
        difficulty_adjustment=number(
            errors, "difficultyAdjustment", difficulty_adjustment, -1.0, 1.0
        ),
        start_date=start,
        end_date=_date_or_none(errors, "endDate", end_date),
        is_active=True,
    )
    dates_in_order(errors, adaptation.start_date, adaptation.end_date)
    reason = text(errors, "reason", reason, max_length=1000, required=False) or (
        "Adapted for the student's needs."
    )
    errors.raise_if_any()
    _clash(adaptation)
    adaptation.save()
    _history(adaptation, "created", {}, reason, None, by)
    return adaptation


@transaction.atomic
def adaptation_update(
    *,
    adaptation: ActivityAdaptation,
    by,
    reason: str,
    adaptation_data: dict = UNSET,
    difficulty_adjustment: float = UNSET,
    end_date: dt.date | None = UNSET,
    effectiveness_score: float | None = None,
) -> ActivityAdaptation:
    """Modify an adaptation (history: "modified", with what it was before)."""
    adaptation = ActivityAdaptation.objects.select_for_update().get(pk=adaptation.pk)
    previous = _snapshot(adaptation)
    errors = FieldErrors()
    reason = _reason(errors, reason)
    effectiveness = _effectiveness(errors, effectiveness_score)
    if adaptation_data is not UNSET:
        adaptation.adaptation_data = json_shape(
            errors, "adaptationData", shapes.ADAPTATION_DATA, adaptation_data
        )
    if difficulty_adjustment is not UNSET:
        adaptation.difficulty_adjustment = number(
            errors, "difficultyAdjustment", difficulty_adjustment, -1.0, 1.0
        )
    if end_date is not UNSET:
        adaptation.end_date = _date_or_none(errors, "endDate", end_date)
        dates_in_order(errors, adaptation.start_date, adaptation.end_date)
    errors.raise_if_any()
    adaptation.save()
    _history(adaptation, "modified", previous, reason, effectiveness, by)
    return adaptation


@transaction.atomic
def adaptation_set_active(
    *,
    adaptation: ActivityAdaptation,
    active: bool,
    by,
    reason: str,
    effectiveness_score: float | None = None,
) -> ActivityAdaptation:
    """Activate or deactivate an adaptation (history: "activated"/"deactivated")."""
    adaptation = ActivityAdaptation.objects.select_for_update().get(pk=adaptation.pk)
    errors = FieldErrors()
    reason = _reason(errors, reason)
    effectiveness = _effectiveness(errors, effectiveness_score)
    errors.raise_if_any()
    if adaptation.is_active == active:
        state = "active" if active else "inactive"
        raise Conflict(f"The adaptation is already {state}.", code="invalid_transition")
    previous = _snapshot(adaptation)
    adaptation.is_active = active
    if active:
        _clash(adaptation)
        adaptation.end_date = None
    else:
        today = teacher_today(adaptation.student.teacher)
        adaptation.end_date = max(today, adaptation.start_date)
    adaptation.save()
    _history(
        adaptation, "activated" if active else "deactivated", previous, reason, effectiveness, by
    )
    return adaptation


# --- exercises ----------------------------------------------------------------------------


@transaction.atomic
def exercise_create(
    *,
    owner,
    activity: Activity,
    name: str,
    exercise_type: str,
    difficulty: str,
    description: str = "",
    instructions: str = "",
    primary_joints: list | None = None,
    reference: dict | None = None,
) -> Exercise:
    """A teacher's own exercise of an activity, optionally with its reference movement
    pattern: {"patternType": one of PATTERN_TYPES, "description": str, "metrics": the
    movement engine's reference (movement/patterns.py)}. Without one, recordings are
    still analysed, with no comparison."""
    require_usable(activity)
    errors = FieldErrors()
    exercise = Exercise(
        owner=owner,
        activity=activity,
        name=text(errors, "name", name, max_length=100, required=True),
        description=text(errors, "description", description, max_length=2000, required=False),
        instructions=text(errors, "instructions", instructions, max_length=5000, required=False),
        exercise_type=choice(errors, "exerciseType", exercise_type, v.EXERCISE_TYPES),
        difficulty=choice(errors, "difficulty", difficulty, v.DIFFICULTIES),
        primary_joints=json_shape(
            errors, "primaryJoints", shapes.ListOf(shapes.Choice(JOINTS), 5), primary_joints or []
        ),
    )
    pattern = None
    if reference is not None:
        pattern = _reference_pattern(errors, reference)
    errors.raise_if_any()
    if Exercise.objects.filter(owner=owner, name__iexact=exercise.name).exists():
        raise Conflict("You already have an exercise with this name.", code="duplicate_name")
    exercise.save()
    if pattern is not None:
        pattern.exercise = exercise
        pattern.save()
    return exercise


def _reference_pattern(errors: FieldErrors, reference: Any) -> MovementPattern | None:
    if not isinstance(reference, dict):
        errors.add("referencePattern", "Must be an object.")
        return None
    pattern_type = choice(
        errors, "referencePattern.patternType", reference.get("patternType"), v.PATTERN_TYPES
    )
    description = text(
        errors,
        "referencePattern.description",
        reference.get("description"),
        max_length=2000,
        required=False,
    )
    metrics = reference.get("metrics")
    try:
        pattern_from_metrics(metrics)
    except MovementInputError as error:
        errors.add(f"referencePattern.{error.field or 'metrics'}", error.message)
        return None
    return MovementPattern(pattern_type=pattern_type, description=description, metrics=metrics)
