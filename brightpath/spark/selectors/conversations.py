"""Reading conversations: a child's list, one transcript, today's time used.

Every read is scoped through the parent: a conversation is found only among
the requesting user's children's (another family's is a NotFound).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict

from django.db.models import QuerySet
from django.utils import timezone

from brightpath.common.selectors import get_owned_or_404
from brightpath.spark.models import Child, Conversation, Message, Reward

from .children import parent_timezone

# A gap between two messages counts at most this much active time: a child who
# walked away is not exploring (Conversation.duration_seconds, the daily cap).
GAP_CAP_SECONDS = 300


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


def active_seconds_by_day(
    *, children: list[Child], tz: zoneinfo.ZoneInfo, first: dt.date, last: dt.date
) -> dict[tuple, int]:
    """The children's active seconds on each local day from `first` to `last`:
    {(child id, date): seconds}, days without any left out.

    Time is counted on the day it was spent, whatever day the talk started: each
    gap before a child's message (at most GAP_CAP_SECONDS, as in
    `Conversation.duration_seconds`) counts on the day of that message, and the
    last gap of a conversation on the day it ended. Two queries."""
    start, _ = local_day_bounds(tz, first)
    _, end = local_day_bounds(tz, last)
    gap_cap = dt.timedelta(seconds=GAP_CAP_SECONDS)
    totals: dict[tuple, int] = defaultdict(int)
    previous: dict = {}
    rows = (
        Message.objects.filter(
            conversation__child__in=children, created_at__gte=start - gap_cap, created_at__lt=end
        )
        .order_by("conversation_id", "created_at", "id")
        .values_list("conversation__child_id", "conversation_id", "role", "created_at")
    )
    for child_id, conversation_id, role, at in rows:
        if role == "user" and at >= start:
            before = previous.get(conversation_id)
            # Every child's message follows one (the guide's opening at least); one not
            # fetched is more than the cap before the window, so the gap is the cap.
            gap = GAP_CAP_SECONDS if before is None else _capped(at - before)
            totals[(child_id, at.astimezone(tz).date())] += gap
        previous[conversation_id] = at
    ended = Conversation.objects.filter(
        child__in=children, ended_at__gte=start, ended_at__lt=end
    ).values_list("child_id", "ended_at", "last_message_at")
    for child_id, ended_at, last_message_at in ended:
        if gap := _capped(ended_at - last_message_at):
            totals[(child_id, ended_at.astimezone(tz).date())] += gap
    return dict(totals)


def _capped(gap: dt.timedelta) -> int:
    return round(min(max(gap.total_seconds(), 0), GAP_CAP_SECONDS))


def time_used_seconds(*, child: Child, now: dt.datetime | None = None) -> int:
    """The child's active seconds today (the parent's local day), counted on the day
    they were spent (a talk begun before midnight counts its later minutes today);
    the daily time cap is measured on this."""
    tz = parent_timezone(child.parent)
    today = (now or timezone.now()).astimezone(tz).date()
    used = active_seconds_by_day(children=[child], tz=tz, first=today, last=today)
    return used.get((child.pk, today), 0)


def rewards_earned(*, conversation: Conversation, since: dt.datetime) -> QuerySet[Reward]:
    """What the child earned by this conversation from `since` on (a send's news)."""
    return Reward.objects.filter(
        child_id=conversation.child_id, trigger_id=conversation.id, earned_at__gte=since
    ).order_by("earned_at", "reward_type")
