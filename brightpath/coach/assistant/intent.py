"""Which of the assistant's capabilities a message asks for.

Capabilities are data: each names its `keywords`. The teacher's request (not
the student work they pasted) is read sentence by sentence, requests first
("can you", "make", a question), and within a sentence the keyword that comes
first wins ("a quiz from my lesson on fractions" asks for a quiz, "a lesson
with a quiz at the end" for a lesson); at one position the longer keyword
wins, then the capability with the lower priority number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brightpath.coach.memory.extraction import classify

from . import Capability
from .reading import request_sentences, split_work

_REQUEST = re.compile(
    r"\?|^\s*(?:(?:can|could|would|will) you|please|pls|(?:make|write|create|give|generate|"
    r"draft|design|suggest|help|build|plan|put together|come up with|prepare|turn|draw up|"
    r"differentiate|adapt|modify|grade|mark|review|check|comment|assess)\b|i(?:'d| would) like|"
    r"i need|i want|let'?s|how (?:can|could|should|do) i)",
    re.I,
)


@dataclass(frozen=True)
class Intent:
    capability: Capability | None
    unavailable: Capability | None  # asked for, but this assistant does not have it
    work: str  # pasted student work, if any


def _first_match(sentence: str, capabilities: tuple[Capability, ...]):
    lowered = " " + " ".join(re.findall(r"[a-z0-9']+|[-]", sentence.lower())) + " "
    lowered = lowered.replace(" - ", "-")
    best = None
    for capability in capabilities:
        for keyword in capability.keywords:
            phrase = " " + " ".join(re.findall(r"[a-z0-9']+|-", keyword.lower())) + " "
            phrase = phrase.replace(" - ", "-")
            position = lowered.find(phrase)
            if position < 0:
                continue
            key = (position, -len(phrase), capability.priority)
            if best is None or key < best[0]:
                best = (key, capability)
    return best


def _states_a_fact(sentence: str) -> bool:
    """A fact about the teacher's class, students or preferences (the weak "context"
    kind, any first-person sentence, does not count)."""
    fact = classify(sentence)
    return fact is not None and fact.category != "context"


def choose(
    message: str,
    capabilities: tuple[Capability, ...],
    others: tuple[Capability, ...] = (),
) -> Intent:
    """The capability that answers `message` (None: a general answer)."""
    parts = split_work(message)
    sentences = request_sentences(parts.request)
    requests = [s for s in sentences if _REQUEST.search(s)]
    # A terse request ("Quiz on fractions, grade 5.") has no request words; a fact
    # about the class ("Maya needs support with reading.") is not a request at all.
    terse = [s for s in sentences if not _REQUEST.search(s) and not _states_a_fact(s)]
    ordered = requests + terse
    for sentence in ordered:
        found = _first_match(sentence, capabilities)
        missing = _first_match(sentence, others)
        if found is not None and (missing is None or found[0] <= missing[0]):
            return Intent(found[1], None, parts.work)
        if missing is not None and _REQUEST.search(sentence):
            return Intent(None, missing[1], parts.work)
    if parts.work:
        feedback = next((c for c in capabilities if c.template == "feedback"), None)
        if feedback is not None:
            return Intent(feedback, None, parts.work)
    return Intent(None, None, parts.work)
