"""Validation of a whole questionnaire submission (the format seed 000's
`save_questionnaire_data` reads; documented in questionnaire.schema.json).

Every rule reports the field by its path, e.g.
`children[1].section4.subjects[0].sessionDuration`, and nothing is saved unless
the whole submission is valid. The sections themselves are validated by the
apps that own them: the family's in `families`, the subjects in `curriculum`.
"""

import datetime as dt
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.utils import timezone
from rest_framework import serializers

from brightpath.common.errors import Invalid
from brightpath.curriculum.answers import subject_fit_errors
from brightpath.curriculum.questionnaire import Section4Serializer
from brightpath.families.questionnaire.fields import ClientIdField
from brightpath.families.questionnaire.serializers import (
    QuestionnaireCommitmentsSectionSerializer,
    Section1Serializer,
    Section2Serializer,
    Section5Serializer,
    Section6Serializer,
    Section7Serializer,
)


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


def _today_for(data: object) -> dt.date:
    """Today in the submission's time zone (section1.timeZone), else the default one:
    the day a birth date is checked against."""
    zone = settings.TIME_ZONE
    if isinstance(data, dict) and isinstance(data.get("section1"), dict):
        named = data["section1"].get("timeZone")
        if isinstance(named, str) and named in available_timezones():
            zone = named
    return timezone.localtime(timezone.now(), timezone=ZoneInfo(zone)).date()


def validate_submission(data: object) -> dict:
    """The validated, normalised submission, or Invalid naming each bad field by its path."""
    serializer = QuestionnaireSubmissionSerializer(data=data, context={"today": _today_for(data)})
    if not serializer.is_valid():
        raise Invalid(serializer.errors)
    return serializer.validated_data
