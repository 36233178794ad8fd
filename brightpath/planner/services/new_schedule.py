""" "Your new schedule is ready" (seed 001): finishing the questionnaire plans
the week the family lives toward (this week, or the next once this week's school
days are over), and the family is told when it is ready.

The questionnaire's submission calls `new_schedule_start` inside its
transaction; the planning starts once that commits, so it reads the answers as
saved and a failed submission plans nothing. With a broker it runs on a worker
(the submission answers at once, `pending` with the task's id, and the parent
gets an email when the week is ready); without one (eager Celery, the embedded
default) it runs inline, so the submission answers `ready`.

A first submission plans only what has no plan yet: if the parent opened the
week meanwhile (which plans it on first look), that plan stays. A re-submission
replans the week around the new answers; done, moved and past sessions are
kept as every replanning keeps them.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from brightpath.accounts.models import User
from brightpath.families.models import Family

from .. import caches, tasks
from ..clock import planning_week
from ..models import Schedule
from ..selectors.schedules import family_week
from .generation import ANSWER_NOW_TIME_LIMIT, schedule_ensure, schedule_generate

logger = logging.getLogger(__name__)


def new_schedule_start(*, family: Family, actor: User | None = None) -> None:
    """Plan the family's current week (the coming one once this week's school days
    are over) once the surrounding transaction commits."""
    week_start = planning_week(family)
    replan = Schedule.objects.filter(
        family=family, week_start_date=week_start, is_active=True
    ).exists()
    transaction.on_commit(lambda: _start(family, week_start, actor, replan))


def _start(family: Family, week_start: dt.date, actor: User | None, replan: bool) -> None:
    # Runs after the commit: whatever happens here, the answers are saved. A week
    # not planned here is planned when the parent first opens it.
    if settings.CELERY_TASK_ALWAYS_EAGER:
        try:
            new_schedule_plan(
                family=family,
                week_start=week_start,
                actor=actor,
                replan=replan,
                time_limit=ANSWER_NOW_TIME_LIMIT,  # the parent is waiting for the answer
            )
        except Exception:
            logger.exception("new schedule not planned", extra={"family_id": str(family.pk)})
        return
    args = (str(family.pk), week_start.isoformat(), str(actor.pk) if actor else None, replan)
    task_id = str(uuid.uuid4())
    try:
        # Recorded before it is queued, so a worker done at once cannot finish first.
        caches.task_owner_set(task_id, family.pk)  # GET /api/tasks/{id}/ is theirs
        caches.new_schedule_pending(family.pk, task_id)
        tasks.new_schedule.apply_async(args=args, task_id=task_id)
    except Exception:
        caches.new_schedule_done(family.pk)
        logger.exception("new schedule not queued", extra={"family_id": str(family.pk)})


def new_schedule_plan(
    *,
    family: Family,
    week_start: dt.date,
    actor: User | None = None,
    replan: bool = False,
    time_limit: float,
    email: bool = False,
) -> list[Schedule]:
    """Plan the week (see the module's docstring); with `email`, tell the parent
    it is ready. Returns the week's active schedules. `time_limit` is the
    replanning's; a first plan takes what a first look takes (schedule_ensure)."""
    try:
        if replan:
            schedule_generate(
                family=family, week_start=week_start, actor=actor, time_limit=time_limit
            )
        else:
            schedule_ensure(family=family, week_start=week_start, actor=actor)
    finally:
        caches.new_schedule_done(family.pk)
    schedules = family_week(family=family, week_start=week_start)
    if email and schedules:
        new_schedule_email_send(family=family, week_start=week_start, schedules=schedules)
    return schedules


def new_schedule_email_send(
    *, family: Family, week_start: dt.date, schedules: list[Schedule]
) -> bool:
    """A short email with a link to the week. A failure is logged, not retried:
    the week is planned, and the page shows it whether or not the email arrives."""
    if not family.owner.email:
        return False
    link = f"{settings.SITE_URL}{reverse('web:week')}?week={week_start.isoformat()}"
    context = {
        "family": family,
        "week_start": week_start,
        "children": sorted((s.child for s in schedules), key=lambda c: (c.position, c.created_at)),
        "unplaced": sum(len(s.generation_report.get("unplaced", [])) for s in schedules),
        "link": link,
    }
    message = EmailMessage(
        subject="Your new schedule is ready",
        body=render_to_string("planner/new_schedule_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[family.owner.email],
    )
    try:
        message.send()
    except Exception:
        logger.exception("new schedule email failed", extra={"family_id": str(family.pk)})
        return False
    return True
