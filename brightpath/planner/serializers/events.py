"""Live updates: the event stream's answer without Redis, and the polling answer."""

from __future__ import annotations

from rest_framework import serializers

from brightpath.common.fields import DateField


class PollModeSerializer(serializers.Serializer):
    """What GET /api/family/events/ answers when it has no stream (no Redis): poll instead."""

    mode = serializers.ChoiceField(choices=["poll"])
    changesUrl = serializers.CharField(help_text="GET it with ?week=&since=<cursor>")
    pollSeconds = serializers.IntegerField()


class FamilyChangesSerializer(serializers.Serializer):
    weekStart = DateField()
    cursor = serializers.CharField(help_text="Send it back as ?since= on the next poll")
    changed = serializers.BooleanField(
        help_text="The week differs from the one `since` names (false without `since`)"
    )
    pollSeconds = serializers.IntegerField(help_text="How often a page should ask")
