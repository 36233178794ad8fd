"""The records a family must keep: attendance and hours, the state's target,
and the activity log as JSON or CSV (issue 5)."""

from __future__ import annotations

import csv
import io

from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.pagination import PageNumberPagination, page_of
from brightpath.families.selectors import family_get

from ..models import ActivityLog, RecordsTarget
from ..selectors import records
from ..services.records import Target, records_target_set

# --- input -----------------------------------------------------------------------------


class PeriodQuerySerializer(serializers.Serializer):
    """`from` and `to` (both optional; `from` is a Python keyword, hence get_fields)."""

    def get_fields(self) -> dict:
        return {
            "from": serializers.DateField(required=False),
            "to": serializers.DateField(required=False),
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
        r"^[A-Za-z]{2}$",
        required=False,
        allow_blank=True,
        default="",
        error_messages={"invalid": "A two-letter state code, e.g. MO."},
    )
    yearStart = serializers.DateField(source="year_start")
    yearEnd = serializers.DateField(source="year_end")
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


def _query(serializer_class, request: Request) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- output: the selectors' records dataclasses and ActivityLog rows ---------------------


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
            "from": serializers.DateField(source="start"),
            "to": serializers.DateField(source="end"),
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
    date = serializers.DateField()
    activityName = serializers.CharField(source="activity_name")
    notes = serializers.CharField()


class ChildRecordsSerializer(serializers.Serializer):
    childId = serializers.UUIDField(source="child.pk")
    childName = serializers.CharField(source="child.name")
    period = PeriodSerializer()
    daysOfInstruction = serializers.IntegerField(source="tally.days_of_instruction")
    dates = serializers.ListField(source="tally.dates", child=serializers.DateField())
    totalMinutes = serializers.IntegerField(source="tally.total_minutes")
    totalHours = serializers.FloatField(source="tally.total_hours")
    coreMinutes = serializers.IntegerField(source="tally.core_minutes")
    coreHours = serializers.FloatField(source="tally.core_hours")
    subjects = SubjectHoursSerializer(source="tally.by_subject", many=True)
    notes = RecordNoteSerializer(source="tally.notes", many=True)
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


# One log entry in seed 000's shape; the CSV export is made from it too. (Not a docstring:
# that would become the schema's description.)
class ActivityLogSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    date = serializers.DateField()
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
    createdAt = StoredDateTimeField(source="created_at")

    class Meta:
        ref_name = "ActivityLogEntry"  # the schema's name for it since the endpoint shipped

    def get_minutes(self, log: ActivityLog) -> int | None:
        return records.log_minutes(log)


FROM = OpenApiParameter(
    "from",
    OpenApiTypes.DATE,
    description="Default: the start of the target's school year, if set, else a year before "
    "today (a year before `to` if `to` is earlier)",
)
TO = OpenApiParameter(
    "to",
    OpenApiTypes.DATE,
    description="Default: the end of the target's school year, if set, else today (a year "
    "after `from` if `from` is later)",
)
CHILD = OpenApiParameter("childId", OpenApiTypes.UUID, description="Only this child")
PAGE = OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1")
PAGE_SIZE = OpenApiParameter("pageSize", OpenApiTypes.INT, description="Entries a page (max 200)")


# --- views -----------------------------------------------------------------------------


class ChildRecordsApi(APIView):
    @extend_schema(
        summary="A child's days of instruction, hours by subject and progress toward the target",
        parameters=[FROM, TO],
        responses=ChildRecordsSerializer,
    )
    def get(self, request: Request, child_id) -> Response:
        period = _query(PeriodQuerySerializer, request)
        result = records.child_records(
            user=request.user,
            child_id=child_id,
            date_from=period.get("from"),
            date_to=period.get("to"),
        )
        return Response(ChildRecordsSerializer(result).data)


