"""Serializer fields shared by every app's API."""

import datetime as dt

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

# Every date the product reads or plans lies in this range, so that date
# arithmetic (a week's Sunday, the next Monday, a school year) never overflows
# and a typo like 9999-12-31 is a 400 naming the field, not a stored row.
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
DATE_RANGE_MESSAGE = f"Use a date between {EARLIEST_DATE} and {LATEST_DATE}."


def date_in_range(value: dt.date) -> bool:
    return EARLIEST_DATE <= value <= LATEST_DATE


class DateField(serializers.DateField):
    """An ISO date within EARLIEST_DATE..LATEST_DATE."""

    def to_internal_value(self, value) -> dt.date:
        day = super().to_internal_value(value)
        if not date_in_range(day):
            raise serializers.ValidationError(DATE_RANGE_MESSAGE)
        return day


# A time of day as the API writes it: "HH:MM", 24-hour (seed 000's shape). It is
# documented by this pattern: OpenAPI's `format: time` is RFC 3339's "HH:MM:SS+00:00".
CLOCK_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9]$"


@extend_schema_field({"type": "string", "pattern": CLOCK_PATTERN, "example": "09:30"})
class TimeField(serializers.TimeField):
    """A time of day written "HH:MM" (24-hour)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)
