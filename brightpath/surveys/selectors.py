"""Reads of surveys: the shared question catalogue, and sessions scoped to their user."""

from uuid import UUID

from django.db.models import QuerySet

from brightpath.accounts.models import User
from brightpath.common.selectors import get_owned_or_404

from .models import Category, Question, SurveyResponse, SurveySession


def survey_category_list() -> QuerySet[Category]:
    return Category.objects.order_by("order", "name")


def survey_question_list(*, category_id: UUID | None = None) -> QuerySet[Question]:
    """Active questions in survey order, optionally of one category."""
    questions = Question.objects.filter(is_active=True).select_related("category")
    if category_id is not None:
        questions = questions.filter(category_id=category_id)
    return questions.order_by("category__order", "order", "number")


def survey_session_get(*, user: User, session_id: UUID) -> SurveySession:
    """The user's session; another user's is a 404, like a missing one."""
    return get_owned_or_404(SurveySession.objects.all(), user, pk=session_id)


def survey_response_list(*, user: User, session_id: UUID) -> QuerySet[SurveyResponse]:
    """The answers of the user's session, by question number."""
    session = survey_session_get(user=user, session_id=session_id)
    return session.responses.select_related("question").order_by("question__number")
