"""The demo family comes with lesson sequences, loaded once however often
`load_demo` runs."""

import io

import pytest
from django.core.management import call_command

from brightpath.curriculum.models import LessonSequence, Subject
from brightpath.onboarding.demo import DEMO_EMAIL

pytestmark = pytest.mark.django_db


def test_load_demo_gives_noahs_mathematics_and_avas_reading_their_lessons():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent
    sequences = LessonSequence.objects.filter(family__owner__email=DEMO_EMAIL)
    assert sorted(s.name for s in sequences) == ["Charlotte's Web", "Math Lessons, Level 1"]
    math = Subject.objects.get(child__name="Noah", name="Mathematics")
    assert math.lesson_sequence.lessons.count() == 120
    assert math.lesson_sequence.lessons.get(position=23).title == "Lesson 23"
    reading = Subject.objects.get(child__name="Ava", name="Reading")
    assert reading.lesson_sequence.lessons.first().title == "Chapter 1: Before Breakfast"
