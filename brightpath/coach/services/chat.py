"""A teacher's conversations with an assistant, one exchange at a time, nothing lost.

The order of one exchange is the point of this module:

1. `_prepare` (one transaction, under a lock on the conversation): the message
   is checked (1 to COACH_MESSAGE_MAX_CHARS characters), stored, and the
   assistant's reply is stored beside it as a "streaming" row. What the message
   says about the teacher is kept in their memories (`memory_record_exchange`,
   before the reply, so the reply can already use it: the extraction reads only
   the teacher's words, never the reply). Their best memories for the message
   are retrieved (`memory_retrieve`, which records each use) and their ids kept
   on the reply. This commits before any provider is called.
2. The provider answers (assistant/provider.py), whole or streamed, with no
   database lock held.
3. `_finish` (one transaction) completes the reply, or marks it "failed" with
   the reason, keeping any text that was streamed. A failed reply is retried in
   place (`reply_retry`); its earlier attempt is kept in its metadata.

A conversation has at most one reply in progress: a second message meanwhile is
a 409. A reply left "streaming" by a process that died is marked failed after
STALE_AFTER, so it can be retried.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from brightpath.coach import assistant as a
from brightpath.coach.assistant import provider as providers
from brightpath.coach.models import AssistantProfile, Conversation, Lesson, Message, UserMemory
from brightpath.coach.selectors.assistants import assistant_of, capability_kinds
from brightpath.coach.selectors.conversations import conversation_of, messages_of
from brightpath.coach.selectors.lessons import lessons_of
from brightpath.coach.services.memory import (
    MAX_QUERY_CHARS,
    MemoryChange,
    memory_record_exchange,
    memory_retrieve,
)
from brightpath.coach.services.teachers import teacher_ensure
from brightpath.common.errors import Conflict, Invalid, NotFound
from brightpath.common.llm import LLMUnavailable

logger = logging.getLogger(__name__)

TITLE_MAX = 200
AUTO_TITLE_CHARS = 60
STALE_AFTER = dt.timedelta(minutes=10)
HISTORY_MESSAGES = 12
LESSONS_FOR_ASSISTANT = 50
EXCERPT_CHARS = 300
INTERNAL_ERROR = "the assistant failed unexpectedly"


@dataclass
class Exchange:
    """One exchange: the teacher's message (None when a reply was retried), the reply,
    the memories the assistant was given, and what the message changed in them."""

    conversation: Conversation
    teacher_message: Message | None
    reply: Message
    memories: list[UserMemory] = field(default_factory=list)
    changes: list[MemoryChange] = field(default_factory=list)


@dataclass
class _Prepared:
    exchange: Exchange
    request: a.Request
    profile: AssistantProfile


def message_limit() -> int:
    return int(settings.COACH_MESSAGE_MAX_CHARS)


# --- conversations ----------------------------------------------------------------------


def _clean_title(title, errors: dict) -> str:
    if not isinstance(title, str) or not title.strip():
        errors["title"] = ["This field may not be blank."]
        return ""
    title = " ".join(title.split())
    if len(title) > TITLE_MAX:
        errors["title"] = [f"At most {TITLE_MAX} characters."]
    return title


@transaction.atomic
def conversation_start(
    *, teacher, assistant_id, title: str | None = None, now: dt.datetime | None = None
) -> Conversation:
    """Start talking with an assistant the teacher can use (a catalogue one, or their own)."""
    teacher_ensure(user=teacher)
    try:
        profile = assistant_of(user=teacher, assistant_id=assistant_id)
    except NotFound as exc:
        raise NotFound("There is no such assistant.", code="assistant_not_found") from exc
    errors: dict[str, list[str]] = {}
    clean = _clean_title(title, errors) if title is not None else profile.name
    if errors:
        raise Invalid(errors)
    return Conversation.objects.create(
        user=teacher,
        assistant_profile=profile,
        title=clean,
        last_message_at=now or timezone.now(),
    )


@transaction.atomic
def conversation_rename(*, teacher, conversation_id, title: str) -> Conversation:
    conversation = conversation_of(user=teacher, conversation_id=conversation_id, for_update=True)
    errors: dict[str, list[str]] = {}
    conversation.title = _clean_title(title, errors)
    if errors:
        raise Invalid(errors)
    conversation.save(update_fields=["title", "updated_at"])
    return conversation


@transaction.atomic
def conversation_delete(*, teacher, conversation_id) -> None:
    """Delete a conversation and its messages (memories learned from it stay: they
    are the teacher's, viewed and deleted on their own)."""
    conversation_of(user=teacher, conversation_id=conversation_id, for_update=True).delete()


# --- the assistant's view of the teacher ---------------------------------------------------


def _capability(row) -> a.Capability:
    parameters = row.parameters or {}
    keywords = parameters.get("keywords") or []
    return a.Capability(
        name=row.name,
        description=row.description,
        template=str(parameters.get("template", "")),
        keywords=tuple(str(k) for k in keywords),
        instructions=str(parameters.get("instructions", "")),
        defaults=dict(parameters.get("defaults") or {}),
        priority=row.priority,
    )


def _assistant(profile: AssistantProfile) -> a.Assistant:
    config = profile.configuration or {}
    band = config.get("gradeBand") or {}
    enabled = sorted(
        (c for c in profile.capabilities.all() if c.is_enabled), key=lambda c: (c.priority, c.name)
    )
    return a.Assistant(
        name=profile.name,
        description=profile.description,
        tone=str(config.get("tone", "warm")),
        grade_from=str(band.get("from", "")),
        grade_to=str(band.get("to", "")),
        subjects=tuple(s.name for s in profile.subjects.all()),
        instructions=str(config.get("instructions", "")),
        capabilities=tuple(_capability(c) for c in enabled),
    )


def _lesson(row: Lesson) -> a.Lesson:
    content = row.content or {}
    return a.Lesson(
        id=str(row.id),
        title=row.title,
        description=row.description,
        subject=row.subject_category.name if row.subject_category else "",
        grade_level=row.grade_level,
        status=row.status,
        objectives=tuple(content.get("objectives") or ()),
        materials=tuple(content.get("materials") or ()),
        standards=tuple(content.get("standards") or ()),
        sections=tuple(
            a.Section(str(s.get("title", "")), s.get("minutes"), str(s.get("body", "")))
            for s in content.get("sections") or ()
            if isinstance(s, dict)
        ),
        assessment=str(content.get("assessment") or ""),
        homework=str(content.get("homework") or ""),
        duration_minutes=(row.metadata or {}).get("durationMinutes"),
    )


def _request(
    teacher,
    conversation: Conversation,
    profile: AssistantProfile,
    text: str,
    memories: list[UserMemory],
    changes: list[MemoryChange],
    before_position: int,
) -> a.Request:
    assistant = _assistant(profile)
    have = {c.name for c in assistant.capabilities}
    others = tuple(_capability(row) for name, row in capability_kinds().items() if name not in have)
    history = (
        messages_of(conversation=conversation)
        .filter(position__lt=before_position, status="complete")
        .order_by("-position")[:HISTORY_MESSAGES]
    )
    lessons = lessons_of(user=teacher).exclude(status="archived")[:LESSONS_FOR_ASSISTANT]
    profile_row = teacher_ensure(user=teacher)
    return a.Request(
        message=text,
        assistant=assistant,
        lessons=tuple(_lesson(row) for row in lessons),
        memories=tuple(
            a.Remembered(str(m.id), m.content, m.category, tuple(m.tags or ())) for m in memories
        ),
        history=tuple(a.Turn(m.role, m.content) for m in reversed(list(history))),
        noted=tuple(c.memory.content for c in changes if c.action in ("created", "updated")),
        teacher_grades=tuple(profile_row.grade_levels or ()),
        teacher_subjects=tuple(profile_row.subjects or ()),
        other_capabilities=others,
    )


def _retrieve(teacher, text: str, now: dt.datetime) -> list[UserMemory]:
    """The teacher's best memories for `text` (each use recorded), by embeddings when an
    embeddings model is configured and answers, else by BM25."""
    query = text[:MAX_QUERY_CHARS]
    k = int(settings.COACH_MEMORIES_PER_ANSWER)
    embed = providers.embedder()
    if embed is not None:
        try:
            return [
                r.memory
                for r in memory_retrieve(teacher=teacher, query=query, k=k, now=now, embed=embed)
            ]
        except LLMUnavailable as exc:
            logger.warning("coach: embeddings unavailable (%s), ranking by BM25", exc.reason)
    return [r.memory for r in memory_retrieve(teacher=teacher, query=query, k=k, now=now)]


def _remember_and_recall(
    teacher, profile: AssistantProfile | None, text: str, now: dt.datetime
) -> tuple[list[MemoryChange], list[UserMemory]]:
    """Keep what `text` says about the teacher (unless `profile` is None: a retry, whose
    message was kept already), then retrieve their best memories for it. Memory is a
    help, not a condition: if either step fails, the exchange goes on without it (each
    in its own savepoint, so the teacher's message is still stored)."""
    changes: list[MemoryChange] = []
    if profile is not None:
        try:
            with transaction.atomic():
                changes = memory_record_exchange(
                    teacher=teacher, teacher_message=text, assistant=profile, at=now
                )
        except Exception:
            logger.exception("coach: keeping the exchange's memories failed")
    try:
        with transaction.atomic():
            memories = _retrieve(teacher, text, now)
    except Exception:
        logger.exception("coach: retrieving memories failed")
        memories = []
    return changes, memories


# --- one exchange ----------------------------------------------------------------------------


def _usable_assistant(teacher, conversation: Conversation) -> AssistantProfile:
    profile = conversation.assistant_profile
    if profile is not None:
        try:
            return assistant_of(user=teacher, assistant_id=profile.pk)
        except NotFound:
            pass
    raise Conflict(
        "This conversation's assistant is no longer available; start a new conversation.",
        code="assistant_unavailable",
    )


def _check_text(text) -> str:
    limit = message_limit()
    if not isinstance(text, str) or not text.strip():
        raise Invalid({"content": ["Type a message."]})
    text = text.strip()
    if len(text) > limit:
        raise Invalid({"content": [f"At most {limit} characters (this has {len(text)})."]})
    return text


def _settle_pending(conversation: Conversation, now: dt.datetime, *, exclude=None) -> None:
    """Mark a reply left streaming too long as failed; refuse while another is in progress."""
    pending = Message.objects.filter(conversation=conversation, status="streaming")
    if exclude is not None:
        pending = pending.exclude(pk=exclude.pk)
    pending.filter(created_at__lt=now - STALE_AFTER).update(
        status="failed", error="interrupted before it finished", completed_at=now
    )
    if pending.filter(status="streaming").exists():
        raise Conflict(
            "The assistant is still answering your last message in this conversation.",
            code="reply_in_progress",
        )


def _next_position(conversation: Conversation) -> int:
    top = Message.objects.filter(conversation=conversation).aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


def _auto_title(conversation: Conversation, profile: AssistantProfile, text: str) -> None:
    if (
        conversation.title == profile.name
        and not Message.objects.filter(conversation=conversation).exists()
    ):
        words = " ".join(text.split())
        if len(words) > AUTO_TITLE_CHARS:
            words = words[:AUTO_TITLE_CHARS].rsplit(" ", 1)[0] + "\u2026"
        conversation.title = words


@transaction.atomic
def _prepare(*, teacher, conversation_id, content, now: dt.datetime) -> _Prepared:
    text = _check_text(content)
    conversation = conversation_of(user=teacher, conversation_id=conversation_id, for_update=True)
    profile = _usable_assistant(teacher, conversation)
    _settle_pending(conversation, now)
    now = max(now, conversation.last_message_at)
    position = _next_position(conversation)
    _auto_title(conversation, profile, text)
    teacher_message = Message.objects.create(
        conversation=conversation, position=position, role="user", content=text, created_at=now
    )
    reply = Message.objects.create(
        conversation=conversation,
        position=position + 1,
        role="assistant",
        status="streaming",
        created_at=now,
    )
    changes, memories = _remember_and_recall(teacher, profile, text, now)
    reply.memory_ids = [str(m.id) for m in memories]
    reply.save(update_fields=["memory_ids"])
    conversation.last_message_at = now
    conversation.save(update_fields=["title", "last_message_at", "updated_at"])
    request = _request(teacher, conversation, profile, text, memories, changes, position)
    exchange = Exchange(conversation, teacher_message, reply, memories, changes)
    return _Prepared(exchange, request, profile)


@transaction.atomic
def _prepare_retry(*, teacher, conversation_id, message_id, now: dt.datetime) -> _Prepared:
    conversation = conversation_of(user=teacher, conversation_id=conversation_id, for_update=True)
    try:
        reply = Message.objects.get(conversation=conversation, id=message_id)
    except (Message.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound() from exc
    profile = _usable_assistant(teacher, conversation)
    _settle_pending(conversation, now, exclude=reply)
    if reply.role != "assistant" or reply.status == "complete":
        raise Conflict("Only a failed reply can be retried.", code="not_retryable")
    if reply.status == "streaming" and reply.created_at >= now - STALE_AFTER:
        raise Conflict("This reply is still being written.", code="reply_in_progress")
    asked = (
        Message.objects.filter(conversation=conversation, position__lt=reply.position, role="user")
        .order_by("-position")
        .first()
    )
    if asked is None:
        raise Conflict("There is no message of yours to answer.", code="not_retryable")
    attempts = list((reply.metadata or {}).get("attempts", []))
    attempts.append(
        {
            "at": (reply.completed_at or reply.created_at).isoformat(),
            "error": reply.error or "interrupted before it finished",
            "content": reply.content[:EXCERPT_CHARS],
        }
    )
    _, memories = _remember_and_recall(teacher, None, asked.content, now)
    reply.metadata = {"attempts": attempts[-10:]}
    reply.status, reply.content, reply.error = "streaming", "", ""
    reply.provider, reply.tokens_used, reply.latency_ms, reply.completed_at = "", None, None, None
    reply.memory_ids = [str(m.id) for m in memories]
    reply.created_at = max(now, reply.created_at)
    reply.save()
    request = _request(teacher, conversation, profile, asked.content, memories, [], asked.position)
    return _Prepared(Exchange(conversation, None, reply, memories, []), request, profile)


@transaction.atomic
def _finish(prepared: _Prepared, result: providers.Reply, now: dt.datetime) -> Message:
    reply = Message.objects.select_for_update().get(pk=prepared.exchange.reply.pk)
    reply.content = result.text
    reply.status = "failed" if result.failed or not result.text.strip() else "complete"
    reply.error = (result.error or ("empty answer" if reply.status == "failed" else ""))[:200]
    reply.provider = result.provider
    reply.tokens_used = result.tokens_used
    reply.latency_ms = result.latency_ms
    metadata = {
        **(reply.metadata or {}),
        "capability": result.capability,
        "model": result.model,
    }
    if result.fallback:
        metadata["fallback"] = result.fallback
    reply.metadata = metadata
    reply.completed_at = now
    reply.save()
    Conversation.objects.filter(pk=reply.conversation_id).update(last_message_at=now)
    prepared.exchange.reply = reply
    prepared.exchange.conversation.refresh_from_db()
    return reply


def _options(profile: AssistantProfile) -> dict:
    return {
        "max_tokens": profile.max_tokens,
        "temperature": profile.temperature,
        "fallback": bool(settings.COACH_LLM_FALLBACK),
    }


def _answer(prepared: _Prepared) -> Exchange:
    try:
        result = providers.answer(prepared.request, **_options(prepared.profile))
    except Exception:
        # Whatever went wrong, the teacher's message stays and the reply can be retried.
        logger.exception("coach: the assistant failed")
        result = providers.Reply("", "offline", "", None, error=INTERNAL_ERROR)
    _finish(prepared, result, timezone.now())
    return prepared.exchange


def message_send(*, teacher, conversation_id, content, now: dt.datetime | None = None) -> Exchange:
    """The teacher's message and the assistant's whole reply (complete, or failed)."""
    prepared = _prepare(
        teacher=teacher, conversation_id=conversation_id, content=content, now=now or timezone.now()
    )
    return _answer(prepared)


def reply_retry(
    *, teacher, conversation_id, message_id, now: dt.datetime | None = None
) -> Exchange:
    """Answer a failed reply's message again, in place."""
    prepared = _prepare_retry(
        teacher=teacher,
        conversation_id=conversation_id,
        message_id=message_id,
        now=now or timezone.now(),
    )
    return _answer(prepared)


# --- streaming -----------------------------------------------------------------------------


class ExchangeStream:
    """An exchange as events, for a server-sent event stream:

    ("start", Exchange) once the messages are stored; ("delta", str) for each piece
    of the reply's text; then ("done", Exchange) or ("failed", Exchange) once the
    reply is stored. If the client goes away mid-stream, the reply is stored as
    failed with what was written so far.
    """

    def __init__(self, prepared: _Prepared):
        self.prepared = prepared

    @property
    def exchange(self) -> Exchange:
        return self.prepared.exchange

    def __iter__(self) -> Iterator[tuple[str, object]]:
        yield "start", self.exchange
        streamed = providers.StreamedReply(self.prepared.request, **_options(self.prepared.profile))
        sent: list[str] = []
        try:
            for delta in streamed:
                sent.append(delta)
                yield "delta", delta
            result = streamed.result
        except GeneratorExit:
            provider = "openai" if providers.language_model() is not None else "offline"
            cut = providers.Reply("".join(sent), provider, "", None, error="the connection closed")
            _finish(self.prepared, cut, timezone.now())
            raise
        except Exception:
            logger.exception("coach: the assistant failed while streaming")
            result = providers.Reply("".join(sent), "offline", "", None, error=INTERNAL_ERROR)
        reply = _finish(self.prepared, result, timezone.now())
        yield ("done" if reply.status == "complete" else "failed"), self.exchange


def message_stream(
    *, teacher, conversation_id, content, now: dt.datetime | None = None
) -> ExchangeStream:
    """Store the teacher's message now (bad input raises here, before any stream) and
    return the reply's stream."""
    return ExchangeStream(
        _prepare(
            teacher=teacher,
            conversation_id=conversation_id,
            content=content,
            now=now or timezone.now(),
        )
    )


def reply_retry_stream(
    *, teacher, conversation_id, message_id, now: dt.datetime | None = None
) -> ExchangeStream:
    return ExchangeStream(
        _prepare_retry(
            teacher=teacher,
            conversation_id=conversation_id,
            message_id=message_id,
            now=now or timezone.now(),
        )
    )
