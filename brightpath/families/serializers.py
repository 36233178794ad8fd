from zoneinfo import available_timezones

from rest_framework import serializers

from brightpath.common.fields import TimeField

from . import vocabulary as v
from .models import ChildCommitment, Family, FamilyCommitment


class FamilySerializer(serializers.ModelSerializer):
    schedulingFlexibility = serializers.CharField(source="scheduling_flexibility", read_only=True)
    planningApproach = serializers.CharField(source="planning_approach", read_only=True)
    timeZone = serializers.CharField(source="time_zone", read_only=True)
    schoolDays = serializers.ListField(source="school_days", read_only=True)
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Family
        fields = [
            "id",
            "name",
            "timeZone",
            "schoolDays",
            "adults",
            "schedulingFlexibility",
            "planningApproach",
            "preferences",
            "createdAt",
        ]
        read_only_fields = fields


class FamilyUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255, required=False)
    timeZone = serializers.CharField(required=False)
    schoolDays = serializers.ListField(
        child=serializers.ChoiceField(choices=v.WEEKDAYS), required=False, allow_empty=False
    )
    adults = serializers.ChoiceField(choices=[1, 2], required=False)

    def validate_timeZone(self, value: str) -> str:
        if value not in available_timezones():
            raise serializers.ValidationError("Unknown time zone; use an IANA name.")
        return value


class CommitmentSerializer(serializers.ModelSerializer):
    daysOfWeek = serializers.ListField(source="days_of_week", read_only=True)
    dayOfMonth = serializers.IntegerField(source="day_of_month", read_only=True, allow_null=True)
    weekOfMonth = serializers.IntegerField(source="week_of_month", read_only=True, allow_null=True)
    startTime = TimeField(source="start_time", read_only=True)
    endTime = TimeField(source="end_time", read_only=True)

    class Meta:
        model = FamilyCommitment
        fields = [
            "id",
            "name",
            "frequency",
            "daysOfWeek",
            "dayOfMonth",
            "weekOfMonth",
            "date",
            "startTime",
            "endTime",
        ]
        read_only_fields = fields


class ChildCommitmentSerializer(CommitmentSerializer):
    class Meta(CommitmentSerializer.Meta):
        model = ChildCommitment


class DraftSaveSerializer(serializers.Serializer):
    draft = serializers.JSONField(
        help_text="The section's answers so far, in the submission shape."
    )
    status = serializers.ChoiceField(
        choices=["not_started", "in_progress", "complete"], default="in_progress"
    )
    version = serializers.IntegerField(
        required=False, help_text="The version last read; a stale one answers 409."
    )


class QuestionnaireStateSerializer(serializers.Serializer):
    currentSection = serializers.IntegerField()
    progress = serializers.DictField(child=serializers.CharField())
    childrenProgress = serializers.ListField(child=serializers.DictField())
    lastUpdated = serializers.DateTimeField(allow_null=True)
    drafts = serializers.DictField()
    version = serializers.IntegerField()
