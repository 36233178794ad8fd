"""Spark's Celery tasks: thin, idempotent, each calling one service."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from .services.catalogue import sparks_schedule
from .services.consent import consent_email_send
from .services.privacy import conversations_purge
from .tasks_engagement import summarise_yesterday

# Celery discovers an app's tasks in its `tasks` module: the engagement jobs live beside it.
__all__ = [
    "purge_old_conversations",
    "schedule_sparks",
    "send_consent_email",
    "summarise_yesterday",
]


@shared_task(name="spark.purge_old_conversations")
def purge_old_conversations() -> int:
    """Daily (beat): delete conversation text past SPARK_RETENTION_DAYS."""
    return conversations_purge()


@shared_task(name="spark.send_consent_email")
def send_consent_email(consent_id: str, action: str) -> None:
    """The parent's confirmation that a Spark consent was given or withdrawn."""
    consent_email_send(consent_id=consent_id, action=action)


@shared_task(name="spark.schedule_sparks")
def schedule_sparks() -> int:
    """Daily (beat): keep a brain spark for every age group on each of the next 30 days.

    Starts yesterday, as `spark_catalogue` does: a parent's today may be the server's
    yesterday or tomorrow."""
    return sparks_schedule(today=timezone.localdate() - dt.timedelta(days=1), days=32)
