from rest_framework import serializers

from .models import Category, Question, SessionStatus, SurveyResponse, SurveySession
from .scoring import QUESTION_COUNT, RATING_MAX, RATING_MIN


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "description", "dimension", "order"]
        read_only_fields = fields


class QuestionSerializer(serializers.ModelSerializer):
    categoryId = serializers.UUIDField(source="category_id", read_only=True)
    dimension = serializers.CharField(source="category.dimension", read_only=True)
    reverseScored = serializers.BooleanField(
        source="reverse_scored",
        read_only=True,
        help_text="Counted as 6 - rating in the dimension score.",
    )

    class Meta:
        model = Question
        fields = [
            "id",
            "number",
            "categoryId",
            "dimension",
            "text",
            "description",
            "reverseScored",
            "weight",
            "order",
        ]
        read_only_fields = fields


class QuestionFilterSerializer(serializers.Serializer):
    category = serializers.UUIDField(required=False, help_text="Only this category's questions.")


class DimensionScoresSerializer(serializers.Serializer):
    """Mean rating per dimension (1.0-5.0, two decimals); reverse-scored items count 6 - rating."""

    flexibilityVsStructure = serializers.FloatField(required=False)
    subjectRotation = serializers.FloatField(required=False)
    timeManagement = serializers.FloatField(required=False)
    longTermScheduling = serializers.FloatField(required=False)
    prioritization = serializers.FloatField(required=False)


class SurveySessionSerializer(serializers.ModelSerializer):
    startedAt = serializers.DateTimeField(source="started_at", read_only=True)
    completedAt = serializers.DateTimeField(source="completed_at", read_only=True, allow_null=True)
    dimensionScores = DimensionScoresSerializer(
        source="dimension_scores",
        read_only=True,
        allow_null=True,
        help_text="Set when the session is completed.",
    )

    class Meta:
        model = SurveySession
        fields = ["id", "status", "startedAt", "completedAt", "dimensionScores"]
        read_only_fields = fields


class SurveySessionUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[SessionStatus.COMPLETED, SessionStatus.ABANDONED],
        help_text="completed needs every active question answered.",
    )


class ResponseInputSerializer(serializers.Serializer):
    questionId = serializers.UUIDField(source="question_id", required=False)
    questionNumber = serializers.IntegerField(
        source="question_number", required=False, min_value=1, max_value=QUESTION_COUNT
    )
    rating = serializers.IntegerField(
        min_value=RATING_MIN,
        max_value=RATING_MAX,
        help_text="1 = strongly disagree, 5 = strongly agree.",
    )
    textResponse = serializers.CharField(
        source="text_response", required=False, allow_blank=True, max_length=5000
    )

    def validate(self, attrs: dict) -> dict:
        if "question_id" not in attrs and "question_number" not in attrs:
            raise serializers.ValidationError(
                {"questionId": ["Give questionId or questionNumber."]}
            )
        return attrs


class ResponsesSubmitSerializer(serializers.Serializer):
    responses = ResponseInputSerializer(many=True, allow_empty=False, max_length=QUESTION_COUNT)


class SurveyResponseSerializer(serializers.ModelSerializer):
    questionId = serializers.UUIDField(source="question_id", read_only=True)
    questionNumber = serializers.IntegerField(source="question.number", read_only=True)
    textResponse = serializers.CharField(source="text_response", read_only=True)
    updatedAt = serializers.DateTimeField(source="updated_at", read_only=True)

    class Meta:
        model = SurveyResponse
        fields = ["id", "questionId", "questionNumber", "rating", "textResponse", "updatedAt"]
        read_only_fields = fields


class ResponsesSubmitResultSerializer(serializers.Serializer):
    responses = SurveyResponseSerializer(many=True, help_text="The answers saved by this request.")
