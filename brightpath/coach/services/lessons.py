"""A teacher's lessons: create, change, delete, and draft one from an assistant's reply.

Rules (seed 004's, for a lesson): the title is 1-200 characters and not blank;
lists hold non-empty texts; a section's minutes and a lesson's length are 1-240
and the sections fit in the length; the status moves only along TRANSITIONS,
and a lesson is "ready" only with at least one objective. A change may carry
the `version` it was made on: a stale one is a 409 with the lesson as it is.
An archived lesson is restored (to draft) before it is edited.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from brightpath.coach.assistant.drafts import draft_from_reply
from brightpath.coach.models import GRADE_LEVELS, Lesson, SubjectCategory
from brightpath.coach.selectors.assistants import assistant_listed
from brightpath.coach.selectors.conversations import message_of
from brightpath.coach.selectors.lessons import lesson_of
from brightpath.common.errors import Conflict, Invalid, NotFound

from .assistants import text_error

TITLE_MAX = 200
TEXT_MAX = 5000
ITEM_MAX = 500
STANDARD_MAX = 100
ITEMS_MAX = 30
MINUTES_MIN, MINUTES_MAX = 1, 240

TRANSITIONS = {
    "draft": ("ready", "archived"),
    "ready": ("draft", "taught", "archived"),
    "taught": ("ready", "archived"),
    "archived": ("draft",),
}
LIST_FIELDS = {
    "objectives": ("objectives", ITEM_MAX),
    "materials": ("materials", ITEM_MAX),
    "standards": ("standards", STANDARD_MAX),
    "differentiation": ("differentiation", ITEM_MAX),
}
CONTENT_FIELDS = ("objectives", "materials", "standards", "sections", "assessment", "homework",
                  "differentiation")  # fmt: skip
FIELDS = (
    "title",
    "description",
    "subject_id",
    "grade_level",
    "status",
    "duration_minutes",
    "assistant_id",
    *CONTENT_FIELDS,
)


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text_list(value, field: str, limit: int, errors: dict) -> list[str]:
    if not isinstance(value, list) or len(value) > ITEMS_MAX:
        errors[field] = [f"A list of at most {ITEMS_MAX} texts."]
        return []
    out = []
    for i, item in enumerate(value):
        if problem := text_error(item, limit):
            errors[f"{field}[{i}]"] = [problem]
        else:
            out.append(" ".join(item.split()))
    return out


def _sections(value, errors: dict) -> list[dict]:
    if not isinstance(value, list) or len(value) > ITEMS_MAX:
        errors["sections"] = [f"A list of at most {ITEMS_MAX} sections."]
        return []
    out = []
    for i, section in enumerate(value):
        path = f"sections[{i}]"
        if not isinstance(section, dict):
            errors[path] = ["A section is {title, minutes, body}."]
            continue
        title, minutes, body = section.get("title"), section.get("minutes"), section.get("body", "")
        if problem := text_error(title, TITLE_MAX):
            errors[f"{path}.title"] = [problem]
        if minutes is not None and not (_whole(minutes) and MINUTES_MIN <= minutes <= MINUTES_MAX):
            errors[f"{path}.minutes"] = [f"A whole number from {MINUTES_MIN} to {MINUTES_MAX}."]
        if problem := text_error(body, TEXT_MAX, required=False):
            errors[f"{path}.body"] = [problem]
        unknown = set(section) - {"title", "minutes", "body"}
        if unknown:
            errors[path] = [f"Unknown keys: {', '.join(sorted(unknown))}."]
        if f"{path}.title" not in errors:
            out.append(
                {"title": " ".join(title.split()), "minutes": minutes, "body": (body or "").strip()}
            )
    return out


def _clean(values: dict, teacher, errors: dict) -> dict:
    """The lesson's fields, checked (each problem named in `errors` by its API name)."""
    clean: dict = {}
    if problem := text_error(values["title"], TITLE_MAX):
        errors["title"] = [problem]
    else:
        clean["title"] = " ".join(values["title"].split())
    if problem := text_error(values["description"], TEXT_MAX, required=False):
        errors["description"] = [problem]
    else:
        clean["description"] = values["description"].strip()
    if values["grade_level"] not in ("", *GRADE_LEVELS):
        errors["gradeLevel"] = [f"One of: {', '.join(GRADE_LEVELS)}."]
    clean["grade_level"] = values["grade_level"]
    clean["subject"] = None
    if values["subject_id"]:
        clean["subject"] = SubjectCategory.objects.filter(id=values["subject_id"]).first()
        if clean["subject"] is None:
            errors["subjectId"] = ["No such subject."]
    clean["assistant"] = None
    if values["assistant_id"]:
        try:
            clean["assistant"] = assistant_listed(user=teacher, assistant_id=values["assistant_id"])
        except NotFound:
            errors["assistantId"] = ["No such assistant."]
    content = {}
    for key, (field, limit) in LIST_FIELDS.items():
        content[key] = _text_list(values[key], field, limit, errors)
    content["sections"] = _sections(values["sections"], errors)
    for key in ("assessment", "homework"):
        if problem := text_error(values[key], TEXT_MAX, required=False):
            errors[key] = [problem]
        content[key] = (values[key] or "").strip() if isinstance(values[key], str) else ""
    clean["content"] = content
    minutes = values["duration_minutes"]
    if minutes is not None and not (_whole(minutes) and MINUTES_MIN <= minutes <= MINUTES_MAX):
        errors["durationMinutes"] = [f"A whole number from {MINUTES_MIN} to {MINUTES_MAX}."]
    elif minutes is not None:
        planned = sum(s["minutes"] or 0 for s in content["sections"])
        if planned > minutes:
            errors["sections"] = [
                f"The sections take {planned} minutes: more than the lesson's {minutes}."
            ]
    clean["duration_minutes"] = minutes
    return clean


