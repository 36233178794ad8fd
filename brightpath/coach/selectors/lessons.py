"""A teacher's lessons: every read scoped to the teacher (another's is a NotFound)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from brightpath.coach.models import Lesson
from brightpath.common.selectors import get_owned_or_404, owned_by


def lessons_of(
    *, user, status: str | None = None, subject_id=None, search: str = ""
) -> QuerySet[Lesson]:
    """The teacher's lessons, last changed first, optionally filtered."""
    lessons = owned_by(Lesson.objects.select_related("subject_category", "assistant_profile"), user)
    if status:
        lessons = lessons.filter(status=status)
    if subject_id:
        lessons = lessons.filter(subject_category_id=subject_id)
    if search:
        lessons = lessons.filter(Q(title__icontains=search) | Q(description__icontains=search))
    return lessons.order_by("-updated_at", "-created_at")


def lesson_of(*, user, lesson_id, for_update: bool = False) -> Lesson:
    rows = Lesson.objects.select_related("subject_category", "assistant_profile")
    if for_update:
        rows = rows.select_for_update(of=("self",))
    return get_owned_or_404(rows, user, id=lesson_id)
