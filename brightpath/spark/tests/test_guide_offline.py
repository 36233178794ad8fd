"""The offline guide, talked to the way a child would, over the shipped catalogue."""

import re

import pytest

from brightpath.spark import content
from brightpath.spark.age_groups import AGE_GROUPS, CURIOUS_EXPLORERS, MIND_MASTERS, WONDER_CUBS
from brightpath.spark.guide import (
    Choice,
    GuideContext,
    GuideReply,
    SparkMaterial,
    TopicMaterial,
    Turn,
    offline,
)

TOPICS = {t["slug"]: t for t in content.read("topics.json")["topics"]}
SPARKS = {s["key"]: s for group in content.read("sparks.json")["sparks"].values() for s in group}
KINDS = {"deeper", "related", "question", "story", "end"}

# A child's ten turns: an int presses that button of the guide's last message (if it
# has that many), a string is typed.
SCRIPT = [
    0,
    "wow",
    1,
    "I think it is because of the sun",
    2,
    "i don't know",
    "why is that?",
    0,
    2,
    0,
]


def _material(slug: str) -> TopicMaterial:
    topic = TOPICS[slug]
    return TopicMaterial(
        slug=slug,
        name=topic["name"],
        category=topic["category"],
        description=topic["description"],
        metadata=topic["metadata"],
    )


def _spark(key: str) -> SparkMaterial:
    spark = SPARKS[key]
    return SparkMaterial(
        spark_type=spark["spark_type"],
        question=spark["question"],
        hints=tuple(spark["hints"]),
        follow_ups=tuple(spark["follow_ups"]),
    )


class Talk:
    """A conversation: each turn builds a fresh context from the history so far."""

    def __init__(self, group, slug=None, *, spark=None, related=(), name="Mia", window=None):
        self.base = {
            "age_group": group,
            "child_name": name,
            "topic": _material(slug) if slug else None,
            "spark": _spark(spark) if spark else None,
            "related": tuple(related),
        }
        self.window = window
        self.history: list[Turn] = []
        self.depth = 0
        self.replies: list[GuideReply] = []

    def context(self) -> GuideContext:
        history = self.history[-self.window :] if self.window else self.history
        return GuideContext(**self.base, depth=self.depth, history=tuple(history))

    def open(self) -> GuideReply:
        return self._record(offline.opening(self.context()))

    def press(self, index: int) -> GuideReply:
        choice = self.replies[-1].choices[index]
        return self._turn(choice.label, choice)

    def press_kind(self, kind: str, topic: str | None = None) -> GuideReply:
        choice = next(c for c in self.replies[-1].choices if c.kind == kind)
        return self._turn(choice.label, choice)

    def say(self, text: str) -> GuideReply:
        return self._turn(text, None)

    def play(self, script) -> None:
        for step in script:
            choices = self.replies[-1].choices
            going_on = [i for i, c in enumerate(choices) if c.kind != "end"]
            if isinstance(step, int) and going_on:
                self.press(going_on[min(step, len(going_on) - 1)])
            elif isinstance(step, int):
                self.say("more")
            else:
                self.say(step)

    def _turn(self, text: str, choice: Choice | None) -> GuideReply:
        reply = offline.reply(self.context(), text, choice)
        self.history.append(Turn("user", text))
        return self._record(reply)

    def _record(self, reply: GuideReply) -> GuideReply:
        self.history.append(Turn("assistant", reply.content))
        self.depth += reply.deeper
        self.replies.append(reply)
        return reply


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def _open_to(group: str) -> list[str]:
    return [slug for slug, t in TOPICS.items() if group in t["age_groups"]]


def _related(slug: str, group: str) -> list[tuple[str, str]]:
    """The topic's neighbours open to the group, as the conversation service passes them."""
    pairs = []
    for link in content.read("topics.json")["connections"]:
        other = link["to"] if link["from"] == slug else link["from"] if link["to"] == slug else None
        if other and group in TOPICS[other]["age_groups"]:
            pairs.append((other, TOPICS[other]["name"]))
    return pairs


# --- the opening ----------------------------------------------------------------------------


def test_the_opening_greets_the_child_and_introduces_the_topic_with_choices():
    reply = Talk(CURIOUS_EXPLORERS, "volcanoes", related=[("oceans", "Oceans")]).open()
    assert reply.content.startswith("Hi Mia!")
    assert "Volcanoes" in reply.content
    assert any(
        fact in reply.content
        for fact in TOPICS["volcanoes"]["metadata"]["facts"][CURIOUS_EXPLORERS]
    )
    assert 2 <= len(reply.choices) <= 4
    assert {c.kind for c in reply.choices} == {"deeper", "question", "story", "related"}
    assert reply.provider == "offline"


