import pytest

from brightpath.surveys import services
from brightpath.surveys.models import SurveySession


@pytest.fixture
def session(user) -> SurveySession:
    return services.survey_session_start(user=user)


@pytest.fixture
def answer(user):
    """Answer questions of a session through the service: {number: rating}."""

    def answer(session: SurveySession, ratings: dict[int, int]) -> None:
        services.survey_responses_submit(
            session=session,
            user=user,
            responses=[
                services.ResponseInput(question_number=number, rating=rating)
                for number, rating in ratings.items()
            ],
        )

    return answer
