"""The reward model over HTTP (seed 002's /api/ml/ endpoints): score a week,
report the registry's state, and (staff only) train a new version now."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAdminUser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors, tasks
from ..serializers import (
    EvaluateScheduleSerializer,
    EvaluationSerializer,
    ModelStatusSerializer,
    TrainSerializer,
)

NO_MODEL = OpenApiResponse(description="No reward model is active yet (code no_active_model).")


class EvaluateScheduleApi(APIView):
    @extend_schema(
        summary="Predict a week's star rating and completion rate with the active reward model",
        request=EvaluateScheduleSerializer,
        responses={200: EvaluationSerializer, 404: OpenApiResponse(), 409: NO_MODEL},
    )
    def post(self, request: Request) -> Response:
        data = EvaluateScheduleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evaluation = selectors.schedule_evaluate(
            user=request.user, schedule_id=data.validated_data["scheduleId"]
        )
        return Response(EvaluationSerializer(evaluation).data)


class ModelStatusApi(APIView):
    @extend_schema(
        summary="Each model: the active version, recent versions with held-out metrics, "
        "recent training runs",
        responses=ModelStatusSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        return Response(ModelStatusSerializer(selectors.model_status(), many=True).data)


class TrainApi(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(
        summary="Train a new reward model version now (staff); it is activated only if "
        "better on held-out weeks (the body is empty)",
        request={"application/json": OpenApiTypes.OBJECT},
        examples=[OpenApiExample("No fields", value={}, request_only=True)],
        responses={202: TrainSerializer},
    )
    def post(self, request: Request) -> Response:
        task_id = tasks.enqueue_reward_model_training()
        return Response({"taskId": task_id}, status=status.HTTP_202_ACCEPTED)
