"""A subject plan in the questionnaire's format (section 4): its validated shape,
whether it fits a child's homeschool day, and a stored plan written back in it."""

from typing import NotRequired, TypedDict

from brightpath.common.times import clock, minutes

from .models import Subject


class FixedTime(TypedDict):
    required: bool
    preferredTime: str | None  # "HH:MM"


class SubjectAnswer(TypedDict):
    """A validated subject plan, as QuestionnaireSubjectSerializer returns it."""

    name: str
    isCoreSubject: bool
    sessionDuration: int  # minutes, on the 5-minute grid
    frequency: str
    parentInvolvement: str
    fixedTime: FixedTime
    interestLevel: int  # 1-5
    id: NotRequired[str]
    metadata: NotRequired[dict]


def subject_fit_errors(subject: dict, start: str, end: str) -> dict[str, list[str]]:
    """Why a subject cannot fit in a child's homeschool hours start-end, by field."""
    errors: dict[str, list[str]] = {}
    day_minutes = minutes(end) - minutes(start)
    duration = subject["sessionDuration"]
    if duration > day_minutes:
        errors["sessionDuration"] = [
            f"{duration} minutes is longer than the homeschool day "
            f"({start}-{end}, {day_minutes} minutes)."
        ]
    preferred = subject["fixedTime"]["preferredTime"]
    if (
        subject["fixedTime"]["required"]
        and preferred
        and not minutes(start) <= minutes(preferred) <= minutes(end) - duration
    ):
        errors["fixedTime.preferredTime"] = [
            f"A {duration}-minute session at {preferred} does not fit in the homeschool hours "
            f"{start}-{end}; it must start between {start} and {clock(minutes(end) - duration)}."
        ]
    return errors


def subject_as_submitted(row: Subject) -> dict:
    """A stored subject plan in the questionnaire's format."""
    return {
        "id": str(row.pk),
        "name": row.name,
        "isCoreSubject": row.is_core_subject,
        "sessionDuration": row.session_duration,
        "frequency": row.frequency,
        "parentInvolvement": row.parent_involvement,
        "fixedTime": {
            "required": row.fixed_time_required,
            "preferredTime": row.preferred_time.strftime("%H:%M") if row.preferred_time else None,
        },
        "interestLevel": row.interest_level,
        **({"metadata": row.metadata} if row.metadata else {}),
    }
