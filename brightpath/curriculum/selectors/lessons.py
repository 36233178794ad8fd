"""Reads of lesson sequences, scoped to the requesting user's family.

Another family's sequence or lesson is "not found", never "forbidden".
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet

from brightpath.accounts.models import User
from brightpath.common.errors import NotFound
from brightpath.common.selectors import get_owned_or_404, owned_by

from ..models import Lesson, LessonSequence, Resource, Subject


def _with_counts(sequences: QuerySet[LessonSequence]) -> QuerySet[LessonSequence]:
    live_plans = (
        Subject.objects.live().select_related("child").order_by("child__position", "position")
    )
    return sequences.annotate(lesson_count=Count("lessons", distinct=True)).prefetch_related(
        Prefetch("subject_plans", queryset=live_plans, to_attr="live_subject_plans")
    )


def lesson_sequences_for_user(*, user: User) -> QuerySet[LessonSequence]:
    """The family's sequences by name, each with `lesson_count` and the live
    subject plans using it (`live_subject_plans`)."""
    sequences = owned_by(LessonSequence.objects.all(), user, owner_path="family__owner")
    return _with_counts(sequences).order_by("name", "created_at")


def lesson_sequence_get(*, user: User, sequence_id: UUID | str) -> LessonSequence:
    """One of the family's sequences (with its counts, plans and `ordered_lessons`),
    else NotFound."""
    sequences = _with_counts(LessonSequence.objects.select_related("family")).prefetch_related(
        Prefetch("lessons", queryset=Lesson.objects.order_by("position"), to_attr="ordered_lessons")
    )
    return get_owned_or_404(sequences, user, owner_path="family__owner", pk=sequence_id)


def lesson_get(*, user: User, sequence_id: UUID | str, lesson_id: UUID | str) -> Lesson:
    """One lesson of one of the family's sequences, else NotFound."""
    lessons = Lesson.objects.select_related("sequence__family").filter(sequence_id=sequence_id)
    return get_owned_or_404(lessons, user, owner_path="sequence__family__owner", pk=lesson_id)


def subject_plan_get(*, user: User, subject_id: UUID | str) -> Subject:
    """One of the family's live children's live subject plans, else NotFound."""
    plans = Subject.objects.live().filter(child__archived_at__isnull=True)
    return get_owned_or_404(
        plans.select_related("child__family"),
        user,
        owner_path="child__family__owner",
        pk=subject_id,
    )


def resource_visible_get(*, user: User, resource_id: UUID | str) -> Resource:
    """A catalogue resource the user may plan with: their own or a public one."""
    if not user.is_authenticated:
        raise NotFound()
    resource = Resource.objects.filter(Q(owner=user) | Q(is_public=True), pk=resource_id).first()
    if resource is None:
        raise NotFound("No such resource.")
    return resource
