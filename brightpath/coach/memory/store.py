"""A teacher's memory held in process: extraction, consolidation and ranking together.

The benchmark and the engine's tests use it in place of the database; the
Django services (coach/services/memory.py) make the same decisions with the
same functions and keep the result in `user_memories`. One difference: here a
fact's merge candidates are its slot's memories and the most alike by BM25;
the services read its slot's and the latest of its kind from the database, so
a write never waits for a retrieval index to be rebuilt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable

from . import consolidation
from .extraction import extract
from .model import Fact, Memory
from .retrieval import FULL, Embed, MemoryIndex, Scored, Weights

CANDIDATES = 20  # memories alike in words considered for a merge


def candidates_for(fact: Fact, memories: list[Memory], index: MemoryIndex) -> list[Memory]:
    """The memories a new fact could restate or contradict: its slot's, and the most alike."""
    same_slot = [m for m in memories if fact.slot and m.slot == fact.slot]
    alike = index.similar(fact.content, CANDIDATES)
    seen = {m.id for m in same_slot}
    return same_slot + [m for m in alike if m.id not in seen]


class MemoryStore:
    def __init__(self, *, embed: Embed | None = None) -> None:
        self.memories: dict[Hashable, Memory] = {}
        self._embed = embed
        self._embedding_cache: dict = {}
        self._index: MemoryIndex | None = None
        self._next_id = 1

    @property
    def index(self) -> MemoryIndex:
        if self._index is None:
            self._index = MemoryIndex(
                self.memories.values(), embed=self._embed, embedding_cache=self._embedding_cache
            )
        return self._index

    def record_exchange(
        self, teacher_message: str, assistant_reply: str = "", *, at: dt.datetime
    ) -> list[tuple[str, Memory]]:
        """Extract the exchange's facts and fold each into the memories: [(action, memory)]."""
        changes = []
        for fact in extract(teacher_message, assistant_reply):
            decision = consolidation.decide(
                fact, candidates_for(fact, list(self.memories.values()), self.index)
            )
            changes.append((decision.action, self._apply(fact, decision, at)))
            self._index = None
        return changes

    def retrieve(
        self, query: str, *, now: dt.datetime, weights: Weights = FULL, k: int = 5
    ) -> list[Scored]:
        return self.index.rank(query, now=now, weights=weights, k=k)

    def _apply(self, fact: Fact, decision: consolidation.Decision, at: dt.datetime) -> Memory:
        if decision.action == consolidation.ADD:
            memory = Memory(
                id=self._next_id,
                content=decision.content,
                category=fact.category,
                importance=decision.importance,
                confidence=decision.confidence,
                created_at=at,
                last_accessed_at=at,
                reinforced_at=at,
                slot=fact.slot,
                tags=decision.tags,
            )
            self._next_id += 1
            self.memories[memory.id] = memory
            return memory
        memory = self.memories[decision.target]
        if decision.action == consolidation.UPDATE:
            memory.history.append(
                {"content": memory.content, "at": at.isoformat(), "reason": "contradicted"}
            )
            memory.category = fact.category
            memory.slot = fact.slot
        else:
            memory.mentions += 1
        memory.content = decision.content
        memory.importance = decision.importance
        memory.confidence = decision.confidence
        memory.tags = decision.tags
        memory.reinforced_at = memory.last_accessed_at = at
        return memory
