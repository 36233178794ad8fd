"""What a parent sees: each child's time, topics, growth, stars, streak and flags.

Every read is scoped to the parent (through `children_of`). The dashboard
reads all of a parent's children in a fixed number of queries.

Minutes per day come from the nightly `DailyActivity` rows; today, and any
past day the nightly job has not summed yet, are summed live from the time
spent that day (the parent's local day), as the daily cap counts it. A flag is a child's
message the safety filter blocked; it is shown with its context: the two
messages before it in the conversation and the guide's redirect after it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from brightpath.common.selectors import get_owned_or_404, owned_by
from brightpath.spark.models import (
    Child,
    CognitiveMetrics,
    Conversation,
    DailyActivity,
    Message,
    Progress,
    Reward,
    Streak,
)

from .children import children_of, parent_timezone
from .conversations import active_seconds_by_day

DAYS = 14
GROWTH_DAYS = 90
FLAGS_ON_DASHBOARD = 20
CONTEXT_BEFORE = 2


@dataclass(frozen=True)
class StreakView:
    """A streak as it stands today: `current` is 0 once the gap since the last
    active day is more than the freezes held can bridge."""

    current: int
    longest: int
    freezes: int
    last_activity_date: dt.date | None
    history: list


@dataclass
class Flag:
    message: Message
    category: str
    reason: str
    before: list[Message] = field(default_factory=list)
    redirect: Message | None = None

    @property
    def conversation(self) -> Conversation:
        return self.message.conversation


@dataclass
class ChildDashboard:
    child: Child
    minutes: list[dict]  # [{"date": date, "minutes": int}], oldest first, today last
    topics: list[Progress]
    growth: list[CognitiveMetrics]
    stars: int
    streak: StreakView
    flags: list[Flag]
    flags_unreviewed: int


@dataclass
class Dashboard:
    date: dt.date  # today, the parent's
    children: list[ChildDashboard]


@dataclass
class ChildProgress:
    child: Child
    stars: int
    streak: StreakView
    badges: list[Reward]
    topics: list[Progress]


def streak_view(streak: Streak | None, today: dt.date) -> StreakView:
    if streak is None:
        return StreakView(0, 0, 0, None, [])
    current = streak.current_streak
    last = streak.last_activity_date
    if last is None or (today - last).days - 1 > streak.streak_freezes_available:
        current = 0
    return StreakView(
        current=current,
        longest=streak.longest_streak,
        freezes=streak.streak_freezes_available,
        last_activity_date=last,
        history=list(streak.streak_history),
    )


def _streak_of(child: Child) -> Streak | None:
    try:
        return child.streak
    except Streak.DoesNotExist:
        return None


# --- flags --------------------------------------------------------------------------


def flags_of(*, user, child_id=None, reviewed: bool | None = None) -> QuerySet[Message]:
    """The user's children's blocked messages, newest first."""
    rows = owned_by(
        Message.objects.filter(role="user", was_filtered=True),
        user,
        owner_path="conversation__child__parent",
    ).select_related("conversation__child", "conversation__topic")
    if child_id is not None:
        rows = rows.filter(conversation__child_id=child_id)
    if reviewed is not None:
        rows = rows.filter(reviewed_at__isnull=not reviewed)
    return rows.order_by("-created_at", "-id")


def flag_get(*, user, message_id, for_update: bool = False) -> Message:
    """One flagged message of the user's children, or NotFound."""
    rows = Message.objects.filter(role="user", was_filtered=True)
    if for_update:
        rows = rows.select_for_update(of=("self",))
    return get_owned_or_404(
        rows.select_related("conversation__child", "conversation__topic"),
        user,
        owner_path="conversation__child__parent",
        id=message_id,
    )


def _split_reason(filter_reason: str) -> tuple[str, str]:
    """ "personal_info: phone number" -> ("personal_info", "phone number")."""
    category, sep, reason = filter_reason.partition(": ")
    return (category, reason) if sep else ("", filter_reason)


def with_context(messages: list[Message]) -> list[Flag]:
    """Each flagged message with the two messages before it and the reply after it
    (one query for all their conversations)."""
    by_conversation: dict = defaultdict(list)
    ids = {m.conversation_id for m in messages}
    for row in Message.objects.filter(conversation_id__in=ids).order_by("created_at", "id"):
        by_conversation[row.conversation_id].append(row)
    flags = []
    for message in messages:
        thread = by_conversation[message.conversation_id]
        at = next(i for i, row in enumerate(thread) if row.id == message.id)
        after = thread[at + 1] if at + 1 < len(thread) else None
        category, reason = _split_reason(message.filter_reason)
        flags.append(
            Flag(
                message=message,
                category=category,
                reason=reason,
                before=thread[max(0, at - CONTEXT_BEFORE) : at],
                redirect=after if after is not None and after.role == "assistant" else None,
            )
        )
    return flags


