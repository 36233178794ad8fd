"""Writes to families: family settings, commitments, children, questionnaire drafts.

The questionnaire's whole submission, which also writes the curriculum, is
`brightpath.onboarding.services.questionnaire_submit`; it calls these.
"""

import copy
import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from brightpath.accounts.models import User
from brightpath.accounts.services import audit_diff, audit_record
from brightpath.common.archive import archive_or_delete, sync_rows
from brightpath.common.birthdates import MONTH, BirthDate
from brightpath.common.errors import Conflict, Invalid
from brightpath.common.times import parse_clock

from . import drafts
from .answers import CommitmentAnswer
from .models import (
    Child,
    ChildCommitment,
    Commitment,
    Family,
    FamilyCommitment,
    QuestionnaireSession,
)

logger = logging.getLogger(__name__)


def family_get_or_create(*, user: User) -> Family:
    """The user's family, created empty (named after the user) on first need."""
    family, _ = Family.objects.get_or_create(owner=user, defaults={"name": user.name})
    return family


def family_lock(*, user: User) -> Family:
    """The user's family (created on first need), locked for this transaction."""
    family = family_get_or_create(user=user)
    return Family.objects.select_for_update().get(pk=family.pk)


@transaction.atomic
def family_update(
    *,
    user: User,
    name: str | None = None,
    time_zone: str | None = None,
    school_days: list[str] | None = None,
    adults: int | None = None,
) -> Family:
    """Change the family's settings; a field left None stays as it is.

    `time_zone` is a valid IANA name and `school_days` weekday names (the API's
    serializer checks both).
    """
    from .vocabulary import WEEKDAYS

    family = family_lock(user=user)
    before = family_settings(family)
    if time_zone is not None:
        family.time_zone = time_zone
    if school_days is not None:
        family.school_days = sorted(set(school_days), key=WEEKDAYS.index)
    if name is not None:
        family.name = name
    if adults is not None:
        family.adults = adults
    family.save()
    changes = audit_diff(before, family_settings(family))
    if changes:
        audit_record(
            actor=user, action="family.updated", target=family, family_id=family.pk, changes=changes
        )
    return family


def family_settings(family: Family) -> dict:
    """The family's settings as the audit log compares them."""
    return {
        "name": family.name,
        "timeZone": family.time_zone,
        "schoolDays": list(family.school_days),
        "adults": family.adults,
    }


def family_answers_save(*, family: Family, submission: dict) -> None:
    """The family's own sections of a validated questionnaire submission (1, 3, 5, 7)."""
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
    commitments_sync(owner=family, answers=submission["section3"]["commitments"])


# --- Children -------------------------------------------------------------------


def child_birth(
    *, family: Family, child: Child | None, birth: BirthDate | None, age: int | None
) -> BirthDate:
    """The birth date to store for a child given a birth date, or only an age.

    An age alone keeps the stored birth date when it gives that age today where
    the family lives, and otherwise estimates the birth month (marked
    approximate). A month sent back equal to the stored estimate stays an estimate.
    """
    known = child.birth if child is not None and child.birth_date else None
    if birth is not None:
        if known and known.is_estimate and birth.precision == MONTH and birth.date == known.date:
            return known
        return birth
    if age is None:
        raise Invalid({"birthDate": ["Give the birth date or the age."]})
    today = family.today()
    if known and known.age_on(today) == age:
        return known
    return BirthDate.estimated(age, today)


def _parsed_birth(answer: dict) -> BirthDate | None:
    return BirthDate.parse(answer["birthDate"]) if answer.get("birthDate") else None


def child_answers_save(
    *, family: Family, child: Child | None, answers: dict, position: int
) -> Child:
    """A child's own sections of a validated submission (2, 3, 6), as one child.

    Section 2 gives the birth date, or only the age (see `child_birth`)."""
    section2, section6 = answers["section2"], answers["section6"]
    birth = child_birth(
        family=family, child=child, birth=_parsed_birth(section2), age=section2.get("age")
    )
    child = child or Child(family=family)
    child.name = section2["name"]
    child.birth = birth
    child.position = position
    child.archived_at = None
    child.questionnaire_responses = {
        "section2": {"name": section2["name"], "birthDate": birth.text},
        **{key: answers[key] for key in ("section3Child", "section4", "section6")},
    }
    child.learning_preferences = {
        **child.learning_preferences,
        "bestLearningTimes": section6["bestLearningTimes"],
        "homeschoolingHours": {"startTime": section6["startTime"], "endTime": section6["endTime"]},
    }
    child.save()
    commitments_sync(owner=child, answers=answers["section3Child"]["commitments"])
    return child


def child_profile(child: Child | None) -> dict:
    """A child's profile as the audit log compares it (empty before it exists)."""
    if child is None or child.pk is None or not child.birth_date:
        return {}
    hours = child.learning_preferences.get("homeschoolingHours") or {}
    return {
        "name": child.name,
        "birthDate": child.birth.text,
        "bestLearningTimes": child.learning_preferences.get("bestLearningTimes", []),
        "startTime": hours.get("startTime"),
        "endTime": hours.get("endTime"),
    }


