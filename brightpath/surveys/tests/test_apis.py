import uuid

import pytest

from brightpath.common.errors import NotFound
from brightpath.surveys import services
from brightpath.surveys.models import Question, SurveyResponse, SurveySession

pytestmark = pytest.mark.django_db

ALL = range(1, 26)
REVERSED = {2, 4, 7, 13, 22}


def url(session, tail=""):
    return f"/api/surveys/sessions/{session.pk}/{tail}"


def submit(client, session, responses):
    return client.post(url(session, "responses/"), {"responses": responses}, format="json")


def complete(client, session, status="completed"):
    return client.patch(url(session), {"status": status}, format="json")


class TestCatalogue:
    def test_categories_in_survey_order(self, auth_client, django_assert_num_queries):
        with django_assert_num_queries(3):  # user, count, page
            response = auth_client.get("/api/surveys/categories/")
        assert response.status_code == 200
        assert response.data["count"] == 5
        assert [c["dimension"] for c in response.data["results"]] == [
            "flexibility_vs_structure",
            "subject_rotation",
            "time_management",
            "long_term_scheduling",
            "prioritization",
        ]
        assert response.data["results"][0]["name"] == "Flexibility vs. Structure"

    def test_questions_in_seed_order_with_camel_case_fields(
        self, auth_client, django_assert_num_queries
    ):
        with django_assert_num_queries(3):
            response = auth_client.get("/api/surveys/questions/")
        assert response.status_code == 200
        results = response.data["results"]
        assert [q["number"] for q in results] == list(ALL)
        assert {q["number"] for q in results if q["reverseScored"]} == REVERSED
        assert set(results[0]) == {
            "id",
            "number",
            "categoryId",
            "dimension",
            "text",
            "description",
            "reverseScored",
            "weight",
            "order",
        }

    def test_questions_filtered_by_category(self, auth_client):
        category = auth_client.get("/api/surveys/categories/").data["results"][2]
        response = auth_client.get("/api/surveys/questions/", {"category": category["id"]})
        assert [q["number"] for q in response.data["results"]] == [11, 12, 13, 14, 15]
        assert {q["categoryId"] for q in response.data["results"]} == {category["id"]}

    def test_inactive_questions_are_not_listed(self, auth_client):
        Question.objects.filter(number=25).update(is_active=False)
        response = auth_client.get("/api/surveys/questions/")
        assert [q["number"] for q in response.data["results"]] == list(range(1, 25))

    def test_malformed_category_is_400_naming_it(self, auth_client):
        response = auth_client.get("/api/surveys/questions/", {"category": "maths"})
        assert response.status_code == 400
        assert "category" in response.data["error"]["fields"]

    def test_needs_authentication(self, api_client):
        assert api_client.get("/api/surveys/questions/").status_code == 401
        assert api_client.post("/api/surveys/sessions/", {}, format="json").status_code == 401


class TestFullFlow:
    def test_start_answer_all_complete_and_read_the_scores(self, auth_client, user):
        started = auth_client.post("/api/surveys/sessions/", {}, format="json")
        assert started.status_code == 201
        assert started.data["status"] == "in_progress"
        assert started.data["completedAt"] is None and started.data["dimensionScores"] is None
        session = SurveySession.objects.get(pk=started.data["id"], user=user)

        questions = auth_client.get("/api/surveys/questions/").data["results"]
        by_id = [{"questionId": q["id"], "rating": 5} for q in questions[:10]]
        by_number = [{"questionNumber": n, "rating": 5} for n in range(11, 26)]
        by_number[0]["textResponse"] = "Mornings are for maths."
        answered = submit(auth_client, session, by_id + by_number)
        assert answered.status_code == 200
        assert [r["questionNumber"] for r in answered.data["responses"]] == list(ALL)

        listed = auth_client.get(url(session, "responses/"))
        assert listed.data["count"] == 25
        assert listed.data["results"][10]["textResponse"] == "Mornings are for maths."

        done = complete(auth_client, session)
        assert done.status_code == 200
        expected = {
            "flexibilityVsStructure": 3.4,
            "subjectRotation": 4.2,
            "timeManagement": 4.2,
            "longTermScheduling": 5.0,
            "prioritization": 4.2,
        }
        assert done.data["status"] == "completed"
        assert done.data["completedAt"] is not None
        assert done.data["dimensionScores"] == expected
        session.refresh_from_db()
        assert session.dimension_scores == expected and session.completed_at is not None
        fetched = auth_client.get(url(session))
        assert fetched.data["dimensionScores"] == expected
        assert fetched.data["id"] == str(session.pk)

    def test_answering_again_updates_the_answer(self, auth_client, session):
        submit(auth_client, session, [{"questionNumber": 1, "rating": 2}])
        again = submit(
            auth_client, session, [{"questionNumber": 1, "rating": 4, "textResponse": "Changed"}]
        )
        assert again.status_code == 200
        row = SurveyResponse.objects.get(session=session)
        assert (row.rating, row.text_response) == (4, "Changed")
        assert again.data["responses"][0]["id"] == str(row.pk)

    def test_responses_list_query_count(
        self, auth_client, session, answer, django_assert_num_queries
    ):
        answer(session, dict.fromkeys(ALL, 3))
        with django_assert_num_queries(4):  # user, session, count, page with questions
            response = auth_client.get(url(session, "responses/"))
        assert response.data["count"] == 25
        assert [r["questionNumber"] for r in response.data["results"]] == list(ALL)

    def test_completing_twice_is_harmless(self, auth_client, session, answer):
        answer(session, dict.fromkeys(ALL, 3))
        first = complete(auth_client, session)
        second = complete(auth_client, session)
        assert second.status_code == 200
        assert second.data["completedAt"] == first.data["completedAt"]

    def test_abandon_then_no_more_changes(self, auth_client, session, answer):
        answer(session, dict.fromkeys(ALL, 3))
        abandoned = complete(auth_client, session, "abandoned")
        assert abandoned.status_code == 200
        assert abandoned.data["status"] == "abandoned"
        assert abandoned.data["completedAt"] is None and abandoned.data["dimensionScores"] is None
        refused = complete(auth_client, session)
        assert refused.status_code == 409
        assert refused.data["error"]["code"] == "conflict"


