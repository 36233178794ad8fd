"""Generating a week: the request, the stored schedule, background tasks."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from brightpath.common.fields import DateField

from ..models import Schedule
from ..shapes import SNAPSHOT_ITEM_FIELDS
from .living import ItemSerializer


class GenerateRequestSerializer(serializers.Serializer):
    weekStart = DateField(help_text="The Monday of the week (default: this week).", required=False)
    childId = serializers.UUIDField(
        required=False, help_text="Only this child; default: the whole family."
    )
    timeLimit = serializers.FloatField(
        required=False,
        min_value=0.5,
        max_value=60,
        help_text=(
            "The solver's budget in seconds of work: about that long on an idle server, "
            "longer on a busy one (up to 4x), and the same week for the same input and "
            "limit whatever the load. Default: 5 when the answer comes at once (201), "
            "PLANNER_BACKGROUND_TIME_LIMIT (default 20) for a week planned on a worker (202)."
        ),
    )


class SolverSerializer(serializers.Serializer):
    """How the solve went (shapes.solver_json)."""

    status = serializers.CharField(
        help_text="OPTIMAL (proven), FEASIBLE, INFEASIBLE, MODEL_INVALID or UNKNOWN"
    )
    objective = serializers.FloatField(allow_null=True)
    bestBound = serializers.FloatField(allow_null=True)
    gap = serializers.FloatField(allow_null=True, help_text="0.0 is proven optimal")
    wallTime = serializers.FloatField(help_text="Seconds")


class UnplacedSerializer(serializers.Serializer):
    """A wanted session the week could not hold, and why (shapes.unplaced_json)."""

    childId = serializers.UUIDField()
    childName = serializers.CharField()
    subjectId = serializers.UUIDField()
    subjectName = serializers.CharField()
    date = DateField(allow_null=True)
    reason = serializers.CharField()


class SnapshotItemSerializer(ItemSerializer):
    """The part of an item that a schedule's snapshot keeps (shapes.snapshot_item_json)."""

    def get_fields(self) -> dict:
        fields = super().get_fields()
        return {name: fields[name] for name in SNAPSHOT_ITEM_FIELDS}


class SnapshotDaySerializer(serializers.Serializer):
    date = DateField()
    dayOfWeek = serializers.CharField()
    items = SnapshotItemSerializer(many=True)


class SnapshotSerializer(serializers.Serializer):
    """Seed 000's schedule_data, written with the items (shapes, schedule_snapshot)."""

    weekStartDate = DateField()
    version = serializers.IntegerField()
    generationMethod = serializers.CharField()
    days = SnapshotDaySerializer(many=True)
    patterns = serializers.JSONField(
        required=False, help_text="learningBlocks and breakPatterns (planner/patterns.py)"
    )


@extend_schema_field(SnapshotSerializer)
class SnapshotField(serializers.JSONField):
    """The stored snapshot as it is, documented by SnapshotSerializer."""


class ScheduleVersionSerializer(serializers.ModelSerializer):
    """One version of a child's week, without its items (GET /api/schedules/)."""

    childId = serializers.UUIDField(source="child_id", read_only=True)
    childName = serializers.CharField(source="child.name", read_only=True)
    weekStartDate = DateField(source="week_start_date", read_only=True)
    isActive = serializers.BooleanField(source="is_active", read_only=True)
    generationMethod = serializers.CharField(source="generation_method", read_only=True)
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)

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
            "createdAt",
        ]
        read_only_fields = fields


class ScheduleSerializer(ScheduleVersionSerializer):
    """A version of a child's week with its snapshot and how it was planned."""

    scheduleData = SnapshotField(source="schedule_data", read_only=True)
    unplaced = serializers.SerializerMethodField()
    solver = serializers.SerializerMethodField()

    class Meta(ScheduleVersionSerializer.Meta):
        fields = [*ScheduleVersionSerializer.Meta.fields, "scheduleData", "unplaced", "solver"]
        read_only_fields = fields

    @extend_schema_field(UnplacedSerializer(many=True))
    def get_unplaced(self, schedule: Schedule) -> list[dict]:
        return schedule.generation_report.get("unplaced", [])

    @extend_schema_field(SolverSerializer)
    def get_solver(self, schedule: Schedule) -> dict:
        return schedule.generation_report.get("solver", {})


class GenerateResultSerializer(serializers.Serializer):
    schedules = ScheduleSerializer(many=True)
    notice = serializers.CharField(
        required=False,
        help_text="Present when a week meant for a worker was planned at once "
        "(the background queue was unavailable).",
    )


class TaskAcceptedSerializer(serializers.Serializer):
    taskId = serializers.CharField()
    statusUrl = serializers.CharField()


class TaskStatusSerializer(serializers.Serializer):
    taskId = serializers.CharField()
    state = serializers.CharField(help_text="PENDING, STARTED, SUCCESS, FAILURE or RETRY")
    result = serializers.JSONField(allow_null=True)


class ClashSerializer(serializers.Serializer):
    """A hard rule a planned session now breaks (selectors.checks.week_clashes)."""

    rule = serializers.IntegerField(help_text="The scheduler's hard rule, 1-9")
    childId = serializers.UUIDField(allow_null=True)
    childName = serializers.CharField(allow_null=True)
    date = DateField(allow_null=True)
    message = serializers.CharField()


class PlanCheckSerializer(serializers.Serializer):
    weekStart = DateField()
    clashes = ClashSerializer(many=True)
