"""Live updates for the family's open pages (seed 001's pub/sub, planner/events.py):
a server-sent event stream, and the polling it falls back to without Redis.

A stream holds a worker thread for its whole life (up to
LIVE_UPDATES_STREAM_SECONDS): serve it from a threaded server (runserver is;
gunicorn needs `--worker-class gthread --threads N`, as the Dockerfile runs it),
never from sync workers, which it would block and which kill a request after
their timeout.
"""

from __future__ import annotations

import logging
import random
import re
import time

import redis
from django.conf import settings
from django.db import connection
from django.http import StreamingHttpResponse
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.params import date_param
from brightpath.families.selectors import family_get

from .. import events
from ..clock import family_today, week_start_of
from ..selectors.changes import week_cursor
from ..serializers.events import FamilyChangesSerializer, PollModeSerializer

logger = logging.getLogger(__name__)

# A comment line this often: proxies keep the connection open, and writing is how
# the server notices a closed tab (a write after it fails: within two beats) and
# frees the thread, instead of holding it for the stream's whole lifetime.
HEARTBEAT_SECONDS = 15.0
RETRY_MS = 5000  # how long the browser waits before reconnecting (the `retry:` field)
_CURSOR = re.compile(r"[0-9a-f]{1,64}")


class EventStream:
    """The body of one stream: `retry:`, then every event published on the family's
    channel as it comes, and a heartbeat comment, until its lifetime is over; the
    browser then reconnects. `close` (called by the server when the response ends,
    finished or not) gives the Redis connection back."""

    def __init__(self, pubsub, *, lifetime: float):
        self.pubsub = pubsub
        self.lifetime = lifetime

    def __iter__(self):
        return self._frames()

    def close(self) -> None:
        self.pubsub.close()

    def _frames(self):
        # Minutes of reading Redis need no database connection; give it back now
        # (not inside a test's transaction, which owns it).
        if not connection.in_atomic_block:
            connection.close()
        yield f"retry: {RETRY_MS}\n: connected\n\n"
        deadline = time.monotonic() + self.lifetime
        beat = time.monotonic() + HEARTBEAT_SECONDS
        while (now := time.monotonic()) < deadline:
            try:
                message = self.pubsub.get_message(timeout=max(min(beat, deadline) - now, 0))
            except redis.RedisError:  # the browser reconnects, or falls back to polling
                logger.warning("live updates: Redis went away mid-stream", exc_info=True)
                return
            if message is not None and message["type"] == "message":
                yield f"event: schedule\ndata: {message['data'].decode()}\n\n"
            if time.monotonic() >= beat:
                yield ": keep-alive\n\n"
                beat = time.monotonic() + HEARTBEAT_SECONDS


def _poll_mode() -> Response:
    return Response(
        {
            "mode": "poll",
            "changesUrl": reverse("planner:family_changes"),
            "pollSeconds": settings.LIVE_UPDATES_POLL_SECONDS,
        }
    )


class FamilyEventsApi(APIView):
    """The family's changes as they happen (server-sent events), for its open pages."""

    # No HEAD: it would hold a thread for the stream's lifetime while writing
    # nothing, so it would never notice its client had gone.
    http_method_names = ["get", "options"]

    @extend_schema(
        summary="Live updates: a server-sent event stream of the family's schedule changes",
        description=(
            "`text/event-stream`: `retry:`, then an `event: schedule` for every committed "
            "change to the family's weeks, its `data` one line of JSON: `{type, familyId, "
            "at, weeks: [{childId?, weekStart}], itemId?, childId?, weekStart?, version?}` "
            "(types: item.completed, item.uncompleted, item.skipped, item.unskipped, "
            "item.moved, item.added, item.deleted, week.planned, week.carried_over, "
            "week.carry_over_undone, week.day_off_added, week.day_off_removed); a "
            f"comment every {HEARTBEAT_SECONDS:.0f} s, and the end after "
            "LIVE_UPDATES_STREAM_SECONDS (EventSource reconnects by itself). Without "
            'Redis it answers `{"mode": "poll"}` (JSON): poll `changesUrl` instead.'
        ),
        responses={
            (200, "text/event-stream"): OpenApiResponse(
                OpenApiTypes.STR, description="The stream of events"
            ),
            (200, "application/json"): PollModeSerializer,
        },
    )
    def get(self, request: Request):
        family = family_get(user=request.user)
        if not events.live_updates_available():
            return _poll_mode()
        try:
            pubsub = events.subscribe(family.pk)
        except redis.RedisError:
            logger.warning("live updates: Redis unreachable, pages poll", exc_info=True)
            return _poll_mode()
        # Streams opened together (after a deploy) do not all reconnect together.
        lifetime = settings.LIVE_UPDATES_STREAM_SECONDS * random.uniform(0.9, 1.0)  # noqa: S311
        response = StreamingHttpResponse(
            EventStream(pubsub, lifetime=lifetime), content_type="text/event-stream"
        )
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
        return response

    def perform_content_negotiation(self, request: Request, force: bool = False):
        # EventSource asks for text/event-stream, which the stream answers itself;
        # everything else this view says (poll mode, errors) is JSON.
        return super().perform_content_negotiation(request, force=True)


class FamilyChangesApi(APIView):
    """Polling, where there is no stream: has the family's week changed since `since`?"""

    @extend_schema(
        summary="Has the family's week changed? (the polling fallback of the event stream)",
        parameters=[
            OpenApiParameter("week", OpenApiTypes.DATE, description="Any day of the week"),
            OpenApiParameter("since", str, description="The cursor of the previous answer"),
        ],
        responses=FamilyChangesSerializer,
    )
    def get(self, request: Request) -> Response:
        family = family_get(user=request.user)
        week_start = week_start_of(date_param(request, "week", family_today(family)))
        since = request.query_params.get("since", "")
        if since and not _CURSOR.fullmatch(since):
            raise ValidationError({"since": ["Send back the cursor of a previous answer."]})
        cursor = week_cursor(family=family, week_start=week_start)
        body = {
            "weekStart": week_start.isoformat(),
            "cursor": cursor,
            "changed": bool(since) and since != cursor,
            "pollSeconds": settings.LIVE_UPDATES_POLL_SECONDS,
        }
        return Response(body, headers={"Cache-Control": "no-cache"})


urlpatterns = [
    path("family/events/", FamilyEventsApi.as_view(), name="family_events"),
    path("family/changes/", FamilyChangesApi.as_view(), name="family_changes"),
]
