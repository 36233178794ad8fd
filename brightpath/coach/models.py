"""Coach's tables (seed 004: core user, assistant, memory and education systems), in Django.

The seed's tables, fields and relations are kept, in the house style (UUID ids,
`created_at`/`updated_at` from BaseModel). Where the seed is said differently:

- `users` is the platform's user (accounts.User). A user is a teacher when they
  have a `TeacherProfile`, which holds the seed's teacher columns (`school`,
  `department`, `subjects`, `grade_levels`) and the Coach-specific preferences
  (`timezone`, `notifications`). The seed's `theme` and `language` are
  platform-wide: the accounts app's `user_preferences` keys "theme" and
  "language", not Coach columns.
- The seed's integer ids are UUIDs; its "GPT parameters" are columns with their
  ranges checked (temperature, top_p, penalties, max tokens, context length).
- Cascades follow the seed (ON DELETE CASCADE from a parent to what depends on
  it), except where a teacher's own data would go with a catalogue row: a
  memory or a lesson outlives the assistant profile or subject that made it
  (SET NULL).
- "Names and descriptions cannot be empty or whitespace" is a CHECK on
  TRIM(name) <> '' (TRIM removes spaces; the services also refuse tabs and
  newlines alone). Scores 0.0-1.0 (confidence) and importance 1-10 are CHECKs.
- `user_memories` carries what the memory engine ranks and reconciles on: the
  `slot` a fact fills (so a contradiction updates the memory instead of adding
  one), `last_accessed_at` (recency), `reinforced_at` (importance decays from
  it) and `access_count`.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan

from brightpath.common.models import BaseModel

from .memory import vocabulary as v


def _not_blank(field: str, name: str, *, allow_empty: bool = False) -> models.CheckConstraint:
    """CHECK that `field` is not empty nor spaces only (or, with allow_empty, empty or real)."""
    real = GreaterThan(Length(Trim(field)), 0)
    condition = Q(real) | Q(**{field: ""}) if allow_empty else Q(real)
    return models.CheckConstraint(condition=condition, name=name)


def _default_notifications() -> dict:
    return {"weeklyDigest": True, "memoryUpdates": True}


GRADE_LEVELS = (
    "pre-k",
    "k",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10",
    "11",
    "12",
    "higher-ed",
    "adult",
)


class TeacherProfile(BaseModel):
    """The teacher role of a platform user: seed 004's teacher columns of `users`
    and the Coach preferences of `user_preferences`.

    subjects: [str], e.g. ["science", "math"]. grade_levels: [str] from GRADE_LEVELS.
    notifications: {"weeklyDigest": bool, "memoryUpdates": bool}.
    memory_revision: bumped by every write to the teacher's memories, so a
    cached retrieval index knows it is stale.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="teacher_profile"
    )
    school = models.CharField(max_length=200, blank=True)
    department = models.CharField(max_length=200, blank=True)
    subjects = models.JSONField(default=list, blank=True)
    grade_levels = models.JSONField(default=list, blank=True)
    timezone = models.CharField(max_length=50, default="UTC")
    notifications = models.JSONField(default=_default_notifications, blank=True)
    memory_revision = models.PositiveBigIntegerField(default=0)

    class Meta:
        db_table = "coach_teachers"

    def __str__(self) -> str:
        return f"teacher {self.user_id}"


