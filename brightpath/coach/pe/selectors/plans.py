"""A teacher's plans and their week-by-week sequences."""

from django.db.models import Prefetch, QuerySet

from brightpath.coach.pe.models import ActivityPlan, ActivityPlanActivity
from brightpath.common.selectors import get_owned_or_404, owned_by


def _with_sequence(plans: QuerySet[ActivityPlan]) -> QuerySet[ActivityPlan]:
    sequence = ActivityPlanActivity.objects.select_related("activity").order_by(
        "week", "sequence_order"
    )
    return plans.select_related("pe_class", "student").prefetch_related(
        Prefetch("sequence", queryset=sequence)
    )


def plans_of(
    *, user, class_id=None, student_id=None, status: str | None = None
) -> QuerySet[ActivityPlan]:
    """The teacher's plans, latest start first."""
    plans = owned_by(ActivityPlan.objects.all(), user, owner_path="teacher")
    if class_id is not None:
        plans = plans.filter(pe_class_id=class_id)
    if student_id is not None:
        plans = plans.filter(student_id=student_id)
    if status:
        plans = plans.filter(status=status)
    return _with_sequence(plans).order_by("-start_date", "name", "id")


def plan_of(*, user, plan_id) -> ActivityPlan:
    """One of the teacher's plans with its sequence, or NotFound."""
    return get_owned_or_404(
        _with_sequence(ActivityPlan.objects.all()), user, owner_path="teacher", id=plan_id
    )


def plan_activity_of(*, user, plan_id, plan_activity_id) -> ActivityPlanActivity:
    """One activity of one of the teacher's plans, or NotFound."""
    return get_owned_or_404(
        ActivityPlanActivity.objects.select_related("plan", "activity"),
        user,
        owner_path="plan__teacher",
        plan_id=plan_id,
        id=plan_activity_id,
    )
