from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors, services
from .questionnaire.serializers import QuestionnaireCommitmentSerializer
from .serializers import (
    ChildCommitmentSerializer,
    CommitmentSerializer,
    DraftSaveSerializer,
    FamilySerializer,
    FamilyUpdateSerializer,
    QuestionnaireStateSerializer,
)


def _state(user) -> dict:
    return {
        **selectors.questionnaire_state(user=user),
        "version": selectors.questionnaire_version(user=user),
    }


class QuestionnaireApi(APIView):
    @extend_schema(responses=QuestionnaireStateSerializer, summary="Progress and drafts")
    def get(self, request: Request) -> Response:
        return Response(_state(request.user))


class QuestionnaireDraftApi(APIView):
    """Save one section's draft; child sections go under children/{childKey}/."""

    @extend_schema(
        request=DraftSaveSerializer,
        responses={
            200: QuestionnaireStateSerializer,
            409: OpenApiResponse(
                description="`version` is stale: the questionnaire was saved elsewhere since."
            ),
        },
    )
    def put(self, request: Request, section: str, child_key: str | None = None) -> Response:
        data = DraftSaveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.questionnaire_draft_save(
            user=request.user,
            section=section,
            child_key=child_key,
            draft=data.validated_data["draft"],
            status=data.validated_data["status"],
            expected_version=data.validated_data.get("version"),
        )
        return Response(_state(request.user))


class QuestionnaireChildDraftApi(APIView):
    @extend_schema(responses={204: None}, summary="Forget a child's drafts")
    def delete(self, request: Request, child_key: str) -> Response:
        services.questionnaire_draft_discard_child(user=request.user, child_key=child_key)
        return Response(status=status.HTTP_204_NO_CONTENT)


class FamilyApi(APIView):
    @extend_schema(responses=FamilySerializer)
    def get(self, request: Request) -> Response:
        family = selectors.family_for_user(user=request.user)
        if family is None:
            raise NotFound("No family yet: answer the questionnaire first.")
        return Response(FamilySerializer(family).data)

    @extend_schema(request=FamilyUpdateSerializer, responses=FamilySerializer)
    def patch(self, request: Request) -> Response:
        data = FamilyUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = {
            "name": "name",
            "timeZone": "time_zone",
            "schoolDays": "school_days",
            "adults": "adults",
        }
        changes = {fields[key]: value for key, value in data.validated_data.items()}
        family = services.family_update(user=request.user, **changes)
        return Response(FamilySerializer(family).data)


def _commitment_answer(request: Request):
    answer = QuestionnaireCommitmentSerializer(data=request.data)
    answer.is_valid(raise_exception=True)
    return answer.validated_data


class FamilyCommitmentListApi(APIView):
    @extend_schema(responses=CommitmentSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(
            CommitmentSerializer(selectors.family_commitments(user=request.user), many=True).data
        )

    @extend_schema(request=QuestionnaireCommitmentSerializer, responses={201: CommitmentSerializer})
    def post(self, request: Request) -> Response:
        family = services.family_get_or_create(user=request.user)
        row = services.commitment_create(
            owner=family, answer=_commitment_answer(request), actor=request.user
        )
        return Response(CommitmentSerializer(row).data, status=status.HTTP_201_CREATED)


class FamilyCommitmentDetailApi(APIView):
    def _row(self, request: Request, commitment_id):
        return get_object_or_404(selectors.family_commitments(user=request.user), pk=commitment_id)

    @extend_schema(request=QuestionnaireCommitmentSerializer, responses=CommitmentSerializer)
    def put(self, request: Request, commitment_id) -> Response:
        row = self._row(request, commitment_id)
        row = services.commitment_update(
            commitment=row, answer=_commitment_answer(request), actor=request.user
        )
        return Response(CommitmentSerializer(row).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, commitment_id) -> Response:
        services.commitment_delete(commitment=self._row(request, commitment_id), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ChildCommitmentListApi(APIView):
    @extend_schema(responses=ChildCommitmentSerializer(many=True))
    def get(self, request: Request, child_id) -> Response:
        rows = selectors.child_commitments(user=request.user, child_id=child_id)
        return Response(ChildCommitmentSerializer(rows, many=True).data)

    @extend_schema(
        request=QuestionnaireCommitmentSerializer, responses={201: ChildCommitmentSerializer}
    )
    def post(self, request: Request, child_id) -> Response:
        child = selectors.child_get(user=request.user, child_id=child_id)
        row = services.commitment_create(
            owner=child, answer=_commitment_answer(request), actor=request.user
        )
        return Response(ChildCommitmentSerializer(row).data, status=status.HTTP_201_CREATED)


class ChildCommitmentDetailApi(APIView):
    def _row(self, request: Request, child_id, commitment_id):
        rows = selectors.child_commitments(user=request.user, child_id=child_id)
        return get_object_or_404(rows, pk=commitment_id)

    @extend_schema(request=QuestionnaireCommitmentSerializer, responses=ChildCommitmentSerializer)
    def put(self, request: Request, child_id, commitment_id) -> Response:
        row = self._row(request, child_id, commitment_id)
        row = services.commitment_update(
            commitment=row, answer=_commitment_answer(request), actor=request.user
        )
        return Response(ChildCommitmentSerializer(row).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, child_id, commitment_id) -> Response:
        services.commitment_delete(
            commitment=self._row(request, child_id, commitment_id), actor=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
