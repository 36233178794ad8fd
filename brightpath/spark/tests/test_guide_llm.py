"""Spark's LLM guide and the choice between it and the offline guide, through
the real openai client against the local fake endpoint (common/tests/llm_fake.py)."""

import json
import logging

import pytest

from brightpath.common.llm import LLMUnavailable, configured_provider
from brightpath.common.tests.llm_fake import llm_server, llm_settings, malformed, reply, slow
from brightpath.spark.guide import Choice, GuideContext, TopicMaterial, Turn, llm
from brightpath.spark.guide.select import guide_opening, guide_reply

YOUNG_FACT = "A volcano is a mountain that can let out hot, melted rock."
OLD_FACT = "Magma collects in chambers several kilometres below the surface."
VOLCANOES = TopicMaterial(
    slug="volcanoes",
    name="Volcanoes",
    category="science",
    description="Mountains that open to the hot inside of the Earth.",
    metadata={
        "summary": "Volcanoes let melted rock from deep inside the Earth come out.",
        "keywords": ["lava", "magma"],
        "facts": {"wonder_cubs": [YOUNG_FACT], "mind_masters": [OLD_FACT]},
        "questions": {"wonder_cubs": ["What colour do you think lava is?"]},
        "activities": {"wonder_cubs": ["Make a volcano with a cup of sand."]},
        "words": {"lava": "melted rock that comes out of a volcano"},
    },
)
__all__ = ["llm_server", "llm_settings"]  # fixtures, used by name

RELATED = (("earthquakes", "Earthquakes"), ("dinosaurs", "Dinosaurs"))


def context(**changes) -> GuideContext:
    values = {
        "age_group": "wonder_cubs",
        "child_name": "Maya",
        "topic": VOLCANOES,
        "depth": 2,
        "interests": ("rocks", "drawing"),
        "related": RELATED,
        "history": (
            Turn("assistant", "Hi Maya! Shall we visit a volcano?"),
            Turn("user", "yes! maya loves fire"),
        ),
    }
    return GuideContext(**{**values, **changes})


def answer(**changes) -> dict:
    good = {
        "reply": "Lava is melted rock. It is very hot! What colour do you think it is?",
        "choices": [
            {"label": "Tell me more", "kind": "deeper", "topic": None},
            {"label": "Earthquakes!", "kind": "related", "topic": "earthquakes"},
            {"label": "A story, please", "kind": "story", "topic": None},
        ],
        "deeper": True,
        "aha": False,
    }
    return {**good, **changes}


@pytest.fixture
def offline_guide():
    """The offline guide (helper B's), needed only where the answer falls back to it."""
    return pytest.importorskip("brightpath.spark.guide.offline")


def sent(server) -> list[dict]:
    [request] = server.chat_requests
    return request["messages"]


# --- the LLM answers --------------------------------------------------------------------


def test_the_llm_answers_when_configured_and_allowed(llm_settings):
    llm_settings.answer(answer())
    result = guide_reply(context(), "What is lava?", None, llm_allowed=True)
    assert result.provider == "openai"
    assert result.content.startswith("Lava is melted rock.")
    assert result.choices == [
        Choice("Tell me more", "deeper"),
        Choice("Earthquakes!", "related", "earthquakes"),
        Choice("A story, please", "story"),
    ]
    assert result.deeper is True and result.aha is False
    assert result.tokens_used > 0
    [request] = llm_settings.chat_requests
    assert request["response_format"] == {"type": "json_object"}


def test_the_opening_comes_from_the_llm_and_explores_nothing_yet(llm_settings):
    llm_settings.answer(
        answer(reply="Hello! Have you ever seen a mountain?", deeper=True, aha=True)
    )
    result = guide_opening(context(history=()), llm_allowed=True)
    assert result.provider == "openai"
    assert result.content == "Hello! Have you ever seen a mountain?"
    assert result.deeper is False and result.aha is False
    messages = sent(llm_settings)
    assert [m["role"] for m in messages] == ["system", "user"]


