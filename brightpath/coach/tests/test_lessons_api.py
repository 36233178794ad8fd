"""Lessons through the API: create, read, change, delete; seed 004's rules; status moves."""

import pytest

from brightpath.coach.models import Lesson, SubjectCategory

pytestmark = pytest.mark.django_db
URL = "/api/coach/lessons/"


def make(client, **body):
    values = {
        "title": "Volcanoes",
        "description": "Why volcanoes erupt.",
        "gradeLevel": "6",
        "objectives": ["Explain why volcanoes erupt."],
        "materials": ["Baking soda", "Vinegar"],
        "standards": ["MS-ESS2-2"],
        "sections": [
            {"title": "Warm-up", "minutes": 5, "body": "What do you know?"},
            {"title": "Model eruption", "minutes": 30, "body": "Build and test."},
        ],
        "assessment": "Exit ticket.",
        "homework": "Read pages 10-12.",
        "durationMinutes": 45,
    }
    values.update(body)
    return client.post(URL, values, format="json")


def test_a_lesson_is_created_and_read_back(client_a, catalogue, teacher):
    earth = SubjectCategory.objects.get(name="Earth Science")
    answer = make(client_a, subjectId=str(earth.id))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["status"] == "draft" and body["nextStatuses"] == ["ready", "archived"]
    assert body["subject"]["name"] == "Earth Science"
    assert body["sections"][1] == {
        "title": "Model eruption",
        "minutes": 30,
        "body": "Build and test.",
    }
    assert body["durationMinutes"] == 45 and body["source"] == "teacher" and body["version"] == 1
    assert client_a.get(f"{URL}{body['id']}/").json() == body
    listed = client_a.get(URL, {"q": "volcano"}).json()
    assert [x["id"] for x in listed["results"]] == [body["id"]]
    assert client_a.get(URL, {"status": "ready"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"gradeLevel": "13"}, "gradeLevel"),
        ({"objectives": ["Fine", "   "]}, "objectives[1]"),
        ({"sections": [{"title": "Long", "minutes": 300}]}, "sections[0].minutes"),
        ({"sections": [{"title": "", "minutes": 5}]}, "sections[0].title"),
        ({"durationMinutes": 0}, "durationMinutes"),
        ({"durationMinutes": 20}, "sections"),  # 35 minutes of sections in a 20-minute lesson
        ({"status": "taught"}, "status"),
        ({"status": "ready", "objectives": []}, "objectives"),
        ({"subjectId": "00000000-0000-0000-0000-000000000000"}, "subjectId"),
    ],
)
def test_bad_lessons_are_refused_by_field_and_nothing_is_saved(client_a, body, field):
    answer = make(client_a, **body)
    assert answer.status_code == 400, answer.content
    assert field in answer.json()["error"]["fields"]
    assert not Lesson.objects.exists()


def test_the_status_moves_only_as_the_rules_say(client_a):
    lesson = make(client_a).json()
    url = f"{URL}{lesson['id']}/"
    jump = client_a.patch(url, {"status": "taught"}, format="json")
    assert jump.status_code == 400
    assert (
        "A draft lesson can become: ready, archived" in jump.json()["error"]["fields"]["status"][0]
    )
    for status in ("ready", "taught", "archived", "draft"):
        answer = client_a.patch(url, {"status": status}, format="json")
        assert answer.status_code == 200, (status, answer.content)
        assert answer.json()["status"] == status


def test_an_archived_lesson_is_restored_before_it_is_edited(client_a):
    lesson = make(client_a).json()
    url = f"{URL}{lesson['id']}/"
    client_a.patch(url, {"status": "archived"}, format="json")
    refused = client_a.patch(url, {"title": "New"}, format="json")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "lesson_archived"


def test_a_stale_version_is_a_conflict_and_changes_nothing(client_a):
    lesson = make(client_a).json()
    url = f"{URL}{lesson['id']}/"
    first = client_a.patch(url, {"title": "Volcanoes I", "version": 1}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client_a.patch(url, {"title": "Volcanoes II", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["error"]["currentVersion"] == 2
    assert client_a.get(url).json()["title"] == "Volcanoes I"


def test_a_partial_change_keeps_the_rest(client_a):
    lesson = make(client_a).json()
    answer = client_a.patch(f"{URL}{lesson['id']}/", {"homework": "None."}, format="json")
    body = answer.json()
    assert body["homework"] == "None." and body["objectives"] == ["Explain why volcanoes erupt."]
    assert body["sections"] == lesson["sections"]


def test_a_lesson_is_deleted(client_a):
    lesson = make(client_a).json()
    assert client_a.delete(f"{URL}{lesson['id']}/").status_code == 204
    assert client_a.get(f"{URL}{lesson['id']}/").status_code == 404
