"""What every Coach endpoint shares: being a teacher, and the reply streams."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from rest_framework.request import Request
from rest_framework.views import APIView

from brightpath.coach.services.teachers import teacher_ensure


class CoachApi(APIView):
    """Any signed-in user may use Coach: their first call makes their teacher profile."""

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        teacher_ensure(user=request.user)


def wants_stream(request: Request) -> bool:
    """`?stream=1` (or true/yes) asks for the reply as server-sent events."""
    return str(request.query_params.get("stream", "")).lower() in ("1", "true", "yes")


def sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, cls=DjangoJSONEncoder)}\n\n"


def event_stream(frames) -> StreamingHttpResponse:
    """A server-sent event response over `frames` (an iterator of SSE text)."""
    response = StreamingHttpResponse(frames, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response
