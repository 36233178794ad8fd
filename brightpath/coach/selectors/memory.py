"""Reading a teacher's memories: every read is scoped to the teacher here.

Another teacher's memory is a NotFound, the same answer as a missing one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable

from django.db.models import QuerySet

from brightpath.coach.memory.model import Memory
from brightpath.coach.models import MemoryInteraction, TeacherProfile, UserMemory
from brightpath.common.selectors import get_owned_or_404, owned_by

_INDEX_FIELDS = (
    "id",
    "content",
    "category",
    "importance",
    "confidence",
    "created_at",
    "last_accessed_at",
    "reinforced_at",
    "slot",
    "tags",
    "assistant_profile_id",
)


def memories_of(*, user, category: str | None = None, search: str = "") -> QuerySet[UserMemory]:
    """The teacher's memories, last stated first, optionally of one category or with
    `search` in their words."""
    memories = owned_by(UserMemory.objects.select_related("assistant_profile"), user)
    if category:
        memories = memories.filter(category=category)
    if search.strip():
        memories = memories.filter(content__icontains=search.strip())
    return memories.order_by("-reinforced_at", "-created_at")


def memory_of(*, user, memory_id) -> UserMemory:
    """One of the teacher's memories, or NotFound."""
    return get_owned_or_404(UserMemory.objects.all(), user, id=memory_id)


def memory_interactions_of(*, user, memory_id) -> QuerySet[MemoryInteraction]:
    """The uses and changes of one of the teacher's memories, newest first."""
    memory = memory_of(user=user, memory_id=memory_id)
    return owned_by(MemoryInteraction.objects.filter(memory=memory), user).order_by("-created_at")


def memory_revision(*, user) -> int:
    """The teacher's memory revision: it changes whenever their memories do."""
    revision = (
        TeacherProfile.objects.filter(user=user).values_list("memory_revision", flat=True).first()
    )
    return revision or 0


def engine_memories(*, user) -> list[Memory]:
    """The teacher's memories as the ranking sees them, oldest first (one query)."""
    rows = owned_by(UserMemory.objects.all(), user).order_by("created_at", "id")
    return [_engine_memory(row) for row in rows.values_list(*_INDEX_FIELDS)]


def engine_memories_in_slot(*, user, slot: str) -> list[Memory]:
    """The teacher's memories that fill `slot` (candidates for a contradiction)."""
    if not slot:
        return []
    rows = owned_by(UserMemory.objects.filter(slot=slot), user).order_by("created_at", "id")
    return [_engine_memory(row) for row in rows.values_list(*_INDEX_FIELDS)]


def engine_memories_recent(*, user, category: str, limit: int) -> list[Memory]:
    """The teacher's `limit` most recently stated memories of `category` (merge candidates)."""
    rows = owned_by(UserMemory.objects.filter(category=category), user).order_by(
        "-reinforced_at", "-id"
    )[:limit]
    return [_engine_memory(row) for row in rows.values_list(*_INDEX_FIELDS)]


def accessed_since(*, user, since: dt.datetime | None) -> list[tuple[Hashable, dt.datetime]]:
    """(id, last access) of the teacher's memories accessed after `since`."""
    rows = owned_by(UserMemory.objects.all(), user)
    if since is not None:
        rows = rows.filter(last_accessed_at__gt=since)
    return list(rows.values_list("id", "last_accessed_at"))


def _engine_memory(row: tuple) -> Memory:
    (id_, content, category, importance, confidence, created, accessed, reinforced, slot, tags,
     assistant_id) = row  # fmt: skip
    return Memory(
        id=id_,
        content=content,
        category=category,
        importance=importance,
        confidence=confidence,
        created_at=created,
        last_accessed_at=accessed,
        reinforced_at=reinforced,
        slot=slot,
        tags=tuple(tags or ()),
        assistant_id=assistant_id,
    )
