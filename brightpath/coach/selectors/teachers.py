"""A teacher's profile (the teacher role of a platform user)."""

from __future__ import annotations

from brightpath.coach.models import TeacherProfile


def teacher_profile_of(*, user) -> TeacherProfile | None:
    return TeacherProfile.objects.filter(user=user).first()
