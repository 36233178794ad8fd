"""The tables' database rules: checks, uniqueness and what a delete takes with it."""

import pytest
from django.db import IntegrityError, transaction

from brightpath.coach.models import (
    AssistantCapability,
    AssistantProfile,
    Lesson,
    MemoryInteraction,
    SubjectAssistant,
    SubjectCategory,
    UserMemory,
)

from .conftest import T0

pytestmark = pytest.mark.django_db


def rejected(spec: tuple) -> None:
    """The database refuses to create a row of `spec` = (model, fields)."""
    model, fields = spec
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


def memory_fields(user, **overrides):
    fields = dict(
        user=user,
        content="I teach 5th grade science.",
        category="class",
        importance=7,
        confidence=0.9,
        last_accessed_at=T0,
        reinforced_at=T0,
    )
    return {**fields, **overrides}


def test_names_and_descriptions_cannot_be_blank_or_spaces(teacher):
    rejected((AssistantProfile, dict(name="   ", description="Helps.")))
    rejected((AssistantProfile, dict(name="Helper", description="")))
    rejected((SubjectCategory, dict(name="  ", path="x")))
    rejected((Lesson, dict(user=teacher, title=" ")))
    rejected((UserMemory, memory_fields(teacher, content="  ")))


def test_memory_scores_and_kinds_are_checked(teacher):
    rejected((UserMemory, memory_fields(teacher, importance=11)))
    rejected((UserMemory, memory_fields(teacher, importance=0.5)))
    rejected((UserMemory, memory_fields(teacher, confidence=1.2)))
    rejected((UserMemory, memory_fields(teacher, category="gossip")))
    rejected((UserMemory, memory_fields(teacher, source="rumour")))
    assert UserMemory.objects.create(**memory_fields(teacher, importance=10, confidence=1))


def test_gpt_parameters_are_in_range():
    rejected((AssistantProfile, dict(name="Hot", description="d", temperature=2.5)))
    rejected((AssistantProfile, dict(name="TopP", description="d", top_p=0)))
    rejected((AssistantProfile, dict(name="Pen", description="d", presence_penalty=3)))
    rejected((AssistantProfile, dict(name="Big", description="d", max_tokens=9000)))


def test_catalogue_names_and_capabilities_are_unique(teacher, other_teacher, assistant):
    rejected((AssistantProfile, dict(name=assistant.name, description="again")))
    # A teacher's own assistant may share a catalogue name, once per teacher.
    AssistantProfile.objects.create(owner=teacher, name=assistant.name, description="mine")
    AssistantProfile.objects.create(owner=other_teacher, name=assistant.name, description="mine")
    rejected((AssistantProfile, dict(owner=teacher, name=assistant.name, description="2")))
    AssistantCapability.objects.create(
        assistant_profile=assistant, name="quiz_generation", description="Writes quizzes."
    )
    rejected(
        (
            AssistantCapability,
            dict(assistant_profile=assistant, name="quiz_generation", description="Again."),
        )
    )
    science = SubjectCategory.objects.create(name="Science", path="science")
    SubjectAssistant.objects.create(subject_category=science, assistant_profile=assistant)
    rejected((SubjectAssistant, dict(subject_category=science, assistant_profile=assistant)))
    rejected((SubjectCategory, dict(name="Science", path="science-2")))


def test_a_category_level_follows_its_parent():
    science = SubjectCategory.objects.create(name="Science", path="science")
    level, path = SubjectCategory.position_from(" Biology ", science)
    assert (level, path) == (1, "science/biology")
    rejected((SubjectCategory, dict(name="Orphan", path="orphan", level=2)))
    rejected((SubjectCategory, dict(name="Root child", path="x/y", parent=science, level=0)))


def test_lesson_status_and_grade_are_checked(teacher):
    rejected((Lesson, dict(user=teacher, title="Cells", status="published")))
    rejected((Lesson, dict(user=teacher, title="Cells", grade_level="13")))
    assert Lesson.objects.create(user=teacher, title="Cells", grade_level="5", status="ready")


def test_deleting_an_assistant_keeps_the_teachers_memories_and_lessons(teacher, assistant):
    AssistantCapability.objects.create(
        assistant_profile=assistant, name="lesson_planning", description="Plans lessons."
    )
    memory = UserMemory.objects.create(**memory_fields(teacher, assistant_profile=assistant))
    lesson = Lesson.objects.create(user=teacher, title="Volcanoes", assistant_profile=assistant)
    assistant.delete()
    assert not AssistantCapability.objects.exists()
    memory.refresh_from_db()
    lesson.refresh_from_db()
    assert memory.assistant_profile is None and lesson.assistant_profile is None


def test_deleting_a_teacher_deletes_their_memories_and_interactions(teacher):
    memory = UserMemory.objects.create(**memory_fields(teacher))
    MemoryInteraction.objects.create(
        memory=memory, user=teacher, interaction_type="created", created_at=T0
    )
    rejected(
        (MemoryInteraction, dict(memory=memory, user=teacher, interaction_type="x", created_at=T0))
    )
    teacher.delete()
    assert not UserMemory.objects.exists()
    assert not MemoryInteraction.objects.exists()
