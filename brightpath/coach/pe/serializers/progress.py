"""Assessments, skill progress and activity performances."""

from rest_framework import serializers

from brightpath.common.fields import DateField

from .common import PeActivityRefSerializer, PeStudentRefSerializer


class PeAssessmentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    student = PeStudentRefSerializer()
    activity = PeActivityRefSerializer()
    planId = serializers.UUIDField(source="plan_id", allow_null=True)
    status = serializers.CharField(help_text="pending, in_progress, completed or archived")
    assessmentDate = serializers.DateField(source="assessment_date")
    rubric = serializers.JSONField(
        help_text='{"scale": {"min", "max"}, "criteria": {name: {"weight", "minimumScore", '
        '"evaluationPoints", "subCriteria": {name: weight}}}, "progressIndicators"}'
    )
    scores = serializers.JSONField(help_text="{criterion: number or {subCriterion: number}}")
    results = serializers.JSONField(
        help_text='{criterion: {"score", "percent", "weight", "meetsMinimum"}}'
    )
    overallScore = serializers.FloatField(
        source="overall_score", allow_null=True, help_text="0-100"
    )
    notes = serializers.CharField()


class PeAssessmentWriteSerializer(serializers.Serializer):
    studentId = serializers.UUIDField()
    activityId = serializers.UUIDField()
    planId = serializers.UUIDField(required=False, allow_null=True)
    assessmentDate = DateField(source="assessment_date", required=False)
    rubric = serializers.JSONField(
        required=False, help_text="Default: the plan's assessment criteria, else the default"
    )
    scores = serializers.JSONField(required=False)
    notes = serializers.CharField(allow_blank=True, max_length=10000, required=False, default="")
    complete = serializers.BooleanField(
        required=False, default=False, help_text="Final at once: moves the skill progress"
    )


class PeAssessmentScoreSerializer(serializers.Serializer):
    scores = serializers.JSONField()
    notes = serializers.CharField(allow_blank=True, max_length=10000, required=False)


class PeProgressPointSerializer(serializers.Serializer):
    date = serializers.DateField()
    score = serializers.FloatField(help_text="0-100")
    source = serializers.CharField(help_text="assessment or movement")
    sourceId = serializers.UUIDField()


class PeMilestoneSerializer(serializers.Serializer):
    milestone = serializers.CharField()
    achievedDate = serializers.DateField()
    proficiencyLevel = serializers.CharField()


class PeSkillProgressSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    activity = PeActivityRefSerializer()
    skillLevel = serializers.CharField(
        source="skill_level", help_text="beginner, intermediate, advanced or expert"
    )
    latestScore = serializers.FloatField(source="latest_score", allow_null=True)
    series = PeProgressPointSerializer(source="progress_data.series", many=True, default=list)
    metrics = serializers.DictField(
        source="progress_data.metrics", child=serializers.FloatField(), default=dict
    )
    milestonesAchieved = PeMilestoneSerializer(
        source="progress_data.milestonesAchieved", many=True, default=list
    )
    areasForImprovement = serializers.ListField(
        source="progress_data.areasForImprovement", child=serializers.CharField(), default=list
    )
    goals = serializers.JSONField(help_text='{"targetLevel", "targetScore", "targetDate", "note"}')
    updatedAt = serializers.DateTimeField(source="updated_at")


class PeGoalsSerializer(serializers.Serializer):
    goals = serializers.JSONField()


class PeActivityPerformanceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    activity = PeActivityRefSerializer()
    performanceDate = serializers.DateField(source="performance_date")
    score = serializers.FloatField(help_text="0-100")
    feedback = serializers.JSONField(help_text='{"strengths", "improvements", "comment"}')


class PeActivityPerformanceWriteSerializer(serializers.Serializer):
    activityId = serializers.UUIDField()
    performanceDate = DateField(source="performance_date")
    score = serializers.FloatField(help_text="0-100")
    feedback = serializers.JSONField(required=False)
