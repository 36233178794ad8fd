"""Writing a teacher's memories: from exchanges, by the teacher's corrections, by use.

Every write here runs in one transaction under a lock on the teacher's profile
(two exchanges at once cannot both add the same fact), records what it did in
`memory_interactions`, and bumps the teacher's memory revision so a cached
retrieval index is rebuilt. Every function takes the teacher and touches only
their rows: another teacher's memory id is a NotFound.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from brightpath.coach import memory_index
from brightpath.coach.memory import consolidation, extraction
from brightpath.coach.memory import vocabulary as v
from brightpath.coach.memory.model import Fact, Memory
from brightpath.coach.memory.retrieval import FULL, Embed, Weights
from brightpath.coach.models import (
    AssistantProfile,
    MemoryInteraction,
    TeacherProfile,
    UserMemory,
)
from brightpath.coach.selectors.memory import (
    engine_memories_in_slot,
    engine_memories_recent,
    memory_of,
)
from brightpath.common.errors import Invalid, NotFound

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 8000
MAX_QUERY_CHARS = 4000
MAX_MEMORY_CHARS = 1000
MAX_TAGS, MAX_TAG_CHARS = 20, 60
MAX_RESULTS = 20
EXCERPT_CHARS = 300
RECENT_CANDIDATES = 300  # latest memories of a fact's kind checked for a near-duplicate


@dataclass(frozen=True)
class MemoryChange:
    """What an exchange did to one memory: "created", "reinforced" or "updated"."""

    action: str
    memory: UserMemory


@dataclass(frozen=True)
class RetrievedMemory:
    memory: UserMemory
    rank: int
    score: float
    recency: float
    importance: float
    relevance: float


_ACTION_INTERACTION = {
    consolidation.ADD: "created",
    consolidation.MERGE: "reinforced",
    consolidation.UPDATE: "updated",
}


@transaction.atomic
def memory_record_exchange(
    *,
    teacher,
    teacher_message: str,
    assistant_reply: str = "",
    assistant: AssistantProfile | None = None,
    at: dt.datetime | None = None,
) -> list[MemoryChange]:
    """Keep what one exchange says about the teacher: add, reinforce or update memories."""
    _check_text("teacherMessage", teacher_message, MAX_MESSAGE_CHARS, required=True)
    _check_text("assistantReply", assistant_reply, MAX_MESSAGE_CHARS)
    _check_assistant(teacher, assistant)
    at = at or timezone.now()
    facts = extraction.extract(teacher_message, assistant_reply)
    if not facts:
        return []
    _lock_teacher(teacher)
    written: list[Memory] = []
    changes = []
    for fact in facts:
        candidates = _candidates(teacher, fact, written)
        decision = consolidation.decide(fact, candidates)
        row = _apply(teacher, fact, decision, assistant, at, teacher_message)
        changes.append(MemoryChange(_ACTION_INTERACTION[decision.action], row))
        written.append(_as_engine_memory(row))
    _bump_revision(teacher)
    return changes


@transaction.atomic
def memory_update(
    *,
    teacher,
    memory_id,
    content: str | None = None,
    category: str | None = None,
    importance: float | None = None,
    tags: list[str] | None = None,
    now: dt.datetime | None = None,
) -> UserMemory:
    """The teacher corrects a memory. What it said before is kept in its history."""
    memory = memory_of(user=teacher, memory_id=memory_id)
    errors: dict[str, list[str]] = {}
    if content is not None:
        content = " ".join(str(content).split())
        if not content:
            errors["content"] = ["A memory cannot be empty."]
        elif len(content) > MAX_MEMORY_CHARS:
            errors["content"] = [f"At most {MAX_MEMORY_CHARS} characters."]
    if category is not None and category not in v.CATEGORIES:
        errors["category"] = [f"Must be one of: {', '.join(v.CATEGORIES)}."]
    if importance is not None and not _number_between(importance, 1, 10):
        errors["importance"] = ["Must be a number from 1 to 10."]
    if tags is not None:
        errors.update(_tag_errors(tags))
    if errors:
        raise Invalid(errors)
    _lock_teacher(teacher)
    now = now or timezone.now()
    before = memory.content
    if content is not None and content != memory.content:
        _remember_history(memory, before, now, "corrected")
        memory.content = content
    memory.category = category or memory.category
    if importance is not None:
        memory.importance = float(importance)
    fact = extraction.classify(memory.content)
    if tags is not None:
        memory.tags = sorted({t.strip() for t in tags if t.strip()})
    elif content is not None and content != before:
        # The tags follow what the memory now says ("6th grade" is tagged grade:6).
        memory.tags = sorted(fact.tags if fact is not None else extraction.tags_for(content))
    memory.slot = fact.slot if fact is not None and fact.category == memory.category else ""
    memory.source = v.SOURCE_TEACHER
    memory.confidence = 1.0
    memory.reinforced_at = memory.last_accessed_at = now
    memory.save()
    _interaction(teacher, memory, "corrected", now, {"before": before, "after": memory.content})
    _bump_revision(teacher)
    return memory


@transaction.atomic
def memory_delete(*, teacher, memory_id) -> None:
    """The teacher deletes a memory; its interactions go with it."""
    memory = memory_of(user=teacher, memory_id=memory_id)
    _lock_teacher(teacher)
    memory.delete()
    _bump_revision(teacher)


@transaction.atomic
def memory_feedback(
    *, teacher, memory_id, helpful: bool, comment: str = "", now: dt.datetime | None = None
) -> MemoryInteraction:
    """The teacher says whether a memory helped the answer it was used in."""
    memory = memory_of(user=teacher, memory_id=memory_id)
    if not isinstance(helpful, bool):
        raise Invalid({"helpful": ["Must be true or false."]})
    _check_text("comment", comment, 1000)
    return _interaction(
        teacher,
        memory,
        "feedback",
        now or timezone.now(),
        {},
        feedback={"helpful": helpful, "comment": comment.strip()},
    )


@transaction.atomic
def memory_retrieve(
    *,
    teacher,
    query: str,
    assistant: AssistantProfile | None = None,
    k: int = 5,
    now: dt.datetime | None = None,
    embed: Embed | None = None,
    weights: Weights = FULL,
) -> list[RetrievedMemory]:
    """The teacher's `k` best memories for `query`; each use is recorded and counts as an access.

    With `assistant`, only memories learned through it or through none are ranked.
    With `embed`, relevance comes from embeddings instead of BM25.
    """
    _check_text("query", query, MAX_QUERY_CHARS, required=True)
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= MAX_RESULTS:
        raise Invalid({"k": [f"Must be a whole number from 1 to {MAX_RESULTS}."]})
    _check_assistant(teacher, assistant)
    now = now or timezone.now()
    for attempt in range(2):
        index = memory_index.index_for(user=teacher, embed=embed)
        ranked = index.rank(
            query, now=now, weights=weights, k=k, assistant_id=assistant.pk if assistant else None
        )
        rows = UserMemory.objects.filter(user=teacher, id__in=[s.memory.id for s in ranked])
        by_id = {row.id: row for row in rows}
        if len(by_id) == len(ranked) or attempt == 1:
            break
        # A memory went without a revision bump (a cascade): rebuild once.
        memory_index.forget(teacher.pk)
    results = [
        RetrievedMemory(by_id[s.memory.id], rank, s.score, s.recency, s.importance, s.relevance)
        for rank, s in enumerate((s for s in ranked if s.memory.id in by_id), start=1)
    ]
    if not results:
        return []
    MemoryInteraction.objects.bulk_create(
        MemoryInteraction(
            memory=r.memory,
            user=teacher,
            interaction_type="retrieved",
            created_at=now,
            context={
                "query": query[:EXCERPT_CHARS],
                "rank": r.rank,
                "score": round(r.score, 4),
                "recency": round(r.recency, 4),
                "importance": round(r.importance, 4),
                "relevance": round(r.relevance, 4),
                "relevanceSource": index.relevance_source,
                "assistantProfileId": str(assistant.pk) if assistant else None,
            },
        )
        for r in results
    )
    ids = [r.memory.id for r in results]
    # A queryset update: an access is not a change of the memory (updated_at, revision stay).
    UserMemory.objects.filter(user=teacher, id__in=ids).update(
        last_accessed_at=now, access_count=F("access_count") + 1
    )
    index.touch(ids, now)
    for r in results:
        r.memory.last_accessed_at = now
        r.memory.access_count += 1
    return results


# --- internals ---------------------------------------------------------------------------


def _candidates(teacher, fact: Fact, written: list[Memory]) -> list[Memory]:
    """Memories `fact` could restate or contradict: its slot's, the latest of its kind, and
    those written earlier in this exchange. Read from the database, not the retrieval index,
    so a write never waits for an index to be rebuilt."""
    candidates = engine_memories_in_slot(user=teacher, slot=fact.slot)
    recent = engine_memories_recent(user=teacher, category=fact.category, limit=RECENT_CANDIDATES)
    seen = {m.id for m in candidates}
    for memory in recent + written:
        if memory.id not in seen:
            seen.add(memory.id)
            candidates.append(memory)
    fresh = {m.id: m for m in written}
    return [fresh.get(m.id, m) for m in candidates]


def _apply(
    teacher,
    fact: Fact,
    decision: consolidation.Decision,
    assistant: AssistantProfile | None,
    at: dt.datetime,
    message: str,
) -> UserMemory:
    exchange = {"at": at.isoformat(), "teacherMessage": message[:EXCERPT_CHARS]}
    if decision.action == consolidation.ADD:
        memory = UserMemory.objects.create(
            user=teacher,
            assistant_profile=assistant,
            content=decision.content,
            category=fact.category,
            importance=decision.importance,
            confidence=decision.confidence,
            tags=list(decision.tags),
            slot=fact.slot,
            source=v.SOURCE_EXCHANGE,
            context={"exchange": exchange, "mentions": 1, "history": []},
            last_accessed_at=at,
            reinforced_at=at,
        )
        _interaction(teacher, memory, "created", at, {"exchangeAt": at.isoformat()})
        return memory
    try:
        memory = UserMemory.objects.get(user=teacher, id=decision.target)
    except UserMemory.DoesNotExist as exc:  # deleted while the index still had it
        raise NotFound() from exc
    before = memory.content
    context = dict(memory.context or {})
    context["exchange"] = exchange
    if decision.action == consolidation.UPDATE:
        _remember_history(memory, before, at, "contradicted")
        memory.category = fact.category
        memory.slot = fact.slot
        memory.source = v.SOURCE_EXCHANGE
    else:
        memory.context = {**context, "mentions": int(context.get("mentions", 1)) + 1}
    memory.context = {**memory.context, "exchange": exchange}
    memory.content = decision.content
    memory.importance = decision.importance
    memory.confidence = decision.confidence
    memory.tags = list(decision.tags)
    memory.reinforced_at = memory.last_accessed_at = at
    memory.save()
    kind = _ACTION_INTERACTION[decision.action]
    _interaction(teacher, memory, kind, at, {"before": before, "after": memory.content})
    return memory


def _remember_history(memory: UserMemory, content: str, at: dt.datetime, reason: str) -> None:
    context = dict(memory.context or {})
    history = list(context.get("history", []))
    history.append({"content": content, "at": at.isoformat(), "reason": reason})
    context["history"] = history[-20:]
    memory.context = context


def _interaction(
    teacher,
    memory: UserMemory,
    kind: str,
    at: dt.datetime,
    context: dict,
    feedback: dict | None = None,
) -> MemoryInteraction:
    return MemoryInteraction.objects.create(
        memory=memory,
        user=teacher,
        interaction_type=kind,
        context=context,
        feedback=feedback or {},
        created_at=at,
    )


def _as_engine_memory(row: UserMemory) -> Memory:
    return Memory(
        id=row.id,
        content=row.content,
        category=row.category,
        importance=row.importance,
        confidence=row.confidence,
        created_at=row.created_at,
        last_accessed_at=row.last_accessed_at,
        reinforced_at=row.reinforced_at,
        slot=row.slot,
        tags=tuple(row.tags),
        assistant_id=row.assistant_profile_id,
    )


def _lock_teacher(teacher) -> None:
    """Serialise a teacher's memory writes on their profile row (made on first use)."""
    TeacherProfile.objects.get_or_create(user=teacher)
    TeacherProfile.objects.select_for_update().filter(user=teacher).first()


