"""A child's lessons in a subject, and the family's pace through its sequences."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..selectors import lessons
from ..serializers.lessons import (
    LessonsStartSerializer,
    SubjectLessonsSerializer,
    SubjectLessonsSummarySerializer,
)
from ..services.lessons import lessons_start_at

NOT_FOUND = OpenApiResponse(description="No such child or subject plan, or another family's.")


class SubjectLessonsApi(APIView):
    @extend_schema(
        summary="A child's lessons in one subject: done or not, the next one, and the pace",
        description="The projected finish uses the family's actual pace (lessons done in "
        "sessions over the last four weeks), or the planned one before any; it warns, with "
        "a suggestion, when it passes the school year's end (the records target).",
        responses={200: SubjectLessonsSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, child_id, subject_id) -> Response:
        result = lessons.subject_lessons(
            user=request.user, child_id=child_id, subject_id=subject_id
        )
        return Response(SubjectLessonsSerializer(result).data)


class SubjectLessonsStartApi(APIView):
    @extend_schema(
        summary="Start the child's sequence at a lesson (the ones before it count as done)",
        request=LessonsStartSerializer,
        responses={200: SubjectLessonsSerializer, 404: NOT_FOUND},
    )
    def post(self, request: Request, child_id, subject_id) -> Response:
        data = LessonsStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        subject = lessons.subject_get(user=request.user, child_id=child_id, subject_id=subject_id)
        lessons_start_at(
            user=request.user, subject=subject, position=data.validated_data["position"]
        )
        result = lessons.subject_lessons(
            user=request.user, child_id=child_id, subject_id=subject_id
        )
        return Response(SubjectLessonsSerializer(result).data)


class FamilyLessonProgressApi(APIView):
    @extend_schema(
        summary="Every child's subjects with a lesson sequence: progress and projected finish",
        responses=SubjectLessonsSummarySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        rows = lessons.family_lesson_progress(user=request.user)
        return Response(SubjectLessonsSummarySerializer(rows, many=True).data)


urlpatterns = [
    path(
        "children/<uuid:child_id>/subjects/<uuid:subject_id>/lessons/",
        SubjectLessonsApi.as_view(),
        name="subject_lessons",
    ),
    path(
        "children/<uuid:child_id>/subjects/<uuid:subject_id>/lessons/start/",
        SubjectLessonsStartApi.as_view(),
        name="subject_lessons_start",
    ),
    path("family/lesson-progress/", FamilyLessonProgressApi.as_view(), name="lesson_progress"),
]
