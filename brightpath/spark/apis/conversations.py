"""Spark API: the constellation, the day's spark, conversations, progress, and the
parent's dashboard and flags.

A child's endpoints answer the parent and, in child mode, only the child whose
view it is (another child's is a 403 "child_mode"); the dashboard and flags
are the parent's only (ParentOnly). Another parent's child or conversation is a
404. `GET conversations/{id}/` is the child's conversation and the parent's
transcript (with why a message was blocked, for the parent only).
"""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.pagination import PageNumberPagination, page_of
from brightpath.spark.apis.access import (
    ParentApi,
    active_child_id,
    child_for_request,
    conversation_for_request,
)
from brightpath.spark.selectors.children import local_today
from brightpath.spark.selectors.conversations import conversations_of, rewards_earned
from brightpath.spark.selectors.dashboard import (
    child_progress,
    dashboard,
    flag_get,
    flags_of,
    with_context,
)
from brightpath.spark.selectors.sparks import spark_done, spark_today
from brightpath.spark.selectors.topics import constellation
from brightpath.spark.serializers.conversations import (
    ChildProgressSerializer,
    ConstellationSerializer,
    ConversationDetailSerializer,
    ConversationSerializer,
    ConversationStartSerializer,
    DashboardSerializer,
    ExchangeSerializer,
    FlagSerializer,
    FlagsQuerySerializer,
    MessageSendSerializer,
    SparkTodaySerializer,
)
from brightpath.spark.services import conversations as services

NOT_FOUND = OpenApiResponse(description="No such child or conversation, or another parent's.")
CHILD_MODE = OpenApiResponse(
    description="\"child_mode\": another child's space, or a parent's page in a child's view."
)
REFUSED = OpenApiResponse(
    description='"consent_required" (no parental consent, or withdrawn), "time_limit_reached" '
    '(the day\'s cap; `limitMinutes`), "bedtime" (the bedtime the parent set; `bedtimeEnd` '
    '"HH:MM"), "topic_locked" (`unlockHint`), or "child_mode".'
)
ENDED = OpenApiResponse(description='"conversation_ended": start a new conversation.')


def _context(request: Request) -> dict:
    return {"child_mode": bool(active_child_id(request._request))}


class ConstellationApi(APIView):
    @extend_schema(
        summary="The child's constellation: open topics, lit or locked, with their lines",
        responses={200: ConstellationSerializer, 403: CHILD_MODE, 404: NOT_FOUND},
    )
    def get(self, request: Request, child_id) -> Response:
        child = child_for_request(request, child_id)
        stars = constellation(child=child)
        return Response(
            ConstellationSerializer({"age_group": child.age_group, "topics": stars}).data
        )


class SparkTodayApi(APIView):
    @extend_schema(
        summary="Today's brain spark for the child's age group (the parent's today)",
        responses={200: SparkTodaySerializer, 403: CHILD_MODE, 404: NOT_FOUND},
    )
    def get(self, request: Request, child_id) -> Response:
        child = child_for_request(request, child_id)
        spark = spark_today(child=child)
        body = {
            "date": local_today(child.parent),
            "spark": spark,
            "done": spark is not None and spark_done(child=child, spark=spark),
        }
        return Response(SparkTodaySerializer(body).data)


class ConversationsApi(APIView):
    @extend_schema(
        summary="The child's conversations, newest first",
        responses={200: page_of(ConversationSerializer), 403: CHILD_MODE, 404: NOT_FOUND},
    )
    def get(self, request: Request, child_id) -> Response:
        child = child_for_request(request, child_id)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(conversations_of(child=child), request, view=self)
        return paginator.get_paginated_response(ConversationSerializer(page, many=True).data)

    @extend_schema(
        summary="Start exploring a topic ({topic: slug}) or today's spark ({spark: true})",
        request=ConversationStartSerializer,
        responses={
            201: ConversationDetailSerializer,
            403: REFUSED,
            404: OpenApiResponse(description="No such child, topic, or spark today."),
        },
    )
    def post(self, request: Request, child_id) -> Response:
        child = child_for_request(request, child_id)
        serializer = ConversationStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        conversation = services.conversation_start(
            child=child, topic=data.get("topic"), brain_spark=data["spark"] or None
        )
        body = ConversationDetailSerializer(conversation, context=_context(request)).data
        return Response(body, status=status.HTTP_201_CREATED)


class ConversationApi(APIView):
    @extend_schema(
        summary="A conversation with its messages (the parent's transcript)",
        responses={200: ConversationDetailSerializer, 403: CHILD_MODE, 404: NOT_FOUND},
    )
    def get(self, request: Request, conversation_id) -> Response:
        conversation = conversation_for_request(request, conversation_id)
        return Response(ConversationDetailSerializer(conversation, context=_context(request)).data)


