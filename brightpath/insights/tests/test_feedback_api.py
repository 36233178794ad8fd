"""POST/GET /api/feedback/: a week's rating, its validation, and scoping."""

import pytest

from brightpath.insights.models import Feedback
from brightpath.planner.models import Schedule

pytestmark = pytest.mark.django_db

URL = "/api/feedback/"


def week_of(family, child: str = "Noah") -> Schedule:
    return Schedule.objects.get(family=family, child__name=child, is_active=True)


def rating(schedule: Schedule, **extra) -> dict:
    return {
        "scheduleId": str(schedule.pk),
        "rating": 4,
        "comments": "Mornings worked, afternoons dragged.",
        "feedbackData": {
            "likertResponses": {"q1": 4, "q2": 2, "q5": 3},
            "adjustments": {"timeShifted": True, "subjectsReordered": False},
        },
        **extra,
    }


def test_a_parent_rates_a_week_and_reads_it_back(auth_client, family):
    noah_week = week_of(family)
    response = auth_client.post(URL, rating(noah_week), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["feedbackType"] == "schedule_satisfaction"
    assert body["rating"] == 4
    assert body["childName"] == "Noah"
    assert body["childId"] == str(noah_week.child_id)
    assert body["weekStartDate"] == "2026-01-05"
    assert body["feedbackData"]["likertResponses"] == {"q1": 4, "q2": 2, "q5": 3}
    assert body["feedbackData"]["adjustments"] == {"timeShifted": True, "subjectsReordered": False}

    listed = auth_client.get(URL).json()
    assert listed["count"] == 1
    assert listed["results"][0] == body
    assert auth_client.get(f"{URL}{body['id']}/").json() == body
    stored = Feedback.objects.get()
    assert stored.family == family and stored.schedule == noah_week and stored.author is not None


def test_a_suggestion_needs_no_rating_but_needs_words(auth_client, family):
    ok = auth_client.post(
        URL, {"feedbackType": "feature_suggestion", "comments": "A reading log, please"}
    )
    assert ok.status_code == 201, ok.json()
    assert ok.json()["rating"] is None
    empty = auth_client.post(URL, {"feedbackType": "feature_suggestion"}, format="json")
    assert empty.status_code == 400
    assert "comments" in empty.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"rating": 6}, "rating"),
        ({"rating": 0}, "rating"),
        ({"rating": None}, "rating"),
        ({"scheduleId": None}, "scheduleId"),
        ({"scheduleId": "not-a-uuid"}, "scheduleId"),
        ({"feedbackType": "praise"}, "feedbackType"),
        ({"feedbackData": {"likertResponses": {"q1": 9}}}, "feedbackData.likertResponses.q1"),
        ({"feedbackData": {"likertResponses": {"q6": 3}}}, "feedbackData.likertResponses.q6"),
        (
            {"feedbackData": {"adjustments": {"timeShifted": "a"}}},
            "feedbackData.adjustments.timeShifted",
        ),
        ({"feedbackData": {"adjustments": {"moved": True}}}, "feedbackData.adjustments.moved"),
        ({"feedbackData": {"mood": "good"}}, "feedbackData.mood"),
        ({"comments": "x" * 5001}, "comments"),
    ],
)
def test_bad_feedback_is_a_400_naming_the_field_and_saves_nothing(
    auth_client, family, change, field
):
    response = auth_client.post(URL, rating(week_of(family), **change), format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["fields"], error
    assert not Feedback.objects.exists()


def test_rating_is_required_for_a_week_even_when_left_out(auth_client, family):
    body = rating(week_of(family))
    del body["rating"]
    response = auth_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["rating"]


def test_the_schedule_must_be_the_named_childs_week(auth_client, family):
    ava = week_of(family, "Ava").child
    response = auth_client.post(
        URL, rating(week_of(family, "Noah"), childId=str(ava.pk)), format="json"
    )
    assert response.status_code == 400
    assert "childId" in response.json()["error"]["fields"]


def test_a_week_is_rated_once(auth_client, family):
    noah_week = week_of(family)
    assert auth_client.post(URL, rating(noah_week), format="json").status_code == 201
    again = auth_client.post(URL, rating(noah_week, rating=1), format="json")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_rated"
    assert list(Feedback.objects.values_list("rating", flat=True)) == [4]


def test_another_familys_feedback_and_weeks_are_never_visible(
    auth_client, other_client, family, other_family
):
    mine = auth_client.post(URL, rating(week_of(family)), format="json").json()
    theirs = other_client.post(URL, rating(week_of(other_family)), format="json").json()

    # Listing shows only one's own, whatever the filter asks for.
    assert [f["id"] for f in auth_client.get(URL).json()["results"]] == [mine["id"]]
    assert [f["id"] for f in other_client.get(URL).json()["results"]] == [theirs["id"]]
    filtered = other_client.get(URL, {"scheduleId": mine["scheduleId"]}).json()
    assert filtered["count"] == 0
    assert other_client.get(URL, {"childId": mine["childId"]}).json()["count"] == 0

    # One by one, theirs is a 404 that says nothing about it.
    response = other_client.get(f"{URL}{mine['id']}/")
    assert response.status_code == 404
    assert mine["comments"] not in response.content.decode()

    # Rating another family's week or naming their child is a 404, and saves nothing.
    count = Feedback.objects.count()
    assert other_client.post(URL, rating(week_of(family)), format="json").status_code == 404
    own_week = week_of(other_family)
    with_their_child = rating(own_week, childId=mine["childId"])
    assert other_client.post(URL, with_their_child, format="json").status_code == 404
    assert Feedback.objects.count() == count


def test_feedback_needs_a_signed_in_user(api_client, family):
    assert api_client.get(URL).status_code == 401
    assert api_client.post(URL, rating(week_of(family)), format="json").status_code == 401
