"""Assistants (the catalogue's and the teacher's own), the capabilities an assistant
can have, subject categories, and the teacher's profile.

A catalogue assistant can be read and picked (a conversation started with it),
or copied into the teacher's own (`basedOn`); only the teacher's own can be
changed or deleted: changing a catalogue assistant, or another teacher's, is a 404.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from brightpath.coach.selectors.assistants import (
    assistant_listed,
    assistants_listed,
    capability_kinds,
    subject_categories,
)
from brightpath.coach.serializers import (
    CoachAssistantSerializer,
    CoachAssistantWriteSerializer,
    CoachCapabilityKindSerializer,
    CoachSubjectSerializer,
    CoachTeacherSerializer,
    CoachTeacherUpdateSerializer,
)
from brightpath.coach.services import assistants as services
from brightpath.coach.services.teachers import teacher_ensure, teacher_update

from .base import CoachApi

NOT_FOUND = OpenApiResponse(description="No such assistant, or not one the teacher may change.")


def _mine(request: Request) -> bool | None:
    value = str(request.query_params.get("mine", "")).lower()
    return {"true": True, "1": True, "false": False, "0": False}.get(value)


class AssistantsApi(CoachApi):
    @extend_schema(
        summary="The assistants the teacher can pick: the catalogue's and their own",
        parameters=[
            OpenApiParameter(
                "mine", OpenApiTypes.BOOL, description="true: only their own; false: catalogue"
            )
        ],
        responses={200: CoachAssistantSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        rows = assistants_listed(user=request.user, mine=_mine(request))
        return Response(CoachAssistantSerializer(rows, many=True).data)

    @extend_schema(
        summary="Configure the teacher's own assistant (from scratch, or basedOn another)",
        request=CoachAssistantWriteSerializer,
        responses={201: CoachAssistantSerializer, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        serializer = CoachAssistantWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = services.assistant_create(teacher=request.user, **serializer.service_fields())
        profile = assistant_listed(user=request.user, assistant_id=profile.id)
        return Response(CoachAssistantSerializer(profile).data, status=status.HTTP_201_CREATED)


class AssistantApi(CoachApi):
    @extend_schema(
        summary="One assistant", responses={200: CoachAssistantSerializer, 404: NOT_FOUND}
    )
    def get(self, request: Request, assistant_id) -> Response:
        profile = assistant_listed(user=request.user, assistant_id=assistant_id)
        return Response(CoachAssistantSerializer(profile).data)

    @extend_schema(
        summary="Change the teacher's own assistant (capabilities given replace its set)",
        request=CoachAssistantWriteSerializer,
        responses={200: CoachAssistantSerializer, 404: NOT_FOUND},
    )
    def patch(self, request: Request, assistant_id) -> Response:
        serializer = CoachAssistantWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = serializer.service_fields()
        fields.pop("based_on", None)
        services.assistant_update(teacher=request.user, assistant_id=assistant_id, **fields)
        profile = assistant_listed(user=request.user, assistant_id=assistant_id)
        return Response(CoachAssistantSerializer(profile).data)

    @extend_schema(
        summary="Delete the teacher's own assistant (its conversations and lessons stay)",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request: Request, assistant_id) -> Response:
        services.assistant_delete(teacher=request.user, assistant_id=assistant_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CapabilitiesApi(CoachApi):
    @extend_schema(
        summary="The capabilities an assistant can have (to choose for the teacher's own)",
        responses={200: CoachCapabilityKindSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(CoachCapabilityKindSerializer(capability_kinds().values(), many=True).data)


class SubjectsApi(CoachApi):
    @extend_schema(
        summary="Subject categories, as a tree by path",
        responses={200: CoachSubjectSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(CoachSubjectSerializer(subject_categories(), many=True).data)


class TeacherApi(CoachApi):
    @extend_schema(summary="The teacher's profile", responses={200: CoachTeacherSerializer})
    def get(self, request: Request) -> Response:
        return Response(CoachTeacherSerializer(teacher_ensure(user=request.user)).data)

    @extend_schema(
        summary="Change the teacher's school, subjects, grades, time zone or notifications",
        request=CoachTeacherUpdateSerializer,
        responses={200: CoachTeacherSerializer},
    )
    def patch(self, request: Request) -> Response:
        serializer = CoachTeacherUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        profile = teacher_update(user=request.user, **serializer.validated_data)
        return Response(CoachTeacherSerializer(profile).data)


urlpatterns = [
    path("assistants/", AssistantsApi.as_view(), name="assistants"),
    path("assistants/<uuid:assistant_id>/", AssistantApi.as_view(), name="assistant"),
    path("capabilities/", CapabilitiesApi.as_view(), name="capabilities"),
    path("subjects/", SubjectsApi.as_view(), name="subjects"),
    path("teacher/", TeacherApi.as_view(), name="teacher"),
]
