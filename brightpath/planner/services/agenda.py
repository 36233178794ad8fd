"""The daily agenda email: each morning (at the time the parent chose, in the
family's time zone) the owner gets the day's plan for every child.

Sending is safe to retry and to run on several workers at once: the day is
claimed with a conditional UPDATE of `last_sent_on` before the email goes out,
so only one run sends it. If sending fails the claim is given back, and the
next run (the beat job runs every 15 minutes) tries again.

A day with nothing planned for any child (a weekend, a holiday) sends no email;
the day is still claimed, so an item added later that day does not set off a
late email.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from brightpath.accounts.models import User
from brightpath.families.models import Child, Family
from brightpath.families.selectors import family_get

from ..clock import family_now
from ..models import AgendaEmail, ScheduleItem
from ..selectors.feeds import (
    agenda_email_get,
    agenda_emails_enabled,
    agenda_items,
    family_for_stop_token,
    stop_token,
)
from ..selectors.lessons import scheduled_lessons

logger = logging.getLogger(__name__)

DEFAULT_SEND_AT = dt.time(7, 0)


# --- settings -------------------------------------------------------------------------------


def _start_tomorrow_if_past(
    last_sent_on: dt.date | None, *, local: dt.datetime, send_at: dt.time
) -> dt.date | None:
    """An email that starts (is turned on or enrolled) once today's time has passed
    where the family lives starts tomorrow: today counts as sent. A parent who sets
    "07:00" in the evening does not get the morning's agenda at night."""
    if local.time() < send_at:
        return last_sent_on
    today = local.date()
    return today if last_sent_on is None else max(last_sent_on, today)


@transaction.atomic
def agenda_email_set(
    *, user: User, enabled: bool, send_at: dt.time, now: dt.datetime | None = None
) -> AgendaEmail:
    """Turn the agenda email on or off and choose its time. Turning it on (or
    first setting it up) after today's time has passed starts it tomorrow."""
    family = family_get(user=user)
    send_at = send_at.replace(second=0, microsecond=0)
    local = family_now(family, now)
    current = AgendaEmail.objects.select_for_update().filter(family=family).first()
    was_on = current is not None and current.enabled
    last_sent_on = current.last_sent_on if current else None
    if enabled and not was_on:
        last_sent_on = _start_tomorrow_if_past(last_sent_on, local=local, send_at=send_at)
    row, _ = AgendaEmail.objects.update_or_create(
        family=family,
        defaults={"enabled": enabled, "send_at": send_at, "last_sent_on": last_sent_on},
    )
    return row


def agenda_email_settings(*, user: User) -> AgendaEmail:
    """The family's setting; before the first beat run enrols it, the default (on at 07:00)."""
    family = family_get(user=user)
    return agenda_email_get(user=user) or AgendaEmail(
        family=family, enabled=True, send_at=DEFAULT_SEND_AT
    )


def agenda_emails_enrol(*, now: dt.datetime) -> None:
    """The email is opt-out: every family without a setting gets the default,
    starting tomorrow if today's time has passed where they live."""
    rows = []
    for family in Family.objects.filter(agenda_email__isnull=True):
        local = family_now(family, now)
        started = _start_tomorrow_if_past(None, local=local, send_at=DEFAULT_SEND_AT)
        rows.append(
            AgendaEmail(family=family, enabled=True, send_at=DEFAULT_SEND_AT, last_sent_on=started)
        )
    AgendaEmail.objects.bulk_create(rows, ignore_conflicts=True)


def agenda_stop_url(family: Family) -> str:
    """A link that turns the family's agenda email off, with no sign-in (RFC 8058)."""
    return f"{settings.SITE_URL}{reverse('agenda_email_stop', args=[stop_token(family)])}"


def agenda_email_stop(*, token: str) -> Family:
    """Turn the agenda email off from the link in an email. A bad link is a 404."""
    family = family_for_stop_token(token=token)
    AgendaEmail.objects.update_or_create(
        family=family,
        defaults={"enabled": False},
        create_defaults={"enabled": False, "send_at": DEFAULT_SEND_AT},
    )
    return family


# --- sending --------------------------------------------------------------------------------


@dataclass
class ChildAgenda:
    name: str
    items: list[ScheduleItem] = field(default_factory=list)
    lessons: dict[str, str] = field(default_factory=dict)  # item id -> lesson title

    @property
    def lines(self) -> list[tuple[ScheduleItem, str]]:
        """Each item with the title of the lesson it teaches ("" if none)."""
        return [(item, self.lessons.get(str(item.pk), "")) for item in self.items]


def _agenda(family: Family, day: dt.date) -> list[ChildAgenda]:
    """Every live child in order, each with the day's items by start time and
    the lesson each subject session teaches."""
    children = {
        child.pk: ChildAgenda(child.name) for child in Child.objects.live().filter(family=family)
    }
    items = list(agenda_items(family=family, day=day))
    shown = scheduled_lessons(items, family=family)
    for item in items:
        if agenda := children.get(item.schedule.child_id):
            agenda.items.append(item)
            if lesson := shown.get(str(item.pk)):
                agenda.lessons[str(item.pk)] = lesson.lesson.title
    return list(children.values())


def _message(
    email: AgendaEmail, day: dt.date, children: list[ChildAgenda]
) -> EmailMultiAlternatives:
    family = email.family
    stop_url = agenda_stop_url(family)
    context = {
        "family": family,
        "day": day,
        "children": children,
        "send_at": email.send_at,
        "stop_url": stop_url,
    }
    subject = f"Today's plan: {day:%A, %B} {day.day}"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("planner/agenda_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[family.owner.email],
        headers={
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("planner/agenda_email.html", context), "text/html")
    return message


def _claim(email: AgendaEmail, day: dt.date) -> bool:
    """Take the day for this run: true for exactly one of any runs racing."""
    claimed = (
        AgendaEmail.objects.filter(pk=email.pk, enabled=True)
        .filter(Q(last_sent_on__isnull=True) | Q(last_sent_on__lt=day))
        .update(last_sent_on=day, updated_at=timezone.now())
    )
    return claimed == 1


def _give_back(email: AgendaEmail, day: dt.date) -> None:
    AgendaEmail.objects.filter(pk=email.pk, last_sent_on=day).update(
        last_sent_on=email.last_sent_on, updated_at=timezone.now()
    )


def _due(email: AgendaEmail, local: dt.datetime) -> bool:
    already = email.last_sent_on is not None and email.last_sent_on >= local.date()
    return not already and local.time() >= email.send_at


def agenda_email_send(*, email: AgendaEmail, now: dt.datetime) -> bool:
    """Send one family's agenda if it is due; true if an email went out."""
    family = email.family
    local = family_now(family, now)
    if not _due(email, local) or not family.owner.email:
        return False
    day = local.date()
    if not _claim(email, day):
        return False  # another run has it
    children = _agenda(family, day)
    if not any(child.items for child in children):
        return False  # nothing planned: no email (the module docstring says why)
    try:
        _message(email, day, children).send()
    except Exception:
        logger.exception("agenda email failed", extra={"family": str(family.pk)})
        _give_back(email, day)
        return False
    return True


def agenda_emails_send(*, now: dt.datetime | None = None) -> int:
    """Send every family's agenda that is due now; returns how many went out."""
    moment = now or timezone.now()
    agenda_emails_enrol(now=moment)
    return sum(agenda_email_send(email=email, now=moment) for email in agenda_emails_enabled())
