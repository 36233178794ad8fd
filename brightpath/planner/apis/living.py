"""Living with the schedule: today and week views, and changing items (issue 5)."""

from __future__ import annotations

import datetime as dt

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.pagination import PageNumberPagination, page_of
from brightpath.common.params import date_param, int_param, parse_int
from brightpath.families import selectors as family_selectors
from brightpath.families.selectors import family_get

from ..clock import family_today, week_start_of
from ..selectors import views
from ..selectors.lessons import item_with_lesson
from ..selectors.living import carry_overs_for_user, days_off_for_user
from ..serializers import (
    ActivityAddSerializer,
    CarryOverSerializer,
    ChildDaySerializer,
    ChildWeekSerializer,
    CompleteSerializer,
    DayOffCreateSerializer,
    DayOffResultSerializer,
    DayOffSerializer,
    FamilyDaySerializer,
    FamilyWeekSerializer,
    ItemSerializer,
    MoveSerializer,
    SkipSerializer,
    VersionedWriteSerializer,
)
from ..services import carry_over, items
from ..services.generation import schedule_ensure

CONFLICT = OpenApiResponse(
    description="The version is stale (error.current is the item now), or the change "
    "breaks a hard rule (error.conflicts lists what it collides with)."
)
IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, description="The item's version, instead of `version`"
)
WEEK = OpenApiParameter("week", dt.date, description="Any day of the week; default this week")
DATE = OpenApiParameter("date", dt.date, description="Default: today in the family's time zone")


def _version(request: Request, data: dict) -> int:
    """The version the client read: `version` in the body, or If-Match ("3" or W/"3")."""
    if data.get("version") is not None:
        return data["version"]
    header = request.headers.get("If-Match", "").removeprefix("W/").strip('"')
    if header:
        return parse_int(header, "If-Match")
    raise ValidationError({"version": ["Send the item's version you read, or an If-Match header."]})


def _item_response(item, status_code: int = status.HTTP_200_OK) -> Response:
    body = item_with_lesson(item)  # the lesson it did, or teaches next
    return Response(body, status=status_code, headers={"ETag": f'"{item.version}"'})


# --- views -----------------------------------------------------------------------------


class ChildTodayApi(APIView):
    @extend_schema(summary="A child's day", parameters=[DATE], responses=ChildDaySerializer)
    def get(self, request: Request, child_id) -> Response:
        child = family_selectors.child_get(user=request.user, child_id=child_id)
        today = family_today(child.family)
        day = date_param(request, "date", today)
        schedule_ensure(family=child.family, week_start=week_start_of(day), actor=request.user)
        days = views.child_days(children=[child], day=day, today=today)
        return Response(days[str(child.pk)])


class ChildWeekApi(APIView):
    @extend_schema(summary="A child's week", parameters=[WEEK], responses=ChildWeekSerializer)
    def get(self, request: Request, child_id) -> Response:
        child = family_selectors.child_get(user=request.user, child_id=child_id)
        current = week_start_of(family_today(child.family))
        week_start = week_start_of(date_param(request, "week", current))
        schedule_ensure(family=child.family, week_start=week_start, actor=request.user)
        weeks = views.child_weeks(children=[child], week_start=week_start, current_week=current)
        return Response(weeks[str(child.pk)])


class FamilyTodayApi(APIView):
    @extend_schema(
        summary="Every child's day side by side, with the parent's load",
        parameters=[DATE],
        responses=FamilyDaySerializer,
    )
    def get(self, request: Request) -> Response:
        family = family_get(user=request.user)
        today = family_today(family)
        day = date_param(request, "date", today)
        children = list(family_selectors.children_for_user(user=request.user))
        schedule_ensure(
            family=family, week_start=week_start_of(day), actor=request.user, children=children
        )
        return Response(
            views.family_day_view(family=family, children=children, day=day, today=today)
        )


class FamilyWeekApi(APIView):
    @extend_schema(
        summary="Every child's week side by side, with the parent's load",
        parameters=[WEEK],
        responses=FamilyWeekSerializer,
    )
    def get(self, request: Request) -> Response:
        family = family_get(user=request.user)
        current = week_start_of(family_today(family))
        week_start = week_start_of(date_param(request, "week", current))
        children = list(family_selectors.children_for_user(user=request.user))
        schedule_ensure(family=family, week_start=week_start, actor=request.user, children=children)
        return Response(
            views.family_week_view(
                family=family, children=children, week_start=week_start, current_week=current
            )
        )