def test_the_opening_of_a_spark_asks_the_days_question():
    reply = Talk(WONDER_CUBS, spark="wc-01").open()
    assert "Hi Mia!" in reply.content and "Brain Spark" in reply.content
    assert SPARKS["wc-01"]["question"] in reply.content
    assert [c.kind for c in reply.choices] == ["deeper", "end"]


def test_the_same_context_gives_the_same_reply():
    first = Talk(MIND_MASTERS, "time", related=[("history", "History")])
    second = Talk(MIND_MASTERS, "time", related=[("history", "History")])
    for talk in (first, second):
        talk.open()
        talk.play(SCRIPT)
    assert [r.content for r in first.replies] == [r.content for r in second.replies]
    assert [r.choices for r in first.replies] == [r.choices for r in second.replies]


# --- age-appropriate -------------------------------------------------------------------------


def test_wonder_cubs_hear_short_sentences_and_short_replies():
    lengths = {}
    for group in AGE_GROUPS:
        words = []
        for slug in _open_to(group):
            talk = Talk(group, slug, related=_related(slug, group))
            talk.open()
            talk.play(SCRIPT)
            for reply in talk.replies:
                sentences = _sentences(reply.content)
                words += [len(s.split()) for s in sentences]
                if group == WONDER_CUBS:
                    assert max(len(s.split()) for s in sentences) <= 14, reply.content
                    assert len(reply.content.split()) <= 45, reply.content
        lengths[group] = sum(words) / len(words)
    assert lengths[WONDER_CUBS] < 8 < lengths[CURIOUS_EXPLORERS] < lengths[MIND_MASTERS]


def test_every_turn_ends_with_a_question_or_choices():
    for group in AGE_GROUPS:
        for slug in _open_to(group)[::4]:
            talk = Talk(group, slug, related=_related(slug, group))
            talk.open()
            talk.play([*SCRIPT, "bye"])
            for reply in talk.replies:
                assert reply.choices or reply.content.rstrip().endswith("?"), reply.content
            assert talk.replies[-1].choices == []  # "bye" ends the conversation


# --- no repeats, valid choices ------------------------------------------------------------------


@pytest.mark.parametrize("group", AGE_GROUPS)
def test_no_fact_is_said_twice_in_ten_turns(group):
    for slug in _open_to(group):
        talk = Talk(group, slug, related=_related(slug, group))
        talk.open()
        talk.play(SCRIPT)
        facts = TOPICS[slug]["metadata"]["facts"][group]
        for fact in facts:
            said = [r.content for r in talk.replies if fact in r.content]
            assert len(said) <= 1, (slug, fact)
        assert sum(any(f in r.content for f in facts) for r in talk.replies) >= 4, slug


def test_tell_me_more_never_goes_back_to_a_fact_even_with_a_short_history():
    """The conversation service may pass only the last few turns: pressing "tell me
    more" on and on walks through the facts once, then offers other things."""
    talk = Talk(CURIOUS_EXPLORERS, "oceans", window=4)
    talk.open()
    for _ in range(12):
        talk.press_kind("deeper") if any(
            c.kind == "deeper" for c in talk.replies[-1].choices
        ) else talk.say("tell me more")
    for fact in TOPICS["oceans"]["metadata"]["facts"][CURIOUS_EXPLORERS]:
        assert sum(fact in r.content for r in talk.replies) == 1, fact


def test_choices_are_always_valid():
    for group in AGE_GROUPS:
        for slug in _open_to(group):
            related = _related(slug, group)
            talk = Talk(group, slug, related=related)
            talk.open()
            talk.play(SCRIPT)
            for reply in talk.replies:
                assert 2 <= len(reply.choices) <= 4, reply
                labels = [c.label for c in reply.choices]
                assert len(set(labels)) == len(labels) and all(labels)
                for choice in reply.choices:
                    assert choice.kind in KINDS
                    assert (choice.topic is not None) == (choice.kind == "related")
                    if choice.topic:
                        assert choice.topic in dict(related)


# --- going to another star ----------------------------------------------------------------------


def test_a_related_choice_goes_only_to_an_unlocked_neighbour():
    talk = Talk(CURIOUS_EXPLORERS, "volcanoes", related=[("oceans", "Oceans")])
    talk.open()
    reply = talk.press_kind("related")
    assert "Oceans" in reply.content and not reply.deeper
    assert [c.topic for c in reply.choices if c.kind == "related"] == ["oceans"]

    forged = Choice("Fly to Black Holes", "related", "black-holes")
    reply = offline.reply(talk.context(), forged.label, forged)
    assert "isn't open" in reply.content
    assert all(c.topic in (None, "oceans") for c in reply.choices)


