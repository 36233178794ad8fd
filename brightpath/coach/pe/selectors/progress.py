"""Assessments of a teacher's students and their skill progress."""

from django.db.models import QuerySet

from brightpath.coach.pe.models import SkillAssessment, SkillProgress, StudentActivityPerformance
from brightpath.common.selectors import get_owned_or_404, owned_by


def assessments_of(
    *, user, student_id=None, activity_id=None, status: str | None = None
) -> QuerySet[SkillAssessment]:
    assessments = owned_by(
        SkillAssessment.objects.select_related("student", "activity"),
        user,
        owner_path="student__teacher",
    )
    if student_id is not None:
        assessments = assessments.filter(student_id=student_id)
    if activity_id is not None:
        assessments = assessments.filter(activity_id=activity_id)
    if status:
        assessments = assessments.filter(status=status)
    return assessments.order_by("-assessment_date", "-created_at", "id")


def assessment_of(*, user, assessment_id) -> SkillAssessment:
    return get_owned_or_404(
        SkillAssessment.objects.select_related("student", "activity"),
        user,
        owner_path="student__teacher",
        id=assessment_id,
    )


def progress_of(*, user, student_id) -> QuerySet[SkillProgress]:
    """A student's progress at every skill (activity), last changed first."""
    return owned_by(
        SkillProgress.objects.filter(student_id=student_id).select_related("activity"),
        user,
        owner_path="student__teacher",
    ).order_by("-updated_at", "id")


def progress_one(*, user, student_id, activity_id) -> SkillProgress:
    return get_owned_or_404(
        SkillProgress.objects.select_related("activity", "student"),
        user,
        owner_path="student__teacher",
        student_id=student_id,
        activity_id=activity_id,
    )


def activity_performances_of(*, user, student_id) -> QuerySet[StudentActivityPerformance]:
    return owned_by(
        StudentActivityPerformance.objects.filter(student_id=student_id).select_related("activity"),
        user,
        owner_path="student__teacher",
    ).order_by("-performance_date", "id")
