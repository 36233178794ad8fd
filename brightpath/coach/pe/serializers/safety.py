"""Safety checks, risk assessments and incidents."""

from rest_framework import serializers

from brightpath.coach.pe import vocabulary as v
from brightpath.common.fields import DateField

from .common import PeActivityRefSerializer, PeRefSerializer, PeStudentRefSerializer


class PeEnvironmentalCheckSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    classId = serializers.UUIDField(source="pe_class_id")
    checkDate = serializers.DateTimeField(source="check_date")
    temperature = serializers.FloatField(help_text="Degrees C")
    humidity = serializers.FloatField(help_text="Percent")
    airQuality = serializers.FloatField(source="air_quality", help_text="AQI 0-500")
    lighting = serializers.FloatField(help_text="Lux")
    surfaceConditions = serializers.JSONField(source="surface_conditions")
    equipmentCondition = serializers.JSONField(source="equipment_condition")
    environmentalMetadata = serializers.JSONField(source="environmental_metadata")
    passed = serializers.BooleanField()
    issues = serializers.JSONField(help_text='[{"field", "problem"}]')


class PeEnvironmentalCheckWriteSerializer(serializers.Serializer):
    classId = serializers.UUIDField()
    checkDate = serializers.DateTimeField(source="check_date", required=False, allow_null=True)
    temperature = serializers.FloatField()
    humidity = serializers.FloatField()
    airQuality = serializers.FloatField(source="air_quality")
    lighting = serializers.FloatField()
    surfaceConditions = serializers.JSONField(
        source="surface_conditions",
        help_text='{"condition": "good"|"fair"|"wet"|"icy"|"uneven"|"damaged", '
        '"obstructions": [str], "notes"}',
    )
    equipmentCondition = serializers.JSONField(source="equipment_condition", required=False)
    environmentalMetadata = serializers.JSONField(source="environmental_metadata", required=False)


class PeEquipmentCheckSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    equipmentType = serializers.CharField(source="equipment_type")
    condition = serializers.CharField()
    safetyRating = serializers.FloatField(source="safety_rating")
    quantity = serializers.IntegerField(allow_null=True)
    location = serializers.CharField()
    checkedAt = serializers.DateTimeField(source="checked_at")
    lastMaintenance = serializers.DateField(source="last_maintenance", allow_null=True)
    nextMaintenance = serializers.DateField(source="next_maintenance", allow_null=True)
    replacementDate = serializers.DateField(source="replacement_date", allow_null=True)
    maintenanceHistory = serializers.JSONField(source="maintenance_history")
    notes = serializers.CharField()


class PeEquipmentCheckWriteSerializer(serializers.Serializer):
    equipmentType = serializers.CharField(source="equipment_type", allow_blank=True, max_length=200)
    condition = serializers.ChoiceField(choices=v.EQUIPMENT_CONDITIONS)
    safetyRating = serializers.FloatField(source="safety_rating", help_text="0-1")
    checkedAt = serializers.DateTimeField(source="checked_at", required=False, allow_null=True)
    quantity = serializers.IntegerField(required=False, allow_null=True)
    location = serializers.CharField(allow_blank=True, max_length=300, required=False)
    lastMaintenance = DateField(source="last_maintenance", required=False, allow_null=True)
    nextMaintenance = DateField(source="next_maintenance", required=False, allow_null=True)
    replacementDate = DateField(source="replacement_date", required=False, allow_null=True)
    maintenanceHistory = serializers.JSONField(source="maintenance_history", required=False)
    notes = serializers.CharField(allow_blank=True, max_length=5000, required=False)
    classId = serializers.UUIDField(required=False, allow_null=True)


class PeRiskAssessmentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    activity = PeActivityRefSerializer()
    classId = serializers.UUIDField(source="pe_class_id", allow_null=True)
    riskLevel = serializers.CharField(source="risk_level")
    probability = serializers.FloatField()
    impact = serializers.FloatField()
    mitigationMeasures = serializers.JSONField(source="mitigation_measures")
    riskFactors = serializers.JSONField(source="risk_factors")
    assessmentDate = serializers.DateField(source="assessment_date")
    reviewDate = serializers.DateField(source="review_date")