def child_profile_save(
    *,
    family: Family,
    child: Child | None,
    name: str,
    best_learning_times: list[str],
    start_time: str,
    end_time: str,
    birth: BirthDate | None = None,
    age: int | None = None,
    actor: User | None = None,
) -> Child:
    """Create a child (child=None) or replace its profile and homeschool hours.

    Give `birth`, or (for compatibility) `age`: see `child_birth`. The change is
    recorded in the audit log as `actor`'s."""
    birth = child_birth(family=family, child=child, birth=birth, age=age)
    before = child_profile(child)
    child = child or Child(family=family, position=family.children.live().count())
    child.name = name
    child.birth = birth
    child.learning_preferences = {
        **child.learning_preferences,
        "bestLearningTimes": best_learning_times,
        "homeschoolingHours": {"startTime": start_time, "endTime": end_time},
    }
    child.save()
    changes = audit_diff(before, child_profile(child))
    if not before or changes:
        audit_record(
            actor=actor,
            action="child.updated" if before else "child.added",
            target=child,
            family_id=family.pk,
            changes=changes,
        )
    return child


@transaction.atomic
def child_delete(*, child: Child, actor: User | None = None) -> str:
    """Delete a child, or archive it when history (weeks, logs) refers to it."""
    # Recorded first: a deleted row no longer has its id.
    audit_record(actor=actor, action="child.removed", target=child, family_id=child.family_id)
    return archive_or_delete(child)


# --- Commitments ----------------------------------------------------------------


def _commitment_fill(row: Commitment, answer: CommitmentAnswer, position: int) -> Commitment:
    row.name = answer["name"]
    row.frequency = answer["frequency"]
    row.days_of_week = answer.get("daysOfWeek", [])
    row.day_of_month = answer.get("dayOfMonth")
    row.week_of_month = answer.get("weekOfMonth")
    row.date = answer.get("date")
    row.start_time = parse_clock(answer["startTime"])
    row.end_time = parse_clock(answer["endTime"])
    row.position = position
    row.archived_at = None
    row.save()
    return row


def _new_commitment(owner: Family | Child) -> Commitment:
    if isinstance(owner, Family):
        return FamilyCommitment(family=owner)
    return ChildCommitment(child=owner)


def commitments_sync(*, owner: Family | Child, answers: list[CommitmentAnswer]) -> None:
    """Make the owner's commitments those of a re-submitted questionnaire section."""
    sync_rows(
        owner.commitments.all(),
        answers,
        lambda row, answer, position: _commitment_fill(
            row or _new_commitment(owner), answer, position
        ),
    )


def _commitment_view(row: Commitment) -> dict:
    """A commitment as the audit log compares it (the questionnaire's format, no id)."""
    day = row.date
    return {
        "name": row.name,
        "frequency": row.frequency,
        "daysOfWeek": list(row.days_of_week),
        "dayOfMonth": row.day_of_month,
        "weekOfMonth": row.week_of_month,
        # Just filled from an answer, the date is still the answer's text.
        "date": day.isoformat() if isinstance(day, dt.date) else day,
        "startTime": row.start_time.strftime("%H:%M"),
        "endTime": row.end_time.strftime("%H:%M"),
    }


def _commitment_audit(
    row: Commitment, action: str, actor: User | None, changes: dict | None = None
) -> None:
    child = row.child if isinstance(row, ChildCommitment) else None
    audit_record(
        actor=actor,
        action=action,
        target=row,
        family_id=child.family_id if child else row.family_id,
        changes=changes,
        # Whose commitment it is: a child's, or (no childName) the parent's.
        context={"childName": child.name} if child else {},
    )


@transaction.atomic
def commitment_create(
    *, owner: Family | Child, answer: CommitmentAnswer, actor: User | None = None
) -> Commitment:
    """Add a commitment to a family (the parent's) or to a child."""
    row = _commitment_fill(_new_commitment(owner), answer, owner.commitments.live().count())
    _commitment_audit(row, "commitment.added", actor, audit_diff({}, _commitment_view(row)))
    return row


@transaction.atomic
def commitment_update(
    *, commitment: Commitment, answer: CommitmentAnswer, actor: User | None = None
) -> Commitment:
    before = _commitment_view(commitment)
    row = _commitment_fill(commitment, answer, commitment.position)
    changes = audit_diff(before, _commitment_view(row))
    if changes:
        _commitment_audit(row, "commitment.updated", actor, changes)
    return row


@transaction.atomic
def commitment_delete(*, commitment: Commitment, actor: User | None = None) -> str:
    _commitment_audit(commitment, "commitment.removed", actor)  # while it still has its id
    return archive_or_delete(commitment)


