"""Spark's child-safety filter: what a child may send and what the guide may say.

    from brightpath.spark.safety import check_child_message, check_guide_reply, Verdict

`check_child_message(text, age_group=None)` runs before a child's message is
stored or shown to the guide; `check_guide_reply(text)` runs on every guide
reply (offline or LLM) before the child sees it. Both return a `Verdict`:
`allowed`, `category` ("offensive", "personal_info", "distress" or None),
`reason` (for the record and the parent: the category and the rule or the
model's score, never the personal data itself) and `redirect` (the kind words
the guide shows instead, worded for the child's age group). Neither raises, on
any input: empty, 20k characters, emoji, right-to-left text, control
characters, lone surrogates, None.

Layers, on a normalised copy of the text (text.py: NFKC, zero-width and bidi
characters out, accents off, Cyrillic/Greek look-alikes to Latin, and for
offensive words leet-speak and spaced letters read back, a whole spaced
phrase as its words: "stup1d", "sh*t", "f u c k", "s u c k m y ..."), checked
in this order (the first that matches decides):

1. distress (distress.py): self-harm and suicide, with or without the words
   kill or die ("better off dead", "sleep and never wake up") and questions
   on how to hurt oneself in any person ("best way to hurt yourself"); not
   eating to be thin, making oneself sick; abuse and harm at home ("my dad
   hits me", "someone touched me", a parent drunk and frightening, screaming
   and throwing things, being left somewhere, threats, bruises not to be
   told about, being locked in); insults a parent or carer says to the child,
   or that are said again and again; danger and grooming (someone online, a
   stranger or an adult asking for photos, to meet, to keep a secret, whether
   the child is alone: the cues read together within a sentence, in any
   wording); bullying and sadness that lasts ("every day", "for weeks") or
   feels empty or hopeless; running away. "kill yourself" / "kys" to someone
   is here too (harm).
2. personal information (personal.py): names (theirs, or a friend's or
   family member's full name), home address, phone, email, links, social and
   game accounts (with or without "@"), school, password, date of birth,
   where they live, a photo of themself or their home offered, where they
   will be and when. Regexes and small word lists (lexicon.py); no extra
   package.
3. offensive language (offensive.py): swear words and slurs however spelled,
   "gay" as a put-down, insults aimed at someone, threats, sexual requests,
   then the model (alt-profanity-check's linear SVM, model.py) with a child's
   everyday vocabulary masked, at offensive.THRESHOLD. Words the child
   reports someone said to them ("my brother called me an idiot") are not
   the child's own and are not read (swear words excepted).

Policy (what the labelled set in data/ follows):

- Curiosity is safe: death, war, weapons, bombs, disasters, history's cruelty,
  bodies and bodily functions with their proper or nursery words ("penis",
  "poop", "why do we fart"), animals named like slang (cock, tit, booby, ass
  as a donkey is the model's call), places like Scunthorpe or Dickson county,
  people like Dick Whittington, Isaac Newton or Marie Curie.
- Grief is safe (treated with care by the guide, not blocked): "my cat died",
  "my grandpa passed away and i'm sad". Sadness that is persistent or
  overwhelming ("i cry every night", "sad all the time") is distress.
- Personal information is the child's, or their family's, and identifies
  them: their own name, even a first name, when they introduce themself ("my
  name is Emma", "i'm noah"); a family member's full name; a house number
  with a street, a street they live on, the city or town they live in or come
  from (a country or a state alone is fine, but not with their age); phone
  numbers; emails; links; social and game usernames; the name of their school
  (not "my school is closed"); passwords and PINs; a full date of birth.
  Also personal: a friend's or sibling's full name ("my best friend is mia
  rodriguez"); an account name after "my insta/tiktok/roblox/username is"
  when it is not an English word ("my roblox is bluebearbuilder"); offering a
  photo or selfie of themself, their family or their home; where they will
  be and when (a named place with a time or plan, "at the park on elm
  street at 4"; going somewhere alone at a time, "walking home alone at 3:15
  tomorrow").
  Not personal information: their age alone, their grade, a friend's or
  sibling's first name ("my friend mia"), a teacher's title and surname ("my
  teacher Mrs Smith said"), a pet's name, asking the guide its name, a plan
  without a named place ("i'm going to the zoo tomorrow"), a photo of a
  drawing or a pet, "my roblox is broken".
- Offensive: swearing (mild ones too: damn, crap, what the hell), slurs,
  insults aimed at someone or at the guide ("you're dumb", "spark is
  stupid", "shut up", "i hate you", "your mom is fat"), running down the
  conversation with an insult ("this sucks", "that answer was dumb"), threats,
  sexual requests and sexual words said for a laugh ("boobs lol"). Not
  offensive: disliking things ("i hate broccoli", "this is boring"), judging
  oneself ("i feel stupid", a sad thing the guide may answer kindly), asking
  about a mild word ("what does sucks mean", "is crap a bad word") or an
  animal's name ("what animal is a jackass"), "i'm dying to know", "that joke
  killed me". "gay" as a put-down ("that's so gay", "this game is gay") is
  offensive; as an identity ("my uncle is gay", "what does gay mean") it is
  safe.
- An insult the child reports ("my brother called me an idiot", "my mom says
  i'm stupid") is the child telling, not being rude: from a parent or carer
  (or teacher, coach), or again and again ("always", "every day", "keeps"),
  or when it makes them cry, it is distress; once, from a brother, sister or
  friend, it is safe, and the guide answers kindly.
- Distress is what is happening to the child, not a question about what to do
  ("what should i do if a stranger talks to me" is safe; "a stranger asked me
  to get in his car" is not). Asking how to die or about suicide is distress,
  and so is asking how to hurt oneself ("how to cut yourself"); a first-aid
  question is not ("what should i do if i cut myself").
- A child's message that is both personal and offensive is reported as
  personal (the data matters more); distress always comes first.

Distress rules read both the plain text and its de-leeted form ("my dad
h1ts me", "i w4nt t0 d1e", "m y d a d h i t s m e").

Guide replies are blocked for offensive language (the same layer) and for
putting the child down, even mildly ("you're so annoying", "figure it out
yourself"); for any request for personal information ("what's your address",
"what city do you live in", "what street is your house on", "what's near
your house", "where are you from", "how old are you", "are your parents
home", "are you alone", "which school do you go to", "send me a photo",
"let's keep it our secret", "meet me"), and for links, emails, handles or
phone numbers. The reason names what was asked for ("asks for an email
address"). Safety advice that names a kind of information is not a request
("never share your address online").

Guide replies that could hurt the child (distress.guide_harm, on the plain
and de-leeted text) are blocked with category "distress" and a reason
starting "unsafe advice: " -- "distress" names a child's message; on a guide
reply the same category is reused so callers keep three categories, and the
reason tells the two apart. These are: self-harm or death wishes, the
child-side patterns and their second-person forms ("you should hurt
yourself", "try cutting yourself to feel better", "nobody would miss you",
"you'd be better off dead"); dangerous instructions, a harmful action and a
hazard in one sentence (household chemicals, medicines and pills, alcohol,
fire, matches, lighters, knives, sockets and wires) said as an instruction
or suggestion ("drink some bleach, it's fun", "take some pills from the
cabinet", "let's", "you could", "it's fun to"), or a hazard called harmless;
dangerous challenges ("blackout challenge", "hold your breath until you pass
out"); going somewhere alone to meet someone, sneaking out; hiding things or
keeping secrets from parents ("don't tell your parents", "keep this secret
from your mom", "just between us"). Science and safety advice stay allowed:
a sentence that is a fact, not a suggestion ("bleach is a chemical that
cleans"), or that warns or brings in a grown-up ("never drink bleach: ask a
grown-up", "some medicines are dangerous, only take them from a grown-up").
"""