def test_a_question_about_another_star_offers_it_only_when_it_is_a_neighbour():
    neighbour = Talk(CURIOUS_EXPLORERS, "volcanoes", related=[("dinosaurs", "Dinosaurs")])
    neighbour.open()
    reply = neighbour.say("What did T rex eat?")
    assert "Dinosaurs" in reply.content
    assert ("related", "dinosaurs") in [(c.kind, c.topic) for c in reply.choices]

    stranger = Talk(CURIOUS_EXPLORERS, "volcanoes", related=[("oceans", "Oceans")])
    stranger.open()
    reply = stranger.say("What did T rex eat?")
    assert "dinosaurs" not in [c.topic for c in reply.choices]


OTHER_STAR = ("another star", "a different topic")


def _ask(group: str, slug: str, question: str, related=()) -> GuideReply:
    context = GuideContext(
        age_group=group, child_name="Sam", topic=_material(slug), related=tuple(related)
    )
    return offline.reply(context, question, None)


@pytest.mark.parametrize(
    ("group", "slug", "question", "not_about"),
    [
        (CURIOUS_EXPLORERS, "moon", "Why do they have such big teeth?", "Big Numbers"),
        (CURIOUS_EXPLORERS, "animals", "Why do they have such big teeth?", "Big Numbers"),
        (WONDER_CUBS, "moon", "What is the biggest one?", "Big Numbers"),
        (CURIOUS_EXPLORERS, "moon", "Why is the sky blue?", "Colors"),
        (CURIOUS_EXPLORERS, "space", "Why is it red?", "Colors"),
        (CURIOUS_EXPLORERS, "animals", "What colour is a frog?", "Colors"),
        (CURIOUS_EXPLORERS, "astronauts", "Can it fly?", "Birds"),
        (CURIOUS_EXPLORERS, "planets", "Is it very old?", "History"),
        (CURIOUS_EXPLORERS, "planets", "How fast can it go?", "Time"),
        (CURIOUS_EXPLORERS, "stars", "Is it true?", "Truth"),
        (CURIOUS_EXPLORERS, "moon", "Is it fair?", "Chance"),
        (MIND_MASTERS, "stars", "How long does it take?", "History"),
        (CURIOUS_EXPLORERS, "space", "Is it alive?", "Alive"),
    ],
)
def test_one_common_word_does_not_take_the_child_to_another_star(group, slug, question, not_about):
    """A common word (big, blue, fly, old...) is no evidence that a question is about
    another star: the guide answers within the topic the child is exploring."""
    reply = _ask(group, slug, question)
    assert not any(phrase in reply.content for phrase in OTHER_STAR), reply.content
    assert not_about not in reply.content
    assert not [c for c in reply.choices if c.kind == "related"]


@pytest.mark.parametrize(
    ("group", "slug", "question", "about"),
    [
        (CURIOUS_EXPLORERS, "space", "What is a volcano made of?", "Volcanoes"),
        (CURIOUS_EXPLORERS, "moon", "What does a mummy look like?", "Ancient Egypt"),
        (CURIOUS_EXPLORERS, "planets", "Why do birds sing?", "Birds"),
        (WONDER_CUBS, "weather", "Do dinosaurs still live?", "Dinosaurs"),
        (MIND_MASTERS, "castles", "How many legs does a spider have?", "Insects and Bugs"),
    ],
)
def test_a_question_naming_another_star_is_still_recognised(group, slug, question, about):
    assert about in _ask(group, slug, question).content


def test_words_of_this_topic_keep_the_question_here():
    """ "Do whales live in space?" on Oceans has a word of Oceans (whales): one word of
    another star (space) is not enough to leave."""
    reply = _ask(CURIOUS_EXPLORERS, "oceans", "Do whales live in space?", [("space", "Space")])
    assert not any(phrase in reply.content for phrase in OTHER_STAR), reply.content
    assert "space" not in [c.topic for c in reply.choices]


# --- free text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "slug", "question", "expected"),
    [
        (WONDER_CUBS, "planets", "Why does Mars look red?", "Mars looks red."),
        (CURIOUS_EXPLORERS, "volcanoes", "How hot can lava get?", "Lava can be hotter than"),
        (CURIOUS_EXPLORERS, "human-body", "How many bones do I have?", "206 bones"),
        (MIND_MASTERS, "ancient-greece", "When did Socrates die?", "399 BCE"),
        (MIND_MASTERS, "moon", "Why does the moon always show the same side?", "tidally locked"),
    ],
)
def test_a_free_text_question_gets_the_most_relevant_fact(group, slug, question, expected):
    reply = offline.reply(
        GuideContext(age_group=group, child_name="Sam", topic=_material(slug)), question, None
    )
    assert expected in reply.content
    assert reply.deeper


