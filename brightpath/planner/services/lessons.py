"""Writes to a child's progress through a lesson sequence.

Completing a session of a subject with a sequence records the first lesson
that subject plan has not done against that session; un-completing it takes
the lesson back, so it goes to the next session again. Skipping records
nothing. The callers (items.py) hold the family's lock.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from brightpath.accounts.models import User
from brightpath.common.errors import Invalid, NotFound
from brightpath.curriculum.models import Lesson, Subject

from ..clock import family_today
from ..models import LessonCompletion, ScheduleItem


def lesson_ref(lesson: Lesson) -> dict:
    """The lesson as the activity log keeps it (`actual.lesson`), so the records
    show what was covered even if the sequence changes later."""
    return {
        "id": str(lesson.pk),
        "sequenceId": str(lesson.sequence_id),
        "title": lesson.title,
        "position": lesson.position,
    }


def lesson_complete_with(item: ScheduleItem) -> Lesson | None:
    """Record the subject plan's first lesson not done against `item`, if its
    subject has a sequence with a lesson left. Completing it again keeps the
    lesson it recorded the first time."""
    subject: Subject | None = item.subject
    if item.item_type != "subject" or subject is None or not subject.lesson_sequence_id:
        return None
    recorded = LessonCompletion.objects.filter(schedule_item=item).select_related("lesson").first()
    if recorded is not None:
        return recorded.lesson
    lesson = (
        Lesson.objects.filter(sequence_id=subject.lesson_sequence_id)
        .exclude(completions__subject=subject)
        .order_by("position")
        .first()
    )
    if lesson is None:
        return None  # the sequence is finished
    LessonCompletion.objects.create(
        subject=subject, lesson=lesson, schedule_item=item, completed_on=item.day_date
    )
    return lesson


def lesson_uncomplete_with(item: ScheduleItem) -> None:
    """The lesson `item` recorded is not done any more: the next session shows it."""
    LessonCompletion.objects.filter(schedule_item=item).delete()


def lesson_completions_follow(old: Iterable[ScheduleItem], new: Iterable[ScheduleItem]) -> None:
    """A regenerated week copies completed sessions into new rows (same calendar
    uid): their lessons follow them, so the new version shows what was done."""
    done = {item.pk: item.calendar_uid for item in old if item.completed and item.calendar_uid}
    if not done:
        return
    by_uid = {item.calendar_uid: item for item in new if item.calendar_uid}
    moved = []
    for completion in LessonCompletion.objects.filter(schedule_item_id__in=done):
        if target := by_uid.get(done[completion.schedule_item_id]):
            completion.schedule_item = target
            moved.append(completion)
    LessonCompletion.objects.bulk_update(moved, ["schedule_item"])


@transaction.atomic
def lessons_start_at(*, user: User, subject: Subject, position: int) -> Subject:
    """Start a child's sequence at lesson `position`: the lessons before it are
    marked done by hand (dated today, with no session), as when a family comes
    to BrightPath halfway through a book. Lessons done in sessions stay as they
    are; hand-marked ones from `position` on are taken back."""
    if subject.child.family.owner_id != user.pk:
        raise NotFound("No such subject.")
    if not subject.lesson_sequence_id:
        raise Invalid({"position": ["This subject has no lesson sequence yet."]})
    lessons = Lesson.objects.filter(sequence_id=subject.lesson_sequence_id)
    count = lessons.count()
    if not 1 <= position <= max(count, 1) or count == 0:
        raise Invalid({"position": [f"Use a lesson from 1 to {count}."]})
    LessonCompletion.objects.filter(
        subject=subject, schedule_item__isnull=True, lesson__position__gte=position
    ).delete()
    done = set(LessonCompletion.objects.filter(subject=subject).values_list("lesson_id", flat=True))
    today = family_today(subject.child.family)
    LessonCompletion.objects.bulk_create(
        LessonCompletion(subject=subject, lesson=lesson, completed_on=today)
        for lesson in lessons.filter(position__lt=position)
        if lesson.pk not in done
    )
    return subject
