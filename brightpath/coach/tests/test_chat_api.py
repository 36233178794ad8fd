"""Chatting with an assistant through the API, offline (no LLM_BASE_URL): the message is
kept before the reply, memories are made and used, replies stream, bad input is refused,
a broken reply is retried, and a reply becomes a lesson."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from brightpath.coach.models import Lesson, MemoryInteraction, Message, UserMemory
from brightpath.coach.services.chat import conversation_start, message_stream

from .chat_helpers import CONVERSATIONS, events, send, start, stream, streamed_text

pytestmark = pytest.mark.django_db
CLASS = "I teach 5th grade science. Maya has dyslexia."


@pytest.fixture
def helper(catalogue):
    return catalogue["Teaching Assistant"]


def test_a_conversation_starts_with_an_assistant(client_a, helper):
    conversation = start(client_a, helper)
    assert conversation["assistant"]["name"] == "Teaching Assistant"
    assert conversation["assistant"]["greeting"].startswith("Hello!")
    assert conversation["messages"] == [] and conversation["title"] == "Teaching Assistant"


def test_an_exchange_keeps_the_message_remembers_the_class_and_answers_offline(
    client_a, helper, teacher
):
    conversation = start(client_a, helper)
    answer = send(client_a, conversation, CLASS)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["message"]["content"] == CLASS and body["message"]["role"] == "user"
    reply = body["reply"]
    assert reply["status"] == "complete" and reply["provider"] == "offline"
    assert reply["content"].startswith("Offline assistant: Thank you, I will remember that:")
    assert {c["memory"]["content"] for c in body["memoryChanges"]} == {
        "I teach 5th grade science.",
        "Maya has dyslexia.",
    }
    assert {m["content"] for m in body["memoriesUsed"]} == {
        "I teach 5th grade science.",
        "Maya has dyslexia.",
    }
    assert reply["memoryIds"] == [m["id"] for m in body["memoriesUsed"]]
    assert body["conversation"]["title"] == CLASS  # named after the first message
    retrieved = MemoryInteraction.objects.filter(user=teacher, interaction_type="retrieved")
    assert retrieved.count() == 2


def test_the_next_answer_uses_what_the_teacher_said(client_a, helper):
    conversation = start(client_a, helper)
    send(client_a, conversation, CLASS)
    answer = send(client_a, conversation, "Can you plan a lesson on the water cycle?").json()
    reply = answer["reply"]["content"]
    assert answer["reply"]["capability"] == "lesson_planning"
    assert "Grade 5" in reply and "Science" in reply
    assert "Maya (reading)" in reply
    detail = client_a.get(f"{CONVERSATIONS}{conversation['id']}/").json()
    assert [(m["position"], m["role"]) for m in detail["messages"]] == [
        (1, "user"),
        (2, "assistant"),
        (3, "user"),
        (4, "assistant"),
    ]


def test_a_streamed_reply_arrives_in_pieces_then_is_stored(client_a, helper):
    conversation = start(client_a, helper)
    send(client_a, conversation, CLASS)
    frames = stream(client_a, conversation, "Make a rubric for a lab report")
    kinds = [kind for kind, _ in frames]
    assert kinds[0] == "start" and kinds[-1] == "done"
    assert kinds.count("delta") > 10
    start_data, done = frames[0][1], frames[-1][1]
    assert start_data["message"]["content"] == "Make a rubric for a lab report"
    assert start_data["reply"]["status"] == "streaming"
    stored = Message.objects.get(id=done["reply"]["id"])
    assert str(stored.id) == start_data["reply"]["id"]
    assert streamed_text(frames) == stored.content == done["reply"]["content"]
    assert stored.status == "complete" and "| Data and observations |" in stored.content
    assert "# Rubric: Lab report" in stored.content
    assert {m["content"] for m in done["memoriesUsed"]} >= {"I teach 5th grade science."}


def test_the_stream_route_streams_too(client_a, helper):
    conversation = start(client_a, helper)
    response = client_a.post(
        f"{CONVERSATIONS}{conversation['id']}/messages/stream/", {"content": "Hi"}, format="json"
    )
    assert [kind for kind, _ in events(response)][-1] == "done"


@pytest.mark.parametrize("content", ["", "   ", "x" * 4001])
def test_an_empty_or_oversized_message_is_refused_and_nothing_is_kept(client_a, helper, content):
    conversation = start(client_a, helper)
    answer = send(client_a, conversation, content)
    assert answer.status_code == 400
    assert "content" in answer.json()["error"]["fields"]
    assert not Message.objects.exists() and not UserMemory.objects.exists()


def test_an_oversized_message_is_refused_before_a_stream_starts(client_a, helper):
    conversation = start(client_a, helper)
    response = client_a.post(
        f"{CONVERSATIONS}{conversation['id']}/messages/?stream=1",
        {"content": "x" * 4001},
        format="json",
        HTTP_ACCEPT="text/event-stream",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["content"] == [
        "At most 4000 characters (this has 4001)."
    ]


def test_the_limit_is_a_setting(client_a, helper, settings):
    settings.COACH_MESSAGE_MAX_CHARS = 100
    assert send(client_a, start(client_a, helper), "x" * 101).status_code == 400


def test_an_unknown_assistant_is_not_found(client_a, catalogue):
    answer = client_a.post(
        CONVERSATIONS, {"assistantId": "6f1c7c9e-0000-4000-8000-000000000000"}, format="json"
    )
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "assistant_not_found"
    malformed = client_a.post(CONVERSATIONS, {"assistantId": "planner"}, format="json")
    assert malformed.status_code == 400 and "assistantId" in malformed.json()["error"]["fields"]


def test_one_reply_at_a_time_per_conversation(client_a, helper, teacher):
    conversation = start(client_a, helper)
    pending = message_stream(teacher=teacher, conversation_id=conversation["id"], content="Hi")
    busy = send(client_a, conversation, "Are you there?")
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "reply_in_progress"
    list(pending)  # the first reply finishes
    assert send(client_a, conversation, "Are you there?").status_code == 201


def test_a_reply_left_unfinished_is_marked_failed_and_can_be_retried(client_a, helper, teacher):
    long_ago = timezone.now() - dt.timedelta(hours=1)
    conversation = {
        "id": conversation_start(teacher=teacher, assistant_id=helper.id, now=long_ago).id
    }
    message_stream(
        teacher=teacher, conversation_id=conversation["id"], content="Plan a lesson on rocks",
        now=long_ago,
    )  # fmt: skip
    assert send(client_a, conversation, "Hello again").status_code == 201
    stuck = Message.objects.get(position=2)
    assert stuck.status == "failed" and stuck.error == "interrupted before it finished"
    retried = client_a.post(f"{CONVERSATIONS}{conversation['id']}/messages/{stuck.id}/retry/")
    assert retried.status_code == 201, retried.content
    body = retried.json()
    assert body["message"] is None and body["reply"]["id"] == str(stuck.id)
    assert (
        body["reply"]["status"] == "complete" and body["reply"]["capability"] == "lesson_planning"
    )
    stuck.refresh_from_db()
    assert stuck.metadata["attempts"][0]["error"] == "interrupted before it finished"


def test_a_complete_reply_cannot_be_retried(client_a, helper):
    conversation = start(client_a, helper)
    reply = send(client_a, conversation, "Hi").json()["reply"]
    answer = client_a.post(f"{CONVERSATIONS}{conversation['id']}/messages/{reply['id']}/retry/")
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "not_retryable"


@pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="closing a streamed test response mid-way leaves the test's PostgreSQL connection "
    "broken (not yet understood; see the session note); covered on SQLite",
)
def test_a_stream_closed_midway_keeps_the_message_and_what_was_written(client_a, helper):
    conversation = start(client_a, helper)
    response = client_a.post(
        f"{CONVERSATIONS}{conversation['id']}/messages/?stream=1",
        {"content": "Plan a lesson on magnets"},
        format="json",
    )
    pieces = iter(response.streaming_content)
    for _ in range(5):
        next(pieces)
    response.close()  # the teacher closed the tab
    teacher_message, reply = Message.objects.order_by("position")
    assert teacher_message.content == "Plan a lesson on magnets"
    assert reply.status == "failed" and reply.error == "the connection closed"
    assert reply.content.startswith("Offline")
    retried = client_a.post(f"{CONVERSATIONS}{conversation['id']}/messages/{reply.id}/retry/")
    assert retried.json()["reply"]["status"] == "complete"


def test_a_lesson_plan_reply_becomes_a_draft_lesson(client_a, helper, teacher):
    conversation = start(client_a, helper)
    send(client_a, conversation, CLASS)
    reply = send(client_a, conversation, "Plan a 40-minute lesson on magnets").json()["reply"]
    url = f"{CONVERSATIONS}{conversation['id']}/messages/{reply['id']}/save-lesson/"
    answer = client_a.post(url, {}, format="json")
    assert answer.status_code == 201, answer.content
    lesson = answer.json()
    assert lesson["title"] == "Magnets" and lesson["status"] == "draft"
    assert lesson["gradeLevel"] == "5" and lesson["subject"]["name"] == "Science"
    assert len(lesson["objectives"]) == 3 and lesson["durationMinutes"] == 40
    assert sum(s["minutes"] for s in lesson["sections"]) == 40
    assert any("Maya" in d for d in lesson["differentiation"])
    assert lesson["source"] == "assistant" and lesson["provider"] == "offline"
    assert lesson["messageId"] == reply["id"] and lesson["assistantId"] == str(helper.id)
    again = client_a.post(url, {}, format="json")
    assert again.status_code == 200 and again.json()["id"] == lesson["id"]
    assert Lesson.objects.filter(user=teacher).count() == 1


def test_the_teachers_own_message_is_not_a_lesson(client_a, helper):
    conversation = start(client_a, helper)
    message = send(client_a, conversation, "Hi").json()["message"]
    answer = client_a.post(
        f"{CONVERSATIONS}{conversation['id']}/messages/{message['id']}/save-lesson/"
    )
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "not_a_reply"


def test_a_quiz_is_written_from_the_teachers_lesson(client_a, helper):
    client_a.post(
        "/api/coach/lessons/",
        {
            "title": "Magnets",
            "description": "A magnet attracts iron and steel. Every magnet has a north pole and "
            "a south pole. Opposite poles attract and like poles repel. The magnetic field is "
            "strongest at the poles. A compass needle is a small magnet that points north.",
            "objectives": ["Students will be able to describe how magnetic poles interact."],
        },
        format="json",
    )
    conversation = start(client_a, helper)
    reply = send(client_a, conversation, "Make a quiz from my magnets lesson").json()["reply"]
    assert "Written from your lesson \u201cMagnets\u201d." in reply["content"]
    assert "_____" in reply["content"]


def test_conversations_are_listed_renamed_and_deleted(client_a, helper):
    first, second = start(client_a, helper), start(client_a, helper)
    send(client_a, first, CLASS)
    listed = client_a.get(CONVERSATIONS).json()["results"]
    assert [c["id"] for c in listed] == [first["id"], second["id"]]
    assert listed[0]["messageCount"] == 2
    renamed = client_a.patch(f"{CONVERSATIONS}{first['id']}/", {"title": "Rocks"}, format="json")
    assert renamed.json()["title"] == "Rocks"
    blank = client_a.patch(f"{CONVERSATIONS}{first['id']}/", {"title": " "}, format="json")
    assert blank.status_code == 400
    assert client_a.delete(f"{CONVERSATIONS}{first['id']}/").status_code == 204
    assert not Message.objects.exists()
    assert UserMemory.objects.count() == 2  # what the teacher said is still remembered
