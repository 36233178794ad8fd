"""The teacher's memories: list (by category, or words in them), read with their uses,
correct (a correction updates the memory and keeps what it said), delete, and
say whether one helped. Another teacher's memory is a 404."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from brightpath.coach.memory import vocabulary as v
from brightpath.coach.selectors.memory import memories_of, memory_interactions_of, memory_of
from brightpath.coach.serializers import (
    CoachMemoryDetailSerializer,
    CoachMemoryFeedbackSerializer,
    CoachMemoryInteractionSerializer,
    CoachMemoryQuerySerializer,
    CoachMemorySerializer,
    CoachMemoryUpdateSerializer,
)
from brightpath.coach.services import memory as services
from brightpath.common.pagination import PageNumberPagination, page_of

from .base import CoachApi

NOT_FOUND = OpenApiResponse(description="No such memory, or another teacher's.")
INTERACTIONS_SHOWN = 20


def _detail(request: Request, memory_id) -> dict:
    memory = memory_of(user=request.user, memory_id=memory_id)
    interactions = memory_interactions_of(user=request.user, memory_id=memory_id)[
        :INTERACTIONS_SHOWN
    ]
    return CoachMemoryDetailSerializer(memory, context={"interactions": list(interactions)}).data


class MemoriesApi(CoachApi):
    @extend_schema(
        operation_id="coach_memories_list",
        summary="The teacher's memories, last stated first",
        parameters=[
            OpenApiParameter("category", str, enum=list(v.CATEGORIES)),
            OpenApiParameter("q", str, description="Words the memory contains"),
        ],
        responses={200: page_of(CoachMemorySerializer)},
    )
    def get(self, request: Request) -> Response:
        query = CoachMemoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = memories_of(
            user=request.user,
            category=query.validated_data.get("category"),
            search=query.validated_data.get("q", ""),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(CoachMemorySerializer(page, many=True).data)


class MemoryApi(CoachApi):
    @extend_schema(
        summary="One memory, with its history and latest uses",
        responses={200: CoachMemoryDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, memory_id) -> Response:
        return Response(_detail(request, memory_id))

    @extend_schema(
        summary="Correct a memory (content, category, importance 1-10, tags)",
        description="The memory is updated in place (never duplicated); what it said before "
        "is kept in its `history`, and it counts as the teacher's own (confidence 1).",
        request=CoachMemoryUpdateSerializer,
        responses={200: CoachMemoryDetailSerializer, 404: NOT_FOUND},
    )
    def patch(self, request: Request, memory_id) -> Response:
        serializer = CoachMemoryUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.memory_update(
            teacher=request.user, memory_id=memory_id, **serializer.validated_data
        )
        return Response(_detail(request, memory_id))

    @extend_schema(summary="Delete a memory", responses={204: None, 404: NOT_FOUND})
    def delete(self, request: Request, memory_id) -> Response:
        services.memory_delete(teacher=request.user, memory_id=memory_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MemoryFeedbackApi(CoachApi):
    @extend_schema(
        summary="Say whether a memory helped the answer it was used in",
        request=CoachMemoryFeedbackSerializer,
        responses={201: CoachMemoryInteractionSerializer, 404: NOT_FOUND},
    )
    def post(self, request: Request, memory_id) -> Response:
        serializer = CoachMemoryFeedbackSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        interaction = services.memory_feedback(
            teacher=request.user, memory_id=memory_id, **serializer.validated_data
        )
        return Response(CoachMemoryInteractionSerializer(interaction).data, status=201)


urlpatterns = [
    path("memories/", MemoriesApi.as_view(), name="memories"),
    path("memories/<uuid:memory_id>/", MemoryApi.as_view(), name="memory"),
    path(
        "memories/<uuid:memory_id>/feedback/", MemoryFeedbackApi.as_view(), name="memory_feedback"
    ),
]
