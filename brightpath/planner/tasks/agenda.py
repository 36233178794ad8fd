import datetime as dt

from celery import shared_task


@shared_task(name="planner.send_daily_agendas")
def send_daily_agendas(now: str | None = None) -> int:
    """Beat job (every 15 minutes): send each family's agenda email that is due.
    Safe to rerun and to run twice at once: each family's day is claimed first."""
    from ..services.agenda import agenda_emails_send

    return agenda_emails_send(now=dt.datetime.fromisoformat(now) if now else None)
