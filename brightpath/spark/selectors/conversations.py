"""Reading conversations: a child's list, one transcript, today's time used.

Every read is scoped through the parent: a conversation is found only among
the requesting user's children's (another family's is a NotFound).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db.models import QuerySet, Sum
from django.utils import timezone

from brightpath.common.selectors import get_owned_or_404
from brightpath.spark.models import Child, Conversation, Message, Reward

from .children import parent_timezone


def local_day_bounds(tz: zoneinfo.ZoneInfo, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a calendar day in a time zone, as aware datetimes."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def conversations_of(*, child: Child) -> QuerySet[Conversation]:
    """The child's conversations, newest first (the child is already the caller's)."""
    return (
        Conversation.objects.filter(child=child)
        .select_related("topic", "brain_spark")
        .order_by("-started_at")
    )


def conversation_get(*, user, conversation_id) -> Conversation:
    """One conversation of one of the user's children, or NotFound."""
    return get_owned_or_404(
        Conversation.objects.select_related("child", "child__parent", "topic", "brain_spark"),
        user,
        owner_path="child__parent",
        id=conversation_id,
    )


def conversation_messages(*, conversation: Conversation) -> QuerySet[Message]:
    """A conversation's messages, oldest first."""
    return Message.objects.filter(conversation=conversation).order_by("created_at", "id")


def time_used_seconds(*, child: Child, now: dt.datetime | None = None) -> int:
    """The child's active seconds today (parent-local day), from the conversations
    started today; the daily time cap is measured on this."""
    now = now or timezone.now()
    tz = parent_timezone(child.parent)
    start, end = local_day_bounds(tz, now.astimezone(tz).date())
    total = Conversation.objects.filter(
        child=child, started_at__gte=start, started_at__lt=end
    ).aggregate(total=Sum("duration_seconds"))["total"]
    return total or 0


def rewards_earned(*, conversation: Conversation, since: dt.datetime) -> QuerySet[Reward]:
    """What the child earned by this conversation from `since` on (a send's news)."""
    return Reward.objects.filter(
        child_id=conversation.child_id, trigger_id=conversation.id, earned_at__gte=since
    ).order_by("earned_at", "reward_type")
