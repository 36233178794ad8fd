"""The records a family must keep: attendance, hours by subject, notes, and
progress toward the state's target for the school year (issue 5).

Only items of active schedules count: regenerating a week copies completed
items into the new version, so counting every version would count them twice.
A completed item's minutes are the actual start and end of its latest
`completed` log when the parent recorded both, otherwise its planned length.
The copies of an item keep its `calendar_uid`, which is how a log written
against an older version finds the item that now stands for it.

Every read costs a fixed number of queries whatever the range or the number of
children: one for the items, one for their completion logs.

The dataclasses here are what the records APIs serialize (apis/records.py) and
the printable report renders; each figure is computed once, here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet

from brightpath.accounts.models import User
from brightpath.common.errors import Invalid
from brightpath.common.selectors import get_owned_or_404, owned_by
from brightpath.common.times import minutes as clock_minutes
from brightpath.families.models import Child, Family
from brightpath.families.selectors import child_get, family_get

from ..clock import family_today
from ..models import ActivityLog, RecordsTarget, ScheduleItem

COUNTED_TYPES = ("subject", "activity")
OTHER_ACTIVITIES = "Other activities"
DEFAULT_SPAN = dt.timedelta(days=364)  # the last 365 days, today included


def hours_of(minutes: int) -> float:
    """Minutes as hours to the hundredth, as every records figure reports them."""
    return round(minutes / 60, 2)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass
class SubjectHours:
    name: str
    kind: str  # "subject" or "activity"
    is_core: bool
    minutes: int = 0
    sessions: int = 0

    @property
    def hours(self) -> float:
        return hours_of(self.minutes)


@dataclass(frozen=True)
class Note:
    date: dt.date
    activity_name: str
    notes: str


@dataclass(frozen=True)
class LessonCovered:
    """A lesson done in a session, as its completion log recorded it."""

    date: dt.date
    subject_name: str
    position: int
    title: str


@dataclass(frozen=True)
class Measure:
    """Progress on one requirement (days, hours or core hours)."""

    done: float
    required: int | None
    percent: float | None
    expected_by_now: float | None
    on_track: bool | None


@dataclass(frozen=True)
class Progress:
    period: Period
    state: str
    days: Measure
    hours: Measure
    core_hours: Measure


@dataclass
class Tally:
    """What was done in one period: days of instruction and minutes by subject."""

    days: set[dt.date] = field(default_factory=set)
    subjects: dict[tuple[str, str], SubjectHours] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    lessons: list[LessonCovered] = field(default_factory=list)
    minutes_by_day: dict[dt.date, int] = field(default_factory=dict)  # for charts over time

    @property
    def days_of_instruction(self) -> int:
        return len(self.days)

    @property
    def dates(self) -> list[dt.date]:
        return sorted(self.days)

    @property
    def total_minutes(self) -> int:
        return sum(s.minutes for s in self.subjects.values())

    @property
    def total_hours(self) -> float:
        return hours_of(self.total_minutes)

    @property
    def core_minutes(self) -> int:
        return sum(s.minutes for s in self.subjects.values() if s.is_core)

    @property
    def core_hours(self) -> float:
        return hours_of(self.core_minutes)

    @property
    def by_subject(self) -> list[SubjectHours]:
        """Subjects first, then activities; the most time first."""
        return sorted(
            self.subjects.values(), key=lambda s: (s.kind != "subject", -s.minutes, s.name)
        )


@dataclass(frozen=True)
class ChildRecords:
    child: Child
    period: Period
    tally: Tally
    progress: Progress | None


@dataclass(frozen=True)
class FamilyRecords:
    period: Period
    children: list[ChildRecords]

    @property
    def days_of_instruction(self) -> int:
        """Dates on which any child did work."""
        return len(set().union(*(c.tally.days for c in self.children)))

    @property
    def total_minutes(self) -> int:
        return sum(c.tally.total_minutes for c in self.children)

    @property
    def total_hours(self) -> float:
        return hours_of(self.total_minutes)

    @property
    def core_minutes(self) -> int:
        return sum(c.tally.core_minutes for c in self.children)

    @property
    def core_hours(self) -> float:
        return hours_of(self.core_minutes)


# --- periods ---------------------------------------------------------------------------


def period_order_check(date_from: dt.date | None, date_to: dt.date | None) -> None:
    """`to` before `from` is a 400 naming `to`."""
    if date_from and date_to and date_to < date_from:
        raise Invalid({"to": ["Must be on or after `from`."]})


def records_period(
    *,
    target: RecordsTarget | None,
    today: dt.date,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Period:
    """The period asked for; what is left out defaults to the target's school
    year, or else to the last 365 days up to today. A lone `from` after the
    default's end (or a lone `to` before its start) reaches 365 days forward
    (or back) instead."""
    period_order_check(date_from, date_to)
    if target is not None:
        default = Period(target.year_start, target.year_end)
    else:
        default = Period(today - DEFAULT_SPAN, today)
    start = date_from or default.start
    end = date_to or default.end
    if date_from and not date_to and end < start:
        end = start + DEFAULT_SPAN
    if date_to and not date_from and start > end:
        start = end - DEFAULT_SPAN
    return Period(start, end)


def _reporting(
    family: Family, date_from: dt.date | None, date_to: dt.date | None
) -> tuple[Period, RecordsTarget | None, dt.date]:
    """The period a family's records read covers, with what it was worked out
    from: the family's target (one query) and today where the family lives."""
    target = RecordsTarget.objects.filter(family=family).first()
    today = family_today(family)
    period = records_period(target=target, today=today, date_from=date_from, date_to=date_to)
    return period, target, today


