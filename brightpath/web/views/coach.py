"""Coach, the teacher's pages: pick or configure an assistant, chat with it (the
reply streams in), the memories it keeps (corrected or deleted here), and the
lessons (drafted from a reply or written here).

Reads are server-rendered through Coach's selectors, scoped to the teacher:
another teacher's conversation or lesson is a 404. Writes go through Coach's
JSON API (/api/coach/) from static/web/coach/coach.js with the session and its
CSRF token, so the pages and an API client meet the same rules and the same
error shape; the pages need JavaScript to save and say so in a <noscript>. The
memory list's filter is a plain GET form and works without it.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from brightpath.coach.memory import vocabulary
from brightpath.coach.models import GRADE_LEVELS, LESSON_STATUSES, AssistantProfile
from brightpath.coach.selectors import assistants as assistant_selectors
from brightpath.coach.selectors import conversations as conversation_selectors
from brightpath.coach.selectors import lessons as lesson_selectors
from brightpath.coach.selectors import memory as memory_selectors
from brightpath.coach.services.chat import message_limit
from brightpath.coach.services.lessons import TRANSITIONS
from brightpath.coach.services.memory import MAX_MEMORY_CHARS
from brightpath.common.errors import NotFound

from .common import outside_model_label

RECENT_CONVERSATIONS = 10
SEARCH_MAX = 200
STATUS_LABELS = {"draft": "Draft", "ready": "Ready", "taught": "Taught", "archived": "Archived"}


def teacher_page(view):
    """Signed in; a NotFound from a selector (another teacher's row) is a 404."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404 from exc

    return wrapped


# --- words for the pages ------------------------------------------------------------------


def grade_label(grade: str) -> str:
    """ "k" -> "Kindergarten", "5" -> "Grade 5", "higher-ed" -> "Higher education"."""
    names = {"pre-k": "Pre-K", "k": "Kindergarten", "higher-ed": "Higher education"}
    if grade in names:
        return names[grade]
    return f"Grade {grade}" if grade.isdigit() else grade.capitalize()


def _grade_short(grade: str) -> str:
    return {"pre-k": "Pre-K", "k": "K", "higher-ed": "Higher ed"}.get(grade, grade.capitalize())


def grade_band(configuration: dict) -> str:
    """An assistant's grades: "K to 12", "3 to 8", "Grade 5" ("" for any)."""
    band = (configuration or {}).get("gradeBand") or {}
    low, high = band.get("from", ""), band.get("to", "")
    if not low:
        return ""
    if not high or high == low:
        return grade_label(low)
    return f"{_grade_short(low)} to {_grade_short(high)}"


def capability_label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def subject_choices() -> list[tuple]:
    """(id, "Science: Biology") for every subject, each under its parent."""
    subjects = list(assistant_selectors.subject_categories())
    names = {subject.pk: subject.name for subject in subjects}
    return [
        (subject.pk, f"{names[subject.parent_id]}: {subject.name}" if subject.parent_id in names
         else subject.name)
        for subject in subjects
    ]  # fmt: skip


def grade_choices() -> list[tuple[str, str]]:
    return [(grade, grade_label(grade)) for grade in GRADE_LEVELS]


# Stands for an id in the API's URLs the page's script fills in (a new conversation's).
NO_ID = "00000000-0000-0000-0000-000000000000"


def _base(page: str) -> dict:
    return {"coach_page": page, "model_label": outside_model_label(), "no_id": NO_ID}


# --- /coach/: the assistants and the recent conversations ---------------------------------


def assistant_card(profile: AssistantProfile, *, user) -> dict:
    configuration = profile.configuration or {}
    band = configuration.get("gradeBand") or {}
    capabilities = [c for c in profile.capabilities.all() if c.is_enabled]
    return {
        "profile": profile,
        "own": profile.owner_id == user.pk,
        "subjects": [subject.name for subject in profile.subjects.all()],
        "grades": grade_band(configuration),
        "tone": configuration.get("tone", "warm"),
        "capabilities": [capability_label(c.name) for c in capabilities],
        # What the configure form is filled with: to edit one's own, or to start from it.
        "form": {
            "id": str(profile.pk),
            "name": profile.name,
            "description": profile.description,
            "tone": configuration.get("tone", "warm"),
            "gradeFrom": band.get("from", ""),
            "gradeTo": band.get("to", ""),
            "instructions": configuration.get("instructions", ""),
            "subjects": [str(subject.pk) for subject in profile.subjects.all()],
            "capabilities": [c.name for c in capabilities],
            "isActive": profile.is_active,
        },
    }


@teacher_page
def coach_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    cards = [
        assistant_card(profile, user=user)
        for profile in assistant_selectors.assistants_listed(user=user)
    ]
    kinds = assistant_selectors.capability_kinds()
    context = _base("home")
    context.update(
        catalogue=[card for card in cards if not card["own"]],
        own=[card for card in cards if card["own"]],
        conversations=list(
            conversation_selectors.conversations_of(user=user)[:RECENT_CONVERSATIONS]
        ),
        capability_kinds=[
            {"name": name, "label": capability_label(name), "description": kind.description}
            for name, kind in kinds.items()
        ],
        subjects=[s for s in assistant_selectors.subject_categories() if s.parent_id is None],
        grades=grade_choices(),
        tones=[(tone, tone.capitalize()) for tone in AssistantProfile.TONES],
        assistant_forms={card["form"]["id"]: card["form"] for card in cards},
    )
    return render(request, "web/coach/home.html", context)


# --- /coach/chat/<id>/: one conversation ----------------------------------------------------


def _remembered(message, memories: dict) -> list:
    """The memories a reply was given, those the teacher still keeps, in its order."""
    return [memories[str(i)] for i in message.memory_ids or [] if str(i) in memories]


@teacher_page
def coach_chat(request: HttpRequest, conversation_id) -> HttpResponse:
    user = request.user
    conversation = conversation_selectors.conversation_of(
        user=user, conversation_id=conversation_id
    )
    messages_ = list(conversation_selectors.messages_of(conversation=conversation))
    used = {str(i) for message in messages_ for i in message.memory_ids or []}
    memories = {
        str(memory.pk): memory
        for memory in memory_selectors.memories_of(user=user).filter(pk__in=used)
    }
    assistant = conversation.assistant_profile
    context = _base("chat")
    context.update(
        conversation=conversation,
        assistant=assistant,
        assistant_card=assistant_card(assistant, user=user) if assistant else None,
        turns=[
            {"message": message, "remembered": _remembered(message, memories)}
            for message in messages_
        ],
        message_max=message_limit(),
    )
    return render(request, "web/coach/chat.html", context)


# --- /coach/memories/ ------------------------------------------------------------------------


@teacher_page
def coach_memories(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("category", "")
    if category not in vocabulary.CATEGORIES:
        category = ""
    search = " ".join(request.GET.get("q", "").split())[:SEARCH_MAX]
    memories = memory_selectors.memories_of(
        user=request.user, category=category or None, search=search
    )
    context = _base("memories")
    context.update(
        memories=list(memories),
        category=category,
        search=search,
        categories=list(vocabulary.CATEGORY_LABELS.items()),
        total=memory_selectors.memories_of(user=request.user).count(),
        memory_max=MAX_MEMORY_CHARS,
    )
    return render(request, "web/coach/memories.html", context)


# --- /coach/lessons/ and /coach/lessons/<id>/ ------------------------------------------------


@teacher_page
def coach_lessons(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in LESSON_STATUSES:
        status = ""
    search = " ".join(request.GET.get("q", "").split())[:SEARCH_MAX]
    context = _base("lessons")
    context.update(
        rows=[
            {
                "lesson": lesson,
                "grade": grade_label(lesson.grade_level) if lesson.grade_level else "",
                "status": STATUS_LABELS.get(lesson.status, lesson.status),
            }
            for lesson in lesson_selectors.lessons_of(
                user=request.user, status=status or None, search=search
            )
        ],
        status=status,
        search=search,
        statuses=list(STATUS_LABELS.items()),
        subjects=subject_choices(),
        grades=grade_choices(),
        any_lessons=lesson_selectors.lessons_of(user=request.user).exists(),
    )
    return render(request, "web/coach/lessons.html", context)


def _lines(values) -> str:
    return "\n".join(str(value) for value in values or [])


@teacher_page
def coach_lesson(request: HttpRequest, lesson_id) -> HttpResponse:
    lesson = lesson_selectors.lesson_of(user=request.user, lesson_id=lesson_id)
    content = lesson.content or {}
    context = _base("lessons")
    context.update(
        lesson=lesson,
        duration=(lesson.metadata or {}).get("durationMinutes"),
        objectives=_lines(content.get("objectives")),
        materials=_lines(content.get("materials")),
        standards=_lines(content.get("standards")),
        differentiation=_lines(content.get("differentiation")),
        sections=content.get("sections") or [],
        assessment=content.get("assessment", ""),
        homework=content.get("homework", ""),
        status_label=STATUS_LABELS.get(lesson.status, lesson.status),
        # The status it has, then those it may move to.
        status_choices=[
            (status, STATUS_LABELS[status])
            for status in (lesson.status, *TRANSITIONS.get(lesson.status, ()))
        ],
        subjects=subject_choices(),
        grades=grade_choices(),
    )
    return render(request, "web/coach/lesson.html", context)


urlpatterns = [
    path("coach/", coach_home, name="coach_home"),
    path("coach/chat/<uuid:conversation_id>/", coach_chat, name="coach_chat"),
    path("coach/memories/", coach_memories, name="coach_memories"),
    path("coach/lessons/", coach_lessons, name="coach_lessons"),
    path("coach/lessons/<uuid:lesson_id>/", coach_lesson, name="coach_lesson"),
]
