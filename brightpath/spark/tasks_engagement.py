"""Spark's nightly engagement jobs (D1's tasks.py imports this module so Celery finds them)."""

import datetime as dt

from celery import shared_task


@shared_task(name="spark.summarise_yesterday")
def summarise_yesterday(now: str | None = None) -> int:
    """Hourly beat job: each child's local yesterday summed once, in the first run
    after the parent's midnight (daily activity, cognitive metrics). Thin and
    idempotent: the service skips a child whose yesterday is already built."""
    from brightpath.spark.services.summaries import summaries_build_yesterday

    return summaries_build_yesterday(now=dt.datetime.fromisoformat(now) if now else None)