class SubjectCategory(BaseModel):
    """A subject area, in a tree (seed 004 `subject_categories`).

    path: the names from the root, "/"-joined and lower-cased ("science/biology");
    level: the depth (0 for a root). Both follow from `parent` (see `position_from`).
    category_data: {"displaySettings": {"color": "#4287f5", "icon": str, "order": int},
    "gradeBands": [str], "standards": [str], "keywords": [str]}.
    """

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    level = models.PositiveSmallIntegerField(default=0)
    path = models.CharField(max_length=500, unique=True)
    category_data = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "subject_categories"
        ordering = ["path"]
        verbose_name_plural = "subject categories"
        constraints = [
            _not_blank("name", "subject_categories_name_not_blank"),
            _not_blank("path", "subject_categories_path_not_blank"),
            models.CheckConstraint(
                condition=Q(parent__isnull=True, level=0) | Q(parent__isnull=False, level__gte=1),
                name="subject_categories_level_matches_parent",
            ),
        ]
        indexes = [models.Index(fields=["parent"], name="idx_subject_categories_parent")]

    def __str__(self) -> str:
        return self.path or self.name

    @staticmethod
    def position_from(name: str, parent: "SubjectCategory | None") -> tuple[int, str]:
        """The (level, path) a category named `name` under `parent` has."""
        segment = name.strip().lower()
        if parent is None:
            return 0, segment
        return parent.level + 1, f"{parent.path}/{segment}"


