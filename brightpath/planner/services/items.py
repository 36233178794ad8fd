"""Changing the week one item at a time: complete, skip, move, add, delete.

Every write follows the same steps, in one transaction:
1. lock the family row, so the writes to one family's weeks run one at a time
   (a move is checked against the whole week, so two moves must not interleave);
2. check the version the client read (optimistic concurrency): a stale one
   loses with 409 and the item as it is now;
3. change the item, raise its version, log it (seed 000 activity log);
4. rebuild the schedule's `schedule_data` snapshot from its items and drop the
   children's cached views after commit.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from brightpath.accounts.models import User
from brightpath.common.errors import Conflict, Invalid, NotFound
from brightpath.families.models import Family
from brightpath.families.selectors import child_get, family_get

from .. import events
from ..caches import invalidate_children
from ..clock import hhmm, minute_of, time_at, week_start_of
from ..models import ActivityLog, Schedule, ScheduleItem
from ..selectors.checks import week_state
from ..selectors.schedules import active_schedule
from ..shapes import item_json, scheduled_json
from .generation import schedule_ensure, schedule_snapshot
from .lessons import lesson_complete_with, lesson_ref, lesson_uncomplete_with
from .placement import conflicts


def family_locked(user: User) -> Family:
    family = family_get(user=user)
    return Family.objects.select_for_update().get(pk=family.pk)


def item_for_write(*, user: User, item_id, version: int) -> ScheduleItem:
    """The family's item, locked for this transaction, if `version` is current."""
    family = family_locked(user)
    item = (
        ScheduleItem.objects.select_related("schedule__child", "subject")
        .filter(schedule__family=family, pk=item_id)
        .first()
    )
    if item is None:
        raise NotFound("No such item.")
    if not item.schedule.is_active:
        raise Conflict("This week was replanned since you loaded it; reload the week.")
    if item.version != version:
        raise Conflict(
            "Someone else changed this item since you loaded it; here it is now.",
            current=item_json(item),
        )
    return item


def schedules_changed(*schedules: Schedule) -> None:
    """Keep each snapshot equal to its items, and the cached views fresh."""
    for schedule in {s.pk: s for s in schedules}.values():
        schedule.schedule_data = schedule_snapshot(schedule)
        schedule.save(update_fields=["schedule_data", "updated_at"])
    invalidate_children(s.child_id for s in schedules)


def save_new_version(item: ScheduleItem, fields: list[str]) -> None:
    """Save the changed `fields` as the item's next version. Every change to an
    item goes through here, so a client holding the old version loses with 409.
    Call it under the family lock (`item_for_write`, `family_locked`), after
    checking the version the writer read."""
    item.version += 1
    item.save(update_fields=[*fields, "version", "updated_at"])


def log(
    item: ScheduleItem,
    action: str,
    *,
    actor: User | None,
    actual: dict,
    notes: str = "",
    scheduled: dict | None = None,
) -> ActivityLog:
    return ActivityLog.objects.create(
        family_id=item.schedule.family_id,
        child_id=item.schedule.child_id,
        schedule=item.schedule,
        schedule_item=item,
        subject_id=item.subject_id,
        date=item.day_date,
        activity_name=item.name,
        activity_type=item.item_type,
        action=action,
        scheduled=scheduled or scheduled_json(item),
        actual=actual,
        notes=notes,
        actor=actor,
    )


# --- complete, skip -----------------------------------------------------------


@dataclass(frozen=True)
class Completion:
    notes: str = ""
    start: dt.time | None = None  # actual start and end, if the parent tracks them
    end: dt.time | None = None
    engagement: int | None = None  # the child's engagement, 1-5
    involvement: str | None = None  # actual parent involvement


@transaction.atomic
def item_complete(
    *, user: User, item_id, version: int, completion: Completion | None = None
) -> ScheduleItem:
    completion = completion or Completion()
    item = item_for_write(user=user, item_id=item_id, version=version)
    now = timezone.now()
    item.completed, item.completed_at, item.skipped = True, now, False
    if completion.notes:
        item.item_data = {**item.item_data, "notes": completion.notes}
    save_new_version(item, ["completed", "completed_at", "skipped", "item_data"])
    actual = {"completed": True, "completedAt": now.isoformat()}
    if completion.start and completion.end:
        actual |= {"startTime": hhmm(completion.start), "endTime": hhmm(completion.end)}
    if completion.involvement:
        actual["parentInvolvement"] = completion.involvement
    if completion.engagement is not None:
        actual["childEngagement"] = completion.engagement
    if lesson := lesson_complete_with(item):  # the subject's next lesson is done now
        actual["lesson"] = lesson_ref(lesson)
    log(item, "completed", actor=user, actual=actual, notes=completion.notes)
    schedules_changed(item.schedule)
    events.item_changed("completed", item)
    return item


