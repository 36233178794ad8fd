"""Lesson sequences: a family's ordered lessons per subject, and which subject
plans teach them. Another family's sequence, lesson or subject is a 404."""

from __future__ import annotations

from uuid import UUID

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.errors import NotFound

from ..selectors import child_subject_plans
from ..selectors import lessons as selectors
from ..serializers import (
    LessonSequenceCopySerializer,
    LessonSequenceCreateSerializer,
    LessonSequenceDetailSerializer,
    LessonSequenceSerializer,
    LessonSequenceUpdateSerializer,
    LessonSerializer,
    LessonsUploadSerializer,
    LessonsWriteSerializer,
    LessonWriteSerializer,
    SubjectLessonSequenceSerializer,
    SubjectPlanSerializer,
)
from ..services import lessons as services

NOT_FOUND = OpenApiResponse(description="No such lesson sequence, or another family's.")
LESSON_NOT_FOUND = OpenApiResponse(description="No such lesson in this sequence.")
SUBJECT_NOT_FOUND = OpenApiResponse(
    description="No such child, subject plan or sequence, or another family's."
)
BAD_LESSONS = OpenApiResponse(
    description="A bad lesson, line or row: nothing is saved. `fields` names each one "
    "(`lessons[2].title`, or `csv`/`text` with the row or line number in the message)."
)


