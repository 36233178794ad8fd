from rest_framework import serializers

from brightpath.curriculum.models import Subject

from . import vocabulary as v
from .models import Child, ChildCommitment, Family, FamilyCommitment
from .selectors import subject_as_submitted


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


class CommitmentSerializer(serializers.ModelSerializer):
    daysOfWeek = serializers.ListField(source="days_of_week", read_only=True)
    dayOfMonth = serializers.IntegerField(source="day_of_month", read_only=True)
    weekOfMonth = serializers.IntegerField(source="week_of_month", read_only=True)
    startTime = serializers.TimeField(source="start_time", format="%H:%M", read_only=True)
    endTime = serializers.TimeField(source="end_time", format="%H:%M", read_only=True)

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


class SubjectPlanSerializer(serializers.ModelSerializer):
    isCoreSubject = serializers.BooleanField(source="is_core_subject")
    sessionDuration = serializers.IntegerField(source="session_duration")
    parentInvolvement = serializers.CharField(source="parent_involvement")
    fixedTime = serializers.SerializerMethodField()
    interestLevel = serializers.IntegerField(source="interest_level")
    catalogSubjectId = serializers.UUIDField(source="catalog_subject_id", allow_null=True)

    class Meta:
        model = Subject
        fields = [
            "id",
            "name",
            "catalogSubjectId",
            "isCoreSubject",
            "sessionDuration",
            "frequency",
            "parentInvolvement",
            "fixedTime",
            "interestLevel",
            "metadata",
        ]
        read_only_fields = fields

    def get_fixedTime(self, subject: Subject) -> dict:
        return subject_as_submitted(subject)["fixedTime"]


class ChildSerializer(serializers.ModelSerializer):
    learningPreferences = serializers.JSONField(source="learning_preferences", read_only=True)
    subjects = SubjectPlanSerializer(many=True, read_only=True)
    commitments = ChildCommitmentSerializer(many=True, read_only=True)

    class Meta:
        model = Child
        fields = ["id", "name", "age", "learningPreferences", "subjects", "commitments"]
        read_only_fields = fields


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


class SubmissionResultSerializer(serializers.Serializer):
    family = FamilySerializer()
    questionnaire = serializers.DictField(help_text="The answers as stored, with ids.")
