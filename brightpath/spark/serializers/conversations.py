"""Constellation, sparks, conversations, progress and the parent's dashboard: the shapes.

Limits (a message's length, a choice's number, a locked topic) are checked by
the services, which the web pages call too; these fields parse types and
document the answers for the OpenAPI schema.
"""

from rest_framework import serializers

from brightpath.common.fields import DateField
from brightpath.spark.age_groups import AGE_GROUPS
from brightpath.spark.guide import CHOICE_KINDS
from brightpath.spark.models import (
    BrainSpark,
    Conversation,
    Message,
    Reward,
    Topic,
    TopicConnection,
)
from brightpath.spark.services.conversations import TEXT_MAX

# --- the constellation ---------------------------------------------------------------


class PositionSerializer(serializers.Serializer):
    x = serializers.FloatField(source="position_x")
    y = serializers.FloatField(source="position_y")


class LineSerializer(serializers.Serializer):
    """A line from this star to another (by slug)."""

    to = serializers.CharField(source="to_slug")
    type = serializers.ChoiceField(
        source="connection_type",
        choices=[TopicConnection.PREREQUISITE, TopicConnection.RELATED],
        help_text='"prerequisite": this star unlocks the other',
    )
    strength = serializers.ChoiceField(choices=TopicConnection.STRENGTHS)


class StarSerializer(serializers.Serializer):
    """One topic of the child's constellation, with the child's state on it."""

    id = serializers.UUIDField(source="topic.id")
    slug = serializers.CharField(source="topic.slug")
    name = serializers.CharField(source="topic.name")
    description = serializers.CharField(source="topic.description")
    category = serializers.ChoiceField(source="topic.category", choices=Topic.CATEGORIES)
    icon = serializers.CharField(source="topic.icon")
    color = serializers.CharField(source="topic.color")
    difficulty = serializers.IntegerField(source="topic.difficulty", min_value=1, max_value=5)
    position = PositionSerializer(source="topic")
    locked = serializers.BooleanField()
    unlockHint = serializers.CharField(
        source="unlock_hint", allow_null=True, help_text='"Explore Space to depth 2"; null if open'
    )
    depth = serializers.IntegerField(min_value=0, help_text="Deepest the child has gone (0-10)")
    stars = serializers.IntegerField(min_value=0, max_value=3)
    mastered = serializers.BooleanField()
    conversations = serializers.IntegerField(min_value=0)
    connections = LineSerializer(many=True)


class ConstellationSerializer(serializers.Serializer):
    ageGroup = serializers.ChoiceField(source="age_group", choices=AGE_GROUPS)
    topics = StarSerializer(many=True)


# --- the day's spark -----------------------------------------------------------------


class TopicRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    slug = serializers.CharField()
    name = serializers.CharField()
    category = serializers.ChoiceField(choices=Topic.CATEGORIES)


class SparkSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    date = DateField(source="spark_date")
    ageGroup = serializers.ChoiceField(source="age_group", choices=AGE_GROUPS)
    type = serializers.ChoiceField(source="spark_type", choices=BrainSpark.TYPES)
    question = serializers.CharField()
    hints = serializers.ListField(child=serializers.CharField())
    followUps = serializers.ListField(source="follow_ups", child=serializers.CharField())
    difficulty = serializers.IntegerField(min_value=1, max_value=5)
    topic = TopicRefSerializer(allow_null=True)


class SparkTodaySerializer(serializers.Serializer):
    date = DateField(help_text="Today in the parent's time zone")
    spark = SparkSerializer(allow_null=True, help_text="null when none is scheduled today")
    done = serializers.BooleanField(help_text="The child has talked about it today")


# --- conversations and messages --------------------------------------------------------


class ChoiceSerializer(serializers.Serializer):
    label = serializers.CharField()
    kind = serializers.ChoiceField(choices=CHOICE_KINDS)
    topic = serializers.CharField(allow_null=True, help_text='For "related": the slug to go to')


