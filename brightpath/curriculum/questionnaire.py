"""A subject plan in the questionnaire's format (section 4): its serializers,
used by the questionnaire's submission and the subject-plan API."""

from rest_framework import serializers

from brightpath.families import vocabulary as v
from brightpath.families.questionnaire.fields import ClientIdField, ClockField

SUBJECT_FIELDS = {
    "id",
    "name",
    "isCoreSubject",
    "sessionDuration",
    "frequency",
    "parentInvolvement",
    "fixedTime",
    "interestLevel",
    "metadata",
}


class FixedTimeSerializer(serializers.Serializer):
    required = serializers.BooleanField(default=False)
    preferredTime = ClockField(on_grid=True, required=False, allow_null=True)

    def validate(self, data: dict) -> dict:
        data.setdefault("preferredTime", None)
        if data["required"] and not data["preferredTime"]:
            raise serializers.ValidationError(
                {"preferredTime": ["A fixed-time subject needs its time."]}
            )
        return data


class QuestionnaireSubjectSerializer(serializers.Serializer):
    id = ClientIdField(required=False)
    name = serializers.CharField(max_length=100)
    isCoreSubject = serializers.BooleanField(default=False)
    sessionDuration = serializers.IntegerField(
        min_value=v.MIN_SESSION_MINUTES, max_value=v.MAX_SESSION_MINUTES
    )
    frequency = serializers.ChoiceField(choices=v.SUBJECT_FREQUENCY_CHOICES)
    parentInvolvement = serializers.ChoiceField(choices=v.PARENT_INVOLVEMENT_CHOICES)
    fixedTime = FixedTimeSerializer(default=lambda: {"required": False, "preferredTime": None})
    interestLevel = serializers.IntegerField(min_value=1, max_value=5)
    metadata = serializers.DictField(required=False)

    def validate_sessionDuration(self, value: int) -> int:
        if value % v.SLOT_MINUTES:
            raise serializers.ValidationError(f"Must be a multiple of {v.SLOT_MINUTES} minutes.")
        return value

    def to_internal_value(self, data):
        subject = super().to_internal_value(data)
        # As seed 000 does: keys beyond the known ones are kept as the subject's metadata.
        extra = {k: val for k, val in data.items() if k not in SUBJECT_FIELDS}
        if extra or "metadata" in subject:
            subject["metadata"] = {**subject.get("metadata", {}), **extra}
        return subject


class Section4Serializer(serializers.Serializer):
    subjects = QuestionnaireSubjectSerializer(many=True, allow_empty=False)
