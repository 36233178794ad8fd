import datetime as dt

from celery.result import AsyncResult
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.params import date_param
from brightpath.families import selectors as family_selectors

from .. import caches, selectors, services
from ..clock import family_today, week_start_of
from ..selectors import checks
from ..serializers import (
    GenerateRequestSerializer,
    GenerateResultSerializer,
    PlanCheckSerializer,
    ScheduleSerializer,
    TaskAcceptedSerializer,
    TaskStatusSerializer,
)
from ..services import queued


class GenerateScheduleApi(APIView):
    """Plan a week for the family (or one child). Small jobs answer 201 with the
    schedules; with a real broker, large ones answer 202 and run on a worker, or,
    when the broker cannot be reached, 201 planned at once with a `notice`."""

    @extend_schema(
        request=GenerateRequestSerializer,
        responses={201: GenerateResultSerializer, 202: TaskAcceptedSerializer},
    )
    def post(self, request: Request) -> Response:
        data = GenerateRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        family = family_selectors.family_get(user=request.user)
        child = None
        if child_id := data.validated_data.get("childId"):
            child = family_selectors.child_get(user=request.user, child_id=child_id)
        week_start = data.validated_data.get("weekStart") or week_start_of(family_today(family))
        requested = queued.schedule_request(
            family=family,
            week_start=week_start,
            actor=request.user,
            child=child,
            time_limit=data.validated_data.get("timeLimit"),
        )
        if requested.task_id is not None:
            body = {"taskId": requested.task_id, "statusUrl": f"/api/tasks/{requested.task_id}/"}
            return Response(body, status=status.HTTP_202_ACCEPTED)
        body = {"schedules": ScheduleSerializer(requested.schedules, many=True).data}
        if requested.notice:
            body["notice"] = requested.notice
        return Response(body, status=status.HTTP_201_CREATED)


class TaskStatusApi(APIView):
    """A background generation's state; only the family that started it sees it."""

    @extend_schema(responses=TaskStatusSerializer)
    def get(self, request: Request, task_id: str) -> Response:
        family = family_selectors.family_for_user(user=request.user)
        if family is None or caches.task_owner(task_id) != str(family.pk):
            raise NotFound()
        result = AsyncResult(task_id)
        payload = None
        if result.successful():
            payload = result.result
        elif result.failed():
            payload = {"error": "The week could not be generated; try again or contact us."}
        elif result.state == "STARTED":
            payload = result.info
        return Response({"taskId": task_id, "state": result.state, "result": payload})


class ChildScheduleApi(APIView):
    """The child's active schedule for a week in seed 000's shape; generated if missing."""

    @extend_schema(
        parameters=[
            OpenApiParameter("week", dt.date, description="Any day of the week; default today")
        ],
        responses=ScheduleSerializer,
    )
    def get(self, request: Request, child_id) -> Response:
        child = family_selectors.child_get(user=request.user, child_id=child_id)
        week_start = week_start_of(date_param(request, "week", family_today(child.family)))
        services.schedule_ensure(family=child.family, week_start=week_start, actor=request.user)
        schedule = selectors.active_schedule(child=child, week_start=week_start)
        if schedule is None:
            raise NotFound(f"The week of {week_start} is not planned.")
        return Response(ScheduleSerializer(schedule).data)


class PlanChecksApi(APIView):
    """Does each planned week still fit the family's plan as it is now?"""

    @extend_schema(
        summary="Each planned week from this week on, with what now clashes in it",
        description=(
            "After a change to the family, a child, a subject plan or a commitment, a week "
            "planned before may break a rule (a new dentist visit over Mathematics). Replan a "
            "week with POST /api/schedules/generate/: done and pinned sessions are kept."
        ),
        responses=PlanCheckSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        family = family_selectors.family_get(user=request.user)
        return Response(checks.plan_checks(family=family))
