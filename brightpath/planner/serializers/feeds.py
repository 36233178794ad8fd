"""Outside the app: calendar feeds and the daily agenda email."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from brightpath.common.fields import TimeField

from ..models import (
    CalendarFeed,
)


class CalendarFeedCreateSerializer(serializers.Serializer):
    childId = serializers.UUIDField(
        required=False, allow_null=True, help_text="One child's feed; leave out for the family's"
    )


class CalendarFeedSerializer(serializers.Serializer):
    """A feed with its secret URLs; needs the request in the context (absolute URLs)."""

    id = serializers.UUIDField()
    childId = serializers.UUIDField(source="child_id", allow_null=True)
    childName = serializers.CharField(source="child.name", allow_null=True)
    url = serializers.SerializerMethodField(
        help_text="The secret feed URL: anyone who has it can read it"
    )
    webcalUrl = serializers.SerializerMethodField(
        help_text="The same URL as webcal://, to subscribe in one tap"
    )
    createdAt = serializers.DateTimeField(source="created_at")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, feed: CalendarFeed) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("calendar_feed", args=[feed.token])
        )

    def get_webcalUrl(self, feed: CalendarFeed) -> str:  # noqa: N802 - the field's name
        return "webcal://" + self.get_url(feed).split("://", 1)[1]


class AgendaEmailSerializer(serializers.Serializer):
    enabled = serializers.BooleanField()
    sendAt = TimeField(
        source="send_at",
        input_formats=["%H:%M"],
        help_text="Local time in the family's time zone, HH:MM",
    )
    lastSentOn = serializers.DateField(source="last_sent_on", read_only=True, allow_null=True)
