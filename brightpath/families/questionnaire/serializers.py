"""Validation of a questionnaire submission (the format seed 000's
`save_questionnaire_data` reads; documented in questionnaire.schema.json).

Every rule reports the field by its path, e.g.
`children[1].section4.subjects[0].sessionDuration`, and nothing is saved unless
the whole submission is valid.
"""

from zoneinfo import available_timezones

from django.conf import settings
from rest_framework import serializers

from brightpath.common.times import clock, minutes

from .. import vocabulary as v
from .fields import (
    ClientIdField,
    ClockField,
    LearningTimesField,
    RatingsField,
    WeekdaysField,
)

SUBJECT_FIELDS = {
    "id",
    "name",
    "isCoreSubject",
    "sessionDuration",
    "frequency",
    "parentInvolvement",
    "fixedTime",
    "interestLevel",
    "metadata",
}


class QuestionnaireCommitmentSerializer(serializers.Serializer):
    id = ClientIdField(required=False)
    name = serializers.CharField(max_length=255)
    frequency = serializers.ChoiceField(choices=v.COMMITMENT_FREQUENCY_CHOICES)
    daysOfWeek = WeekdaysField(required=False)
    dayOfMonth = serializers.IntegerField(min_value=1, max_value=31, required=False)
    weekOfMonth = serializers.ChoiceField(choices=[1, 2, 3, 4, 5, -1], required=False)
    date = serializers.DateField(required=False)
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


class FixedTimeSerializer(serializers.Serializer):
    required = serializers.BooleanField(default=False)
    preferredTime = ClockField(on_grid=True, required=False, allow_null=True)

    def validate(self, data: dict) -> dict:
        data.setdefault("preferredTime", None)
        if data["required"] and not data["preferredTime"]:
            raise serializers.ValidationError(
                {"preferredTime": ["A fixed-time subject needs its time."]}
            )
        return data


class QuestionnaireSubjectSerializer(serializers.Serializer):
    id = ClientIdField(required=False)
    name = serializers.CharField(max_length=100)
    isCoreSubject = serializers.BooleanField(default=False)
    sessionDuration = serializers.IntegerField(
        min_value=v.MIN_SESSION_MINUTES, max_value=v.MAX_SESSION_MINUTES
    )
    frequency = serializers.ChoiceField(choices=v.SUBJECT_FREQUENCY_CHOICES)
    parentInvolvement = serializers.ChoiceField(choices=v.PARENT_INVOLVEMENT_CHOICES)
    fixedTime = FixedTimeSerializer(default=lambda: {"required": False, "preferredTime": None})
    interestLevel = serializers.IntegerField(min_value=1, max_value=5)
    metadata = serializers.DictField(required=False)

    def validate_sessionDuration(self, value: int) -> int:
        if value % v.SLOT_MINUTES:
            raise serializers.ValidationError(f"Must be a multiple of {v.SLOT_MINUTES} minutes.")
        return value

    def to_internal_value(self, data):
        subject = super().to_internal_value(data)
        # As seed 000 does: keys beyond the known ones are kept as the subject's metadata.
        extra = {k: val for k, val in data.items() if k not in SUBJECT_FIELDS}
        if extra or "metadata" in subject:
            subject["metadata"] = {**subject.get("metadata", {}), **extra}
        return subject


class Section2Serializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    age = serializers.IntegerField(min_value=v.MIN_CHILD_AGE, max_value=v.MAX_CHILD_AGE)


class QuestionnaireCommitmentsSectionSerializer(serializers.Serializer):
    commitments = QuestionnaireCommitmentSerializer(many=True, default=list)


class Section4Serializer(serializers.Serializer):
    subjects = QuestionnaireSubjectSerializer(many=True, allow_empty=False)


class Section6Serializer(serializers.Serializer):
    bestLearningTimes = LearningTimesField(allow_empty=True, default=list)
    startTime = ClockField(on_grid=True)
    endTime = ClockField(on_grid=True)

    def validate(self, data: dict) -> dict:
        if minutes(data["endTime"]) <= minutes(data["startTime"]):
            raise serializers.ValidationError({"endTime": ["Must be after startTime."]})
        return data


class QuestionnaireChildSerializer(serializers.Serializer):
    id = ClientIdField(required=False)
    section2 = Section2Serializer()
    section3Child = QuestionnaireCommitmentsSectionSerializer(default=lambda: {"commitments": []})
    section4 = Section4Serializer()
    section6 = Section6Serializer()

    def validate(self, data: dict) -> dict:
        start, end = data["section6"]["startTime"], data["section6"]["endTime"]
        errors: dict[str, list[str]] = {}
        seen: set[str] = set()
        for index, subject in enumerate(data["section4"]["subjects"]):
            path = f"section4.subjects[{index}]"
            key = subject["name"].strip().casefold()
            if key in seen:
                errors[f"{path}.name"] = ["This child already has a subject with this name."]
            seen.add(key)
            for field, messages in subject_fit_errors(subject, start, end).items():
                errors[f"{path}.{field}"] = messages
        if errors:
            raise serializers.ValidationError(errors)
        return data


def subject_fit_errors(subject: dict, start: str, end: str) -> dict[str, list[str]]:
    """Why a subject cannot fit in a child's homeschool hours start-end, by field."""
    errors: dict[str, list[str]] = {}
    day_minutes = minutes(end) - minutes(start)
    duration = subject["sessionDuration"]
    if duration > day_minutes:
        errors["sessionDuration"] = [
            f"{duration} minutes is longer than the homeschool day "
            f"({start}-{end}, {day_minutes} minutes)."
        ]
    preferred = subject["fixedTime"]["preferredTime"]
    if (
        subject["fixedTime"]["required"]
        and preferred
        and not minutes(start) <= minutes(preferred) <= minutes(end) - duration
    ):
        errors["fixedTime.preferredTime"] = [
            f"A {duration}-minute session at {preferred} does not fit in the homeschool hours "
            f"{start}-{end}; it must start between {start} and {clock(minutes(end) - duration)}."
        ]
    return errors


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


class QuestionnaireSubmissionSerializer(serializers.Serializer):
    section1 = Section1Serializer()
    section3 = QuestionnaireCommitmentsSectionSerializer(default=lambda: {"commitments": []})
    section5 = Section5Serializer()
    section7 = Section7Serializer()
    children = QuestionnaireChildSerializer(many=True, allow_empty=False, max_length=12)

    def validate_children(self, children: list[dict]) -> list[dict]:
        ids = [child["id"] for child in children if "id" in child]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError("Two children have the same id.")
        return children


def validate_submission(data: object) -> dict:
    """The validated, normalised submission, or a ValidationError naming each bad field."""
    serializer = QuestionnaireSubmissionSerializer(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