# --- minutes ---------------------------------------------------------------------------


def _span(start: object, end: object) -> int | None:
    """Minutes between two "HH:MM" strings, or None when either is missing or bad."""
    if not (isinstance(start, str) and isinstance(end, str)):
        return None
    try:
        length = clock_minutes(end) - clock_minutes(start)
    except ValueError:
        return None
    return length if length > 0 else None


def _item_minutes(item: ScheduleItem, log: ActivityLog | None) -> int:
    actual = (log.actual or {}) if log else {}
    recorded = _span(actual.get("startTime"), actual.get("endTime"))
    if recorded is not None:
        return recorded
    return item.minutes


def log_minutes(log: ActivityLog) -> int | None:
    """Minutes a completed log stands for: actual times if both were recorded,
    else the planned ones. None for any other action."""
    if log.action != "completed":
        return None
    actual, scheduled = log.actual or {}, log.scheduled or {}
    recorded = _span(actual.get("startTime"), actual.get("endTime"))
    return (
        recorded
        if recorded is not None
        else _span(scheduled.get("startTime"), scheduled.get("endTime"))
    )


def _subject_key(item: ScheduleItem) -> tuple[str, str, bool]:
    if item.item_type == "activity":
        return "activity", item.name or OTHER_ACTIVITIES, False
    original = item.item_data.get("originalSubject") or {}
    name = original.get("name") or item.name
    is_core = original.get("isCoreSubject")
    if is_core is None:
        is_core = bool(item.subject and item.subject.is_core_subject)
    return "subject", name, bool(is_core)


# --- reading ---------------------------------------------------------------------------


def _completed_items(children: Iterable[Child], periods: list[Period]) -> QuerySet[ScheduleItem]:
    in_periods = Q()
    for period in periods:
        in_periods |= Q(day_date__range=(period.start, period.end))
    return (
        ScheduleItem.objects.filter(
            in_periods,
            schedule__child__in=list(children),
            schedule__is_active=True,
            item_type__in=COUNTED_TYPES,
            completed=True,
        )
        .select_related("schedule", "subject")
        .order_by("day_date", "start_time")
    )


def _latest_logs(items: QuerySet[ScheduleItem], children: Iterable[Child]) -> tuple[dict, dict]:
    """The latest `completed` log of each item, by item id and by calendar uid
    (a log written against an older version of the item)."""
    children = list(children)
    # Every version of the items, through the children's schedules. Filtering the
    # logs on their own column keeps the join to schedule_items a lookup by key:
    # with the condition on the joined row instead, PostgreSQL scanned the whole
    # table (3 s at 4 million items, bench/queries.py).
    versions = ScheduleItem.objects.filter(
        schedule__child__in=children,
        calendar_uid__in=items.exclude(calendar_uid="").values("calendar_uid"),
    ).values("pk")
    logs = (
        ActivityLog.objects.filter(action="completed", child__in=children)
        .filter(Q(schedule_item__in=items.values("pk")) | Q(schedule_item__in=versions))
        .annotate(item_uid=F("schedule_item__calendar_uid"))
        .order_by("created_at")
    )
    by_id, by_uid = {}, {}
    for log in logs:  # oldest first: the latest wins
        by_id[log.schedule_item_id] = log
        if log.item_uid:
            by_uid[(log.child_id, log.item_uid)] = log
    return by_id, by_uid


