"""A teacher's classes and enrolments.

A class holds at most `capacity` enrolled students (at most 50). Enrolling into a
full class puts the student on its waitlist; when a place frees up (a withdrawal,
a larger capacity) the first on the waitlist moves up. Every change of enrolment
locks the class row first, so two requests at once cannot over-fill it, and the
database's CHECK on `enrolled_count` backs that up. Enrolments are never deleted
by a withdrawal: the row stays with its dates (historical enrolment data).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from brightpath.coach.pe import shapes
from brightpath.coach.pe import vocabulary as v
from brightpath.coach.pe.models import ClassStudent, PEClass, Student
from brightpath.coach.pe.selectors import teacher_today
from brightpath.common.errors import Conflict, Invalid

from .common import FieldErrors, choice, dates_in_order, json_shape, require_transition, text

UNSET: Any = object()


def _check_capacity(errors: FieldErrors, capacity: Any) -> int:
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        errors.add("capacity", "A whole number.")
        return 0
    if not 1 <= capacity <= v.CLASS_SIZE_MAX:
        errors.add("capacity", f"A class holds 1 to {v.CLASS_SIZE_MAX} students.")
    return capacity


def _check_name_free(pe_class: PEClass) -> None:
    taken = PEClass.objects.filter(teacher=pe_class.teacher, name__iexact=pe_class.name)
    if pe_class.pk:
        taken = taken.exclude(pk=pe_class.pk)
    if taken.exists():
        raise Conflict("You already have a class with this name.", code="duplicate_name")


def _required_date(errors: FieldErrors, path: str, value: Any) -> dt.date | None:
    if not isinstance(value, dt.date):
        errors.add(path, "This field is required.")
        return None
    return value


@transaction.atomic
def class_create(
    *,
    teacher,
    name: str,
    grade_level: str,
    start_date: dt.date,
    end_date: dt.date,
    capacity: int = 30,
    description: str = "",
    location: str = "",
    schedule: dict | None = None,
) -> PEClass:
    errors = FieldErrors()
    pe_class = PEClass(
        teacher=teacher,
        name=text(errors, "name", name, max_length=v.CLASS_NAME_MAX, required=True),
        grade_level=choice(errors, "gradeLevel", grade_level, v.GRADE_LEVELS),
        capacity=_check_capacity(errors, capacity),
        description=text(errors, "description", description, max_length=2000, required=False),
        location=text(errors, "location", location, max_length=100, required=False),
        schedule=json_shape(errors, "schedule", shapes.CLASS_SCHEDULE, schedule or {}),
        start_date=_required_date(errors, "startDate", start_date),
        end_date=_required_date(errors, "endDate", end_date),
    )
    dates_in_order(errors, pe_class.start_date, pe_class.end_date, strict=True)
    errors.raise_if_any()
    _check_name_free(pe_class)
    pe_class.save()
    return pe_class


@transaction.atomic
def class_update(
    *,
    pe_class: PEClass,
    name: str = UNSET,
    grade_level: str = UNSET,
    start_date: dt.date = UNSET,
    end_date: dt.date = UNSET,
    capacity: int = UNSET,
    description: str = UNSET,
    location: str = UNSET,
    schedule: dict = UNSET,
) -> PEClass:
    """Change the fields given. A capacity below the enrolled count is refused; a larger
    one moves students up from the waitlist."""
    pe_class = _locked(pe_class)
    errors = FieldErrors()
    if name is not UNSET:
        pe_class.name = text(errors, "name", name, max_length=v.CLASS_NAME_MAX, required=True)
    if grade_level is not UNSET:
        pe_class.grade_level = choice(errors, "gradeLevel", grade_level, v.GRADE_LEVELS)
    if start_date is not UNSET:
        pe_class.start_date = _required_date(errors, "startDate", start_date)
    if end_date is not UNSET:
        pe_class.end_date = _required_date(errors, "endDate", end_date)
    if description is not UNSET:
        pe_class.description = text(
            errors, "description", description, max_length=2000, required=False
        )
    if location is not UNSET:
        pe_class.location = text(errors, "location", location, max_length=100, required=False)
    if schedule is not UNSET:
        pe_class.schedule = json_shape(errors, "schedule", shapes.CLASS_SCHEDULE, schedule)
    if capacity is not UNSET:
        pe_class.capacity = _check_capacity(errors, capacity)
        if not errors.get("capacity") and pe_class.capacity < pe_class.enrolled_count:
            errors.add(
                "capacity",
                f"{pe_class.enrolled_count} students are enrolled: withdraw some first.",
            )
    dates_in_order(errors, pe_class.start_date, pe_class.end_date, strict=True)
    errors.raise_if_any()
    _check_name_free(pe_class)
    pe_class.save()
    _fill_from_waitlist(pe_class)
    return pe_class


@transaction.atomic
def class_transition(*, pe_class: PEClass, status: str) -> PEClass:
    """planned -> active -> completed (seed)."""
    pe_class = _locked(pe_class)
    require_transition("class", pe_class.status, status, what="class")
    pe_class.status = status
    pe_class.save(update_fields=["status", "updated_at"])
    return pe_class


@transaction.atomic
def class_delete(*, pe_class: PEClass) -> None:
    """Delete a class still being planned. A class that ran keeps its history: its
    routines, performances, checks and enrolments stay (409 "class_has_history")."""
    pe_class = _locked(pe_class)
    if pe_class.status != "planned":
        raise Conflict(
            "A class that has started keeps its history and cannot be deleted.",
            code="class_has_history",
        )
    pe_class.delete()


# --- enrolment ----------------------------------------------------------------------------


def _locked(pe_class: PEClass) -> PEClass:
    return PEClass.objects.select_for_update().get(pk=pe_class.pk)


@transaction.atomic
def enrolment_add(*, pe_class: PEClass, student: Student) -> ClassStudent:
    """Enrol a student of the same teacher, or put them on the waitlist when the class
    is full. Someone who left before is enrolled again on the same row."""
    pe_class = _locked(pe_class)
    if student.teacher_id != pe_class.teacher_id:
        raise Invalid({"studentId": ["No such student."]})
    if pe_class.status == "completed":
        raise Conflict("This class has finished.", code="class_completed")
    today = teacher_today(pe_class.teacher)
    enrolment = ClassStudent.objects.filter(pe_class=pe_class, student=student).first()
    if enrolment is not None and enrolment.status != "withdrawn":
        raise Conflict(
            f"{student.full_name} is already {enrolment.status} in this class.",
            code="already_enrolled",
        )
    status = "enrolled" if pe_class.enrolled_count < pe_class.capacity else "waitlisted"
    if enrolment is None:
        enrolment = ClassStudent(pe_class=pe_class, student=student)
    enrolment.status = status
    enrolment.enrollment_date = today
    enrolment.withdrawn_date = None
    try:
        with transaction.atomic():
            enrolment.save()
            if status == "enrolled":
                _count(pe_class, +1)
    except IntegrityError as exc:  # the CHECK on enrolled_count: never past capacity
        raise Conflict("The class is full.", code="class_full") from exc
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, enrolment: ClassStudent) -> ClassStudent:
    """A student leaves a class (or its waitlist); their place goes to the waitlist."""
    pe_class = _locked(enrolment.pe_class)
    enrolment = ClassStudent.objects.select_for_update().get(pk=enrolment.pk)
    require_transition("enrolment", enrolment.status, "withdrawn", what="enrolment")
    was_enrolled = enrolment.status == "enrolled"
    enrolment.status = "withdrawn"
    enrolment.withdrawn_date = teacher_today(pe_class.teacher)
    enrolment.save(update_fields=["status", "withdrawn_date", "updated_at"])
    if was_enrolled:
        _count(pe_class, -1)
        pe_class.refresh_from_db(fields=["enrolled_count"])
        _fill_from_waitlist(pe_class)
    return enrolment


def _count(pe_class: PEClass, change: int) -> None:
    PEClass.objects.filter(pk=pe_class.pk).update(enrolled_count=F("enrolled_count") + change)


def _fill_from_waitlist(pe_class: PEClass) -> None:
    """Move the first waitlisted students up while there is room (class row locked)."""
    room = pe_class.capacity - pe_class.enrolled_count
    if room <= 0:
        return
    waiting = list(
        ClassStudent.objects.filter(pe_class=pe_class, status="waitlisted").order_by(
            "enrollment_date", "created_at"
        )[:room]
    )
    for enrolment in waiting:
        enrolment.status = "enrolled"
        enrolment.save(update_fields=["status", "updated_at"])
    if waiting:
        _count(pe_class, len(waiting))
        pe_class.refresh_from_db(fields=["enrolled_count"])


def enrolled_student_ids(pe_class: PEClass) -> set:
    return set(
        ClassStudent.objects.filter(pe_class=pe_class, status="enrolled").values_list(
            "student_id", flat=True
        )
    )
