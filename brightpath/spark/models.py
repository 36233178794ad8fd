"""Spark's tables (seed 003, the BrainSpark schema), in Django.

The seed's tables, fields, constraints and indexes are kept; the table names
carry a `spark_` prefix because the Planner already owns `children`. Where the
seed's SQL cannot be said portably it is said here instead:

- `TEXT[]`/`UUID[]`/`VARCHAR[]` columns are JSON lists (SQLite runs the same
  migrations), validated by the service that writes them. The seed's GIN index
  on `topics.age_groups` is kept (PostgreSQL only), but Spark's reads do not use
  it: `selectors/topics.open_topics` reads the few dozen topics and filters
  them by age group in Python.
- `topics.prerequisites UUID[]` is not a column: prerequisites are the
  `topic_connections` rows of type "prerequisite" (one source of truth).
- The seed's "at most 4 children" CHECK holds a subquery, which no database
  enforces in a CHECK; `child_create` counts under a row lock on the parent.
- `parents` is the platform's `users` table; Spark's own parent columns
  (time zone, locale, settings) are `ParentProfile`. `consents` lives in
  accounts, beside the user it belongs to.
- Children are deleted, not soft-deleted: a parent who deletes a child
  expects nothing about them to remain (COPPA).
"""

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q

from brightpath.common.models import BaseModel

from .age_groups import AGE_GROUPS, LABELS

AGE_GROUP_CHOICES = [(group, LABELS[group]) for group in AGE_GROUPS]


def _default_parent_settings() -> dict:
    return {
        "notifications": {"email_digest": True, "push_enabled": True, "streak_reminders": True},
        "privacy": {"analytics_opt_in": False, "share_anonymous_data": False},
    }


def _default_child_settings() -> dict:
    return {
        "voice_over_enabled": True,
        "animation_level": "full",
        "daily_time_limit_minutes": 60,
        # No bedtime until the parent sets one (start and end the same): a default
        # window would turn a new child away at night before anyone chose it.
        "bedtime_start": "00:00",
        "bedtime_end": "00:00",
    }


def _site_timezone() -> str:
    """A new parent's time zone until they choose one: the site's (settings.TIME_ZONE)."""
    return settings.TIME_ZONE


def _all_age_groups() -> list[str]:
    return list(AGE_GROUPS)