def _tally(items: list[ScheduleItem], logs: tuple[dict, dict], period: Period) -> Tally:
    by_id, by_uid = logs
    tally = Tally()
    for item in items:
        if item.day_date not in period:
            continue
        if item.calendar_uid:
            log = by_uid.get((item.schedule.child_id, item.calendar_uid))
        else:
            log = by_id.get(item.pk)
        kind, name, is_core = _subject_key(item)
        row = tally.subjects.setdefault((kind, name), SubjectHours(name, kind, is_core))
        minutes = _item_minutes(item, log)
        row.minutes += minutes
        row.sessions += 1
        tally.days.add(item.day_date)
        tally.minutes_by_day[item.day_date] = tally.minutes_by_day.get(item.day_date, 0) + minutes
        if log is not None and log.notes.strip():
            tally.notes.append(Note(item.day_date, item.name, log.notes.strip()))
        if log is not None and isinstance(lesson := (log.actual or {}).get("lesson"), dict):
            tally.lessons.append(
                LessonCovered(
                    item.day_date, name, lesson.get("position", 0), lesson.get("title", "")
                )
            )
    return tally


def _measure(done: float, required: int | None, elapsed: float) -> Measure:
    if not required:
        return Measure(done, None, None, None, None)
    expected = round(required * elapsed, 1)
    return Measure(done, required, round(100 * done / required, 1), expected, done >= expected)


def _progress(target: RecordsTarget, tally: Tally, today: dt.date) -> Progress:
    """Done against required; on track if at least the share of the year gone by."""
    year_days = (target.year_end - target.year_start).days + 1
    gone = (min(today, target.year_end) - target.year_start).days + 1
    elapsed = min(max(gone / year_days, 0.0), 1.0)
    return Progress(
        period=Period(target.year_start, target.year_end),
        state=target.state,
        days=_measure(tally.days_of_instruction, target.required_days, elapsed),
        hours=_measure(tally.total_hours, target.required_hours, elapsed),
        core_hours=_measure(tally.core_hours, target.required_core_hours, elapsed),
    )


def _records(
    children: list[Child], period: Period, target: RecordsTarget | None, today: dt.date
) -> list[ChildRecords]:
    year = Period(target.year_start, target.year_end) if target else None
    items_qs = _completed_items(children, [period, year] if year else [period])
    items = list(items_qs)
    logs = _latest_logs(items_qs, children) if items else ({}, {})
    by_child: dict = defaultdict(list)
    for item in items:
        by_child[item.schedule.child_id].append(item)
    out = []
    for child in children:
        rows = by_child.get(child.pk, [])
        tally = _tally(rows, logs, period)
        year_tally = tally if year == period else (_tally(rows, logs, year) if year else None)
        progress = _progress(target, year_tally, today) if target else None
        out.append(ChildRecords(child, period, tally, progress))
    return out


def records_target_get(*, user: User) -> RecordsTarget | None:
    return owned_by(RecordsTarget.objects.all(), user, owner_path="family__owner").first()


def child_records(
    *, user: User, child_id, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> ChildRecords:
    """One child's records over a period (default: the school year). 404 for
    another family's child."""
    child = get_owned_or_404(
        Child.objects.live().select_related("family"),
        user,
        owner_path="family__owner",
        pk=child_id,
    )
    period, target, today = _reporting(child.family, date_from, date_to)
    return _records([child], period, target, today)[0]


def family_records(
    *, user: User, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> FamilyRecords:
    """Every live child's records over a period, children in order."""
    family = family_get(user=user)
    children = list(family.children.live())
    period, target, today = _reporting(family, date_from, date_to)
    return FamilyRecords(period, _records(children, period, target, today))


def activity_logs(
    *,
    user: User,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    child_id=None,
) -> tuple[Period, QuerySet[ActivityLog]]:
    """The family's activity log over a period (defaulting as the records do),
    oldest first, optionally one child's only; 404 for another family's child."""
    family = family_get(user=user)
    child = child_get(user=user, child_id=child_id) if child_id is not None else None
    period, _, _ = _reporting(family, date_from, date_to)
    logs = ActivityLog.objects.filter(family=family, date__range=(period.start, period.end))
    if child is not None:
        logs = logs.filter(child=child)
    # Entries written in the same instant (one request) keep the day's order.
    ordered = logs.select_related("child").order_by(
        "date", "created_at", "child__position", "scheduled__startTime", "pk"
    )
    return period, ordered
