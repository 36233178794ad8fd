"""Conversations: a child talks with the guide, one safe exchange at a time.

The order of one exchange (`message_send`) is the point of this module:

1. Lock the conversation's row, so two sends on one conversation take turns at
   each write and neither loses the other's counts.
2. Parental consent must be in force (revoking it stops collection at once),
   the conversation open, the child under the day's time cap and not in the
   bedtime the parent set.
3. The child's turn is read: free text (1-500 characters after trimming) or a
   button of the guide's last message (`choice_index`).
4. The safety filter reads the child's text *before anything is stored*. A
   blocked text is kept for the parent (`was_filtered`, `filter_reason`
   "<category>: <reason>"), the guide's kind redirect is the reply, the text
   never reaches the guide, and nothing counts toward progress.
5. Otherwise the child's message is stored and committed, and the guide
   (offline, or an LLM the parent consented to) answers *with no transaction
   open* (a slow model holds no lock), from a GuideContext that never holds
   filtered text; its answer passes the safety filter too, and a blocked answer
   is replaced (by the offline guide's, else a fixed safe one) and marked.
6. The row is locked again; consent and the conversation's being open are
   checked again (withdrawn or ended meanwhile: the reply is not stored); the
   reply is stored, the conversation's counts move, and progress, streak and
   rewards are recorded (services/progress.py).

Time: `duration_seconds` grows by the gap since the last message, at most five
minutes a gap (a child who walked away is not "exploring"). The daily cap sums
the gaps that fell on the parent's local today, whenever the conversation
started (selectors/conversations.time_used_seconds); it counts screen time, so
blocked turns count in it too.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from brightpath.common.errors import Conflict, Forbidden, Invalid, NotFound
from brightpath.spark.guide import (
    Choice,
    GuideContext,
    GuideReply,
    SparkMaterial,
    TopicMaterial,
    Turn,
)
from brightpath.spark.guide.select import guide_opening, guide_reply
from brightpath.spark.models import BrainSpark, Child, Conversation, Message, Topic
from brightpath.spark.questions import is_question
from brightpath.spark.safety import Verdict, check_child_message, check_guide_reply
from brightpath.spark.selectors.children import (
    bedtime,
    coppa_consent,
    is_bedtime,
    llm_sharing_allowed,
    require_consent,
)
from brightpath.spark.selectors.conversations import (
    GAP_CAP_SECONDS,
    conversation_messages,
    time_used_seconds,
)
from brightpath.spark.selectors.dashboard import flag_get
from brightpath.spark.selectors.sparks import spark_today
from brightpath.spark.selectors.topics import (
    constellation,
    related_unlocked,
    topic_for_child,
    topic_open,
    topic_unlocked,
)

from .children import daily_limit_minutes
from .progress import progress_record

TEXT_MAX = 500
# The guide sees the whole conversation (bounded: the daily cap keeps talks short),
# so it never says the same fact twice; the LLM guide sends only the last turns.
HISTORY_TURNS = 80
FALLBACK_TEXT = "Hmm, let me think about that a different way. What would you like to do next?"
FALLBACK_CHOICES = (Choice("Tell me more", "deeper"), Choice("I'm done for now", "end"))


def _check_open_to_child(child: Child, now: dt.datetime) -> None:
    """The child may explore now: not at bedtime, and under the day's time cap."""
    if is_bedtime(child, now):
        _start, end = bedtime(child)
        raise Forbidden(
            "It's bedtime! Sleep well, and come back in the morning to explore.",
            code="bedtime",
            bedtimeEnd=end.strftime("%H:%M"),
        )
    _check_time_left(child, now)


def _check_time_left(child: Child, now: dt.datetime) -> None:
    limit = daily_limit_minutes(child) * 60
    if time_used_seconds(child=child, now=now) >= limit:
        raise Forbidden(
            "That's all the exploring for today. Come back tomorrow for more!",
            code="time_limit_reached",
            limitMinutes=limit // 60,
        )


# --- the guide's context ---------------------------------------------------------