def test_what_a_word_means_comes_from_the_topics_words():
    reply = offline.reply(
        GuideContext(age_group=CURIOUS_EXPLORERS, child_name="Sam", topic=_material("volcanoes")),
        "What does magma mean?",
        None,
    )
    assert TOPICS["volcanoes"]["metadata"]["words"]["magma"] in reply.content


def test_a_reason_is_praised_as_an_aha_and_an_idea_without_one_gets_a_why():
    talk = Talk(CURIOUS_EXPLORERS, "weather")
    talk.open()
    reasoned = talk.say("I think clouds are white because the drops reflect the light")
    assert reasoned.aha and reasoned.deeper
    idea = talk.say("I think storms are exciting")
    assert not idea.aha
    assert "why" in idea.content.lower()


def test_i_dont_know_gets_encouragement_and_a_clue():
    talk = Talk(WONDER_CUBS, "insects")
    talk.open()
    reply = talk.say("I don't know")
    assert "OK" in reply.content
    assert any(f in reply.content for f in TOPICS["insects"]["metadata"]["facts"][WONDER_CUBS])


def test_the_childs_own_words_are_never_repeated_back():
    talk = Talk(CURIOUS_EXPLORERS, "maps")
    talk.open()
    reply = talk.say("my name is Bob Smith and I live at 12 Elm Street")
    assert "Bob" not in reply.content and "Elm" not in reply.content


def test_when_the_facts_run_out_the_guide_offers_something_else():
    talk = Talk(WONDER_CUBS, "moon")
    talk.open()
    for _ in range(len(TOPICS["moon"]["metadata"]["facts"][WONDER_CUBS]) + 2):
        if not any(c.kind == "deeper" for c in talk.replies[-1].choices):
            break
        talk.press_kind("deeper")
    assert not any(c.kind == "deeper" for c in talk.replies[-1].choices)
    assert talk.replies[-1].choices


# --- brain sparks -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", [k for k, s in SPARKS.items() if s["spark_type"] == "riddle"])
def test_a_riddles_answer_is_withheld_until_the_hints_are_used(key):
    answer = content.spark_answer(SPARKS[key]["hints"])
    clues = SPARKS[key]["hints"][:-1]
    group = {"wc": WONDER_CUBS, "ce": CURIOUS_EXPLORERS, "mm": MIND_MASTERS}[key[:2]]
    talk = Talk(group, spark=key)
    talk.open()
    for clue in clues:
        reply = talk.press_kind("deeper")
        assert clue in reply.content
        assert answer not in "".join(r.content for r in talk.replies)
    reply = talk.press_kind("question")  # "Tell me the answer", offered once a hint is out
    assert answer in reply.content
    assert not any(c.kind == "deeper" for c in reply.choices)


def test_hints_come_one_at_a_time_then_the_answer():
    talk = Talk(WONDER_CUBS, spark="wc-04")
    talk.open()
    first = talk.say("I don't know")
    assert SPARKS["wc-04"]["hints"][0] in first.content
    assert SPARKS["wc-04"]["hints"][1] not in first.content
    second = talk.say("is it the moon?")
    assert SPARKS["wc-04"]["hints"][1] in second.content and "the Sun." not in second.content
    assert [c.kind for c in second.choices] == ["question", "end"]  # no hint left: the answer
    third = talk.press_kind("question")
    assert "the Sun." in third.content


def test_asking_for_the_answer_reveals_it_and_a_right_guess_is_an_aha():
    asked = Talk(MIND_MASTERS, spark="mm-33")
    asked.open()
    assert "5 cents" in asked.say("I give up, tell me the answer").content

    guessed = Talk(MIND_MASTERS, spark="mm-33")
    guessed.open()
    wrong = guessed.say("10 cents")
    assert not wrong.aha and "5 cents" not in wrong.content
    right = guessed.say("5 cents")
    assert right.aha and "5 cents" in right.content


def test_an_open_spark_has_no_answer_to_give_but_follows_a_reason_with_a_question():
    talk = Talk(CURIOUS_EXPLORERS, spark="ce-15")
    talk.open()
    reply = talk.say("They should, because everyone tried their best")
    assert reply.aha
    assert SPARKS["ce-15"]["follow_ups"][0] in reply.content
    reply = talk.say("just tell me the answer")
    assert "no single right answer" in reply.content
