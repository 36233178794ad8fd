"""Carry-over and days off: what was missed moves forward instead of being lost.

An unfinished session from a past day (neither completed nor skipped) moves to
the next slot where its subject can go without breaking a hard rule: from now
on, today and then the following school days, as far as the end of next week
when that week is planned. Its own start time is tried first on each day, so
a subject keeps its usual time when it can. Each run is recorded with every
move, so the parent sees what moved and can undo it. The nightly run
(`carry_over_all`, from an hourly beat job) does this for every family in the
first hour of its day.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from brightpath.accounts.models import User
from brightpath.common.errors import Conflict, Invalid, NotFound
from brightpath.families.models import Child, Family
from brightpath.families.selectors import child_get

from .. import events
from ..clock import family_now, hhmm, minute_of, time_at, week_start_of
from ..engine.model import SLOT
from ..models import CarryOver, DayOff, Schedule, ScheduleItem
from ..selectors.checks import WeekState, week_state
from ..selectors.living import families_with_plans, missed_items, planned_items
from ..selectors.schedules import active_schedule
from .items import family_locked, log, relocate, save_new_version, schedules_changed
from .placement import conflicts

logger = logging.getLogger(__name__)

NIGHTLY_HOUR = 0  # the nightly run happens in the first hour of the family's day


@transaction.atomic
def carry_over_run(
    *,
    family: Family,
    trigger: str = "manual",
    actor: User | None = None,
    now: dt.datetime | None = None,
    items: list[ScheduleItem] | None = None,
    not_before: tuple[dt.date, int] | None = None,
) -> CarryOver | None:
    """Move missed items (or the given `items`) forward. None when nothing was missed."""
    Family.objects.select_for_update().get(pk=family.pk)
    local = family_now(family, now)
    if items is None:
        items = list(missed_items(family=family, today=local.date()))
    if not items:
        return None
    earliest = not_before or _earliest(local)
    record = CarryOver.objects.create(family=family, trigger=trigger, actor=actor, moves=[])
    planner = _SlotFinder(family, earliest)
    moves, touched = [], []
    for item in items:
        move = {
            "itemId": str(item.pk),
            "childId": str(item.schedule.child_id),
            "childName": item.schedule.child.name,
            "name": item.name,
            "from": _place(item),
            "fromScheduleId": str(item.schedule_id),
            "wasPinned": item.pinned,
        }
        found = planner.next_slot(item)
        if found is None:
            move["to"] = None
            move["reason"] = (
                f"No free slot for {item.name} through {planner.horizon():%A %d %B}: "
                "every remaining time breaks a rule (hours, commitments, the parent's load, "
                "breaks, or the subject already that day)."
            )
            if trigger == "day_off":  # it cannot stay on a day off
                item.skipped = True
                save_new_version(item, ["skipped"])
                log(item, "skipped", actor=actor, actual={"skipped": True, "reason": "day off"})
                move["skipped"] = True
                move["version"] = item.version
                touched.append(item.schedule)
        else:
            schedule, day, start = found
            item.item_data = {
                **item.item_data,
                "carriedOver": {**move["from"], "carryOverId": str(record.pk)},
            }
            source = relocate(
                item,
                schedule,
                day=day,
                start=time_at(start),
                end=time_at(start + item.minutes),
                actor=actor,
                reason="Carried over",
                extra={"carryOverId": str(record.pk)},
            )
            move["to"] = _place(item)
            move["version"] = item.version
            planner.changed(source.week_start_date, schedule.week_start_date)
            touched += [source, schedule]
        moves.append(move)
    record.moves = moves
    record.save(update_fields=["moves"])
    if touched:
        schedules_changed(*touched)
        events.weeks_changed(
            "carried_over",
            touched,
            family_id=family.pk,
            count=sum(1 for m in moves if m.get("to")),
            carryOverId=str(record.pk),
            trigger=trigger,
        )
    return record


def carry_over_all(*, now: dt.datetime | None = None) -> int:
    """The nightly run: carry over the missed work of every family with a plan
    whose local time is in the first hour of a new day. Returns how many runs
    found something missed. Safe to rerun, and to run twice at once: a family
    is carried over once a night. Each family is its own transaction, and one
    family's failure is logged and skipped: the others still get their night
    (the next hourly run is past their first hour)."""
    moment = now or timezone.now()
    runs = 0
    for family in families_with_plans():
        local = family_now(family, moment)
        if local.hour != NIGHTLY_HOUR:
            continue
        try:
            runs += _carry_over_tonight(family=family, local=local)
        except Exception:
            logger.exception("Nightly carry-over failed for family %s", family.pk)
    return runs


@transaction.atomic
def _carry_over_tonight(*, family: Family, local: dt.datetime) -> bool:
    # Checked under the family lock, so a run racing this one waits and then
    # sees this one's record instead of recording the stuck items again.
    Family.objects.select_for_update().get(pk=family.pk)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if CarryOver.objects.filter(
        family=family, trigger="nightly", created_at__gte=midnight
    ).exists():
        return False
    return carry_over_run(family=family, trigger="nightly", now=local) is not None


def _earliest(local: dt.datetime) -> tuple[dt.date, int]:
    """The first slot a carried-over item may take: now, on the grid."""
    return local.date(), _round_up(minute_of(local.time()))


def _round_up(minutes: int) -> int:
    return -(-minutes // SLOT) * SLOT


def _place(item: ScheduleItem) -> dict:
    return {
        "date": item.day_date.isoformat(),
        "startTime": hhmm(item.start_time),
        "endTime": hhmm(item.end_time),
    }


def _without(state: WeekState, item: ScheduleItem) -> WeekState:
    """The week without the item's own session (it is the one being moved)."""
    sessions = [
        s
        for s in state.sessions
        if not (
            s.child_id == str(item.schedule.child_id)
            and s.subject_id == str(item.subject_id)
            and s.day == item.day_date
        )
    ]
    return WeekState(state.week, sessions)


