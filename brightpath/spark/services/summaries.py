"""The nightly summaries a parent's dashboard reads: a child's day, and skill growth.

`daily_activity_build` sums one of the parent's local days from the
conversations started that day, their messages, and the rewards earned that
day; the time is the time spent that day (as the daily cap counts it: a talk
going past midnight counts its later minutes on the next day). A "session" is
a run of conversations with less than 30 minutes between the end of one and
the start of the next. Topics explored are those of the day's conversations
that went at least one step deep.

`cognitive_metrics_build` estimates five skills (0-100) from the child's own
messages in the 30 days ending on the day. It is a plain, explainable
heuristic, not a test: each score is a weighted sum of rates, each rate
divided by the level that counts as "a lot" and capped at 1.

- critical_thinking: why/how questions and "because" reasoning in the
  child's own words (free text), per conversation (2 a conversation is 100).
- creative_thinking: 60% story and what-if turns (a "story" button, "what if",
  "imagine"; 1 a conversation is full marks), 20% the length of free text
  (12 words on average is full), 20% its variety (distinct words / words,
  0.6 is full).
- logical_reasoning: 50% the share of conversations on logic topics or on a
  riddle spark (a third is full), 50% aha moments (1 a conversation is full).
- knowledge_connection: 50% jumps to related topics (a "related" button; 1 in
  2 conversations is full), 50% categories explored (all 5 is full).
- curiosity_index: 60% questions per conversation (3 is full), 40% new topics
  (first explored in the window; 5 is full).

`conversations_analyzed` is the number of conversations read, and
`confidence_level` (0-1) grows with the amount of data: the mean of
conversations/10 and child messages/50, each capped at 1. With no
conversation in the window there is nothing to estimate: no row (None).
Blocked messages are never read.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from brightpath.spark.models import (
    Child,
    CognitiveMetrics,
    Conversation,
    DailyActivity,
    Message,
    Reward,
)
from brightpath.spark.questions import why_how_words
from brightpath.spark.selectors.children import consenting_parents, local_today, parent_timezone
from brightpath.spark.selectors.conversations import active_seconds_by_day, local_day_bounds

logger = logging.getLogger(__name__)

SESSION_GAP = dt.timedelta(minutes=30)
WINDOW_DAYS = 30
_WORD = re.compile(r"[a-z']+")
_BECAUSE = re.compile(r"\b(because|cause|so that|that's why)\b")
_IMAGINE = re.compile(r"\b(what if|imagine|pretend|once upon)\b")


def _day_conversations(child: Child, day: dt.date) -> list[Conversation]:
    start, end = local_day_bounds(parent_timezone(child.parent), day)
    return list(
        Conversation.objects.filter(child=child, started_at__gte=start, started_at__lt=end)
        .select_related("brain_spark")
        .order_by("started_at")
    )


def _sessions(conversations: list[Conversation]) -> int:
    sessions, until = 0, None
    for conversation in conversations:
        if until is None or conversation.started_at - until >= SESSION_GAP:
            sessions += 1
        ended = conversation.ended_at or conversation.last_message_at
        until = ended if until is None else max(until, ended)
    return sessions


@transaction.atomic
def daily_activity_build(*, child: Child, day: dt.date) -> DailyActivity | None:
    """Write (or rewrite) the child's DailyActivity for `day`, the parent's local
    date. A day without conversations or rewards makes no row (an existing one is
    zeroed). Running it again gives the same row."""
    conversations = _day_conversations(child, day)
    tz = parent_timezone(child.parent)
    start, end = local_day_bounds(tz, day)
    seconds = active_seconds_by_day(children=[child], tz=tz, first=day, last=day)
    rewards = list(Reward.objects.filter(child=child, earned_at__gte=start, earned_at__lt=end))
    existing = DailyActivity.objects.filter(child=child, activity_date=day).first()
    if not conversations and not rewards and not seconds and existing is None:
        return None
    explored: list[str] = []
    for conversation in conversations:
        topic_id = str(conversation.topic_id)
        if conversation.topic_id and conversation.depth_reached >= 1 and topic_id not in explored:
            explored.append(topic_id)
    values = {
        "total_time_seconds": seconds.get((child.pk, day), 0),
        "session_count": _sessions(conversations),
        "conversations_started": len(conversations),
        "questions_asked": sum(c.questions_asked for c in conversations),
        "depth_increases": sum(c.depth_reached for c in conversations),
        "aha_moments": sum(c.aha_moments for c in conversations),
        "topics_explored": explored,
        "new_topics_unlocked": [
            r.metadata.get("topicId") for r in rewards if r.reward_type == "unlock"
        ],
        "brain_spark_completed": any(
            c.brain_spark_id and c.depth_reached >= 1 for c in conversations
        ),
        "stars_earned": sum(r.star_value for r in rewards),
        "badges_earned": sorted(r.reward_id for r in rewards if r.reward_type == "badge"),
    }
    row, _ = DailyActivity.objects.update_or_create(child=child, activity_date=day, defaults=values)
    return row


# --- cognitive metrics ---------------------------------------------------------------


def _rate(value: float, full: float) -> float:
    return min(1.0, value / full) if full else 0.0


def _score(*parts: tuple[float, float]) -> int:
    """Weighted rates (weight, rate in 0-1) as a 0-100 score."""
    return round(100 * sum(weight * rate for weight, rate in parts))


def _kind_of(message: Message, previous_guide: Message | None) -> str | None:
    """The button the child pressed ("story", "related", ...), None for free text."""
    if message.selected_choice_index is None or previous_guide is None:
        return None
    choices = previous_guide.choices or []
    index = message.selected_choice_index
    return choices[index].get("kind") if 0 <= index < len(choices) else None


@transaction.atomic
def cognitive_metrics_build(*, child: Child, day: dt.date) -> CognitiveMetrics | None:
    """Estimate the child's skills on `day` from the 30 days ending then (see the
    module's docstring for the rules); None, and no row, without conversations."""
    tz = parent_timezone(child.parent)
    start, _ = local_day_bounds(tz, day - dt.timedelta(days=WINDOW_DAYS - 1))
    _, end = local_day_bounds(tz, day)
    conversations = list(
        Conversation.objects.filter(child=child, started_at__gte=start, started_at__lt=end)
        .select_related("topic", "brain_spark")
        .order_by("started_at")
    )
    if not conversations:
        CognitiveMetrics.objects.filter(child=child, assessment_date=day).delete()
        return None

    messages: dict = defaultdict(list)
    for message in Message.objects.filter(conversation__in=conversations).order_by(
        "created_at", "id"
    ):
        messages[message.conversation_id].append(message)
    n = len(conversations)
    why_how = because = imaginative = related = free_words = free_turns = child_turns = 0
    vocabulary: set[str] = set()
    for conversation in conversations:
        guide = None
        for message in messages[conversation.id]:
            if message.role == "assistant":
                guide = message
                continue
            if message.role != "user" or message.was_filtered:
                continue
            child_turns += 1
            text = message.content.lower()
            kind = _kind_of(message, guide)
            imaginative += 1 if kind == "story" else 0
            related += 1 if kind == "related" else 0
            if message.is_free_form:  # the child's own words (a button's are the guide's)
                why_how += why_how_words(text)
                because += len(_BECAUSE.findall(text))
                imaginative += 1 if _IMAGINE.search(text) else 0
                words = _WORD.findall(text)
                free_turns += 1
                free_words += len(words)
                vocabulary.update(words)

    logic = sum(
        1
        for c in conversations
        if (c.topic and c.topic.category == "logic")
        or (c.brain_spark and c.brain_spark.spark_type == "riddle")
    )
    topics = {c.topic_id for c in conversations if c.topic_id}
    seen_before = set(
        Conversation.objects.filter(child=child, started_at__lt=start, topic__in=topics)
        .values_list("topic_id", flat=True)
        .distinct()
    )
    categories = {c.topic.category for c in conversations if c.topic}
    aha = sum(c.aha_moments for c in conversations)
    questions = sum(c.questions_asked for c in conversations)
    average_words = free_words / free_turns if free_turns else 0
    variety = len(vocabulary) / free_words if free_words else 0

    values = {
        "critical_thinking": _score((1.0, _rate((why_how + because) / n, 2))),
        "creative_thinking": _score(
            (0.6, _rate(imaginative / n, 1)),
            (0.2, _rate(average_words, 12)),
            (0.2, _rate(variety, 0.6)),
        ),
        "logical_reasoning": _score((0.5, _rate(logic / n, 1 / 3)), (0.5, _rate(aha / n, 1))),
        "knowledge_connection": _score(
            (0.5, _rate(related / n, 0.5)), (0.5, _rate(len(categories), 5))
        ),
        "curiosity_index": _score(
            (0.6, _rate(questions / n, 3)), (0.4, _rate(len(topics - seen_before), 5))
        ),
        "conversations_analyzed": n,
        "confidence_level": round((_rate(n, 10) + _rate(child_turns, 50)) / 2, 2),
    }
    row, _ = CognitiveMetrics.objects.update_or_create(
        child=child, assessment_date=day, defaults=values
    )
    return row


