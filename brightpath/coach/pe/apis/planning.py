"""Unit plans with a week-by-week sequence, and routines run with a class: the safety
gate before one starts, and performances recorded per student."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from brightpath.coach.pe import selectors
from brightpath.coach.pe import vocabulary as v
from brightpath.coach.pe.serializers.common import PeStatusSerializer
from brightpath.coach.pe.serializers.planning import (
    PePerformanceSerializer,
    PePerformancesWriteSerializer,
    PePlanActivitySerializer,
    PePlanActivityWriteSerializer,
    PePlanSequenceSerializer,
    PePlanSerializer,
    PePlanUpdateSerializer,
    PePlanWriteSerializer,
    PeRoutineSerializer,
    PeRoutineUpdateSerializer,
    PeRoutineWriteSerializer,
    PeSafetyReportSerializer,
)
from brightpath.coach.pe.services import plans as plan_services
from brightpath.coach.pe.services import routines as routine_services
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

SAFETY_REFUSED = OpenApiResponse(
    description='"safety_check_failed" or "safety_check_missing": the error\'s `blocking` '
    "lists the safety report's items in the way; or another refused change."
)


def _plan(user, plan_id):
    return selectors.plan_of(user=user, plan_id=plan_id)


# --- plans ---------------------------------------------------------------------------------


class PlansApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_plans_list",
        summary="The teacher's plans",
        parameters=[
            OpenApiParameter("class", OpenApiTypes.UUID),
            OpenApiParameter("student", OpenApiTypes.UUID),
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(v.PLAN_STATUSES)),
        ],
        responses=page_of(PePlanSerializer),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.plans_of(
            user=request.user,
            class_id=uuid_param(request, "class"),
            student_id=uuid_param(request, "student"),
            status=choice_param(request, "status", v.PLAN_STATUSES),
        )
        return page(self, request, rows, PePlanSerializer)

    @extend_schema(
        summary="Plan a unit for a class (or a student): a draft with its week-by-week sequence",
        description="Week 1 starts on the start date. Objectives are required; the "
        "assessment criteria are a rubric whose weights sum to 1 (the default rubric when "
        "left out). Nothing is saved if one entry is bad.",
        request=PePlanWriteSerializer,
        responses={201: PePlanSerializer},
    )
    def post(self, request: Request) -> Response:
        data = parsed(PePlanWriteSerializer, request)
        pe_class = optional_ref(
            "classId",
            "class",
            selectors.class_of,
            user=request.user,
            class_id=data.pop("classId", None),
        )
        student = optional_ref(
            "studentId",
            "student",
            selectors.student_of,
            user=request.user,
            student_id=data.pop("studentId", None),
        )
        plan = plan_services.plan_create(
            teacher=request.user, pe_class=pe_class, student=student, **data
        )
        return Response(
            PePlanSerializer(_plan(request.user, plan.pk)).data, status=status.HTTP_201_CREATED
        )


class PlanApi(PeApi):
    @extend_schema(
        summary="One plan, week by week", responses={200: PePlanSerializer, 404: NOT_FOUND}
    )
    def get(self, request: Request, plan_id) -> Response:
        return Response(PePlanSerializer(_plan(request.user, plan_id)).data)

    @extend_schema(
        summary="Change a draft or active plan (the fields given)",
        request=PePlanUpdateSerializer,
        responses={200: PePlanSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def patch(self, request: Request, plan_id) -> Response:
        plan = _plan(request.user, plan_id)
        data = parsed(PePlanUpdateSerializer, request)
        plan_services.plan_update(plan=plan, **data)
        return Response(PePlanSerializer(_plan(request.user, plan_id)).data)

    @extend_schema(
        summary="Delete a draft plan (cancel an active one instead)",
        responses={204: None, 404: NOT_FOUND, 409: CONFLICT},
    )
    def delete(self, request: Request, plan_id) -> Response:
        plan_services.plan_delete(plan=_plan(request.user, plan_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanStatusApi(PeApi):
    @extend_schema(
        summary="Move a plan on: draft -> active -> completed; draft/active -> cancelled",
        request=PeStatusSerializer,
        responses={200: PePlanSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, plan_id) -> Response:
        plan = _plan(request.user, plan_id)
        data = parsed(PeStatusSerializer, request)
        plan_services.plan_transition(plan=plan, status=data["status"])
        return Response(PePlanSerializer(_plan(request.user, plan_id)).data)


class PlanSequenceApi(PeApi):
    @extend_schema(
        summary="Replace a draft plan's week-by-week sequence",
        request=PePlanSequenceSerializer,
        responses={200: PePlanSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def put(self, request: Request, plan_id) -> Response:
        plan = _plan(request.user, plan_id)
        data = parsed(PePlanSequenceSerializer, request)
        plan_services.plan_sequence_set(plan=plan, weeks=data["weeks"])
        return Response(PePlanSerializer(_plan(request.user, plan_id)).data)


class PlanActivitiesApi(PeApi):
    @extend_schema(
        summary="Add an activity at the end of a week",
        request=PePlanActivityWriteSerializer,
        responses={201: PePlanActivitySerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, plan_id) -> Response:
        plan = _plan(request.user, plan_id)
        data = parsed(PePlanActivityWriteSerializer, request)
        row = plan_services.plan_activity_add(plan=plan, **data)
        return Response(PePlanActivitySerializer(row).data, status=status.HTTP_201_CREATED)


class PlanActivityApi(PeApi):
    @extend_schema(
        summary="Take a still-scheduled activity out of the plan",
        responses={204: None, 404: NOT_FOUND, 409: CONFLICT},
    )
    def delete(self, request: Request, plan_id, plan_activity_id) -> Response:
        row = selectors.plan_activity_of(
            user=request.user, plan_id=plan_id, plan_activity_id=plan_activity_id
        )
        plan_services.plan_activity_remove(plan_activity=row)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanActivityStatusApi(PeApi):
    @extend_schema(
        summary="Mark a planned activity: scheduled -> completed / cancelled / skipped",
        request=PeStatusSerializer,
        responses={200: PePlanActivitySerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, plan_id, plan_activity_id) -> Response:
        row = selectors.plan_activity_of(
            user=request.user, plan_id=plan_id, plan_activity_id=plan_activity_id
        )
        data = parsed(PeStatusSerializer, request)
        row = plan_services.plan_activity_transition(plan_activity=row, status=data["status"])
        return Response(PePlanActivitySerializer(row).data)


# --- routines ---------------------------------------------------------------------------------


def _routine(user, routine_id):
    return selectors.routine_of(user=user, routine_id=routine_id)


class RoutinesApi(PeApi):
    @extend_schema(
        operation_id="coach_pe_routines_list",
        summary="Routines of the teacher's classes",
        parameters=[
            OpenApiParameter("class", OpenApiTypes.UUID),
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(v.ROUTINE_STATUSES)),
        ],
        responses=page_of(PeRoutineSerializer),
    )
    def get(self, request: Request) -> Response:
        rows = selectors.routines_of(
            user=request.user,
            class_id=uuid_param(request, "class"),
            status=choice_param(request, "status", v.ROUTINE_STATUSES),
        )
        return page(self, request, rows, PeRoutineSerializer)

    @extend_schema(
        summary="Make a routine for a class (a draft with its steps)",
        description="Steps are in order: warm-ups, then the main part, then cool-downs; a "
        "timed step without a duration takes its activity's.",
        request=PeRoutineWriteSerializer,
        responses={201: PeRoutineSerializer, 409: CONFLICT},
    )
    def post(self, request: Request) -> Response:
        data = parsed(PeRoutineWriteSerializer, request)
        pe_class = referenced(
            "classId", "class", selectors.class_of, user=request.user, class_id=data.pop("classId")
        )
        plan = optional_ref(
            "planId", "plan", selectors.plan_of, user=request.user, plan_id=data.pop("planId", None)
        )
        routine = routine_services.routine_create(pe_class=pe_class, plan=plan, **data)
        return Response(
            PeRoutineSerializer(_routine(request.user, routine.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class RoutineApi(PeApi):
    @extend_schema(summary="One routine", responses={200: PeRoutineSerializer, 404: NOT_FOUND})
    def get(self, request: Request, routine_id) -> Response:
        return Response(PeRoutineSerializer(_routine(request.user, routine_id)).data)

    @extend_schema(
        summary="Change a routine before it starts (`steps` replaces them all)",
        request=PeRoutineUpdateSerializer,
        responses={200: PeRoutineSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def patch(self, request: Request, routine_id) -> Response:
        routine = _routine(request.user, routine_id)
        data = parsed(PeRoutineUpdateSerializer, request)
        routine_services.routine_update(routine=routine, **data)
        return Response(PeRoutineSerializer(_routine(request.user, routine_id)).data)

    @extend_schema(
        summary="Delete a routine that never started",
        responses={204: None, 404: NOT_FOUND, 409: CONFLICT},
    )
    def delete(self, request: Request, routine_id) -> Response:
        routine_services.routine_delete(routine=_routine(request.user, routine_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class RoutineStatusApi(PeApi):
    @extend_schema(
        summary="Move a routine on: draft -> scheduled -> in_progress -> completed/cancelled",
        description="Starting (in_progress) runs the safety gate: the class's environmental "
        "check today, a check of each piece of equipment in the last week and a current "
        "risk assessment of each activity must have passed, and no general safety check of "
        'the class may be failed or unfinished; otherwise 409 "safety_check_failed" or '
        '"safety_check_missing" with the items in the way, and the routine does not start.',
        request=PeStatusSerializer,
        responses={200: PeRoutineSerializer, 404: NOT_FOUND, 409: SAFETY_REFUSED},
    )
    def post(self, request: Request, routine_id) -> Response:
        routine = _routine(request.user, routine_id)
        data = parsed(PeStatusSerializer, request)
        routine_services.routine_transition(routine=routine, status=data["status"])
        return Response(PeRoutineSerializer(_routine(request.user, routine_id)).data)


class RoutineSafetyApi(PeApi):
    @extend_schema(
        summary="The safety report for starting this routine today",
        responses={200: PeSafetyReportSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, routine_id) -> Response:
        routine = _routine(request.user, routine_id)
        return Response(PeSafetyReportSerializer(routine_services.safety_report_for(routine)).data)


class RoutinePerformancesApi(PeApi):
    @extend_schema(
        summary="How each student did in the routine",
        responses={200: PePerformanceSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, routine_id) -> Response:
        routine = _routine(request.user, routine_id)
        rows = selectors.performances_in(routine=routine)
        return Response(PePerformanceSerializer(rows, many=True).data)

    @extend_schema(
        summary="Record students' performances (once the routine has started)",
        description="Each entry is one student's whole record (a second corrects the first); "
        "all are saved together or none.",
        request=PePerformancesWriteSerializer,
        responses={200: PePerformanceSerializer(many=True), 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request: Request, routine_id) -> Response:
        routine = _routine(request.user, routine_id)
        data = parsed(PePerformancesWriteSerializer, request)
        students = {str(s.pk): s for s in selectors.students_of(user=request.user)}
        routine_services.performances_record(
            routine=routine, students=students, entries=data["performances"]
        )
        rows = selectors.performances_in(routine=routine)
        return Response(PePerformanceSerializer(rows, many=True).data)


urlpatterns = [
    path("plans/", PlansApi.as_view(), name="plans"),
    path("plans/<uuid:plan_id>/", PlanApi.as_view(), name="plan"),
    path("plans/<uuid:plan_id>/status/", PlanStatusApi.as_view(), name="plan_status"),
    path("plans/<uuid:plan_id>/sequence/", PlanSequenceApi.as_view(), name="plan_sequence"),
    path("plans/<uuid:plan_id>/activities/", PlanActivitiesApi.as_view(), name="plan_activities"),
    path(
        "plans/<uuid:plan_id>/activities/<uuid:plan_activity_id>/",
        PlanActivityApi.as_view(),
        name="plan_activity",
    ),
    path(
        "plans/<uuid:plan_id>/activities/<uuid:plan_activity_id>/status/",
        PlanActivityStatusApi.as_view(),
        name="plan_activity_status",
    ),
    path("routines/", RoutinesApi.as_view(), name="routines"),
    path("routines/<uuid:routine_id>/", RoutineApi.as_view(), name="routine"),
    path("routines/<uuid:routine_id>/status/", RoutineStatusApi.as_view(), name="routine_status"),
    path("routines/<uuid:routine_id>/safety/", RoutineSafetyApi.as_view(), name="routine_safety"),
    path(
        "routines/<uuid:routine_id>/performances/",
        RoutinePerformancesApi.as_view(),
        name="routine_performances",
    ),
]