from __future__ import annotations

from dataclasses import dataclass

from brightpath.spark.safety import distress, offensive, personal
from brightpath.spark.safety.model import warm
from brightpath.spark.safety.text import normalise

OFFENSIVE, PERSONAL_INFO, DISTRESS = "offensive", "personal_info", "distress"
CATEGORIES = (OFFENSIVE, PERSONAL_INFO, DISTRESS)

__all__ = [
    "CATEGORIES",
    "DISTRESS",
    "OFFENSIVE",
    "PERSONAL_INFO",
    "Verdict",
    "check_child_message",
    "check_guide_reply",
    "warm",
]


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    category: str | None
    reason: str
    redirect: str


# The kind words the guide shows instead, by category and age group.
_REDIRECTS = {
    OFFENSIVE: {
        "wonder_cubs": "Let's use kind words! What would you like to find out about?",
        "curious_explorers": (
            "Hmm, let's keep our words kind. What would you like to explore next?"
        ),
        "mind_masters": (
            "Let's keep it respectful. Ask me anything you're curious about and we'll dig in."
        ),
    },
    PERSONAL_INFO: {
        "wonder_cubs": (
            "That's private, so let's keep it just for you and your family. "
            "You don't need to tell me that. What shall we explore?"
        ),
        "curious_explorers": (
            "That sounds like private information, like a name, an address, a school or "
            "a phone number. Keep it safe and don't share it with me or anyone online. "
            "What would you like to explore?"
        ),
        "mind_masters": (
            "That looks like personal information (a name, where you live, a school, a "
            "number or an account). It's safest never to share it online, even with me. "
            "What would you like to explore?"
        ),
    },
    DISTRESS: {
        "wonder_cubs": (
            "Thank you for telling me. That sounds really hard, and it's not your fault. "
            "Please go and tell a grown-up you trust, like your mom, dad, or teacher, "
            "right now. They can help you."
        ),
        "curious_explorers": (
            "Thank you for telling me. That sounds really hard, and you haven't done "
            "anything wrong. Please talk to a grown-up you trust, like a parent, a "
            "teacher, or another family member, as soon as you can. They can help. If "
            "you're not safe right now, ask a grown-up to call the emergency number."
        ),
        "mind_masters": (
            "Thank you for telling me. That sounds really hard, and you deserve help "
            "with it. Please talk to an adult you trust, like a parent, a teacher, or a "
            "school counselor, today. If you're not safe right now, call your local "
            "emergency number or a children's helpline. You don't have to deal with this alone."
        ),
    },
}
_DEFAULT_GROUP = "curious_explorers"
_GUIDE_REDIRECT = "Let's get back to exploring! What would you like to find out next?"


