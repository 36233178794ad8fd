"""Ranking a teacher's memories for a query: recency + importance + relevance.

As in Generative Agents (Park et al. 2023), each memory's score is the weighted
sum of three components, each min-max normalised to [0, 1] over the memories
ranked:

- recency: exponential decay, `RECENCY_DECAY` per hour since the memory was
  last accessed (stated again, or retrieved);
- importance: its 1-10 importance, decayed from its last reinforcement (decay.py);
- relevance: BM25 (bm25s) of the query against the memory's words, tags and
  concepts when no embeddings are configured; cosine similarity of the query's
  and the memory's embeddings when an `embed(texts)` callable is given.

A `MemoryIndex` is built once for a teacher's memories and reused for every
query until they change (the caller caches it and drops it on a write); a
retrieval only moves access times, which `touch` applies in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from . import text
from .decay import HALF_LIFE_DAYS, decayed_importances
from .model import Memory

Embed = Callable[[list[str]], Sequence[Sequence[float]]]

RECENCY_DECAY = 0.995  # per hour, the paper's factor
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Weights:
    recency: float = 0.25
    importance: float = 1.0
    relevance: float = 1.0


# The paper weighs the three alike. A grid search on the development scenarios
# (never the held-out ones) put recency at a quarter of the others: a teacher's
# standing facts matter more than what was said last.
FULL = Weights()
PAPER = Weights(recency=1.0, importance=1.0, relevance=1.0)
RECENCY_ONLY = Weights(recency=1.0, importance=0.0, relevance=0.0)
RELEVANCE_ONLY = Weights(recency=0.0, importance=0.0, relevance=1.0)


@dataclass(frozen=True)
class Scored:
    memory: Memory
    score: float
    recency: float
    importance: float
    relevance: float


def _hours(moment: dt.datetime) -> float:
    return (moment - _EPOCH).total_seconds() / 3600


def document(memory: Memory) -> list[str]:
    """The tokens a memory is indexed under: its words, tags and concepts, and its kind's words."""
    tags = " ".join(tag.split(":", 1)[-1] for tag in memory.tags)
    return text.analyse(memory.content, f"{tags} {text.CATEGORY_WORDS.get(memory.category, '')}")


def _minmax(values: np.ndarray) -> np.ndarray:
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-12:
        return np.zeros_like(values)
    return (values - low) / (high - low)