class ParentProfile(BaseModel):
    """Spark's columns of seed 003 `parents` for a platform user.

    settings: {"notifications": {"email_digest": bool, "push_enabled": bool,
    "streak_reminders": bool}, "privacy": {"analytics_opt_in": bool,
    "share_anonymous_data": bool}}
    timezone: an IANA name; the site's (settings.TIME_ZONE) until the parent sets one.
    exit_failures/exit_locked_until: wrong passwords (or codes) in a row at leaving a
    child's view; five lock leaving for 15 minutes (a child guessing their way out).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="spark_profile"
    )
    timezone = models.CharField(max_length=50, default=_site_timezone)
    locale = models.CharField(max_length=10, default="en-US")
    settings = models.JSONField(default=_default_parent_settings)
    exit_failures = models.PositiveSmallIntegerField(default=0)
    exit_locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "spark_parents"


class Child(BaseModel):
    """A child's Spark profile (seed 003 `children`). No email, no password.

    interests: list of short words ("dinosaurs", "space").
    settings: {"voice_over_enabled": bool, "animation_level": "full"|"reduced"|"none",
    "daily_time_limit_minutes": int (5-240), "bedtime_start": "HH:MM", "bedtime_end":
    "HH:MM"} (the bedtime is on the parent's clock and may cross midnight; the same
    start and end mean no bedtime). Spark plays no sound, so there is no sound setting.
    pin_hash: the 4-digit PIN for switching to the child's view, hashed with
    Django's password hashers; wrong guesses count in `pin_failures`, and five
    lock the PIN until `pin_locked_until`.
    """

    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="spark_children"
    )
    name = models.CharField(max_length=100)
    birth_date = models.DateField()
    age_group = models.CharField(max_length=20, choices=AGE_GROUP_CHOICES)
    avatar_id = models.CharField(max_length=50, default="default_1")
    interests = models.JSONField(default=list, blank=True)
    vocabulary_level = models.PositiveSmallIntegerField(default=1)
    pin_hash = models.CharField(max_length=255, blank=True)
    pin_failures = models.PositiveSmallIntegerField(default=0)
    pin_locked_until = models.DateTimeField(null=True, blank=True)
    settings = models.JSONField(default=_default_child_settings)
    last_active_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "spark_children"
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_group__in=AGE_GROUPS), name="children_age_group_check"
            ),
        ]
        indexes = [
            models.Index(fields=["parent"], name="idx_children_parent"),
            models.Index(fields=["age_group"], name="idx_children_age_group"),
            models.Index(fields=["-last_active_at"], name="idx_children_last_active"),
        ]

    def __str__(self) -> str:
        return self.name


class Topic(BaseModel):
    """A star of the knowledge constellation (seed 003 `topics`).

    metadata: the material the offline guide teaches from, per age group:
    {"summary": str, "keywords": [str], "facts": {age_group: [str]},
    "questions": {age_group: [str]}, "activities": {age_group: [str]},
    "words": {word: "a child's definition"}} (see spark/content).
    """

    CATEGORIES = ("science", "humanities", "creative", "logic", "philosophy")

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=50, choices=[(c, c.title()) for c in CATEGORIES])
    subcategory = models.CharField(max_length=50, blank=True)
    parent_topic = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="subtopics"
    )
    depth_in_tree = models.PositiveSmallIntegerField(default=0)
    position_x = models.FloatField(default=0)
    position_y = models.FloatField(default=0)
    prerequisite_depth = models.PositiveSmallIntegerField(
        default=1, help_text="Depth a child must reach in every prerequisite to unlock this."
    )
    min_age_group = models.CharField(max_length=20, choices=AGE_GROUP_CHOICES, blank=True)
    age_groups = models.JSONField(default=_all_age_groups)
    difficulty = models.PositiveSmallIntegerField(default=1)
    icon = models.CharField(max_length=50, default="star")
    color = models.CharField(max_length=7, default="#FFD700")
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "spark_topics"
        ordering = ["depth_in_tree", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    category__in=("science", "humanities", "creative", "logic", "philosophy")
                ),
                name="topics_category_check",
            ),
            models.CheckConstraint(
                condition=Q(min_age_group="") | Q(min_age_group__in=AGE_GROUPS),
                name="topics_age_group_check",
            ),
            models.CheckConstraint(
                condition=Q(difficulty__gte=1, difficulty__lte=5), name="topics_difficulty_check"
            ),
        ]
        indexes = [
            models.Index(fields=["category"], name="idx_topics_category"),
            models.Index(fields=["parent_topic"], name="idx_topics_parent"),
            # The seed's, PostgreSQL only; open_topics filters by age group in Python.
            GinIndex(fields=["age_groups"], name="idx_topics_age_groups"),
        ]

    def __str__(self) -> str:
        return self.name


class TopicConnection(models.Model):
    """A line between two stars (seed 003 `topic_connections`).

    A connection of type "prerequisite" means `from_topic` must be explored to
    `to_topic.prerequisite_depth` before `to_topic` unlocks.
    """

    PREREQUISITE, RELATED = "prerequisite", "related"
    STRENGTHS = ("weak", "normal", "strong")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    from_topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="connections_out")
    to_topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="connections_in")
    strength = models.CharField(
        max_length=20, default="normal", choices=[(s, s.title()) for s in STRENGTHS]
    )
    connection_type = models.CharField(
        max_length=50,
        default=RELATED,
        choices=[(PREREQUISITE, "Prerequisite"), (RELATED, "Related")],
    )
    description = models.TextField(blank=True)

    class Meta:
        db_table = "spark_topic_connections"
        constraints = [
            models.UniqueConstraint(
                fields=["from_topic", "to_topic"], name="topic_connections_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_topic=models.F("to_topic")), name="topic_connections_no_self"
            ),
            models.CheckConstraint(
                condition=Q(strength__in=("weak", "normal", "strong")),
                name="topic_connections_strength_check",
            ),
        ]
        indexes = [
            models.Index(fields=["from_topic"], name="idx_topic_connections_from"),
            models.Index(fields=["to_topic"], name="idx_topic_connections_to"),
        ]

    def __str__(self) -> str:
        return f"{self.from_topic_id} -> {self.to_topic_id}"


class BrainSpark(models.Model):
    """The day's question for one age group (seed 003 `brain_sparks`).

    hints: [str], shown one at a time. follow_ups: [str], questions to go further.
    """

    TYPES = ("riddle", "what_if", "mystery", "challenge", "debate", "philosophy")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    spark_date = models.DateField()
    age_group = models.CharField(max_length=20, choices=AGE_GROUP_CHOICES)
    spark_type = models.CharField(max_length=50, choices=[(t, t.replace("_", " ")) for t in TYPES])
    question = models.TextField()
    hints = models.JSONField(default=list, blank=True)
    follow_ups = models.JSONField(default=list, blank=True)
    topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="brain_sparks"
    )
    difficulty = models.PositiveSmallIntegerField(default=1)
    source = models.CharField(max_length=50, default="curated")
    curator_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "spark_brain_sparks"
        ordering = ["spark_date", "age_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["spark_date", "age_group"], name="brain_sparks_unique_date_age"
            ),
            models.CheckConstraint(
                condition=Q(age_group__in=AGE_GROUPS), name="brain_sparks_age_group_check"
            ),
            models.CheckConstraint(
                condition=Q(
                    spark_type__in=(
                        "riddle",
                        "what_if",
                        "mystery",
                        "challenge",
                        "debate",
                        "philosophy",
                    )
                ),
                name="brain_sparks_type_check",
            ),
            models.CheckConstraint(
                condition=Q(difficulty__gte=1, difficulty__lte=5),
                name="brain_sparks_difficulty_check",
            ),
        ]
        indexes = [
            models.Index(fields=["spark_date"], name="idx_brain_sparks_date"),
            models.Index(fields=["age_group"], name="idx_brain_sparks_age_group"),
        ]

    def __str__(self) -> str:
        return f"{self.spark_date} {self.age_group}"


class Conversation(models.Model):
    """One guided exploration (seed 003 `conversations`).

    duration_seconds: the child's active time, summed from the gaps between
    messages (a gap over five minutes counts as five); the daily time cap is
    measured on it. key_insights: [str]. metadata: {"provider": "offline"|"openai", ...}.
    """

    TYPES = ("exploration", "brain_spark", "story", "debate")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="conversations")
    topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="conversations"
    )
    brain_spark = models.ForeignKey(
        BrainSpark, on_delete=models.SET_NULL, null=True, blank=True, related_name="conversations"
    )
    conversation_type = models.CharField(
        max_length=50, default="exploration", choices=[(t, t.replace("_", " ")) for t in TYPES]
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    last_message_at = models.DateTimeField()
    duration_seconds = models.PositiveIntegerField(default=0)
    depth_reached = models.PositiveSmallIntegerField(default=0)
    questions_asked = models.PositiveIntegerField(default=0)
    aha_moments = models.PositiveIntegerField(default=0)
    summary = models.TextField(blank=True)
    key_insights = models.JSONField(default=list, blank=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "spark_conversations"
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    conversation_type__in=("exploration", "brain_spark", "story", "debate")
                ),
                name="conversations_type_check",
            ),
        ]
        indexes = [
            models.Index(fields=["child"], name="idx_conversations_child"),
            models.Index(fields=["topic"], name="idx_conversations_topic"),
            models.Index(fields=["-started_at"], name="idx_conversations_started"),
            models.Index(fields=["child", "started_at"], name="idx_conversations_child_date"),
        ]

    def __str__(self) -> str:
        return f"{self.conversation_type} {self.started_at:%Y-%m-%d}"


class Message(models.Model):
    """One turn of a conversation (seed 003 `messages`).

    choices: for guide messages, [{"label": str, "kind": "deeper"|"related"|
    "question"|"story"|"end", "topic": slug|null}]; the child answers by
    `selected_choice_index` or in free text (`is_free_form`).
    was_filtered/filter_reason: the safety filter blocked this text (a child's
    message is kept for the parent to read; a guide reply that failed is
    replaced by a safe one). `reviewed_at`: when the parent marked the flag seen.
    """

    ROLES = ("user", "assistant", "system")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    role = models.CharField(max_length=20, choices=[(r, r) for r in ROLES])
    content = models.TextField()
    choices = models.JSONField(null=True, blank=True)
    selected_choice_index = models.PositiveSmallIntegerField(null=True, blank=True)
    is_free_form = models.BooleanField(default=False)
    tokens_used = models.PositiveIntegerField(null=True, blank=True)
    processing_time_ms = models.PositiveIntegerField(null=True, blank=True)
    was_filtered = models.BooleanField(default=False)
    filter_reason = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "spark_messages"
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=("user", "assistant", "system")), name="messages_role_check"
            ),
        ]
        indexes = [
            models.Index(fields=["conversation"], name="idx_messages_conversation"),
            models.Index(fields=["conversation", "created_at"], name="idx_messages_created"),
            models.Index(
                fields=["was_filtered"],
                name="idx_messages_filtered",
                condition=Q(was_filtered=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.content[:40]}"


class Progress(BaseModel):
    """A child's exploration of one topic (seed 003 `progress`).

    depth_level: the deepest a conversation on the topic has gone (0-10).
    stars (0-3) and mastered_at follow from depth: see spark/progress rules.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="progress")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="progress")
    depth_level = models.PositiveSmallIntegerField(default=0)
    stars = models.PositiveSmallIntegerField(default=0)
    time_spent_seconds = models.PositiveIntegerField(default=0)
    questions_asked = models.PositiveIntegerField(default=0)
    conversations_count = models.PositiveIntegerField(default=0)
    unlocked_at = models.DateTimeField(null=True, blank=True)
    first_depth_5_at = models.DateTimeField(null=True, blank=True)
    mastered_at = models.DateTimeField(null=True, blank=True)
    last_interaction = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "spark_progress"
        constraints = [
            models.UniqueConstraint(fields=["child", "topic"], name="progress_unique_child_topic"),
            models.CheckConstraint(condition=Q(depth_level__gte=0), name="progress_depth_positive"),
            models.CheckConstraint(
                condition=Q(stars__gte=0, stars__lte=3), name="progress_stars_range"
            ),
        ]
        indexes = [
            models.Index(fields=["child"], name="idx_progress_child"),
            models.Index(fields=["topic"], name="idx_progress_topic"),
            models.Index(fields=["child", "-depth_level"], name="idx_progress_child_depth"),
        ]


