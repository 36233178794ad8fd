"""Progress, streaks and rewards: what a child earns by exploring, computed on real events.

Rules (what a parent and a child can count on):

- **Depth.** A topic's `depth_level` is the deepest any conversation on it has
  gone (each exchange the guide takes further adds one; at most 10).
- **Stars** per topic follow depth: 1 star at depth 1, 2 at depth 3, 3 at
  depth 5. Each star is a "star" reward worth one star (`depth-<d>:<topic id>`),
  so the star balance (the sum of `star_value`) is the sum of the topics' stars.
- **Mastery**: depth 5 reached *and* at least 3 conversations on the topic
  (`mastered_at`): one deep dive is not yet mastery, coming back is.
- **Unlocks**: when a topic deepens, the topics it is a prerequisite of are
  checked; each that is now unlocked gets its `unlocked_at` and an "unlock"
  reward (`unlock:<topic id>`).
- **Badges** (`badge:<name>`, see BADGES): first conversation, first question,
  first aha moment, 5 topics explored, first topic to depth 5, first mastery,
  a first topic in each category, a 7-day streak.
- **Streaks** count the parent's local days with at least one exchange. A
  missed day spends a freeze; several missed days spend one each, if the child
  holds enough; otherwise the streak restarts at 1 and the freezes are kept. A
  freeze is earned on every 7th day of a streak, and a child holds at most
  `Streak.MAX_FREEZES` (2; a database constraint too).

Everything is idempotent: a reward is unique on (child, type, reward_id); a
conversation's counts are credited to progress once (what was already credited
is kept in `conversation.metadata["credited"]`, so a replay adds nothing); a
streak counts a day once.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from brightpath.spark.models import Child, Conversation, Progress, Reward, Streak, Topic
from brightpath.spark.selectors.children import local_today
from brightpath.spark.selectors.topics import dependants, topic_open, topic_unlocked

MAX_DEPTH = 10
STAR_DEPTHS = (1, 3, 5)  # the depth that earns the 1st, 2nd and 3rd star
MASTERY_DEPTH, MASTERY_CONVERSATIONS = 5, 3
EXPLORER_TOPICS = 5
FREEZE_EVERY = 7  # days of streak that earn a freeze
STREAK_BADGE_DAYS = 7
HISTORY_DAYS = 90

BADGES = {
    "first-conversation": ("First spark", "Had a first conversation with the guide."),
    "first-question": ("Question asker", "Asked a first question."),
    "first-aha": ("Aha!", "Had a first aha moment."),
    "explorer-5": ("Star hopper", "Explored 5 different topics."),
    "deep-diver": ("Deep diver", "Explored a topic all the way to depth 5."),
    "first-mastery": ("Master explorer", "Mastered a first topic."),
    "streak-7": ("Week of wonder", "Explored 7 days in a row."),
    **{
        f"category-{category}": (f"{category.title()} explorer", f"Explored a {category} topic.")
        for category in Topic.CATEGORIES
    },
}


def stars_for(depth: int) -> int:
    """Stars a topic explored to `depth` shows (0-3)."""
    return sum(1 for needed in STAR_DEPTHS if depth >= needed)


@transaction.atomic
def reward_grant(
    *,
    child: Child,
    reward_type: str,
    reward_id: str,
    star_value: int = 0,
    trigger_type: str = "",
    trigger_id: uuid.UUID | None = None,
    now: dt.datetime | None = None,
    metadata: dict | None = None,
) -> tuple[Reward, bool]:
    """Give a reward once: (child, type, reward_id) is unique, so a replayed event
    (or two racing ones) gets the existing row back and `created` False."""
    if reward_type not in Reward.TYPES:
        raise ValueError(f"unknown reward type {reward_type!r}")
    return Reward.objects.get_or_create(
        child=child,
        reward_type=reward_type,
        reward_id=reward_id,
        defaults={
            "star_value": star_value,
            "trigger_type": trigger_type,
            "trigger_id": trigger_id,
            "earned_at": now or timezone.now(),
            "metadata": metadata or {},
        },
    )


class _Grants:
    """The rewards of one event: skips what the child already has (one read)."""

    def __init__(self, child: Child, trigger_type: str, trigger_id, now: dt.datetime):
        self.child, self.trigger_type, self.trigger_id, self.now = (
            child,
            trigger_type,
            trigger_id,
            now,
        )
        self.have = set(Reward.objects.filter(child=child).values_list("reward_type", "reward_id"))
        self.new: list[Reward] = []

    def give(self, reward_type: str, reward_id: str, star_value: int = 0, **metadata) -> None:
        if (reward_type, reward_id) in self.have:
            return
        reward, created = reward_grant(
            child=self.child,
            reward_type=reward_type,
            reward_id=reward_id,
            star_value=star_value,
            trigger_type=self.trigger_type,
            trigger_id=self.trigger_id,
            now=self.now,
            metadata=metadata,
        )
        self.have.add((reward_type, reward_id))
        if created:
            self.new.append(reward)

    def badge(self, name: str) -> None:
        title, description = BADGES[name]
        self.give("badge", f"badge:{name}", name=title, description=description)


@transaction.atomic
def progress_record(
    *,
    child: Child,
    conversation: Conversation,
    topic: Topic | None = None,
    now: dt.datetime | None = None,
) -> list[Reward]:
    """Credit what `conversation` added since the last call to the child's progress
    on `topic` (None: a spark without a topic, which still counts for the streak and
    badges), then give what it earned. Returns the rewards newly earned.

    The caller holds the conversation's row lock (message_send, conversation_end)."""
    now = now or timezone.now()
    credited = dict(conversation.metadata.get("credited") or {})
    first_time = not credited.get("counted")
    grants = _Grants(child, "conversation", conversation.id, now)

    if topic is not None:
        _topic_progress(child, topic, conversation, credited, first_time, grants, now)
    if first_time:
        grants.badge("first-conversation")
    if conversation.questions_asked:
        grants.badge("first-question")
    if conversation.aha_moments:
        grants.badge("first-aha")

    streak, freeze = streak_record_activity(
        child=child, day=local_today(child.parent, now), now=now, trigger_id=conversation.id
    )
    if freeze is not None:
        grants.new.append(freeze)
    if streak.current_streak >= STREAK_BADGE_DAYS:
        grants.badge("streak-7")

    conversation.metadata = {
        **conversation.metadata,
        "credited": {
            "counted": True,
            "seconds": conversation.duration_seconds,
            "questions": conversation.questions_asked,
        },
    }
    conversation.save(update_fields=["metadata"])
    return grants.new


