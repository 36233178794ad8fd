"""The teacher's lessons: list, create, read, change (with its version), delete.
Another teacher's lesson is a 404."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from brightpath.coach.models import LESSON_STATUSES
from brightpath.coach.selectors.lessons import lesson_of, lessons_of
from brightpath.coach.serializers import (
    CoachLessonQuerySerializer,
    CoachLessonSerializer,
    CoachLessonWriteSerializer,
)
from brightpath.coach.services import lessons as services
from brightpath.common.pagination import PageNumberPagination, page_of

from .base import CoachApi

NOT_FOUND = OpenApiResponse(description="No such lesson, or another teacher's.")
CONFLICT = OpenApiResponse(
    description='"version_conflict" (changed elsewhere: `currentVersion`), "lesson_archived" '
    "(restore it to draft before editing)."
)


class LessonsApi(CoachApi):
    @extend_schema(
        operation_id="coach_lessons_list",
        summary="The teacher's lessons, last changed first",
        parameters=[
            OpenApiParameter("status", str, enum=list(LESSON_STATUSES)),
            OpenApiParameter("subjectId", str, description="A subject category's id"),
            OpenApiParameter("q", str, description="Words in the title or description"),
        ],
        responses={200: page_of(CoachLessonSerializer)},
    )
    def get(self, request: Request) -> Response:
        query = CoachLessonQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        rows = lessons_of(
            user=request.user,
            status=data.get("status"),
            subject_id=data.get("subjectId"),
            search=data.get("q", ""),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(CoachLessonSerializer(page, many=True).data)

    @extend_schema(
        summary="Create a lesson (draft, or ready when it has objectives)",
        request=CoachLessonWriteSerializer,
        responses={201: CoachLessonSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = CoachLessonWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = serializer.service_fields()
        fields.pop("version", None)
        lesson = services.lesson_create(teacher=request.user, **fields)
        return Response(CoachLessonSerializer(lesson).data, status=status.HTTP_201_CREATED)


class LessonApi(CoachApi):
    @extend_schema(summary="One lesson", responses={200: CoachLessonSerializer, 404: NOT_FOUND})
    def get(self, request: Request, lesson_id) -> Response:
        return Response(
            CoachLessonSerializer(lesson_of(user=request.user, lesson_id=lesson_id)).data
        )

    @extend_schema(
        summary="Change a lesson; its status moves draft -> ready -> taught, any -> archived, "
        "archived -> draft, ready -> draft, taught -> ready",
        request=CoachLessonWriteSerializer,
        responses={200: CoachLessonSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def patch(self, request: Request, lesson_id) -> Response:
        serializer = CoachLessonWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        lesson = services.lesson_update(
            teacher=request.user, lesson_id=lesson_id, **serializer.service_fields()
        )
        return Response(CoachLessonSerializer(lesson).data)

    @extend_schema(summary="Delete a lesson", responses={204: None, 404: NOT_FOUND})
    def delete(self, request: Request, lesson_id) -> Response:
        services.lesson_delete(teacher=request.user, lesson_id=lesson_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("lessons/", LessonsApi.as_view(), name="lessons"),
    path("lessons/<uuid:lesson_id>/", LessonApi.as_view(), name="lesson"),
]
