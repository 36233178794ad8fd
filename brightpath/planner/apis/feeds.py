"""Outside the app (issue 5): calendar feeds a parent subscribes to from Google
or Apple Calendar, and the daily agenda email's setting.

The feed itself (`calendar_feed_ics`) is public, at /calendar/<token>.ics outside
/api/: calendar apps fetch it with no credentials, so the secret token is the key.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.pagination import PageNumberPagination, page_of

from ..clock import family_today
from ..selectors import feeds as selectors
from ..serializers import (
    AgendaEmailSerializer,
    CalendarFeedCreateSerializer,
    CalendarFeedSerializer,
)
from ..services import agenda
from ..services.agenda import DEFAULT_SEND_AT, agenda_email_set, agenda_email_settings
from ..services.feeds import calendar_feed_create, calendar_feed_revoke

# --- views -------------------------------------------------------------------------------


class CalendarFeedListApi(APIView):
    @extend_schema(
        summary="The family's calendar feeds that still answer, with their secret URLs",
        operation_id="calendar_feeds_list",
        responses=page_of(CalendarFeedSerializer),
    )
    def get(self, request: Request) -> Response:
        feeds = selectors.calendar_feeds_for_user(user=request.user)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(feeds, request, view=self)
        return paginator.get_paginated_response(
            CalendarFeedSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        summary="Make a calendar feed for one child, or (no childId) for the whole family",
        request=CalendarFeedCreateSerializer,
        responses={
            201: CalendarFeedSerializer,
            404: OpenApiResponse(description="No such child in the family."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = CalendarFeedCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        feed = calendar_feed_create(
            user=request.user, child_id=serializer.validated_data.get("childId")
        )
        return Response(
            CalendarFeedSerializer(feed, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class CalendarFeedApi(APIView):
    @extend_schema(
        summary="Revoke a calendar feed: its URL answers 404 from then on",
        responses={204: None, 404: OpenApiResponse(description="No such feed.")},
    )
    def delete(self, request: Request, feed_id) -> Response:
        calendar_feed_revoke(user=request.user, feed_id=feed_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AgendaEmailApi(APIView):
    @extend_schema(
        summary="The daily agenda email: on or off, and when "
        f"(on at {DEFAULT_SEND_AT:%H:%M} until the parent changes it)",
        responses=AgendaEmailSerializer,
    )
    def get(self, request: Request) -> Response:
        return Response(AgendaEmailSerializer(agenda_email_settings(user=request.user)).data)

    @extend_schema(
        summary="Turn the daily agenda email on or off and choose its local time",
        request=AgendaEmailSerializer,
        responses=AgendaEmailSerializer,
    )
    def put(self, request: Request) -> Response:
        serializer = AgendaEmailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = agenda_email_set(
            user=request.user,
            enabled=serializer.validated_data["enabled"],
            send_at=serializer.validated_data["send_at"],
        )
        return Response(AgendaEmailSerializer(row).data)


@require_safe
def calendar_feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The public feed: no login, the token is the key; revoked or unknown is a 404."""
    feed = selectors.calendar_feed_by_token(token=token)
    body = selectors.feed_calendar(feed=feed, today=family_today(feed.family), now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="brightpath.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@csrf_exempt  # one-click (RFC 8058): mail clients POST without a session; the token is the key
@require_http_methods(["GET", "POST"])
def agenda_email_stop_page(request: HttpRequest, token: str) -> HttpResponse:
    """The stop link in every agenda email: GET asks, POST turns the email off."""
    if request.method == "GET":
        selectors.family_for_stop_token(token=token)  # a bad link is a 404
        return render(request, "planner/agenda_stop.html", {"stopped": False})
    agenda.agenda_email_stop(token=token)
    return render(request, "planner/agenda_stop.html", {"stopped": True})


urlpatterns = [
    path("calendar-feeds/", CalendarFeedListApi.as_view(), name="calendar_feeds"),
    path("calendar-feeds/<uuid:feed_id>/", CalendarFeedApi.as_view(), name="calendar_feed_revoke"),
    path("family/agenda-email/", AgendaEmailApi.as_view(), name="agenda_email"),
]
