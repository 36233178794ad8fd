"""Validation of the family's own answers to the questionnaire: its sections 1,
2, 3 (commitments), 5, 6 and 7, also used when a parent edits them through the
REST endpoints. Every rule reports the field by its path.

`brightpath.onboarding.questionnaire` assembles these, with the curriculum's
subject sections, into the whole submission.
"""

import datetime as dt
from zoneinfo import available_timezones

from django.conf import settings
from django.utils import timezone
from rest_framework import serializers

from brightpath.common.birthdates import BirthDate
from brightpath.common.fields import DateField
from brightpath.common.times import minutes

from .. import vocabulary as v
from .fields import (
    BirthDateField,
    ClientIdField,
    ClockField,
    LearningTimesField,
    RatingsField,
    WeekdaysField,
)


class QuestionnaireCommitmentSerializer(serializers.Serializer):
    id = ClientIdField(required=False)
    name = serializers.CharField(max_length=255)
    frequency = serializers.ChoiceField(choices=v.COMMITMENT_FREQUENCY_CHOICES)
    daysOfWeek = WeekdaysField(required=False)
    dayOfMonth = serializers.IntegerField(min_value=1, max_value=31, required=False)
    weekOfMonth = serializers.ChoiceField(choices=[1, 2, 3, 4, 5, -1], required=False)
    date = DateField(required=False)
    startTime = ClockField()
    endTime = ClockField()

    def validate(self, data: dict) -> dict:
        errors: dict[str, list[str]] = {}
        if minutes(data["endTime"]) <= minutes(data["startTime"]):
            errors["endTime"] = ["Must be after startTime."]
        frequency, days = data["frequency"], data.get("daysOfWeek", [])
        if frequency == "weekly" and not days:
            errors["daysOfWeek"] = ["A weekly commitment needs at least one day."]
        if frequency == "monthly":
            by_date, by_weekday = "dayOfMonth" in data, "weekOfMonth" in data
            if by_date == by_weekday:
                errors["dayOfMonth"] = [
                    "A monthly commitment needs either dayOfMonth, or weekOfMonth with one day "
                    "in daysOfWeek (e.g. the 2nd Tuesday)."
                ]
            elif by_weekday and len(days) != 1:
                errors["daysOfWeek"] = ["With weekOfMonth, give exactly one day."]
        if frequency == "one-time" and "date" not in data:
            errors["date"] = ["A one-time commitment needs its date."]
        if errors:
            raise serializers.ValidationError(errors)
        if "date" in data:
            data["date"] = data["date"].isoformat()
        return data


class BirthSerializer(serializers.Serializer):
    """A child's birth date or, for compatibility, age: at least one of them.

    `birthDate` is "YYYY-MM-DD" or "YYYY-MM"; the child must be 2-18 today where
    the family lives. With `age` alone, the birth month is estimated (or the
    stored birth date kept when it gives that age). With both, they must agree.
    """

    birthDate = BirthDateField(required=False)
    age = serializers.IntegerField(
        min_value=v.MIN_CHILD_AGE,
        max_value=v.MAX_CHILD_AGE,
        required=False,
        help_text="For compatibility: the age today, when the birth date is not given.",
    )

    def today(self) -> dt.date:
        # The caller passes the family's today; without one, the server's.
        return self.context.get("today") or timezone.localdate()

    def validate(self, data: dict) -> dict:
        data = super().validate(data)
        text, age = data.get("birthDate"), data.get("age")
        if text is None and age is None:
            raise serializers.ValidationError(
                {"birthDate": ['Give the birth date ("YYYY-MM-DD" or "YYYY-MM"), or the age.']}
            )
        if text is None:
            return data
        birth, today = BirthDate.parse(text), self.today()
        if birth.date > today:
            raise serializers.ValidationError({"birthDate": ["Is in the future."]})
        years = birth.age_on(today)
        if not v.MIN_CHILD_AGE <= years <= v.MAX_CHILD_AGE:
            raise serializers.ValidationError(
                {
                    "birthDate": [
                        f"That makes the child {years} today; BrightPath plans for children "
                        f"aged {v.MIN_CHILD_AGE} to {v.MAX_CHILD_AGE}."
                    ]
                }
            )
        if age is not None and age != years:
            raise serializers.ValidationError(
                {"age": [f"Does not match birthDate: a child born {text} is {years} today."]}
            )
        return data


class Section2Serializer(BirthSerializer):
    name = serializers.CharField(max_length=255)


class QuestionnaireCommitmentsSectionSerializer(serializers.Serializer):
    commitments = QuestionnaireCommitmentSerializer(many=True, default=list)


class Section6Serializer(serializers.Serializer):
    bestLearningTimes = LearningTimesField(allow_empty=True, default=list)
    startTime = ClockField(on_grid=True)
    endTime = ClockField(on_grid=True)

    def validate(self, data: dict) -> dict:
        if minutes(data["endTime"]) <= minutes(data["startTime"]):
            raise serializers.ValidationError({"endTime": ["Must be after startTime."]})
        return data


class ChildProfileSerializer(BirthSerializer, Section6Serializer):
    """A child's own fields, edited outside the questionnaire (POST/PUT /api/children/)."""

    name = serializers.CharField(max_length=255)


class Section1Serializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    timeZone = serializers.CharField(required=False)

    def validate_timeZone(self, value: str) -> str:
        if value not in available_timezones():
            raise serializers.ValidationError(
                'Unknown time zone; use an IANA name such as "America/Chicago".'
            )
        return value

    def validate(self, data: dict) -> dict:
        data.setdefault("timeZone", settings.TIME_ZONE)
        return data


class Section5Serializer(serializers.Serializer):
    flexibility = serializers.ChoiceField(choices=v.SCHEDULING_FLEXIBILITY)


class Section7Serializer(serializers.Serializer):
    homeschoolingPhilosophy = RatingsField(keys=v.HOMESCHOOLING_PHILOSOPHIES)
    schedulingStyle = RatingsField(keys=v.SCHEDULING_STYLES)
    planningApproach = serializers.ChoiceField(choices=v.PLANNING_APPROACHES)
    activityPreferences = RatingsField(keys=v.ACTIVITY_PREFERENCES)
