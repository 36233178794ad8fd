from rest_framework import serializers

from brightpath.curriculum.serializers import SubjectPlanSerializer
from brightpath.families.models import Child
from brightpath.families.serializers import ChildCommitmentSerializer, FamilySerializer


class ChildSerializer(serializers.ModelSerializer):
    """A child with its live subject plans and commitments."""

    birthDate = serializers.CharField(
        source="birth.text",
        read_only=True,
        help_text='"YYYY-MM-DD", or "YYYY-MM" when only the month is known or it is estimated.',
    )
    birthDateEstimated = serializers.BooleanField(
        source="birth.is_estimate",
        read_only=True,
        help_text="The birth month was estimated from an age; ask for the real one.",
    )
    age = serializers.IntegerField(
        read_only=True, help_text="The age today where the family lives, from birthDate."
    )
    learningPreferences = serializers.JSONField(source="learning_preferences", read_only=True)
    subjects = SubjectPlanSerializer(many=True, read_only=True)
    commitments = ChildCommitmentSerializer(many=True, read_only=True)

    class Meta:
        model = Child
        fields = [
            "id",
            "name",
            "birthDate",
            "birthDateEstimated",
            "age",
            "learningPreferences",
            "subjects",
            "commitments",
        ]
        read_only_fields = fields


class NewScheduleSerializer(serializers.Serializer):
    """The family's current week once the questionnaire is saved (seed 001's
    "your new schedule is ready")."""

    state = serializers.ChoiceField(
        choices=["ready", "pending"],
        help_text="ready: this week is planned for every child (GET /api/family/week/). "
        "pending with taskId: a worker is planning it; poll GET /api/tasks/{taskId}/ "
        "(or listen to GET /api/family/events/ for week.planned), and the parent gets "
        "an email when it is ready. pending without taskId: it is planned when the "
        "week is first opened.",
    )
    taskId = serializers.CharField(required=False, help_text="The background planning task")


class SubmissionResultSerializer(serializers.Serializer):
    family = FamilySerializer()
    questionnaire = serializers.DictField(help_text="The answers as stored, with ids.")
    schedule = NewScheduleSerializer()
