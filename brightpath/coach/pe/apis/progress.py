"""Assessments on weighted rubrics (completing one moves the student's skill progress),
and changes to a student's adaptations (each kept in its history)."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from brightpath.coach.pe import selectors
from brightpath.coach.pe import vocabulary as v
from brightpath.coach.pe.serializers.catalogue import (
    PeAdaptationActiveSerializer,
    PeAdaptationSerializer,
    PeAdaptationUpdateSerializer,
)
from brightpath.coach.pe.serializers.common import PeStatusSerializer
from brightpath.coach.pe.serializers.progress import (
    PeAssessmentScoreSerializer,
    PeAssessmentSerializer,
    PeAssessmentWriteSerializer,
)
from brightpath.coach.pe.services import activities as activity_services
from brightpath.coach.pe.services import progress as progress_services
from brightpath.common.pagination import page_of

from .base import (
    CONFLICT,
    NOT_FOUND,
    PeApi,
    choice_param,
    optional_ref,
    page,
    parsed,
    referenced,
    uuid_param,
)


class AssessmentsApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_assessments_list",
        summary="Assessments of the teacher's students",
        parameters=[
            OpenApiParameter("student", OpenApiTypes.UUID),
            OpenApiParameter("activity", OpenApiTypes.UUID),
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(v.ASSESSMENT_STATUSES)),
        ],
        responses=page_of(PeAssessmentSerializer),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.assessments_of(
            user=request.user,
            student_id=uuid_param(request, "student"),
            activity_id=uuid_param(request, "activity"),
            status=choice_param(request, "status", v.ASSESSMENT_STATUSES),
        )
        return page(self, request, rows, PeAssessmentSerializer)

    @extend_schema(
        summary="Assess a student at an activity on a weighted rubric",
        description="The rubric's criteria weights sum to 1 (sub-criteria too); scores are on "
        "its scale. Without a rubric the plan's assessment criteria, else the default "
        "(technique 0.4, performance 0.6), are used. With `complete` the scores are final "
        "at once and the student's skill progress moves.",
        request=PeAssessmentWriteSerializer,
        responses={201: PeAssessmentSerializer},
    )
    def post(self, request: Request) -> Response:
        data = parsed(PeAssessmentWriteSerializer, request)
        student = referenced(
            "studentId",
            "student",
            selectors.student_of,
            user=request.user,
            student_id=data.pop("studentId"),
        )
        activity = referenced(
            "activityId",
            "activity",
            selectors.activity_visible,
            user=request.user,
            activity_id=data.pop("activityId"),
        )
        plan = optional_ref(
            "planId", "plan", selectors.plan_of, user=request.user, plan_id=data.pop("planId", None)
        )
        assessment = progress_services.assessment_create(
            student=student, activity=activity, plan=plan, assessor=request.user, **data
        )
        return Response(PeAssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


class AssessmentApi(PeApi):
    @extend_schema(
        summary="One assessment", responses={200: PeAssessmentSerializer, 404: NOT_FOUND}
    )
    def get(self, request: Request, assessment_id) -> Response:
        assessment = selectors.assessment_of(user=request.user, assessment_id=assessment_id)
        return Response(PeAssessmentSerializer(assessment).data)


class AssessmentScoresApi(PeApi):
    @extend_schema(
        summary="Score (or re-score) an assessment not yet completed",
        request=PeAssessmentScoreSerializer,
        responses={200: PeAssessmentSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def put(self, request: Request, assessment_id) -> Response:
        assessment = selectors.assessment_of(user=request.user, assessment_id=assessment_id)
        data = parsed(PeAssessmentScoreSerializer, request)
        assessment = progress_services.assessment_score(assessment=assessment, **data)
        return Response(PeAssessmentSerializer(assessment).data)


class AssessmentStatusApi(PeApi):
    @extend_schema(
        summary="Move an assessment on: pending -> in_progress -> completed -> archived",
        description="Completing needs scores and adds a point to the student's progress.",
        request=PeStatusSerializer,
        responses={200: PeAssessmentSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, assessment_id) -> Response:
        assessment = selectors.assessment_of(user=request.user, assessment_id=assessment_id)
        data = parsed(PeStatusSerializer, request)
        assessment = progress_services.assessment_transition(
            assessment=assessment, status=data["status"]
        )
        return Response(PeAssessmentSerializer(assessment).data)


class AdaptationApi(PeApi):
    @extend_schema(
        summary="One adaptation with its history",
        responses={200: PeAdaptationSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, adaptation_id) -> Response:
        adaptation = selectors.adaptation_of(user=request.user, adaptation_id=adaptation_id)
        return Response(PeAdaptationSerializer(adaptation).data)

    @extend_schema(
        summary="Modify an adaptation (with the reason; the history keeps what it was)",
        request=PeAdaptationUpdateSerializer,
        responses={200: PeAdaptationSerializer, 404: NOT_FOUND},
    )
    def patch(self, request: Request, adaptation_id) -> Response:
        adaptation = selectors.adaptation_of(user=request.user, adaptation_id=adaptation_id)
        data = parsed(PeAdaptationUpdateSerializer, request)
        activity_services.adaptation_update(adaptation=adaptation, by=request.user, **data)
        adaptation = selectors.adaptation_of(user=request.user, adaptation_id=adaptation_id)
        return Response(PeAdaptationSerializer(adaptation).data)


class AdaptationActiveApi(PeApi):
    @extend_schema(
        summary="Activate or deactivate an adaptation (with the reason)",
        description="An effectiveness score (0-1) also teaches how well adapted activities of "
        "this type suit the student.",
        request=PeAdaptationActiveSerializer,
        responses={200: PeAdaptationSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, adaptation_id) -> Response:
        adaptation = selectors.adaptation_of(user=request.user, adaptation_id=adaptation_id)
        data = parsed(PeAdaptationActiveSerializer, request)
        activity_services.adaptation_set_active(adaptation=adaptation, by=request.user, **data)
        adaptation = selectors.adaptation_of(user=request.user, adaptation_id=adaptation_id)
        return Response(PeAdaptationSerializer(adaptation).data)


urlpatterns = [
    path("assessments/", AssessmentsApi.as_view(), name="assessments"),
    path("assessments/<uuid:assessment_id>/", AssessmentApi.as_view(), name="assessment"),
    path(
        "assessments/<uuid:assessment_id>/scores/",
        AssessmentScoresApi.as_view(),
        name="assessment_scores",
    ),
    path(
        "assessments/<uuid:assessment_id>/status/",
        AssessmentStatusApi.as_view(),
        name="assessment_status",
    ),
    path("adaptations/<uuid:adaptation_id>/", AdaptationApi.as_view(), name="adaptation"),
    path(
        "adaptations/<uuid:adaptation_id>/active/",
        AdaptationActiveApi.as_view(),
        name="adaptation_active",
    ),
]
