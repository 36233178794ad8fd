import json

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import drafts, selectors, services
from .questionnaire.build_schema import SCHEMA_FILE
from .questionnaire.serializers import (
    ChildProfileSerializer,
    QuestionnaireCommitmentSerializer,
    QuestionnaireSubjectSerializer,
    QuestionnaireSubmissionSerializer,
)
from .serializers import (
    ChildCommitmentSerializer,
    ChildSerializer,
    CommitmentSerializer,
    DraftSaveSerializer,
    FamilySerializer,
    FamilyUpdateSerializer,
    QuestionnaireStateSerializer,
    SubjectPlanSerializer,
    SubmissionResultSerializer,
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

    @extend_schema(request=DraftSaveSerializer, responses=QuestionnaireStateSerializer)
    def put(self, request: Request, section: str, child_key: str | None = None) -> Response:
        data = DraftSaveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        drafts.questionnaire_draft_save(
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
        drafts.questionnaire_draft_discard_child(user=request.user, child_key=child_key)
        return Response(status=status.HTTP_204_NO_CONTENT)


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


class ChildListApi(APIView):
    @extend_schema(responses=ChildSerializer(many=True))
    def get(self, request: Request) -> Response:
        children = selectors.children_with_plans(user=request.user)
        return Response(ChildSerializer(children, many=True).data)

    @extend_schema(request=ChildProfileSerializer, responses={201: ChildSerializer})
    def post(self, request: Request) -> Response:
        child = services.child_save(user=request.user, child=None, data=request.data)
        child = selectors.child_with_plans(user=request.user, child_id=child.pk)
        return Response(ChildSerializer(child).data, status=status.HTTP_201_CREATED)


class ChildDetailApi(APIView):
    @extend_schema(responses=ChildSerializer)
    def get(self, request: Request, child_id) -> Response:
        child = selectors.child_with_plans(user=request.user, child_id=child_id)
        return Response(ChildSerializer(child).data)

    @extend_schema(request=ChildProfileSerializer, responses=ChildSerializer)
    def put(self, request: Request, child_id) -> Response:
        child = selectors.child_get(user=request.user, child_id=child_id)
        services.child_save(user=request.user, child=child, data=request.data)
        return Response(
            ChildSerializer(selectors.child_with_plans(user=request.user, child_id=child_id)).data
        )

    @extend_schema(responses={204: None})
    def delete(self, request: Request, child_id) -> Response:
        services.child_remove(child=selectors.child_get(user=request.user, child_id=child_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class FamilyCommitmentListApi(APIView):
    @extend_schema(responses=CommitmentSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(
            CommitmentSerializer(selectors.family_commitments(user=request.user), many=True).data
        )

    @extend_schema(request=QuestionnaireCommitmentSerializer, responses={201: CommitmentSerializer})
    def post(self, request: Request) -> Response:
        family = services.family_get_or_create(user=request.user)
        row = services.commitment_save(owner=family, commitment=None, data=request.data)
        return Response(CommitmentSerializer(row).data, status=status.HTTP_201_CREATED)


class FamilyCommitmentDetailApi(APIView):
    def _row(self, request: Request, commitment_id):
        return get_object_or_404(selectors.family_commitments(user=request.user), pk=commitment_id)

    @extend_schema(request=QuestionnaireCommitmentSerializer, responses=CommitmentSerializer)
    def put(self, request: Request, commitment_id) -> Response:
        row = self._row(request, commitment_id)
        row = services.commitment_save(owner=row.family, commitment=row, data=request.data)
        return Response(CommitmentSerializer(row).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, commitment_id) -> Response:
        services.commitment_remove(commitment=self._row(request, commitment_id))
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
        row = services.commitment_save(owner=child, commitment=None, data=request.data)
        return Response(ChildCommitmentSerializer(row).data, status=status.HTTP_201_CREATED)


class ChildCommitmentDetailApi(APIView):
    def _row(self, request: Request, child_id, commitment_id):
        rows = selectors.child_commitments(user=request.user, child_id=child_id)
        return get_object_or_404(rows, pk=commitment_id)

    @extend_schema(request=QuestionnaireCommitmentSerializer, responses=ChildCommitmentSerializer)
    def put(self, request: Request, child_id, commitment_id) -> Response:
        row = self._row(request, child_id, commitment_id)
        row = services.commitment_save(owner=row.child, commitment=row, data=request.data)
        return Response(ChildCommitmentSerializer(row).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, child_id, commitment_id) -> Response:
        services.commitment_remove(commitment=self._row(request, child_id, commitment_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SubjectPlanListApi(APIView):
    @extend_schema(responses=SubjectPlanSerializer(many=True))
    def get(self, request: Request, child_id) -> Response:
        rows = selectors.child_subject_plans(user=request.user, child_id=child_id)
        return Response(SubjectPlanSerializer(rows, many=True).data)

    @extend_schema(request=QuestionnaireSubjectSerializer, responses={201: SubjectPlanSerializer})
    def post(self, request: Request, child_id) -> Response:
        child = selectors.child_get(user=request.user, child_id=child_id)
        row = services.subject_plan_save(child=child, subject=None, data=request.data)
        return Response(SubjectPlanSerializer(row).data, status=status.HTTP_201_CREATED)


class SubjectPlanDetailApi(APIView):
    def _row(self, request: Request, child_id, subject_id):
        rows = selectors.child_subject_plans(user=request.user, child_id=child_id)
        return get_object_or_404(rows, pk=subject_id)

    @extend_schema(responses=SubjectPlanSerializer)
    def get(self, request: Request, child_id, subject_id) -> Response:
        return Response(SubjectPlanSerializer(self._row(request, child_id, subject_id)).data)

    @extend_schema(request=QuestionnaireSubjectSerializer, responses=SubjectPlanSerializer)
    def put(self, request: Request, child_id, subject_id) -> Response:
        row = self._row(request, child_id, subject_id)
        row = services.subject_plan_save(child=row.child, subject=row, data=request.data)
        return Response(SubjectPlanSerializer(row).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, child_id, subject_id) -> Response:
        services.subject_plan_remove(subject=self._row(request, child_id, subject_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
