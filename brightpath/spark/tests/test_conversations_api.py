"""The conversation API: a child's constellation, spark, conversations and progress,
in the one error shape, for the parent and (in child mode) that child only."""

import pytest
from rest_framework.test import APIClient

from brightpath.spark.apis.access import SESSION_KEY
from brightpath.spark.models import Conversation, Message

# Fixtures come from engagement_fixtures by import, so test arguments "redefine" them.
# ruff: noqa: F811
from .engagement_fixtures import (  # noqa: F401 (fixtures)
    NOW,
    child,
    clock,
    consenting_parent,
    fake_guide,
    make_child,
    parent,
    revoke,
    schedule_spark,
    signed_in,
    topics,
)

pytestmark = pytest.mark.django_db


def in_child_mode(parent, child) -> APIClient:
    client = APIClient()
    client.force_login(parent)
    session = client.session
    session[SESSION_KEY] = str(child.id)
    session.save()
    return client


def start(client, child, **body):
    return client.post(f"/api/spark/children/{child.id}/conversations/", body, format="json")


def send(client, conversation_id, **body):
    return client.post(f"/api/spark/conversations/{conversation_id}/messages/", body, format="json")


def error(response) -> dict:
    return response.json()["error"]


def test_the_constellation_shows_open_and_locked_stars(parent, child, topics):
    body = signed_in(parent).get(f"/api/spark/children/{child.id}/constellation/").json()

    assert body["ageGroup"] == "curious_explorers"
    stars = {t["slug"]: t for t in body["topics"]}
    assert "black-holes" not in stars
    assert stars["planets"]["locked"] and stars["planets"]["unlockHint"] == (
        "Explore Space to depth 2"
    )
    assert stars["space"]["position"] == {"x": 0.0, "y": 0.0}
    assert {"to": "planets", "type": "prerequisite", "strength": "normal"} in stars["space"][
        "connections"
    ]


def test_todays_spark(parent, child, topics):
    client = signed_in(parent)
    url = f"/api/spark/children/{child.id}/spark/"
    assert client.get(url).json() == {"date": NOW.date().isoformat(), "spark": None, "done": False}

    schedule_spark(NOW.date(), topic=topics["riddles"])
    body = client.get(url).json()
    assert body["spark"]["type"] == "riddle" and body["spark"]["topic"]["slug"] == "riddles"
    assert not body["done"]


def test_a_conversation_from_start_to_end(parent, child, topics):
    client = signed_in(parent)

    started = start(client, child, topic="space")
    assert started.status_code == 201
    conversation = started.json()
    assert conversation["topic"]["slug"] == "space"
    [opening] = conversation["messages"]
    assert opening["role"] == "assistant" and opening["choices"]

    exchange = send(client, conversation["id"], text="Why is space black?")
    assert exchange.status_code == 201
    body = exchange.json()
    assert [m["role"] for m in body["messages"]] == ["user", "assistant"]
    assert body["conversation"]["questionsAsked"] == 1

    pressed = send(client, conversation["id"], choiceIndex=0)
    assert pressed.status_code == 201
    assert pressed.json()["messages"][0]["selectedChoiceIndex"] == 0

    listed = client.get(f"/api/spark/children/{child.id}/conversations/").json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == conversation["id"]
    transcript = client.get(f"/api/spark/conversations/{conversation['id']}/").json()
    assert len(transcript["messages"]) == 5

    ended = client.post(f"/api/spark/conversations/{conversation['id']}/end/")
    assert ended.status_code == 200 and ended.json()["endedAt"]
    after = send(client, conversation["id"], text="one more?")
    assert after.status_code == 409 and error(after)["code"] == "conversation_ended"


def test_an_exchange_answers_the_stars_it_earned(parent, child, topics, fake_guide):
    client = signed_in(parent)
    conversation = start(client, child, topic="space").json()
    body = send(client, conversation["id"], text="Tell me more").json()
    types = {(r["type"], r["slug"]) for r in body["rewards"]}
    assert ("star", "space") in types
    assert body["conversation"]["depthReached"] == 1

    progress = client.get(f"/api/spark/children/{child.id}/progress/").json()
    assert progress["stars"] == 1
    assert progress["streak"]["current"] == 1
    assert progress["topics"][0]["topic"]["slug"] == "space"
    assert "badge:first-conversation" in {b["rewardId"] for b in progress["badges"]}


def test_a_spark_conversation(parent, child, topics):
    schedule_spark(NOW.date())
    client = signed_in(parent)
    started = start(client, child, spark=True)
    assert started.status_code == 201 and started.json()["type"] == "brain_spark"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"topic": "planets"}, 403, "topic_locked"),
        ({"topic": "no-such-topic"}, 404, "topic_not_found"),
        ({"topic": "black-holes"}, 404, "topic_not_found"),
        ({}, 400, "validation_error"),
        ({"topic": "space", "spark": True}, 400, "validation_error"),
        ({"spark": True}, 404, "spark_not_found"),
    ],
)
def test_bad_starts_are_clear_errors_and_store_nothing(parent, child, topics, body, status, code):
    response = start(signed_in(parent), child, **body)
    assert response.status_code == status
    assert error(response)["code"] == code
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "x" * 501}, "text"),
        ({"text": ""}, "text"),
        ({}, "text"),
        ({"choiceIndex": 40}, "choiceIndex"),
        ({"choiceIndex": "first"}, "choiceIndex"),
        ({"text": "hi", "choiceIndex": 0}, "choiceIndex"),
    ],
)
def test_bad_messages_name_the_field(parent, child, topics, body, field):
    client = signed_in(parent)
    conversation = start(client, child, topic="space").json()
    response = send(client, conversation["id"], **body)
    assert response.status_code == 400
    assert list(error(response)["fields"]) == [field]
    assert Message.objects.count() == 1


