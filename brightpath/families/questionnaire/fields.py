"""Serializer fields for the questionnaire's JSON vocabulary."""

import datetime as dt
import uuid

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from brightpath.common.birthdates import PATTERN as BIRTH_DATE_PATTERN
from brightpath.common.birthdates import BirthDate
from brightpath.common.times import parse_clock

from .. import vocabulary as v


@extend_schema_field(
    {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "09:30"}
)
class ClockField(serializers.Field):
    """A time of day as "HH:MM" (24-hour); "HH:MM:SS" with zero seconds is accepted."""

    default_error_messages = {"invalid": 'Use a 24-hour time such as "09:30".'}

    def __init__(self, *, on_grid: bool = False, **kwargs):
        self.on_grid = on_grid
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> str:
        if isinstance(data, dt.time):
            data = data.strftime("%H:%M")
        if not isinstance(data, str):
            self.fail("invalid")
        text = data[:-3] if len(data) == 8 and data.endswith(":00") else data
        try:
            parsed = parse_clock(text)
        except ValueError:
            self.fail("invalid")
        if self.on_grid and parsed.minute % v.SLOT_MINUTES:
            raise serializers.ValidationError(f"Must be on a {v.SLOT_MINUTES}-minute boundary.")
        return parsed.strftime("%H:%M")

    def to_representation(self, value) -> str:
        return value.strftime("%H:%M") if isinstance(value, dt.time) else value


class RatingsField(serializers.DictField):
    """{key: rating 1-5} where every key comes from a fixed list."""

    def __init__(self, *, keys: list[str], **kwargs):
        self.keys = keys
        kwargs.setdefault("default", dict)
        super().__init__(child=serializers.IntegerField(min_value=1, max_value=5), **kwargs)

    def to_internal_value(self, data):
        ratings = super().to_internal_value(data)
        unknown = {
            key: [f"Unknown key; use one of: {', '.join(self.keys)}."]
            for key in ratings
            if key not in self.keys
        }
        if unknown:
            raise serializers.ValidationError(unknown)
        return ratings


class LearningTimesField(serializers.ListField):
    def __init__(self, **kwargs):
        choices = v.LEARNING_TIMES + list(v.LEARNING_TIME_ALIASES)
        super().__init__(child=serializers.ChoiceField(choices=choices), **kwargs)

    def to_internal_value(self, data):
        times = [v.LEARNING_TIME_ALIASES.get(t, t) for t in super().to_internal_value(data)]
        return list(dict.fromkeys(times))  # canonical spelling, no repeats, order kept


class WeekdaysField(serializers.ListField):
    def __init__(self, **kwargs):
        kwargs.setdefault("default", list)
        super().__init__(child=serializers.ChoiceField(choices=v.WEEKDAYS), **kwargs)

    def to_internal_value(self, data):
        days = super().to_internal_value(data)
        if len(set(days)) != len(days):
            raise serializers.ValidationError("Lists a day twice.")
        return sorted(days, key=v.WEEKDAYS.index)


class ClientIdField(serializers.CharField):
    """A saved object's UUID, or a temporary id ("temp_...") for one not saved yet."""

    def to_internal_value(self, data) -> str:
        value = super().to_internal_value(data)
        if value.startswith("temp_"):
            return value
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise serializers.ValidationError(
                'Must be the id of a saved object or a temporary id starting with "temp_".'
            ) from None


@extend_schema_field(
    {
        "type": "string",
        "pattern": BIRTH_DATE_PATTERN,
        "example": "2019-09-14",
        "description": '"YYYY-MM-DD", or "YYYY-MM" when only the month and year are known.',
    }
)
class BirthDateField(serializers.Field):
    """A birth date as "YYYY-MM-DD", or "YYYY-MM" when only the month is known;
    the canonical text comes out (common.birthdates)."""

    default_error_messages = {
        "invalid": 'Use a date such as "2019-09-14", or "2019-09" when only the month is known.'
    }

    def to_internal_value(self, data) -> str:
        try:
            return BirthDate.parse(data).text
        except ValueError:
            self.fail("invalid")

    def to_representation(self, value) -> str:
        return value.text if isinstance(value, BirthDate) else value
