"""Assistants through the API: the catalogue to pick from, the teacher's own to configure
(seed 004's rules), capabilities chosen by name; being a teacher on first use."""

import pytest

from brightpath.accounts.tests.factories import UserFactory
from brightpath.coach.models import AssistantProfile, SubjectCategory, TeacherProfile

from .conftest import api_client

pytestmark = pytest.mark.django_db
URL = "/api/coach/assistants/"


def own(client, **body):
    values = {
        "name": "My planner",
        "description": "Plans my chemistry labs.",
        "tone": "concise",
        "gradeBand": {"from": "9", "to": "12"},
        "capabilities": [
            {"name": "lesson_planning", "priority": 0},
            {"name": "quiz_generation", "priority": 1, "defaults": {"questionCount": 10}},
        ],
    }
    values.update(body)
    return client.post(URL, values, format="json")


def test_any_signed_in_user_becomes_a_teacher_on_first_use(catalogue):
    user = UserFactory()
    assert not TeacherProfile.objects.filter(user=user).exists()
    answer = api_client(user).get(URL)
    assert answer.status_code == 200
    assert TeacherProfile.objects.filter(user=user).exists()
    assert {a["name"] for a in answer.json()} == set(catalogue)
    assert all(not a["isOwn"] for a in answer.json())


def test_signed_out_is_refused(client, catalogue):
    assert client.get(URL).status_code == 401


def test_the_catalogue_lists_capabilities_as_data(client_a, catalogue):
    quiz = next(a for a in client_a.get(URL).json() if a["name"] == "Quiz Builder")
    assert [(c["name"], c["template"], c["isEnabled"]) for c in quiz["capabilities"]] == [
        ("quiz_generation", "quiz", True),
        ("rubric_building", "rubric", True),
    ]
    kinds = client_a.get("/api/coach/capabilities/").json()
    assert [k["name"] for k in kinds] == [
        "differentiation",
        "lesson_planning",
        "quiz_generation",
        "rubric_building",
        "student_feedback",
    ]


def test_a_teacher_configures_their_own_assistant(client_a, catalogue, teacher):
    chemistry = SubjectCategory.objects.get(name="Chemistry")
    answer = own(client_a, subjects=[str(chemistry.id)])
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["isOwn"] and body["tone"] == "concise"
    assert body["gradeBand"] == {"from": "9", "to": "12"}
    assert [s["name"] for s in body["subjects"]] == ["Chemistry"]
    quiz = next(c for c in body["capabilities"] if c["name"] == "quiz_generation")
    assert quiz["defaults"] == {"questionCount": 10}
    profile = AssistantProfile.objects.get(id=body["id"])
    assert profile.owner == teacher
    assert profile.capabilities.get(name="quiz_generation").parameters["template"] == "quiz"
    mine = client_a.get(URL, {"mine": "true"}).json()
    assert [a["name"] for a in mine] == ["My planner"]


def test_based_on_a_catalogue_assistant_copies_it(client_a, catalogue):
    base = catalogue["Science Lab Partner"]
    answer = client_a.post(URL, {"basedOn": str(base.id)}, format="json")
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["name"] == "My Science Lab Partner"
    assert body["description"] == base.description
    assert [c["name"] for c in body["capabilities"]] == [
        c.name for c in base.capabilities.order_by("priority", "name")
    ]
    assert [s["name"] for s in body["subjects"]] == ["Science"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "   "}, "name"),
        ({"description": ""}, "description"),
        ({"tone": "sarcastic"}, "tone"),
        ({"gradeBand": {"from": "8", "to": "3"}}, "gradeBand.to"),
        ({"temperature": 2.5}, "temperature"),
        ({"topP": 0}, "topP"),
        ({"maxTokens": 9000, "contextLength": 4096}, "maxTokens"),
        ({"frequencyPenalty": -3}, "frequencyPenalty"),
        ({"capabilities": [{"name": "mind_reading"}]}, "capabilities[0].name"),
        ({"capabilities": [{"name": "quiz_generation", "defaults": {"questionCount": 99}}]},
         "capabilities[0].defaults.questionCount"),
        ({"subjects": ["00000000-0000-0000-0000-000000000000"]}, "subjects[0]"),
    ],
)  # fmt: skip
def test_bad_settings_are_refused_by_field(client_a, catalogue, body, field):
    answer = own(client_a, **body)
    assert answer.status_code == 400, answer.content
    assert field in answer.json()["error"]["fields"]
    assert not AssistantProfile.objects.filter(owner__isnull=False).exists()


def test_names_are_unique_per_teacher_not_across_teachers(client_a, client_b, catalogue):
    assert own(client_a).status_code == 201
    again = own(client_a)
    assert again.status_code == 400 and "name" in again.json()["error"]["fields"]
    assert own(client_b).status_code == 201


def test_changing_capabilities_replaces_the_set(client_a, catalogue):
    created = own(client_a).json()
    answer = client_a.patch(
        f"{URL}{created['id']}/",
        {
            "capabilities": [
                {"name": "differentiation", "priority": 0},
                {"name": "lesson_planning", "priority": 1, "isEnabled": False},
            ],
            "tone": "warm",
        },
        format="json",
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert [(c["name"], c["isEnabled"]) for c in body["capabilities"]] == [
        ("differentiation", True),
        ("lesson_planning", False),
    ]
    assert body["tone"] == "warm" and body["gradeBand"] == {"from": "9", "to": "12"}


def test_a_catalogue_assistant_cannot_be_changed_or_deleted(client_a, catalogue):
    base = catalogue["Lesson Planner"]
    assert client_a.patch(f"{URL}{base.id}/", {"name": "Mine"}, format="json").status_code == 404
    assert client_a.delete(f"{URL}{base.id}/").status_code == 404
    base.refresh_from_db()
    assert base.name == "Lesson Planner"


def test_deleting_an_own_assistant_keeps_its_conversations(client_a, catalogue):
    created = own(client_a).json()
    conversation = client_a.post(
        "/api/coach/conversations/", {"assistantId": created["id"]}, format="json"
    ).json()
    assert client_a.delete(f"{URL}{created['id']}/").status_code == 204
    kept = client_a.get(f"/api/coach/conversations/{conversation['id']}/")
    assert kept.status_code == 200 and kept.json()["assistant"] is None
    refused = client_a.post(
        f"/api/coach/conversations/{conversation['id']}/messages/",
        {"content": "Hello"},
        format="json",
    )
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "assistant_unavailable"


def test_a_switched_off_assistant_is_listed_for_its_owner_but_cannot_be_picked(client_a, catalogue):
    created = own(client_a, isActive=False).json()
    assert created["isActive"] is False
    assert created["id"] in [a["id"] for a in client_a.get(URL).json()]
    answer = client_a.post(
        "/api/coach/conversations/", {"assistantId": created["id"]}, format="json"
    )
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "assistant_not_found"


def test_the_teacher_profile(client_a):
    answer = client_a.patch(
        "/api/coach/teacher/",
        {"school": "Hill School", "gradeLevels": ["5", "k"], "subjects": ["science"]},
        format="json",
    )
    assert answer.status_code == 200
    assert answer.json()["gradeLevels"] == ["k", "5"]
    bad = client_a.patch("/api/coach/teacher/", {"gradeLevels": ["13"]}, format="json")
    assert bad.status_code == 400 and "gradeLevels" in bad.json()["error"]["fields"]


def test_subjects_are_listed_as_a_tree(client_a, catalogue):
    paths = [s["path"] for s in client_a.get("/api/coach/subjects/").json()]
    assert "science/biology" in paths and paths == sorted(paths)
