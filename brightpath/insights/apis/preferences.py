"""GET/DELETE /api/family/learned-preferences/: what BrightPath learned about the
family's week, each change explained in a sentence; forgetting it."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors, services
from ..serializers import LearnedPreferencesSerializer


class LearnedPreferencesApi(APIView):
    @extend_schema(
        summary="What BrightPath learned: times of day per child and subject, explained",
        responses=LearnedPreferencesSerializer,
    )
    def get(self, request: Request) -> Response:
        learned = selectors.learned_preferences_get(user=request.user)
        return Response(LearnedPreferencesSerializer(learned).data)

    @extend_schema(
        summary="Forget what was learned: plan from the questionnaire alone again",
        request=None,
        responses={204: None},
    )
    def delete(self, request: Request) -> Response:
        services.preferences_forget(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
