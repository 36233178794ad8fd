"""Which lesson each session teaches, and how fast a child moves through a sequence.

The assignment rule (no lesson is pinned to a date):

- a completed session shows the lesson recorded when it was completed;
- the subject's sessions still ahead (today or later, neither completed nor
  skipped), in time order, are dealt the lessons not yet done, in order;
- a past session neither completed nor skipped (missed) shows none: its lesson
  goes to the next session of the subject, and every later lesson shifts.

`assign` is that rule as a pure function; `lessons_for_sessions` feeds it from
the database for any set of sessions (a week, a day, a feed's window) in a
fixed number of queries. Progress is per subject plan (LessonCompletion), so
siblings sharing a sequence each move at their own pace.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count

from brightpath.accounts.models import User
from brightpath.common.errors import NotFound
from brightpath.common.recurrence import WEEKDAYS
from brightpath.curriculum.models import Lesson, Subject
from brightpath.curriculum.selectors import child_subject_plans
from brightpath.families.models import Family
from brightpath.families.selectors import family_get

from ..clock import family_today, week_start_of
from ..engine.model import target_sessions
from ..models import LessonCompletion, RecordsTarget, ScheduleItem
from ..shapes import item_json

SUGGESTION_KINDS = ["add_sessions", "double_up"]
PACE_WEEKS = 4  # the family's actual pace is read over the last four weeks


@dataclass(frozen=True)
class Session:
    """A planned session of a subject, as the assignment sees it."""

    id: str
    subject_id: str
    date: dt.date
    start: str  # "HH:MM"
    completed: bool = False
    skipped: bool = False


@dataclass(frozen=True)
class LessonRow:
    id: str
    sequence_id: str
    position: int
    title: str
    notes: str = ""
    url: str = ""
    minutes: int | None = None


@dataclass(frozen=True)
class Shown:
    """The lesson a session shows: which, out of how many, and whether done."""

    lesson: LessonRow
    of: int
    done: bool


def assign(
    *,
    sessions: Iterable[Session],
    not_done: list[LessonRow],
    done_by_session: dict[str, LessonRow],
    today: dt.date,
    ahead_before: int = 0,
) -> dict[str, tuple[LessonRow, bool]]:
    """One subject's sessions -> (lesson, done) by session id.

    `not_done`: the subject's lessons not yet done, in order. `done_by_session`:
    the lesson each completed session recorded. `ahead_before`: sessions still
    ahead that come before these (earlier days not in view), which take the
    first not-done lessons."""
    out: dict[str, tuple[LessonRow, bool]] = {}
    ahead = []
    for session in sessions:
        if session.completed:
            if lesson := done_by_session.get(session.id):
                out[session.id] = (lesson, True)
        elif not session.skipped and session.date >= today:
            ahead.append(session)
    ahead.sort(key=lambda s: (s.date, s.start, s.id))
    for index, session in enumerate(ahead, start=ahead_before):
        if index >= len(not_done):
            break
        out[session.id] = (not_done[index], False)
    return out


def _sequence_lessons(subject_ids: set[str]) -> dict[str, list[LessonRow]]:
    """Each subject plan's lessons in order (one query), for plans with a sequence."""
    rows = (
        Lesson.objects.filter(sequence__subject_plans__pk__in=subject_ids)
        .values_list(
            "sequence__subject_plans__pk",
            "pk",
            "sequence_id",
            "position",
            "title",
            "notes",
            "resource_url",
            "estimated_minutes",
        )
        .order_by("position")
    )
    lessons: dict[str, list[LessonRow]] = defaultdict(list)
    for subject_id, pk, sequence_id, position, title, notes, url, minutes in rows:
        lessons[str(subject_id)].append(
            LessonRow(str(pk), str(sequence_id), position, title, notes, url, minutes)
        )
    return lessons