class FamilyRecordsApi(APIView):
    @extend_schema(
        summary="Every child's records, with the family's totals",
        parameters=[FROM, TO],
        responses=FamilyRecordsSerializer,
    )
    def get(self, request: Request) -> Response:
        period = _query(PeriodQuerySerializer, request)
        result = records.family_records(
            user=request.user, date_from=period.get("from"), date_to=period.get("to")
        )
        return Response(FamilyRecordsSerializer(result).data)


class RecordsTargetApi(APIView):
    @extend_schema(
        summary="What the state asks the family to record for the school year",
        responses={
            200: RecordsTargetSerializer,
            404: OpenApiResponse(description="No target set yet."),
        },
    )
    def get(self, request: Request) -> Response:
        family_get(user=request.user)
        target = records.records_target_get(user=request.user)
        if target is None:
            raise NotFound("No records target yet.")
        return Response(RecordsTargetSerializer(target).data)

    @extend_schema(
        summary="Set the records target (creates or replaces it)",
        request=RecordsTargetSerializer,
        responses=RecordsTargetSerializer,
    )
    def put(self, request: Request) -> Response:
        serializer = RecordsTargetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = records_target_set(user=request.user, target=Target(**serializer.validated_data))
        return Response(RecordsTargetSerializer(target).data)


def _logs(request: Request) -> tuple[records.Period, QuerySet[ActivityLog]]:
    query = _query(LogQuerySerializer, request)
    return records.activity_logs(
        user=request.user,
        date_from=query.get("from"),
        date_to=query.get("to"),
        child_id=query.get("childId"),
    )


class ActivityLogApi(APIView):
    @extend_schema(
        summary="What happened to each item, oldest first (seed 000's activity log)",
        parameters=[FROM, TO, CHILD, PAGE, PAGE_SIZE],
        responses=page_of(ActivityLogSerializer),
    )
    def get(self, request: Request) -> Response:
        _, logs = _logs(request)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(logs, request, view=self)
        return paginator.get_paginated_response(ActivityLogSerializer(page, many=True).data)


class CSVRenderer(BaseRenderer):
    """Lets a client ask for text/csv; the view writes the body itself."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return JSONRenderer().render(data)  # only errors reach here


CSV_HEADER = [
    "date",
    "child",
    "activity",
    "type",
    "action",
    "scheduled start",
    "scheduled end",
    "actual start",
    "actual end",
    "minutes",
    "engagement",
    "notes",
]


def _cell(text: str) -> str:
    """Free text a spreadsheet would run as a formula is quoted as text."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def _csv_row(entry: dict) -> list:
    """One ActivityLogSerializer entry as a row under CSV_HEADER."""
    scheduled, actual = entry["scheduled"] or {}, entry["actual"] or {}
    return [
        entry["date"],
        _cell(entry["childName"]),
        _cell(entry["activityName"]),
        entry["activityType"],
        entry["action"],
        scheduled.get("startTime", ""),
        scheduled.get("endTime", ""),
        actual.get("startTime", ""),
        actual.get("endTime", ""),
        "" if entry["minutes"] is None else entry["minutes"],
        actual.get("childEngagement", ""),
        _cell(entry["notes"]),
    ]


class ActivityLogCsvApi(APIView):
    renderer_classes = [JSONRenderer, CSVRenderer]

    @extend_schema(
        summary="The activity log as a CSV download, one row per entry",
        parameters=[FROM, TO, CHILD],
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    def get(self, request: Request) -> HttpResponse:
        period, logs = _logs(request)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_HEADER)
        writer.writerows(_csv_row(entry) for entry in ActivityLogSerializer(logs, many=True).data)
        filename = f"activity-log-{period.start.isoformat()}-to-{period.end.isoformat()}.csv"
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


urlpatterns = [
    path("children/<uuid:child_id>/records/", ChildRecordsApi.as_view(), name="child_records"),
    path("family/records/", FamilyRecordsApi.as_view(), name="family_records"),
    path("family/records/target/", RecordsTargetApi.as_view(), name="records_target"),
    path("family/activity-log/", ActivityLogApi.as_view(), name="activity_log"),
    path("family/activity-log.csv", ActivityLogCsvApi.as_view(), name="activity_log_csv"),
]