@transaction.atomic
def item_uncomplete(*, user: User, item_id, version: int) -> ScheduleItem:
    item = item_for_write(user=user, item_id=item_id, version=version)
    if not item.completed:
        return item
    item.completed, item.completed_at = False, None
    save_new_version(item, ["completed", "completed_at"])
    lesson_uncomplete_with(item)  # its lesson goes back to the next session
    log(item, "uncompleted", actor=user, actual={"completed": False})
    schedules_changed(item.schedule)
    events.item_changed("uncompleted", item)
    return item


@transaction.atomic
def item_skip(*, user: User, item_id, version: int, reason: str = "") -> ScheduleItem:
    """Not doing it this time: a skipped item is not carried over."""
    item = item_for_write(user=user, item_id=item_id, version=version)
    if item.completed:
        raise Conflict("It is marked done; mark it not done before skipping it.")
    if item.item_type == "commitment":
        raise Invalid({"type": ["Commitments are not skipped here; edit the commitment."]})
    if item.skipped:
        return item
    item.skipped = True
    save_new_version(item, ["skipped"])
    log(item, "skipped", actor=user, actual={"skipped": True, "reason": reason}, notes=reason)
    schedules_changed(item.schedule)
    events.item_changed("skipped", item)
    return item


@transaction.atomic
def item_unskip(*, user: User, item_id, version: int) -> ScheduleItem:
    item = item_for_write(user=user, item_id=item_id, version=version)
    if not item.skipped:
        return item
    item.skipped = False
    save_new_version(item, ["skipped"])
    log(item, "unskipped", actor=user, actual={"skipped": False})
    schedules_changed(item.schedule)
    events.item_changed("unskipped", item)
    return item


# --- move ---------------------------------------------------------------------


def sentences(problems: list[str]) -> str:
    """The problems as one text, each its own sentence: a capital first letter and
    a full stop ("overlaps X" + "the fixed session Y" -> "Overlaps X. The fixed session Y.")."""
    out = []
    for problem in problems:
        text = problem.strip()
        if not text:
            continue
        text = text[0].upper() + text[1:]
        out.append(text if text.endswith((".", "!", "?")) else f"{text}.")
    return " ".join(out)


def relocate(
    item: ScheduleItem,
    target: Schedule,
    *,
    day: dt.date,
    start: dt.time,
    end: dt.time,
    actor: User | None,
    reason: str,
    extra: dict | None = None,
    pinned: bool = True,
) -> Schedule:
    """Put the item at `day` start-end in `target` (the active schedule of that
    week), pinned for regeneration (or as `pinned` says, for an undo), with its
    history and a log entry, saved as one new version (with any change the
    caller made to the item's data). Returns the schedule it came from."""
    source = item.schedule
    before = scheduled_json(item)
    history = {
        "date": timezone.now().isoformat(),
        "previousDate": item.day_date.isoformat(),
        "previousStartTime": hhmm(item.start_time),
        "previousEndTime": hhmm(item.end_time),
        "reason": reason,
        **(extra or {}),
    }
    data = dict(item.item_data)
    data["adjustmentHistory"] = [*data.get("adjustmentHistory", []), history]
    item.item_data = data
    item.schedule, item.day_date, item.start_time, item.end_time = target, day, start, end
    item.pinned = pinned
    save_new_version(
        item, ["schedule", "day_date", "start_time", "end_time", "pinned", "item_data"]
    )
    actual = {
        "rescheduled": True,
        "newDate": day.isoformat(),
        "newStartTime": hhmm(start),
        "newEndTime": hhmm(end),
        **(extra or {}),
    }
    log(item, "rescheduled", actor=actor, actual=actual, notes=reason, scheduled=before)
    return source


def target_schedule(item: ScheduleItem, day: dt.date) -> Schedule:
    if week_start_of(day) == item.schedule.week_start_date:
        return item.schedule
    target = active_schedule(child=item.schedule.child, week_start=week_start_of(day))
    if target is None:
        raise Invalid(
            {"date": [f"The week of {week_start_of(day)} has no plan yet; open that week first."]}
        )
    return target