# --- changing items ------------------------------------------------------------------


def _activity(data: dict) -> items.Activity:
    """An ad-hoc item as ScheduleActivitySerializer (or its subclass) parsed it."""
    return items.Activity(
        name=data["name"],
        day=data["date"],
        start=data["startTime"],
        end=data["endTime"],
        notes=data["notes"],
        involvement=data["parentInvolvement"],
    )


def _parsed(serializer_class, request: Request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class ItemCompleteApi(APIView):
    @extend_schema(
        summary="Mark done, with optional notes, actual times, engagement and involvement",
        parameters=[IF_MATCH],
        request=CompleteSerializer,
        responses={200: ItemSerializer, 409: CONFLICT},
    )
    def post(self, request: Request, item_id) -> Response:
        data = _parsed(CompleteSerializer, request)
        completion = items.Completion(
            notes=data["notes"],
            start=data.get("actualStartTime"),
            end=data.get("actualEndTime"),
            engagement=data.get("childEngagement"),
            involvement=data.get("parentInvolvement"),
        )
        item = items.item_complete(
            user=request.user,
            item_id=item_id,
            version=_version(request, data),
            completion=completion,
        )
        return _item_response(item)


class ItemUncompleteApi(APIView):
    @extend_schema(
        summary="Mark not done",
        parameters=[IF_MATCH],
        request=VersionedWriteSerializer,
        responses={200: ItemSerializer, 409: CONFLICT},
    )
    def post(self, request: Request, item_id) -> Response:
        data = _parsed(VersionedWriteSerializer, request)
        item = items.item_uncomplete(
            user=request.user, item_id=item_id, version=_version(request, data)
        )
        return _item_response(item)


class ItemSkipApi(APIView):
    @extend_schema(
        summary="Skip (it is not carried over)",
        parameters=[IF_MATCH],
        request=SkipSerializer,
        responses={200: ItemSerializer, 409: CONFLICT},
    )
    def post(self, request: Request, item_id) -> Response:
        data = _parsed(SkipSerializer, request)
        item = items.item_skip(
            user=request.user,
            item_id=item_id,
            version=_version(request, data),
            reason=data["reason"],
        )
        return _item_response(item)


class ItemUnskipApi(APIView):
    @extend_schema(
        summary="Undo a skip",
        parameters=[IF_MATCH],
        request=VersionedWriteSerializer,
        responses={200: ItemSerializer, 409: CONFLICT},
    )
    def post(self, request: Request, item_id) -> Response:
        data = _parsed(VersionedWriteSerializer, request)
        item = items.item_unskip(
            user=request.user, item_id=item_id, version=_version(request, data)
        )
        return _item_response(item)


class ItemMoveApi(APIView):
    @extend_schema(
        summary="Move or resize (drag and drop), checked against the hard rules",
        parameters=[IF_MATCH],
        request=MoveSerializer,
        responses={200: ItemSerializer, 409: CONFLICT},
    )
    def post(self, request: Request, item_id) -> Response:
        data = _parsed(MoveSerializer, request)
        item = items.item_move(
            user=request.user,
            item_id=item_id,
            version=_version(request, data),
            day=data["date"],
            start=data["startTime"],
            end=data.get("endTime"),
            force=data["force"],
            reason=data["reason"],
        )
        return _item_response(item)


class ActivityAddApi(APIView):
    @extend_schema(
        summary="Add an ad-hoc item (field trip, library day, project)",
        request=ActivityAddSerializer,
        responses={201: ItemSerializer, 409: CONFLICT},
    )
    def post(self, request: Request) -> Response:
        data = _parsed(ActivityAddSerializer, request)
        item = items.activity_add(
            user=request.user,
            child_id=data["childId"],
            activity=_activity(data),
            force=data["force"],
        )
        return _item_response(item, status.HTTP_201_CREATED)


class ItemDeleteApi(APIView):
    @extend_schema(
        summary="Delete an ad-hoc item",
        parameters=[
            IF_MATCH,
            OpenApiParameter("version", int, description="The item's version you read"),
        ],
        request=None,
        responses={204: None, 409: CONFLICT},
    )
    def delete(self, request: Request, item_id) -> Response:
        version = _version(request, {"version": int_param(request, "version")})
        items.activity_delete(user=request.user, item_id=item_id, version=version)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- carry-over, days off ---------------------------------------------------------


class CarryOverRunApi(APIView):
    @extend_schema(
        summary="Carry missed work forward now",
        request=None,
        responses={
            201: CarryOverSerializer,
            204: OpenApiResponse(description="Nothing was missed."),
        },
    )
    def post(self, request: Request) -> Response:
        record = carry_over.carry_over_run(
            family=family_get(user=request.user), trigger="manual", actor=request.user
        )
        if record is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(CarryOverSerializer(record).data, status=status.HTTP_201_CREATED)


class CarryOverListApi(APIView):
    @extend_schema(
        summary="Recent carry-overs and what moved",
        operation_id="family_carry_overs_list",
        responses=page_of(CarryOverSerializer),
    )
    def get(self, request: Request) -> Response:
        paginator = PageNumberPagination()
        rows = carry_overs_for_user(user=request.user)
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(CarryOverSerializer(page, many=True).data)


class CarryOverUndoApi(APIView):
    @extend_schema(
        summary="Put back what a carry-over moved",
        request=None,
        responses={200: CarryOverSerializer, 409: CONFLICT},
    )
    def post(self, request: Request, carry_over_id) -> Response:
        record = carry_over.carry_over_undo(user=request.user, carry_over_id=carry_over_id)
        return Response(CarryOverSerializer(record).data)


class DayOffListApi(APIView):
    @extend_schema(
        summary="Days off", operation_id="family_days_off_list", responses=page_of(DayOffSerializer)
    )
    def get(self, request: Request) -> Response:
        paginator = PageNumberPagination()
        rows = days_off_for_user(user=request.user)
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(DayOffSerializer(page, many=True).data)

    @extend_schema(
        summary="Add a day off; what was planned on it moves forward",
        request=DayOffCreateSerializer,
        responses={201: DayOffResultSerializer},
    )
    def post(self, request: Request) -> Response:
        data = _parsed(DayOffCreateSerializer, request)
        day_off, record = carry_over.day_off_add(
            user=request.user,
            day=data["date"],
            kind=data["kind"],
            label=data["label"],
            child_id=data["childId"],
        )
        body = {
            "dayOff": DayOffSerializer(day_off).data,
            "carryOver": CarryOverSerializer(record).data if record else None,
        }
        return Response(body, status=status.HTTP_201_CREATED)


class DayOffDetailApi(APIView):
    @extend_schema(summary="Remove a day off", responses={204: None})
    def delete(self, request: Request, day_off_id) -> Response:
        carry_over.day_off_remove(user=request.user, day_off_id=day_off_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("children/<uuid:child_id>/today/", ChildTodayApi.as_view(), name="child_today"),
    path("children/<uuid:child_id>/week/", ChildWeekApi.as_view(), name="child_week"),
    path("family/today/", FamilyTodayApi.as_view(), name="family_today"),
    path("family/week/", FamilyWeekApi.as_view(), name="family_week"),
    path("schedule-items/", ActivityAddApi.as_view(), name="item_add"),
    path("schedule-items/<uuid:item_id>/", ItemDeleteApi.as_view(), name="item_delete"),
    path(
        "schedule-items/<uuid:item_id>/complete/", ItemCompleteApi.as_view(), name="item_complete"
    ),
    path(
        "schedule-items/<uuid:item_id>/uncomplete/",
        ItemUncompleteApi.as_view(),
        name="item_uncomplete",
    ),
    path("schedule-items/<uuid:item_id>/skip/", ItemSkipApi.as_view(), name="item_skip"),
    path("schedule-items/<uuid:item_id>/unskip/", ItemUnskipApi.as_view(), name="item_unskip"),
    path("schedule-items/<uuid:item_id>/move/", ItemMoveApi.as_view(), name="item_move"),
    path("family/carry-over/", CarryOverRunApi.as_view(), name="carry_over_run"),
    path("family/carry-overs/", CarryOverListApi.as_view(), name="carry_overs"),
    path(
        "family/carry-overs/<uuid:carry_over_id>/undo/",
        CarryOverUndoApi.as_view(),
        name="carry_over_undo",
    ),
    path("family/days-off/", DayOffListApi.as_view(), name="days_off"),
    path("family/days-off/<uuid:day_off_id>/", DayOffDetailApi.as_view(), name="day_off"),
]
