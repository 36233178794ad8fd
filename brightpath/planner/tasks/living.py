import datetime as dt
import logging
from zoneinfo import ZoneInfo

from celery import shared_task
from django.utils import timezone

from brightpath.families.models import Family

logger = logging.getLogger(__name__)

NIGHTLY_HOUR = 0  # carry-over runs in the first hour of the family's day


@shared_task(name="planner.carry_over_nightly")
def carry_over_nightly(now: str | None = None) -> int:
    """Hourly beat job: carry over yesterday's missed work for every family
    whose local time is now in the first hour of a new day. Safe to rerun:
    a second run that hour finds nothing missed."""
    from ..models import CarryOver
    from ..services.carry_over import carry_over_run

    moment = dt.datetime.fromisoformat(now) if now else timezone.now()
    runs = 0
    families = Family.objects.filter(schedules__is_active=True).distinct()
    for family in families:
        local = timezone.localtime(moment, timezone=ZoneInfo(family.time_zone))
        if local.hour != NIGHTLY_HOUR:
            continue
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if CarryOver.objects.filter(
            family=family, trigger="nightly", created_at__gte=midnight
        ).exists():
            continue
        if carry_over_run(family=family, trigger="nightly", now=moment) is not None:
            runs += 1
    return runs
