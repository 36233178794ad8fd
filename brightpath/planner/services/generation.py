"""Writes for the planner: generating a family's week (seed 000 generate_schedule)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction

from brightpath.accounts.models import User
from brightpath.accounts.services import audit_record
from brightpath.common.errors import Conflict, Invalid
from brightpath.curriculum.selectors import resources_by_catalog_subject
from brightpath.families.models import Child, Family

from .. import events
from ..caches import invalidate_children
from ..clock import AUTO_PLAN_WEEKS, family_now, minute_of, time_at, week_dates, weeks_ahead
from ..engine.model import SLOT, Session, WeekInput, WeekResult
from ..engine.solver import solve
from ..models import Schedule, ScheduleItem
from ..patterns import PlannedSession, week_patterns
from ..selectors import week_input
from ..shapes import (
    MAX_RESOURCES,
    days_json,
    resource_ref,
    snapshot_item_json,
    solver_json,
    unplaced_json,
)
from .lessons import lesson_completions_follow

logger = logging.getLogger(__name__)

GENERATION_METHOD = "cp_sat_v1"
# Seconds the solver gets when someone waits for the answer (see also
# settings.PLANNER_BACKGROUND_TIME_LIMIT for weeks planned on a worker).
ANSWER_NOW_TIME_LIMIT = 5.0


def schedule_generate(
    *,
    family: Family,
    week_start: dt.date,
    actor: User | None = None,
    child: Child | None = None,
    time_limit: float = ANSWER_NOW_TIME_LIMIT,
) -> tuple[list[Schedule], WeekResult]:
    """Plan the family's week and store a new schedule version per child.

    All children are planned together because they share the parent. With
    `child`, only that child's week is replanned and its siblings' current
    sessions are kept as they are. Completed and pinned sessions of the
    previous version are kept in place; the previous version stays, inactive.

    The solve runs before the family lock is taken (unless the caller holds it,
    as schedule_ensure does), so that a long one (a worker's
    PLANNER_BACKGROUND_TIME_LIMIT) does not hold up the family's other writes.
    Under the lock the week is read again and stored only if what was solved is
    still the week to plan; if it changed meanwhile (a session done, moved, a
    commitment added), it is solved again, under the lock.
    """
    if week_start.weekday() != 0:
        raise Invalid({"weekStart": ["Must be a Monday."]})
    solved = _week_to_plan(family, week_start, child)
    result = solve(solved.week, time_limit=time_limit)
    with transaction.atomic():
        # One store per family at a time; the family row read afresh, so that a change
        # to it during the solve (school days, adults, preferences) is seen too.
        family = Family.objects.select_for_update().get(pk=family.pk)
        plan = _week_to_plan(family, week_start, child)
        if plan.week != solved.week:
            result = solve(plan.week, time_limit=time_limit)
        return _store_week(family, week_start, child, actor, plan, result)


@dataclass
class _WeekToPlan:
    """What a generation reads: the engine's input and the rows it is made from."""

    previous: dict[object, Schedule]  # child pk -> the week's active schedule
    kept: list[ScheduleItem]  # sessions kept where they are (done, pinned, siblings')
    activities: list[ScheduleItem]  # the parent's own activities, kept
    week: WeekInput
    children: dict[str, Child]  # by id, as in week.children


