"""The planner's JSON shapes, each built in one place.

Every view, write and stored snapshot answers with these (camelCase, seed 000's
names). The TypedDicts say what each holds; the API documents the same shapes
with the serializers in `serializers/`, and `tests/test_schema_conformance.py`
checks real answers against that documentation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import NotRequired, TypedDict

from brightpath.curriculum.models import Resource

from .clock import hhmm, week_dates
from .engine.model import SolverStats, Unplaced
from .models import ScheduleItem


class ItemShape(TypedDict):
    id: str
    type: str  # subject, commitment, activity
    name: str
    date: str  # ISO date
    startTime: str  # "HH:MM"
    endTime: str
    completed: bool
    skipped: bool
    pinned: bool
    version: int
    notes: str
    subjectId: NotRequired[str]
    commitmentId: NotRequired[str]
    isExternal: NotRequired[bool]
    parentInvolvement: NotRequired[str]
    carriedOver: NotRequired[dict]
    resources: NotRequired[list[ResourceRefShape]]
    # Views only (selectors/lessons.py fills it on read): the lesson the session
    # teaches, for a subject with a lesson sequence.
    lesson: NotRequired[LessonShape]


class LessonShape(TypedDict):
    """The lesson a subject session shows: done with it, or next for it."""

    id: str
    sequenceId: str
    title: str
    position: int  # 1, 2, ...
    of: int  # lessons in the sequence
    notes: str
    resourceUrl: str
    estimatedMinutes: int | None
    done: bool  # completed with this session


class ResourceRefShape(TypedDict):
    """A catalogue resource a session links to (seed 000 item_data.resources)."""

    id: str
    type: str  # book, video, website, worksheet, ...
    name: str
    url: str


class DayShape(TypedDict):
    date: str
    dayOfWeek: str
    items: list[dict]  # ItemShape, or a snapshot's part of it


class SolverShape(TypedDict):
    status: str
    objective: float | None
    bestBound: float | None
    gap: float | None
    wallTime: float


class UnplacedShape(TypedDict):
    childId: str
    childName: str
    subjectId: str
    subjectName: str
    date: str | None
    reason: str


class ScheduledShape(TypedDict):
    """Seed 000's `scheduled`: where an item was planned, kept in its log."""

    date: str
    startTime: str
    endTime: str
    original: dict  # {subjectId, name, duration}


def item_involvement(item: ScheduleItem) -> str | None:
    """How much of the parent the item takes, if it is something the child does."""
    if item.item_type == "subject":
        return item.item_data.get("originalSubject", {}).get("parentInvolvement")
    if item.item_type == "activity":
        return item.item_data.get("parentInvolvement")
    return None


def item_json(item: ScheduleItem) -> ItemShape:
    """One item as every view and write answers it (camelCase, seed 000 names)."""
    out: ItemShape = {
        "id": str(item.pk),
        "type": item.item_type,
        "name": item.name,
        "date": item.day_date.isoformat(),
        "startTime": hhmm(item.start_time),
        "endTime": hhmm(item.end_time),
        "completed": item.completed,
        "skipped": item.skipped,
        "pinned": item.pinned,
        "version": item.version,
        "notes": item.item_data.get("notes", ""),
    }
    if item.subject_id:
        out["subjectId"] = str(item.subject_id)
    if item.commitment_id:
        out["commitmentId"] = str(item.commitment_id)
    if item.is_external:
        out["isExternal"] = True
    if involvement := item_involvement(item):
        out["parentInvolvement"] = involvement
    if carried := item.item_data.get("carriedOver"):
        out["carriedOver"] = carried
    if resources := item.item_data.get("resources"):
        out["resources"] = resources
    return out


# The item fields a schedule's `schedule_data` snapshot keeps (seed 000).
SNAPSHOT_ITEM_FIELDS = (
    "id",
    "type",
    "name",
    "startTime",
    "endTime",
    "completed",
    "skipped",
    "subjectId",
    "commitmentId",
    "isExternal",
)


def snapshot_item_json(item: ScheduleItem) -> dict:
    """One item as the `schedule_data` snapshot stores it: part of `item_json`."""
    full = item_json(item)
    return {field: full[field] for field in SNAPSHOT_ITEM_FIELDS if field in full}


def days_json(
    week_start: dt.date,
    items: Iterable[ScheduleItem],
    as_json: Callable[[ScheduleItem], dict] = item_json,
) -> list[DayShape]:
    """The week's seven days, each with its items (in the order given) shaped by `as_json`."""
    days: dict[dt.date, list[dict]] = {day: [] for day in week_dates(week_start)}
    for item in items:
        days[item.day_date].append(as_json(item))
    return [
        {"date": day.isoformat(), "dayOfWeek": f"{day:%A}", "items": day_items}
        for day, day_items in days.items()
    ]


MAX_RESOURCES = 5  # linked from one session; the subject's page lists them all


def resource_ref(resource: Resource) -> ResourceRefShape:
    return {
        "id": str(resource.pk),
        "type": resource.resource_type,
        "name": resource.title,
        "url": resource.url,
    }


def solver_json(stats: SolverStats) -> SolverShape:
    return {
        "status": stats.status,
        "objective": stats.objective,
        "bestBound": stats.best_bound,
        "gap": stats.gap,
        "wallTime": stats.wall_time,
    }


def unplaced_json(u: Unplaced) -> UnplacedShape:
    return {
        "childId": u.child_id,
        "childName": u.child_name,
        "subjectId": u.subject_id,
        "subjectName": u.subject_name,
        "date": u.day.isoformat() if u.day else None,
        "reason": u.reason,
    }


def scheduled_json(item: ScheduleItem) -> ScheduledShape:
    """Seed 000's `scheduled` shape: where the item was planned."""
    return {
        "date": item.day_date.isoformat(),
        "startTime": hhmm(item.start_time),
        "endTime": hhmm(item.end_time),
        "original": {
            "subjectId": str(item.subject_id) if item.subject_id else None,
            "name": item.name,
            "duration": item.minutes,
        },
    }
