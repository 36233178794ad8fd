"""A teacher's students: their profile (with private medical notes and accommodations)
and their activity preferences.

A student is 5 to 18 years old on the day they are added or changed (in the
teacher's time zone). Deleting a student deletes everything about them (seed).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from brightpath.coach.pe import shapes
from brightpath.coach.pe import vocabulary as v
from brightpath.coach.pe.models import (
    Activity,
    PEActivityPreference,
    Student,
    StudentActivityPreference,
)
from brightpath.coach.pe.selectors import activities_visible, teacher_today
from brightpath.common.errors import Conflict

from .classes import enrolment_withdraw
from .common import FieldErrors, choice, json_shape, number, text

UNSET: Any = object()
EMAIL_MAX = 254


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _check_birth(errors: FieldErrors, birth: Any, today: dt.date) -> None:
    if not isinstance(birth, dt.date):
        errors.add("dateOfBirth", "This field is required.")
        return
    age = _age_on(birth, today)
    if not v.MIN_AGE <= age <= v.MAX_AGE:
        errors.add(
            "dateOfBirth", f"Students are {v.MIN_AGE} to {v.MAX_AGE} years old (this is {age})."
        )


def _email(errors: FieldErrors, value: Any) -> str:
    value = text(errors, "email", value, max_length=EMAIL_MAX, required=False).lower()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            errors.add("email", "Enter a valid e-mail address.")
    return value


def _check_email_free(teacher, email: str, exclude=None) -> None:
    if not email:
        return
    taken = Student.objects.filter(teacher=teacher, email=email)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise Conflict(
            "You already have a student with this e-mail address.", code="duplicate_email"
        )


@transaction.atomic
def student_create(
    *,
    teacher,
    first_name: str,
    last_name: str,
    date_of_birth: dt.date,
    gender: str,
    fitness_level: str = "beginner",
    email: str = "",
    medical_notes: str = "",
    accommodations: list | None = None,
) -> Student:
    errors = FieldErrors()
    student = Student(
        teacher=teacher,
        first_name=text(errors, "firstName", first_name, max_length=v.NAME_MAX, required=True),
        last_name=text(errors, "lastName", last_name, max_length=v.NAME_MAX, required=True),
        email=_email(errors, email),
        date_of_birth=date_of_birth,
        gender=choice(errors, "gender", gender, v.GENDERS),
        fitness_level=choice(errors, "fitnessLevel", fitness_level, v.FITNESS_LEVELS),
        medical_notes=text(
            errors, "medicalNotes", medical_notes, max_length=v.MEDICAL_NOTES_MAX, required=False
        ),
        accommodations=json_shape(
            errors, "accommodations", shapes.ACCOMMODATIONS, accommodations or []
        ),
    )
    _check_birth(errors, date_of_birth, teacher_today(teacher))
    errors.raise_if_any()
    _check_email_free(teacher, student.email)
    student.save()
    return student


@transaction.atomic
def student_update(
    *,
    student: Student,
    first_name: str = UNSET,
    last_name: str = UNSET,
    date_of_birth: dt.date = UNSET,
    gender: str = UNSET,
    fitness_level: str = UNSET,
    email: str = UNSET,
    medical_notes: str = UNSET,
    accommodations: list = UNSET,
) -> Student:
    """Change the fields given; the rest stay."""
    errors = FieldErrors()
    if first_name is not UNSET:
        student.first_name = text(
            errors, "firstName", first_name, max_length=v.NAME_MAX, required=True
        )
    if last_name is not UNSET:
        student.last_name = text(
            errors, "lastName", last_name, max_length=v.NAME_MAX, required=True
        )
    if date_of_birth is not UNSET:
        _check_birth(errors, date_of_birth, teacher_today(student.teacher))
        student.date_of_birth = date_of_birth
    if gender is not UNSET:
        student.gender = choice(errors, "gender", gender, v.GENDERS)
    if fitness_level is not UNSET:
        student.fitness_level = choice(errors, "fitnessLevel", fitness_level, v.FITNESS_LEVELS)
    if email is not UNSET:
        student.email = _email(errors, email)
    if medical_notes is not UNSET:
        student.medical_notes = text(
            errors, "medicalNotes", medical_notes, max_length=v.MEDICAL_NOTES_MAX, required=False
        )
    if accommodations is not UNSET:
        student.accommodations = json_shape(
            errors, "accommodations", shapes.ACCOMMODATIONS, accommodations
        )
    errors.raise_if_any()
    _check_email_free(student.teacher, student.email, exclude=student)
    student.save()
    return student


@transaction.atomic
def student_delete(*, student: Student) -> None:
    """Delete a student and everything about them. Their enrolments go too, so the
    classes they were in get the places back (the first on each waitlist moves up)."""
    for enrolment in student.enrolments.filter(status="enrolled").select_related("pe_class"):
        enrolment_withdraw(enrolment=enrolment)
    student.delete()


@transaction.atomic
def preferences_set(
    *,
    student: Student,
    type_scores: dict[str, float] | None = None,
    activities: list[dict] | None = None,
) -> Student:
    """Set a student's preferences: a 0-1 score per activity type, and for single
    activities a level 1-5 (with a score, notes and metadata). Only what is given changes.

    activities: [{"activityId": uuid, "preferenceLevel": 1-5, "preferenceScore": 0-1
    (default from the level), "notes": str, "metadata": {...}}]: activities of the
    catalogue or the teacher's own.
    """
    visible_activities = activities_visible(user=student.teacher, include_archived=True)
    errors = FieldErrors()
    scores: dict[str, float] = {}
    for activity_type, score in (type_scores or {}).items():
        path = f"activityTypes.{activity_type}"
        choice(errors, path, activity_type, v.ACTIVITY_TYPES)
        value = number(errors, path, score, 0.0, 1.0)
        if value is not None:
            scores[activity_type] = value
    rows: list[tuple[Activity, dict]] = []
    for index, entry in enumerate(activities or []):
        path = f"activities[{index}]"
        activity = None
        try:
            activity = visible_activities.get(id=entry.get("activityId"))
        except (Activity.DoesNotExist, ValidationError, ValueError, TypeError):
            errors.add(f"{path}.activityId", "No such activity.")
        level = entry.get("preferenceLevel")
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            errors.add(f"{path}.preferenceLevel", "A whole number from 1 to 5.")
            continue
        score = entry.get("preferenceScore")
        if score is None:
            score = (level - 1) / 4
        else:
            score = number(errors, f"{path}.preferenceScore", score, 0, 1)
        notes = text(errors, f"{path}.notes", entry.get("notes"), max_length=500, required=False)
        metadata = json_shape(
            errors, f"{path}.metadata", shapes.PREFERENCE_METADATA, entry.get("metadata") or {}
        )
        if activity is not None:
            rows.append(
                (
                    activity,
                    {
                        "preference_level": level,
                        "preference_score": score,
                        "notes": notes,
                        "metadata": metadata,
                    },
                )
            )
    errors.raise_if_any()
    for activity_type, score in scores.items():
        StudentActivityPreference.objects.update_or_create(
            student=student, activity_type=activity_type, defaults={"preference_score": score}
        )
    for activity, values in rows:
        PEActivityPreference.objects.update_or_create(
            student=student, activity=activity, defaults=values
        )
    return student