def lessons_for_sessions(
    *, sessions: list[Session], today: dt.date, window_start: dt.date | None = None
) -> dict[str, Shown]:
    """The lesson each of these sessions shows, by session id. `window_start`:
    the first day these sessions cover (default: the earliest of them); ahead
    sessions before it, from today on, are counted from the database.

    Queries: one when no session's subject has lessons; else two, three when the
    window starts after today."""
    subject_ids = {s.subject_id for s in sessions if s.subject_id}
    if not subject_ids:
        return {}
    lessons = _sequence_lessons(subject_ids)
    if not lessons:
        return {}
    done: dict[str, dict[str, str | None]] = defaultdict(dict)  # subject -> lesson -> item
    for subject_id, lesson_id, item_id in LessonCompletion.objects.filter(
        subject_id__in=lessons.keys()
    ).values_list("subject_id", "lesson_id", "schedule_item_id"):
        done[str(subject_id)][str(lesson_id)] = str(item_id) if item_id else None
    window_start = window_start or min(s.date for s in sessions)
    ahead_before: dict[str, int] = {}
    if window_start > today:
        ahead_before = {
            str(subject_id): count
            for subject_id, count in ScheduleItem.objects.filter(
                subject_id__in=lessons.keys(),
                schedule__is_active=True,
                item_type="subject",
                completed=False,
                skipped=False,
                day_date__gte=today,
                day_date__lt=window_start,
            )
            .values("subject_id")
            .annotate(n=Count("pk"))
            .values_list("subject_id", "n")
        }
    by_subject: dict[str, list[Session]] = defaultdict(list)
    for session in sessions:
        if session.subject_id in lessons:
            by_subject[session.subject_id].append(session)
    out: dict[str, Shown] = {}
    for subject_id, subject_sessions in by_subject.items():
        rows, subject_done = lessons[subject_id], done[subject_id]
        by_id = {row.id: row for row in rows}
        assigned = assign(
            sessions=subject_sessions,
            not_done=[row for row in rows if row.id not in subject_done],
            done_by_session={
                item_id: by_id[lesson_id]
                for lesson_id, item_id in subject_done.items()
                if item_id and lesson_id in by_id
            },
            today=today,
            ahead_before=ahead_before.get(subject_id, 0),
        )
        for session_id, (lesson, is_done) in assigned.items():
            out[session_id] = Shown(lesson, len(lessons[subject_id]), is_done)
    return out


# --- the lesson on the week's items --------------------------------------------------


def _session_of(item: dict) -> Session | None:
    if item.get("type") != "subject" or not item.get("subjectId"):
        return None
    return Session(
        id=item["id"],
        subject_id=item["subjectId"],
        date=dt.date.fromisoformat(item["date"]),
        start=item["startTime"],
        completed=item["completed"],
        skipped=item["skipped"],
    )


def lesson_shape(shown: Shown) -> dict:
    """An item's `lesson` (shapes.LessonShape)."""
    lesson = shown.lesson
    return {
        "id": lesson.id,
        "sequenceId": lesson.sequence_id,
        "title": lesson.title,
        "position": lesson.position,
        "of": shown.of,
        "notes": lesson.notes,
        "resourceUrl": lesson.url,
        "estimatedMinutes": lesson.minutes,
        "done": shown.done,
    }


def items_with_lessons(
    items: Iterable[dict], *, family: Family, window_start: dt.date | None = None
) -> None:
    """Put each subject session's lesson on its item (`item["lesson"]`), in place.
    The items are item_json shapes, read from the database or the cache: the
    lesson is worked out on every read (it moves with "today"), never cached."""
    items = list(items)
    sessions = [s for s in map(_session_of, items) if s is not None]
    if not sessions:
        return
    shown = lessons_for_sessions(
        sessions=sessions, today=family_today(family), window_start=window_start
    )
    for item in items:
        item.pop("lesson", None)
        if found := shown.get(item["id"]):
            item["lesson"] = lesson_shape(found)


def item_with_lesson(item: ScheduleItem) -> dict:
    """One item as a write answers it: item_json with its lesson, as the views show it."""
    out = dict(item_json(item))
    items_with_lessons([out], family=item.schedule.family, window_start=item.day_date)
    return out


def scheduled_lessons(items: list[ScheduleItem], *, family: Family) -> dict[str, Shown]:
    """The lesson of each of these items (model rows: a feed, an agenda), by id."""
    sessions = [
        Session(
            id=str(item.pk),
            subject_id=str(item.subject_id),
            date=item.day_date,
            start=f"{item.start_time:%H:%M}",
            completed=item.completed,
            skipped=item.skipped,
        )
        for item in items
        if item.item_type == "subject" and item.subject_id
    ]
    if not sessions:
        return {}
    return lessons_for_sessions(sessions=sessions, today=family_today(family))


# --- progress and pace ---------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    kind: str  # SUGGESTION_KINDS
    needed_per_week: int
    extra_per_week: int
    days: list[str]
    message: str


@dataclass(frozen=True)
class Pace:
    planned_per_week: float
    actual_per_week: float | None  # None: nothing completed in a session yet
    projected_finish: dt.date | None  # None: done, or no pace to project from
    school_year_end: dt.date | None
    finishes_late: bool
    warning: str | None
    suggestion: Suggestion | None


