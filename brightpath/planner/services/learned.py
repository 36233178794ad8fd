"""Writes of a family's learned preferences (issue 17). The insights app learns
them and calls this service; the planner only stores what fits the shape it
reads (planner/learned.py), so a bad write never reaches the engine."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from brightpath.common.errors import Invalid
from brightpath.families.models import Family

from ..learned import shape_errors
from ..models import LearnedPreferences

logger = logging.getLogger(__name__)


@transaction.atomic
def learned_preferences_save(
    *, family: Family, data: dict, logs_through: dt.datetime | None = None
) -> LearnedPreferences:
    """Store what was learned for `family`, replacing the previous state.
    `logs_through` (the newest activity log learned from) only moves forward."""
    errors = shape_errors(data)
    if errors:
        raise Invalid(errors)
    row, _ = LearnedPreferences.objects.select_for_update().get_or_create(family=family)
    row.data = data
    if logs_through is not None and (row.logs_through is None or logs_through > row.logs_through):
        row.logs_through = logs_through
    row.save()
    logger.info("learned preferences saved", extra={"family_id": str(family.pk)})
    return row


@transaction.atomic
def learned_preferences_forget(*, family: Family) -> None:
    """Forget everything learned for `family`: the next week is planned from the
    questionnaire alone, and learning starts again from the logs after now (an
    empty `data` is what nothing learned looks like).

    Under the family's lock, as a refresh learns under it: a refresh running
    meanwhile finishes first, and what it stored is then forgotten, instead of
    it storing what it learned after the parent asked to forget."""
    Family.objects.select_for_update().get(pk=family.pk)
    LearnedPreferences.objects.update_or_create(
        family=family, defaults={"data": {}, "logs_through": timezone.now()}
    )
    logger.info("learned preferences forgotten", extra={"family_id": str(family.pk)})
