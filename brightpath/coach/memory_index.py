"""Each teacher's retrieval index, built once and reused until their memories change.

Building an index reads every memory of the teacher and tokenises it (or asks
for its embedding): too slow to do for every retrieval at 10,000 memories. So
the process keeps the last index of recently active teachers with the memory
revision it was built at (`TeacherProfile.memory_revision`, bumped by every
service that writes a memory). A retrieval reads the revision (one query);
when it moved, the index is rebuilt. Retrievals themselves only move access
times, which are brought up to date from the database (the rows accessed since
the index last looked, one indexed query), so every process ranks by the same
recency. Only an accelerator: the database stays the source of truth.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from brightpath.coach.memory.retrieval import Embed, MemoryIndex
from brightpath.coach.selectors.memory import accessed_since, engine_memories, memory_revision

MAX_TEACHERS = 64  # indexes kept per process, least recently used dropped first

_lock = threading.Lock()
_entries: OrderedDict = OrderedDict()


@dataclass
class _Entry:
    revision: int
    embed: Embed | None
    index: MemoryIndex
    embeddings: dict = field(default_factory=dict)


def index_for(*, user, embed: Embed | None = None) -> MemoryIndex:
    """The teacher's current index: the cached one when their memories have not changed."""
    revision = memory_revision(user=user)
    with _lock:
        entry = _entries.get(user.pk)
        if entry is not None:
            _entries.move_to_end(user.pk)
    if entry is not None and entry.revision == revision and entry.embed is embed:
        since = entry.index.latest_access()
        for memory_id, at in accessed_since(user=user, since=since):
            entry.index.touch([memory_id], at)
        return entry.index
    embeddings = entry.embeddings if entry is not None and entry.embed is embed else {}
    index = MemoryIndex(engine_memories(user=user), embed=embed, embedding_cache=embeddings)
    with _lock:
        _entries[user.pk] = _Entry(revision, embed, index, embeddings)
        _entries.move_to_end(user.pk)
        while len(_entries) > MAX_TEACHERS:
            _entries.popitem(last=False)
    return index


def forget(user_id) -> None:
    """Drop a teacher's cached index (it will be rebuilt on the next retrieval)."""
    with _lock:
        _entries.pop(user_id, None)


def cached_teachers() -> list:
    """The ids of the teachers whose index this process holds, least recently used first."""
    with _lock:
        return list(_entries)


def forget_all() -> None:
    with _lock:
        _entries.clear()