def _parsed(serializer_class, request: Request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer


def _detail(request: Request, sequence_id) -> Response:
    sequence = selectors.lesson_sequence_get(user=request.user, sequence_id=sequence_id)
    return Response(LessonSequenceDetailSerializer(sequence).data)


class LessonSequenceListApi(APIView):
    @extend_schema(
        summary="Your family's lesson sequences, by name",
        responses=LessonSequenceSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        sequences = selectors.lesson_sequences_for_user(user=request.user)
        return Response(LessonSequenceSerializer(sequences, many=True).data)

    @extend_schema(
        summary="Create a lesson sequence: typed, pasted, from CSV, or from a resource",
        request=LessonSequenceCreateSerializer,
        responses={
            201: LessonSequenceDetailSerializer,
            400: BAD_LESSONS,
            404: OpenApiResponse(description="No such resource, or not one you may see."),
        },
    )
    def post(self, request: Request) -> Response:
        data = _parsed(LessonSequenceCreateSerializer, request)
        name = data.validated_data["name"]
        if resource_id := data.validated_data.get("resourceId"):
            resource = selectors.resource_visible_get(user=request.user, resource_id=resource_id)
            sequence = services.lesson_sequence_from_resource(
                user=request.user, resource=resource, name=name
            )
        else:
            sequence = services.lesson_sequence_create(
                user=request.user, name=name, lessons=data.to_lessons() or []
            )
        response = _detail(request, sequence.pk)
        response.status_code = status.HTTP_201_CREATED
        return response


class LessonSequenceDetailApi(APIView):
    @extend_schema(
        summary="A lesson sequence with its lessons and the subject plans using it",
        responses={200: LessonSequenceDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, sequence_id: UUID) -> Response:
        return _detail(request, sequence_id)

    @extend_schema(
        summary="Rename a lesson sequence",
        request=LessonSequenceUpdateSerializer,
        responses={200: LessonSequenceDetailSerializer, 404: NOT_FOUND},
    )
    def patch(self, request: Request, sequence_id: UUID) -> Response:
        sequence = selectors.lesson_sequence_get(user=request.user, sequence_id=sequence_id)
        data = _parsed(LessonSequenceUpdateSerializer, request).validated_data
        services.lesson_sequence_rename(user=request.user, sequence=sequence, name=data["name"])
        return _detail(request, sequence_id)

    @extend_schema(
        summary="Delete a lesson sequence (subject plans using it keep their sessions)",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request: Request, sequence_id: UUID) -> Response:
        sequence = selectors.lesson_sequence_get(user=request.user, sequence_id=sequence_id)
        services.lesson_sequence_delete(user=request.user, sequence=sequence)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _upload(request: Request) -> tuple[list[services.LessonInput], str]:
    """A CSV file sent as multipart/form-data, parsed: (lessons, mode)."""
    data = _parsed(LessonsUploadSerializer, request).validated_data
    # One byte past the limit is enough for the parser to say the file is too large.
    content = data["file"].read(services.MAX_CSV_BYTES + 1)
    return services.lessons_parse_csv(content, field="file"), data["mode"]


class LessonSequenceLessonsApi(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        summary="Add lessons after the last one, or replace them all",
        description="JSON with one of `lessons`, `text` (a pasted list) or `csv` (a CSV "
        "file's text), or a CSV file uploaded as multipart/form-data (`file`). The whole "
        "input is checked first: one bad row and nothing is saved. `replace` keeps the "
        "lesson at each position, so every child's progress through it stays.",
        request={
            "application/json": LessonsWriteSerializer,
            "multipart/form-data": LessonsUploadSerializer,
        },
        responses={200: LessonSequenceDetailSerializer, 400: BAD_LESSONS, 404: NOT_FOUND},
    )
    def post(self, request: Request, sequence_id: UUID) -> Response:
        sequence = selectors.lesson_sequence_get(user=request.user, sequence_id=sequence_id)
        if request.content_type.startswith("multipart/"):
            lessons, mode = _upload(request)
            field = "file"
        else:
            data = _parsed(LessonsWriteSerializer, request)
            lessons, mode = data.to_lessons(), data.validated_data["mode"]
            field = "lessons"
        write = services.lessons_replace if mode == "replace" else services.lessons_append
        write(user=request.user, sequence=sequence, lessons=lessons, field=field)
        return _detail(request, sequence_id)


class LessonDetailApi(APIView):
    @extend_schema(
        summary="Replace one lesson's title, notes, link and minutes",
        request=LessonWriteSerializer,
        responses={200: LessonSerializer, 400: BAD_LESSONS, 404: LESSON_NOT_FOUND},
    )
    def put(self, request: Request, sequence_id: UUID, lesson_id: UUID) -> Response:
        lesson = selectors.lesson_get(
            user=request.user, sequence_id=sequence_id, lesson_id=lesson_id
        )
        change = _parsed(LessonWriteSerializer, request).to_lesson()
        lesson = services.lesson_update(user=request.user, lesson=lesson, change=change)
        return Response(LessonSerializer(lesson).data)

    @extend_schema(
        summary="Delete one lesson (the lessons after it move up one place)",
        responses={204: None, 404: LESSON_NOT_FOUND},
    )
    def delete(self, request: Request, sequence_id: UUID, lesson_id: UUID) -> Response:
        lesson = selectors.lesson_get(
            user=request.user, sequence_id=sequence_id, lesson_id=lesson_id
        )
        services.lesson_delete(user=request.user, lesson=lesson)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LessonSequenceCopyApi(APIView):
    @extend_schema(
        summary="Copy a sequence (its lessons, not anyone's progress), e.g. for a sibling",
        request=LessonSequenceCopySerializer,
        responses={201: LessonSequenceDetailSerializer, 404: SUBJECT_NOT_FOUND},
    )
    def post(self, request: Request, sequence_id: UUID) -> Response:
        sequence = selectors.lesson_sequence_get(user=request.user, sequence_id=sequence_id)
        data = _parsed(LessonSequenceCopySerializer, request).validated_data
        subject = None
        if data["subjectId"] is not None:
            subject = selectors.subject_plan_get(user=request.user, subject_id=data["subjectId"])
        copy = services.lesson_sequence_copy(
            user=request.user, sequence=sequence, name=data["name"], subject=subject
        )
        response = _detail(request, copy.pk)
        response.status_code = status.HTTP_201_CREATED
        return response


class SubjectLessonSequenceApi(APIView):
    @extend_schema(
        summary="Choose the lesson sequence a child's subject plan teaches (null: none)",
        description="Siblings may share one sequence; each child's progress is their own.",
        request=SubjectLessonSequenceSerializer,
        responses={200: SubjectPlanSerializer, 404: SUBJECT_NOT_FOUND},
    )
    def put(self, request: Request, child_id: UUID, subject_id: UUID) -> Response:
        subject = (
            child_subject_plans(user=request.user, child_id=child_id).filter(pk=subject_id).first()
        )
        if subject is None:
            raise NotFound("No such subject.")
        data = _parsed(SubjectLessonSequenceSerializer, request).validated_data
        sequence = None
        if data["sequenceId"] is not None:
            sequence = selectors.lesson_sequence_get(
                user=request.user, sequence_id=data["sequenceId"]
            )
        subject = services.subject_lesson_sequence_set(
            user=request.user, subject=subject, sequence=sequence
        )
        return Response(SubjectPlanSerializer(subject).data)
