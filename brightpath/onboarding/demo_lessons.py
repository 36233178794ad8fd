"""The demo family's lesson sequences (issue 13): Noah's Mathematics and Ava's
Reading teach lessons, so the demo week shows a lesson on those sessions."""

import json

from django.db import transaction

from brightpath.accounts.models import User
from brightpath.curriculum.models import LessonSequence, Subject
from brightpath.curriculum.services.lessons import (
    LessonInput,
    lesson_sequence_create,
    subject_lesson_sequence_set,
)

from .demo import DEMO_LESSONS_FILE


def _lessons(entry: dict) -> list[LessonInput]:
    if numbered := entry.get("numbered"):
        return [
            LessonInput(title=numbered["title"].format(n=n), minutes=numbered.get("minutes"))
            for n in range(1, numbered["count"] + 1)
        ]
    return [
        LessonInput(title=row["title"], notes=row.get("notes", ""), minutes=row.get("minutes"))
        for row in entry["lessons"]
    ]


@transaction.atomic
def demo_lessons_load(*, user: User) -> None:
    """Give the demo children's subjects their lesson sequences (DEMO_LESSONS_FILE),
    so the week shows a lesson on each of those sessions. Idempotent: a sequence
    the family already has (by name) is left as it is."""
    family = user.family
    for entry in json.loads(DEMO_LESSONS_FILE.read_text())["sequences"]:
        if LessonSequence.objects.filter(family=family, name=entry["name"]).exists():
            continue
        sequence = lesson_sequence_create(user=user, name=entry["name"], lessons=_lessons(entry))
        for plan in entry["plans"]:
            subject = Subject.objects.live().filter(
                child__family=family, child__name=plan["child"], name=plan["subject"]
            )
            if subject := subject.first():
                subject_lesson_sequence_set(user=user, subject=subject, sequence=sequence)