def actual_pace(completed_on: list[dt.date], today: dt.date) -> float | None:
    """Lessons done in sessions a week, over the last PACE_WEEKS weeks (or since
    the first, if sooner; at least a week)."""
    if not completed_on:
        return None
    start = max(today - dt.timedelta(days=PACE_WEEKS * 7 - 1), min(completed_on))
    weeks = max(((today - start).days + 1) / 7, 1.0)
    recent = sum(1 for day in completed_on if start <= day <= today)
    return round(recent / weeks, 2)


def _join(days: list[str]) -> str:
    return days[0] if len(days) == 1 else ", ".join(days[:-1]) + " and " + days[-1]


def _suggestion(
    *,
    remaining: int,
    pace: float,
    today: dt.date,
    year_end: dt.date,
    school_days: list[str],
    session_days: list[str],
) -> Suggestion | None:
    """How many more lessons a week finish by the year's end: first sessions on
    school days without one, then two lessons on a day, from the week's end."""
    weeks_left = ((year_end - today).days + 1) / 7
    if weeks_left <= 0:
        return None
    needed = math.ceil(remaining / weeks_left)
    extra = max(1, math.ceil(needed - pace))
    by = f"{year_end:%B} {year_end.day}"
    added = [day for day in school_days if day not in session_days][:extra]
    double = extra - len(added)
    if not double:
        plural = "s" if extra > 1 else ""
        message = f"Add {extra} session{plural} a week (on {_join(added)}) to finish by {by}."
        return Suggestion("add_sessions", needed, extra, added, message)
    with_sessions = [day for day in WEEKDAYS if day in session_days or day in added]
    if not with_sessions:  # no school days known to put them on
        message = f"Do {needed} lessons a week to finish by {by}."
        return Suggestion("add_sessions", needed, extra, [], message)
    doubled = with_sessions[-double:]
    message = f"Double up on {_join(doubled)} (two lessons that day) to finish by {by}."
    if added:
        message = (
            f"Add sessions on {_join(added)}, and double up on {_join(doubled)} "
            f"(two lessons that day) to finish by {by}."
        )
    if double > len(with_sessions):
        message += " Even that is not quite enough: consider trimming the sequence."
    return Suggestion("double_up", needed, extra, added + doubled, message)


def projected_finish(
    *,
    remaining: int,
    planned_per_week: float,
    actual_per_week: float | None,
    ahead: list[dt.date],
    today: dt.date,
) -> dt.date | None:
    """When the last lesson falls. Keeping up with the plan (or before any lesson
    is done), the sessions already planned ahead (`ahead`, in order) take the
    next lessons and the plan's pace carries on after them; behind the plan,
    the family's own pace runs from today. None: finished, or no pace at all."""
    if not remaining:
        return None
    if actual_per_week is None or actual_per_week >= planned_per_week:
        if remaining <= len(ahead):
            return ahead[remaining - 1]
        if planned_per_week <= 0:
            return None
        left = remaining - len(ahead)
        return max(ahead or [today]) + dt.timedelta(days=math.ceil(left / planned_per_week * 7))
    if actual_per_week <= 0:
        return None
    return today + dt.timedelta(days=math.ceil(remaining / actual_per_week * 7))


def pace_of(
    *,
    remaining: int,
    completed_on: list[dt.date],
    planned_per_week: float,
    today: dt.date,
    year_end: dt.date | None,
    school_days: list[str],
    session_days: list[str],
    ahead: list[dt.date] = (),
) -> Pace:
    """The projected finish at the family's pace (projected_finish), and a
    warning with a suggestion when it passes the school year's end. Pure: the
    numbers in, the projection out."""
    actual = actual_pace(completed_on, today)
    pace = actual if actual is not None else planned_per_week
    finish = projected_finish(
        remaining=remaining,
        planned_per_week=planned_per_week,
        actual_per_week=actual,
        ahead=sorted(ahead),
        today=today,
    )
    late = bool(remaining and year_end and (finish is None or finish > year_end))
    warning = suggestion = None
    if late and year_end is not None:
        if finish is None:
            warning = (
                "At the current pace this sequence will not finish by the end of the school year."
            )
        else:
            warning = (
                f"At this pace the last lesson falls on {finish:%B} {finish.day}, {finish.year}, "
                f"after the school year ends ({year_end:%B} {year_end.day})."
            )
        suggestion = _suggestion(
            remaining=remaining,
            pace=pace,
            today=today,
            year_end=year_end,
            school_days=school_days,
            session_days=session_days,
        )
    return Pace(
        planned_per_week=planned_per_week,
        actual_per_week=actual,
        projected_finish=finish,
        school_year_end=year_end,
        finishes_late=late,
        warning=warning,
        suggestion=suggestion,
    )


@dataclass(frozen=True)
class LessonStatus:
    lesson: LessonRow
    done: bool
    completed_on: dt.date | None
    item_id: str | None


