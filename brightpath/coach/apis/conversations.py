"""Conversations with an assistant: start, list, read, rename, delete; send a message
and get the reply (whole, or streamed as server-sent events); retry a failed
reply; draft a lesson from a reply. Another teacher's conversation is a 404.

The stream (`?stream=1`, or the `stream/` routes) answers `text/event-stream`:

    event: start   data: {"conversationId", "message": {...} | null,
                          "reply": {"id", "position", "status"}}
    event: delta   data: {"text": "..."}        (repeated: the reply as it is written)
    event: done    data: {exchange}             (the stored reply, memoriesUsed, memoryChanges)
    event: failed  data: {exchange, "error"}    (instead of done: the reply failed)

Bad input (an empty or oversized message, a reply already in progress) is
answered before the stream starts, as JSON in the one error shape.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from brightpath.coach.selectors.conversations import conversation_of, conversations_of
from brightpath.coach.serializers import (
    CoachConversationDetailSerializer,
    CoachConversationQuerySerializer,
    CoachConversationRenameSerializer,
    CoachConversationSerializer,
    CoachConversationStartSerializer,
    CoachExchangeSerializer,
    CoachLessonSerializer,
    CoachMessageSendSerializer,
    CoachMessageSerializer,
    CoachSaveLessonSerializer,
)
from brightpath.coach.services import chat
from brightpath.coach.services.lessons import lesson_from_reply
from brightpath.common.errors import error_body
from brightpath.common.pagination import PageNumberPagination, page_of

from .base import CoachApi, event_stream, sse, wants_stream

NOT_FOUND = OpenApiResponse(description="No such conversation or message, or another teacher's.")
BUSY = OpenApiResponse(
    description='"reply_in_progress" (the assistant is still answering), '
    '"assistant_unavailable" (its assistant was deleted or switched off), "not_retryable".'
)
FAILED = OpenApiResponse(
    description='"llm_unavailable": the reply failed (the model did not answer and the offline '
    "fallback is off, or the assistant failed). The teacher's message is kept; the error's "
    "`exchange` holds it and the reply (status failed): retry the reply."
)
STREAM = OpenApiParameter(
    "stream", OpenApiTypes.BOOL, description="1: answer as server-sent events (see the module)"
)
SSE_RESPONSE = OpenApiResponse(
    OpenApiTypes.STR, description="With ?stream=1: start, delta..., then done or failed events"
)


def _exchange_body(exchange: chat.Exchange) -> dict:
    return CoachExchangeSerializer(exchange).data


def _failed_response(exchange: chat.Exchange) -> Response:
    reply = exchange.reply
    body = error_body(
        "llm_unavailable",
        f"The assistant could not answer ({reply.error}). Your message is saved; retry the reply.",
    )
    body["error"]["exchange"] = _exchange_body(exchange)
    return Response(body, status=status.HTTP_503_SERVICE_UNAVAILABLE)


def _answered(exchange: chat.Exchange) -> Response:
    if exchange.reply.status != "complete":
        return _failed_response(exchange)
    return Response(_exchange_body(exchange), status=status.HTTP_201_CREATED)


def _frames(stream: chat.ExchangeStream):
    events = iter(stream)
    try:
        for kind, payload in events:
            if kind == "delta":
                yield sse("delta", {"text": payload})
            elif kind == "start":
                teacher_message = payload.teacher_message
                yield sse(
                    "start",
                    {
                        "conversationId": str(payload.conversation.id),
                        "message": CoachMessageSerializer(teacher_message).data
                        if teacher_message is not None
                        else None,
                        "reply": {
                            "id": str(payload.reply.id),
                            "position": payload.reply.position,
                            "status": payload.reply.status,
                        },
                    },
                )
            elif kind == "done":
                yield sse("done", _exchange_body(payload))
            else:
                body = _exchange_body(payload)
                body["error"] = error_body(
                    "llm_unavailable",
                    f"The assistant could not answer ({payload.reply.error}). Your message is "
                    "saved; retry the reply.",
                )["error"]
                yield sse("failed", body)
    finally:
        # The client went away mid-stream: the exchange stores what was written as failed.
        events.close()


class StreamingApi(CoachApi):
    def perform_content_negotiation(self, request: Request, force: bool = False):
        # A stream is asked for with Accept: text/event-stream, which the stream answers
        # itself; everything else these views say (errors, whole replies) is JSON.
        return super().perform_content_negotiation(request, force=True)


class ConversationsApi(CoachApi):
    @extend_schema(
        operation_id="coach_conversations_list",
        summary="The teacher's conversations, latest activity first",
        parameters=[OpenApiParameter("assistantId", OpenApiTypes.UUID, description="Only with it")],
        responses={200: page_of(CoachConversationSerializer)},
    )
    def get(self, request: Request) -> Response:
        query = CoachConversationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = conversations_of(
            user=request.user, assistant_id=query.validated_data.get("assistantId")
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(CoachConversationSerializer(page, many=True).data)

    @extend_schema(
        summary="Start a conversation with an assistant the teacher can use",
        request=CoachConversationStartSerializer,
        responses={
            201: CoachConversationDetailSerializer,
            404: OpenApiResponse(description='"assistant_not_found"'),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = CoachConversationStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        conversation = chat.conversation_start(
            teacher=request.user, assistant_id=data["assistantId"], title=data.get("title")
        )
        return Response(
            CoachConversationDetailSerializer(conversation).data, status=status.HTTP_201_CREATED
        )


class ConversationApi(CoachApi):
    @extend_schema(
        summary="A conversation with its messages",
        responses={200: CoachConversationDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, conversation_id) -> Response:
        conversation = conversation_of(user=request.user, conversation_id=conversation_id)
        return Response(CoachConversationDetailSerializer(conversation).data)

    @extend_schema(
        summary="Rename a conversation",
        request=CoachConversationRenameSerializer,
        responses={200: CoachConversationSerializer, 404: NOT_FOUND},
    )
    def patch(self, request: Request, conversation_id) -> Response:
        serializer = CoachConversationRenameSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        conversation = chat.conversation_rename(
            teacher=request.user,
            conversation_id=conversation_id,
            title=serializer.validated_data["title"],
        )
        return Response(CoachConversationSerializer(conversation).data)

    @extend_schema(
        summary="Delete a conversation and its messages (memories stay)",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request: Request, conversation_id) -> Response:
        chat.conversation_delete(teacher=request.user, conversation_id=conversation_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MessagesApi(StreamingApi):
    @extend_schema(
        summary="Send a message; the assistant's reply (whole, or streamed with ?stream=1)",
        description="The message is stored before the assistant is asked; what it says about "
        "the teacher is kept in their memories; their best memories are given to the "
        "assistant (and listed in `memoriesUsed`).",
        parameters=[STREAM],
        request=CoachMessageSendSerializer,
        responses={
            (201, "application/json"): CoachExchangeSerializer,
            (200, "text/event-stream"): SSE_RESPONSE,
            404: NOT_FOUND,
            409: BUSY,
            503: FAILED,
        },
    )
    def post(self, request: Request, conversation_id):
        return _send(request, conversation_id, stream=wants_stream(request))


class MessagesStreamApi(StreamingApi):
    @extend_schema(
        summary="Send a message; the reply as server-sent events",
        request=CoachMessageSendSerializer,
        responses={(200, "text/event-stream"): SSE_RESPONSE, 404: NOT_FOUND, 409: BUSY},
    )
    def post(self, request: Request, conversation_id):
        return _send(request, conversation_id, stream=True)


def _send(request: Request, conversation_id, *, stream: bool):
    serializer = CoachMessageSendSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    content = serializer.validated_data["content"]
    if stream:
        exchange = chat.message_stream(
            teacher=request.user, conversation_id=conversation_id, content=content
        )
        return event_stream(_frames(exchange))
    exchange = chat.message_send(
        teacher=request.user, conversation_id=conversation_id, content=content
    )
    return _answered(exchange)


class RetryApi(StreamingApi):
    @extend_schema(
        summary="Retry a failed reply, in place (?stream=1 to stream it)",
        parameters=[STREAM],
        request=None,
        responses={
            (201, "application/json"): CoachExchangeSerializer,
            (200, "text/event-stream"): SSE_RESPONSE,
            404: NOT_FOUND,
            409: BUSY,
            503: FAILED,
        },
    )
    def post(self, request: Request, conversation_id, message_id):
        kwargs = {
            "teacher": request.user,
            "conversation_id": conversation_id,
            "message_id": message_id,
        }
        if wants_stream(request):
            return event_stream(_frames(chat.reply_retry_stream(**kwargs)))
        return _answered(chat.reply_retry(**kwargs))


class SaveLessonApi(CoachApi):
    @extend_schema(
        summary="Draft a lesson from an assistant's reply into the teacher's lessons",
        description="The reply's objectives, materials, timed activities, differentiation, "
        "assessment and homework become the lesson's; what is not recognised goes to its "
        "description. Saving the same reply again answers the lesson it made (200).",
        request=CoachSaveLessonSerializer,
        responses={
            201: CoachLessonSerializer,
            200: CoachLessonSerializer,
            404: NOT_FOUND,
            409: OpenApiResponse(description='"not_a_reply": not a complete assistant reply'),
        },
    )
    def post(self, request: Request, conversation_id, message_id) -> Response:
        serializer = CoachSaveLessonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        lesson, created = lesson_from_reply(
            teacher=request.user,
            conversation_id=conversation_id,
            message_id=message_id,
            title=data.get("title") or None,
            subject_id=str(data["subjectId"]) if data.get("subjectId") else None,
            grade_level=data.get("gradeLevel"),
        )
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(CoachLessonSerializer(lesson).data, status=code)


urlpatterns = [
    path("conversations/", ConversationsApi.as_view(), name="conversations"),
    path("conversations/<uuid:conversation_id>/", ConversationApi.as_view(), name="conversation"),
    path(
        "conversations/<uuid:conversation_id>/messages/",
        MessagesApi.as_view(),
        name="conversation_messages",
    ),
    path(
        "conversations/<uuid:conversation_id>/messages/stream/",
        MessagesStreamApi.as_view(),
        name="conversation_messages_stream",
    ),
    path(
        "conversations/<uuid:conversation_id>/messages/<uuid:message_id>/retry/",
        RetryApi.as_view(),
        name="message_retry",
    ),
    path(
        "conversations/<uuid:conversation_id>/messages/<uuid:message_id>/save-lesson/",
        SaveLessonApi.as_view(),
        name="message_save_lesson",
    ),
]
