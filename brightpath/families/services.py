"""Writes to families: the questionnaire submission and its drafts, family settings."""

import logging
from collections.abc import Iterable
from typing import TypeVar

from django.db import models, transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from brightpath.accounts.models import User
from brightpath.common.archive import Archivable, archive_or_delete
from brightpath.curriculum.models import Subject
from brightpath.curriculum.services import catalog_subject_for_name

from .models import (
    Child,
    ChildCommitment,
    Commitment,
    Family,
    FamilyCommitment,
)
from .questionnaire.fields import parse_clock
from .questionnaire.insights import derived_insights
from .questionnaire.serializers import validate_submission

logger = logging.getLogger(__name__)

Row = TypeVar("Row", bound=Archivable)


def family_get_or_create(*, user: User) -> Family:
    """The user's family, created empty (named after the user) on first need."""
    family, _ = Family.objects.get_or_create(owner=user, defaults={"name": user.name})
    return family


@transaction.atomic
def questionnaire_submit(*, user: User, data: object) -> Family:
    """Validate a whole questionnaire and write it, as seed 000's save_questionnaire_data.

    Re-submitting updates in place: children, subjects and commitments are
    matched by id (or, without one, by name); those left out are archived when
    history references them and deleted otherwise. Any error saves nothing.
    """
    submission = validate_submission(data)
    family = family_get_or_create(user=user)
    family = Family.objects.select_for_update().get(pk=family.pk)
    existing_children = _match_children(family, submission["children"])

    _write_family(family, submission)
    _sync_commitments(
        FamilyCommitment, {"family": family}, family.commitments.all(), submission["section3"]
    )
    kept: list[Child] = []
    for position, (child_data, child) in enumerate(
        zip(submission["children"], existing_children, strict=True)
    ):
        kept.append(_write_child(family, child, child_data, position, submission["section7"]))
    for child in family.children.live().exclude(pk__in=[c.pk for c in kept]):
        archive_or_delete(child)

    now = timezone.now()
    user.questionnaire_completed = True
    user.questionnaire_completed_at = now
    user.save(update_fields=["questionnaire_completed", "questionnaire_completed_at", "updated_at"])
    from .drafts import questionnaire_mark_submitted

    questionnaire_mark_submitted(user=user, family=family)
    logger.info("questionnaire submitted", extra={"family_id": str(family.pk)})
    return family


def _match_children(family: Family, children: list[dict]) -> list[Child | None]:
    """The existing child each submitted child updates (None for a new one).

    Runs before any write so that an unknown id is a 400, not a half-saved family.
    """
    live = {str(c.pk): c for c in family.children.all()}
    by_name = {c.name.casefold(): c for c in family.children.live()}
    saved_ids = {
        index: child["id"]
        for index, child in enumerate(children)
        if child.get("id") and not child["id"].startswith("temp_")
    }
    matched: list[Child | None] = [None] * len(children)
    errors: dict[str, list[str]] = {}
    for index, client_id in saved_ids.items():
        if client_id not in live:
            errors[f"children[{index}].id"] = ["No child of your family has this id."]
        matched[index] = live.get(client_id)
    # A child without an id matches by name, never a row another child claimed.
    claimed = {child.pk for child in matched if child is not None}
    for index, child_data in enumerate(children):
        row = by_name.get(child_data["section2"]["name"].casefold())
        if index not in saved_ids and row is not None and row.pk not in claimed:
            claimed.add(row.pk)
            matched[index] = row
    if errors:
        raise ValidationError(errors)
    return matched


def _write_family(family: Family, submission: dict) -> None:
    section1, section5, section7 = (submission[k] for k in ("section1", "section5", "section7"))
    family.name = section1["name"]
    family.time_zone = section1["timeZone"]
    family.scheduling_flexibility = section5["flexibility"]
    family.planning_approach = section7["planningApproach"]
    family.questionnaire_responses = {
        "section1": section1,
        "section3": submission["section3"],
        "section5": section5,
        "section7": section7,
    }
    family.preferences = {
        "schedulingFlexibility": section5["flexibility"],
        "homeschoolingPhilosophy": section7["homeschoolingPhilosophy"],
        "schedulingStyle": section7["schedulingStyle"],
        "planningApproach": section7["planningApproach"],
        "activityPreferences": section7["activityPreferences"],
    }
    family.save()


