"""Categories, activities, exercises, progressions and adaptations."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from brightpath.coach.pe import vocabulary as v
from brightpath.common.fields import DateField

from .common import PeActivityRefSerializer, PeRefSerializer


class PeCategorySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    parentId = serializers.UUIDField(source="parent_id", allow_null=True)
    metadata = serializers.JSONField(help_text="Category metadata (display, requirements, ...)")


class PeActivityCategorySerializer(serializers.Serializer):
    id = serializers.UUIDField(source="category.id")
    name = serializers.CharField(source="category.name")
    primary = serializers.BooleanField(source="primary_category")


class PeActivitySummarySerializer(PeActivityRefSerializer):
    description = serializers.CharField()
    equipmentRequired = serializers.CharField(source="equipment_required")
    intensity = serializers.CharField()
    space = serializers.CharField()
    minAge = serializers.IntegerField(source="min_age")
    maxAge = serializers.IntegerField(source="max_age")
    equipment = serializers.ListField(
        source="required_equipment", child=serializers.CharField(), help_text="What to check"
    )
    categories = PeActivityCategorySerializer(source="category_links", many=True)
    isCatalogue = serializers.SerializerMethodField()
    isArchived = serializers.BooleanField(source="is_archived")

    def get_isCatalogue(self, activity) -> bool:
        return activity.owner_id is None


class PeActivitySerializer(PeActivitySummarySerializer):
    instructions = serializers.CharField()
    safetyGuidelines = serializers.CharField(source="safety_guidelines")
    variations = serializers.ListField(child=serializers.CharField())
    benefits = serializers.ListField(child=serializers.CharField())
    activityMetadata = serializers.JSONField(
        source="activity_metadata",
        help_text='{"prerequisites", "progressionPath", "equipmentDetails": {"required", '
        '"optional"}, "safetyConsiderations", "adaptations": [{"need", "adaptationType", '
        '"description", "difficultyAdjustment"}], "skills"}',
    )
    exercises = PeRefSerializer(many=True)


class PeActivityWriteSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True, max_length=300, help_text="1-100 characters")
    description = serializers.CharField(allow_blank=True, max_length=1000, required=False)
    activityType = serializers.ChoiceField(source="activity_type", choices=v.ACTIVITY_TYPES)
    difficulty = serializers.ChoiceField(choices=v.DIFFICULTIES)
    equipmentRequired = serializers.ChoiceField(
        source="equipment_required", choices=v.EQUIPMENT_LEVELS
    )
    durationMinutes = serializers.IntegerField(source="duration_minutes", help_text="1-240 minutes")
    intensity = serializers.ChoiceField(choices=v.INTENSITIES)
    space = serializers.ChoiceField(choices=v.SPACES)
    minAge = serializers.IntegerField(source="min_age", required=False, help_text="5-18")
    maxAge = serializers.IntegerField(source="max_age", required=False, help_text="5-18")
    instructions = serializers.CharField(allow_blank=True, max_length=10000, required=False)
    safetyGuidelines = serializers.CharField(
        source="safety_guidelines", allow_blank=True, max_length=10000, required=False
    )
    variations = serializers.JSONField(required=False, help_text="[str]")
    benefits = serializers.JSONField(required=False, help_text="[str]")
    activityMetadata = serializers.JSONField(source="activity_metadata", required=False)
    categoryIds = serializers.ListField(
        source="category_ids", child=serializers.UUIDField(), max_length=10, required=False
    )
    primaryCategoryId = serializers.UUIDField(
        source="primary_category_id", required=False, allow_null=True
    )


class PeActivityUpdateSerializer(PeActivityWriteSerializer):
    def __init__(self, *args, **kwargs):
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)


class PeArchiveSerializer(serializers.Serializer):
    archived = serializers.BooleanField(default=True)


class PeReferencePatternSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    patternType = serializers.CharField(source="pattern_type")
    description = serializers.CharField()
    metrics = serializers.JSONField(
        help_text="The engine's reference: primaryJoint, restAngle, romRange, repSeconds, "
        "curve, cues"
    )


class PeExerciseSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    exerciseType = serializers.CharField(source="exercise_type")
    difficulty = serializers.CharField()
    instructions = serializers.CharField()
    primaryJoints = serializers.ListField(source="primary_joints", child=serializers.CharField())
    activity = PeRefSerializer()
    referencePattern = serializers.SerializerMethodField()
    isCatalogue = serializers.SerializerMethodField()

    @extend_schema_field(PeReferencePatternSerializer(allow_null=True))
    def get_referencePattern(self, exercise):
        patterns = list(exercise.reference_patterns.all())
        return PeReferencePatternSerializer(patterns[0]).data if patterns else None

    def get_isCatalogue(self, exercise) -> bool:
        return exercise.owner_id is None


class PeExerciseWriteSerializer(serializers.Serializer):
    activityId = serializers.UUIDField()
    name = serializers.CharField(allow_blank=True, max_length=300, help_text="1-100 characters")
    exerciseType = serializers.ChoiceField(source="exercise_type", choices=v.EXERCISE_TYPES)
    difficulty = serializers.ChoiceField(choices=v.DIFFICULTIES)
    description = serializers.CharField(allow_blank=True, max_length=5000, required=False)
    instructions = serializers.CharField(allow_blank=True, max_length=10000, required=False)
    primaryJoints = serializers.JSONField(
        source="primary_joints", required=False, help_text="[elbow|shoulder|hip|knee|ankle]"
    )
    referencePattern = serializers.JSONField(
        source="reference",
        required=False,
        allow_null=True,
        help_text='{"patternType", "description", "metrics": {"primaryJoint", "restAngle", '
        '"awayPhase", "romRange", "repSeconds", "curve", "cues"}}',
    )


class PeProgressionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    toActivity = PeActivityRefSerializer(source="to_activity")
    progressionType = serializers.CharField(source="progression_type")
    level = serializers.CharField()
    requirements = serializers.JSONField(help_text='{"minScore", "minAssessments", "skillLevel"}')
    difficultyIncrease = serializers.FloatField(source="difficulty_increase")
    isCatalogue = serializers.SerializerMethodField()

    def get_isCatalogue(self, progression) -> bool:
        return progression.owner_id is None


class PeProgressionWriteSerializer(serializers.Serializer):
    toActivityId = serializers.UUIDField()
    progressionType = serializers.ChoiceField(
        source="progression_type", choices=v.PROGRESSION_TYPES
    )
    level = serializers.ChoiceField(choices=v.PROGRESSION_LEVELS)
    requirements = serializers.JSONField(required=False)
    difficultyIncrease = serializers.FloatField(
        source="difficulty_increase", required=False, default=0.1
    )


# --- adaptations ------------------------------------------------------------------------


class PeAdaptationHistorySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    changeType = serializers.CharField(source="change_type")
    previousData = serializers.JSONField(source="previous_data")
    newData = serializers.JSONField(source="new_data")
    reason = serializers.CharField()
    effectivenessScore = serializers.FloatField(source="effectiveness_score", allow_null=True)
    at = serializers.DateTimeField(source="created_at")


class PeAdaptationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    studentId = serializers.UUIDField(source="student_id")
    activity = PeActivityRefSerializer()
    adaptationType = serializers.CharField(source="adaptation_type")
    adaptationData = serializers.JSONField(
        source="adaptation_data",
        help_text='{"summary", "modifications", "need", "equipment", "intensityScale", '
        '"durationMinutes"}',
    )
    difficultyAdjustment = serializers.FloatField(source="difficulty_adjustment")
    isActive = serializers.BooleanField(source="is_active")
    startDate = serializers.DateField(source="start_date")
    endDate = serializers.DateField(source="end_date", allow_null=True)
    history = PeAdaptationHistorySerializer(many=True)


class PeAdaptationWriteSerializer(serializers.Serializer):
    activityId = serializers.UUIDField()
    adaptationType = serializers.ChoiceField(source="adaptation_type", choices=v.ADAPTATION_TYPES)
    adaptationData = serializers.JSONField(source="adaptation_data")
    difficultyAdjustment = serializers.FloatField(
        source="difficulty_adjustment", required=False, default=0.0, help_text="-1 to 1"
    )
    startDate = DateField(source="start_date", required=False, allow_null=True)
    endDate = DateField(source="end_date", required=False, allow_null=True)
    reason = serializers.CharField(allow_blank=True, max_length=2000, required=False, default="")


class PeAdaptationUpdateSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, max_length=2000, help_text="Why it changes")
    adaptationData = serializers.JSONField(source="adaptation_data", required=False)
    difficultyAdjustment = serializers.FloatField(source="difficulty_adjustment", required=False)
    endDate = DateField(source="end_date", required=False, allow_null=True)
    effectivenessScore = serializers.FloatField(
        source="effectiveness_score", required=False, allow_null=True, help_text="0-1"
    )


class PeAdaptationActiveSerializer(serializers.Serializer):
    isActive = serializers.BooleanField(source="active")
    reason = serializers.CharField(allow_blank=True, max_length=2000)
    effectivenessScore = serializers.FloatField(
        source="effectiveness_score", required=False, allow_null=True, help_text="0-1"
    )


class PeAdaptationSuggestionSerializer(serializers.Serializer):
    need = serializers.CharField()
    adaptationType = serializers.CharField()
    description = serializers.CharField()
    difficultyAdjustment = serializers.FloatField(required=False)
    matchedOn = serializers.ListField(child=serializers.CharField())
