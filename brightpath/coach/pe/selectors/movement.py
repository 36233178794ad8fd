"""Movement analyses of a teacher's students."""

from django.db.models import QuerySet

from brightpath.coach.pe.models import MovementAnalysis
from brightpath.common.selectors import get_owned_or_404, owned_by


def analyses_of(*, user, student_id=None, exercise_id=None) -> QuerySet[MovementAnalysis]:
    analyses = owned_by(
        MovementAnalysis.objects.select_related("student", "exercise", "activity"),
        user,
        owner_path="student__teacher",
    )
    if student_id is not None:
        analyses = analyses.filter(student_id=student_id)
    if exercise_id is not None:
        analyses = analyses.filter(exercise_id=exercise_id)
    return analyses.order_by("-recorded_at", "id")


def analysis_of(*, user, analysis_id) -> MovementAnalysis:
    return get_owned_or_404(
        MovementAnalysis.objects.select_related("student", "exercise", "activity"),
        user,
        owner_path="student__teacher",
        id=analysis_id,
    )
