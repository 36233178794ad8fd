"""The lists answer in a fixed number of queries, however many rows there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from brightpath.coach.services.chat import conversation_start, message_send
from brightpath.coach.services.lessons import lesson_create

pytestmark = pytest.mark.django_db


def _rows(teacher, catalogue, n: int) -> None:
    for i in range(n):
        conversation = conversation_start(teacher=teacher, assistant_id=catalogue["Math Coach"].id)
        message_send(
            teacher=teacher, conversation_id=conversation.id, content=f"I teach {i + 3}th grade."
        )
        lesson_create(teacher=teacher, title=f"Lesson {i}", objectives=["Add fractions."])


@pytest.mark.parametrize(
    "url",
    ["/api/coach/conversations/", "/api/coach/lessons/", "/api/coach/memories/",
     "/api/coach/assistants/"],
)  # fmt: skip
def test_a_list_costs_the_same_for_one_row_or_many(client_a, teacher, catalogue, url,
                                                   django_assert_max_num_queries):  # fmt: skip
    _rows(teacher, catalogue, 1)
    client_a.get(url)  # the teacher profile exists from now on
    with CaptureQueriesContext(connection) as one:
        assert client_a.get(url).status_code == 200
    _rows(teacher, catalogue, 3)
    with django_assert_max_num_queries(len(one)):
        assert client_a.get(url).status_code == 200