def _material(topic: Topic | None) -> TopicMaterial | None:
    if topic is None:
        return None
    return TopicMaterial(
        slug=topic.slug,
        name=topic.name,
        category=topic.category,
        description=topic.description,
        metadata=topic.metadata or {},
    )


def _spark_material(spark: BrainSpark | None) -> SparkMaterial | None:
    if spark is None:
        return None
    return SparkMaterial(
        spark_type=spark.spark_type,
        question=spark.question,
        hints=tuple(spark.hints or ()),
        follow_ups=tuple(spark.follow_ups or ()),
    )


def _history(conversation: Conversation) -> tuple[Turn, ...]:
    """The last turns the guide may see: a blocked child message and the redirect
    that answered it are left out, so filtered text never reaches the guide."""
    turns: list[Turn] = []
    skip_reply = False
    recent = conversation_messages(conversation=conversation).reverse()[: HISTORY_TURNS * 4]
    for message in reversed(list(recent)):
        if message.role == "user" and message.was_filtered:
            skip_reply = True
            continue
        if message.role == "assistant" and skip_reply:
            skip_reply = False
            continue
        if message.role in ("user", "assistant"):
            turns.append(Turn(role=message.role, content=message.content))
    return tuple(turns[-HISTORY_TURNS:])


def _context(
    child: Child,
    topic: Topic | None,
    spark: BrainSpark | None,
    *,
    depth: int = 0,
    history: tuple[Turn, ...] = (),
) -> GuideContext:
    related = related_unlocked(child=child, topic=topic) if topic is not None else []
    return GuideContext(
        age_group=child.age_group,
        child_name=child.name,
        topic=_material(topic),
        spark=_spark_material(spark),
        depth=depth,
        interests=tuple(str(i) for i in (child.interests or ())),
        related=tuple((t.slug, t.name) for t in related),
        history=history,
    )


def _reply_text(reply: GuideReply) -> str:
    return "\n".join([reply.content, *(choice.label for choice in reply.choices)])


def _fallback() -> GuideReply:
    return GuideReply(
        content=FALLBACK_TEXT, choices=list(FALLBACK_CHOICES), deeper=False, provider="fallback"
    )


def _safe(ask: Callable[[bool], GuideReply], llm_allowed: bool) -> tuple[GuideReply, str, int]:
    """The guide's answer once the safety filter passed it: (reply, filter_reason, ms).

    A blocked answer from an LLM is asked again of the offline guide; a blocked
    offline answer (or a second block) becomes a fixed safe reply."""
    started = time.perf_counter()
    reply = ask(llm_allowed)
    reason = ""
    verdict = check_guide_reply(_reply_text(reply))
    if not verdict.allowed:
        reason = f"guide reply replaced ({_reason(verdict)})"
        reply = ask(False) if reply.provider != "offline" else _fallback()
        if reply.provider != "fallback" and not check_guide_reply(_reply_text(reply)).allowed:
            reply = _fallback()
    return reply, reason, round((time.perf_counter() - started) * 1000)


def _reason(verdict: Verdict) -> str:
    return f"{verdict.category}: {verdict.reason}" if verdict.category else verdict.reason


# --- starting ----------------------------------------------------------------------


def _topic_to_explore(child: Child, topic: Topic | str) -> Topic:
    found = (
        topic
        if isinstance(topic, Topic) and topic_open(topic, child.age_group)
        else topic_for_child(child=child, slug=topic)
        if isinstance(topic, str)
        else None
    )
    if found is None:
        raise NotFound("There is no such topic to explore.", code="topic_not_found")
    if not topic_unlocked(child, found):
        star = next(s for s in constellation(child=child) if s.topic.id == found.id)
        raise Forbidden(
            f"{found.name} is still locked. {star.unlock_hint} to unlock it.",
            code="topic_locked",
            unlockHint=star.unlock_hint,
        )
    return found


