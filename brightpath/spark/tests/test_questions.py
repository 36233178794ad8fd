"""One rule for "is the child asking something?" (the counts, the guide, the summaries)."""

import pytest

from brightpath.spark.guide import offline
from brightpath.spark.questions import is_question, starts_like_question, why_how_words
from brightpath.spark.services import conversations, summaries


@pytest.mark.parametrize(
    "text",
    [
        "why is the sky blue",
        "How do bees fly",
        "what's a comet",
        "Whats lava made of",
        "tell me about volcanoes",
        "Explain gravity",
        "Have you seen a whale",
        "may I ask something",
        "lava is hot?",
    ],
)
def test_questions(text):
    assert is_question(text)


@pytest.mark.parametrize(
    "text", ["I think it is hot", "wow", "because the sun is far", "tell me more", ""]
)
def test_not_questions(text):
    assert not is_question(text)


def test_a_statement_can_end_in_a_question_mark_without_starting_like_one():
    assert is_question("lava is hot?") and not starts_like_question("lava is hot?")


def test_why_and_how_are_counted_as_words():
    assert why_how_words("Why? And how... and WHY not") == 3
    assert why_how_words("somehow whyever") == 0


def test_every_part_uses_the_one_rule():
    assert conversations.is_question is is_question
    assert offline.is_question is is_question
    assert summaries.why_how_words is why_how_words
