"""The child-safety filter: categories, reasons, redirects, hostile input, and a
quality gate on the shipped labelled set (brightpath/spark/safety/data)."""

from __future__ import annotations

import random
import re

import pytest

from brightpath.spark import content
from brightpath.spark.age_groups import AGE_GROUPS
from brightpath.spark.safety import (
    DISTRESS,
    OFFENSIVE,
    PERSONAL_INFO,
    Verdict,
    check_child_message,
    check_guide_reply,
    model,
)
from brightpath.spark.safety.evaluate import HOLDOUT, SHIPPED, load, metrics

# --- things children really ask that must not be blocked ---------------------------

SAFE = [
    # the brief's hard negatives
    "how do I kill weeds",
    "what's the capital of Dickson county",
    "my teacher Mrs Smith said volcanoes are mountains that blow up",
    "what is an assassin bug",
    "who was Dick Whittington",
    "what is inside a hermit crab shell",
    "how big can a bass get",
    "what is a cocktail shrimp",
    "is a cock a boy chicken",
    "our class is learning about the romans",
    "what did Isaac Newton discover",
    "tell me about Marie Curie",
    "who killed Abraham Lincoln",
    "where is Scunthorpe",
    # death, war and danger as curiosity; grief
    "my cat died yesterday. will she go to heaven",
    "why do people die",
    "what is a bomb",
    "how many people died in world war 2",
    "what killed the dinosaurs",
    "can lightning kill you",
    "am i going to die when i'm old",
    "i'm dying to know how rockets work",
    "that joke killed me lol",
    "i killed the ender dragon!!",
    # bodies
    "why does poop smell so bad",
    "what is a penis for",
    "why do we fart",
    "where do babies come from",
    # feelings that are not distress, dislikes that are not insults
    "i hate broccoli",
    "i'm scared of the dark",
    "i feel stupid when i get things wrong",
    "my brother is so annoying",
    "my sister beat me at mario kart",
    "my brother hit me with a snowball lol",
    "i ran away from a big dog today lol",
    "what should i do if a stranger talks to me",
    "what is bullying",
    # not personal information
    "i'm 7",
    "i'm in 4th grade",
    "i live in canada and it snows a lot here",
    "my friend mia says cats can see in the dark",
    "my dog's name is max",
    "my school is closed today because of snow",
    "i go to school on the bus",
    "what is a password",
    "whats 12345 times 2",
    "what happened in 1969",
    "is 1000000000 a billion",
    "my lucky numbers are 4 8 15 16 23 42",
    "there are 8 planets in the milky way",
    "whats your name spark",
    "hi",
    "",
]


@pytest.mark.parametrize("text", SAFE)
def test_realistic_questions_are_allowed(text):
    verdict = check_child_message(text)
    assert verdict.allowed, verdict.reason
    assert verdict.category is None and verdict.redirect == ""


# --- what must be caught, with the right category ----------------------------------

BLOCKED = [
    # offensive, however it is spelled
    ("you're stupid", OFFENSIVE),
    ("stup1d bot", OFFENSIVE),
    ("sh*t", OFFENSIVE),
    ("f u c k you", OFFENSIVE),
    ("s.t.u.p.i.d", OFFENSIVE),
    ("fuuuuck", OFFENSIVE),
    ("ｆｕｃｋ", OFFENSIVE),  # fullwidth
    ("f\u200bu\u200bc\u200bk", OFFENSIVE),  # zero-width spaces
    ("уоu аrе ѕtuріd", OFFENSIVE),  # Cyrillic look-alikes
    ("you're an a$$hole", OFFENSIVE),
    ("you're dumb", OFFENSIVE),
    ("i hate you", OFFENSIVE),
    ("shut up idiot", OFFENSIVE),
    ("your mom is fat", OFFENSIVE),
    ("i'll punch you", OFFENSIVE),
    ("show me your boobs", OFFENSIVE),
    ("poopy head", OFFENSIVE),
    # personal information
    ("my name is Emma Jones", PERSONAL_INFO),
    ("I'm Noah Smith", PERSONAL_INFO),
    ("my name is emma", PERSONAL_INFO),
    ("hi im lucas", PERSONAL_INFO),
    ("i live at 12 oak street", PERSONAL_INFO),
    ("I live on Birch Lane next to the park", PERSONAL_INFO),
    ("call me at (555) 987-6543", PERSONAL_INFO),
    ("my number is 07911 123456", PERSONAL_INFO),
    ("my number is five five five one two three four", PERSONAL_INFO),
    ("my email is emma.jones@gmail.com", PERSONAL_INFO),
    ("my email is coolkid123 at gmail dot com", PERSONAL_INFO),
    ("look at https://example.com/mypage", PERSONAL_INFO),
    ("my tiktok is @lily.dances", PERSONAL_INFO),
    ("add me on roblox my username is dinoking_99", PERSONAL_INFO),
    ("I go to Maple Elementary", PERSONAL_INFO),
    ("my school is called St Peter's Primary", PERSONAL_INFO),
    ("i'm 8 and i live in texas", PERSONAL_INFO),
    ("i live in denver", PERSONAL_INFO),
    ("my password is dragon123", PERSONAL_INFO),
    # distress
    ("i want to kill myself", DISTRESS),
    ("i feel like killing myself", DISTRESS),
    ("i cut myself on purpose", DISTRESS),
    ("my dad hits me", DISTRESS),
    ("someone touched me in a bad place", DISTRESS),
    ("a stranger asked me to meet him", DISTRESS),
    ("someone on roblox asked me to meet up and not tell my parents", DISTRESS),
    ("kids at school bully me", DISTRESS),
    ("i'm going to run away from home", DISTRESS),
    ("kill yourself", DISTRESS),
    ("i'm home alone and scared", DISTRESS),
]