def _todays_spark(child: Child, asked: BrainSpark | bool, now: dt.datetime) -> BrainSpark:
    spark = spark_today(child=child, now=now)
    if spark is None or (isinstance(asked, BrainSpark) and asked.pk != spark.pk):
        raise NotFound("There is no brain spark for today.", code="spark_not_found")
    return spark


def conversation_start(
    *,
    child: Child,
    topic: Topic | str | None = None,
    brain_spark: BrainSpark | bool | None = None,
    now: dt.datetime | None = None,
) -> Conversation:
    """Start exploring a topic (a Topic or its slug), or today's brain spark
    (`brain_spark=True`, or today's BrainSpark); the guide's opening is stored.

    The guide (perhaps a model across the network) writes the opening with no
    transaction open; consent is checked again before anything is stored."""
    now = now or timezone.now()
    require_consent(user=child.parent)
    spark = None
    if brain_spark:
        spark = _todays_spark(child, brain_spark, now)
        # The spark's topic counts as explored only where the child could go anyway.
        subject = spark.topic
        if subject is not None and not (
            topic_open(subject, child.age_group) and topic_unlocked(child, subject)
        ):
            subject = None
    elif topic is None or topic == "":
        raise Invalid({"topic": ["Choose a topic to explore, or today's spark."]})
    else:
        subject = _topic_to_explore(child, topic)
    _check_open_to_child(child, now)

    context = _context(child, subject, spark)
    reply, reason, ms = _safe(
        lambda llm: guide_opening(context, llm_allowed=llm),
        llm_sharing_allowed(user=child.parent),
    )
    return _conversation_store(
        child=child, subject=subject, spark=spark, reply=(reply, reason, ms), now=now
    )


@transaction.atomic
def _conversation_store(
    *,
    child: Child,
    subject: Topic | None,
    spark: BrainSpark | None,
    reply: tuple[GuideReply, str, int],
    now: dt.datetime,
) -> Conversation:
    """The new conversation and the guide's opening, unless consent was withdrawn
    while the guide wrote it (then nothing is stored)."""
    require_consent(user=child.parent)
    answer, reason, ms = reply
    conversation = Conversation.objects.create(
        child=child,
        topic=subject,
        brain_spark=spark,
        conversation_type="brain_spark" if spark else "exploration",
        started_at=now,
        last_message_at=now,
        metadata={"provider": answer.provider},
    )
    _guide_message(conversation, answer, now, ms, reason)
    Child.objects.filter(pk=child.pk).update(last_active_at=now)
    return conversation


def _guide_message(
    conversation: Conversation, reply: GuideReply, at: dt.datetime, ms: int | None, reason: str
) -> Message:
    return Message.objects.create(
        conversation=conversation,
        role="assistant",
        content=reply.content,
        choices=[choice.as_json() for choice in reply.choices],
        tokens_used=reply.tokens_used,
        processing_time_ms=ms,
        was_filtered=bool(reason),
        filter_reason=reason,
        created_at=at,
    )


# --- one exchange ------------------------------------------------------------------


def _choice(stored: dict) -> Choice:
    """A stored button (Message.choices item) as the guide's Choice."""
    return Choice(
        label=str(stored.get("label", "")),
        kind=str(stored.get("kind", "deeper")),
        topic=stored.get("topic"),
    )


def _turn(
    text: str | None, choice_index: int | None, last_guide: Message | None
) -> tuple[str, Choice | None]:
    """The child's turn as (text, the button pressed or None), or Invalid naming the field."""
    if choice_index is not None:
        if text not in (None, ""):
            raise Invalid({"choiceIndex": ["Send either a message or a choice, not both."]})
        choices = (last_guide.choices if last_guide else None) or []
        if isinstance(choice_index, bool) or not isinstance(choice_index, int):
            raise Invalid({"choiceIndex": ["A choice's number."]})
        if not choices:
            raise Invalid({"choiceIndex": ["There is no choice to pick now."]})
        if not 0 <= choice_index < len(choices):
            raise Invalid({"choiceIndex": [f"Pick a choice from 0 to {len(choices) - 1}."]})
        choice = _choice(choices[choice_index])
        return choice.label, choice
    stripped = (text or "").strip() if isinstance(text, str) else ""
    if not stripped:
        raise Invalid({"text": ["Type a message or pick a choice."]})
    if len(stripped) > TEXT_MAX:
        raise Invalid({"text": [f"At most {TEXT_MAX} characters (this has {len(stripped)})."]})
    return stripped, None


