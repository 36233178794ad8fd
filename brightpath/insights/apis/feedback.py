"""POST/GET /api/feedback/ (seed 002's feedback endpoints): a parent rates a
week or tells us something; the family's own feedback is listed back."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.pagination import PageNumberPagination, page_of

from .. import selectors, services
from ..serializers import FeedbackCreateSerializer, FeedbackFilterSerializer, FeedbackSerializer

ALREADY_RATED = OpenApiResponse(description="This week version already has your rating.")
NOT_FOUND = OpenApiResponse(description="No such schedule, child or feedback of yours.")


def _input(data: dict) -> services.FeedbackInput:
    feedback_data = data.get("feedbackData") or {}
    return services.FeedbackInput(
        feedback_type=data["feedbackType"],
        schedule_id=data.get("scheduleId"),
        child_id=data.get("childId"),
        rating=data.get("rating"),
        comments=data.get("comments", ""),
        likert_responses=dict(feedback_data.get("likertResponses") or {}),
        adjustments=dict(feedback_data.get("adjustments") or {}),
    )


class FeedbackListApi(APIView):
    @extend_schema(
        summary="The family's feedback, newest first",
        operation_id="feedback_list",
        parameters=[FeedbackFilterSerializer],
        responses=page_of(FeedbackSerializer),
    )
    def get(self, request: Request) -> Response:
        filters = FeedbackFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        rows = selectors.feedback_list(
            user=request.user,
            child_id=filters.validated_data.get("childId"),
            schedule_id=filters.validated_data.get("scheduleId"),
            feedback_type=filters.validated_data.get("feedbackType"),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(FeedbackSerializer(page, many=True).data)

    @extend_schema(
        summary="Rate a week (stars, the five statements, what you changed) or send a suggestion",
        request=FeedbackCreateSerializer,
        responses={201: FeedbackSerializer, 404: NOT_FOUND, 409: ALREADY_RATED},
    )
    def post(self, request: Request) -> Response:
        data = FeedbackCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feedback = services.feedback_create(user=request.user, data=_input(data.validated_data))
        return Response(FeedbackSerializer(feedback).data, status=status.HTTP_201_CREATED)


class FeedbackDetailApi(APIView):
    @extend_schema(
        summary="One of the family's feedback",
        responses={200: FeedbackSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, feedback_id) -> Response:
        feedback = selectors.feedback_get(user=request.user, feedback_id=feedback_id)
        return Response(FeedbackSerializer(feedback).data)
