import datetime as dt

from celery import shared_task


@shared_task(name="planner.carry_over_nightly")
def carry_over_nightly(now: str | None = None) -> int:
    """Hourly beat job: carry over yesterday's missed work for every family
    whose local time is now in the first hour of a new day (thin: the service
    does the work). Safe to rerun: a family is carried over once a night."""
    from ..services.carry_over import carry_over_all

    return carry_over_all(now=dt.datetime.fromisoformat(now) if now else None)
