"""Ranking: recency + importance + relevance, each normalised; BM25 or embeddings."""

import datetime as dt

import numpy as np
import pytest

from brightpath.coach.memory import vocabulary as v
from brightpath.coach.memory.decay import decayed_importance
from brightpath.coach.memory.model import Memory
from brightpath.coach.memory.retrieval import (
    FULL,
    RECENCY_ONLY,
    RELEVANCE_ONLY,
    MemoryIndex,
    Weights,
)

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def memory(id_, content, *, days_ago=0.0, importance=5.0, category=v.CONTEXT, assistant=None):
    at = NOW - dt.timedelta(days=days_ago)
    return Memory(
        id=id_,
        content=content,
        category=category,
        importance=importance,
        confidence=0.9,
        created_at=at,
        last_accessed_at=at,
        reinforced_at=at,
        assistant_id=assistant,
    )


@pytest.fixture
def memories():
    return [
        memory(
            1,
            "Maya has dyslexia and needs audiobooks.",
            days_ago=40,
            importance=8,
            category=v.STUDENT,
        ),
        memory(
            2, "The volcano demo worked great.", days_ago=20, importance=5, category=v.WHAT_WORKED
        ),
        memory(3, "We have a fire drill on Tuesday.", days_ago=1, importance=3),
        memory(4, "I teach 5th grade science.", days_ago=60, importance=7, category=v.CLASS),
    ]


def ids(scored):
    return [s.memory.id for s in scored]


def test_recency_only_ranks_the_last_accessed_first(memories):
    assert ids(MemoryIndex(memories).rank("anything", now=NOW, weights=RECENCY_ONLY, k=4)) == [
        3,
        2,
        1,
        4,
    ]


def test_relevance_matches_concepts_not_only_words(memories):
    # "reading" shares no word with "dyslexia", but both are the lexicon's reading concept.
    top = MemoryIndex(memories).rank("a reading activity", now=NOW, weights=RELEVANCE_ONLY, k=1)
    assert ids(top) == [1]


def test_full_ranking_puts_an_old_important_relevant_fact_above_yesterdays_remark(memories):
    top = MemoryIndex(memories).rank("plan a science lab for 5th grade", now=NOW, k=4)
    assert ids(top)[0] == 4
    assert ids(top).index(4) < ids(top).index(3)
    assert all(0.0 <= s.recency <= 1.0 and 0.0 <= s.relevance <= 1.0 for s in top)


def test_components_are_min_max_normalised(memories):
    top = MemoryIndex(memories).rank("volcano", now=NOW, weights=Weights(1, 1, 1), k=4)
    assert max(s.recency for s in top) == 1.0 and min(s.recency for s in top) == 0.0
    assert max(s.relevance for s in top) == 1.0
    volcano = next(s for s in top if s.memory.id == 2)
    assert volcano.score == pytest.approx(volcano.recency + volcano.importance + volcano.relevance)


def test_touch_moves_recency(memories):
    index = MemoryIndex(memories)
    index.touch([4], NOW)
    assert ids(index.rank("x", now=NOW, weights=RECENCY_ONLY, k=1)) == [4]
    assert index.latest_access() == NOW


def test_importance_decays_toward_one_by_half_lives():
    start = NOW - dt.timedelta(days=30)
    assert decayed_importance(9, v.CONTEXT, start, NOW) == pytest.approx(5.0)  # one half-life
    assert decayed_importance(9, v.STUDENT, start, NOW) > 8.0
    assert decayed_importance(9, v.STUDENT, NOW, NOW) == 9


def test_an_assistant_sees_its_memories_and_the_shared_ones(memories):
    memories.append(memory(5, "Science planner only fact about volcano.", assistant="a"))
    memories.append(memory(6, "Math coach only fact about volcano.", assistant="b"))
    index = MemoryIndex(memories)
    seen = ids(index.rank("volcano", now=NOW, k=10, assistant_id="a"))
    assert 5 in seen and 6 not in seen and 2 in seen


def test_embeddings_replace_bm25_when_given(memories):
    calls = []

    def embed(texts):
        calls.append(list(texts))
        # A toy embedding: does the text speak of reading, of science, of neither.
        return [
            [float("dyslexia" in t or "reading" in t), float("science" in t), 0.1] for t in texts
        ]

    cache = {}
    index = MemoryIndex(memories, embed=embed, embedding_cache=cache)
    assert index.relevance_source == "embeddings"
    top = index.rank("reading help", now=NOW, weights=RELEVANCE_ONLY, k=1)
    assert ids(top) == [1]
    MemoryIndex(memories, embed=embed, embedding_cache=cache)
    assert len(calls) == 2  # memories embedded once, then only the query
    assert np.isclose(np.linalg.norm(cache[memories[0].content]), 1.0)


def test_an_empty_index_and_an_unknown_query_rank_nothing_or_by_the_rest(memories):
    assert MemoryIndex([]).rank("anything", now=NOW) == []
    top = MemoryIndex(memories).rank("zzzz qqqq", now=NOW, weights=FULL, k=2)
    assert all(s.relevance == 0 for s in top)