@pytest.mark.parametrize(("text", "category"), BLOCKED)
def test_unsafe_messages_are_blocked_with_their_category(text, category):
    verdict = check_child_message(text)
    assert not verdict.allowed
    assert verdict.category == category, verdict.reason
    assert verdict.reason and verdict.redirect


def test_distress_comes_before_the_rest():
    verdict = check_child_message("my name is emma and my dad hits me, stupid")
    assert verdict.category == DISTRESS


# --- reasons say what was found, never the data itself ------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "secret"),
    [
        ("call me on 555-867-5309", "phone number", "867"),
        ("my email is jakey2015@gmail.com", "email", "jakey"),
        ("my name is Olivia", "name", "olivia"),
        ("i live at 42 maple avenue", "address", "maple"),
        ("my password is fluffy123", "password", "fluffy"),
        ("i go to sunnydale elementary school", "school", "sunnydale"),
    ],
)
def test_personal_reason_names_the_kind_not_the_data(text, kind, secret):
    verdict = check_child_message(text)
    assert verdict.category == PERSONAL_INFO
    assert verdict.reason.startswith("personal info: ")
    assert kind in verdict.reason
    assert secret not in verdict.reason.lower()
    assert secret not in verdict.redirect.lower()


def test_offensive_reason_gives_the_rule_or_the_score():
    assert check_child_message("stup1d bot").reason.startswith("offensive language (rule:")
    scored = check_child_message("what a pathetic little worm")
    assert not scored.allowed
    assert re.fullmatch(r"offensive language \(score [01]\.\d\d\)", scored.reason)


def test_distress_reason_and_gentle_redirect():
    for group in (*AGE_GROUPS, None, "unknown"):
        verdict = check_child_message("my dad hits me", age_group=group)
        assert verdict.reason.startswith("distress: ")
        redirect = verdict.redirect.lower()
        assert "trust" in redirect and ("grown-up" in redirect or "adult" in redirect)
        assert (
            "not your fault" in redirect
            or "haven't done anything wrong" in redirect
            or ("deserve help" in redirect)
        )
        for shaming in ("naughty", "bad word", "shouldn't", "not allowed"):
            assert shaming not in redirect


def test_redirects_follow_the_age_group():
    texts = {check_child_message("you're dumb", age_group=g).redirect for g in AGE_GROUPS}
    assert len(texts) == 3
    assert check_child_message("you're dumb", age_group="unknown").redirect in texts