def test_the_childs_name_is_never_sent(llm_settings):
    llm_settings.answer(answer())
    ctx = context()
    guide_opening(ctx, llm_allowed=True)
    guide_reply(ctx, "My name is MAYA and I am curious", None, llm_allowed=True)
    assert len(llm_settings.chat_requests) == 2
    for request in llm_settings.chat_requests:
        body = json.dumps(request)
        assert "maya" not in body.lower()
    last = llm_settings.chat_requests[-1]["messages"]
    assert last[-1]["content"] == "My name is friend and I am curious"
    assert last[1] == {"role": "assistant", "content": "Hi friend! Shall we visit a volcano?"}


def test_nothing_from_the_childs_profile_is_sent(llm_settings):
    """The notice promises only the messages, the topic and the age group go out:
    the interests a parent typed stay on the server (the offline guide uses them)."""
    llm_settings.answer(answer())
    ctx = context(interests=("rocks", "drawing", "grandma's farm"))
    guide_opening(ctx, llm_allowed=True)
    guide_reply(ctx, "Why is lava hot?", None, llm_allowed=True)
    assert len(llm_settings.chat_requests) == 2
    for request in llm_settings.chat_requests:
        body = json.dumps(request).lower()
        assert "drawing" not in body and "farm" not in body and "interested" not in body
    assert "rocks" not in llm.system_prompt(ctx)


def test_a_two_word_name_is_left_out_in_every_part(llm_settings):
    llm_settings.answer(answer())
    guide_reply(context(child_name="Ana Sofia", history=()), "sofia here", None, llm_allowed=True)
    body = json.dumps(llm_settings.chat_requests[0]).lower()
    assert "sofia" not in body and "ana sofia" not in body


def test_the_prompt_teaches_from_the_topic_for_the_childs_age_group(llm_settings):
    llm_settings.answer(answer())
    guide_reply(context(), "Why is lava hot?", None, llm_allowed=True)
    system = sent(llm_settings)[0]["content"]
    assert YOUNG_FACT in system and OLD_FACT not in system
    assert "melted rock that comes out of a volcano" in system
    assert "Wonder Cubs (4-6)" in system and "very short sentences" in system
    assert '"earthquakes"' in system and '"dinosaurs"' in system
    assert "rocks" not in system  # an interest: nothing from the profile goes out


def test_the_prompt_for_older_children_uses_their_material(llm_settings):
    llm_settings.answer(answer())
    guide_reply(context(age_group="mind_masters"), "Where is magma?", None, llm_allowed=True)
    system = sent(llm_settings)[0]["content"]
    assert OLD_FACT in system and YOUNG_FACT not in system
    assert "11 to 14" in system


def test_history_then_the_childs_turn_are_sent_once(llm_settings):
    llm_settings.answer(answer())
    ctx = context(history=(*context().history, Turn("user", "Is lava hot?")))
    guide_reply(ctx, "Is lava hot?", None, llm_allowed=True)
    messages = sent(llm_settings)
    assert [m["role"] for m in messages] == ["system", "assistant", "user", "user"]
    assert messages[-1]["content"] == "Is lava hot?"
    assert [m["content"] for m in messages].count("Is lava hot?") == 1


def test_a_button_to_a_neighbour_is_described_to_the_model(llm_settings):
    llm_settings.answer(answer())
    choice = Choice("Earthquakes!", "related", "earthquakes")
    guide_reply(context(), "Earthquakes!", choice, llm_allowed=True)
    last = sent(llm_settings)[-1]["content"]
    assert '"Earthquakes!"' in last and "explore Earthquakes next" in last


def test_a_choice_may_name_the_current_topic_where_none_belongs(llm_settings):
    llm_settings.answer(
        answer(choices=[{"label": "More volcanoes", "kind": "deeper", "topic": "volcanoes"}])
    )
    result = guide_reply(context(), "more", None, llm_allowed=True)
    assert result.choices == [Choice("More volcanoes", "deeper", None)]