def _later(now: dt.datetime, ms: int) -> dt.datetime:
    """When the reply was ready: after the child's message, never at the same instant."""
    return now + dt.timedelta(microseconds=max(1, ms * 1000))


@dataclass
class _ChildTurn:
    """The child's turn, stored (the first step of an exchange), and what the guide
    needs to answer it; `reply` is already set when the safety filter blocked it."""

    conversation_id: object
    message: Message
    choice: Choice | None
    context: GuideContext | None = None
    llm_allowed: bool = False
    reply: Message | None = None


def message_send(
    *,
    conversation: Conversation,
    text: str | None = None,
    choice_index: int | None = None,
    now: dt.datetime | None = None,
) -> list[Message]:
    """One exchange: the child's message and the guide's reply (see the module's
    docstring for the order of checks). Returns [child's message, guide's reply].

    Three steps, so that no transaction is open while the guide (perhaps a model
    across the network) thinks: the child's message is checked and stored under
    the conversation's row lock and committed; the guide answers; the row is
    locked again, consent and the conversation's being open are checked again,
    and the reply and the counts are stored. Two sends at once both count."""
    turn = _child_turn(
        conversation=conversation, text=text, choice_index=choice_index, now=now or timezone.now()
    )
    if turn.reply is not None:
        return [turn.message, turn.reply]
    context, content, choice = turn.context, turn.message.content, turn.choice
    reply = _safe(
        lambda llm: guide_reply(context, content, choice, llm_allowed=llm), turn.llm_allowed
    )
    return [turn.message, _guide_turn(turn=turn, reply=reply)]


@transaction.atomic
def _child_turn(
    *, conversation: Conversation, text: str | None, choice_index: int | None, now: dt.datetime
) -> _ChildTurn:
    """Check and store the child's turn (the first step of `message_send`)."""
    conversation = (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("child__parent", "topic", "brain_spark")
        .get(pk=conversation.pk)
    )
    child = conversation.child
    # The child's turn comes after the guide's last message, even at the same instant.
    now = max(now, conversation.last_message_at + dt.timedelta(microseconds=1))
    require_consent(user=child.parent)
    _check_open(conversation)
    _check_open_to_child(child, now)
    last_guide = conversation_messages(conversation=conversation).filter(role="assistant").last()
    content, choice = _turn(text, choice_index, last_guide)

    gap = (now - conversation.last_message_at).total_seconds()
    conversation.duration_seconds += round(min(max(gap, 0), GAP_CAP_SECONDS))
    child_message = Message(
        conversation=conversation,
        role="user",
        content=content,
        selected_choice_index=choice_index if choice is not None else None,
        is_free_form=choice is None,
        created_at=now,
    )
    turn = _ChildTurn(conversation_id=conversation.pk, message=child_message, choice=choice)

    verdict = check_child_message(content, age_group=child.age_group)
    if not verdict.allowed:
        child_message.was_filtered = True
        child_message.filter_reason = _reason(verdict)
        child_message.save()
        reply = GuideReply(
            content=verdict.redirect or FALLBACK_TEXT,
            choices=[_choice(c) for c in (last_guide.choices if last_guide else None) or []]
            or list(FALLBACK_CHOICES),
            deeper=False,
            provider="safety",
        )
        turn.reply = _guide_message(conversation, reply, _later(now, 0), 0, "")
        conversation.last_message_at = turn.reply.created_at
        conversation.metadata = {
            **conversation.metadata,
            "flagged": conversation.metadata.get("flagged", 0) + 1,
        }
        conversation.save(update_fields=["duration_seconds", "last_message_at", "metadata"])
        return turn

    # The guide's context is read before the child's message is stored: the history
    # is what came before, and the child's words go to the guide once, as the turn.
    turn.context = _context(
        child,
        conversation.topic,
        conversation.brain_spark,
        depth=conversation.depth_reached,
        history=_history(conversation),
    )
    turn.llm_allowed = llm_sharing_allowed(user=child.parent)
    child_message.save()
    conversation.last_message_at = now
    conversation.save(update_fields=["duration_seconds", "last_message_at"])
    return turn