class Streak(BaseModel):
    """Days in a row a child explored (seed 003 `streaks`).

    A missed day spends a freeze instead of breaking the streak; a child holds
    at most two freezes. streak_history: [{"date": "YYYY-MM-DD", "streak": int,
    "activity": bool, "freezeUsed": bool}], newest last, the last 90 days.
    """

    MAX_FREEZES = 2

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="streak")
    current_streak = models.PositiveIntegerField(default=0)
    longest_streak = models.PositiveIntegerField(default=0)
    last_activity_date = models.DateField(null=True, blank=True)
    streak_freezes_available = models.PositiveSmallIntegerField(default=0)
    streak_history = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "spark_streaks"
        constraints = [
            models.CheckConstraint(
                condition=Q(current_streak__gte=0, longest_streak__gte=0), name="streaks_positive"
            ),
            models.CheckConstraint(
                condition=Q(streak_freezes_available__gte=0, streak_freezes_available__lte=2),
                name="streaks_freezes_at_most_two",
            ),
        ]
        indexes = [models.Index(fields=["-current_streak"], name="idx_streaks_current")]


class Reward(models.Model):
    """A badge, stars, an unlock or a freeze a child earned (seed 003 `rewards`).

    reward_id names the event that earned it ("depth-3:<topic id>",
    "badge:first-question", "freeze:streak-7:2026-03-01"), so an event replayed
    earns nothing twice: (child, reward_type, reward_id) is unique for every
    type, where the seed made it unique for badges only. The star balance is
    the sum of star_value.
    """

    TYPES = ("badge", "star", "unlock", "freeze", "cosmetic")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="rewards")
    reward_type = models.CharField(max_length=50, choices=[(t, t) for t in TYPES])
    reward_id = models.CharField(max_length=100)
    star_value = models.PositiveIntegerField(default=0)
    trigger_type = models.CharField(max_length=50, blank=True)
    trigger_id = models.UUIDField(null=True, blank=True)
    earned_at = models.DateTimeField()
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "spark_rewards"
        ordering = ["-earned_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reward_type__in=("badge", "star", "unlock", "freeze", "cosmetic")),
                name="rewards_type_check",
            ),
            models.UniqueConstraint(
                fields=["child", "reward_type", "reward_id"], name="rewards_unique_event"
            ),
        ]
        indexes = [
            models.Index(fields=["child"], name="idx_rewards_child"),
            models.Index(fields=["child", "reward_type"], name="idx_rewards_child_type"),
            models.Index(fields=["-earned_at"], name="idx_rewards_earned"),
        ]

    def __str__(self) -> str:
        return f"{self.reward_type} {self.reward_id}"


