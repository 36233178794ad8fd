from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from brightpath.families.vocabulary import PARENT_INVOLVEMENT_CHOICES

from .models import DAY_OFF_KINDS, CalendarFeed, CarryOver, DayOff, Schedule


class GenerateRequestSerializer(serializers.Serializer):
    weekStart = serializers.DateField(
        help_text="The Monday of the week (default: this week).", required=False
    )
    childId = serializers.UUIDField(
        required=False, help_text="Only this child; default: the whole family."
    )
    timeLimit = serializers.FloatField(
        required=False,
        min_value=0.5,
        max_value=60,
        help_text=(
            "Seconds the solver may take. Default: 5 when the answer comes at once (201), "
            "PLANNER_BACKGROUND_TIME_LIMIT (default 20) for a week planned on a worker (202)."
        ),
    )


class ScheduleSerializer(serializers.ModelSerializer):
    childId = serializers.UUIDField(source="child_id", read_only=True)
    childName = serializers.CharField(source="child.name", read_only=True)
    weekStartDate = serializers.DateField(source="week_start_date", read_only=True)
    isActive = serializers.BooleanField(source="is_active", read_only=True)
    generationMethod = serializers.CharField(source="generation_method", read_only=True)
    scheduleData = serializers.JSONField(source="schedule_data", read_only=True)
    unplaced = serializers.SerializerMethodField()
    solver = serializers.SerializerMethodField()

    class Meta:
        model = Schedule
        fields = [
            "id",
            "childId",
            "childName",
            "weekStartDate",
            "version",
            "isActive",
            "generationMethod",
            "scheduleData",
            "unplaced",
            "solver",
        ]
        read_only_fields = fields

    def get_unplaced(self, schedule: Schedule) -> list[dict]:
        return schedule.generation_report.get("unplaced", [])

    def get_solver(self, schedule: Schedule) -> dict:
        return schedule.generation_report.get("solver", {})


class GenerateResultSerializer(serializers.Serializer):
    schedules = ScheduleSerializer(many=True)


class TaskAcceptedSerializer(serializers.Serializer):
    taskId = serializers.CharField()
    statusUrl = serializers.CharField()


class TaskStatusSerializer(serializers.Serializer):
    taskId = serializers.CharField()
    state = serializers.CharField(help_text="PENDING, STARTED, SUCCESS, FAILURE or RETRY")
    result = serializers.JSONField(allow_null=True)


# --- living with the schedule (issue 5) ----------------------------------------


class ItemSerializer(serializers.Serializer):
    """An item as views and writes answer it (built by selectors.views.item_json)."""

    id = serializers.UUIDField()
    type = serializers.ChoiceField(choices=["subject", "commitment", "activity"])
    name = serializers.CharField()
    date = serializers.DateField()
    startTime = serializers.CharField()
    endTime = serializers.CharField()
    completed = serializers.BooleanField()
    skipped = serializers.BooleanField()
    pinned = serializers.BooleanField()
    version = serializers.IntegerField(help_text="Send it back on every write (or If-Match).")
    notes = serializers.CharField()
    subjectId = serializers.UUIDField(required=False)
    commitmentId = serializers.UUIDField(required=False)
    isExternal = serializers.BooleanField(required=False)
    parentInvolvement = serializers.ChoiceField(choices=PARENT_INVOLVEMENT_CHOICES, required=False)
    carriedOver = serializers.JSONField(required=False)


class ChildDaySerializer(serializers.Serializer):
    childId = serializers.UUIDField()
    childName = serializers.CharField()
    date = serializers.DateField()
    items = ItemSerializer(many=True)


class WeekDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    dayOfWeek = serializers.CharField()
    items = ItemSerializer(many=True)


class ChildWeekSerializer(serializers.Serializer):
    childId = serializers.UUIDField()
    childName = serializers.CharField()
    weekOf = serializers.DateField()
    scheduleId = serializers.UUIDField(allow_null=True)
    version = serializers.IntegerField(allow_null=True)
    days = WeekDaySerializer(many=True)


class ParentLoadSerializer(serializers.Serializer):
    startTime = serializers.CharField()
    endTime = serializers.CharField()
    load = serializers.IntegerField(help_text="Full involvement 2, some assistance 1, per child")
    capacity = serializers.IntegerField(help_text="2 per adult")
    overloaded = serializers.BooleanField()
    items = serializers.ListField(child=serializers.CharField())


class FamilyDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    children = ChildDaySerializer(many=True)
    parentLoad = ParentLoadSerializer(many=True)
    parentBusy = serializers.JSONField(help_text="The parent's commitments and days off")


class FamilyWeekDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    dayOfWeek = serializers.CharField()
    children = serializers.JSONField(help_text="[{childId, childName, items}]")
    parentLoad = ParentLoadSerializer(many=True)
    parentBusy = serializers.JSONField()


