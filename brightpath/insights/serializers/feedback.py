"""The feedback API's shapes, in camelCase (seed 002 `feedback_data`)."""

from __future__ import annotations

from rest_framework import serializers

from ..models import Feedback
from ..questions import (
    ADJUSTMENTS,
    COMMENTS_MAX,
    FEEDBACK_TYPES,
    LIKERT_MAX,
    LIKERT_MIN,
    LIKERT_STATEMENTS,
    RATING_MAX,
    RATING_MIN,
    SCHEDULE_SATISFACTION,
)


class _Closed(serializers.Serializer):
    """Names a key it does not know instead of dropping it silently."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                expected = f"Unknown field; expected one of: {', '.join(self.fields)}."
                raise serializers.ValidationError({key: [expected] for key in unknown})
        return super().to_internal_value(data)


# One field per statement and per adjustment, from the constants the page shows too.
LikertResponsesSerializer = type(
    "LikertResponsesSerializer",
    (_Closed,),
    {
        "__doc__": "q1..q5, each 1 (strongly disagree) to 5 (strongly agree); any may be left out.",
        **{
            key: serializers.IntegerField(
                required=False, min_value=LIKERT_MIN, max_value=LIKERT_MAX, help_text=statement
            )
            for key, statement in LIKERT_STATEMENTS.items()
        },
    },
)

AdjustmentsSerializer = type(
    "AdjustmentsSerializer",
    (_Closed,),
    {
        "__doc__": "What the parent changed in the week (seed 002 `adjustments`).",
        **{
            key: serializers.BooleanField(required=False, help_text=label)
            for key, label in ADJUSTMENTS.items()
        },
    },
)


class FeedbackDataSerializer(_Closed):
    likertResponses = LikertResponsesSerializer(required=False)
    adjustments = AdjustmentsSerializer(required=False)


class FeedbackCreateSerializer(_Closed):
    feedbackType = serializers.ChoiceField(
        choices=FEEDBACK_TYPES,
        default=SCHEDULE_SATISFACTION,
        help_text="schedule_satisfaction rates a week (rating and scheduleId required).",
    )
    scheduleId = serializers.UUIDField(required=False, allow_null=True)
    childId = serializers.UUIDField(
        required=False, allow_null=True, help_text="Defaults to the schedule's child."
    )
    rating = serializers.IntegerField(
        required=False, allow_null=True, min_value=RATING_MIN, max_value=RATING_MAX
    )
    comments = serializers.CharField(
        required=False, allow_blank=True, max_length=COMMENTS_MAX, default=""
    )
    feedbackData = FeedbackDataSerializer(required=False)


class FeedbackSerializer(serializers.ModelSerializer):
    feedbackType = serializers.CharField(source="feedback_type")
    scheduleId = serializers.UUIDField(source="schedule_id", allow_null=True)
    childId = serializers.UUIDField(source="child_id", allow_null=True)
    childName = serializers.CharField(source="child.name", allow_null=True, default=None)
    weekStartDate = serializers.DateField(source="week_start_date", allow_null=True)
    feedbackData = FeedbackDataSerializer(source="feedback_data")
    createdAt = serializers.DateTimeField(source="created_at")

    class Meta:
        model = Feedback
        fields = [
            "id",
            "feedbackType",
            "scheduleId",
            "childId",
            "childName",
            "weekStartDate",
            "rating",
            "comments",
            "feedbackData",
            "createdAt",
        ]
        read_only_fields = fields


class FeedbackFilterSerializer(serializers.Serializer):
    childId = serializers.UUIDField(required=False, help_text="Only this child's feedback.")
    scheduleId = serializers.UUIDField(required=False, help_text="Only this week version's.")
    feedbackType = serializers.ChoiceField(choices=FEEDBACK_TYPES, required=False)