def _redirect(category: str, age_group: str | None) -> str:
    by_group = _REDIRECTS[category]
    return by_group.get(age_group or _DEFAULT_GROUP, by_group[_DEFAULT_GROUP])


def _allowed() -> Verdict:
    return Verdict(allowed=True, category=None, reason="", redirect="")


# Text longer than a message (the conversation service caps one at 500
# characters) is checked in overlapping windows, so the work stays linear.
_WINDOW, _OVERLAP = 600, 120


def _windows(text: object) -> list[object]:
    if not isinstance(text, str) or len(text) <= _WINDOW:
        return [text]
    step = _WINDOW - _OVERLAP
    return [text[i : i + _WINDOW] for i in range(0, len(text) - _OVERLAP, step)]


def check_child_message(text: str, *, age_group: str | None = None) -> Verdict:
    """Whether a child's message may go to the guide; if not, why, and what the
    guide says instead."""
    for part in _windows(text):
        verdict = _check_child(part, age_group)
        if not verdict.allowed:
            return verdict
    return _allowed()


def check_guide_reply(text: str) -> Verdict:
    """Whether a guide's reply may be shown to a child."""
    for part in _windows(text):
        verdict = _check_guide(part)
        if not verdict.allowed:
            return verdict
    return _allowed()


def _check_child(text: object, age_group: str | None) -> Verdict:
    try:
        norm = normalise(text)
        if not norm.plain:
            return _allowed()
        found = distress.check(norm)
        if found:
            return Verdict(False, DISTRESS, f"distress: {found}", _redirect(DISTRESS, age_group))
        found = personal.check(norm)
        if found:
            return Verdict(
                False, PERSONAL_INFO, f"personal info: {found}", _redirect(PERSONAL_INFO, age_group)
            )
        found = offensive.check(norm)
        if found:
            return Verdict(
                False, OFFENSIVE, f"offensive language ({found})", _redirect(OFFENSIVE, age_group)
            )
        return _allowed()
    except Exception:  # never let the filter break a conversation: fail closed
        return Verdict(False, OFFENSIVE, "could not be checked", _redirect(OFFENSIVE, age_group))


def _check_guide(text: object) -> Verdict:
    try:
        norm = normalise(text)
        if not norm.plain:
            return _allowed()
        found = offensive.check(norm, threshold=offensive.GUIDE_THRESHOLD)
        if found:
            return Verdict(False, OFFENSIVE, f"offensive language ({found})", _GUIDE_REDIRECT)
        found = personal.guide_put_down(norm)
        if found:
            return Verdict(False, OFFENSIVE, f"offensive language (rule: {found})", _GUIDE_REDIRECT)
        found = distress.guide_harm(norm)
        if found:
            return Verdict(False, DISTRESS, f"unsafe advice: {found}", _GUIDE_REDIRECT)
        found = personal.guide_request(norm)
        if found:
            return Verdict(False, PERSONAL_INFO, f"personal info: {found}", _GUIDE_REDIRECT)
        return _allowed()
    except Exception:
        return Verdict(False, OFFENSIVE, "could not be checked", _GUIDE_REDIRECT)