class _SlotFinder:
    """The next valid slot for an item, checked by the validator; week states
    are built once per week and rebuilt after a move changes that week."""

    def __init__(self, family: Family, earliest: tuple[dt.date, int]):
        self.family = family
        self.earliest = earliest
        self.states: dict[dt.date, WeekState] = {}
        self.schedules: dict[tuple, Schedule | None] = {}

    def horizon(self) -> dt.date:
        return week_start_of(self.earliest[0]) + dt.timedelta(days=13)

    def changed(self, *weeks: dt.date) -> None:
        for week in weeks:
            self.states.pop(week, None)

    def _schedule(self, child: Child, week: dt.date) -> Schedule | None:
        key = (child.pk, week)
        if key not in self.schedules:
            self.schedules[key] = active_schedule(child=child, week_start=week)
        return self.schedules[key]

    def next_slot(self, item: ScheduleItem) -> tuple[Schedule, dt.date, int] | None:
        child = item.schedule.child
        length = item.minutes
        first_day, first_minute = self.earliest
        day = first_day
        while day <= self.horizon():
            week = week_start_of(day)
            schedule = self._schedule(child, week)
            if schedule is not None:
                if week not in self.states:
                    self.states[week] = week_state(family=self.family, week_start=week)
                state = _without(self.states[week], item)
                plan = next((c for c in state.week.children if c.id == str(child.pk)), None)
                if plan is not None and day in state.week.days:
                    floor = first_minute if day == first_day else 0
                    starts = range(
                        _round_up(max(plan.day_start, floor)), plan.day_end - length + 1, SLOT
                    )
                    usual = minute_of(item.start_time)
                    ordered = [usual] if usual in starts else []
                    ordered += [s for s in starts if s != usual]
                    for start in ordered:
                        if self._fits(state, item, day, start, length):
                            return schedule, day, start
            day += dt.timedelta(days=1)
        return None

    @staticmethod
    def _fits(state: WeekState, item, day: dt.date, start: int, length: int) -> bool:
        child_id = str(item.schedule.child_id)
        for other in state.sessions:  # cheap test first: the child is already busy
            if (
                other.child_id == child_id
                and other.day == day
                and other.start < start + length
                and start < other.end
            ):
                return False
        found = conflicts(state, item, child_id=child_id, day=day, start=start, end=start + length)
        return not found


