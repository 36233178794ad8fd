"""Unit plans with their week-by-week sequence; routines, their steps and performances."""

import datetime as dt

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from brightpath.common.fields import DateField

from .common import PeActivityRefSerializer, PeStudentRefSerializer


class PePlanActivitySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    activity = PeActivityRefSerializer()
    week = serializers.IntegerField()
    sequenceOrder = serializers.IntegerField(source="sequence_order")
    scheduledDate = serializers.DateField(source="scheduled_date", allow_null=True)
    status = serializers.CharField(help_text="scheduled, completed, cancelled or skipped")
    notes = serializers.CharField()


class PePlanWeekSerializer(serializers.Serializer):
    week = serializers.IntegerField()
    startDate = serializers.DateField()
    endDate = serializers.DateField()
    activities = PePlanActivitySerializer(many=True)


class PePlanSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    classId = serializers.UUIDField(source="pe_class_id", allow_null=True)
    studentId = serializers.UUIDField(source="student_id", allow_null=True)
    startDate = serializers.DateField(source="start_date")
    endDate = serializers.DateField(source="end_date")
    weekCount = serializers.IntegerField(source="weeks")
    status = serializers.CharField(help_text="draft, active, completed or cancelled")
    objectives = serializers.JSONField(
        help_text='{"learningObjectives": [{"area", "target", "successCriteria"}], '
        '"priorityLevels": {area: "high"|"medium"|"low"}}'
    )
    assessmentCriteria = serializers.JSONField(
        source="assessment_criteria",
        help_text='A rubric: {"scale": {"min", "max"}, "criteria": {name: {"weight", '
        '"minimumScore", "evaluationPoints", "subCriteria"}}}; weights sum to 1',
    )
    adaptations = serializers.JSONField()
    progressTracking = serializers.JSONField(source="progress_tracking")
    notes = serializers.CharField()
    weeks = serializers.SerializerMethodField()

    @extend_schema_field(PePlanWeekSerializer(many=True))
    def get_weeks(self, plan):
        """Every week of the plan, with its activities in order (empty weeks included)."""
        rows = list(plan.sequence.all())
        weeks = []
        for week in range(1, plan.weeks + 1):
            start = plan.start_date + dt.timedelta(days=7 * (week - 1))
            weeks.append(
                {
                    "week": week,
                    "startDate": start,
                    "endDate": min(start + dt.timedelta(days=6), plan.end_date),
                    "activities": [row for row in rows if row.week == week],
                }
            )
        return PePlanWeekSerializer(weeks, many=True).data


class PePlanWriteSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True, max_length=500)
    classId = serializers.UUIDField(required=False, allow_null=True)
    studentId = serializers.UUIDField(required=False, allow_null=True)
    startDate = DateField(source="start_date")
    endDate = DateField(source="end_date")
    objectives = serializers.JSONField()
    assessmentCriteria = serializers.JSONField(
        source="assessment_criteria", required=False, help_text="Default: technique/performance"
    )
    description = serializers.CharField(allow_blank=True, max_length=10000, required=False)
    adaptations = serializers.JSONField(required=False)
    progressTracking = serializers.JSONField(source="progress_tracking", required=False)
    notes = serializers.CharField(allow_blank=True, max_length=10000, required=False)
    weeks = serializers.JSONField(
        required=False,
        help_text='[{"week": 1, "activities": [{"activityId", "scheduledDate", "notes"}]}]',
    )


class PePlanUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True, max_length=500, required=False)
    startDate = DateField(source="start_date", required=False)
    endDate = DateField(source="end_date", required=False)
    objectives = serializers.JSONField(required=False)
    assessmentCriteria = serializers.JSONField(source="assessment_criteria", required=False)
    description = serializers.CharField(allow_blank=True, max_length=10000, required=False)
    adaptations = serializers.JSONField(required=False)
    progressTracking = serializers.JSONField(source="progress_tracking", required=False)
    notes = serializers.CharField(allow_blank=True, max_length=10000, required=False)


class PePlanSequenceSerializer(serializers.Serializer):
    weeks = serializers.JSONField(
        help_text='[{"week": 1, "activities": [{"activityId", "scheduledDate", "notes"}]}]'
    )


class PePlanActivityWriteSerializer(serializers.Serializer):
    activityId = serializers.UUIDField(source="activity_id")
    week = serializers.IntegerField()
    scheduledDate = DateField(source="scheduled_date", required=False, allow_null=True)
    notes = serializers.CharField(allow_blank=True, max_length=2000, required=False, default="")