def _write_child(
    family: Family, child: Child | None, data: dict, position: int, section7: dict
) -> Child:
    child = child or Child(family=family)
    section4, section6 = data["section4"], data["section6"]
    child.name = data["section2"]["name"]
    child.age = data["section2"]["age"]
    child.position = position
    child.archived_at = None
    child.questionnaire_responses = {
        key: data[key] for key in ("section2", "section3Child", "section4", "section6")
    }
    child.learning_preferences = {
        "bestLearningTimes": section6["bestLearningTimes"],
        "homeschoolingHours": {"startTime": section6["startTime"], "endTime": section6["endTime"]},
        "derivedInsights": derived_insights(
            age=child.age,
            subjects=section4["subjects"],
            activity_preferences=section7["activityPreferences"],
        ),
    }
    child.save()
    _sync_commitments(
        ChildCommitment, {"child": child}, child.commitments.all(), data["section3Child"]
    )
    _sync_subjects(child, section4["subjects"])
    return child


def _sync(
    queryset: models.QuerySet[Row], items: list[dict], write, key=lambda row: row.name.casefold()
) -> None:
    """Update rows matched by id (else name), create the rest, retire the unmatched."""
    rows = list(queryset)
    by_id = {str(row.pk): row for row in rows}
    by_key = {key(row): row for row in rows if row.archived_at is None}
    used: set = set()
    for position, item in enumerate(items):
        row = by_id.get(item.get("id", "")) or by_key.get(item["name"].casefold())
        if row is not None and row.pk in used:
            row = None
        row = write(row, item, position)
        used.add(row.pk)
    for row in rows:
        if row.pk not in used and row.archived_at is None:
            archive_or_delete(row)


def _sync_commitments(
    model: type[Commitment], owner: dict, queryset: Iterable, section: dict
) -> None:
    def write(row, item: dict, position: int):
        row = row or model(**owner)
        _commitment_fill(row, item)
        row.position = position
        row.archived_at = None
        row.save()
        return row

    _sync(queryset, section["commitments"], write)


def _subject_writer(child: Child):
    def write(row: Subject | None, item: dict, position: int) -> Subject:
        row = row or Subject(child=child)
        fixed = item["fixedTime"]
        row.name = item["name"]
        row.catalog_subject = catalog_subject_for_name(owner=child.family.owner, name=item["name"])
        row.is_core_subject = item["isCoreSubject"]
        row.session_duration = item["sessionDuration"]
        row.frequency = item["frequency"]
        row.parent_involvement = item["parentInvolvement"]
        row.fixed_time_required = fixed["required"]
        row.preferred_time = parse_clock(fixed["preferredTime"]) if fixed["preferredTime"] else None
        row.interest_level = item["interestLevel"]
        row.metadata = item.get("metadata", {})
        row.position = position
        row.archived_at = None
        row.save()
        return row

    return write


def _sync_subjects(child: Child, subjects: list[dict]) -> None:
    write = _subject_writer(child)
    _sync(child.subjects.all(), subjects, write)


@transaction.atomic
def family_update(
    *,
    user: User,
    name: str | None = None,
    time_zone: str | None = None,
    school_days: list[str] | None = None,
    adults: int | None = None,
) -> Family:
    from zoneinfo import available_timezones

    from .vocabulary import WEEKDAYS

    family = Family.objects.select_for_update().get(pk=family_get_or_create(user=user).pk)
    if time_zone is not None:
        if time_zone not in available_timezones():
            raise ValidationError({"timeZone": ["Unknown time zone; use an IANA name."]})
        family.time_zone = time_zone
    if school_days is not None:
        family.school_days = sorted(set(school_days), key=WEEKDAYS.index)
    if name is not None:
        family.name = name
    if adults is not None:
        family.adults = adults
    family.save()
    return family


# --- Direct edits outside the questionnaire (REST) ------------------------------


