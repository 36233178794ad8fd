"""Movement analysis: upload a landmark recording of a student doing an exercise; read
the repetitions, range of motion, tempo, symmetry, smoothness and the comparison with
the exercise's reference pattern.

The recording is the request body itself (not a form upload): MediaPipe's 33 pose
landmarks per frame with timestamps, as JSON (Content-Type: application/json) or CSV
(text/csv), optionally gzip-compressed (application/gzip). The student and exercise
are query parameters. The body may be up to PE_RECORDING_MAX_BYTES (64 MB by default):
a 10-minute recording at 120 fps (72,000 frames) is about 13 MB as gzip-compressed CSV
and 60 MB as plain JSON with 4 decimals; a larger body is a 413 "request_too_large"
saying how to send less.
"""

import datetime as dt

from django.conf import settings
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response

from brightpath.coach.pe import selectors
from brightpath.coach.pe.serializers.movement import (
    PeMovementAnalysisSerializer,
    PeMovementAnalysisSummarySerializer,
)
from brightpath.coach.pe.services import movement as services
from brightpath.common.errors import Invalid
from brightpath.common.pagination import page_of
from brightpath.common.parsers import RequestTooLarge

from .base import NOT_FOUND, PeApi, page, referenced, uuid_param

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
FORMAT_OF_TYPE = {"application/json": "json", "text/csv": "csv"}


def recording_max_bytes() -> int:
    return getattr(settings, "PE_RECORDING_MAX_BYTES", DEFAULT_MAX_BYTES)


class RecordingParser(BaseParser):
    """The request body as bytes, refused with 413 past the recording size limit."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        limit = recording_max_bytes()
        request = (parser_context or {}).get("request")
        declared = 0
        if request is not None:
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
        too_large = RequestTooLarge(
            f"The recording is larger than {limit // 2**20} MB: send it gzip-compressed, as "
            "CSV, at a lower frame rate or in parts."
        )
        if declared > limit:
            raise too_large
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise too_large
        return body


def _recorded_at(request: Request) -> dt.datetime | None:
    value = request.query_params.get("recordedAt")
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise Invalid(
            {"recordedAt": ["Use a date and time such as 2026-01-05T10:30:00Z."]}
        ) from None
    if moment.tzinfo is None:
        raise Invalid({"recordedAt": ["Give the time zone (e.g. Z or +01:00)."]})
    return moment


class MovementAnalysesApi(PeApi):
    parser_classes = [RecordingParser]

    @extend_schema(
        operation_id="coach_pe_movement_analyses_list",
        summary="Movement analyses of the teacher's students, latest first",
        parameters=[
            OpenApiParameter("student", OpenApiTypes.UUID),
            OpenApiParameter("exercise", OpenApiTypes.UUID),
        ],
        responses=page_of(PeMovementAnalysisSummarySerializer),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.analyses_of(
            user=request.user,
            student_id=uuid_param(request, "student"),
            exercise_id=uuid_param(request, "exercise"),
        )
        return page(self, request, rows, PeMovementAnalysisSummarySerializer)

    @extend_schema(
        summary="Analyse a landmark recording of a student doing an exercise",
        description='The body is the recording: JSON `{"fps": 30, "frames": [{"t": 0.0, '
        '"landmarks": [[x, y, z, visibility], ... 33]}]}` (MediaPipe\'s key names and '
        "landmark objects are accepted too) or CSV with a `t` column and "
        "`<landmark>_x/_y/_z/_visibility` columns, optionally gzip-compressed. The result "
        "is stored and adds a point (quality x 100) to the student's progress at the "
        "exercise's activity. A recording that cannot be analysed is a 400 naming the "
        "frame and field (e.g. `frames[12].landmarks[25].y`); nothing is saved.",
        parameters=[
            OpenApiParameter("student", OpenApiTypes.UUID, required=True),
            OpenApiParameter("exercise", OpenApiTypes.UUID, required=True),
            OpenApiParameter(
                "recordedAt", OpenApiTypes.DATETIME, description="When it was filmed (now)"
            ),
        ],
        request={
            "application/json": OpenApiTypes.OBJECT,
            "text/csv": OpenApiTypes.STR,
            "application/gzip": OpenApiTypes.BINARY,
        },
        responses={
            201: PeMovementAnalysisSerializer,
            413: OpenApiResponse(description='"request_too_large"'),
        },
    )
    def post(self, request: Request) -> Response:
        errors = {}
        student_id, exercise_id = uuid_param(request, "student"), uuid_param(request, "exercise")
        if student_id is None:
            errors["student"] = ["This parameter is required."]
        if exercise_id is None:
            errors["exercise"] = ["This parameter is required."]
        if errors:
            raise Invalid(errors)
        student = referenced(
            "student", "student", selectors.student_of, user=request.user, student_id=student_id
        )
        exercise = referenced(
            "exercise",
            "exercise",
            selectors.exercise_visible,
            user=request.user,
            exercise_id=exercise_id,
        )
        recorded_at = _recorded_at(request)
        body = request.data
        if not isinstance(body, bytes) or not body.strip():
            raise Invalid({"recording": ["Send the recording (JSON or CSV) as the request body."]})
        content_type = (request.content_type or "").split(";")[0].strip().lower()
        analysis = services.movement_analyse(
            student=student,
            exercise=exercise,
            data=body,
            by=request.user,
            format=FORMAT_OF_TYPE.get(content_type),
            recorded_at=recorded_at,
        )
        analysis = selectors.analysis_of(user=request.user, analysis_id=analysis.pk)
        return Response(PeMovementAnalysisSerializer(analysis).data, status=status.HTTP_201_CREATED)


class MovementAnalysisApi(PeApi):
    @extend_schema(
        summary="One movement analysis, in full",
        responses={200: PeMovementAnalysisSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, analysis_id) -> Response:
        analysis = selectors.analysis_of(user=request.user, analysis_id=analysis_id)
        return Response(PeMovementAnalysisSerializer(analysis).data)

    @extend_schema(
        summary="Delete an analysis (and its point in the student's progress)",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request: Request, analysis_id) -> Response:
        analysis = selectors.analysis_of(user=request.user, analysis_id=analysis_id)
        services.movement_analysis_delete(analysis=analysis)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("movement/", MovementAnalysesApi.as_view(), name="movement_analyses"),
    path("movement/<uuid:analysis_id>/", MovementAnalysisApi.as_view(), name="movement_analysis"),
]
