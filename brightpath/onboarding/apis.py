import json

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.birthdates import BirthDate
from brightpath.families import selectors as family_selectors
from brightpath.families import services as family_services
from brightpath.families.questionnaire.serializers import ChildProfileSerializer
from brightpath.families.serializers import FamilySerializer
from brightpath.planner.selectors.changes import new_schedule_state

from . import selectors, services
from .questionnaire.build_schema import SCHEMA_FILE
from .questionnaire.serializers import QuestionnaireSubmissionSerializer
from .serializers import ChildSerializer, SubmissionResultSerializer


class QuestionnaireSubmitApi(APIView):
    """Validate and save the whole questionnaire (seed 000's save_questionnaire_data)."""

    @extend_schema(
        request=QuestionnaireSubmissionSerializer, responses={201: SubmissionResultSerializer}
    )
    def post(self, request: Request) -> Response:
        family = services.questionnaire_submit(user=request.user, data=request.data)
        body = {
            "family": FamilySerializer(family).data,
            "questionnaire": selectors.questionnaire_export(user=request.user),
            "schedule": new_schedule_state(family=family),
        }
        return Response(body, status=status.HTTP_201_CREATED)


class FamilyImportApi(QuestionnaireSubmitApi):
    """Create or update the family from a file in the questionnaire format."""


class QuestionnaireResponsesApi(APIView):
    @extend_schema(
        responses={
            200: QuestionnaireSubmissionSerializer,
            404: OpenApiResponse(description="Not submitted yet"),
        }
    )
    def get(self, request: Request) -> Response:
        answers = selectors.questionnaire_export(user=request.user)
        if answers is None:
            raise NotFound("The questionnaire has not been submitted yet.")
        return Response(answers)


class QuestionnaireSchemaApi(APIView):
    @extend_schema(responses={200: dict}, summary="JSON Schema of the submission format")
    def get(self, request: Request) -> Response:
        return Response(json.loads(SCHEMA_FILE.read_text()))


def _profile(request: Request) -> dict:
    family = family_selectors.family_for_user(user=request.user)
    today = family.today() if family is not None else None  # the family's, for birthDate
    profile = ChildProfileSerializer(data=request.data, context={"today": today})
    profile.is_valid(raise_exception=True)
    data = profile.validated_data
    return {
        "name": data["name"],
        "birth": BirthDate.parse(data["birthDate"]) if "birthDate" in data else None,
        "age": data.get("age"),
        "best_learning_times": data["bestLearningTimes"],
        "start_time": data["startTime"],
        "end_time": data["endTime"],
    }


class ChildListApi(APIView):
    @extend_schema(responses=ChildSerializer(many=True))
    def get(self, request: Request) -> Response:
        children = selectors.children_with_plans(user=request.user)
        return Response(ChildSerializer(children, many=True).data)

    @extend_schema(request=ChildProfileSerializer, responses={201: ChildSerializer})
    def post(self, request: Request) -> Response:
        child = services.child_save(user=request.user, child=None, **_profile(request))
        child = selectors.child_with_plans(user=request.user, child_id=child.pk)
        return Response(ChildSerializer(child).data, status=status.HTTP_201_CREATED)


class ChildDetailApi(APIView):
    @extend_schema(responses=ChildSerializer)
    def get(self, request: Request, child_id) -> Response:
        child = selectors.child_with_plans(user=request.user, child_id=child_id)
        return Response(ChildSerializer(child).data)

    @extend_schema(request=ChildProfileSerializer, responses=ChildSerializer)
    def put(self, request: Request, child_id) -> Response:
        child = family_selectors.child_get(user=request.user, child_id=child_id)
        services.child_save(user=request.user, child=child, **_profile(request))
        child = selectors.child_with_plans(user=request.user, child_id=child_id)
        return Response(ChildSerializer(child).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, child_id) -> Response:
        child = family_selectors.child_get(user=request.user, child_id=child_id)
        family_services.child_delete(child=child, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