class TestCompletionNeedsEveryAnswer:
    def test_missing_answers_are_named_and_nothing_changes(self, auth_client, session, answer):
        answer(session, {n: 4 for n in range(1, 21) if n != 3})
        response = complete(auth_client, session)
        assert response.status_code == 400
        [message] = response.data["error"]["fields"]["status"]
        assert message.endswith("unanswered: 3, 21, 22, 23, 24, 25.")
        session.refresh_from_db()
        assert session.status == "in_progress" and session.dimension_scores is None

    def test_inactive_questions_are_not_required(self, auth_client, session, answer):
        Question.objects.filter(number__in=[24, 25]).update(is_active=False)
        answer(session, dict.fromkeys(range(1, 24), 5))
        response = complete(auth_client, session)
        assert response.status_code == 200
        # prioritization: 5, 6-5, 5 -> 11/3
        assert response.data["dimensionScores"]["prioritization"] == 3.67

    def test_status_must_be_completed_or_abandoned(self, auth_client, session):
        response = complete(auth_client, session, "in_progress")
        assert response.status_code == 400
        assert "status" in response.data["error"]["fields"]


class TestResponseValidation:
    @pytest.mark.parametrize("rating", [0, 6])
    def test_rating_outside_1_to_5_names_the_field(self, auth_client, session, rating):
        response = submit(auth_client, session, [{"questionNumber": 1, "rating": rating}])
        assert response.status_code == 400
        assert response.data["error"]["code"] == "validation_error"
        assert list(response.data["error"]["fields"]) == ["responses[0].rating"]
        assert not SurveyResponse.objects.exists()

    def test_unknown_question_names_the_item_and_saves_nothing(self, auth_client, session):
        response = submit(
            auth_client,
            session,
            [
                {"questionNumber": 1, "rating": 3},
                {"questionId": str(uuid.uuid4()), "rating": 3},
            ],
        )
        assert response.status_code == 400
        assert list(response.data["error"]["fields"]) == ["responses[1].questionId"]
        assert not SurveyResponse.objects.exists()

    def test_inactive_question_cannot_be_answered(self, auth_client, session):
        Question.objects.filter(number=5).update(is_active=False)
        response = submit(auth_client, session, [{"questionNumber": 5, "rating": 3}])
        assert list(response.data["error"]["fields"]) == ["responses[0].questionNumber"]

    def test_question_must_be_identified(self, auth_client, session):
        response = submit(auth_client, session, [{"rating": 3}])
        assert list(response.data["error"]["fields"]) == ["responses[0].questionId"]

    def test_id_and_number_must_agree(self, auth_client, session):
        q1 = Question.objects.get(number=1)
        response = submit(
            auth_client, session, [{"questionId": str(q1.pk), "questionNumber": 2, "rating": 3}]
        )
        assert list(response.data["error"]["fields"]) == ["responses[0].questionNumber"]

    def test_same_question_twice_in_one_request(self, auth_client, session):
        q1 = Question.objects.get(number=1)
        response = submit(
            auth_client,
            session,
            [{"questionNumber": 1, "rating": 3}, {"questionId": str(q1.pk), "rating": 4}],
        )
        assert list(response.data["error"]["fields"]) == ["responses[1].questionId"]
        assert not SurveyResponse.objects.exists()

    def test_empty_list_is_refused(self, auth_client, session):
        response = submit(auth_client, session, [])
        assert list(response.data["error"]["fields"]) == ["responses"]


class TestOwnership:
    def test_another_users_session_is_404_everywhere(self, other_client, session, answer):
        answer(session, {1: 4})
        assert other_client.get(url(session)).status_code == 404
        assert complete(other_client, session, "abandoned").status_code == 404
        assert other_client.get(url(session, "responses/")).status_code == 404
        posted = submit(other_client, session, [{"questionNumber": 2, "rating": 1}])
        assert posted.status_code == 404
        assert posted.data["error"]["code"] == "not_found"
        session.refresh_from_db()
        assert session.status == "in_progress"
        assert list(session.responses.values_list("question__number", "rating")) == [(1, 4)]

    def test_unknown_session_is_404(self, auth_client):
        response = auth_client.get(f"/api/surveys/sessions/{uuid.uuid4()}/")
        assert response.status_code == 404

    def test_service_refuses_another_users_session(self, other_user, session):
        with pytest.raises(NotFound):
            services.survey_session_update(session=session, user=other_user, status="abandoned")
        session.refresh_from_db()
        assert session.status == "in_progress"


class TestClosedSessions:
    def test_answering_a_completed_session_is_409(self, auth_client, session, answer):
        answer(session, dict.fromkeys(ALL, 3))
        complete(auth_client, session)
        response = submit(auth_client, session, [{"questionNumber": 1, "rating": 5}])
        assert response.status_code == 409
        assert response.data["error"]["code"] == "conflict"
        assert SurveyResponse.objects.get(session=session, question__number=1).rating == 3

    def test_answering_an_abandoned_session_is_409(self, auth_client, session):
        complete(auth_client, session, "abandoned")
        response = submit(auth_client, session, [{"questionNumber": 1, "rating": 5}])
        assert response.status_code == 409