# --- the nightly run -----------------------------------------------------------------


def summaries_build_yesterday(*, now: dt.datetime | None = None) -> int:
    """For every child who explored in the last month, and whose parent's consent is
    in force (a withdrawn consent: the child is skipped), build the parent's local
    yesterday (daily activity and cognitive metrics); the others have nothing to
    sum. A child whose yesterday was already built after it ended is skipped, so
    the hourly beat job does each child once a night, in the first run after
    their midnight. Returns how many children were built."""
    now = now or timezone.now()
    built = 0
    recent = Conversation.objects.filter(started_at__gte=now - dt.timedelta(days=WINDOW_DAYS + 2))
    # A parent who withdrew consent (or has not agreed to the notice as it reads now):
    # nothing more is made from their children's messages.
    children = Child.objects.filter(
        pk__in=recent.values("child_id"), parent__in=consenting_parents()
    ).select_related("parent")
    for child in children.order_by("created_at"):
        day = local_today(child.parent, now) - dt.timedelta(days=1)
        _, day_end = local_day_bounds(parent_timezone(child.parent), day)
        done = (
            CognitiveMetrics.objects.filter(
                child=child, assessment_date=day, created_at__gte=day_end
            ).exists()
            or DailyActivity.objects.filter(
                child=child, activity_date=day, updated_at__gte=day_end
            ).exists()
        )
        if done:
            continue
        daily_activity_build(child=child, day=day)
        cognitive_metrics_build(child=child, day=day)
        built += 1
    logger.info("spark summaries built", extra={"children": built})
    return built
