"""Query parameters shared by the APIs: a bad value is a 400 naming the parameter."""

from __future__ import annotations

import datetime as dt

from rest_framework.exceptions import ValidationError
from rest_framework.request import Request


def date_param(request: Request, name: str, default: dt.date) -> dt.date:
    """The ISO date in ?name=, or `default` when it is absent or empty."""
    value = request.query_params.get(name)
    if not value:
        return default
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({name: ["Use a date such as 2026-01-05."]}) from None