# --- routines --------------------------------------------------------------------------------


class PeRoutineStepSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    sequenceOrder = serializers.IntegerField(source="sequence_order")
    phase = serializers.CharField(help_text="warm_up, main or cool_down")
    durationMinutes = serializers.IntegerField(source="duration_minutes", allow_null=True)
    isTimed = serializers.BooleanField(source="is_timed")
    activity = PeActivityRefSerializer()


class PeRoutineSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    classId = serializers.UUIDField(source="pe_class_id")
    planId = serializers.UUIDField(source="plan_id", allow_null=True)
    name = serializers.CharField()
    description = serializers.CharField()
    focusAreas = serializers.JSONField(
        source="focus_areas",
        help_text='{"primaryFocus", "secondaryFocus", "targetMuscleGroups", '
        '"intensityDistribution": {"high", "medium", "low"}, "progressionGoals"}',
    )
    status = serializers.CharField(
        help_text="draft, scheduled, in_progress, completed or cancelled"
    )
    scheduledFor = serializers.DateTimeField(source="scheduled_for", allow_null=True)
    startedAt = serializers.DateTimeField(source="started_at", allow_null=True)
    completedAt = serializers.DateTimeField(source="completed_at", allow_null=True)
    totalMinutes = serializers.SerializerMethodField()
    steps = PeRoutineStepSerializer(many=True)

    def get_totalMinutes(self, routine) -> int:
        return sum(step.duration_minutes or 0 for step in routine.steps.all())


class PeRoutineWriteSerializer(serializers.Serializer):
    classId = serializers.UUIDField()
    planId = serializers.UUIDField(required=False, allow_null=True)
    name = serializers.CharField(allow_blank=True, max_length=500)
    description = serializers.CharField(allow_blank=True, max_length=10000, required=False)
    focusAreas = serializers.JSONField(source="focus_areas", required=False)
    scheduledFor = serializers.DateTimeField(
        source="scheduled_for", required=False, allow_null=True
    )
    steps = serializers.JSONField(
        required=False,
        help_text='[{"activityId", "phase": "warm_up"|"main"|"cool_down", "durationMinutes", '
        '"isTimed"}] in order',
    )


class PeRoutineUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True, max_length=500, required=False)
    description = serializers.CharField(allow_blank=True, max_length=10000, required=False)
    focusAreas = serializers.JSONField(source="focus_areas", required=False)
    scheduledFor = serializers.DateTimeField(
        source="scheduled_for", required=False, allow_null=True
    )
    steps = serializers.JSONField(required=False)


class PeMetricSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    metricType = serializers.CharField(source="metric_type")
    metricValue = serializers.FloatField(source="metric_value")
    metricData = serializers.JSONField(source="metric_data")
    recordedAt = serializers.DateTimeField(source="recorded_at")


class PePerformanceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    student = PeStudentRefSerializer()
    isCompleted = serializers.BooleanField(source="is_completed")
    completionTime = serializers.FloatField(source="completion_time", allow_null=True)
    accuracyScore = serializers.FloatField(source="accuracy_score", allow_null=True)
    effortScore = serializers.FloatField(source="effort_score", allow_null=True)
    notes = serializers.CharField()
    performanceData = serializers.JSONField(source="performance_data")
    metrics = PeMetricSerializer(many=True)


class PePerformancesWriteSerializer(serializers.Serializer):
    performances = serializers.ListField(
        child=serializers.DictField(),
        max_length=60,
        help_text='[{"studentId", "isCompleted", "completionTime" (s), "accuracyScore" (0-1), '
        '"effortScore" (0-1), "notes", "performanceData", "metrics": [{"metricType", '
        '"metricValue", "metricData"}]}]',
    )


class PeSafetyItemSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="environment, equipment, risk or safety_check")
    subject = serializers.CharField()
    status = serializers.CharField(help_text="passed, failed, missing or pending")
    checkId = serializers.UUIDField(allow_null=True)
    problems = serializers.ListField(child=serializers.CharField())
    activityId = serializers.UUIDField(required=False)


class PeSafetyReportSerializer(serializers.Serializer):
    ready = serializers.BooleanField()
    day = serializers.DateField()
    items = PeSafetyItemSerializer(many=True)