class MessageSerializer(serializers.ModelSerializer):
    """A message of a conversation. A blocked message is for the parent: in a child's
    view (context `child_mode`) `filterReason` is empty, and so is the `content` of
    a child's message the safety filter blocked (what they typed is not given back)."""

    choices = ChoiceSerializer(many=True, allow_null=True)
    selectedChoiceIndex = serializers.IntegerField(
        source="selected_choice_index", allow_null=True, min_value=0
    )
    isFreeForm = serializers.BooleanField(source="is_free_form")
    wasFiltered = serializers.BooleanField(
        source="was_filtered", help_text="The safety filter blocked (or replaced) this text"
    )
    filterReason = serializers.CharField(
        source="filter_reason", allow_blank=True, help_text='"<category>: <reason>" (parents only)'
    )
    content = serializers.CharField(
        allow_blank=True, help_text="Empty in a child's view for their own blocked message"
    )
    reviewedAt = serializers.DateTimeField(
        source="reviewed_at", allow_null=True, help_text="When the parent marked a flag seen"
    )
    processingTimeMs = serializers.IntegerField(source="processing_time_ms", allow_null=True)
    tokensUsed = serializers.IntegerField(source="tokens_used", allow_null=True)
    createdAt = serializers.DateTimeField(source="created_at")

    class Meta:
        model = Message
        fields = [
            "id",
            "role",
            "content",
            "choices",
            "selectedChoiceIndex",
            "isFreeForm",
            "wasFiltered",
            "filterReason",
            "reviewedAt",
            "processingTimeMs",
            "tokensUsed",
            "createdAt",
        ]

    def to_representation(self, instance) -> dict:
        data = super().to_representation(instance)
        if self.context.get("child_mode"):
            data["filterReason"] = ""
            if instance.role == "user" and instance.was_filtered:
                data["content"] = ""
        return data


class ConversationSerializer(serializers.ModelSerializer):
    childId = serializers.UUIDField(source="child_id")
    type = serializers.ChoiceField(source="conversation_type", choices=Conversation.TYPES)
    topic = TopicRefSerializer(allow_null=True)
    sparkId = serializers.UUIDField(source="brain_spark_id", allow_null=True)
    startedAt = serializers.DateTimeField(source="started_at")
    endedAt = serializers.DateTimeField(source="ended_at", allow_null=True)
    lastMessageAt = serializers.DateTimeField(source="last_message_at")
    durationSeconds = serializers.IntegerField(source="duration_seconds", min_value=0)
    depthReached = serializers.IntegerField(source="depth_reached", min_value=0)
    questionsAsked = serializers.IntegerField(source="questions_asked", min_value=0)
    ahaMoments = serializers.IntegerField(source="aha_moments", min_value=0)
    provider = serializers.CharField(
        source="metadata.provider", default="offline", help_text="Who answered last"
    )

    class Meta:
        model = Conversation
        fields = [
            "id",
            "childId",
            "type",
            "topic",
            "sparkId",
            "startedAt",
            "endedAt",
            "lastMessageAt",
            "durationSeconds",
            "depthReached",
            "questionsAsked",
            "ahaMoments",
            "summary",
            "provider",
        ]


class ConversationDetailSerializer(ConversationSerializer):
    """A conversation with its messages: the child's view, and the parent's transcript."""

    messages = MessageSerializer(many=True, source="messages.all")

    class Meta(ConversationSerializer.Meta):
        fields = [*ConversationSerializer.Meta.fields, "messages"]


class ConversationStartSerializer(serializers.Serializer):
    topic = serializers.CharField(
        required=False, max_length=100, help_text="The slug of the topic to explore"
    )
    spark = serializers.BooleanField(required=False, default=False, help_text="Today's spark")

    def validate(self, data: dict) -> dict:
        if data.get("spark") and data.get("topic"):
            raise serializers.ValidationError({"topic": ["Send a topic or spark: true, not both."]})
        if not data.get("spark") and not data.get("topic"):
            raise serializers.ValidationError(
                {"topic": ["Choose a topic to explore, or send spark: true."]}
            )
        return data


class MessageSendSerializer(serializers.Serializer):
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=f"The child's own words, 1-{TEXT_MAX} characters (trimmed)",
    )
    choiceIndex = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Or: the number of a button under the guide's last message, from 0 "
        "(the service checks it against the buttons there are)",
    )


class FlagsQuerySerializer(serializers.Serializer):
    childId = serializers.UUIDField(required=False, help_text="Only this child's flags")
    reviewed = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="true/false; both if absent"
    )


class RewardSerializer(serializers.ModelSerializer):
    type = serializers.ChoiceField(source="reward_type", choices=Reward.TYPES)
    rewardId = serializers.CharField(source="reward_id")
    starValue = serializers.IntegerField(source="star_value", min_value=0)
    earnedAt = serializers.DateTimeField(source="earned_at")
    name = serializers.CharField(source="metadata.name", default="", help_text="A badge's name")
    description = serializers.CharField(source="metadata.description", default="")
    slug = serializers.CharField(
        source="metadata.slug",
        default=None,
        allow_null=True,
        help_text="A star's or unlock's topic",
    )

    class Meta:
        model = Reward
        fields = ["id", "type", "rewardId", "starValue", "earnedAt", "name", "description", "slug"]


class ExchangeSerializer(serializers.Serializer):
    messages = MessageSerializer(many=True, help_text="The child's message, then the guide's reply")
    conversation = ConversationSerializer()
    rewards = RewardSerializer(many=True, help_text="What this exchange earned")


