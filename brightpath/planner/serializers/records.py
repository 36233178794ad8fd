"""The records a family must keep: the period asked for, the state's target, and the
records and activity log as the selectors compute them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from brightpath.common.fields import DateField

from ..models import (
    ActivityLog,
    RecordsTarget,
)
from ..selectors import records


class PeriodQuerySerializer(serializers.Serializer):
    """`from` and `to` (both optional; `from` is a Python keyword, hence get_fields)."""

    def get_fields(self) -> dict:
        return {
            "from": DateField(required=False),
            "to": DateField(required=False),
        }

    def validate(self, attrs: dict) -> dict:
        records.period_order_check(attrs.get("from"), attrs.get("to"))
        return attrs


class LogQuerySerializer(PeriodQuerySerializer):
    def get_fields(self) -> dict:
        return {**super().get_fields(), "childId": serializers.UUIDField(required=False)}


class RecordsTargetSerializer(serializers.ModelSerializer):
    """Input and output of the target; empty requirements are not required."""

    state = serializers.RegexField(
        r"^([A-Za-z]{2})?$",
        required=False,
        allow_blank=True,
        default="",
        error_messages={"invalid": "A two-letter state code, e.g. MO."},
    )
    yearStart = DateField(source="year_start")
    yearEnd = DateField(source="year_end")
    requiredDays = serializers.IntegerField(
        source="required_days", min_value=0, required=False, allow_null=True, default=None
    )
    requiredHours = serializers.IntegerField(
        source="required_hours", min_value=0, required=False, allow_null=True, default=None
    )
    requiredCoreHours = serializers.IntegerField(
        source="required_core_hours", min_value=0, required=False, allow_null=True, default=None
    )

    class Meta:
        model = RecordsTarget
        fields = [
            "state",
            "yearStart",
            "yearEnd",
            "requiredDays",
            "requiredHours",
            "requiredCoreHours",
        ]

    def validate(self, attrs: dict) -> dict:
        if attrs["year_end"] <= attrs["year_start"]:
            raise serializers.ValidationError({"yearEnd": ["Must be after yearStart."]})
        return attrs


class NumberField(serializers.FloatField):
    """A number as computed: whole days stay 2, hours stay 1.75."""

    def to_representation(self, value: float) -> float:
        return value


class StoredDateTimeField(serializers.DateTimeField):
    """The stored instant in ISO 8601 as Python writes it (UTC, "+00:00")."""

    def to_representation(self, value) -> str:
        return value.isoformat()


class PeriodSerializer(serializers.Serializer):
    # "from" cannot be a class attribute: declared in get_fields.
    def get_fields(self) -> dict:
        return {
            "from": DateField(source="start"),
            "to": DateField(source="end"),
        }


class MeasureSerializer(serializers.Serializer):
    done = NumberField()
    required = serializers.IntegerField(allow_null=True)
    percent = serializers.FloatField(allow_null=True)
    expectedByNow = serializers.FloatField(
        source="expected_by_now",
        allow_null=True,
        help_text="What the share of the school year gone by asks for.",
    )
    onTrack = serializers.BooleanField(source="on_track", allow_null=True)


class ProgressSerializer(serializers.Serializer):
    schoolYear = PeriodSerializer(source="period")
    state = serializers.CharField()
    days = MeasureSerializer()
    hours = MeasureSerializer()
    coreHours = MeasureSerializer(source="core_hours")


class SubjectHoursSerializer(serializers.Serializer):
    name = serializers.CharField(help_text='An activity\'s own name, or "Other activities".')
    type = serializers.ChoiceField(source="kind", choices=["subject", "activity"])
    isCoreSubject = serializers.BooleanField(source="is_core")
    sessions = serializers.IntegerField()
    minutes = serializers.IntegerField()
    hours = serializers.FloatField()


class RecordNoteSerializer(serializers.Serializer):
    date = DateField()
    activityName = serializers.CharField(source="activity_name")
    notes = serializers.CharField()


class LessonCoveredSerializer(serializers.Serializer):
    date = DateField()
    subjectName = serializers.CharField(source="subject_name")
    position = serializers.IntegerField()
    title = serializers.CharField()


class ChildRecordsSerializer(serializers.Serializer):
    childId = serializers.UUIDField(source="child.pk")
    childName = serializers.CharField(source="child.name")
    period = PeriodSerializer()
    daysOfInstruction = serializers.IntegerField(source="tally.days_of_instruction")
    dates = serializers.ListField(source="tally.dates", child=DateField())
    totalMinutes = serializers.IntegerField(source="tally.total_minutes")
    totalHours = serializers.FloatField(source="tally.total_hours")
    coreMinutes = serializers.IntegerField(source="tally.core_minutes")
    coreHours = serializers.FloatField(source="tally.core_hours")
    subjects = SubjectHoursSerializer(source="tally.by_subject", many=True)
    notes = RecordNoteSerializer(source="tally.notes", many=True)
    lessons = LessonCoveredSerializer(
        source="tally.lessons",
        many=True,
        help_text="The lessons done in the period, by date: what the portfolio covered.",
    )
    progress = ProgressSerializer(allow_null=True)


class RecordsTotalsSerializer(serializers.Serializer):
    daysOfInstruction = serializers.IntegerField(
        source="days_of_instruction", help_text="Dates on which any child did work."
    )
    totalMinutes = serializers.IntegerField(source="total_minutes")
    totalHours = serializers.FloatField(source="total_hours")
    coreMinutes = serializers.IntegerField(source="core_minutes")
    coreHours = serializers.FloatField(source="core_hours")


class FamilyRecordsSerializer(serializers.Serializer):
    period = PeriodSerializer()
    children = ChildRecordsSerializer(many=True)
    totals = RecordsTotalsSerializer(source="*")


class LoggedLessonSerializer(serializers.Serializer):
    """A lesson as the activity log keeps it (`actual.lesson` of a completed entry)."""

    id = serializers.UUIDField()
    sequenceId = serializers.UUIDField()
    title = serializers.CharField()
    position = serializers.IntegerField()


# One log entry in seed 000's shape; the CSV export is made from it too. (Not a docstring:
# that would become the schema's description.)
class ActivityLogSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    date = DateField()
    childId = serializers.UUIDField(source="child_id")
    childName = serializers.CharField(source="child.name")
    activityName = serializers.CharField(source="activity_name")
    activityType = serializers.CharField(source="activity_type")
    action = serializers.CharField()
    scheduled = serializers.JSONField()
    actual = serializers.JSONField(allow_null=True)
    notes = serializers.CharField()
    subjectId = serializers.UUIDField(source="subject_id", allow_null=True)
    scheduleItemId = serializers.UUIDField(source="schedule_item_id", allow_null=True)
    minutes = serializers.SerializerMethodField(
        help_text="Completed entries: actual minutes if recorded, else planned."
    )
    lesson = serializers.SerializerMethodField(
        help_text="Completed entries of a subject with a lesson sequence: the lesson done."
    )
    createdAt = StoredDateTimeField(source="created_at")

    class Meta:
        ref_name = "ActivityLogEntry"  # the schema's name for it since the endpoint shipped

    def get_minutes(self, log: ActivityLog) -> int | None:
        return records.log_minutes(log)

    @extend_schema_field(LoggedLessonSerializer(allow_null=True))
    def get_lesson(self, log: ActivityLog) -> dict | None:
        lesson = (log.actual or {}).get("lesson") if log.action == "completed" else None
        return lesson if isinstance(lesson, dict) else None
