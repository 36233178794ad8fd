"""Movement analyses."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .common import PeRefSerializer, PeStudentRefSerializer


class PeMovementAnalysisSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    student = PeStudentRefSerializer()
    exercise = PeRefSerializer()
    activity = PeRefSerializer()
    recordedAt = serializers.DateTimeField(source="recorded_at")
    sourceFormat = serializers.CharField(source="source_format")
    frameCount = serializers.IntegerField(source="frame_count")
    fps = serializers.FloatField()
    durationSeconds = serializers.FloatField(source="duration_seconds")
    repetitions = serializers.IntegerField()
    qualityScore = serializers.FloatField(source="quality_score", help_text="0-1")
    confidence = serializers.FloatField(help_text="0-1")
    similarity = serializers.FloatField(
        allow_null=True, help_text="0-1, to the exercise's reference pattern"
    )
    movementType = serializers.CharField(source="movement_type")
    rangeOfMotion = serializers.SerializerMethodField()
    recommendations = serializers.ListField(child=serializers.CharField())

    @extend_schema_field(serializers.DictField(child=serializers.FloatField(allow_null=True)))
    def get_rangeOfMotion(self, analysis):
        """Degrees per joint (sides averaged)."""
        ranges = (analysis.analysis_data or {}).get("rangeOfMotion") or {}
        return {joint: values.get("romDegrees") for joint, values in ranges.items()}


class PeMovementAnalysisSerializer(PeMovementAnalysisSummarySerializer):
    analysisData = serializers.JSONField(
        source="analysis_data",
        help_text="The engine's full result: repetitions, rangeOfMotion, tempo, symmetry, "
        "smoothness, comparison, metrics, issuesDetected, series, warnings",
    )
