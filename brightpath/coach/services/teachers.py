"""Being a teacher: any signed-in user may use Coach; the first use makes their profile."""

from __future__ import annotations

from zoneinfo import available_timezones

from django.db import transaction

from brightpath.coach.models import GRADE_LEVELS, TeacherProfile
from brightpath.common.errors import Invalid

TEXT_MAX = 200
SUBJECTS_MAX, SUBJECT_MAX = 20, 60
NOTIFICATION_KEYS = ("weeklyDigest", "memoryUpdates")


def teacher_ensure(*, user) -> TeacherProfile:
    """The user's teacher profile, made on their first use of Coach."""
    profile, _ = TeacherProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def teacher_update(*, user, **changes) -> TeacherProfile:
    """Change the teacher's school, department, subjects, grades, time zone or notifications.

    Keys: school, department, subjects, grade_levels, timezone, notifications."""
    teacher_ensure(user=user)
    profile = TeacherProfile.objects.select_for_update().get(user=user)
    errors: dict[str, list[str]] = {}
    for key, field in (("school", "school"), ("department", "department")):
        if key in changes:
            value = changes[key]
            if not isinstance(value, str) or len(value) > TEXT_MAX:
                errors[field] = [f"Text of at most {TEXT_MAX} characters."]
            else:
                setattr(profile, key, " ".join(value.split()))
    if "subjects" in changes:
        subjects = changes["subjects"]
        if (
            not isinstance(subjects, list)
            or len(subjects) > SUBJECTS_MAX
            or not all(isinstance(s, str) and 0 < len(s.strip()) <= SUBJECT_MAX for s in subjects)
        ):
            errors["subjects"] = [f"At most {SUBJECTS_MAX} subjects of 1-{SUBJECT_MAX} characters."]
        else:
            profile.subjects = list(dict.fromkeys(s.strip() for s in subjects))
    if "grade_levels" in changes:
        grades = changes["grade_levels"]
        if not isinstance(grades, list) or not all(g in GRADE_LEVELS for g in grades):
            errors["gradeLevels"] = [f"Each one of: {', '.join(GRADE_LEVELS)}."]
        else:
            profile.grade_levels = sorted(set(grades), key=GRADE_LEVELS.index)
    if "timezone" in changes:
        if changes["timezone"] not in available_timezones():
            errors["timezone"] = ["An IANA time zone, such as Europe/London."]
        else:
            profile.timezone = changes["timezone"]
    if "notifications" in changes:
        notes = changes["notifications"]
        if not isinstance(notes, dict) or not all(
            k in NOTIFICATION_KEYS and isinstance(v, bool) for k, v in notes.items()
        ):
            errors["notifications"] = [f"true or false for: {', '.join(NOTIFICATION_KEYS)}."]
        else:
            profile.notifications = {**profile.notifications, **notes}
    if errors:
        raise Invalid(errors)
    profile.save()
    return profile
