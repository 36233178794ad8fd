"""What an offline answer is about, worked out once: the topic, the lesson, the
grade and length, the students' needs, and what the teacher prefers, found
worked, found failed, or cannot do."""

from __future__ import annotations

from dataclasses import dataclass

from . import Lesson, Remembered, Request
from . import reading as r
from .intent import Intent

SUBJECT_NAMES = {
    "math": "Mathematics",
    "science": "Science",
    "ela": "English Language Arts",
    "history": "Social Studies",
    "languages": "World Languages",
    "arts": "The Arts",
    "pe": "Physical Education",
    "cs": "Computer Science",
    "special-education": "Special Education",
}
_SUBJECT_KEYS = {name.lower(): key for key, name in SUBJECT_NAMES.items()}
DEFAULT_MINUTES = 45


@dataclass(frozen=True)
class Situation:
    request: Request
    intent: Intent
    ask: str  # the teacher's words, without pasted work
    topic: str
    lesson: Lesson | None
    grade: str
    subject: str  # a key of SUBJECT_NAMES, or ""
    minutes: int
    needs: tuple[r.StudentNeed, ...]
    preferences: tuple[Remembered, ...]
    worked: tuple[Remembered, ...]
    failed: tuple[Remembered, ...]
    constraints: tuple[Remembered, ...]
    goals: tuple[Remembered, ...]

    @property
    def defaults(self) -> dict:
        capability = self.intent.capability
        return dict(capability.defaults) if capability is not None else {}

    @property
    def topic_label(self) -> str:
        return self.topic or (self.lesson.title if self.lesson else "") or "today's topic"

    @property
    def grade_label(self) -> str:
        if not self.grade:
            return ""
        return {"k": "Kindergarten", "pre-k": "Pre-K"}.get(self.grade, f"Grade {self.grade}")

    @property
    def subject_label(self) -> str:
        return SUBJECT_NAMES.get(self.subject, "")

    def avoided(self, concept: str) -> Remembered | None:
        """A memory of something like `concept` that did not work, or that cannot be done."""
        for memory in (*self.failed, *self.constraints):
            if concept in r.concepts_of(memory.content):
                return memory
        return None

    def liked(self, concept: str) -> Remembered | None:
        for memory in (*self.preferences, *self.worked):
            if concept in r.concepts_of(memory.content) and not self.avoided(concept):
                return memory
        return None


def situation_of(request: Request, intent: Intent) -> Situation:
    parts = r.split_work(request.message)
    ask = parts.request
    lesson = r.lesson_about(ask, request.lessons, r.topic_of(ask))
    topic = r.topic_of(ask)
    if lesson is not None and (not topic or _same(topic, lesson.title)):
        topic = lesson.title
    memories = request.memories
    by = {c: tuple(m for m in memories if m.category == c) for c in _CATEGORIES}
    minutes = (
        r.minutes_of(ask)
        or (lesson.duration_minutes if lesson else None)
        or r.minutes_from_memories(memories)
        or _default_minutes(intent)
    )
    return Situation(
        request=request,
        intent=intent,
        ask=ask,
        topic=topic,
        lesson=lesson,
        grade=_grade(ask, lesson, request),
        subject=_subject(ask, lesson, request),
        minutes=max(10, min(240, int(minutes))),
        needs=tuple(r.student_needs(memories)),
        preferences=by["preference"],
        worked=by["what_worked"],
        failed=by["what_failed"],
        constraints=by["constraint"],
        goals=by["goal"],
    )


_CATEGORIES = ("preference", "what_worked", "what_failed", "constraint", "goal")


def _same(topic: str, title: str) -> bool:
    return topic.strip().lower() in title.lower() or title.strip().lower() in topic.lower()


def _default_minutes(intent: Intent) -> int:
    capability = intent.capability
    value = capability.defaults.get("durationMinutes") if capability is not None else None
    return value if isinstance(value, int) and not isinstance(value, bool) else DEFAULT_MINUTES


def _grade(ask: str, lesson: Lesson | None, request: Request) -> str:
    grade = r.grade_of(ask) or (lesson.grade_level if lesson else "")
    grade = grade or r.grade_from_memories(request.memories)
    if not grade and len(request.teacher_grades) == 1:
        grade = request.teacher_grades[0]
    return grade


# The memory engine's concepts that name a subject, for a topic ("fractions" -> math).
_CONCEPT_SUBJECTS = {
    "math": "math",
    "science": "science",
    "history": "history",
    "reading": "ela",
    "writing": "ela",
    "poetry": "ela",
    "arts": "arts",
    "engineering": "cs",
}


def _subject(ask: str, lesson: Lesson | None, request: Request) -> str:
    found = r.subject_of(ask)
    if found:
        return found
    topic = r.topic_of(ask)
    if topic:
        concepts = r.concepts_of(topic)
        found = next((s for c, s in _CONCEPT_SUBJECTS.items() if c in concepts), "")
        if found:
            return found
    names = [lesson.subject] if lesson and lesson.subject else []
    names += list(request.assistant.subjects) + list(request.teacher_subjects)
    for name in names:
        key = _SUBJECT_KEYS.get(name.lower()) or r.subject_of(name)
        if key:
            return key
    for memory in request.memories:
        for tag in memory.tags:
            if tag.startswith("subject:"):
                return tag.split(":", 1)[1]
    return ""