def _newest_flags(user) -> tuple[dict, dict]:
    """Each child's newest FLAGS_ON_DASHBOARD unreviewed flags with their context
    ({child id: [Flag]}, newest first), and how many each has unreviewed in all
    ({child id: count}). Three queries: the flags limited per child in SQL, the
    counts, and the context of only the flags read."""
    unreviewed = flags_of(user=user, reviewed=False)
    newest = unreviewed.annotate(
        place=Window(
            RowNumber(),
            partition_by=[F("conversation__child_id")],
            order_by=[F("created_at").desc(), F("id").desc()],
        )
    ).filter(place__lte=FLAGS_ON_DASHBOARD)
    flags: dict = defaultdict(list)
    for flag in with_context(list(newest)):
        flags[flag.message.conversation.child_id].append(flag)
    counts = dict(
        unreviewed.order_by()
        .values("conversation__child_id")
        .annotate(n=Count("id"))
        .values_list("conversation__child_id", "n")
    )
    return flags, counts


# --- a child's progress -------------------------------------------------------------


def _topics_explored(children: list[Child]) -> dict:
    rows = (
        Progress.objects.filter(child__in=children, depth_level__gte=1)
        .select_related("topic")
        .order_by("-depth_level", "topic__name")
    )
    out: dict = defaultdict(list)
    for row in rows:
        out[row.child_id].append(row)
    return out


def _stars(children: list[Child]) -> dict:
    return dict(
        Reward.objects.filter(child__in=children)
        .values("child_id")
        .annotate(total=Sum("star_value"))
        .values_list("child_id", "total")
    )


def child_progress(*, child: Child, now: dt.datetime | None = None) -> ChildProgress:
    """The child's stars, streak, badges and per-topic progress (unlocked topics)."""
    tz = parent_timezone(child.parent)
    today = (now or timezone.now()).astimezone(tz).date()
    streak = Streak.objects.filter(child=child).first()
    return ChildProgress(
        child=child,
        stars=_stars([child]).get(child.id, 0) or 0,
        streak=streak_view(streak, today),
        badges=list(Reward.objects.filter(child=child, reward_type="badge").order_by("earned_at")),
        topics=list(
            Progress.objects.filter(child=child)
            .select_related("topic")
            .order_by("-depth_level", "topic__name")
        ),
    )


# --- the dashboard ------------------------------------------------------------------


def _minutes(children: list[Child], tz, today: dt.date) -> dict[object, list[dict]]:
    first = today - dt.timedelta(days=DAYS - 1)
    stored = {
        (row.child_id, row.activity_date): row.total_time_seconds
        for row in DailyActivity.objects.filter(
            child__in=children, activity_date__gte=first, activity_date__lt=today
        )
    }
    live = active_seconds_by_day(children=children, tz=tz, first=first, last=today)
    days = [first + dt.timedelta(days=n) for n in range(DAYS)]
    return {
        child.id: [
            {
                "date": day,
                "minutes": round(stored.get((child.id, day), live.get((child.id, day), 0)) / 60),
            }
            for day in days
        ]
        for child in children
    }


def dashboard(*, user, now: dt.datetime | None = None) -> Dashboard:
    """Every child of the parent, oldest profile first."""
    tz = parent_timezone(user)
    today = (now or timezone.now()).astimezone(tz).date()
    children = list(children_of(user=user))
    if not children:
        return Dashboard(date=today, children=[])
    minutes = _minutes(children, tz, today)
    topics = _topics_explored(children)
    stars = _stars(children)
    growth: dict = defaultdict(list)
    for row in CognitiveMetrics.objects.filter(
        child__in=children, assessment_date__gt=today - dt.timedelta(days=GROWTH_DAYS)
    ).order_by("assessment_date"):
        growth[row.child_id].append(row)
    flags, unreviewed = _newest_flags(user)
    rows = [
        ChildDashboard(
            child=child,
            minutes=minutes[child.id],
            topics=topics[child.id],
            growth=growth[child.id],
            stars=stars.get(child.id, 0) or 0,
            streak=streak_view(_streak_of(child), today),
            flags=flags[child.id],
            flags_unreviewed=unreviewed.get(child.id, 0),
        )
        for child in children
    ]
    return Dashboard(date=today, children=rows)
