"""The family's history over the API: who changed what, newest first."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.pagination import PageNumberPagination, page_of
from brightpath.families.selectors import family_get

from ..selectors.audit import audit_entries, family_audit_feed
from ..serializers.audit import AuditEntrySerializer


class FamilyAuditApi(APIView):
    @extend_schema(
        summary="The family's history: settings, questionnaire, account and schedule changes",
        description=(
            "Every change to the family, its children, subjects, commitments, weeks and "
            "items, and its members' account changes, newest first, with who made it. "
            "Times are in the family's time zone."
        ),
        operation_id="family_audit_list",
        parameters=[
            OpenApiParameter("page", int, description="Page number, from 1"),
            OpenApiParameter("pageSize", int, description="Entries a page (default 50, max 200)"),
        ],
        responses=page_of(AuditEntrySerializer),
    )
    def get(self, request: Request) -> Response:
        family = family_get(user=request.user)
        paginator = PageNumberPagination()
        keys = paginator.paginate_queryset(
            family_audit_feed(user=request.user, family=family), request, view=self
        )
        entries = audit_entries(family=family, keys=list(keys))
        return paginator.get_paginated_response(AuditEntrySerializer(entries, many=True).data)