class DailyActivity(BaseModel):
    """One child's day, summed by the nightly job (seed 003 `daily_activity`).

    topics_explored/new_topics_unlocked: [topic id as str]; badges_earned: [reward_id].
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="daily_activity")
    activity_date = models.DateField()
    total_time_seconds = models.PositiveIntegerField(default=0)
    session_count = models.PositiveIntegerField(default=0)
    conversations_started = models.PositiveIntegerField(default=0)
    questions_asked = models.PositiveIntegerField(default=0)
    depth_increases = models.PositiveIntegerField(default=0)
    aha_moments = models.PositiveIntegerField(default=0)
    topics_explored = models.JSONField(default=list, blank=True)
    new_topics_unlocked = models.JSONField(default=list, blank=True)
    brain_spark_completed = models.BooleanField(default=False)
    stars_earned = models.PositiveIntegerField(default=0)
    badges_earned = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "spark_daily_activity"
        ordering = ["-activity_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "activity_date"], name="daily_activity_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["child"], name="idx_daily_activity_child"),
            models.Index(fields=["activity_date"], name="idx_daily_activity_date"),
            models.Index(fields=["child", "-activity_date"], name="idx_daily_activity_child_date"),
        ]


COGNITIVE_SCORES = (
    "critical_thinking",
    "creative_thinking",
    "logical_reasoning",
    "knowledge_connection",
    "curiosity_index",
)


def _score_between_0_and_100(*names: str) -> Q:
    condition = Q()
    for name in names:
        condition &= Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 0, f"{name}__lte": 100})
    return condition


class CognitiveMetrics(models.Model):
    """Skill scores (0-100) estimated from a child's talks (seed 003 `cognitive_metrics`)."""

    SCORES = COGNITIVE_SCORES

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="cognitive_metrics")
    assessment_date = models.DateField()
    critical_thinking = models.PositiveSmallIntegerField(null=True, blank=True)
    creative_thinking = models.PositiveSmallIntegerField(null=True, blank=True)
    logical_reasoning = models.PositiveSmallIntegerField(null=True, blank=True)
    knowledge_connection = models.PositiveSmallIntegerField(null=True, blank=True)
    curiosity_index = models.PositiveSmallIntegerField(null=True, blank=True)
    conversations_analyzed = models.PositiveIntegerField(default=0)
    confidence_level = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "spark_cognitive_metrics"
        ordering = ["-assessment_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "assessment_date"], name="cognitive_metrics_unique"
            ),
            models.CheckConstraint(
                condition=_score_between_0_and_100(*COGNITIVE_SCORES),
                name="cognitive_metrics_scores",
            ),
        ]
        indexes = [
            models.Index(fields=["child"], name="idx_cognitive_metrics_child"),
            models.Index(fields=["child", "-assessment_date"], name="idx_cognitive_metrics_date"),
        ]

    def __str__(self) -> str:
        return f"{self.child_id} {self.assessment_date}"