def _week_to_plan(family: Family, week_start: dt.date, child: Child | None) -> _WeekToPlan:
    previous = {
        s.child_id: s
        for s in Schedule.objects.filter(family=family, week_start_date=week_start, is_active=True)
    }
    previous_items = [
        item
        for schedule in previous.values()
        for item in schedule.items.select_related("schedule").exclude(item_type="commitment")
    ]
    now = family_now(family)
    past_before = (now.date(), -(-(now.hour * 60 + now.minute) // SLOT) * SLOT)  # next slot

    def begun(item: ScheduleItem) -> bool:
        return (item.day_date, minute_of(item.start_time)) < past_before

    kept = [
        item
        for item in previous_items
        if item.item_type == "subject"
        and (
            item.completed
            or item.pinned
            or begun(item)  # the past stays as it was: done, skipped or missed
            or (child is not None and item.schedule.child_id != child.pk and not item.skipped)
        )
    ]
    activities = [item for item in previous_items if item.item_type == "activity"]
    week, children = week_input(
        family=family,
        week_start=week_start,
        kept=kept,
        activities=activities,
        past_before=past_before,
    )
    return _WeekToPlan(previous, kept, activities, week, children)


def _store_week(
    family: Family,
    week_start: dt.date,
    child: Child | None,
    actor: User | None,
    plan: _WeekToPlan,
    result: WeekResult,
) -> tuple[list[Schedule], WeekResult]:
    previous, kept, activities, children = plan.previous, plan.kept, plan.activities, plan.children
    if result.stats.status not in ("OPTIMAL", "FEASIBLE"):
        # Kept (completed or moved) sessions contradict each other or the plan;
        # the previous version stays active rather than an empty week.
        raise Conflict(
            "This week cannot be replanned around the sessions already done or moved "
            "(they clash with the current commitments or hours). Move or un-pin them first."
        )
    targets = [children[str(child.pk)]] if child is not None else list(children.values())
    schedules = [
        _store(family, c, week_start, result, previous.get(c.pk), kept + activities)
        for c in targets
    ]
    invalidate_children(c.pk for c in targets)
    for schedule in schedules:
        if schedule.version > 1:  # a first plan is no change; a replan is
            audit_record(
                actor=actor,
                action="schedule.replanned",
                target=schedule,
                family_id=family.pk,
                target_name=schedule.child.name,
                context={
                    "childName": schedule.child.name,
                    "weekStart": week_start.isoformat(),
                    "version": schedule.version,
                },
            )
    logger.info(
        "schedule generated",
        extra={
            "family_id": str(family.pk),
            "week": week_start.isoformat(),
            "status": result.stats.status,
            "placed": len(result.sessions),
            "unplaced": len(result.unplaced),
            "seconds": round(result.stats.wall_time, 3),
            "actor": str(actor.pk) if actor else None,
        },
    )
    events.week_planned(family, schedules)
    return schedules, result


def _store(
    family: Family,
    child: Child,
    week_start: dt.date,
    result: WeekResult,
    previous: Schedule | None,
    kept: list[ScheduleItem],
) -> Schedule:
    version = 1
    if previous is not None:
        previous.is_active = False
        previous.save(update_fields=["is_active", "updated_at"])
        version = (
            Schedule.objects.filter(child=child, week_start_date=week_start).order_by("-version")
        ).values_list("version", flat=True).first() + 1
    schedule = Schedule.objects.create(
        family=family,
        child=child,
        week_start_date=week_start,
        version=version,
        generation_method=GENERATION_METHOD,
        schedule_data={},
        generation_report=_report(result, str(child.pk)),
    )
    carried = {
        (str(i.subject_id), i.day_date): i
        for i in kept
        if i.schedule.child_id == child.pk and i.item_type == "subject"
    }
    subjects = {str(s.pk): s for s in child.subjects.all()}
    resources = resources_by_catalog_subject(
        user=family.owner, catalog_subject_ids=[s.catalog_subject_id for s in subjects.values()]
    )
    # A session the parent moved keeps its calendar uid, which names the day it
    # left; a new session placed on that day must not take the same uid.
    taken = {i.calendar_uid for i in kept if i.schedule.child_id == child.pk}
    items = []
    for session in result.for_child(str(child.pk)):
        item = _subject_item(schedule, session, subjects, carried, resources)
        is_new = not (session.fixed and (session.subject_id, session.day) in carried)
        if is_new and item.calendar_uid in taken:
            item.calendar_uid = f"{item.calendar_uid}-v{version}"
        items.append(item)
    for commitment in child.commitments.all():  # prefetched: live ones only
        for day in week_dates(week_start):
            if commitment.occurs_on(day):
                items.append(_commitment_item(schedule, commitment, day))
    placed = {(str(i.subject_id), i.day_date) for i in items}
    for item in kept:  # activities, and history of subjects no longer in the plan, as they were
        if item.schedule.child_id == child.pk and (
            item.item_type == "activity" or (str(item.subject_id), item.day_date) not in placed
        ):
            items.append(_copy(item, schedule))
    ScheduleItem.objects.bulk_create(items)
    lesson_completions_follow([i for i in kept if i.schedule.child_id == child.pk], items)
    schedule.patterns = week_patterns(
        [_planned(i) for i in items if i.item_type == "subject" and not i.skipped],
        child.learning_preferences.get("derivedInsights", {}),
    )
    schedule.schedule_data = schedule_snapshot(schedule)
    schedule.save(update_fields=["schedule_data", "patterns"])
    return schedule


def _subject_item(
    schedule, session: Session, subjects: dict, carried: dict, resources: dict
) -> ScheduleItem:
    previous = carried.get((session.subject_id, session.day))
    subject = subjects.get(session.subject_id)
    linked = resources.get(subject.catalog_subject_id, []) if subject else []
    item = ScheduleItem(
        schedule=schedule,
        day_date=session.day,
        item_type="subject",
        name=session.name,
        start_time=time_at(session.start),
        end_time=time_at(session.end),
        subject=subject,
        calendar_uid=f"{schedule.child_id}-{session.subject_id}-{session.day}",
        item_data={
            "originalSubject": {
                "name": session.name,
                "isCoreSubject": subject.is_core_subject if subject else False,
                "sessionDuration": session.end - session.start,
                "parentInvolvement": session.involvement,
            },
            "notes": "",
            "resources": [resource_ref(r) for r in linked[:MAX_RESOURCES]],
            "adjustmentHistory": [],
        },
    )
    if previous is not None and session.fixed:
        # Completed or pinned work keeps its state and history in the new version.
        item.completed = previous.completed
        item.completed_at = previous.completed_at
        item.skipped = previous.skipped
        item.pinned = previous.pinned
        item.item_data = previous.item_data
        item.calendar_uid = previous.calendar_uid
        item.version = previous.version  # calendar SEQUENCE numbers never go back
    return item


def _copy(item: ScheduleItem, schedule: Schedule) -> ScheduleItem:
    return ScheduleItem(
        schedule=schedule,
        day_date=item.day_date,
        item_type=item.item_type,
        name=item.name,
        start_time=item.start_time,
        end_time=item.end_time,
        completed=item.completed,
        completed_at=item.completed_at,
        skipped=item.skipped,
        pinned=item.pinned,
        subject=item.subject,
        item_data=item.item_data,
        calendar_uid=item.calendar_uid,
        version=item.version,
    )


def _commitment_item(schedule, commitment, day: dt.date) -> ScheduleItem:
    return ScheduleItem(
        schedule=schedule,
        day_date=day,
        item_type="commitment",
        name=commitment.name,
        start_time=commitment.start_time,
        end_time=commitment.end_time,
        is_external=True,  # rule 9: shown even outside homeschool hours
        commitment=commitment,
        calendar_uid=f"{commitment.pk}-{day}",
        item_data={"notes": ""},
    )


def _report(result: WeekResult, child_id: str) -> dict:
    return {
        "solver": solver_json(result.stats),
        "unplaced": [unplaced_json(u) for u in result.unplaced if u.child_id == child_id],
    }


def schedule_snapshot(schedule: Schedule) -> dict:
    """Seed 000's schedule_data, built from the items (the source of truth) and
    the patterns found when the week was planned."""
    items = schedule.items.order_by("day_date", "start_time", "name")
    return {
        "weekStartDate": schedule.week_start_date.isoformat(),
        "version": schedule.version,
        "generationMethod": schedule.generation_method,
        "days": days_json(schedule.week_start_date, items, snapshot_item_json),
        "patterns": schedule.patterns,
    }


def _planned(item: ScheduleItem) -> PlannedSession:
    return PlannedSession(
        day=item.day_date,
        start=minute_of(item.start_time),
        end=minute_of(item.end_time),
        name=item.name,
        is_core=bool(item.item_data.get("originalSubject", {}).get("isCoreSubject")),
    )


def schedule_ensure(
    *,
    family: Family,
    week_start: dt.date,
    actor: User | None = None,
    children: list[Child] | None = None,
) -> None:
    """Plan the week for any live child that has no active schedule for it yet
    (seed 000 get_child_schedule: a week is generated when first looked at), if
    it is this week or one of the next AUTO_PLAN_WEEKS; other weeks are read as
    they are. `children`: the family's live children, when the caller has them."""
    if not 0 <= weeks_ahead(family, week_start) <= AUTO_PLAN_WEEKS:
        return
    children = list(family.children.live()) if children is None else children
    if not _unplanned(family, week_start, children):
        return
    with transaction.atomic():
        # Two first looks at a week at once must not plan it twice: look again under the lock.
        Family.objects.select_for_update().get(pk=family.pk)
        missing = _unplanned(family, week_start, children)
        if len(missing) == len(children):
            schedule_generate(family=family, week_start=week_start, actor=actor)
            return
        for child in missing:
            schedule_generate(family=family, week_start=week_start, actor=actor, child=child)


def _unplanned(family: Family, week_start: dt.date, children: list[Child]) -> list[Child]:
    planned = set(
        Schedule.objects.filter(
            family=family, week_start_date=week_start, is_active=True
        ).values_list("child_id", flat=True)
    )
    return [c for c in children if c.pk not in planned]