class PeRiskAssessmentWriteSerializer(serializers.Serializer):
    activityId = serializers.UUIDField()
    probability = serializers.FloatField(help_text="0-1")
    impact = serializers.FloatField(help_text="0-1")
    riskLevel = serializers.ChoiceField(
        source="risk_level",
        choices=v.RISK_LEVELS,
        required=False,
        allow_null=True,
        help_text="Default: from probability x impact",
    )
    mitigationMeasures = serializers.JSONField(source="mitigation_measures", required=False)
    riskFactors = serializers.JSONField(source="risk_factors", required=False)
    assessmentDate = DateField(source="assessment_date", required=False, allow_null=True)
    reviewDate = DateField(source="review_date", required=False, allow_null=True)
    classId = serializers.UUIDField(required=False, allow_null=True)


class PeSafetyCheckSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    classId = serializers.UUIDField(source="pe_class_id", allow_null=True)
    checkType = serializers.CharField(source="check_type")
    status = serializers.CharField(help_text="pending, passed, failed or resolved")
    notes = serializers.CharField()
    location = serializers.CharField()
    severityLevel = serializers.CharField(source="severity_level")
    actionRequired = serializers.BooleanField(source="action_required")
    followUpDate = serializers.DateField(source="follow_up_date", allow_null=True)
    completedAt = serializers.DateTimeField(source="completed_at", allow_null=True)
    resolution = serializers.CharField()
    createdAt = serializers.DateTimeField(source="created_at")


class PeSafetyCheckWriteSerializer(serializers.Serializer):
    checkType = serializers.ChoiceField(source="check_type", choices=v.SAFETY_CHECK_TYPES)
    status = serializers.ChoiceField(choices=("pending", "passed", "failed"), default="pending")
    classId = serializers.UUIDField(required=False, allow_null=True)
    notes = serializers.CharField(allow_blank=True, max_length=5000, required=False, default="")
    location = serializers.CharField(allow_blank=True, max_length=300, required=False, default="")
    severityLevel = serializers.ChoiceField(
        source="severity_level", choices=v.SEVERITY_LEVELS, required=False, default="low"
    )
    actionRequired = serializers.BooleanField(
        source="action_required", required=False, default=False
    )
    followUpDate = DateField(source="follow_up_date", required=False, allow_null=True)


class PeSafetyCheckStatusSerializer(serializers.Serializer):
    status = serializers.CharField(max_length=30, help_text="passed, failed or resolved")
    notes = serializers.CharField(allow_blank=True, max_length=5000, required=False, default="")
    resolution = serializers.CharField(
        allow_blank=True,
        max_length=5000,
        required=False,
        default="",
        help_text="What was done (required to resolve)",
    )


class PeIncidentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    student = PeStudentRefSerializer()
    activity = PeRefSerializer()
    classId = serializers.UUIDField(source="pe_class_id", allow_null=True)
    routineId = serializers.UUIDField(source="routine_id", allow_null=True)
    date = serializers.DateTimeField()
    incidentType = serializers.CharField(source="incident_type")
    severity = serializers.CharField()
    description = serializers.CharField()
    actionTaken = serializers.CharField(source="action_taken")
    status = serializers.CharField(help_text="reported, investigating, resolved or closed")
    followUpDate = serializers.DateField(source="follow_up_date", allow_null=True)
    incidentMetadata = serializers.JSONField(
        source="incident_metadata",
        help_text='{"bodyPart", "firstAidGiven", "parentNotified", "witnesses", '
        '"followUps": [{"at", "note", "status"}]}',
    )


class PeIncidentWriteSerializer(serializers.Serializer):
    studentId = serializers.UUIDField()
    activityId = serializers.UUIDField()
    classId = serializers.UUIDField(required=False, allow_null=True)
    routineId = serializers.UUIDField(required=False, allow_null=True)
    date = serializers.DateTimeField()
    incidentType = serializers.ChoiceField(source="incident_type", choices=v.INCIDENT_TYPES)
    severity = serializers.ChoiceField(choices=v.INCIDENT_SEVERITIES)
    description = serializers.CharField(allow_blank=True, max_length=10000)
    actionTaken = serializers.CharField(source="action_taken", allow_blank=True, max_length=10000)
    followUpDate = DateField(source="follow_up_date", required=False, allow_null=True)
    incidentMetadata = serializers.JSONField(source="incident_metadata", required=False)


class PeFollowUpSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True, max_length=5000)
    status = serializers.CharField(max_length=30, required=False, allow_null=True)
    followUpDate = DateField(source="follow_up_date", required=False, allow_null=True)