# --- progress ------------------------------------------------------------------------


class StreakSerializer(serializers.Serializer):
    current = serializers.IntegerField(
        min_value=0, help_text="Days in a row; 0 once a gap is more than the freezes can bridge"
    )
    longest = serializers.IntegerField(min_value=0)
    freezes = serializers.IntegerField(min_value=0, max_value=2)
    lastActivityDate = DateField(source="last_activity_date", allow_null=True)
    history = serializers.ListField(
        child=serializers.DictField(),
        help_text='[{"date", "streak", "activity", "freezeUsed"}], the last 90 entries',
    )


class TopicProgressSerializer(serializers.Serializer):
    topic = TopicRefSerializer()
    depth = serializers.IntegerField(source="depth_level", min_value=0)
    stars = serializers.IntegerField(min_value=0, max_value=3)
    conversations = serializers.IntegerField(source="conversations_count", min_value=0)
    timeSpentSeconds = serializers.IntegerField(source="time_spent_seconds", min_value=0)
    questionsAsked = serializers.IntegerField(source="questions_asked", min_value=0)
    unlockedAt = serializers.DateTimeField(source="unlocked_at", allow_null=True)
    masteredAt = serializers.DateTimeField(source="mastered_at", allow_null=True)


class ChildProgressSerializer(serializers.Serializer):
    childId = serializers.UUIDField(source="child.id")
    stars = serializers.IntegerField(min_value=0, help_text="The star balance")
    streak = StreakSerializer()
    badges = RewardSerializer(many=True)
    topics = TopicProgressSerializer(many=True)


# --- the parent's dashboard and flags ---------------------------------------------------


class ContextMessageSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    role = serializers.ChoiceField(choices=Message.ROLES)
    content = serializers.CharField()
    wasFiltered = serializers.BooleanField(source="was_filtered")
    createdAt = serializers.DateTimeField(source="created_at")


class FlagSerializer(serializers.Serializer):
    """A child's message the safety filter blocked, with its context."""

    messageId = serializers.UUIDField(source="message.id")
    childId = serializers.UUIDField(source="message.conversation.child_id")
    childName = serializers.CharField(source="message.conversation.child.name")
    conversationId = serializers.UUIDField(source="message.conversation_id")
    topic = TopicRefSerializer(source="message.conversation.topic", allow_null=True)
    content = serializers.CharField(source="message.content", help_text="What the child wrote")
    category = serializers.CharField(help_text='"offensive", "personal_info" or "distress"')
    reason = serializers.CharField()
    createdAt = serializers.DateTimeField(source="message.created_at")
    reviewedAt = serializers.DateTimeField(source="message.reviewed_at", allow_null=True)
    before = ContextMessageSerializer(many=True, help_text="The two messages before it")
    redirect = ContextMessageSerializer(allow_null=True, help_text="The guide's kind redirect")


class DayMinutesSerializer(serializers.Serializer):
    date = DateField()
    minutes = serializers.IntegerField(min_value=0)


class GrowthSerializer(serializers.Serializer):
    date = DateField(source="assessment_date")
    criticalThinking = serializers.IntegerField(source="critical_thinking", allow_null=True)
    creativeThinking = serializers.IntegerField(source="creative_thinking", allow_null=True)
    logicalReasoning = serializers.IntegerField(source="logical_reasoning", allow_null=True)
    knowledgeConnection = serializers.IntegerField(source="knowledge_connection", allow_null=True)
    curiosityIndex = serializers.IntegerField(source="curiosity_index", allow_null=True)
    conversationsAnalyzed = serializers.IntegerField(source="conversations_analyzed")
    confidenceLevel = serializers.FloatField(source="confidence_level", allow_null=True)


class ChildDashboardSerializer(serializers.Serializer):
    childId = serializers.UUIDField(source="child.id")
    name = serializers.CharField(source="child.name")
    ageGroup = serializers.ChoiceField(source="child.age_group", choices=AGE_GROUPS)
    minutesPerDay = DayMinutesSerializer(
        source="minutes", many=True, help_text="The last 14 days, oldest first, today last"
    )
    topicsExplored = TopicProgressSerializer(source="topics", many=True)
    curiosityGrowth = GrowthSerializer(
        source="growth", many=True, help_text="Nightly skill estimates (0-100), oldest first"
    )
    stars = serializers.IntegerField(min_value=0)
    streak = StreakSerializer()
    flags = FlagSerializer(many=True, help_text="Flags not yet reviewed, newest first")
    flagsUnreviewed = serializers.IntegerField(source="flags_unreviewed", min_value=0)


class DashboardSerializer(serializers.Serializer):
    date = DateField(help_text="Today in the parent's time zone")
    children = ChildDashboardSerializer(many=True)
