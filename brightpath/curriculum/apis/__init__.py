from uuid import UUID

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from brightpath.common.pagination import PageNumberPagination, page_of
from brightpath.families.selectors import child_get

from .. import selectors, services
from ..models import CatalogSubject
from ..permissions import CatalogSubjectEditable
from ..questionnaire import QuestionnaireSubjectSerializer
from ..serializers import (
    CatalogSubjectSerializer,
    CatalogSubjectWriteSerializer,
    ResourceSerializer,
    ResourceWriteSerializer,
    SubjectPlanSerializer,
)

NOT_FOUND = OpenApiResponse(description="No such subject, or another user's custom subject.")
READ_ONLY = OpenApiResponse(description="Standard subjects are read-only (permission_denied).")
RESOURCE_NOT_FOUND = OpenApiResponse(description="No such resource, or not one of yours.")


class PaginatedApi(APIView):
    pagination_class = PageNumberPagination

    def paginated(self, queryset: QuerySet, serializer_class: type[Serializer]) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, self.request, view=self)
        data = serializer_class(page, many=True, context={"request": self.request}).data
        return paginator.get_paginated_response(data)


class CatalogSubjectListApi(PaginatedApi):
    @extend_schema(
        summary="Standard subjects and your custom ones",
        parameters=[OpenApiParameter("search", str, description="Part of the subject's name.")],
        operation_id="subjects_list",
        responses=page_of(CatalogSubjectSerializer),
    )
    def get(self, request: Request) -> Response:
        subjects = selectors.catalog_subjects_visible(
            user=request.user, search=request.query_params.get("search", "")
        )
        return self.paginated(subjects, CatalogSubjectSerializer)

    @extend_schema(
        summary="Create a custom subject",
        request=CatalogSubjectWriteSerializer,
        responses={201: CatalogSubjectSerializer},
    )
    def post(self, request: Request) -> Response:
        data = CatalogSubjectWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        subject = services.catalog_subject_create(owner=request.user, **data.validated_data)
        return Response(CatalogSubjectSerializer(subject).data, status=status.HTTP_201_CREATED)


class CatalogSubjectDetailApi(APIView):
    permission_classes = [IsAuthenticated, CatalogSubjectEditable]

    def get_subject(self, subject_id: UUID) -> CatalogSubject:
        subject = selectors.catalog_subject_get(user=self.request.user, subject_id=subject_id)
        self.check_object_permissions(self.request, subject)
        return subject

    @extend_schema(responses={200: CatalogSubjectSerializer, 404: NOT_FOUND})
    def get(self, request: Request, subject_id: UUID) -> Response:
        subject = self.get_subject(subject_id)
        return Response(CatalogSubjectSerializer(subject).data)

    @extend_schema(
        summary="Replace one of your custom subjects",
        request=CatalogSubjectWriteSerializer,
        responses={200: CatalogSubjectSerializer, 403: READ_ONLY, 404: NOT_FOUND},
    )
    def put(self, request: Request, subject_id: UUID) -> Response:
        subject = self.get_subject(subject_id)
        data = CatalogSubjectWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        subject = services.catalog_subject_update(
            catalog_subject=subject, actor=request.user, **data.validated_data
        )
        return Response(CatalogSubjectSerializer(subject).data)

    @extend_schema(
        summary="Delete one of your custom subjects and its resources",
        responses={204: None, 403: READ_ONLY, 404: NOT_FOUND},
    )
    def delete(self, request: Request, subject_id: UUID) -> Response:
        subject = self.get_subject(subject_id)
        services.catalog_subject_delete(catalog_subject=subject, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CatalogSubjectResourceListApi(PaginatedApi):
    @extend_schema(
        summary="The subject's resources: yours and the public ones",
        operation_id="subjects_resources_list",
        responses={200: page_of(ResourceSerializer), 404: NOT_FOUND},
    )
    def get(self, request: Request, subject_id: UUID) -> Response:
        subject = selectors.catalog_subject_get(user=request.user, subject_id=subject_id)
        resources = selectors.resources_visible(user=request.user, catalog_subject=subject)
        return self.paginated(resources, ResourceSerializer)

    @extend_schema(
        summary="Add a resource to the subject",
        request=ResourceWriteSerializer,
        responses={201: ResourceSerializer, 404: NOT_FOUND},
    )
    def post(self, request: Request, subject_id: UUID) -> Response:
        subject = selectors.catalog_subject_get(user=request.user, subject_id=subject_id)
        data = ResourceWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        resource = services.resource_create(
            owner=request.user, catalog_subject=subject, **data.to_service_kwargs()
        )
        body = ResourceSerializer(resource, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class ResourceDetailApi(APIView):
    @extend_schema(
        summary="Replace one of your resources",
        request=ResourceWriteSerializer,
        responses={200: ResourceSerializer, 404: RESOURCE_NOT_FOUND},
    )
    def put(self, request: Request, resource_id: UUID) -> Response:
        resource = selectors.resource_get_owned(user=request.user, resource_id=resource_id)
        data = ResourceWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        resource = services.resource_update(
            resource=resource, actor=request.user, **data.to_service_kwargs()
        )
        return Response(ResourceSerializer(resource, context={"request": request}).data)

    @extend_schema(
        summary="Delete one of your resources", responses={204: None, 404: RESOURCE_NOT_FOUND}
    )
    def delete(self, request: Request, resource_id: UUID) -> Response:
        resource = selectors.resource_get_owned(user=request.user, resource_id=resource_id)
        services.resource_delete(resource=resource, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _subject_answer(request: Request):
    answer = QuestionnaireSubjectSerializer(data=request.data)
    answer.is_valid(raise_exception=True)
    return answer.validated_data


class SubjectPlanListApi(APIView):
    """A child's subject plans (the questionnaire's section 4, edited one by one)."""

    @extend_schema(responses=SubjectPlanSerializer(many=True))
    def get(self, request: Request, child_id) -> Response:
        rows = selectors.child_subject_plans(user=request.user, child_id=child_id)
        return Response(SubjectPlanSerializer(rows, many=True).data)

    @extend_schema(request=QuestionnaireSubjectSerializer, responses={201: SubjectPlanSerializer})
    def post(self, request: Request, child_id) -> Response:
        child = child_get(user=request.user, child_id=child_id)
        row = services.subject_plan_create(
            child=child, answer=_subject_answer(request), actor=request.user
        )
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
        row = services.subject_plan_update(
            subject=row, answer=_subject_answer(request), actor=request.user
        )
        return Response(SubjectPlanSerializer(row).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, child_id, subject_id) -> Response:
        services.subject_plan_delete(
            subject=self._row(request, child_id, subject_id), actor=request.user
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
