"""Shapes of the model registry, evaluation and learned preferences, in camelCase."""

from __future__ import annotations

from rest_framework import serializers

from ..models import MLModel, TrainingRun


class MLModelSerializer(serializers.ModelSerializer):
    """A version's description and held-out metrics; the artifact itself is never sent."""

    isActive = serializers.BooleanField(source="is_active")
    activatedAt = serializers.DateTimeField(source="activated_at", allow_null=True)
    createdAt = serializers.DateTimeField(source="created_at")
    featureImportance = serializers.JSONField(source="feature_importance")
    performanceMetrics = serializers.JSONField(
        source="performance_metrics",
        help_text="Held-out figures: satisfactionMae (stars), completionMae, calibration, "
        "nTrain, nTest.",
    )

    class Meta:
        model = MLModel
        fields = [
            "id",
            "name",
            "version",
            "description",
            "isActive",
            "activatedAt",
            "createdAt",
            "parameters",
            "featureImportance",
            "performanceMetrics",
        ]
        read_only_fields = fields


class TrainingRunSerializer(serializers.ModelSerializer):
    candidateVersion = serializers.CharField(
        source="candidate.version", allow_null=True, default=None
    )
    startedAt = serializers.DateTimeField(source="created_at")
    finishedAt = serializers.DateTimeField(source="finished_at", allow_null=True)

    class Meta:
        model = TrainingRun
        fields = [
            "id",
            "trigger",
            "status",
            "examples",
            "message",
            "candidateVersion",
            "startedAt",
            "finishedAt",
        ]
        read_only_fields = fields


class ModelStatusSerializer(serializers.Serializer):
    name = serializers.CharField()
    training = serializers.BooleanField(help_text="A training run is in progress.")
    active = MLModelSerializer(allow_null=True)
    versions = MLModelSerializer(many=True, help_text="The latest versions, newest first.")
    runs = TrainingRunSerializer(many=True, help_text="The latest training runs, newest first.")


class EvaluateScheduleSerializer(serializers.Serializer):
    scheduleId = serializers.UUIDField(help_text="One of your family's schedules (a week version).")


class EvaluationSerializer(serializers.Serializer):
    scheduleId = serializers.UUIDField()
    model = serializers.CharField()
    modelVersion = serializers.CharField()
    predictedSatisfaction = serializers.FloatField(help_text="Stars, 1-5.")
    predictedCompletionRate = serializers.FloatField(help_text="0-1.")
    features = serializers.DictField(child=serializers.FloatField())


class TrainSerializer(serializers.Serializer):
    taskId = serializers.CharField(allow_null=True)


class _Window(serializers.Serializer):
    startTime = serializers.CharField()
    endTime = serializers.CharField()


class _LearnedTime(serializers.Serializer):
    childId = serializers.CharField()
    childName = serializers.CharField()
    subjectId = serializers.CharField()
    subjectName = serializers.CharField()
    windows = _Window(many=True, help_text="When the subject is best started.")
    strength = serializers.FloatField(help_text="Confidence, 0-1.")


class _Explanation(serializers.Serializer):
    childId = serializers.CharField(allow_null=True)
    subjectId = serializers.CharField(allow_null=True)
    subjectName = serializers.CharField()
    kind = serializers.CharField(help_text="time (a subject's time of day) or weight.")
    text = serializers.CharField()
    at = serializers.DateField(allow_null=True)


class LearnedPreferencesSerializer(serializers.Serializer):
    updatedAt = serializers.DateTimeField(allow_null=True)
    learnedThrough = serializers.DateTimeField(
        allow_null=True, help_text="The newest activity log learned from."
    )
    weights = serializers.DictField(
        child=serializers.FloatField(), help_text="The planner's soft-preference weights."
    )
    learnedTimes = _LearnedTime(many=True)
    explanations = _Explanation(many=True, help_text="Each change in a sentence, newest first.")
