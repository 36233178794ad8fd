"""Safety records (environment, equipment, risk, general checks) and incidents."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from brightpath.coach.pe import selectors
from brightpath.coach.pe import vocabulary as v
from brightpath.coach.pe.serializers.safety import (
    PeEnvironmentalCheckSerializer,
    PeEnvironmentalCheckWriteSerializer,
    PeEquipmentCheckSerializer,
    PeEquipmentCheckWriteSerializer,
    PeFollowUpSerializer,
    PeIncidentSerializer,
    PeIncidentWriteSerializer,
    PeRiskAssessmentSerializer,
    PeRiskAssessmentWriteSerializer,
    PeSafetyCheckSerializer,
    PeSafetyCheckStatusSerializer,
    PeSafetyCheckWriteSerializer,
)
from brightpath.coach.pe.services import safety as services
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


def _class(request: Request, data: dict, *, required: bool = False):
    if required:
        return referenced(
            "classId", "class", selectors.class_of, user=request.user, class_id=data.pop("classId")
        )
    return optional_ref(
        "classId",
        "class",
        selectors.class_of,
        user=request.user,
        class_id=data.pop("classId", None),
    )


def _activity(request: Request, data: dict):
    return referenced(
        "activityId",
        "activity",
        selectors.activity_visible,
        user=request.user,
        activity_id=data.pop("activityId"),
    )


class EnvironmentalChecksApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_environmental_checks_list",
        summary="Environmental checks of the teacher's classes, latest first",
        parameters=[OpenApiParameter("class", OpenApiTypes.UUID)],
        responses=page_of(PeEnvironmentalCheckSerializer),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.environmental_checks_of(
            user=request.user, class_id=uuid_param(request, "class")
        )
        return page(self, request, rows, PeEnvironmentalCheckSerializer)

    @extend_schema(
        summary="Record the conditions where a class is about to be active",
        description="The verdict is decided here: above 32 C (or above 27 C with humidity over "
        "80 %), below 0 C, an air quality index over 150, under 200 lux, a wet, icy, uneven "
        "or damaged surface, obstructions, or unsafe equipment fail the check. The latest "
        "check of the day is the one the safety gate reads.",
        request=PeEnvironmentalCheckWriteSerializer,
        responses={201: PeEnvironmentalCheckSerializer},
    )
    def post(self, request: Request) -> Response:
        data = parsed(PeEnvironmentalCheckWriteSerializer, request)
        pe_class = _class(request, data, required=True)
        check = services.environmental_check_record(
            pe_class=pe_class, inspector=request.user, **data
        )
        return Response(PeEnvironmentalCheckSerializer(check).data, status=status.HTTP_201_CREATED)


class EnvironmentalCheckApi(PeApi):
    @extend_schema(
        summary="One environmental check",
        responses={200: PeEnvironmentalCheckSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, environmental_check_id) -> Response:
        check = selectors.environmental_check_of(user=request.user, check_id=environmental_check_id)
        return Response(PeEnvironmentalCheckSerializer(check).data)


class EquipmentChecksApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_equipment_checks_list",
        summary="The teacher's equipment checks, latest first",
        parameters=[OpenApiParameter("equipment", OpenApiTypes.STR)],
        responses=page_of(PeEquipmentCheckSerializer),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.equipment_checks_of(
            user=request.user, equipment_type=request.query_params.get("equipment", "")[:60]
        )
        return page(self, request, rows, PeEquipmentCheckSerializer)

    @extend_schema(
        summary="Record the state of a kind of equipment",
        description="Safe to use: condition new, good or fair, a safety rating of at least "
        "0.6, maintenance not overdue and not due for replacement. A check covers a week.",
        request=PeEquipmentCheckWriteSerializer,
        responses={201: PeEquipmentCheckSerializer},
    )
    def post(self, request: Request) -> Response:
        data = parsed(PeEquipmentCheckWriteSerializer, request)
        pe_class = _class(request, data)
        check = services.equipment_check_record(inspector=request.user, pe_class=pe_class, **data)
        return Response(PeEquipmentCheckSerializer(check).data, status=status.HTTP_201_CREATED)


class EquipmentCheckApi(PeApi):
    @extend_schema(
        summary="One equipment check", responses={200: PeEquipmentCheckSerializer, 404: NOT_FOUND}
    )
    def get(self, request: Request, equipment_check_id) -> Response:
        check = selectors.equipment_check_of(user=request.user, check_id=equipment_check_id)
        return Response(PeEquipmentCheckSerializer(check).data)


class RiskAssessmentsApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_risk_assessments_list",
        summary="The teacher's risk assessments, latest first",
        parameters=[OpenApiParameter("activity", OpenApiTypes.UUID)],
        responses=page_of(PeRiskAssessmentSerializer),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.risk_assessments_of(
            user=request.user, activity_id=uuid_param(request, "activity")
        )
        return page(self, request, rows, PeRiskAssessmentSerializer)

    @extend_schema(
        summary="Assess an activity's risk",
        description="Without a level, probability x impact decides it. Low and medium risks "
        "allow the activity; a high one needs mitigation measures; a critical one never. It "
        "holds until its review date (90 days by default).",
        request=PeRiskAssessmentWriteSerializer,
        responses={201: PeRiskAssessmentSerializer},
    )
    def post(self, request: Request) -> Response:
        data = parsed(PeRiskAssessmentWriteSerializer, request)
        activity = _activity(request, data)
        pe_class = _class(request, data)
        risk = services.risk_assessment_record(
            assessor=request.user, activity=activity, pe_class=pe_class, **data
        )
        return Response(PeRiskAssessmentSerializer(risk).data, status=status.HTTP_201_CREATED)


class RiskAssessmentApi(PeApi):
    @extend_schema(
        summary="One risk assessment", responses={200: PeRiskAssessmentSerializer, 404: NOT_FOUND}
    )
    def get(self, request: Request, risk_id) -> Response:
        risk = selectors.risk_assessment_of(user=request.user, risk_id=risk_id)
        return Response(PeRiskAssessmentSerializer(risk).data)


class SafetyChecksApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_safety_checks_list",
        summary="The teacher's general safety checks, latest first",
        parameters=[
            OpenApiParameter("class", OpenApiTypes.UUID),
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(v.SAFETY_CHECK_STATUSES)),
        ],
        responses=page_of(PeSafetyCheckSerializer),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.safety_checks_of(
            user=request.user,
            class_id=uuid_param(request, "class"),
            status=choice_param(request, "status", v.SAFETY_CHECK_STATUSES),
        )
        return page(self, request, rows, PeSafetyCheckSerializer)

    @extend_schema(
        summary="Start or record a general safety check (first aid, supervision, ...)",
        description="A failed check (notes required) blocks the class's activities, or all "
        "the teacher's classes' without a class, until it is resolved.",
        request=PeSafetyCheckWriteSerializer,
        responses={201: PeSafetyCheckSerializer},
    )
    def post(self, request: Request) -> Response:
        data = parsed(PeSafetyCheckWriteSerializer, request)
        pe_class = _class(request, data)
        check = services.safety_check_create(inspector=request.user, pe_class=pe_class, **data)
        return Response(PeSafetyCheckSerializer(check).data, status=status.HTTP_201_CREATED)


class SafetyCheckApi(PeApi):
    @extend_schema(
        summary="One safety check", responses={200: PeSafetyCheckSerializer, 404: NOT_FOUND}
    )
    def get(self, request: Request, safety_check_id) -> Response:
        check = selectors.safety_check_of(user=request.user, check_id=safety_check_id)
        return Response(PeSafetyCheckSerializer(check).data)


class SafetyCheckStatusApi(PeApi):
    @extend_schema(
        summary="Finish a check (pending -> passed/failed) or resolve a failed one",
        request=PeSafetyCheckStatusSerializer,
        responses={200: PeSafetyCheckSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, safety_check_id) -> Response:
        check = selectors.safety_check_of(user=request.user, check_id=safety_check_id)
        data = parsed(PeSafetyCheckStatusSerializer, request)
        check = services.safety_check_transition(check=check, **data)
        return Response(PeSafetyCheckSerializer(check).data)


class IncidentsApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_incidents_list",
        summary="Incidents involving the teacher's students, latest first",
        parameters=[
            OpenApiParameter("student", OpenApiTypes.UUID),
            OpenApiParameter("class", OpenApiTypes.UUID),
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(v.INCIDENT_STATUSES)),
        ],
        responses=page_of(PeIncidentSerializer),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.incidents_of(
            user=request.user,
            student_id=uuid_param(request, "student"),
            class_id=uuid_param(request, "class"),
            status=choice_param(request, "status", v.INCIDENT_STATUSES),
        )
        return page(self, request, rows, PeIncidentSerializer)

    @extend_schema(
        summary="Report an incident",
        description="Every field but the metadata is required; a serious or critical "
        "incident needs a follow-up date.",
        request=PeIncidentWriteSerializer,
        responses={201: PeIncidentSerializer},
    )
    def post(self, request: Request) -> Response:
        data = parsed(PeIncidentWriteSerializer, request)
        student = referenced(
            "studentId",
            "student",
            selectors.student_of,
            user=request.user,
            student_id=data.pop("studentId"),
        )
        activity = _activity(request, data)
        pe_class = _class(request, data)
        routine = optional_ref(
            "routineId",
            "routine",
            selectors.routine_of,
            user=request.user,
            routine_id=data.pop("routineId", None),
        )
        incident = services.incident_report(
            reporter=request.user,
            student=student,
            activity=activity,
            pe_class=pe_class,
            routine=routine,
            **data,
        )
        return Response(PeIncidentSerializer(incident).data, status=status.HTTP_201_CREATED)


class IncidentApi(PeApi):
    @extend_schema(
        summary="One incident with its follow-ups",
        responses={200: PeIncidentSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, incident_id) -> Response:
        incident = selectors.incident_of(user=request.user, incident_id=incident_id)
        return Response(PeIncidentSerializer(incident).data)


class IncidentFollowUpsApi(PeApi):
    @extend_schema(
        summary="Follow an incident up: a note, and optionally its next status",
        description="reported -> investigating / resolved; investigating -> resolved; "
        "resolved -> closed, or back to investigating.",
        request=PeFollowUpSerializer,
        responses={200: PeIncidentSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, incident_id) -> Response:
        incident = selectors.incident_of(user=request.user, incident_id=incident_id)
        data = parsed(PeFollowUpSerializer, request)
        incident = services.incident_follow_up(incident=incident, **data)
        incident = selectors.incident_of(user=request.user, incident_id=incident_id)
        return Response(PeIncidentSerializer(incident).data)


urlpatterns = [
    path("safety/environment/", EnvironmentalChecksApi.as_view(), name="environmental_checks"),
    path(
        "safety/environment/<uuid:environmental_check_id>/",
        EnvironmentalCheckApi.as_view(),
        name="environmental_check",
    ),
    path("safety/equipment/", EquipmentChecksApi.as_view(), name="equipment_checks"),
    path(
        "safety/equipment/<uuid:equipment_check_id>/",
        EquipmentCheckApi.as_view(),
        name="equipment_check",
    ),
    path("safety/risks/", RiskAssessmentsApi.as_view(), name="risk_assessments"),
    path("safety/risks/<uuid:risk_id>/", RiskAssessmentApi.as_view(), name="risk_assessment"),
    path("safety/checks/", SafetyChecksApi.as_view(), name="safety_checks"),
    path("safety/checks/<uuid:safety_check_id>/", SafetyCheckApi.as_view(), name="safety_check"),
    path(
        "safety/checks/<uuid:safety_check_id>/status/",
        SafetyCheckStatusApi.as_view(),
        name="safety_check_status",
    ),
    path("incidents/", IncidentsApi.as_view(), name="incidents"),
    path("incidents/<uuid:incident_id>/", IncidentApi.as_view(), name="incident"),
    path(
        "incidents/<uuid:incident_id>/follow-ups/",
        IncidentFollowUpsApi.as_view(),
        name="incident_follow_ups",
    ),
]