@dataclass
class SubjectLessons:
    """A child's subject plan's sequence, lesson by lesson, with its pace."""

    subject: Subject
    lessons: list[LessonStatus] = field(default_factory=list)
    pace: Pace | None = None

    @property
    def done(self) -> int:
        return sum(1 for status in self.lessons if status.done)

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def remaining(self) -> int:
        return self.total - self.done

    @property
    def next_lesson(self) -> LessonRow | None:
        return next((s.lesson for s in self.lessons if not s.done), None)


def _sessions_from_this_week(
    subjects: list[Subject], today: dt.date
) -> tuple[dict[str, list[dt.date]], dict[str, list[dt.date]]]:
    """By subject plan (one query): the days this week has a session on (not
    skipped), and the dates of the sessions still ahead in every planned week."""
    this_week: dict[str, list[dt.date]] = defaultdict(list)
    ahead: dict[str, list[dt.date]] = defaultdict(list)
    monday = week_start_of(today)
    for subject_id, day, completed in (
        ScheduleItem.objects.filter(
            subject__in=subjects,
            schedule__is_active=True,
            item_type="subject",
            skipped=False,
            day_date__gte=monday,
        )
        .order_by("day_date", "start_time")
        .values_list("subject_id", "day_date", "completed")
    ):
        if day < monday + dt.timedelta(days=7):
            this_week[str(subject_id)].append(day)
        if day >= today and not completed:
            ahead[str(subject_id)].append(day)
    return this_week, ahead


def _subjects_lessons(subjects: list[Subject], family: Family) -> list[SubjectLessons]:
    """Progress and pace of each subject plan (with a sequence); fixed queries."""
    subjects = [s for s in subjects if s.lesson_sequence_id]
    if not subjects:
        return []
    today = family_today(family)
    lessons = _sequence_lessons({str(s.pk) for s in subjects})
    completions: dict[str, dict[str, LessonCompletion]] = defaultdict(dict)
    for row in LessonCompletion.objects.filter(subject__in=subjects):
        completions[str(row.subject_id)][str(row.lesson_id)] = row
    target = RecordsTarget.objects.filter(family=family).first()
    year_end = target.year_end if target else None
    planned, ahead = _sessions_from_this_week(subjects, today)
    school_days = [d for d in WEEKDAYS if d in family.school_days]
    out = []
    for subject in subjects:
        done = completions[str(subject.pk)]
        statuses = [
            LessonStatus(
                row,
                row.id in done,
                done[row.id].completed_on if row.id in done else None,
                str(done[row.id].schedule_item_id)
                if row.id in done and done[row.id].schedule_item_id
                else None,
            )
            for row in lessons.get(str(subject.pk), [])
        ]
        days = planned.get(str(subject.pk))
        if days:
            per_week = float(len(days))
        else:
            per_week = float(target_sessions(subject.frequency, len(school_days))[0])
        result = SubjectLessons(subject, statuses)
        result.pace = pace_of(
            remaining=result.remaining,
            # Lessons marked done by hand (before the plan began) are not the pace.
            completed_on=[c.completed_on for c in done.values() if c.schedule_item_id],
            planned_per_week=per_week,
            today=today,
            year_end=year_end,
            school_days=school_days,
            session_days=[d for d in WEEKDAYS if d in {f"{day:%A}" for day in days or []}],
            ahead=ahead.get(str(subject.pk), []),
        )
        out.append(result)
    return out


def subject_lessons(*, user: User, child_id, subject_id) -> SubjectLessons | None:
    """One of the family's subject plans' lessons and pace; None without a
    sequence. Another family's child or subject: NotFound."""
    subject = subject_get(user=user, child_id=child_id, subject_id=subject_id)
    found = _subjects_lessons([subject], subject.child.family)
    return found[0] if found else SubjectLessons(subject)


def subject_get(*, user: User, child_id, subject_id) -> Subject:
    subject = (
        child_subject_plans(user=user, child_id=child_id)
        .select_related("lesson_sequence")
        .filter(pk=subject_id)
        .first()
    )
    if subject is None:
        raise NotFound("No such subject.")
    return subject


def family_lesson_progress(*, user: User) -> list[SubjectLessons]:
    """Every live child's subject plans that have a sequence, children in order."""
    family = family_get(user=user)
    subjects = list(
        Subject.objects.live()
        .filter(
            child__family=family, child__archived_at__isnull=True, lesson_sequence__isnull=False
        )
        .select_related("child", "lesson_sequence")
        .order_by("child__position", "child__created_at", "position")
    )
    return _subjects_lessons(subjects, family)
