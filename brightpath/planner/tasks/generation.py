import datetime as dt

from celery import shared_task
from django.conf import settings

from brightpath.accounts.models import User
from brightpath.families.models import Child, Family


@shared_task(name="planner.schedule_generate", bind=True)
def schedule_generate(
    self,
    family_id: str,
    week_start: str,
    child_id: str | None = None,
    actor_id: str | None = None,
    time_limit: float | None = None,
) -> dict:
    """Generate a week (thin: the service does the work). A delivery after the
    week was stored (a worker died before acknowledging) returns what was stored.
    Nobody waits for it, so the solver gets PLANNER_BACKGROUND_TIME_LIMIT seconds
    unless the request said `time_limit`."""
    from ..services.queued import schedule_generate_once

    family = Family.objects.get(pk=family_id)
    child = Child.objects.get(pk=child_id, family=family) if child_id else None
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    self.update_state(state="STARTED", meta={"familyId": family_id})
    schedules, solver_status = schedule_generate_once(
        task_id=self.request.id,
        family=family,
        week_start=dt.date.fromisoformat(week_start),
        actor=actor,
        child=child,
        time_limit=time_limit or settings.PLANNER_BACKGROUND_TIME_LIMIT,
    )
    return {"scheduleIds": [str(s.pk) for s in schedules], "status": solver_status}


@shared_task(name="planner.generate_next_week")
def generate_next_week() -> int:
    """Beat job: next week's schedules for every family that has none yet."""
    from ..selectors import next_weeks_unplanned

    due = next_weeks_unplanned()
    for family, monday in due:
        schedule_generate.delay(str(family.pk), monday.isoformat())
    return len(due)
