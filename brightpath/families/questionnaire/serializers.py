"""Validation of the family's own answers to the questionnaire: its sections 1,
2, 3 (commitments), 5, 6 and 7, also used when a parent edits them through the
REST endpoints. Every rule reports the field by its path.

`brightpath.onboarding.questionnaire` assembles these, with the curriculum's
subject sections, into the whole submission.
"""

from zoneinfo import available_timezones

from django.conf import settings
from rest_framework import serializers

from brightpath.common.fields import DateField
from brightpath.common.times import minutes

from .. import vocabulary as v
from .fields import (
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


class Section2Serializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    age = serializers.IntegerField(min_value=v.MIN_CHILD_AGE, max_value=v.MAX_CHILD_AGE)


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


class ChildProfileSerializer(Section6Serializer):
    """A child's own fields, edited outside the questionnaire (POST/PUT /api/children/)."""

    name = serializers.CharField(max_length=255)
    age = serializers.IntegerField(min_value=v.MIN_CHILD_AGE, max_value=v.MAX_CHILD_AGE)


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