# --- Questionnaire drafts --------------------------------------------------------


def _child_progress(data: dict, child_key: str) -> dict:
    for entry in data["childrenProgress"]:
        if entry["childId"] == child_key:
            return entry
    entry = {
        "childId": child_key,
        "name": "",
        **dict.fromkeys(drafts.CHILD_SECTIONS, "not_started"),
    }
    data["childrenProgress"].append(entry)
    return entry


def _aggregate_child_sections(data: dict) -> None:
    """Family-level progress of a per-child section summarises every child's."""
    # Section 3 is also the family's own commitments, so it is not summarised.
    for section in ("section2", "section4", "section6"):
        states = {entry[section] for entry in data["childrenProgress"]}
        if states == {"complete"}:
            data["progress"][section] = "complete"
        elif states - {"not_started"}:
            data["progress"][section] = "in_progress"
        else:
            data["progress"][section] = "not_started"


@transaction.atomic
def questionnaire_draft_save(
    *,
    user: User,
    section: str,
    draft: dict,
    status: str = "in_progress",
    child_key: str | None = None,
    expected_version: int | None = None,
) -> QuestionnaireSession:
    """Save one section's draft (a family section, or one child's) and its progress.

    Different sections saved from two devices merge; the same session saved
    with a stale `expected_version` is refused with 409.
    """
    allowed = drafts.CHILD_SECTIONS if child_key else drafts.DRAFT_FAMILY_SECTIONS
    if section not in allowed:
        raise Invalid({"section": [f"Must be one of: {', '.join(allowed)}."]})
    if status not in drafts.STATUSES:
        raise Invalid({"status": [f"Must be one of: {', '.join(drafts.STATUSES)}."]})
    if not isinstance(draft, dict):
        raise Invalid({"draft": ["Must be a JSON object."]})
    if len(repr(draft).encode()) > drafts.MAX_DRAFT_BYTES:
        raise Invalid({"draft": ["Too large for one section."]})

    family = family_get_or_create(user=user)
    session, _ = QuestionnaireSession.objects.select_for_update().get_or_create(
        user=user,
        defaults={"family": family, "session_data": drafts.empty_session_data(), "version": 0},
    )
    if expected_version is not None and expected_version != session.version:
        raise Conflict(
            f"The questionnaire was saved elsewhere (version {session.version}); reload it."
        )
    data = copy.deepcopy(session.session_data) or drafts.empty_session_data()
    if session.status == "submitted":
        session.status = "in_progress"  # editing answers after a submit starts a new round

    if child_key:
        data["drafts"]["children"].setdefault(child_key, {})[section] = draft
        entry = _child_progress(data, child_key)
        entry[section] = status
        if section == "section2" and isinstance(draft.get("name"), str):
            entry["name"] = draft["name"]
        _aggregate_child_sections(data)
        number = int(section[7])
    else:
        data["drafts"][section] = draft
        data["progress"][section] = status
        number = int(section[-1])
    data["currentSection"] = number
    data["lastUpdated"] = timezone.now().isoformat()

    session.family = family
    session.session_data = data
    session.version += 1
    session.save()
    version = session.version
    transaction.on_commit(lambda: drafts.cache_write(family.pk, data, version))
    return session


@transaction.atomic
def questionnaire_draft_discard_child(*, user: User, child_key: str) -> QuestionnaireSession | None:
    """Forget a child's drafts (the parent removed that child from the form)."""
    session = QuestionnaireSession.objects.select_for_update().filter(user=user).first()
    if session is None:
        return None
    data = copy.deepcopy(session.session_data)
    data["drafts"]["children"].pop(child_key, None)
    data["childrenProgress"] = [e for e in data["childrenProgress"] if e["childId"] != child_key]
    _aggregate_child_sections(data)
    data["lastUpdated"] = timezone.now().isoformat()
    session.session_data = data
    session.version += 1
    session.save()
    family_id, version = session.family_id, session.version
    transaction.on_commit(lambda: drafts.cache_write(family_id, data, version))
    return session


def questionnaire_mark_submitted(*, user: User, family: Family) -> None:
    """After a submit: progress complete, drafts cleared (the rows now hold the answers)."""
    session, _ = QuestionnaireSession.objects.select_for_update().get_or_create(
        user=user, defaults={"family": family, "session_data": drafts.empty_session_data()}
    )
    old_keys = list(
        drafts.draft_keys(family.pk, session.session_data or drafts.empty_session_data())
    )
    data = drafts.empty_session_data()
    data["progress"] = dict.fromkeys(drafts.FAMILY_SECTIONS, "complete")
    data["currentSection"] = 7
    data["lastUpdated"] = timezone.now().isoformat()
    session.family = family
    session.status = "submitted"
    session.session_data = data
    session.version += 1
    session.save()
    version = session.version
    transaction.on_commit(lambda: drafts.cache_forget(family.pk, old_keys, data, version))
