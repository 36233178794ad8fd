"""Coach's assistant: what it is asked, as plain data, and the two ways it answers.

- `offline`: no network. Structured templates filled from the teacher's lessons
  and memories (a lesson-plan outline, a quiz from a lesson's content, a rubric,
  feedback on pasted student work, differentiation), chosen by the message's
  intent among the assistant's enabled capabilities (`intent`). Every answer
  starts "Offline assistant:".
- `prompt`: the messages for a language model (an OpenAI-compatible endpoint):
  a system prompt from the assistant's profile and capability instructions,
  with the teacher's memories and lessons as quoted data, never as instructions.
- `provider`: which provider answers, and the offline fallback.
- `drafts`: an assistant's reply read back as a lesson draft.

Everything here but `provider` is pure: it takes the dataclasses below, which
the services build from the database rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OFFLINE_LABEL = "Offline assistant:"


@dataclass(frozen=True)
class Capability:
    """One enabled ability of an assistant (an `assistant_capabilities` row).

    template: the offline template that answers it ("lesson_plan", "quiz", "rubric",
    "feedback", "differentiation"); keywords: the words that ask for it;
    instructions: what a language model is told to do for it; defaults: its
    settings ({"questionCount": 6}, {"durationMinutes": 45}, {"levels": [...]}).
    """

    name: str
    description: str
    template: str = ""
    keywords: tuple[str, ...] = ()
    instructions: str = ""
    defaults: dict = field(default_factory=dict, hash=False, compare=False)
    priority: int = 0

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")


@dataclass(frozen=True)
class Assistant:
    name: str
    description: str
    tone: str = "warm"
    grade_from: str = ""
    grade_to: str = ""
    subjects: tuple[str, ...] = ()
    instructions: str = ""
    capabilities: tuple[Capability, ...] = ()  # enabled ones, by priority

    @property
    def grade_band(self) -> str:
        if not self.grade_from and not self.grade_to:
            return ""
        if self.grade_from == self.grade_to or not self.grade_to:
            return _grade_name(self.grade_from)
        return f"{_grade_name(self.grade_from)} to {_grade_name(self.grade_to)}"


def _grade_name(grade: str) -> str:
    return {"k": "kindergarten", "pre-k": "pre-K", "higher-ed": "higher education"}.get(
        grade, f"grade {grade}" if grade.isdigit() else grade
    )


@dataclass(frozen=True)
class Section:
    title: str
    minutes: int | None
    body: str


@dataclass(frozen=True)
class Lesson:
    """One of the teacher's lessons, as the assistant reads it."""

    id: str
    title: str
    description: str = ""
    subject: str = ""
    grade_level: str = ""
    status: str = "draft"
    objectives: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    standards: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    assessment: str = ""
    homework: str = ""
    duration_minutes: int | None = None

    def sentences_source(self) -> list[str]:
        """The lesson's prose, in order: what a quiz is written from."""
        parts = [self.description, *(s.body for s in self.sections), self.assessment]
        return [p for p in parts if p and p.strip()]


@dataclass(frozen=True)
class Remembered:
    """A memory given to the assistant for this answer."""

    id: str
    content: str
    category: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    role: str  # "user" (the teacher) or "assistant"
    content: str


@dataclass(frozen=True)
class Request:
    """Everything the assistant is given for one answer.

    lessons: the teacher's lessons, most recently changed first. memories: the
    retrieved memories, best first. noted: what this message added to or changed
    in the teacher's memories. other_capabilities: capabilities in the catalogue
    this assistant does not have (to say where to find them).
    """

    message: str
    assistant: Assistant
    lessons: tuple[Lesson, ...] = ()
    memories: tuple[Remembered, ...] = ()
    history: tuple[Turn, ...] = ()
    noted: tuple[str, ...] = ()
    teacher_grades: tuple[str, ...] = ()
    teacher_subjects: tuple[str, ...] = ()
    other_capabilities: tuple[Capability, ...] = ()
