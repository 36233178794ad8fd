"""Students, classes and enrolments."""

from rest_framework import serializers

from brightpath.coach.pe import vocabulary as v
from brightpath.common.fields import DateField

from .common import PeRefSerializer, PeStudentRefSerializer


class PeStudentSummarySerializer(PeStudentRefSerializer):
    """A student in a list or roster: never their medical notes or accommodations."""

    fitnessLevel = serializers.CharField(source="fitness_level")
    gender = serializers.CharField()


class PeTypePreferenceSerializer(serializers.Serializer):
    activityType = serializers.CharField(source="activity_type")
    preferenceScore = serializers.FloatField(source="preference_score")


class PeActivityPreferenceSerializer(serializers.Serializer):
    activity = PeRefSerializer()
    preferenceLevel = serializers.IntegerField(source="preference_level")
    preferenceScore = serializers.FloatField(source="preference_score")
    notes = serializers.CharField()
    metadata = serializers.JSONField()


class PeStudentClassSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="pe_class.id")
    name = serializers.CharField(source="pe_class.name")
    status = serializers.CharField(help_text="enrolled, waitlisted or withdrawn")


class PeStudentSerializer(PeStudentSummarySerializer):
    """The teacher's own view of one student, private details included."""

    email = serializers.CharField()
    dateOfBirth = serializers.DateField(source="date_of_birth")
    medicalNotes = serializers.CharField(
        source="medical_notes", help_text="Private to the teacher (at most 500 characters)"
    )
    accommodations = serializers.ListField(
        child=serializers.CharField(), help_text="Private to the teacher"
    )
    classes = PeStudentClassSerializer(source="enrolments", many=True)
    typePreferences = PeTypePreferenceSerializer(source="type_preferences", many=True)
    activityPreferences = PeActivityPreferenceSerializer(source="activity_preferences", many=True)
    adaptationPreferences = PeTypePreferenceSerializer(source="adaptation_preferences", many=True)


class PeStudentWriteSerializer(serializers.Serializer):
    firstName = serializers.CharField(
        source="first_name", allow_blank=True, max_length=200, help_text="1-50 characters"
    )
    lastName = serializers.CharField(
        source="last_name", allow_blank=True, max_length=200, help_text="1-50 characters"
    )
    dateOfBirth = DateField(source="date_of_birth", help_text="The student is 5 to 18")
    gender = serializers.ChoiceField(choices=v.GENDERS)
    fitnessLevel = serializers.ChoiceField(
        source="fitness_level", choices=v.FITNESS_LEVELS, required=False
    )
    email = serializers.CharField(allow_blank=True, max_length=300, required=False)
    medicalNotes = serializers.CharField(
        source="medical_notes",
        allow_blank=True,
        max_length=2000,
        required=False,
        help_text="At most 500 characters",
    )
    accommodations = serializers.JSONField(required=False, help_text="[str], at most 20")


class PeStudentUpdateSerializer(PeStudentWriteSerializer):
    def __init__(self, *args, **kwargs):
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)


class PePreferencesWriteSerializer(serializers.Serializer):
    activityTypes = serializers.DictField(
        source="type_scores",
        child=serializers.FloatField(),
        required=False,
        help_text="{activityType: 0-1}",
    )
    activities = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        max_length=100,
        help_text='[{"activityId", "preferenceLevel": 1-5, "preferenceScore": 0-1, "notes", '
        '"metadata"}]',
    )


# --- classes -----------------------------------------------------------------------------


class PeClassSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    gradeLevel = serializers.CharField(source="grade_level")
    schedule = serializers.JSONField(
        help_text='{"weeklySchedule": [{"day", "time", "durationMinutes", "location", ...}], '
        '"exceptions", "termBreaks"}'
    )
    capacity = serializers.IntegerField()
    enrolledCount = serializers.IntegerField(source="enrolled_count")
    waitlistedCount = serializers.SerializerMethodField()
    location = serializers.CharField()
    startDate = serializers.DateField(source="start_date")
    endDate = serializers.DateField(source="end_date")
    status = serializers.CharField()

    def get_waitlistedCount(self, pe_class) -> int:
        count = getattr(pe_class, "waitlisted_count", None)
        if count is None:
            count = pe_class.enrolments.filter(status="waitlisted").count()
        return count


class PeClassWriteSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True, max_length=300, help_text="1-100 characters")
    gradeLevel = serializers.ChoiceField(source="grade_level", choices=v.GRADE_LEVELS)
    startDate = DateField(source="start_date")
    endDate = DateField(source="end_date", help_text="After the start date")
    capacity = serializers.IntegerField(required=False, help_text="1-50")
    description = serializers.CharField(allow_blank=True, max_length=5000, required=False)
    location = serializers.CharField(allow_blank=True, max_length=300, required=False)
    schedule = serializers.JSONField(required=False)


class PeClassUpdateSerializer(PeClassWriteSerializer):
    def __init__(self, *args, **kwargs):
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)


class PeEnrolmentSerializer(serializers.Serializer):
    student = PeStudentSummarySerializer()
    status = serializers.CharField(help_text="enrolled, waitlisted or withdrawn")
    enrollmentDate = serializers.DateField(source="enrollment_date")
    withdrawnDate = serializers.DateField(source="withdrawn_date", allow_null=True)


class PeEnrolSerializer(serializers.Serializer):
    studentId = serializers.UUIDField()