class MessagesApi(APIView):
    @extend_schema(
        summary="The child's turn ({text} or {choiceIndex}) and the guide's reply",
        description="The child's text passes the safety filter before anything is stored; a "
        "blocked text is kept for the parent, and the reply is the guide's kind redirect.",
        request=MessageSendSerializer,
        responses={201: ExchangeSerializer, 403: REFUSED, 404: NOT_FOUND, 409: ENDED},
    )
    def post(self, request: Request, conversation_id) -> Response:
        conversation = conversation_for_request(request, conversation_id)
        serializer = MessageSendSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        messages = services.message_send(
            conversation=conversation, text=data.get("text"), choice_index=data.get("choiceIndex")
        )
        conversation.refresh_from_db()
        body = {
            "messages": messages,
            "conversation": conversation,
            "rewards": rewards_earned(conversation=conversation, since=messages[0].created_at),
        }
        context = _context(request)
        return Response(ExchangeSerializer(body, context=context).data, status=201)


class ConversationEndApi(APIView):
    @extend_schema(
        summary="End a conversation (ending it twice is ending it once)",
        request=None,
        responses={200: ConversationSerializer, 403: CHILD_MODE, 404: NOT_FOUND},
    )
    def post(self, request: Request, conversation_id) -> Response:
        conversation = services.conversation_end(
            conversation=conversation_for_request(request, conversation_id)
        )
        return Response(ConversationSerializer(conversation).data)


class ProgressApi(APIView):
    @extend_schema(
        summary="The child's stars, streak, badges and per-topic progress",
        responses={200: ChildProgressSerializer, 403: CHILD_MODE, 404: NOT_FOUND},
    )
    def get(self, request: Request, child_id) -> Response:
        child = child_for_request(request, child_id)
        return Response(ChildProgressSerializer(child_progress(child=child)).data)


class DashboardApi(ParentApi):
    @extend_schema(
        summary="Each child's last 14 days, topics, curiosity growth, stars, streak and flags",
        responses={200: DashboardSerializer, 403: CHILD_MODE},
    )
    def get(self, request: Request) -> Response:
        return Response(DashboardSerializer(dashboard(user=request.user)).data)


class FlagsApi(ParentApi):
    @extend_schema(
        summary="The children's blocked messages with their context, newest first",
        parameters=[
            OpenApiParameter("childId", str, description="Only this child's (a UUID)"),
            OpenApiParameter("reviewed", bool, description="true: seen; false: not yet"),
        ],
        responses={200: page_of(FlagSerializer), 403: CHILD_MODE},
    )
    def get(self, request: Request) -> Response:
        query = FlagsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = flags_of(
            user=request.user,
            child_id=query.validated_data.get("childId"),
            reviewed=query.validated_data.get("reviewed"),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(
            FlagSerializer(with_context(list(page)), many=True).data
        )


class FlagReviewApi(ParentApi):
    @extend_schema(
        summary="Mark a flagged message as seen by the parent",
        request=None,
        responses={200: FlagSerializer, 403: CHILD_MODE, 404: NOT_FOUND},
    )
    def post(self, request: Request, message_id) -> Response:
        services.flag_review(user=request.user, message_id=message_id)
        flag = with_context([flag_get(user=request.user, message_id=message_id)])[0]
        return Response(FlagSerializer(flag).data)


urlpatterns = [
    path(
        "children/<uuid:child_id>/constellation/",
        ConstellationApi.as_view(),
        name="constellation",
    ),
    path("children/<uuid:child_id>/spark/", SparkTodayApi.as_view(), name="spark_today"),
    path(
        "children/<uuid:child_id>/conversations/",
        ConversationsApi.as_view(),
        name="conversations",
    ),
    path("children/<uuid:child_id>/progress/", ProgressApi.as_view(), name="progress"),
    path("conversations/<uuid:conversation_id>/", ConversationApi.as_view(), name="conversation"),
    path(
        "conversations/<uuid:conversation_id>/messages/",
        MessagesApi.as_view(),
        name="conversation_messages",
    ),
    path(
        "conversations/<uuid:conversation_id>/end/",
        ConversationEndApi.as_view(),
        name="conversation_end",
    ),
    path("dashboard/", DashboardApi.as_view(), name="dashboard"),
    path("flags/", FlagsApi.as_view(), name="flags"),
    path("flags/<uuid:message_id>/review/", FlagReviewApi.as_view(), name="flag_review"),
]
