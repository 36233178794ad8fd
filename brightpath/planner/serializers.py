from rest_framework import serializers

from .models import Schedule


class GenerateRequestSerializer(serializers.Serializer):
    weekStart = serializers.DateField(
        help_text="The Monday of the week (default: this week).", required=False
    )
    childId = serializers.UUIDField(
        required=False, help_text="Only this child; default: the whole family."
    )
    timeLimit = serializers.FloatField(required=False, min_value=0.5, max_value=60, default=5.0)


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