def _current(lesson: Lesson) -> dict:
    content = lesson.content or {}
    return {
        "title": lesson.title,
        "description": lesson.description,
        "subject_id": lesson.subject_category_id,
        "grade_level": lesson.grade_level,
        "status": lesson.status,
        "duration_minutes": (lesson.metadata or {}).get("durationMinutes"),
        "assistant_id": lesson.assistant_profile_id,
        "objectives": content.get("objectives", []),
        "materials": content.get("materials", []),
        "standards": content.get("standards", []),
        "sections": content.get("sections", []),
        "assessment": content.get("assessment", ""),
        "homework": content.get("homework", ""),
        "differentiation": content.get("differentiation", []),
    }


def _blank() -> dict:
    return {
        "title": "",
        "description": "",
        "subject_id": None,
        "grade_level": "",
        "status": "draft",
        "duration_minutes": None,
        "assistant_id": None,
        "objectives": [],
        "materials": [],
        "standards": [],
        "sections": [],
        "assessment": "",
        "homework": "",
        "differentiation": [],
    }


def _apply(lesson: Lesson, clean: dict, status: str, metadata: dict) -> Lesson:
    lesson.title = clean["title"]
    lesson.description = clean["description"]
    lesson.grade_level = clean["grade_level"]
    lesson.subject_category = clean["subject"]
    lesson.assistant_profile = clean["assistant"]
    lesson.content = clean["content"]
    lesson.status = status
    lesson.metadata = {**metadata, "durationMinutes": clean["duration_minutes"]}
    return lesson


def _check_ready(status: str, clean: dict, errors: dict) -> None:
    if status == "ready" and not clean.get("content", {}).get("objectives"):
        errors.setdefault("objectives", []).append("A ready lesson needs at least one objective.")


@transaction.atomic
def lesson_create(*, teacher, metadata: dict | None = None, **fields) -> Lesson:
    """A new lesson (draft, or ready when it has objectives)."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    values = {**_blank(), **fields}
    errors: dict[str, list[str]] = {}
    clean = _clean(values, teacher, errors)
    status = values["status"]
    if status not in ("draft", "ready"):
        errors["status"] = ['A new lesson is "draft" or "ready".']
    _check_ready(status, clean, errors)
    if errors:
        raise Invalid(errors)
    base = {"source": "teacher", "provider": None}
    lesson = _apply(Lesson(user=teacher), clean, status, {**base, **(metadata or {})})
    lesson.save()
    return lesson


@transaction.atomic
def lesson_update(*, teacher, lesson_id, version: int | None = None, **fields) -> Lesson:
    """Change a lesson: any of its fields, and its status along TRANSITIONS."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    lesson = lesson_of(user=teacher, lesson_id=lesson_id, for_update=True)
    if version is not None and version != lesson.version:
        raise Conflict(
            "This lesson was changed elsewhere; reload it and try again.",
            code="version_conflict",
            currentVersion=lesson.version,
        )
    status = fields.get("status", lesson.status)
    errors: dict[str, list[str]] = {}
    if status not in Lesson.STATUSES:
        raise Invalid({"status": [f"One of: {', '.join(Lesson.STATUSES)}."]})
    if status != lesson.status and status not in TRANSITIONS[lesson.status]:
        allowed = ", ".join(TRANSITIONS[lesson.status])
        raise Invalid(
            {"status": [f'A {lesson.status} lesson can become: {allowed} (not "{status}").']}
        )
    edits = set(fields) - {"status"}
    if lesson.status == "archived" and edits:
        raise Conflict(
            "Restore the lesson (status draft) before editing it.", code="lesson_archived"
        )
    values = {**_current(lesson), **fields}
    clean = _clean(values, teacher, errors)
    if "status" in fields:
        _check_ready(status, clean, errors)
    if errors:
        raise Invalid(errors)
    _apply(lesson, clean, status, lesson.metadata or {})
    lesson.version = F("version") + 1
    lesson.save()
    lesson.refresh_from_db()
    return lesson