@transaction.atomic
def _guide_turn(*, turn: _ChildTurn, reply: tuple[GuideReply, str, int]) -> Message:
    """Store the guide's answer and the exchange's counts (the last step of
    `message_send`), if consent is still in force and the conversation still open."""
    answer, reason, ms = reply
    conversation = (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("child__parent", "topic")
        .get(pk=turn.conversation_id)
    )
    child = conversation.child
    require_consent(user=child.parent)
    _check_open(conversation)
    now = turn.message.created_at
    # After every message stored meanwhile (another send of the same conversation).
    at = max(_later(now, ms), conversation.last_message_at + dt.timedelta(microseconds=1))
    reply_message = _guide_message(conversation, answer, at, ms, reason)

    conversation.depth_reached += 1 if answer.deeper else 0
    conversation.questions_asked += 1 if is_question(turn.message.content) else 0
    conversation.aha_moments += 1 if answer.aha else 0
    conversation.last_message_at = reply_message.created_at
    conversation.metadata = {**conversation.metadata, "provider": answer.provider}
    if turn.choice is not None and turn.choice.kind == "end":
        conversation.ended_at = reply_message.created_at
        conversation.summary = _summary(conversation)
    conversation.save()
    progress_record(child=child, conversation=conversation, topic=conversation.topic, now=now)
    Child.objects.filter(pk=child.pk).update(last_active_at=now)
    return reply_message


def _check_open(conversation: Conversation) -> None:
    if conversation.ended_at is not None:
        raise Conflict("This conversation has ended; start a new one.", code="conversation_ended")


def _summary(conversation: Conversation) -> str:
    about = conversation.topic.name if conversation.topic else "the brain spark"
    questions = conversation.questions_asked
    return (
        f"Explored {about} to depth {conversation.depth_reached}, "
        f"with {questions} question{'s' if questions != 1 else ''} "
        f"and {conversation.aha_moments} aha moment{'s' if conversation.aha_moments != 1 else ''}."
    )


@transaction.atomic
def conversation_end(*, conversation: Conversation, now: dt.datetime | None = None) -> Conversation:
    """Close a conversation (twice is once). Its last minutes are credited to the
    topic's progress, unless consent was withdrawn meanwhile (nothing is collected then)."""
    now = now or timezone.now()
    conversation = (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("child__parent", "topic")
        .get(pk=conversation.pk)
    )
    if conversation.ended_at is not None:
        return conversation
    consented = coppa_consent(user=conversation.child.parent) is not None
    if consented:
        gap = (now - conversation.last_message_at).total_seconds()
        conversation.duration_seconds += round(min(max(gap, 0), GAP_CAP_SECONDS))
    conversation.ended_at = max(now, conversation.last_message_at)
    conversation.summary = _summary(conversation)
    conversation.save()
    if consented and (conversation.metadata.get("credited") or {}).get("counted"):
        # Dated at the last exchange: ending it later does not count another streak day.
        progress_record(
            child=conversation.child,
            conversation=conversation,
            topic=conversation.topic,
            now=conversation.last_message_at,
        )
    return conversation


# --- the parent's review of flags ----------------------------------------------------


@transaction.atomic
def flag_review(*, user, message_id, now: dt.datetime | None = None) -> Message:
    """The parent has seen a flagged message (the first review's time is kept)."""
    message = flag_get(user=user, message_id=message_id, for_update=True)
    if message.reviewed_at is None:
        message.reviewed_at = now or timezone.now()
        message.save(update_fields=["reviewed_at"])
    return message