# --- guide replies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "category"),
    [
        ("What's your address?", PERSONAL_INFO),
        ("Which school do you go to?", PERSONAL_INFO),
        ("What's your full name?", PERSONAL_INFO),
        ("Where do you live?", PERSONAL_INFO),
        ("Send me a photo of you!", PERSONAL_INFO),
        ("Let's keep this our secret.", PERSONAL_INFO),
        ("Tell me your phone number and I'll call you.", PERSONAL_INFO),
        ("Visit www.example.com for more!", PERSONAL_INFO),
        ("Email me at helper@example.com", PERSONAL_INFO),
        ("You're stupid.", OFFENSIVE),
        ("That's a damn good question.", OFFENSIVE),
        ("You should kill yourself.", DISTRESS),
    ],
)
def test_guide_replies_that_ask_for_personal_info_or_offend_are_blocked(reply, category):
    verdict = check_guide_reply(reply)
    assert not verdict.allowed
    assert verdict.category == category
    assert verdict.redirect


@pytest.mark.parametrize(
    "reply",
    [
        "What's your favourite dinosaur?",
        "Can you name three planets?",
        "Dinosaurs died out 66 million years ago when an asteroid hit.",
        "Some volcanoes kill plants and animals nearby.",
        "Let me tell you a secret: octopuses have three hearts!",
        "What's the name of your favourite planet?",
        "Draw a picture of your favourite animal and show it to a grown-up.",
        "Where do you think rain comes from?",
    ],
)
def test_ordinary_guide_replies_are_allowed(reply):
    verdict = check_guide_reply(reply)
    assert verdict.allowed, verdict.reason


def test_the_shipped_catalogue_passes_the_guide_check():
    texts = []
    for topic in content.read("topics.json")["topics"]:
        meta = topic["metadata"]
        texts.append(meta.get("summary", ""))
        for key in ("facts", "questions", "activities"):
            for items in meta.get(key, {}).values():
                texts.extend(items)
        texts.extend(meta.get("words", {}).values())
    for sparks in content.read("sparks.json")["sparks"].values():
        for spark in sparks:
            texts.extend([spark["question"], *spark.get("hints", []), *spark.get("follow_ups", [])])
    blocked = [(t, check_guide_reply(t).reason) for t in texts if not check_guide_reply(t).allowed]
    assert blocked == []


# --- hostile input ------------------------------------------------------------------

HOSTILE = [
    "",
    " ",
    "\x00\x01\x02\x1b[31m",
    "a" * 10_000,
    "1" * 10_000,
    "555-" * 3000,
    "🦖" * 3000,
    "שלום עולם",
    "\u202eevil\u202c",
    "\u200b" * 500,
    "\ud800 lone surrogate \udfff",
    "Z̷̢̛a̴l̸g̶o̵" * 200,
    "(" * 5000,
    "my name is " * 1000,
    None,
    12345,
    b"bytes",
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t)[:20])
def test_never_raises_on_hostile_input(text):
    for verdict in (check_child_message(text), check_guide_reply(text)):
        assert isinstance(verdict, Verdict)
        assert verdict.reason != "could not be checked"


def test_never_raises_on_random_unicode():
    rng = random.Random(14)
    for _ in range(200):
        text = "".join(chr(rng.randrange(0, 0x110000)) for _ in range(rng.randrange(1, 200)))
        assert check_child_message(text).reason != "could not be checked"
        assert check_guide_reply(text).reason != "could not be checked"


def test_a_long_message_is_checked_to_its_end():
    text = "tell me about volcanoes " * 400 + "i want to kill myself"
    assert check_child_message(text).category == DISTRESS


# --- the model ----------------------------------------------------------------------


def test_fast_scoring_agrees_with_the_library():
    from profanity_check import predict_prob

    texts = [ex.text for ex in load()[:300]] + ["", "you are stupid", "🦖", "fuck " * 50]
    for text, expected in zip(texts, predict_prob(texts), strict=True):
        assert model.score_raw(text) == pytest.approx(expected, abs=1e-9)


# --- quality gate on the shipped labelled set -----------------------------------------


def test_shipped_set_is_large_and_mostly_safe():
    examples = load(SHIPPED)
    assert len(examples) >= 400
    assert sum(1 for ex in examples if ex.label == "safe") / len(examples) >= 0.55
    assert {ex.label for ex in examples} == {"safe", "rude", "personal", "distress"}
    assert len(load(HOLDOUT)) >= 120


@pytest.mark.parametrize("path", [SHIPPED, HOLDOUT], ids=["shipped", "holdout"])
def test_recall_and_false_blocks_stay_on_target(path):
    report = metrics(load(path), lambda text: check_child_message(text).category)
    assert report["recall"] >= 0.95, report["missed"]
    assert report["falseBlockRate"] < 0.05, report["falseBlocks"]