class MemoryIndex:
    """One teacher's memories, ready to rank. Built once, reused until they change."""

    def __init__(
        self,
        memories: Iterable[Memory],
        *,
        embed: Embed | None = None,
        embedding_cache: dict[str, np.ndarray] | None = None,
    ) -> None:
        self.memories = list(memories)
        self.position = {m.id: i for i, m in enumerate(self.memories)}
        self._accessed = np.array([_hours(m.last_accessed_at) for m in self.memories], dtype=float)
        self._reinforced = np.array([_hours(m.reinforced_at) for m in self.memories], dtype=float)
        self._importance = np.array([m.importance for m in self.memories], dtype=float)
        self._half_life = np.array(
            [HALF_LIFE_DAYS.get(m.category, 60.0) for m in self.memories], dtype=float
        )
        codes: dict[Hashable, int] = {}
        self._assistant = np.array(
            [
                -1 if m.assistant_id is None else codes.setdefault(m.assistant_id, len(codes))
                for m in self.memories
            ],
            dtype=np.int64,
        )
        self._assistant_codes = codes
        self._embed = embed
        self.relevance_source = "embeddings" if embed is not None else "bm25"
        self._vectors: np.ndarray | None = None
        self._bm25: bm25s.BM25 | None = None
        if not self.memories:
            return
        if embed is not None:
            self._vectors = self._embed_memories(embed, embedding_cache)
        else:
            self._bm25 = bm25s.BM25()
            self._bm25.index(
                [document(m) or ["~empty"] for m in self.memories], show_progress=False
            )

    def __len__(self) -> int:
        return len(self.memories)

    # --- access times ------------------------------------------------------------------

    def touch(self, ids: Iterable[Hashable], at: dt.datetime) -> None:
        """Record that these memories were accessed at `at` (recency counts from then)."""
        for memory_id in ids:
            i = self.position.get(memory_id)
            if i is not None:
                self.memories[i].last_accessed_at = at
                self._accessed[i] = _hours(at)

    def latest_access(self) -> dt.datetime | None:
        """The latest access time the index knows (to the microsecond, in UTC)."""
        if not self.memories:
            return None
        return _EPOCH + dt.timedelta(hours=float(self._accessed.max()))

    # --- ranking -----------------------------------------------------------------------

    def rank(
        self,
        query: str,
        *,
        now: dt.datetime,
        weights: Weights = FULL,
        k: int = 5,
        assistant_id: Hashable | None = None,
    ) -> list[Scored]:
        """The `k` best memories for `query` at `now`, best first.

        With `assistant_id`, only memories of that assistant or of none are ranked.
        """
        if not self.memories or k <= 0:
            return []
        candidates = self._candidates(assistant_id)
        if candidates.size == 0:
            return []
        recency = _minmax(np.power(RECENCY_DECAY, _hours(now) - self._accessed[candidates]))
        importance = _minmax(
            decayed_importances(
                self._importance[candidates],
                self._half_life[candidates],
                (_hours(now) - self._reinforced[candidates]) / 24,
            )
        )
        relevance = _minmax(self.relevance(query)[candidates])
        score = (
            weights.recency * recency
            + weights.importance * importance
            + weights.relevance * relevance
        )
        top = self._top(score, k)
        return [
            Scored(
                self.memories[candidates[i]],
                float(score[i]),
                float(recency[i]),
                float(importance[i]),
                float(relevance[i]),
            )
            for i in top
        ]

    def relevance(self, query: str) -> np.ndarray:
        """Raw relevance of every memory to `query` (BM25 scores, or cosine similarities)."""
        if self._vectors is not None and self._embed is not None:
            vector = _unit(np.asarray(self._embed([query])[0], dtype=np.float32))
            return self._vectors @ vector
        if self._bm25 is None:
            return np.zeros(len(self.memories))
        tokens = [t for t in dict.fromkeys(text.analyse(query)) if t in self._bm25.vocab_dict]
        if not tokens:
            return np.zeros(len(self.memories))
        return np.asarray(self._bm25.get_scores(tokens), dtype=float)

    def similar(self, content: str, k: int = 20) -> list[Memory]:
        """The memories most alike in words to `content` (candidates for a merge)."""
        if not self.memories:
            return []
        scores = self.relevance(content)
        top = self._top(scores, k)
        return [self.memories[i] for i in top if scores[i] > 0]

    # --- internals ---------------------------------------------------------------------

    def _candidates(self, assistant_id: Hashable | None) -> np.ndarray:
        if assistant_id is None:
            return np.arange(len(self.memories))
        code = self._assistant_codes.get(assistant_id, -2)
        return np.flatnonzero((self._assistant == code) | (self._assistant == -1))

    @staticmethod
    def _top(score: np.ndarray, k: int) -> np.ndarray:
        k = min(k, score.size)
        part = np.arange(score.size) if k == score.size else np.argpartition(-score, k - 1)[:k]
        # Ties go to the lower index: memories are given oldest first, so the older one.
        return part[np.lexsort((part, -score[part]))]

    def _embed_memories(self, embed: Embed, cache: dict[str, np.ndarray] | None) -> np.ndarray:
        cache = {} if cache is None else cache
        missing = [m.content for m in self.memories if m.content not in cache]
        missing = list(dict.fromkeys(missing))
        if missing:
            for content, vector in zip(missing, embed(missing), strict=True):
                cache[content] = _unit(np.asarray(vector, dtype=np.float32))
        return np.vstack([cache[m.content] for m in self.memories])


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
