"""Generation from a queue, where a message can be delivered twice.

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

from django.db import transaction

from brightpath.accounts.models import User
from brightpath.families.models import Child, Family

from .. import services
from ..models import Schedule


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
