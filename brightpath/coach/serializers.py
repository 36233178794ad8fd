"""Coach's API shapes, in camelCase. Types are parsed here; the rules (lengths,
ranges, transitions, limits) are the services', which the web pages call too."""

from __future__ import annotations

from rest_framework import serializers

from brightpath.coach.memory import vocabulary as v
from brightpath.coach.models import (
    GRADE_LEVELS,
    LESSON_STATUSES,
    MESSAGE_ROLES,
    MESSAGE_STATUSES,
    AssistantProfile,
)
from brightpath.coach.services.lessons import TRANSITIONS

# --- subjects, capabilities, assistants --------------------------------------------------


class CoachSubjectSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    path = serializers.CharField(help_text='Names from the root, "science/biology"')
    level = serializers.IntegerField(min_value=0)
    parentId = serializers.UUIDField(source="parent_id", allow_null=True)
    description = serializers.CharField()


class CoachSubjectRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    path = serializers.CharField()


class CoachCapabilitySerializer(serializers.Serializer):
    name = serializers.CharField(help_text='e.g. "lesson_planning", "quiz_generation"')
    description = serializers.CharField()
    isEnabled = serializers.BooleanField(source="is_enabled")
    priority = serializers.IntegerField(min_value=0, help_text="0 first")
    template = serializers.SerializerMethodField(help_text="The offline template that answers it")
    defaults = serializers.SerializerMethodField(
        help_text="Its settings: questionCount, durationMinutes, levels"
    )

    def get_template(self, row) -> str:
        return str((row.parameters or {}).get("template", ""))

    def get_defaults(self, row) -> dict:
        return dict((row.parameters or {}).get("defaults") or {})


class CoachGradeBandSerializer(serializers.Serializer):
    # "from" is a Python keyword: the field is declared by name below.
    to = serializers.ChoiceField(choices=GRADE_LEVELS)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.ChoiceField(choices=GRADE_LEVELS)
        return fields


class CoachAssistantSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    isOwn = serializers.SerializerMethodField(help_text="The teacher's own configured assistant")
    isActive = serializers.BooleanField(source="is_active")
    tone = serializers.SerializerMethodField()
    gradeBand = serializers.SerializerMethodField()
    instructions = serializers.SerializerMethodField()
    greeting = serializers.SerializerMethodField()
    subjects = CoachSubjectRefSerializer(many=True, source="subjects.all")
    capabilities = CoachCapabilitySerializer(many=True, source="capabilities.all")
    modelVersion = serializers.CharField(source="model_version")
    temperature = serializers.FloatField()
    topP = serializers.FloatField(source="top_p")
    maxTokens = serializers.IntegerField(source="max_tokens")
    contextLength = serializers.IntegerField(source="context_length")
    frequencyPenalty = serializers.FloatField(source="frequency_penalty")
    presencePenalty = serializers.FloatField(source="presence_penalty")
    createdAt = serializers.DateTimeField(source="created_at")
    updatedAt = serializers.DateTimeField(source="updated_at")

    def get_isOwn(self, profile) -> bool:
        return profile.owner_id is not None

    def get_tone(self, profile) -> str:
        return str((profile.configuration or {}).get("tone", "warm"))

    def get_gradeBand(self, profile) -> dict | None:
        band = (profile.configuration or {}).get("gradeBand")
        return band if isinstance(band, dict) and band else None

    def get_instructions(self, profile) -> str:
        return str((profile.configuration or {}).get("instructions", ""))

    def get_greeting(self, profile) -> str:
        return str((profile.configuration or {}).get("greeting", ""))


class CoachAssistantRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    isOwn = serializers.SerializerMethodField()
    greeting = serializers.SerializerMethodField()

    def get_isOwn(self, profile) -> bool:
        return profile.owner_id is not None

    def get_greeting(self, profile) -> str:
        return str((profile.configuration or {}).get("greeting", ""))


class CoachCapabilityChoiceSerializer(serializers.Serializer):
    name = serializers.CharField()
    isEnabled = serializers.BooleanField(source="is_enabled", required=False)
    priority = serializers.IntegerField(required=False)
    defaults = serializers.DictField(required=False)


