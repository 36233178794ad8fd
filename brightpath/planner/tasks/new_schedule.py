import datetime as dt

from celery import shared_task
from django.conf import settings

from brightpath.accounts.models import User
from brightpath.families.models import Family


@shared_task(name="planner.new_schedule", bind=True)
def new_schedule(
    self, family_id: str, week_start: str, actor_id: str | None = None, replan: bool = False
) -> dict:
    """Plan the week a finished questionnaire asked for and email the parent that
    it is ready (thin: services/new_schedule.py does the work). Safe to retry: a
    first plan is planned once, a replan keeps done and moved work."""
    from ..services.new_schedule import new_schedule_plan

    family = Family.objects.get(pk=family_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    self.update_state(state="STARTED", meta={"familyId": family_id})
    schedules = new_schedule_plan(
        family=family,
        week_start=dt.date.fromisoformat(week_start),
        actor=actor,
        replan=replan,
        time_limit=settings.PLANNER_BACKGROUND_TIME_LIMIT,
        email=True,
    )
    return {"scheduleIds": [str(s.pk) for s in schedules], "weekStart": week_start}