@transaction.atomic
def carry_over_undo(*, user: User, carry_over_id) -> CarryOver:
    """Put back what a carry-over moved, unless it changed since (those are listed)."""
    family = family_locked(user)
    record = CarryOver.objects.filter(family=family, pk=carry_over_id).first()
    if record is None:
        raise NotFound("No such carry-over.")
    if record.undone_at is not None:
        raise Conflict("This carry-over was already undone.")
    touched = []
    moves = []
    for move in record.moves:
        move = dict(move)
        if move.get("to") is None and not move.get("skipped"):
            moves.append(move)
            continue
        item = (
            ScheduleItem.objects.select_related("schedule__child")
            .filter(pk=move["itemId"], schedule__family=family)
            .first()
        )
        if item is not None and move.get("skipped") and item.version == move["version"]:
            item.skipped = False
            save_new_version(item, ["skipped"])
            log(item, "unskipped", actor=user, actual={"skipped": False})
            move["undone"] = True
            moves.append(move)
            touched.append(item.schedule)
            continue
        if item is None or item.version != move["version"] or _place(item) != move["to"]:
            move["undone"] = False
            move["notUndoneReason"] = "It was changed after the carry-over; move it by hand."
            moves.append(move)
            continue
        day = dt.date.fromisoformat(move["from"]["date"])
        target = (
            active_schedule(child=item.schedule.child, week_start=week_start_of(day))
            or item.schedule
        )
        item.item_data = {k: v for k, v in item.item_data.items() if k != "carriedOver"}
        source = relocate(
            item,
            target,
            day=day,
            start=dt.time.fromisoformat(move["from"]["startTime"]),
            end=dt.time.fromisoformat(move["from"]["endTime"]),
            actor=user,
            reason="Carry-over undone",
            extra={"carryOverId": str(record.pk), "undo": True},
            pinned=move["wasPinned"],
        )
        move["undone"] = True
        moves.append(move)
        touched += [source, target]
    record.moves = moves
    record.undone_at = timezone.now()
    record.save(update_fields=["moves", "undone_at", "updated_at"])
    if touched:
        schedules_changed(*touched)
        events.weeks_changed(
            "carry_over_undone", touched, family_id=family.pk, carryOverId=str(record.pk)
        )
    return record


# --- days off -------------------------------------------------------------------


@transaction.atomic
def day_off_add(
    *, user: User, day: dt.date, kind: str = "holiday", label: str = "", child_id=None
) -> tuple[DayOff, CarryOver | None]:
    """A holiday or sick day. What was planned on it moves forward (a carry-over
    the parent can undo); nothing is planned on it when the week is regenerated."""
    family = family_locked(user)
    child = None
    if child_id is not None:
        child = child_get(user=user, child_id=child_id)
    clash = DayOff.objects.filter(family=family, date=day)
    if clash.filter(child=None).exists() or (child and clash.filter(child=child).exists()):
        raise Invalid({"date": ["That day is already a day off."]})
    day_off = DayOff.objects.create(family=family, child=child, date=day, kind=kind, label=label)
    record = carry_over_run(
        family=family,
        trigger="day_off",
        actor=user,
        items=list(planned_items(family=family, day=day, child=child)),
        # From the day after, or from now if that has passed.
        not_before=max((day + dt.timedelta(days=1), 0), _earliest(family_now(family))),
    )
    events.day_off_changed("added", day_off)
    return day_off, record


@transaction.atomic
def day_off_remove(*, user: User, day_off_id) -> None:
    """The day is a school day again; what moved stays moved (undo the carry-over for that)."""
    family = family_locked(user)
    day_off = DayOff.objects.filter(family=family, pk=day_off_id).first()
    if day_off is None:
        raise NotFound("No such day off.")
    day_off.delete()
    events.day_off_changed("removed", day_off)
