import datetime as dt

from celery.result import AsyncResult
from django.conf import settings
from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.families import selectors as family_selectors

from . import selectors, services, tasks
from .serializers import (
    GenerateRequestSerializer,
    GenerateResultSerializer,
    ScheduleSerializer,
    TaskAcceptedSerializer,
    TaskStatusSerializer,
)


class GenerateScheduleApi(APIView):
    """Plan a week for the family (or one child). Small jobs answer 201 with the
    schedules; with a real broker, large ones answer 202 and run on a worker."""

    @extend_schema(
        request=GenerateRequestSerializer,
        responses={201: GenerateResultSerializer, 202: TaskAcceptedSerializer},
    )
    def post(self, request: Request) -> Response:
        data = GenerateRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        family = family_selectors.family_for_user(user=request.user)
        if family is None:
            raise NotFound("No family yet: answer the questionnaire first.")
        child = None
        if child_id := data.validated_data.get("childId"):
            child = family_selectors.child_get(user=request.user, child_id=child_id)
        week_start = data.validated_data.get("weekStart") or services.week_start_of(dt.date.today())
        if week_start.weekday() != 0:
            raise ValidationError({"weekStart": ["Must be a Monday."]})
        if (
            not settings.CELERY_TASK_ALWAYS_EAGER
            and _size(family) > settings.PLANNER_BACKGROUND_ABOVE
        ):
            args = (
                str(family.pk),
                week_start.isoformat(),
                str(child.pk) if child else None,
                str(request.user.pk),
            )
            task_id = _enqueue(args)
            body = {"taskId": task_id, "statusUrl": f"/api/tasks/{task_id}/"}
            return Response(body, status=status.HTTP_202_ACCEPTED)
        schedules, _ = services.schedule_generate(
            family=family,
            week_start=week_start,
            actor=request.user,
            child=child,
            time_limit=data.validated_data["timeLimit"],
        )
        body = {"schedules": ScheduleSerializer(schedules, many=True).data}
        return Response(body, status=status.HTTP_201_CREATED)


def _size(family) -> int:
    return sum(child.subjects.live().count() for child in family.children.live()) * 5


def _enqueue(args: tuple) -> str:
    result = tasks.schedule_generate.apply_async(args=args)
    return result.id


class TaskStatusApi(APIView):
    @extend_schema(responses=TaskStatusSerializer)
    def get(self, request: Request, task_id: str) -> Response:
        result = AsyncResult(task_id)
        payload = result.result if result.successful() else None
        if result.failed():
            payload = {"error": str(result.result)}
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
        week = request.query_params.get("week")
        try:
            day = dt.date.fromisoformat(week) if week else dt.date.today()
        except ValueError:
            raise ValidationError({"week": ["Use a date such as 2026-01-05."]}) from None
        week_start = services.week_start_of(day)
        schedule = selectors.active_schedule(child=child, week_start=week_start)
        if schedule is None:
            with transaction.atomic():
                schedules, _ = services.schedule_generate(
                    family=child.family, week_start=week_start, actor=request.user
                )
            schedule = next(s for s in schedules if s.child_id == child.pk)
        return Response(ScheduleSerializer(schedule).data)