class FamilyWeekSerializer(serializers.Serializer):
    weekOf = serializers.DateField()
    days = FamilyWeekDaySerializer(many=True)


class VersionedWriteSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The item's version you read (or send If-Match)."
    )


class CompleteSerializer(VersionedWriteSerializer):
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    actualStartTime = serializers.TimeField(required=False, format="%H:%M")
    actualEndTime = serializers.TimeField(required=False, format="%H:%M")
    childEngagement = serializers.IntegerField(required=False, min_value=1, max_value=5)
    parentInvolvement = serializers.ChoiceField(choices=PARENT_INVOLVEMENT_CHOICES, required=False)

    def validate(self, data):
        start, end = data.get("actualStartTime"), data.get("actualEndTime")
        if (start is None) != (end is None):
            missing = "actualEndTime" if end is None else "actualStartTime"
            raise serializers.ValidationError({missing: ["Give both actual times, or neither."]})
        if start is not None and end <= start:
            raise serializers.ValidationError({"actualEndTime": ["Must be after actualStartTime."]})
        return data


class SkipSerializer(VersionedWriteSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class MoveSerializer(VersionedWriteSerializer):
    date = serializers.DateField()
    startTime = serializers.TimeField()
    endTime = serializers.TimeField(required=False, help_text="To resize; default keeps the length")
    force = serializers.BooleanField(
        default=False, help_text="Move even if it breaks a rule (recorded)."
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class ActivityAddSerializer(serializers.Serializer):
    childId = serializers.UUIDField()
    name = serializers.CharField(max_length=255)
    date = serializers.DateField()
    startTime = serializers.TimeField()
    endTime = serializers.TimeField()
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    parentInvolvement = serializers.ChoiceField(
        choices=PARENT_INVOLVEMENT_CHOICES, default="some_assistance"
    )
    force = serializers.BooleanField(default=False)

    def validate(self, data):
        if data["endTime"] <= data["startTime"]:
            raise serializers.ValidationError({"endTime": ["Must be after startTime."]})
        return data


class CarryOverSerializer(serializers.ModelSerializer):
    trigger = serializers.CharField(read_only=True)
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    undoneAt = serializers.DateTimeField(source="undone_at", read_only=True)
    moves = serializers.JSONField(read_only=True)

    class Meta:
        model = CarryOver
        fields = ["id", "trigger", "createdAt", "undoneAt", "moves"]
        read_only_fields = fields


class DayOffSerializer(serializers.ModelSerializer):
    childId = serializers.PrimaryKeyRelatedField(
        source="child", read_only=True, allow_null=True, help_text="Null: the whole family"
    )
    kind = serializers.ChoiceField(choices=DAY_OFF_KINDS, read_only=True)

    class Meta:
        model = DayOff
        fields = ["id", "date", "childId", "kind", "label"]
        read_only_fields = fields


class DayOffCreateSerializer(serializers.Serializer):
    date = serializers.DateField()
    childId = serializers.UUIDField(required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=DAY_OFF_KINDS, default="holiday")
    label = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")


class DayOffResultSerializer(serializers.Serializer):
    dayOff = DayOffSerializer()
    carryOver = CarryOverSerializer(allow_null=True)


# --- outside the app: calendar feeds and the daily agenda email (issue 5) ------


class CalendarFeedCreateSerializer(serializers.Serializer):
    childId = serializers.UUIDField(
        required=False, allow_null=True, help_text="One child's feed; leave out for the family's"
    )


class CalendarFeedSerializer(serializers.Serializer):
    """A feed with its secret URLs; needs the request in the context (absolute URLs)."""

    id = serializers.UUIDField()
    childId = serializers.UUIDField(source="child_id", allow_null=True)
    childName = serializers.CharField(source="child.name", allow_null=True)
    url = serializers.SerializerMethodField(
        help_text="The secret feed URL: anyone who has it can read it"
    )
    webcalUrl = serializers.SerializerMethodField(
        help_text="The same URL as webcal://, to subscribe in one tap"
    )
    createdAt = serializers.DateTimeField(source="created_at")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, feed: CalendarFeed) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("calendar_feed", args=[feed.token])
        )

    def get_webcalUrl(self, feed: CalendarFeed) -> str:  # noqa: N802 - the field's name
        return "webcal://" + self.get_url(feed).split("://", 1)[1]


class AgendaEmailSerializer(serializers.Serializer):
    enabled = serializers.BooleanField()
    sendAt = serializers.TimeField(
        source="send_at",
        format="%H:%M",
        input_formats=["%H:%M"],
        help_text="Local time in the family's time zone, HH:MM",
    )
    lastSentOn = serializers.DateField(source="last_sent_on", read_only=True, allow_null=True)
