"""Writes to surveys: start a session, answer questions, complete or abandon it."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from brightpath.accounts.models import User
from brightpath.common.errors import Conflict, Invalid, NotFound

from .models import Question, SessionStatus, SurveyResponse, SurveySession
from .scoring import RATING_MAX, RATING_MIN, dimension_scores

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResponseInput:
    """One answer: the question by id or by number (1..25), or both if they agree."""

    rating: int
    question_id: UUID | None = None
    question_number: int | None = None
    text_response: str = ""


@transaction.atomic
def survey_session_start(*, user: User) -> SurveySession:
    session = SurveySession.objects.create(user=user)
    logger.info("survey session started", extra={"session_id": str(session.pk)})
    return session


def _locked(session: SurveySession, user: User) -> SurveySession:
    """The session's current row, locked until the transaction ends; 404 if not the user's."""
    try:
        return SurveySession.objects.select_for_update().get(pk=session.pk, user=user)
    except SurveySession.DoesNotExist as exc:
        raise NotFound() from exc


def _require_in_progress(session: SurveySession) -> None:
    if session.status != SessionStatus.IN_PROGRESS:
        raise Conflict(f"This survey session is already {session.status}; start a new one.")


def _resolve_questions(responses: Sequence[ResponseInput]) -> list[Question]:
    """The active question each answer is for, or a 400 naming every bad `responses[i]` field."""
    ids = {item.question_id for item in responses if item.question_id is not None}
    numbers = {item.question_number for item in responses if item.question_number is not None}
    active = list(Question.objects.filter(Q(pk__in=ids) | Q(number__in=numbers), is_active=True))
    by_id = {question.pk: question for question in active}
    by_number = {question.number: question for question in active}

    errors: list[dict[str, list[str]]] = []
    resolved: list[Question] = []
    answered: set[UUID] = set()
    for item in responses:
        error: dict[str, list[str]] = {}
        by_item_id = by_id.get(item.question_id) if item.question_id is not None else None
        by_item_number = by_number.get(item.question_number)
        if item.question_id is None and item.question_number is None:
            error["questionId"] = ["Give questionId or questionNumber."]
        if item.question_id is not None and by_item_id is None:
            error["questionId"] = ["No active survey question has this id."]
        if item.question_number is not None and by_item_number is None:
            error["questionNumber"] = ["No active survey question has this number."]
        if by_item_id and by_item_number and by_item_id != by_item_number:
            error["questionNumber"] = ["Does not match the question given by questionId."]
        question = by_item_id or by_item_number
        if not error and question is not None:
            if question.pk in answered:
                key = "questionId" if item.question_id is not None else "questionNumber"
                error[key] = [f"Question {question.number} is answered twice in this request."]
            answered.add(question.pk)
            resolved.append(question)
        if not RATING_MIN <= item.rating <= RATING_MAX:
            error["rating"] = [f"Must be between {RATING_MIN} and {RATING_MAX}."]
        errors.append(error)
    if any(errors):
        raise Invalid({"responses": errors})
    return resolved


@transaction.atomic
def survey_responses_submit(
    *, session: SurveySession, user: User, responses: Sequence[ResponseInput]
) -> list[SurveyResponse]:
    """Save answers to an in-progress session; a question answered before is updated."""
    session = _locked(session, user)
    _require_in_progress(session)
    questions = _resolve_questions(responses)

    existing = {
        row.question_id: row
        for row in SurveyResponse.objects.filter(session=session, question__in=questions)
    }
    now = timezone.now()
    created: list[SurveyResponse] = []
    updated: list[SurveyResponse] = []
    saved: list[SurveyResponse] = []
    for item, question in zip(responses, questions, strict=True):
        row = existing.get(question.pk)
        if row is None:
            row = SurveyResponse(session=session, question=question)
            created.append(row)
        else:
            row.question = question
            row.updated_at = now  # bulk_update skips auto_now
            updated.append(row)
        row.rating = item.rating
        row.text_response = item.text_response
        saved.append(row)
    SurveyResponse.objects.bulk_create(created)
    SurveyResponse.objects.bulk_update(updated, ["rating", "text_response", "updated_at"])
    session.save(update_fields=["updated_at"])
    return saved


def _complete(session: SurveySession) -> None:
    active = list(Question.objects.filter(is_active=True).only("number", "reverse_scored"))
    ratings = dict(
        SurveyResponse.objects.filter(session=session, question__is_active=True).values_list(
            "question__number", "rating"
        )
    )
    missing = sorted(question.number for question in active if question.number not in ratings)
    if missing:
        numbers = ", ".join(str(number) for number in missing)
        raise Invalid(
            {"status": [f"Answer every question before completing; unanswered: {numbers}."]}
        )
    reverse = {question.number for question in active if question.reverse_scored}
    session.dimension_scores = dimension_scores(ratings, reverse)
    session.status = SessionStatus.COMPLETED
    session.completed_at = timezone.now()


@transaction.atomic
def survey_session_update(*, session: SurveySession, user: User, status: str) -> SurveySession:
    """Complete (every active question answered; scores stored) or abandon a session.

    Repeating the session's current status changes nothing, so a retried
    request succeeds; a completed or abandoned session cannot change (409).
    """
    session = _locked(session, user)
    if status == session.status:
        return session
    _require_in_progress(session)
    if status == SessionStatus.COMPLETED:
        _complete(session)
    elif status == SessionStatus.ABANDONED:
        session.status = SessionStatus.ABANDONED
    else:
        raise Invalid({"status": ["Must be completed or abandoned."]})
    session.save(update_fields=["status", "completed_at", "dimension_scores", "updated_at"])
    logger.info("survey session %s", session.status, extra={"session_id": str(session.pk)})
    return session