def _topic_progress(
    child: Child,
    topic: Topic,
    conversation: Conversation,
    credited: dict,
    first_time: bool,
    grants: _Grants,
    now: dt.datetime,
) -> None:
    row, _ = Progress.objects.select_for_update().get_or_create(
        child=child, topic=topic, defaults={"unlocked_at": now}
    )
    old_depth = row.depth_level
    row.unlocked_at = row.unlocked_at or now
    row.depth_level = max(row.depth_level, min(conversation.depth_reached, MAX_DEPTH))
    row.time_spent_seconds += max(0, conversation.duration_seconds - credited.get("seconds", 0))
    row.questions_asked += max(0, conversation.questions_asked - credited.get("questions", 0))
    row.conversations_count += 1 if first_time else 0
    row.last_interaction = now
    row.stars = max(row.stars, stars_for(row.depth_level))
    if row.depth_level >= MASTERY_DEPTH and row.first_depth_5_at is None:
        row.first_depth_5_at = now
    if (
        row.mastered_at is None
        and row.depth_level >= MASTERY_DEPTH
        and row.conversations_count >= MASTERY_CONVERSATIONS
    ):
        row.mastered_at = now
    row.save()

    for depth in STAR_DEPTHS[: row.stars]:
        grants.give(
            "star",
            f"depth-{depth}:{topic.id}",
            star_value=1,
            topicId=str(topic.id),
            slug=topic.slug,
            name=topic.name,
            depth=depth,
        )
    if row.depth_level >= 1:
        grants.badge(f"category-{topic.category}")
        if old_depth == 0 and (
            Progress.objects.filter(child=child, depth_level__gte=1).count() >= EXPLORER_TOPICS
        ):
            grants.badge("explorer-5")
    if row.first_depth_5_at:
        grants.badge("deep-diver")
    if row.mastered_at:
        grants.badge("first-mastery")
    if row.depth_level > old_depth:
        _unlock_dependants(child, topic, grants, now)


def _unlock_dependants(child: Child, topic: Topic, grants: _Grants, now: dt.datetime) -> None:
    """Topics that `topic` is a prerequisite of and that this deepening unlocked."""
    for successor in dependants(topic=topic):
        if not topic_open(successor, child.age_group) or not topic_unlocked(child, successor):
            continue
        row, created = Progress.objects.get_or_create(
            child=child, topic=successor, defaults={"unlocked_at": now}
        )
        if not created and row.unlocked_at is None:
            row.unlocked_at = now
            row.save(update_fields=["unlocked_at", "updated_at"])
        grants.give(
            "unlock",
            f"unlock:{successor.id}",
            topicId=str(successor.id),
            slug=successor.slug,
            name=successor.name,
        )


@transaction.atomic
def streak_record_activity(
    *,
    child: Child,
    day: dt.date,
    now: dt.datetime | None = None,
    trigger_id: uuid.UUID | None = None,
) -> tuple[Streak, Reward | None]:
    """Count `day` (the parent's local date of the activity) in the child's streak;
    returns the streak and the freeze the day earned, if any.

    The same day twice changes nothing, and so does a day older than the last
    one counted (a late replay)."""
    now = now or timezone.now()
    streak, _ = Streak.objects.select_for_update().get_or_create(child=child)
    last = streak.last_activity_date
    if last is not None and day <= last:
        return streak, None

    history = list(streak.streak_history)
    missed = (day - last).days - 1 if last is not None else 0
    if last is None:
        streak.current_streak = 1
    elif missed == 0:
        streak.current_streak += 1
    elif missed <= streak.streak_freezes_available:
        streak.streak_freezes_available -= missed
        for offset in range(1, missed + 1):
            history.append(
                {
                    "date": (last + dt.timedelta(days=offset)).isoformat(),
                    "streak": streak.current_streak,
                    "activity": False,
                    "freezeUsed": True,
                }
            )
        streak.current_streak += 1
    else:
        streak.current_streak = 1
    streak.last_activity_date = day
    streak.longest_streak = max(streak.longest_streak, streak.current_streak)

    freeze = None
    if (
        streak.current_streak % FREEZE_EVERY == 0
        and streak.streak_freezes_available < Streak.MAX_FREEZES
    ):
        streak.streak_freezes_available += 1
        freeze, _ = reward_grant(
            child=child,
            reward_type="freeze",
            reward_id=f"freeze:streak-{streak.current_streak}:{day.isoformat()}",
            trigger_type="streak",
            trigger_id=trigger_id,
            now=now,
            metadata={"streak": streak.current_streak},
        )
    history.append(
        {
            "date": day.isoformat(),
            "streak": streak.current_streak,
            "activity": True,
            "freezeUsed": False,
        }
    )
    streak.streak_history = history[-HISTORY_DAYS:]
    streak.save()
    return streak, freeze
