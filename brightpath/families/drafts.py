"""Questionnaire drafts: their shape and their cache (the writes are services).

A parent's typing is saved section by section and never lost.

Every save is written through to the `questionnaire_sessions` row and cached
under seed 001's keys, so reads are fast and a cache flush, a closed browser or
another device all resume at the same place:

    QUESTIONNAIRE:PROGRESS:{family_id}                      progress, 1 hour
    QUESTIONNAIRE:DRAFT:{family_id}:{section}               a family section, 24 hours
    QUESTIONNAIRE:DRAFT:{family_id}:child:{key}:{section}   a child's section, 24 hours
"""

import logging

from django.core.cache import cache

from .models import Family

logger = logging.getLogger(__name__)

PROGRESS_TTL = 60 * 60
DRAFT_TTL = 60 * 60 * 24
FAMILY_SECTIONS = [
    "section1",
    "section2",
    "section3",
    "section4",
    "section5",
    "section6",
    "section7",
]
CHILD_SECTIONS = ["section2", "section3Child", "section4", "section6"]
DRAFT_FAMILY_SECTIONS = ["section1", "section3", "section5", "section7"]
STATUSES = ["not_started", "in_progress", "complete"]
MAX_DRAFT_BYTES = 64 * 1024


def empty_session_data() -> dict:
    return {
        "currentSection": 1,
        "progress": dict.fromkeys(FAMILY_SECTIONS, "not_started"),
        "childrenProgress": [],
        "lastUpdated": None,
        "drafts": {"children": {}},
    }


def _progress_key(family_id) -> str:
    return f"QUESTIONNAIRE:PROGRESS:{family_id}"


def _draft_key(family_id, section: str, child_key: str | None = None) -> str:
    if child_key is None:
        return f"QUESTIONNAIRE:DRAFT:{family_id}:{section}"
    return f"QUESTIONNAIRE:DRAFT:{family_id}:child:{child_key}:{section}"


def draft_keys(family_id, data: dict) -> dict[str, tuple[str, str | None]]:
    keys = {_draft_key(family_id, s): (s, None) for s in data["drafts"] if s != "children"}
    for child_key, sections in data["drafts"]["children"].items():
        for section in sections:
            keys[_draft_key(family_id, section, child_key)] = (section, child_key)
    return keys


def cache_write(family_id, data: dict, version: int, *, only_if_absent: bool = False) -> None:
    """Write-through; the cache is an accelerator, so its failure is only logged.

    A refill after a miss uses only_if_absent, so it never overwrites a newer
    save that another device cached in the meantime.
    """
    progress = {k: val for k, val in data.items() if k != "drafts"}
    progress["draftKeys"] = list(draft_keys(family_id, data))
    # Saves commit in order but their cache writes may not: the version tells
    # a reader whether the cached copy is the latest.
    progress["sessionVersion"] = version
    entries = {}
    for key, (section, child_key) in draft_keys(family_id, data).items():
        drafts = data["drafts"]["children"][child_key] if child_key else data["drafts"]
        entries[key] = drafts[section]
    try:
        if only_if_absent:
            for key, value in entries.items():
                cache.add(key, value, DRAFT_TTL)
            cache.add(_progress_key(family_id), progress, PROGRESS_TTL)
        else:
            cache.set_many(entries, DRAFT_TTL)
            cache.set(_progress_key(family_id), progress, PROGRESS_TTL)
    except Exception:  # Redis down: the database copy is authoritative
        logger.warning("questionnaire cache write failed", exc_info=True)


def cached_session_data(family_id, version: int) -> dict | None:
    """The whole session from the cache, or None if any part of it has expired
    or it is older than the database's `version`."""
    try:
        progress = cache.get(_progress_key(family_id))
        if progress is None or progress.pop("sessionVersion", None) != version:
            return None
        keys = progress.pop("draftKeys")
        drafts_by_key = cache.get_many(keys)
    except Exception:
        logger.warning("questionnaire cache read failed", exc_info=True)
        return None
    if len(drafts_by_key) != len(keys):
        return None
    data = {**progress, "drafts": {"children": {}}}
    prefix = f"QUESTIONNAIRE:DRAFT:{family_id}:"
    for key, draft in drafts_by_key.items():
        parts = key.removeprefix(prefix).split(":")
        if parts[0] == "child":
            data["drafts"]["children"].setdefault(parts[1], {})[parts[2]] = draft
        else:
            data["drafts"][parts[0]] = draft
    return data


def questionnaire_cache_refill(*, family: Family, data: dict, version: int) -> None:
    cache_write(family.pk, data, version, only_if_absent=True)


def cache_forget(family_id, keys: list[str], data: dict, version: int) -> None:
    try:
        cache.delete_many(keys)
    except Exception:
        logger.warning("questionnaire cache delete failed", exc_info=True)
    cache_write(family_id, data, version)
