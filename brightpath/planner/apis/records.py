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
from rest_framework.exceptions import NotFound
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.pagination import PageNumberPagination, page_of
from brightpath.common.renderers import JSONRenderer
from brightpath.families.selectors import family_get

from ..models import ActivityLog
from ..selectors import records
from ..serializers import (
    ActivityLogSerializer,
    ChildRecordsSerializer,
    FamilyRecordsSerializer,
    LogQuerySerializer,
    PeriodQuerySerializer,
    RecordsTargetSerializer,
)
from ..services.records import Target, records_target_set


def _query(serializer_class, request: Request) -> dict:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


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
    "lesson",
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
        _cell(entry["lesson"]["title"]) if entry["lesson"] else "",
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
