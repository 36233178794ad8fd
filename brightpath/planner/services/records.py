"""Writes for the records the family keeps: the state's target for the school year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from brightpath.accounts.models import User
from brightpath.common.errors import Invalid
from brightpath.families.selectors import family_get

from ..models import RecordsTarget


@dataclass(frozen=True)
class Target:
    year_start: dt.date
    year_end: dt.date
    state: str = ""  # US state code, e.g. "MO"
    required_days: int | None = None
    required_hours: int | None = None
    required_core_hours: int | None = None


def _validate(target: Target) -> None:
    errors: dict[str, list[str]] = {}
    if target.year_end <= target.year_start:
        errors["yearEnd"] = ["Must be after yearStart."]
    if target.state and not (
        len(target.state) == 2 and target.state.isascii() and target.state.isalpha()
    ):
        errors["state"] = ["A two-letter state code, e.g. MO."]
    for name, value in [
        ("requiredDays", target.required_days),
        ("requiredHours", target.required_hours),
        ("requiredCoreHours", target.required_core_hours),
    ]:
        if value is not None and value < 0:
            errors[name] = ["Must be zero or more."]
    if errors:
        raise Invalid(errors)


@transaction.atomic
def records_target_set(*, user: User, target: Target) -> RecordsTarget:
    """Create or replace the family's records target."""
    _validate(target)
    family = family_get(user=user)
    row, _ = RecordsTarget.objects.select_for_update().update_or_create(
        family=family,
        defaults={
            "state": target.state.upper(),
            "year_start": target.year_start,
            "year_end": target.year_end,
            "required_days": target.required_days,
            "required_hours": target.required_hours,
            "required_core_hours": target.required_core_hours,
        },
    )
    return row
