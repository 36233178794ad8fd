"""The teacher's memories through the API: listed, searched, corrected (updated, not
duplicated), deleted; and the journey: a corrected memory is what the next answer uses."""

import pytest

from brightpath.coach.models import MemoryInteraction, UserMemory

from .chat_helpers import send, start

pytestmark = pytest.mark.django_db
URL = "/api/coach/memories/"


@pytest.fixture
def told(client_a, catalogue):
    conversation = start(client_a, catalogue["Teaching Assistant"])
    send(
        client_a,
        conversation,
        "I teach 5th grade science. Maya has dyslexia. I prefer hands-on labs over worksheets.",
    )
    return conversation


def test_memories_are_listed_filtered_and_searched(client_a, told):
    listed = client_a.get(URL).json()
    assert listed["count"] == 3
    students = client_a.get(URL, {"category": "student"}).json()["results"]
    assert [m["content"] for m in students] == ["Maya has dyslexia."]
    assert students[0]["categoryLabel"] == "Student need"
    found = client_a.get(URL, {"q": "hands-on"}).json()["results"]
    assert [m["category"] for m in found] == ["preference"]
    assert client_a.get(URL, {"category": "gossip"}).status_code == 400


def test_a_memory_shows_its_uses(client_a, told):
    memory = client_a.get(URL, {"category": "student"}).json()["results"][0]
    detail = client_a.get(f"{URL}{memory['id']}/").json()
    assert {i["type"] for i in detail["interactions"]} == {"created", "retrieved"}


def test_a_correction_updates_the_memory_and_keeps_what_it_said(client_a, told, teacher):
    memory = client_a.get(URL, {"category": "class"}).json()["results"][0]
    answer = client_a.patch(
        f"{URL}{memory['id']}/",
        {"content": "I teach 6th grade science.", "importance": 8},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["content"] == "I teach 6th grade science." and body["importance"] == 8
    assert body["source"] == "teacher" and body["confidence"] == 1.0
    assert "grade:6" in body["tags"] and "grade:5" not in body["tags"]
    assert body["history"][0]["content"] == "I teach 5th grade science."
    assert body["history"][0]["reason"] == "corrected"
    assert UserMemory.objects.filter(user=teacher).count() == 3  # updated, not duplicated
    assert MemoryInteraction.objects.filter(memory_id=memory["id"], interaction_type="corrected")


@pytest.mark.parametrize(
    ("body", "field"),
    [({"content": "  "}, "content"), ({"importance": 11}, "importance"),
     ({"category": "gossip"}, "category"), ({"tags": ["ok", ""]}, "tags[1]")],
)  # fmt: skip
def test_a_bad_correction_is_refused_and_changes_nothing(client_a, told, body, field):
    memory = client_a.get(URL, {"category": "class"}).json()["results"][0]
    answer = client_a.patch(f"{URL}{memory['id']}/", body, format="json")
    assert answer.status_code == 400 and field in answer.json()["error"]["fields"]
    assert client_a.get(f"{URL}{memory['id']}/").json()["content"] == memory["content"]


def test_a_memory_is_deleted(client_a, told):
    memory = client_a.get(URL, {"category": "student"}).json()["results"][0]
    assert client_a.delete(f"{URL}{memory['id']}/").status_code == 204
    assert client_a.get(f"{URL}{memory['id']}/").status_code == 404
    assert client_a.get(URL).json()["count"] == 2


def test_feedback_on_a_memory(client_a, told):
    memory = client_a.get(URL).json()["results"][0]
    answer = client_a.post(
        f"{URL}{memory['id']}/feedback/", {"helpful": False, "comment": "Old news"}, format="json"
    )
    assert answer.status_code == 201
    assert answer.json()["feedback"] == {"helpful": False, "comment": "Old news"}


def test_the_next_answer_uses_the_corrected_memory(client_a, told):
    """The issue's journey: tell about the class, a memory is made, correct it, and the
    next lesson plan is for the corrected class."""
    memory = client_a.get(URL, {"category": "class"}).json()["results"][0]
    client_a.patch(
        f"{URL}{memory['id']}/", {"content": "I teach 7th grade science."}, format="json"
    )
    answer = send(client_a, told, "Plan a lesson on cells.").json()
    assert memory["id"] in [m["id"] for m in answer["memoriesUsed"]]
    assert "I teach 7th grade science." in [m["content"] for m in answer["memoriesUsed"]]
    assert "Grade 7" in answer["reply"]["content"]
    assert "Grade 5" not in answer["reply"]["content"]
