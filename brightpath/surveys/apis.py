from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors, services
from .serializers import (
    CategorySerializer,
    QuestionFilterSerializer,
    QuestionSerializer,
    ResponsesSubmitResultSerializer,
    ResponsesSubmitSerializer,
    SurveyResponseSerializer,
    SurveySessionSerializer,
    SurveySessionUpdateSerializer,
)

NOT_FOUND = OpenApiResponse(description="No such session of yours.")
NOT_IN_PROGRESS = OpenApiResponse(description="The session is already completed or abandoned.")


class CategoryListApi(ListAPIView):
    serializer_class = CategorySerializer

    def get_queryset(self):
        return selectors.survey_category_list()


@extend_schema(parameters=[QuestionFilterSerializer])
class QuestionListApi(ListAPIView):
    serializer_class = QuestionSerializer

    def get_queryset(self):
        filters = QuestionFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return selectors.survey_question_list(category_id=filters.validated_data.get("category"))


class SessionStartApi(APIView):
    @extend_schema(
        request={"application/json": OpenApiTypes.OBJECT},
        examples=[OpenApiExample("No fields", value={}, request_only=True)],
        responses={201: SurveySessionSerializer},
        summary="Start a survey session (the body is empty)",
    )
    def post(self, request: Request) -> Response:
        session = services.survey_session_start(user=request.user)
        return Response(SurveySessionSerializer(session).data, status=status.HTTP_201_CREATED)


class SessionDetailApi(APIView):
    @extend_schema(responses={200: SurveySessionSerializer, 404: NOT_FOUND})
    def get(self, request: Request, session_id) -> Response:
        session = selectors.survey_session_get(user=request.user, session_id=session_id)
        return Response(SurveySessionSerializer(session).data)

    @extend_schema(
        request=SurveySessionUpdateSerializer,
        responses={200: SurveySessionSerializer, 404: NOT_FOUND, 409: NOT_IN_PROGRESS},
        summary="Complete or abandon a session",
    )
    def patch(self, request: Request, session_id) -> Response:
        session = selectors.survey_session_get(user=request.user, session_id=session_id)
        data = SurveySessionUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = services.survey_session_update(
            session=session, user=request.user, status=data.validated_data["status"]
        )
        return Response(SurveySessionSerializer(session).data)


class SessionResponsesApi(ListAPIView):
    serializer_class = SurveyResponseSerializer

    def get_queryset(self):
        return selectors.survey_response_list(
            user=self.request.user, session_id=self.kwargs["session_id"]
        )

    @extend_schema(responses={200: SurveyResponseSerializer(many=True), 404: NOT_FOUND})
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=ResponsesSubmitSerializer,
        responses={200: ResponsesSubmitResultSerializer, 404: NOT_FOUND, 409: NOT_IN_PROGRESS},
        summary="Answer questions; a question answered before is updated",
    )
    def post(self, request: Request, session_id) -> Response:
        session = selectors.survey_session_get(user=request.user, session_id=session_id)
        data = ResponsesSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = services.survey_responses_submit(
            session=session,
            user=request.user,
            responses=[services.ResponseInput(**item) for item in data.validated_data["responses"]],
        )
        return Response(ResponsesSubmitResultSerializer({"responses": saved}).data)
