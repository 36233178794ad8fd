"""What a new fact does to the memories a teacher already has.

- **update**: it restates a slot an existing memory fills with something else,
  and the slot holds one value (a class's size) or the teacher marked a change
  ("I now teach 6th grade", "Jonah no longer needs extended time"): the old
  memory takes the new content; what it said before goes to its history.
- **merge**: it says what a memory already says (the same slot and words, or
  nearly the same words): the memory is reinforced, its confidence raised.
- **add**: anything else.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from . import text
from .model import Fact, Memory

ADD, MERGE, UPDATE = "add", "merge", "update"

NEAR_DUPLICATE = 0.6  # Jaccard of content words at or above which two statements are one
CONTAINED = 0.85  # or: the shorter one's words are this much inside the longer one's
SAME_SLOT_AGREES = 0.5  # on the same slot, this much overlap is a restatement, not a change
MAX_CONFIDENCE = 0.99


@dataclass(frozen=True)
class Decision:
    action: str
    target: Hashable | None = None
    content: str = ""
    confidence: float = 0.0
    importance: float = 0.0
    tags: tuple[str, ...] = ()


def similarity(a: str, b: str) -> tuple[float, float]:
    """(Jaccard, containment of the smaller) of two statements' content words."""
    wa, wb = text.content_words(a), text.content_words(b)
    if not wa or not wb:
        return 0.0, 0.0
    common = len(wa & wb)
    return common / len(wa | wb), common / min(len(wa), len(wb))


def reinforce(old: float, new: float) -> float:
    """Confidence after a fact is stated again: either statement could be right (noisy-OR)."""
    return round(min(MAX_CONFIDENCE, 1 - (1 - old) * (1 - new)), 3)


def decide(fact: Fact, candidates: Iterable[Memory]) -> Decision:
    """What `fact` does to the teacher's memories. `candidates` are those that could be
    the same (the same slot, or the most alike by words); the caller picks them."""
    best_slot: tuple[float, Memory] | None = None
    best_dup: tuple[float, Memory] | None = None
    for memory in candidates:
        jaccard, contained = similarity(fact.content, memory.content)
        same_slot = fact.slot and memory.slot == fact.slot
        if same_slot and (best_slot is None or jaccard > best_slot[0]):
            best_slot = (jaccard, memory)
        duplicate = jaccard >= NEAR_DUPLICATE or (
            contained >= CONTAINED and min(_size(fact.content), _size(memory.content)) >= 3
        )
        if duplicate and _compatible(fact, memory) and (best_dup is None or jaccard > best_dup[0]):
            best_dup = (jaccard, memory)
    if best_slot is not None:
        jaccard, memory = best_slot
        # One value at a time: any other wording (another number) is a new value.
        agrees = jaccard == 1.0 if fact.exclusive else jaccard >= SAME_SLOT_AGREES
        if agrees and not fact.change:
            return _merge(fact, memory)
        if fact.exclusive or fact.change:
            return Decision(
                UPDATE,
                memory.id,
                fact.content,
                fact.confidence,
                fact.importance,
                fact.tags,
            )
    if best_dup is not None:
        return _merge(fact, best_dup[1])
    return Decision(ADD, None, fact.content, fact.confidence, fact.importance, fact.tags)


def _merge(fact: Fact, memory: Memory) -> Decision:
    # Keep the fuller statement: a repeat often adds a detail.
    content = fact.content if _size(fact.content) > _size(memory.content) else memory.content
    return Decision(
        MERGE,
        memory.id,
        content,
        reinforce(memory.confidence, fact.confidence),
        max(memory.importance, fact.importance),
        tuple(sorted(set(memory.tags) | set(fact.tags))),
    )


def _compatible(fact: Fact, memory: Memory) -> bool:
    """Near-duplicates merge within a kind (what worked never merges into what failed)."""
    return fact.category == memory.category


def _size(content: str) -> int:
    return len(text.content_words(content))
