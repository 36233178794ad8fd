"""The engine's data: a fact extracted from an exchange, and a stored memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fact:
    """Something a teacher said that is worth keeping.

    slot: the one thing the fact states ("class:assignment", "student:maya:reading",
    "preference:assessment"), or "" when it fills none. exclusive: the slot holds
    one value at a time (a class's size), so any other value replaces it; otherwise
    a fact replaces one on its slot only when the teacher marks a change (`change`:
    "now", "no longer", "switched", ...).
    """

    content: str
    category: str
    importance: float
    confidence: float
    slot: str = ""
    exclusive: bool = False
    change: bool = False
    tags: tuple[str, ...] = ()


@dataclass
class Memory:
    """A remembered fact as the ranking sees it (a `user_memories` row, or the store's)."""

    id: Hashable
    content: str
    category: str
    importance: float
    confidence: float
    created_at: dt.datetime
    last_accessed_at: dt.datetime
    reinforced_at: dt.datetime
    slot: str = ""
    tags: tuple[str, ...] = ()
    assistant_id: Hashable | None = None
    mentions: int = 1
    history: list[dict] = field(default_factory=list)
