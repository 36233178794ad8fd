"""Generation from a queue: whether a week the parent asks for is planned now
or on a worker (schedule_request), and a queued week stored once however often
its message is delivered (schedule_generate_once).

Workers acknowledge a task when it ends (CELERY_TASK_ACKS_LATE) and give it back
when they die (CELERY_TASK_REJECT_ON_WORKER_LOST), so a worker killed mid-solve
costs a rerun, not the week. A worker that dies after its week was stored but
before it acknowledged would plan the week a second time; the task's id, stored
in the same transaction as the week (`generation_report["taskId"]`), makes the
second delivery return the week the first one stored.

The broker's visibility timeout must exceed the task's time limit (see
config/settings.py), or a task still running could be delivered again meanwhile.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from brightpath.accounts.models import User
from brightpath.common.errors import Invalid
from brightpath.families.models import Child, Family

from .. import caches, selectors, services, tasks
from ..clock import PLAN_AHEAD_WEEKS, family_today, week_start_of, weeks_ahead
from ..models import Schedule

logger = logging.getLogger(__name__)

# Said with the schedules when a week meant for a worker was planned at once.
QUEUE_DOWN_NOTICE = (
    "The background queue is unavailable, so the week was planned now with a shorter "
    "search; replan it later for a possibly better fit."
)


@dataclass(frozen=True)
class Requested:
    """What asking for a week got: its schedules planned now, or the id of the
    task planning it on a worker; `notice` when the queue was down."""

    schedules: list[Schedule] = field(default_factory=list)
    task_id: str | None = None
    notice: str = ""


def schedule_request(
    *,
    family: Family,
    week_start: dt.date,
    actor: User | None = None,
    child: Child | None = None,
    time_limit: float | None = None,
) -> Requested:
    """Plan the week a parent asks for (this week up to PLAN_AHEAD_WEEKS ahead).

    Small weeks are planned now. With a real broker, a week of more than
    PLANNER_BACKGROUND_ABOVE sessions is queued for a worker; when the broker or
    the result store cannot be reached it is planned now after all, with a
    notice: a plan now beats an error or a hang."""
    if week_start.weekday() != 0:
        raise Invalid({"weekStart": ["Must be a Monday."]})
    if not 0 <= weeks_ahead(family, week_start) <= PLAN_AHEAD_WEEKS:
        this_week = week_start_of(family_today(family))
        raise Invalid(
            {
                "weekStart": [
                    f"Plan a week from this week ({this_week}) up to "
                    f"{PLAN_AHEAD_WEEKS} weeks ahead; past weeks keep what they had."
                ]
            }
        )
    notice = ""
    if (
        not settings.CELERY_TASK_ALWAYS_EAGER
        and selectors.week_size(family=family) > settings.PLANNER_BACKGROUND_ABOVE
    ):
        args = (
            str(family.pk),
            week_start.isoformat(),
            str(child.pk) if child else None,
            str(actor.pk) if actor else None,
            time_limit,
        )
        try:
            return Requested(task_id=_enqueue(args, family_id=str(family.pk)))
        except Exception:
            # kombu's OperationalError, Celery's RuntimeError for the result store,
            # a socket error: all mean the queue cannot take it now.
            logger.error("generation not queued; planned inline", exc_info=True)
            notice = QUEUE_DOWN_NOTICE
    schedules, _ = services.schedule_generate(
        family=family,
        week_start=week_start,
        actor=actor,
        child=child,
        time_limit=services.ANSWER_NOW_TIME_LIMIT if time_limit is None else time_limit,
    )
    return Requested(schedules=schedules, notice=notice)


def _enqueue(args: tuple, *, family_id: str) -> str:
    """Queue a generation; the task is the family's alone to look up."""
    result = tasks.schedule_generate.apply_async(args=args)
    caches.task_owner_set(result.id, family_id)
    return result.id


def schedule_generate_once(
    *,
    task_id: str,
    family: Family,
    week_start: dt.date,
    actor: User | None = None,
    child: Child | None = None,
    time_limit: float,
) -> tuple[list[Schedule], str]:
    """schedule_generate for a queued task: the schedules and the solver's status,
    stored once per `task_id` however often the task is delivered."""
    stored = list(
        Schedule.objects.filter(
            family=family, week_start_date=week_start, generation_report__taskId=task_id
        )
    )
    if stored:
        return stored, "stored_already"
    with transaction.atomic():
        schedules, result = services.schedule_generate(
            family=family, week_start=week_start, actor=actor, child=child, time_limit=time_limit
        )
        for schedule in schedules:
            schedule.generation_report = {**schedule.generation_report, "taskId": task_id}
            schedule.save(update_fields=["generation_report"])
    return schedules, result.stats.status
