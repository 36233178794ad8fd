import datetime as dt
import logging

from celery.result import AsyncResult
from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.params import date_param
from brightpath.families import selectors as family_selectors

from .. import caches, selectors, services, tasks
from ..clock import PLAN_AHEAD_WEEKS, family_today, week_start_of, weeks_ahead
from ..selectors import checks
from ..serializers import (
    GenerateRequestSerializer,
    GenerateResultSerializer,
    PlanCheckSerializer,
    ScheduleSerializer,
    TaskAcceptedSerializer,
    TaskStatusSerializer,
)

logger = logging.getLogger(__name__)

# Said in a 201's `notice` when a week meant for a worker was planned at once.
QUEUE_DOWN_NOTICE = (
    "The background queue is unavailable, so the week was planned now with a shorter "
    "search; replan it later for a possibly better fit."
)


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
        if week_start.weekday() != 0:
            raise ValidationError({"weekStart": ["Must be a Monday."]})
        if not 0 <= weeks_ahead(family, week_start) <= PLAN_AHEAD_WEEKS:
            this_week = week_start_of(family_today(family))
            raise ValidationError(
                {
                    "weekStart": [
                        f"Plan a week from this week ({this_week}) up to "
                        f"{PLAN_AHEAD_WEEKS} weeks ahead; past weeks keep what they had."
                    ]
                }
            )
        notice = ""
        if (
            not settings.CELERY_TASK_ALWAYS_EAGER
            and selectors.week_size(family=family) > settings.PLANNER_BACKGROUND_ABOVE
        ):
            args = (
                str(family.pk),
                week_start.isoformat(),
                str(child.pk) if child else None,
                str(request.user.pk),
                data.validated_data.get("timeLimit"),
            )
            try:
                task_id = _enqueue(args, family_id=str(family.pk))
            except Exception:
                # The broker or the result store is unreachable (kombu's OperationalError,
                # Celery's RuntimeError for the result store, a socket error): the parent
                # asked for a plan, and one planned now beats an error or a hang.
                logger.error("generation not queued; planned inline", exc_info=True)
                notice = QUEUE_DOWN_NOTICE
            else:
                body = {"taskId": task_id, "statusUrl": f"/api/tasks/{task_id}/"}
                return Response(body, status=status.HTTP_202_ACCEPTED)
        schedules, _ = services.schedule_generate(
            family=family,
            week_start=week_start,
            actor=request.user,
            child=child,
            time_limit=data.validated_data.get("timeLimit", services.ANSWER_NOW_TIME_LIMIT),
        )
        body = {"schedules": ScheduleSerializer(schedules, many=True).data}
        if notice:
            body["notice"] = notice
        return Response(body, status=status.HTTP_201_CREATED)


def _enqueue(args: tuple, *, family_id: str) -> str:
    result = tasks.schedule_generate.apply_async(args=args)
    caches.task_owner_set(result.id, family_id)
    return result.id


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
