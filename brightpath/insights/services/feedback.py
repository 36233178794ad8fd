"""Writes of feedback: a parent rates a week, or tells us something else."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from uuid import UUID

from django.db import IntegrityError, transaction

from brightpath.accounts.models import User
from brightpath.common.errors import Conflict, Invalid
from brightpath.families.selectors import child_get, family_get
from brightpath.planner.selectors import schedule_get

from ..models import Feedback
from ..questions import (
    ADJUSTMENTS,
    COMMENTS_MAX,
    FEEDBACK_TYPES,
    LIKERT_MAX,
    LIKERT_MIN,
    LIKERT_STATEMENTS,
    RATING_MAX,
    RATING_MIN,
    SCHEDULE_SATISFACTION,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedbackInput:
    """What the parent sent, in the API's terms (camelCase paths in errors)."""

    feedback_type: str = SCHEDULE_SATISFACTION
    schedule_id: UUID | None = None
    child_id: UUID | None = None
    rating: int | None = None
    comments: str = ""
    likert_responses: dict[str, int] = field(default_factory=dict)
    adjustments: dict[str, bool] = field(default_factory=dict)


def _errors(data: FeedbackInput) -> dict[str, list[str]]:
    """Every bad field by its request path; the serializer checks types first,
    this checks the rules again for any caller (a page, a task)."""
    errors: dict[str, list[str]] = {}
    if data.feedback_type not in FEEDBACK_TYPES:
        errors["feedbackType"] = [f"Must be one of: {', '.join(FEEDBACK_TYPES)}."]
    if data.rating is not None and not RATING_MIN <= data.rating <= RATING_MAX:
        errors["rating"] = [f"Must be {RATING_MIN} to {RATING_MAX} stars."]
    if data.feedback_type == SCHEDULE_SATISFACTION:
        if data.rating is None:
            errors["rating"] = ["Required to rate a week: 1 to 5 stars."]
        if data.schedule_id is None:
            errors["scheduleId"] = ["Required to rate a week: the week's schedule."]
    for key, value in data.likert_responses.items():
        path = f"feedbackData.likertResponses.{key}"
        if key not in LIKERT_STATEMENTS:
            errors[path] = [f"Not a question of the form ({', '.join(LIKERT_STATEMENTS)})."]
        elif isinstance(value, bool) or not isinstance(value, int):
            errors[path] = ["Must be a whole number from 1 to 5."]
        elif not LIKERT_MIN <= value <= LIKERT_MAX:
            errors[path] = [f"Must be from {LIKERT_MIN} (disagree) to {LIKERT_MAX} (agree)."]
    for key, value in data.adjustments.items():
        path = f"feedbackData.adjustments.{key}"
        if key not in ADJUSTMENTS:
            errors[path] = [f"Not an adjustment ({', '.join(ADJUSTMENTS)})."]
        elif not isinstance(value, bool):
            errors[path] = ["Must be true or false."]
    if len(data.comments) > COMMENTS_MAX:
        errors["comments"] = [f"At most {COMMENTS_MAX} characters."]
    if not data.comments.strip() and data.feedback_type != SCHEDULE_SATISFACTION:
        errors["comments"] = ["Tell us something: a suggestion needs words."]
    return errors


@transaction.atomic
def feedback_create(*, user: User, data: FeedbackInput) -> Feedback:
    """Store the user's feedback. The schedule and child must be the user's
    family's (another family's is a 404, as if it did not exist); a week's
    version is rated once (409 after that)."""
    errors = _errors(data)
    if errors:
        raise Invalid(errors)
    family = family_get(user=user)
    schedule = schedule_get(user=user, schedule_id=data.schedule_id) if data.schedule_id else None
    child = child_get(user=user, child_id=data.child_id) if data.child_id else None
    if schedule is not None and child is not None and schedule.child_id != child.pk:
        raise Invalid({"childId": ["This schedule is another child's week."]})
    feedback_data: dict = {}
    if data.likert_responses:
        feedback_data["likertResponses"] = dict(sorted(data.likert_responses.items()))
    if data.adjustments:
        feedback_data["adjustments"] = dict(data.adjustments)
    try:
        # A savepoint: a duplicate rating is reported, and the transaction stays usable.
        with transaction.atomic():
            feedback = Feedback.objects.create(
                family=family,
                child=child or (schedule.child if schedule else None),
                schedule=schedule,
                author=user,
                feedback_type=data.feedback_type,
                rating=data.rating,
                comments=data.comments.strip(),
                feedback_data=feedback_data,
                week_start_date=schedule.week_start_date if schedule else None,
            )
    except IntegrityError as exc:
        raise Conflict("You already rated this week.", code="already_rated") from exc
    logger.info(
        "feedback received",
        extra={"feedback_id": str(feedback.pk), "feedback_type": feedback.feedback_type},
    )
    return feedback