@transaction.atomic
def item_move(
    *,
    user: User,
    item_id,
    version: int,
    day: dt.date,
    start: dt.time,
    end: dt.time | None = None,
    force: bool = False,
    reason: str = "",
) -> ScheduleItem:
    """Drag and drop (and resize, with `end`). A move that breaks a hard rule
    answers 409 naming what it collides with, unless `force`, which is recorded."""
    item = item_for_write(user=user, item_id=item_id, version=version)
    if item.item_type == "commitment":
        raise Invalid({"type": ["A commitment moves with the commitment: edit it instead."]})
    if end is None:
        end_minute = minute_of(start) + item.minutes
        if end_minute >= 24 * 60:
            raise Invalid({"startTime": ["The item would run past midnight."]})
        end = time_at(end_minute)
    if minute_of(end) <= minute_of(start):
        raise Invalid({"endTime": ["Must be after startTime."]})
    target = target_schedule(item, day)
    state = week_state(
        family=item.schedule.family, week_start=target.week_start_date, leave_out=str(item.pk)
    )
    problems = conflicts(
        state,
        item,
        child_id=str(item.schedule.child_id),
        day=day,
        start=minute_of(start),
        end=minute_of(end),
    )
    if problems and not force:
        raise Conflict(
            "That slot breaks the schedule's rules. " + sentences(problems),
            conflicts=problems,
            current=item_json(item),
        )
    extra = {"forced": True, "conflicts": problems} if problems else {}
    source = relocate(
        item,
        target,
        day=day,
        start=start,
        end=end,
        actor=user,
        reason=reason or "Moved by the parent",
        extra=extra,
    )
    schedules_changed(source, target)
    events.item_changed("moved", item, also=[source])
    return item


# --- ad-hoc activities ---------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    name: str
    day: dt.date
    start: dt.time
    end: dt.time
    notes: str = ""
    involvement: str = "some_assistance"


@transaction.atomic
def activity_add(*, user: User, child_id, activity: Activity, force: bool = False) -> ScheduleItem:
    """A field trip, a library day, a spontaneous project. It must not collide
    with the child's sessions (or, if it needs the parent, with sessions that
    need the parent) unless `force`."""
    family = family_locked(user)
    child = child_get(user=user, child_id=child_id)
    if minute_of(activity.end) <= minute_of(activity.start):
        raise Invalid({"endTime": ["Must be after startTime."]})
    week_start = week_start_of(activity.day)
    schedule_ensure(family=family, week_start=week_start, actor=user)
    schedule = active_schedule(child=child, week_start=week_start)
    if schedule is None:
        raise Invalid({"date": [f"The week of {week_start} is not planned; plan it first."]})
    item = ScheduleItem(
        schedule=schedule,
        day_date=activity.day,
        item_type="activity",
        name=activity.name,
        start_time=activity.start,
        end_time=activity.end,
        pinned=True,
        calendar_uid=f"activity-{uuid.uuid4()}",
        item_data={
            "parentInvolvement": activity.involvement,
            "notes": activity.notes,
            "resources": [],
            "adjustmentHistory": [],
        },
    )
    state = week_state(family=family, week_start=week_start)
    problems = conflicts(
        state,
        item,
        child_id=str(child.pk),
        day=activity.day,
        start=minute_of(activity.start),
        end=minute_of(activity.end),
    )
    if problems and not force:
        raise Conflict(
            "It collides with the plan. "
            + sentences(problems)
            + " Skip or move those first, or add it anyway.",
            conflicts=problems,
        )
    item.save()
    log(item, "added", actor=user, actual={"added": True, "forced": bool(problems)})
    schedules_changed(schedule)
    events.item_changed("added", item)
    return item


@transaction.atomic
def activity_delete(*, user: User, item_id, version: int) -> None:
    item = item_for_write(user=user, item_id=item_id, version=version)
    if item.item_type != "activity":
        raise Invalid(
            {"type": ["Only items you added can be deleted; skip a planned session instead."]}
        )
    log(item, "deleted", actor=user, actual={"deleted": True})
    events.item_changed("deleted", item)  # before the delete: the event names the item
    schedule = item.schedule
    item.delete()
    schedules_changed(schedule)
