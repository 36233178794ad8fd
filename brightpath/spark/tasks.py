"""Spark's Celery tasks: thin, idempotent, each calling one service."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from .services.catalogue import sparks_schedule
from .services.children import age_groups_refresh, exit_locked_email_send
from .services.consent import consent_email_send
from .services.privacy import children_purge, conversations_purge
from .services.summaries import summaries_build_yesterday


@shared_task(name="spark.purge_old_conversations")
def purge_old_conversations() -> dict:
    """Daily (beat): the retention policy. Conversation text past SPARK_RETENTION_DAYS,
    then the profiles past it (no conversation for that long, or consent withdrawn
    more than 30 days ago), with everything about those children."""
    return {"messages": conversations_purge(), "children": children_purge()}


@shared_task(name="spark.refresh_age_groups")
def refresh_age_groups() -> int:
    """Daily (beat): children whose birthday moved them to the next age group."""
    return age_groups_refresh()


@shared_task(name="spark.send_consent_email")
def send_consent_email(consent_id: str, action: str) -> None:
    """The parent's confirmation that a Spark consent was given or withdrawn."""
    consent_email_send(consent_id=consent_id, action=action)


@shared_task(name="spark.send_exit_locked_email")
def send_exit_locked_email(user_id: str, child_id: str | None = None) -> None:
    """The parent's warning that leaving a child's view locked after five wrong tries."""
    exit_locked_email_send(user_id=user_id, child_id=child_id)


@shared_task(name="spark.schedule_sparks")
def schedule_sparks() -> int:
    """Daily (beat): keep a brain spark for every age group on each of the next 30 days.

    Starts yesterday, as `spark_catalogue` does: a parent's today may be the server's
    yesterday or tomorrow."""
    return sparks_schedule(today=timezone.localdate() - dt.timedelta(days=1), days=32)


@shared_task(name="spark.summarise_yesterday")
def summarise_yesterday(now: str | None = None) -> int:
    """Hourly (beat): each child's local yesterday summed once, in the first run after
    the parent's midnight (daily activity, cognitive metrics). The service skips a
    child whose yesterday is already built, and one whose parent withdrew consent."""
    return summaries_build_yesterday(now=dt.datetime.fromisoformat(now) if now else None)
