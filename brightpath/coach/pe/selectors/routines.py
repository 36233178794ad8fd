"""Routines of a teacher's classes and the performances recorded in them."""

from django.db.models import Prefetch, QuerySet

from brightpath.coach.pe.models import Routine, RoutineActivity, RoutinePerformance
from brightpath.common.selectors import get_owned_or_404, owned_by


def _with_steps(routines: QuerySet[Routine]) -> QuerySet[Routine]:
    steps = RoutineActivity.objects.select_related("activity").order_by("sequence_order")
    return routines.select_related("pe_class").prefetch_related(Prefetch("steps", queryset=steps))


def routines_of(*, user, class_id=None, status: str | None = None) -> QuerySet[Routine]:
    routines = owned_by(Routine.objects.all(), user, owner_path="pe_class__teacher")
    if class_id is not None:
        routines = routines.filter(pe_class_id=class_id)
    if status:
        routines = routines.filter(status=status)
    return _with_steps(routines).order_by("-scheduled_for", "-created_at", "id")


def routine_of(*, user, routine_id) -> Routine:
    """One routine of the teacher's classes, with its steps, or NotFound."""
    return get_owned_or_404(
        _with_steps(Routine.objects.all()), user, owner_path="pe_class__teacher", id=routine_id
    )


def performances_in(*, routine: Routine) -> QuerySet[RoutinePerformance]:
    return (
        RoutinePerformance.objects.filter(routine=routine)
        .select_related("student")
        .prefetch_related("metrics")
        .order_by("student__last_name", "student__first_name", "id")
    )


def performance_of(*, user, routine_id, student_id) -> RoutinePerformance:
    """A student's performance in one of the teacher's routines, or NotFound."""
    return get_owned_or_404(
        RoutinePerformance.objects.select_related("student").prefetch_related("metrics"),
        user,
        owner_path="routine__pe_class__teacher",
        routine_id=routine_id,
        student_id=student_id,
    )
