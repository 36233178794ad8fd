"""The questionnaire's submission and a child's profile: writes that span the
family (families) and its children's subject plans (curriculum)."""

import logging

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from brightpath.accounts.models import User
from brightpath.accounts.services import audit_diff, audit_record
from brightpath.common.archive import archive_or_delete
from brightpath.common.birthdates import BirthDate
from brightpath.common.errors import Invalid
from brightpath.curriculum.answers import subject_as_submitted, subject_fit_errors
from brightpath.curriculum.models import Subject
from brightpath.curriculum.services import child_insights_refresh, subject_plans_sync
from brightpath.families.models import Child, Family
from brightpath.families.services import (
    child_answers_save,
    child_profile_save,
    family_answers_save,
    family_lock,
    questionnaire_mark_submitted,
)
from brightpath.planner.services.new_schedule import new_schedule_start

from .questionnaire.serializers import validate_submission

logger = logging.getLogger(__name__)


@transaction.atomic
def questionnaire_submit(*, user: User, data: object) -> Family:
    """Validate a whole questionnaire and write it, as seed 000's save_questionnaire_data.
    Once it commits, the family's current week is planned (planner.services.new_schedule).

    Re-submitting updates in place: children, subjects and commitments are
    matched by id (or, without one, by name); those left out are archived when
    history references them and deleted otherwise. Any error saves nothing.
    """
    submission = validate_submission(data)
    family = family_lock(user=user)
    existing_children = _match_children(family, submission["children"])
    resubmit, before = user.questionnaire_completed, _answers_view(family)

    family_answers_save(family=family, submission=submission)
    kept: list[Child] = []
    for position, (answers, child) in enumerate(
        zip(submission["children"], existing_children, strict=True)
    ):
        child = child_answers_save(family=family, child=child, answers=answers, position=position)
        subject_plans_sync(child=child, answers=answers["section4"]["subjects"])
        kept.append(child)
    for child in family.children.live().exclude(pk__in=[c.pk for c in kept]):
        archive_or_delete(child)

    user.questionnaire_completed = True
    user.questionnaire_completed_at = timezone.now()
    user.save(update_fields=["questionnaire_completed", "questionnaire_completed_at", "updated_at"])
    questionnaire_mark_submitted(user=user, family=family)
    audit_record(
        actor=user,
        action="questionnaire.resubmitted" if resubmit else "questionnaire.submitted",
        target=family,
        family_id=family.pk,
        changes=audit_diff(before, _answers_view(family)),
    )
    new_schedule_start(family=family, actor=user)  # "your new schedule is ready" (seed 001)
    logger.info("questionnaire submitted", extra={"family_id": str(family.pk)})
    return family


def _answers_view(family: Family) -> dict:
    """What the audit log compares across a (re-)submission: the family's name and
    time zone, its children, and each child's subjects (all live rows, in order)."""
    children = family.children.live().prefetch_related(
        Prefetch("subjects", queryset=Subject.objects.live().order_by("position", "name"))
    )
    return {
        "name": family.name,
        "timeZone": family.time_zone,
        "children": [child.name for child in children],
        "subjects": {child.name: [s.name for s in child.subjects.all()] for child in children},
    }


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
        raise Invalid(errors)
    return matched


@transaction.atomic
def child_save(
    *,
    user: User,
    child: Child | None,
    name: str,
    best_learning_times: list[str],
    start_time: str,
    end_time: str,
    birth: BirthDate | None = None,
    age: int | None = None,
) -> Child:
    """Create a child (child=None) or replace its profile and homeschool hours.

    Give the child's `birth` date, or (for compatibility) its `age` today: the
    birth month is then estimated (families.services.child_birth).
    New hours must still fit every subject plan, or the change is refused naming them.
    """
    family = family_lock(user=user)
    if child is not None:
        problems = {}
        for subject in child.subjects.live():
            fit = subject_fit_errors(subject_as_submitted(subject), start_time, end_time)
            if fit:
                problems[subject.name] = next(iter(fit.values()))[0]
        if problems:
            raise Invalid(
                {"endTime": [f"{subject}: {message}" for subject, message in problems.items()]}
            )
    child = child_profile_save(
        family=family,
        child=child,
        name=name,
        birth=birth,
        age=age,
        best_learning_times=best_learning_times,
        start_time=start_time,
        end_time=end_time,
        actor=user,
    )
    child_insights_refresh(child=child)
    return child
