"""A family's weeks as versions (seed 002's /api/schedules/): what changed when
a week was replanned. Schedules are read-only here (a week is planned with
POST /api/schedules/generate/ and never deleted); the per-schedule item
endpoints are the item actions of living.py, scoped to one version."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.pagination import PageNumberPagination, page_of
from brightpath.common.params import date_param, int_param
from brightpath.families.selectors import child_get

from .. import selectors
from ..clock import week_dates, week_start_of
from ..models import Schedule, ScheduleItem
from ..serializers import (
    ItemSerializer,
    MoveSerializer,
    ScheduleActivitySerializer,
    ScheduleSerializer,
    ScheduleVersionSerializer,
)
from ..services import items
from ..shapes import item_json
from .living import CONFLICT, IF_MATCH, _activity, _item_response, _parsed, _version


class ScheduleListApi(APIView):
    @extend_schema(
        summary="Every version of the family's weeks, newest week first",
        operation_id="schedules_list",
        parameters=[
            OpenApiParameter("childId", str, description="Only this child's weeks"),
            OpenApiParameter("week", str, description="Only the week of this day (YYYY-MM-DD)"),
        ],
        responses=page_of(ScheduleVersionSerializer),
    )
    def get(self, request: Request) -> Response:
        child_id = request.query_params.get("childId")
        if child_id:
            child_id = child_get(user=request.user, child_id=child_id).pk
        week = request.query_params.get("week")
        rows = selectors.schedules_for_user(
            user=request.user,
            child_id=child_id or None,
            week_start=week_start_of(date_param(request, "week", None)) if week else None,
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(ScheduleVersionSerializer(page, many=True).data)


class ScheduleDetailApi(APIView):
    @extend_schema(summary="One version of a week, with its snapshot", responses=ScheduleSerializer)
    def get(self, request: Request, schedule_id) -> Response:
        schedule = selectors.schedule_get(user=request.user, schedule_id=schedule_id)
        return Response(ScheduleSerializer(schedule).data)


def _item_of(schedule: Schedule, item_id) -> ScheduleItem:
    try:
        return schedule.items.get(pk=item_id)
    except (ScheduleItem.DoesNotExist, ValueError, ValidationError) as exc:
        raise NotFound("No such item in this schedule.") from exc


class ScheduleItemListApi(APIView):
    @extend_schema(
        summary="The items of one version of a week, by day and time",
        responses=ItemSerializer(many=True),
    )
    def get(self, request: Request, schedule_id) -> Response:
        schedule = selectors.schedule_get(user=request.user, schedule_id=schedule_id)
        rows = schedule.items.select_related("schedule").order_by("day_date", "start_time", "name")
        return Response([item_json(item) for item in rows])

    @extend_schema(
        summary="Add an ad-hoc item to this week (POST /api/schedule-items/ for its child)",
        request=ScheduleActivitySerializer,
        responses={201: ItemSerializer, 409: CONFLICT},
    )
    def post(self, request: Request, schedule_id) -> Response:
        schedule = selectors.schedule_get(user=request.user, schedule_id=schedule_id)
        data = _parsed(ScheduleActivitySerializer, request)
        if data["date"] not in week_dates(schedule.week_start_date):
            raise ValidationError({"date": ["Must be a day of this schedule's week."]})
        item = items.activity_add(
            user=request.user,
            child_id=schedule.child_id,
            activity=_activity(data),
            force=data["force"],
        )
        return _item_response(item, status.HTTP_201_CREATED)


class ScheduleItemDetailApi(APIView):
    @extend_schema(
        summary="Move or resize an item of this week (the item's move action)",
        parameters=[IF_MATCH],
        request=MoveSerializer,
        responses={200: ItemSerializer, 409: CONFLICT},
    )
    def put(self, request: Request, schedule_id, item_id) -> Response:
        schedule = selectors.schedule_get(user=request.user, schedule_id=schedule_id)
        item = _item_of(schedule, item_id)
        data = _parsed(MoveSerializer, request)
        moved = items.item_move(
            user=request.user,
            item_id=item.pk,
            version=_version(request, data),
            day=data["date"],
            start=data["startTime"],
            end=data.get("endTime"),
            force=data["force"],
            reason=data["reason"],
        )
        return _item_response(moved)

    @extend_schema(
        summary="Delete an ad-hoc item of this week",
        parameters=[
            IF_MATCH,
            OpenApiParameter("version", int, description="The item's version you read"),
        ],
        request=None,
        responses={204: None, 409: CONFLICT},
    )
    def delete(self, request: Request, schedule_id, item_id) -> Response:
        schedule = selectors.schedule_get(user=request.user, schedule_id=schedule_id)
        item = _item_of(schedule, item_id)
        version = _version(request, {"version": int_param(request, "version")})
        items.activity_delete(user=request.user, item_id=item.pk, version=version)
        return Response(status=status.HTTP_204_NO_CONTENT)