def _validated(serializer_class, data: object, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def refresh_insights(child: Child) -> None:
    """Recompute a child's derivedInsights after its subjects or age changed."""
    subjects = [{"name": s.name, "interestLevel": s.interest_level} for s in child.subjects.live()]
    child.learning_preferences = {
        **child.learning_preferences,
        "derivedInsights": derived_insights(
            age=child.age,
            subjects=subjects,
            activity_preferences=child.family.preferences.get("activityPreferences", {}),
        ),
    }
    child.save(update_fields=["learning_preferences", "updated_at"])


@transaction.atomic
def child_save(*, user: User, child: Child | None, data: object) -> Child:
    """Create a child (child=None) or replace its profile and hours.

    New hours must still fit every subject, or the change is refused naming them.
    """
    from brightpath.curriculum.models import Subject
    from brightpath.families.selectors import subject_as_submitted

    from .questionnaire.serializers import ChildProfileSerializer, subject_fit_errors

    profile = _validated(ChildProfileSerializer, data)
    family = family_get_or_create(user=user)
    if child is not None:
        problems = {}
        for subject in Subject.objects.live().filter(child=child):
            fit = subject_fit_errors(
                subject_as_submitted(subject), profile["startTime"], profile["endTime"]
            )
            if fit:
                problems[subject.name] = next(iter(fit.values()))[0]
        if problems:
            raise ValidationError(
                {"endTime": [f"{name}: {message}" for name, message in problems.items()]}
            )
    child = child or Child(family=family, position=family.children.live().count())
    child.name = profile["name"]
    child.age = profile["age"]
    child.learning_preferences = {
        **child.learning_preferences,
        "bestLearningTimes": profile["bestLearningTimes"],
        "homeschoolingHours": {"startTime": profile["startTime"], "endTime": profile["endTime"]},
    }
    child.save()
    refresh_insights(child)
    return child


@transaction.atomic
def child_remove(*, child: Child) -> str:
    return archive_or_delete(child)


@transaction.atomic
def commitment_save(
    *, owner: Family | Child, commitment: Commitment | None, data: object
) -> Commitment:
    """Create or replace a family's or a child's commitment."""
    from .questionnaire.serializers import QuestionnaireCommitmentSerializer

    item = _validated(QuestionnaireCommitmentSerializer, data)
    model, key = (
        (FamilyCommitment, "family") if isinstance(owner, Family) else (ChildCommitment, "child")
    )
    row = commitment or model(**{key: owner}, position=owner.commitments.live().count())
    _commitment_fill(row, item)
    row.save()
    return row


def _commitment_fill(row: Commitment, item: dict) -> None:
    row.name = item["name"]
    row.frequency = item["frequency"]
    row.days_of_week = item.get("daysOfWeek", [])
    row.day_of_month = item.get("dayOfMonth")
    row.week_of_month = item.get("weekOfMonth")
    row.date = item.get("date")
    row.start_time = parse_clock(item["startTime"])
    row.end_time = parse_clock(item["endTime"])


@transaction.atomic
def commitment_remove(*, commitment: Commitment) -> str:
    return archive_or_delete(commitment)


@transaction.atomic
def subject_plan_save(*, child: Child, subject: Subject | None, data: object) -> Subject:
    """Create or replace one of a child's subject plans, checked against the child's hours."""
    from .questionnaire.serializers import QuestionnaireSubjectSerializer, subject_fit_errors

    item = _validated(QuestionnaireSubjectSerializer, data)
    hours = child.homeschool_hours
    errors = subject_fit_errors(item, *hours) if hours else {}
    siblings = child.subjects.live().exclude(pk=getattr(subject, "pk", None))
    if siblings.filter(name__iexact=item["name"].strip()).exists():
        errors["name"] = ["This child already has a subject with this name."]
    if errors:
        raise ValidationError(errors)
    position = subject.position if subject else child.subjects.live().count()
    write = _subject_writer(child)
    subject = write(subject, item, position)
    refresh_insights(child)
    return subject


@transaction.atomic
def subject_plan_remove(*, subject: Subject) -> str:
    outcome = archive_or_delete(subject)
    refresh_insights(subject.child)
    return outcome