def _bump_revision(teacher) -> None:
    TeacherProfile.objects.filter(user=teacher).update(memory_revision=F("memory_revision") + 1)
    # The cached index is stale now; drop it so its memory is freed before the next read.
    memory_index.forget(teacher.pk)


def _check_assistant(teacher, assistant: AssistantProfile | None) -> None:
    if assistant is not None and (
        assistant.owner_id not in (None, teacher.pk) or not assistant.is_active
    ):
        raise NotFound()


def _check_text(field: str, value, limit: int, *, required: bool = False) -> None:
    if not isinstance(value, str):
        raise Invalid({field: ["Must be text."]})
    if required and not value.strip():
        raise Invalid({field: ["This field may not be blank."]})
    if len(value) > limit:
        raise Invalid({field: [f"At most {limit} characters."]})


def _number_between(value, low: float, high: float) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high


def _tag_errors(tags) -> dict[str, list[str]]:
    if not isinstance(tags, list) or len(tags) > MAX_TAGS:
        return {"tags": [f"A list of at most {MAX_TAGS} tags."]}
    for i, tag in enumerate(tags):
        if not isinstance(tag, str) or not tag.strip() or len(tag) > MAX_TAG_CHARS:
            return {f"tags[{i}]": [f"A tag is text of 1 to {MAX_TAG_CHARS} characters."]}
    return {}