class AssistantProfile(BaseModel):
    """An AI assistant a teacher talks to (seed 004 `assistant_profiles`).

    A profile with no owner is in the shared catalogue; a teacher's own
    configured assistant has them as owner. Capabilities are rows
    (`AssistantCapability`), not code branches.

    configuration: {"tone": "warm"|"concise"|"encouraging"|"formal",
    "gradeBand": {"from": grade, "to": grade}, "instructions": str (the
    assistant's standing instructions), "greeting": str, "catalogueHash": str
    (catalogue assistants only: what the catalogue last wrote, services/catalogue.py)}.
    """

    TONES = ("warm", "concise", "encouraging", "formal")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coach_assistants",
    )
    name = models.CharField(max_length=100)
    description = models.TextField()
    model_version = models.CharField(max_length=100, default="offline")
    configuration = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=True)
    temperature = models.FloatField(default=0.7)
    top_p = models.FloatField(default=1.0)
    max_tokens = models.PositiveIntegerField(default=1024)
    context_length = models.PositiveIntegerField(default=8192)
    frequency_penalty = models.FloatField(default=0.0)
    presence_penalty = models.FloatField(default=0.0)
    subjects = models.ManyToManyField(
        SubjectCategory, through="SubjectAssistant", related_name="assistants", blank=True
    )

    class Meta:
        db_table = "assistant_profiles"
        ordering = ["name"]
        constraints = [
            _not_blank("name", "assistant_profiles_name_not_blank"),
            _not_blank("description", "assistant_profiles_description_not_blank"),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(owner__isnull=True),
                name="assistant_profiles_catalogue_name_unique",
            ),
            models.UniqueConstraint(
                fields=["owner", "name"], name="assistant_profiles_owner_name_unique"
            ),
            models.CheckConstraint(
                condition=Q(temperature__gte=0, temperature__lte=2),
                name="assistant_profiles_temperature_range",
            ),
            models.CheckConstraint(
                condition=Q(top_p__gt=0, top_p__lte=1), name="assistant_profiles_top_p_range"
            ),
            models.CheckConstraint(
                condition=Q(frequency_penalty__gte=-2, frequency_penalty__lte=2)
                & Q(presence_penalty__gte=-2, presence_penalty__lte=2),
                name="assistant_profiles_penalties_range",
            ),
            models.CheckConstraint(
                condition=Q(max_tokens__gte=1, context_length__gte=1)
                & Q(max_tokens__lte=models.F("context_length")),
                name="assistant_profiles_tokens_fit_context",
            ),
        ]
        indexes = [
            models.Index(fields=["owner"], name="idx_assistant_profiles_owner"),
            models.Index(
                fields=["is_active"],
                name="idx_assistant_profiles_active",
                condition=Q(is_active=True),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AssistantCapability(BaseModel):
    """One ability of an assistant (seed 004 `assistant_capabilities`).

    name: a capability key, e.g. "lesson_planning", "quiz_generation",
    "student_feedback", "differentiation", "rubric_building".
    parameters: {"template": "lesson_plan"|"quiz"|"rubric"|"feedback"|"differentiation"
    (the offline template that answers it), "keywords": [str] (words in a message that
    ask for it), "outputFormat": "markdown"|"outline"|"table", "defaults":
    {"questionCount": int, "durationMinutes": int, "levels": [str]}, "instructions": str
    (what the capability asks the model for)}; checked by services/assistants.py.
    priority: 0 first; among an assistant's enabled capabilities the lowest wins a tie.
    """

    assistant_profile = models.ForeignKey(
        AssistantProfile, on_delete=models.CASCADE, related_name="capabilities"
    )
    name = models.CharField(max_length=100)
    description = models.TextField()
    parameters = models.JSONField(default=dict, blank=True)
    is_enabled = models.BooleanField(default=True)
    priority = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "assistant_capabilities"
        ordering = ["priority", "name"]
        verbose_name_plural = "assistant capabilities"
        constraints = [
            _not_blank("name", "assistant_capabilities_name_not_blank"),
            _not_blank("description", "assistant_capabilities_description_not_blank"),
            models.UniqueConstraint(
                fields=["assistant_profile", "name"], name="assistant_capabilities_unique_name"
            ),
        ]
        indexes = [
            models.Index(
                fields=["assistant_profile", "priority"], name="idx_capabilities_profile_prio"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SubjectAssistant(models.Model):
    """An assistant's subject (seed 004 junction `subject_assistant`)."""

    id = models.BigAutoField(primary_key=True)
    subject_category = models.ForeignKey(SubjectCategory, on_delete=models.CASCADE)
    assistant_profile = models.ForeignKey(AssistantProfile, on_delete=models.CASCADE)

    class Meta:
        db_table = "subject_assistant"
        constraints = [
            models.UniqueConstraint(
                fields=["subject_category", "assistant_profile"], name="subject_assistant_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["assistant_profile"], name="idx_subject_assistant_profile"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_category_id} <-> {self.assistant_profile_id}"


class UserMemory(BaseModel):
    """A fact about a teacher that their assistants keep (seed 004 `user_memories`).

    category: one of memory.vocabulary.CATEGORIES. importance: 1-10 as stated;
    the ranking decays it from `reinforced_at` (memory.decay). confidence: 0-1.
    tags: [str], e.g. ["grade:5", "subject:science", "student:maya", "need:dyslexia"].
    slot: the single thing the fact says ("class:assignment", "student:maya:reading",
    "preference:quiz"); a later fact on the same slot updates this memory. Empty
    when the fact fills no slot.
    source: "exchange" (extracted from a chat) or "teacher" (written or corrected).
    context: {"exchange": {"at": iso datetime, "teacherMessage": str (excerpt)},
    "mentions": int (times stated), "history": [{"content": str, "at": iso datetime,
    "reason": "contradicted"|"corrected"}]}. The history keeps what a memory said
    before a contradiction or a correction replaced it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_memories"
    )
    assistant_profile = models.ForeignKey(
        AssistantProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memories",
    )
    content = models.TextField()
    context = models.JSONField(default=dict, blank=True)
    importance = models.FloatField(default=5.0)
    category = models.CharField(
        max_length=20, choices=[(c, v.CATEGORY_LABELS[c]) for c in v.CATEGORIES]
    )
    tags = models.JSONField(default=list, blank=True)
    slot = models.CharField(max_length=200, blank=True)
    source = models.CharField(
        max_length=20, default=v.SOURCE_EXCHANGE, choices=[(s, s) for s in v.SOURCES]
    )
    confidence = models.FloatField(default=0.8)
    last_accessed_at = models.DateTimeField()
    reinforced_at = models.DateTimeField()
    access_count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "user_memories"
        ordering = ["-reinforced_at"]
        constraints = [
            _not_blank("content", "user_memories_content_not_blank"),
            models.CheckConstraint(
                condition=Q(category__in=v.CATEGORIES), name="user_memories_category_check"
            ),
            models.CheckConstraint(
                condition=Q(source__in=v.SOURCES), name="user_memories_source_check"
            ),
            models.CheckConstraint(
                condition=Q(importance__gte=v.IMPORTANCE_MIN, importance__lte=v.IMPORTANCE_MAX),
                name="user_memories_importance_range",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0, confidence__lte=1),
                name="user_memories_confidence_range",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "category"], name="idx_user_memories_user_cat"),
            models.Index(fields=["user", "last_accessed_at"], name="idx_user_memories_accessed"),
            models.Index(fields=["user", "-created_at"], name="idx_user_memories_timeline"),
            models.Index(
                fields=["user", "slot"], name="idx_user_memories_slot", condition=~Q(slot="")
            ),
            models.Index(fields=["assistant_profile"], name="idx_user_memories_assistant"),
            GinIndex(fields=["tags"], name="idx_user_memories_tags"),  # PostgreSQL only
        ]

    def __str__(self) -> str:
        return self.content[:60]


INTERACTION_TYPES = ("created", "reinforced", "updated", "corrected", "retrieved", "feedback")


class MemoryInteraction(models.Model):
    """One use or change of a memory (seed 004 `memory_interactions`).

    interaction_type: "created", "reinforced" (stated again, merged), "updated"
    (a contradiction replaced it), "corrected" (the teacher edited it),
    "retrieved" (given to an assistant), "feedback" (the teacher rated its use).
    context: for "retrieved", {"query": str, "rank": int, "score": float,
    "recency": float, "importance": float, "relevance": float, "relevanceSource":
    "bm25"|"embeddings", "assistantProfileId": str|null}; for writes,
    {"before": str, "after": str} or {"exchangeAt": iso datetime}.
    feedback: {"helpful": bool, "comment": str}; empty unless type is "feedback".
    """

    TYPES = INTERACTION_TYPES

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    memory = models.ForeignKey(UserMemory, on_delete=models.CASCADE, related_name="interactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_memory_interactions"
    )
    interaction_type = models.CharField(max_length=20, choices=[(t, t) for t in TYPES])
    context = models.JSONField(default=dict, blank=True)
    feedback = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "memory_interactions"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interaction_type__in=INTERACTION_TYPES),
                name="memory_interactions_type_check",
            ),
        ]
        indexes = [
            models.Index(fields=["memory", "-created_at"], name="idx_memory_interactions_memory"),
            models.Index(fields=["user", "-created_at"], name="idx_memory_interactions_user"),
        ]

    def __str__(self) -> str:
        return f"{self.interaction_type} {self.memory_id}"


LESSON_STATUSES = ("draft", "ready", "taught", "archived")


class Lesson(BaseModel):
    """A teacher's lesson (seed 004 `lessons`; `coach_lessons` beside the Planner's `lessons`).

    content: {"objectives": [str], "materials": [str], "standards": [str],
    "sections": [{"title": str, "minutes": int, "body": str}], "assessment": str,
    "homework": str, "differentiation": [str]}.
    metadata: {"source": "teacher"|"assistant", "provider": "offline"|"openai"|null,
    "durationMinutes": int|null, "conversationId": str (drafted from a reply),
    "messageId": str}.
    status: draft -> ready -> taught; any -> archived; archived -> draft; ready -> draft
    (services/lessons.py: TRANSITIONS). version: bumped by every change, for
    optimistic concurrency (a stale version is a 409).
    """

    STATUSES = LESSON_STATUSES

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_lessons"
    )
    subject_category = models.ForeignKey(
        SubjectCategory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
    )
    assistant_profile = models.ForeignKey(
        AssistantProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    grade_level = models.CharField(
        max_length=20, blank=True, choices=[(g, g.upper()) for g in GRADE_LEVELS]
    )
    status = models.CharField(max_length=20, default="draft", choices=[(s, s) for s in STATUSES])
    content = models.JSONField(default=dict, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        db_table = "coach_lessons"
        ordering = ["-updated_at"]
        constraints = [
            _not_blank("title", "coach_lessons_title_not_blank"),
            _not_blank("description", "coach_lessons_description_not_blank", allow_empty=True),
            models.CheckConstraint(
                condition=Q(status__in=LESSON_STATUSES), name="coach_lessons_status_check"
            ),
            models.CheckConstraint(
                condition=Q(grade_level="") | Q(grade_level__in=GRADE_LEVELS),
                name="coach_lessons_grade_level_check",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-updated_at"], name="idx_coach_lessons_user"),
            models.Index(fields=["user", "status"], name="idx_coach_lessons_user_status"),
            models.Index(fields=["subject_category"], name="idx_coach_lessons_subject"),
            models.Index(fields=["assistant_profile"], name="idx_coach_lessons_assistant"),
        ]

    def __str__(self) -> str:
        return self.title


class Conversation(BaseModel):
    """A teacher's chat with one assistant (`coach_conversations`).

    The assistant may later be deleted (a teacher's own profile): the
    conversation stays, with no assistant, and can be read but not continued.
    last_message_at: the latest message's time (the list is ordered by it).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_conversations"
    )
    assistant_profile = models.ForeignKey(
        AssistantProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations",
    )
    title = models.CharField(max_length=200)
    last_message_at = models.DateTimeField()

    class Meta:
        db_table = "coach_conversations"
        ordering = ["-last_message_at"]
        constraints = [_not_blank("title", "coach_conversations_title_not_blank")]
        indexes = [
            models.Index(fields=["user", "-last_message_at"], name="idx_coach_conversations_user"),
            models.Index(fields=["assistant_profile"], name="idx_coach_conv_assistant"),
        ]

    def __str__(self) -> str:
        return self.title


MESSAGE_ROLES = ("user", "assistant")
MESSAGE_STATUSES = ("complete", "failed", "streaming")
PROVIDERS = ("offline", "openai")


class Message(models.Model):
    """One turn of a teacher's conversation (`coach_messages`).

    The teacher's message is stored (role "user", status "complete") before any
    provider is called, with the assistant's reply as a "streaming" row beside
    it; the reply is then completed or marked "failed" (with `error`, a short
    reason), and a failed reply can be retried in place.
    position: 1, 2, 3... within the conversation (the order of the turns).
    provider: who answered ("offline" or "openai"); "" for the teacher's message.
    memory_ids: [str] the ids of the teacher's memories given to the assistant
    for this reply (kept as ids: a memory deleted later is simply gone).
    metadata: {"capability": str|null (the capability that answered), "model": str,
    "fallback": str (why the model's answer was replaced by the offline one),
    "attempts": [{"at": iso datetime, "error": str, "content": str (excerpt)}]
    (earlier failed tries of a retried reply)}.
    """

    ROLES = MESSAGE_ROLES
    STATUSES = MESSAGE_STATUSES

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    position = models.PositiveIntegerField()
    role = models.CharField(max_length=20, choices=[(r, r) for r in MESSAGE_ROLES])
    content = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, default="complete", choices=[(s, s) for s in MESSAGE_STATUSES]
    )
    provider = models.CharField(
        max_length=20, blank=True, choices=[("", "none")] + [(p, p) for p in PROVIDERS]
    )
    error = models.CharField(max_length=200, blank=True)
    tokens_used = models.PositiveIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    memory_ids = models.JSONField(default=list, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "coach_messages"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "position"], name="coach_messages_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=MESSAGE_ROLES), name="coach_messages_role_check"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MESSAGE_STATUSES), name="coach_messages_status_check"
            ),
            models.CheckConstraint(
                condition=Q(provider="") | Q(provider__in=PROVIDERS),
                name="coach_messages_provider_check",
            ),
            # The teacher's words are always kept whole; only a reply is ever pending or failed.
            models.CheckConstraint(
                condition=Q(role="assistant") | Q(status="complete", provider=""),
                name="coach_messages_teacher_message_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status="complete") | GreaterThan(Length(Trim("content")), 0),
                name="coach_messages_complete_not_blank",
            ),
        ]
        indexes = [
            models.Index(
                fields=["conversation", "status"],
                name="idx_coach_messages_pending",
                condition=Q(status="streaming"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} #{self.position}"