class CoachAssistantWriteSerializer(serializers.Serializer):
    """A teacher's own assistant. On create, `basedOn` copies one they can see first."""

    basedOn = serializers.UUIDField(source="based_on", required=False)
    name = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    description = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    tone = serializers.CharField(required=False, help_text=" | ".join(AssistantProfile.TONES))
    gradeBand = CoachGradeBandSerializer(source="grade_band", required=False, allow_null=True)
    subjects = serializers.ListField(
        source="subject_ids", child=serializers.UUIDField(), required=False
    )
    instructions = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    greeting = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    temperature = serializers.FloatField(required=False)
    topP = serializers.FloatField(source="top_p", required=False)
    maxTokens = serializers.IntegerField(source="max_tokens", required=False)
    contextLength = serializers.IntegerField(source="context_length", required=False)
    frequencyPenalty = serializers.FloatField(source="frequency_penalty", required=False)
    presencePenalty = serializers.FloatField(source="presence_penalty", required=False)
    isActive = serializers.BooleanField(source="is_active", required=False)
    capabilities = CoachCapabilityChoiceSerializer(many=True, required=False)

    def service_fields(self) -> dict:
        """The validated data as the service's keyword arguments."""
        data = dict(self.validated_data)
        if "grade_band" in data:
            band = data.pop("grade_band") or {}
            data["grade_from"], data["grade_to"] = band.get("from", ""), band.get("to", "")
        if "subject_ids" in data:
            data["subject_ids"] = [str(s) for s in data["subject_ids"]]
        return data


class CoachCapabilityKindSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()
    priority = serializers.IntegerField()
    template = serializers.SerializerMethodField()
    defaults = serializers.SerializerMethodField()

    def get_template(self, row) -> str:
        return str((row.parameters or {}).get("template", ""))

    def get_defaults(self, row) -> dict:
        return dict((row.parameters or {}).get("defaults") or {})


# --- the teacher ---------------------------------------------------------------------------


class CoachTeacherSerializer(serializers.Serializer):
    school = serializers.CharField(allow_blank=True)
    department = serializers.CharField(allow_blank=True)
    subjects = serializers.ListField(child=serializers.CharField())
    gradeLevels = serializers.ListField(source="grade_levels", child=serializers.CharField())
    timezone = serializers.CharField()
    notifications = serializers.DictField(child=serializers.BooleanField())
    createdAt = serializers.DateTimeField(source="created_at")


class CoachTeacherUpdateSerializer(serializers.Serializer):
    school = serializers.CharField(required=False, allow_blank=True)
    department = serializers.CharField(required=False, allow_blank=True)
    subjects = serializers.ListField(child=serializers.CharField(), required=False)
    gradeLevels = serializers.ListField(
        source="grade_levels", child=serializers.CharField(), required=False
    )
    timezone = serializers.CharField(required=False)
    notifications = serializers.DictField(required=False)


# --- memories ------------------------------------------------------------------------------


class CoachMemoryRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    content = serializers.CharField()
    category = serializers.ChoiceField(choices=v.CATEGORIES)


class CoachMemoryHistorySerializer(serializers.Serializer):
    content = serializers.CharField()
    at = serializers.CharField(help_text="ISO datetime")
    reason = serializers.ChoiceField(choices=["contradicted", "corrected"])


class CoachMemorySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    content = serializers.CharField()
    category = serializers.ChoiceField(choices=v.CATEGORIES)
    categoryLabel = serializers.SerializerMethodField()
    importance = serializers.FloatField(help_text="1-10, as stated")
    confidence = serializers.FloatField(help_text="0-1")
    tags = serializers.ListField(child=serializers.CharField())
    source = serializers.ChoiceField(choices=v.SOURCES)
    assistantId = serializers.UUIDField(source="assistant_profile_id", allow_null=True)
    accessCount = serializers.IntegerField(source="access_count")
    lastAccessedAt = serializers.DateTimeField(source="last_accessed_at")
    createdAt = serializers.DateTimeField(source="created_at")
    updatedAt = serializers.DateTimeField(source="updated_at")
    history = serializers.SerializerMethodField(
        help_text="What it said before a contradiction or a correction replaced it"
    )

    def get_categoryLabel(self, memory) -> str:
        return v.CATEGORY_LABELS.get(memory.category, memory.category)

    def get_history(self, memory) -> list[dict]:
        return list((memory.context or {}).get("history", []))