@transaction.atomic
def lesson_delete(*, teacher, lesson_id) -> None:
    lesson_of(user=teacher, lesson_id=lesson_id, for_update=True).delete()


def _subject_named(names: list[str]):
    """The id of the first subject category the reply names, if any."""
    for name in names:
        found = SubjectCategory.objects.filter(name__iexact=name.strip()).first()
        if found is not None:
            return found.id
    return None


def _visible_assistant(teacher, assistant_id):
    """The assistant's id if the teacher can still see it (it may be switched off since)."""
    if assistant_id is None:
        return None
    try:
        return assistant_listed(user=teacher, assistant_id=assistant_id).id
    except NotFound:
        return None


def _fit(items: list[str], limit: int) -> list[str]:
    return [" ".join(i.split())[:limit] for i in items if i.strip()][:ITEMS_MAX]


@transaction.atomic
def lesson_from_reply(
    *,
    teacher,
    conversation_id,
    message_id,
    title: str | None = None,
    subject_id=None,
    grade_level: str | None = None,
) -> tuple[Lesson, bool]:
    """Draft a lesson from an assistant's reply into the teacher's lessons.

    Returns (lesson, created): saving the same reply again returns its lesson.
    A model's reply can be longer than a lesson allows: it is cut to fit, never refused.
    """
    message = message_of(user=teacher, conversation_id=conversation_id, message_id=message_id)
    if message.role != "assistant" or message.status != "complete":
        raise Conflict(
            "Only a complete reply of the assistant can become a lesson.", code="not_a_reply"
        )
    existing = Lesson.objects.filter(user=teacher, metadata__messageId=str(message.id)).first()
    if existing is not None:
        return existing, False
    draft = draft_from_reply(message.content)
    conversation = message.conversation
    sections = [
        {
            "title": s["title"][:TITLE_MAX] or "Activity",
            "minutes": s["minutes"],
            "body": s["body"][:TEXT_MAX],
        }
        for s in draft.sections[:ITEMS_MAX]
    ]
    duration = draft.duration_minutes
    planned = sum(s["minutes"] or 0 for s in sections)
    if duration is not None and planned > duration:
        duration = planned if planned <= MINUTES_MAX else None
    fields = {
        "title": title if title is not None else (draft.title or conversation.title)[:TITLE_MAX],
        "description": draft.description[:TEXT_MAX],
        "objectives": _fit(draft.objectives, ITEM_MAX),
        "materials": _fit(draft.materials, ITEM_MAX),
        "standards": _fit(draft.standards, STANDARD_MAX),
        "differentiation": _fit(draft.differentiation, ITEM_MAX),
        "sections": sections,
        "assessment": draft.assessment[:TEXT_MAX],
        "homework": draft.homework[:TEXT_MAX],
        "duration_minutes": duration,
        "assistant_id": _visible_assistant(teacher, conversation.assistant_profile_id),
        "subject_id": subject_id,
    }
    fields["grade_level"] = grade_level if grade_level is not None else draft.grade_level
    if fields["grade_level"] not in GRADE_LEVELS and grade_level is None:
        fields["grade_level"] = ""
    if subject_id is None:
        fields["subject_id"] = _subject_named(draft.subjects)
    metadata = {
        "source": "assistant",
        "provider": message.provider or None,
        "conversationId": str(conversation.id),
        "messageId": str(message.id),
    }
    return lesson_create(teacher=teacher, metadata=metadata, **fields), True