def test_the_service_owns_the_limit_of_a_choice(parent, child, topics):
    """The number of a button is checked against the buttons there are, once."""
    client = signed_in(parent)
    conversation = start(client, child, topic="space").json()
    buttons = len(conversation["messages"][0]["choices"])
    for index in (buttons, 51, -1):
        response = send(client, conversation["id"], choiceIndex=index)
        assert response.status_code == 400
        assert error(response)["fields"] == {
            "choiceIndex": [f"Pick a choice from 0 to {buttons - 1}."]
        }, index


def test_a_blocked_message_shows_the_child_no_reason_and_the_parent_why(
    parent, child, topics, fake_guide
):
    kid_client = in_child_mode(parent, child)
    conversation = start(kid_client, child, topic="space").json()
    body = send(kid_client, conversation["id"], text="my phone number is 555-123-4567").json()
    mine, redirect = body["messages"]
    assert mine["wasFiltered"] and mine["filterReason"] == ""
    assert redirect["content"] and body["rewards"] == []

    transcript = signed_in(parent).get(f"/api/spark/conversations/{conversation['id']}/").json()
    assert transcript["messages"][1]["filterReason"].startswith("personal_info: ")


def test_a_blocked_message_is_not_given_back_to_the_child_but_the_parent_reads_it(
    parent, child, topics, fake_guide
):
    """Whatever the child typed that was blocked stays with the parent: the child's
    view (the exchange and the conversation) has it blank."""
    phone = "my phone number is 555-123-4567"
    kid_client = in_child_mode(parent, child)
    conversation = start(kid_client, child, topic="space").json()
    mine, _ = send(kid_client, conversation["id"], text=phone).json()["messages"]
    assert mine["wasFiltered"] and mine["content"] == ""

    url = f"/api/spark/conversations/{conversation['id']}/"
    seen_by_child = kid_client.get(url).json()["messages"]
    assert [m["content"] for m in seen_by_child if m["role"] == "user"] == [""]
    assert phone not in kid_client.get(url).content.decode()
    seen_by_parent = signed_in(parent).get(url).json()["messages"]
    assert [m["content"] for m in seen_by_parent if m["role"] == "user"] == [phone]


def test_the_cap_and_consent_refuse_with_their_codes(parent, topics, fake_guide, clock):
    kid = make_child(parent, limit=5)
    client = signed_in(parent)
    conversation = start(client, kid, topic="space").json()
    clock(NOW.replace(minute=5))
    send(client, conversation["id"], text="one")
    capped = send(client, conversation["id"], text="two")
    assert capped.status_code == 403 and error(capped)["code"] == "time_limit_reached"
    assert error(capped)["limitMinutes"] == 5

    revoke(parent)
    refused = start(client, kid, topic="riddles")
    assert refused.status_code == 403 and error(refused)["code"] == "consent_required"


def test_in_child_mode_only_that_childs_things_answer(parent, child, topics):
    sibling = make_child(parent, "Leo")
    siblings_talk = start(signed_in(parent), sibling, topic="space").json()
    own = start(signed_in(parent), child, topic="space").json()
    client = in_child_mode(parent, child)

    assert client.get(f"/api/spark/children/{child.id}/constellation/").status_code == 200
    assert client.get(f"/api/spark/conversations/{own['id']}/").status_code == 200
    for response in (
        client.get(f"/api/spark/children/{sibling.id}/constellation/"),
        client.get(f"/api/spark/children/{sibling.id}/progress/"),
        start(client, sibling, topic="space"),
        client.get(f"/api/spark/conversations/{siblings_talk['id']}/"),
        send(client, siblings_talk["id"], text="hi"),
        client.post(f"/api/spark/conversations/{siblings_talk['id']}/end/"),
    ):
        assert response.status_code == 403 and error(response)["code"] == "child_mode"


def test_another_parents_child_and_conversations_are_not_found(parent, child, topics):
    conversation = start(signed_in(parent), child, topic="space").json()
    stranger = signed_in(consenting_parent())

    for response in (
        stranger.get(f"/api/spark/children/{child.id}/constellation/"),
        stranger.get(f"/api/spark/children/{child.id}/spark/"),
        stranger.get(f"/api/spark/children/{child.id}/conversations/"),
        start(stranger, child, topic="space"),
        stranger.get(f"/api/spark/children/{child.id}/progress/"),
        stranger.get(f"/api/spark/conversations/{conversation['id']}/"),
        send(stranger, conversation["id"], text="hello"),
        stranger.post(f"/api/spark/conversations/{conversation['id']}/end/"),
    ):
        assert response.status_code == 404 and error(response)["code"] == "not_found"
    assert Message.objects.count() == 1
    assert Conversation.objects.get().ended_at is None


def test_signed_out_is_refused(child, topics):
    assert APIClient().get(f"/api/spark/children/{child.id}/constellation/").status_code == 401
