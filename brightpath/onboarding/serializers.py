from rest_framework import serializers

from brightpath.curriculum.serializers import SubjectPlanSerializer
from brightpath.families.models import Child
from brightpath.families.serializers import ChildCommitmentSerializer, FamilySerializer


class ChildSerializer(serializers.ModelSerializer):
    """A child with its live subject plans and commitments."""

    learningPreferences = serializers.JSONField(source="learning_preferences", read_only=True)
    subjects = SubjectPlanSerializer(many=True, read_only=True)
    commitments = ChildCommitmentSerializer(many=True, read_only=True)

    class Meta:
        model = Child
        fields = ["id", "name", "age", "learningPreferences", "subjects", "commitments"]
        read_only_fields = fields


class SubmissionResultSerializer(serializers.Serializer):
    family = FamilySerializer()
    questionnaire = serializers.DictField(help_text="The answers as stored, with ids.")
