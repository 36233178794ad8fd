"""Signals from use: what the family did with the schedule, as training examples.

The planner logs every operation on a schedule item (planner.models.ActivityLog:
completed, skipped, rescheduled, uncompleted, unskipped, added, deleted). Each
log row becomes a LogEvent (plain data, built by the Django side with
LogEvent.from_activity_log, or by the simulation directly); extract() turns a
family's events into Examples, one per thing the family told us:

- move: the parent dragged the item: from where to where, the shift in
  minutes on the clock (+ later, - earlier) and in days;
- carry_over: the item moved forward because it was not done (the nightly
  carry-over, not the parent's choice: never read as a preference);
- complete: done, with the child's engagement (1-5) and the actual minutes
  when given;
- skip: not done, on purpose.

"uncompleted" and "unskipped" take back the latest completion or skip of the
same item; "added" and "deleted" say nothing about when a subject fits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MOVE, CARRY_OVER, COMPLETE, SKIP = "move", "carry_over", "complete", "skip"
KINDS = (MOVE, CARRY_OVER, COMPLETE, SKIP)


def minute_of(value: str | None) -> int | None:
    """ "HH:MM" (or "HH:MM:SS") -> minutes after midnight; None stays None."""
    if not value:
        return None
    hours, minutes = value.split(":")[:2]
    return int(hours) * 60 + int(minutes)


@dataclass(frozen=True)
class LogEvent:
    """One ActivityLog row, reduced to what learning reads."""

    child_id: str
    subject_id: str
    subject_name: str
    action: str  # ActivityLog.action
    date: dt.date  # the day the item was on when it happened
    start: int  # its start then, minutes after midnight
    end: int
    logged_on: dt.date | None = None  # when it happened; None: on `date`
    item_id: str | None = None  # ties uncompleted/unskipped to what they take back
    new_date: dt.date | None = None  # rescheduled: where it went
    new_start: int | None = None
    forced: bool = False  # rescheduled over a conflict the parent accepted
    carry_over: bool = False  # rescheduled by carry-over, not by the parent
    engagement: int | None = None  # completed: the child's engagement, 1-5
    actual_start: int | None = None  # completed: when it really happened
    actual_end: int | None = None

    @classmethod
    def from_activity_log(
        cls,
        *,
        child_id: str,
        subject_id: str,
        subject_name: str,
        action: str,
        date: dt.date,
        scheduled: dict,
        actual: dict | None,
        logged_on: dt.date | None = None,
        item_id: str | None = None,
    ) -> LogEvent:
        """From an ActivityLog's fields; `scheduled` and `actual` are its JSON (shapes
        documented on planner.models.ActivityLog)."""
        actual = actual or {}
        new_date = actual.get("newDate")
        engagement = actual.get("childEngagement")
        return cls(
            child_id=str(child_id),
            subject_id=str(subject_id),
            subject_name=subject_name,
            action=action,
            date=date,
            start=minute_of(scheduled.get("startTime")) or 0,
            end=minute_of(scheduled.get("endTime")) or 0,
            logged_on=logged_on,
            item_id=None if item_id is None else str(item_id),
            new_date=dt.date.fromisoformat(new_date) if new_date else None,
            new_start=minute_of(actual.get("newStartTime")),
            forced=bool(actual.get("forced", False)),
            carry_over=bool(actual.get("carryOverId")),
            engagement=int(engagement) if engagement is not None else None,
            actual_start=minute_of(actual.get("startTime")),
            actual_end=minute_of(actual.get("endTime")),
        )


@dataclass(frozen=True)
class Example:
    """One training example: what happened to one session of a child's subject."""

    kind: str  # MOVE, CARRY_OVER, COMPLETE, SKIP
    child_id: str
    subject_id: str
    subject_name: str
    day: dt.date  # the day the schedule had it on
    start: int  # where the schedule had it, minutes after midnight
    planned_minutes: int
    on: dt.date  # when it was observed
    to_day: dt.date | None = None  # move, carry_over: where it went
    to_start: int | None = None
    engagement: int | None = None  # complete
    actual_minutes: int | None = None  # complete, when the times were logged

    @property
    def shift(self) -> int:
        """Minutes later (+) or earlier (-) on the clock; 0 unless it moved."""
        return 0 if self.to_start is None else self.to_start - self.start

    @property
    def day_shift(self) -> int:
        """Days later (+) or earlier (-); 0 unless it moved."""
        return 0 if self.to_day is None else (self.to_day - self.day).days

    @property
    def direction(self) -> str:
        """For a move: "earlier", "later", or "same" (another day, same time)."""
        if self.shift < 0:
            return "earlier"
        if self.shift > 0:
            return "later"
        return "same"

    @property
    def weekday(self) -> int:
        return self.day.weekday()


def extract(events) -> list[Example]:
    """A family's events (in the order they happened) as training examples."""
    examples: list[Example] = []
    # Where the latest completion / skip of each item is, so an undo can drop it.
    latest: dict[tuple, int] = {}
    dropped: set[int] = set()
    for event in events:
        key = _item_key(event)
        if event.action in ("uncompleted", "unskipped"):
            taken_back = COMPLETE if event.action == "uncompleted" else SKIP
            index = latest.pop((taken_back, key), None)
            if index is not None:
                dropped.add(index)
            continue
        example = _example(event)
        if example is None:
            continue
        if example.kind in (COMPLETE, SKIP):
            latest[(example.kind, key)] = len(examples)
        examples.append(example)
    return [e for n, e in enumerate(examples) if n not in dropped]


def _item_key(event: LogEvent) -> tuple:
    if event.item_id is not None:
        return (event.item_id,)
    return (event.child_id, event.subject_id, event.date, event.start)


def _example(event: LogEvent) -> Example | None:
    common = {
        "child_id": event.child_id,
        "subject_id": event.subject_id,
        "subject_name": event.subject_name,
        "day": event.date,
        "start": event.start,
        "planned_minutes": max(0, event.end - event.start),
        "on": event.logged_on or event.date,
    }
    if event.action == "rescheduled":
        if event.new_date is None and event.new_start is None:
            return None
        return Example(
            kind=CARRY_OVER if event.carry_over else MOVE,
            to_day=event.new_date or event.date,
            to_start=event.start if event.new_start is None else event.new_start,
            **common,
        )
    if event.action == "completed":
        actual = None
        if event.actual_start is not None and event.actual_end is not None:
            actual = max(0, event.actual_end - event.actual_start)
        return Example(kind=COMPLETE, engagement=event.engagement, actual_minutes=actual, **common)
    if event.action == "skipped":
        return Example(kind=SKIP, **common)
    return None  # added, deleted: nothing about when a subject fits