class CoachMemoryUpdateSerializer(serializers.Serializer):
    content = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    category = serializers.CharField(required=False)
    importance = serializers.FloatField(required=False)
    tags = serializers.ListField(child=serializers.CharField(), required=False)


class CoachMemoryInteractionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    type = serializers.CharField(source="interaction_type")
    context = serializers.DictField()
    feedback = serializers.DictField()
    createdAt = serializers.DateTimeField(source="created_at")


class CoachMemoryDetailSerializer(CoachMemorySerializer):
    interactions = serializers.SerializerMethodField(help_text="The 20 latest uses and changes")

    def get_interactions(self, memory) -> list[dict]:
        rows = self.context.get("interactions", [])
        return CoachMemoryInteractionSerializer(rows, many=True).data


class CoachMemoryFeedbackSerializer(serializers.Serializer):
    helpful = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class CoachMemoryQuerySerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=v.CATEGORIES, required=False)
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)


# --- lessons -------------------------------------------------------------------------------


class CoachSectionSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True, trim_whitespace=False)
    minutes = serializers.IntegerField(allow_null=True, required=False)
    body = serializers.CharField(allow_blank=True, required=False, trim_whitespace=False)


def _content(key: str):
    return lambda lesson: (lesson.content or {}).get(key)


class CoachLessonSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    subject = CoachSubjectRefSerializer(source="subject_category", allow_null=True)
    gradeLevel = serializers.CharField(source="grade_level", allow_blank=True)
    status = serializers.ChoiceField(choices=LESSON_STATUSES)
    nextStatuses = serializers.SerializerMethodField(help_text="Where the status may move next")
    objectives = serializers.SerializerMethodField()
    materials = serializers.SerializerMethodField()
    standards = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()
    assessment = serializers.SerializerMethodField()
    homework = serializers.SerializerMethodField()
    differentiation = serializers.SerializerMethodField()
    durationMinutes = serializers.SerializerMethodField()
    assistantId = serializers.UUIDField(source="assistant_profile_id", allow_null=True)
    source = serializers.SerializerMethodField(help_text='"teacher" or "assistant"')
    provider = serializers.SerializerMethodField(help_text='"offline", "openai", or null')
    conversationId = serializers.SerializerMethodField()
    messageId = serializers.SerializerMethodField()
    version = serializers.IntegerField(help_text="Send it back with a change (409 if stale)")
    createdAt = serializers.DateTimeField(source="created_at")
    updatedAt = serializers.DateTimeField(source="updated_at")

    def get_nextStatuses(self, lesson) -> list[str]:
        return list(TRANSITIONS.get(lesson.status, ()))

    def get_objectives(self, lesson) -> list[str]:
        return list((lesson.content or {}).get("objectives", []))

    def get_materials(self, lesson) -> list[str]:
        return list((lesson.content or {}).get("materials", []))

    def get_standards(self, lesson) -> list[str]:
        return list((lesson.content or {}).get("standards", []))

    def get_sections(self, lesson) -> list[dict]:
        return list((lesson.content or {}).get("sections", []))

    def get_assessment(self, lesson) -> str:
        return str((lesson.content or {}).get("assessment", ""))

    def get_homework(self, lesson) -> str:
        return str((lesson.content or {}).get("homework", ""))

    def get_differentiation(self, lesson) -> list[str]:
        return list((lesson.content or {}).get("differentiation", []))

    def get_durationMinutes(self, lesson) -> int | None:
        return (lesson.metadata or {}).get("durationMinutes")

    def get_source(self, lesson) -> str:
        return str((lesson.metadata or {}).get("source", "teacher"))

    def get_provider(self, lesson) -> str | None:
        return (lesson.metadata or {}).get("provider")

    def get_conversationId(self, lesson) -> str | None:
        return (lesson.metadata or {}).get("conversationId")

    def get_messageId(self, lesson) -> str | None:
        return (lesson.metadata or {}).get("messageId")


def _texts():
    return serializers.ListField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False), required=False
    )


class CoachLessonWriteSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    description = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    subjectId = serializers.UUIDField(source="subject_id", required=False, allow_null=True)
    gradeLevel = serializers.CharField(source="grade_level", required=False, allow_blank=True)
    status = serializers.CharField(required=False, help_text=" | ".join(LESSON_STATUSES))
    objectives = _texts()
    materials = _texts()
    standards = _texts()
    sections = CoachSectionSerializer(many=True, required=False)
    assessment = serializers.CharField(required=False, allow_blank=True)
    homework = serializers.CharField(required=False, allow_blank=True)
    differentiation = _texts()
    durationMinutes = serializers.IntegerField(
        source="duration_minutes", required=False, allow_null=True
    )
    assistantId = serializers.UUIDField(source="assistant_id", required=False, allow_null=True)
    version = serializers.IntegerField(required=False, help_text="The version the change is on")

    def service_fields(self) -> dict:
        data = dict(self.validated_data)
        for key in ("subject_id", "assistant_id"):
            if data.get(key) is not None:
                data[key] = str(data[key])
        if "sections" in data:
            data["sections"] = [dict(s) for s in data["sections"]]
        return data


class CoachLessonQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=LESSON_STATUSES, required=False)
    subjectId = serializers.UUIDField(required=False)
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)


class CoachSaveLessonSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    subjectId = serializers.UUIDField(required=False, allow_null=True)
    gradeLevel = serializers.CharField(required=False, allow_blank=True)


# --- conversations -------------------------------------------------------------------------


class CoachMessageSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    position = serializers.IntegerField(min_value=1)
    role = serializers.ChoiceField(choices=MESSAGE_ROLES, help_text='"user" is the teacher')
    content = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=MESSAGE_STATUSES)
    provider = serializers.CharField(allow_blank=True, help_text='"offline", "openai", or ""')
    error = serializers.CharField(allow_blank=True, help_text="Why a failed reply failed")
    tokensUsed = serializers.IntegerField(source="tokens_used", allow_null=True)
    latencyMs = serializers.IntegerField(source="latency_ms", allow_null=True)
    memoryIds = serializers.ListField(source="memory_ids", child=serializers.CharField())
    capability = serializers.SerializerMethodField(help_text="The capability that answered")
    fallback = serializers.SerializerMethodField(
        help_text="Why the offline assistant answered instead of the model, or null"
    )
    createdAt = serializers.DateTimeField(source="created_at")
    completedAt = serializers.DateTimeField(source="completed_at", allow_null=True)

    def get_capability(self, message) -> str | None:
        return (message.metadata or {}).get("capability")

    def get_fallback(self, message) -> str | None:
        return (message.metadata or {}).get("fallback") or None


class CoachConversationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    assistant = CoachAssistantRefSerializer(source="assistant_profile", allow_null=True)
    messageCount = serializers.SerializerMethodField()
    lastMessageAt = serializers.DateTimeField(source="last_message_at")
    createdAt = serializers.DateTimeField(source="created_at")

    def get_messageCount(self, conversation) -> int:
        count = getattr(conversation, "message_count", None)
        return count if count is not None else conversation.messages.count()


class CoachConversationDetailSerializer(CoachConversationSerializer):
    messages = CoachMessageSerializer(many=True, source="messages.all")


class CoachConversationQuerySerializer(serializers.Serializer):
    assistantId = serializers.UUIDField(required=False)


class CoachConversationStartSerializer(serializers.Serializer):
    assistantId = serializers.UUIDField()
    title = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class CoachConversationRenameSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True, trim_whitespace=False)


class CoachMessageSendSerializer(serializers.Serializer):
    content = serializers.CharField(allow_blank=True, trim_whitespace=False)


class CoachMemoryChangeSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["created", "reinforced", "updated"])
    memory = CoachMemoryRefSerializer()


class CoachExchangeSerializer(serializers.Serializer):
    conversation = CoachConversationSerializer()
    message = CoachMessageSerializer(
        source="teacher_message", allow_null=True, help_text="null for a retried reply"
    )
    reply = CoachMessageSerializer()
    memoriesUsed = CoachMemoryRefSerializer(many=True, source="memories")
    memoryChanges = CoachMemoryChangeSerializer(many=True, source="changes")
