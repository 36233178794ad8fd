"""Reads for what leaves the app: calendar feeds (iCalendar, RFC 5545) and the
daily agenda email.

A feed is read by its secret token, with no user: the token is the only key, and
a revoked or unknown token is a 404. Everything else here is scoped to the user.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from django.core import signing
from django.db.models import QuerySet
from django.http import Http404

from brightpath.accounts.models import User
from brightpath.common.selectors import get_owned_or_404, owned_by
from brightpath.families.models import Family

from ..models import AgendaEmail, CalendarFeed, ScheduleItem
from .lessons import Shown, scheduled_lessons

# What a feed carries, around the family's today: recent weeks for looking back,
# the coming weeks for planning (later weeks are usually not generated yet).
FEED_DAYS_BACK = 28
FEED_DAYS_AHEAD = 56
# How often calendar apps are asked to fetch the feed again. Google ignores it
# (it refreshes on its own schedule, roughly every 12-24 hours); Apple honours it.
FEED_REFRESH = dt.timedelta(hours=1)
PRODID = "-//BrightPath//Homeschool planner//EN"

ITEM_KINDS = {"subject": "Lesson", "commitment": "Outside commitment", "activity": "Activity"}


# --- calendar feeds -----------------------------------------------------------------------


def _answering_feeds() -> QuerySet[CalendarFeed]:
    """Every family's feeds that are not revoked: scope it with owned_by before use."""
    return CalendarFeed.objects.filter(revoked_at__isnull=True).select_related("child")


def calendar_feeds_for_user(*, user: User) -> QuerySet[CalendarFeed]:
    """The user's feeds that still answer, oldest first."""
    return owned_by(_answering_feeds(), user, owner_path="family__owner")


def calendar_feed_get(*, user: User, feed_id) -> CalendarFeed:
    """One of the user's feeds that still answers; revoked or another family's is a 404."""
    return get_owned_or_404(_answering_feeds(), user, owner_path="family__owner", pk=feed_id)


def calendar_feed_by_token(*, token: str) -> CalendarFeed:
    """The feed behind a secret URL; revoked, unknown, or for an archived child: 404."""
    feed = (
        CalendarFeed.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("family", "child")
        .first()
    )
    if feed is None or (feed.child is not None and feed.child.archived_at is not None):
        raise Http404("No such calendar.")
    return feed


def feed_items(*, feed: CalendarFeed, today: dt.date) -> QuerySet[ScheduleItem]:
    """Items of the active schedules in the feed's window, skipped ones left out
    (a subscribed calendar drops an event that leaves the feed)."""
    items = ScheduleItem.objects.filter(
        schedule__family_id=feed.family_id,
        schedule__is_active=True,
        schedule__child__archived_at__isnull=True,
        skipped=False,
        day_date__range=(
            today - dt.timedelta(days=FEED_DAYS_BACK),
            today + dt.timedelta(days=FEED_DAYS_AHEAD),
        ),
    )
    if feed.child_id is not None:
        items = items.filter(schedule__child_id=feed.child_id)
    return items.select_related("schedule__child").order_by(
        "day_date", "start_time", "schedule__child__position", "name"
    )


def _event(
    item: ScheduleItem,
    *,
    uid: str,
    zone: ZoneInfo,
    whole_family: bool,
    stamp: dt.datetime,
    lesson: Shown | None = None,
) -> icalendar.Event:
    child = item.schedule.child
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", dt.datetime.combine(item.day_date, item.start_time, tzinfo=zone))
    event.add("dtend", dt.datetime.combine(item.day_date, item.end_time, tzinfo=zone))
    # "Mathematics: Lesson 23": the lesson this session teaches (it shifts on its own).
    title = f"{item.name}: {lesson.lesson.title}" if lesson else item.name
    event.add("summary", f"{child.name}: {title}" if whole_family else title)
    lines = [f"{ITEM_KINDS.get(item.item_type, item.item_type)} for {child.name}"]
    if lesson:
        lines.append(f"Lesson {lesson.lesson.position} of {lesson.of}: {lesson.lesson.title}")
        lines += [text for text in (lesson.lesson.notes, lesson.lesson.url) if text]
    if item.completed:
        lines.append("Completed.")
    if notes := (item.item_data or {}).get("notes"):
        lines.append(str(notes))
    event.add("description", "\n".join(lines))
    event.add("sequence", item.version)
    event.add("last-modified", item.updated_at.astimezone(dt.UTC))
    event.add("transp", "OPAQUE")
    if item.item_type == "commitment":
        event.add("categories", ["Commitment"])
    return event


def feed_calendar(*, feed: CalendarFeed, today: dt.date, now: dt.datetime) -> bytes:
    """The feed as an iCalendar file: events in the family's time zone, with
    its VTIMEZONE, so Google and Apple show them at the planned local time."""
    family: Family = feed.family
    zone = ZoneInfo(family.time_zone)
    name = f"{feed.child.name} (BrightPath)" if feed.child else f"{family.name} (BrightPath)"
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", family.time_zone)
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(FEED_REFRESH))
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    items = list(feed_items(feed=feed, today=today))
    lessons = scheduled_lessons(items, family=family)
    for item in items:
        calendar.add_component(
            _event(
                item,
                uid=f"{item.calendar_uid or item.pk}@brightpath",
                zone=zone,
                whole_family=feed.child_id is None,
                stamp=stamp,
                lesson=lessons.get(str(item.pk)),
            )
        )
    # Only the transitions around the window, not the zone's whole history.
    calendar.add_missing_timezones(
        first_date=today - dt.timedelta(days=FEED_DAYS_BACK + 366),
        last_date=today + dt.timedelta(days=FEED_DAYS_AHEAD + 366),
    )
    return calendar.to_ical()


# --- the daily agenda email -----------------------------------------------------------------


def agenda_email_get(*, user: User) -> AgendaEmail | None:
    return owned_by(AgendaEmail.objects.all(), user, owner_path="family__owner").first()


def agenda_emails_enabled() -> QuerySet[AgendaEmail]:
    """Every family's agenda email that is on (operator-wide, for the beat job)."""
    return AgendaEmail.objects.filter(enabled=True).select_related("family__owner")


def agenda_items(*, family: Family, day: dt.date) -> QuerySet[ScheduleItem]:
    """The family's plan for one day: live children's active items, skipped ones left out."""
    return (
        ScheduleItem.objects.filter(
            schedule__family=family,
            schedule__is_active=True,
            schedule__child__archived_at__isnull=True,
            day_date=day,
            skipped=False,
        )
        .select_related("schedule__child")
        .order_by("start_time", "end_time", "name")
    )


# --- the agenda email's stop link -----------------------------------------------------------

STOP_SALT = "planner.agenda-email.stop"


def stop_token(family: Family) -> str:
    """The signed token in the stop link of the family's agenda emails."""
    return signing.dumps(str(family.pk), salt=STOP_SALT)


def family_for_stop_token(*, token: str) -> Family:
    """The family a stop link was made for. The link is the key (no sign-in,
    RFC 8058), so a forged, altered or stale one is a 404."""
    try:
        family_id = signing.loads(token, salt=STOP_SALT)
    except signing.BadSignature:
        raise Http404("This link is not valid.") from None
    family = Family.objects.filter(pk=family_id).first()
    if family is None:
        raise Http404("This link is not valid.")
    return family