# --- answers the guide refuses ------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        "Lava is hot! What colour is it?",  # not JSON
        json.dumps(["a list"]),
        json.dumps(answer(reply="")),
        json.dumps(answer(reply="Lava is hot. " * 40)),  # too long for a 5-year-old
        json.dumps(answer(reply="Look at www.volcano-facts.com! What do you see?")),
        json.dumps(answer(reply="See https://example.org. What do you see?")),
        json.dumps(answer(aha="yes")),
        json.dumps(answer(deeper=None)),
        json.dumps(answer(choices="Tell me more")),
        json.dumps(answer(choices=[{"label": "More", "kind": "deeper"}] * 5)),
        json.dumps(answer(choices=[{"label": "Fly", "kind": "teleport", "topic": None}])),
        json.dumps(answer(choices=[{"label": "Space!", "kind": "related", "topic": "space"}])),
        json.dumps(answer(choices=[{"label": "Quakes", "kind": "related", "topic": None}])),
        json.dumps(answer(choices=[{"label": "Quakes", "kind": "related", "topic": ["x"]}])),
        json.dumps(answer(choices=[{"label": "More", "kind": "deeper", "topic": "space"}])),
        json.dumps(answer(choices=[{"label": "x" * 61, "kind": "deeper", "topic": None}])),
        json.dumps(answer(choices=[{"label": "  ", "kind": "deeper", "topic": None}])),
        json.dumps(answer(choices=["Tell me more"])),
    ],
    ids=[
        "not-json",
        "not-an-object",
        "empty-reply",
        "too-long",
        "link-www",
        "link-https",
        "aha-not-bool",
        "deeper-missing",
        "choices-not-list",
        "five-choices",
        "unknown-kind",
        "locked-neighbour",
        "related-without-topic",
        "related-topic-not-text",
        "topic-on-deeper",
        "label-too-long",
        "blank-label",
        "choice-not-object",
    ],
)
def test_an_answer_not_as_asked_is_unavailable(llm_settings, bad):
    llm_settings.answer(bad)
    with pytest.raises(LLMUnavailable):
        llm.reply(context(), "What is lava?", None, configured_provider())


def test_no_neighbours_means_no_related_choice(llm_settings):
    llm_settings.answer(answer())  # its second choice jumps to earthquakes
    with pytest.raises(LLMUnavailable):
        llm.reply(context(related=()), "What is lava?", None, configured_provider())


# --- the offline guide answers instead -----------------------------------------------------


def test_without_the_parents_consent_nothing_is_sent(llm_settings, offline_guide):
    llm_settings.answer(answer())
    opening = guide_opening(context(history=()), llm_allowed=False)
    result = guide_reply(context(), "What is lava?", None, llm_allowed=False)
    assert opening.provider == result.provider == "offline"
    assert result.content
    assert llm_settings.requests == []


def test_without_an_endpoint_the_offline_guide_answers(settings, llm_server, offline_guide):
    settings.LLM_BASE_URL = ""
    llm_server.answer(answer())
    result = guide_reply(context(), "What is lava?", None, llm_allowed=True)
    assert result.provider == "offline" and result.content
    assert llm_server.requests == []


@pytest.mark.parametrize(
    "behaviour",
    [
        malformed(),
        reply("Lava is hot! What colour is it?"),
        reply(answer(choices=[{"label": "Space!", "kind": "related", "topic": "space"}])),
        slow(5),
    ],
    ids=["broken-json", "not-json", "locked-neighbour", "timeout"],
)
def test_a_failing_llm_falls_back_to_the_offline_guide(
    llm_settings, settings, offline_guide, caplog, behaviour
):
    settings.LLM_TIMEOUT_SECONDS = 0.3
    settings.LLM_MAX_RETRIES = 0
    llm_settings.then(behaviour)
    caplog.set_level(logging.INFO)
    ctx = context()
    result = guide_reply(ctx, "Why is lava so hot?", None, llm_allowed=True)
    expected = offline_guide.reply(ctx, "Why is lava so hot?", None)
    assert result.provider == "offline"
    assert result.content == expected.content
    assert len(llm_settings.chat_requests) == 1
    fallbacks = [r for r in caplog.records if "answered offline" in r.getMessage()]
    assert len(fallbacks) == 1
    for record in caplog.records:
        assert "lava so hot" not in record.getMessage()


def test_a_failing_opening_falls_back_too(llm_settings, offline_guide):
    llm_settings.answer("not json at all")
    result = guide_opening(context(history=()), llm_allowed=True)
    assert result.provider == "offline" and result.content
