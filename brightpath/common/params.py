"""Query parameters and headers shared by the APIs: a bad value is a 400 naming it.

Numbers are parsed by one strict rule, `parse_int`: ASCII digits only (with a
sign only where allowed) and at most MAX_INT_DIGITS of them. `str.isdigit()` and
`int()` are not that rule: "²".isdigit() is true while int("²") fails, and int()
takes "٣", " 3 ", "+3" and "3_000".
"""

from __future__ import annotations

import datetime as dt
import re

from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from .fields import DATE_RANGE_MESSAGE, date_in_range

MAX_INT_DIGITS = 18  # always within a signed 64-bit integer (a bigint column)
_UNSIGNED = re.compile(rf"[0-9]{{1,{MAX_INT_DIGITS}}}", re.ASCII)
_SIGNED = re.compile(rf"[+-]?[0-9]{{1,{MAX_INT_DIGITS}}}", re.ASCII)


def parse_int(
    value: str,
    name: str,
    *,
    signed: bool = False,
    min_value: int | None = None,
    max_value: int | None = None,
) -> int:
    """`value` as a whole number, or a 400 naming `name` (a parameter or header)."""
    if not (_SIGNED if signed else _UNSIGNED).fullmatch(value):
        raise ValidationError({name: [_describe(signed, min_value, max_value)]})
    number = int(value)
    if (min_value is not None and number < min_value) or (
        max_value is not None and number > max_value
    ):
        raise ValidationError({name: [_describe(signed, min_value, max_value)]})
    return number


def _describe(signed: bool, min_value: int | None, max_value: int | None) -> str:
    kind = (
        "A whole number (digits 0-9, a sign allowed)" if signed else "A whole number (digits 0-9)"
    )
    if min_value is not None and max_value is not None:
        return f"{kind} from {min_value} to {max_value}."
    if min_value is not None:
        return f"{kind}, at least {min_value}."
    if max_value is not None:
        return f"{kind}, at most {max_value}."
    return f"{kind} of at most {MAX_INT_DIGITS} digits."


def int_param(
    request: Request,
    name: str,
    default: int | None = None,
    *,
    signed: bool = False,
    min_value: int | None = None,
    max_value: int | None = None,
) -> int | None:
    """The whole number in ?name=, or `default` when it is absent or empty."""
    value = request.query_params.get(name)
    if not value:
        return default
    return parse_int(value, name, signed=signed, min_value=min_value, max_value=max_value)


def date_param(request: Request, name: str, default: dt.date) -> dt.date:
    """The ISO date in ?name=, or `default` when it is absent or empty."""
    value = request.query_params.get(name)
    if not value:
        return default
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({name: ["Use a date such as 2026-01-05."]}) from None
    if not date_in_range(day):
        raise ValidationError({name: [DATE_RANGE_MESSAGE]})
    return day
