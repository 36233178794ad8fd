"""Questionnaire drafts: a parent's typing, section by section, never lost.

Every save is written through to the `questionnaire_sessions` row and cached
under seed 001's keys, so reads are fast and a cache flush, a closed browser or
another device all resume at the same place:

    QUESTIONNAIRE:PROGRESS:{family_id}                      progress, 1 hour
    QUESTIONNAIRE:DRAFT:{family_id}:{section}               a family section, 24 hours
    QUESTIONNAIRE:DRAFT:{family_id}:child:{key}:{section}   a child's section, 24 hours
"""

import copy
import logging

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from brightpath.accounts.models import User
from brightpath.common.errors import Conflict

from .models import Family, QuestionnaireSession

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


def _draft_keys(family_id, data: dict) -> dict[str, tuple[str, str | None]]:
    keys = {_draft_key(family_id, s): (s, None) for s in data["drafts"] if s != "children"}
    for child_key, sections in data["drafts"]["children"].items():
        for section in sections:
            keys[_draft_key(family_id, section, child_key)] = (section, child_key)
    return keys


def _cache_write(family_id, data: dict, version: int, *, only_if_absent: bool = False) -> None:
    """Write-through; the cache is an accelerator, so its failure is only logged.

    A refill after a miss uses only_if_absent, so it never overwrites a newer
    save that another device cached in the meantime.
    """
    progress = {k: val for k, val in data.items() if k != "drafts"}
    progress["draftKeys"] = list(_draft_keys(family_id, data))
    # Saves commit in order but their cache writes may not: the version tells
    # a reader whether the cached copy is the latest.
    progress["sessionVersion"] = version
    entries = {}
    for key, (section, child_key) in _draft_keys(family_id, data).items():
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
    _cache_write(family.pk, data, version, only_if_absent=True)


def _child_progress(data: dict, child_key: str) -> dict:
    for entry in data["childrenProgress"]:
        if entry["childId"] == child_key:
            return entry
    entry = {"childId": child_key, "name": "", **dict.fromkeys(CHILD_SECTIONS, "not_started")}
    data["childrenProgress"].append(entry)
    return entry


def _aggregate_child_sections(data: dict) -> None:
    """Family-level progress of a per-child section summarises every child's."""
    # Section 3 is also the family's own commitments, so it is not summarised.
    for section in ("section2", "section4", "section6"):
        states = {entry[section] for entry in data["childrenProgress"]}
        if states == {"complete"}:
            data["progress"][section] = "complete"
        elif states - {"not_started"}:
            data["progress"][section] = "in_progress"
        else:
            data["progress"][section] = "not_started"


@transaction.atomic
def questionnaire_draft_save(
    *,
    user: User,
    section: str,
    draft: dict,
    status: str = "in_progress",
    child_key: str | None = None,
    expected_version: int | None = None,
) -> QuestionnaireSession:
    """Save one section's draft (a family section, or one child's) and its progress.

    Different sections saved from two devices merge; the same session saved
    with a stale `expected_version` is refused with 409.
    """
    from .services import family_get_or_create

    allowed = CHILD_SECTIONS if child_key else DRAFT_FAMILY_SECTIONS
    if section not in allowed:
        raise ValidationError({"section": [f"Must be one of: {', '.join(allowed)}."]})
    if status not in STATUSES:
        raise ValidationError({"status": [f"Must be one of: {', '.join(STATUSES)}."]})
    if not isinstance(draft, dict):
        raise ValidationError({"draft": ["Must be a JSON object."]})
    if len(repr(draft).encode()) > MAX_DRAFT_BYTES:
        raise ValidationError({"draft": ["Too large for one section."]})

    family = family_get_or_create(user=user)
    session, _ = QuestionnaireSession.objects.select_for_update().get_or_create(
        user=user, defaults={"family": family, "session_data": empty_session_data(), "version": 0}
    )
    if expected_version is not None and expected_version != session.version:
        raise Conflict(
            f"The questionnaire was saved elsewhere (version {session.version}); reload it."
        )
    data = copy.deepcopy(session.session_data) or empty_session_data()
    if session.status == "submitted":
        session.status = "in_progress"  # editing answers after a submit starts a new round

    if child_key:
        data["drafts"]["children"].setdefault(child_key, {})[section] = draft
        entry = _child_progress(data, child_key)
        entry[section] = status
        if section == "section2" and isinstance(draft.get("name"), str):
            entry["name"] = draft["name"]
        _aggregate_child_sections(data)
        number = int(section[7])
    else:
        data["drafts"][section] = draft
        data["progress"][section] = status
        number = int(section[-1])
    data["currentSection"] = number
    data["lastUpdated"] = timezone.now().isoformat()

    session.family = family
    session.session_data = data
    session.version += 1
    session.save()
    version = session.version
    transaction.on_commit(lambda: _cache_write(family.pk, data, version))
    return session


@transaction.atomic
def questionnaire_draft_discard_child(*, user: User, child_key: str) -> QuestionnaireSession | None:
    """Forget a child's drafts (the parent removed that child from the form)."""
    session = QuestionnaireSession.objects.select_for_update().filter(user=user).first()
    if session is None:
        return None
    data = copy.deepcopy(session.session_data)
    data["drafts"]["children"].pop(child_key, None)
    data["childrenProgress"] = [e for e in data["childrenProgress"] if e["childId"] != child_key]
    _aggregate_child_sections(data)
    data["lastUpdated"] = timezone.now().isoformat()
    session.session_data = data
    session.version += 1
    session.save()
    family_id, version = session.family_id, session.version
    transaction.on_commit(lambda: _cache_write(family_id, data, version))
    return session


def questionnaire_mark_submitted(*, user: User, family: Family) -> None:
    """After a submit: progress complete, drafts cleared (the rows now hold the answers)."""
    session, _ = QuestionnaireSession.objects.select_for_update().get_or_create(
        user=user, defaults={"family": family, "session_data": empty_session_data()}
    )
    old_keys = list(_draft_keys(family.pk, session.session_data or empty_session_data()))
    data = empty_session_data()
    data["progress"] = dict.fromkeys(FAMILY_SECTIONS, "complete")
    data["currentSection"] = 7
    data["lastUpdated"] = timezone.now().isoformat()
    session.family = family
    session.status = "submitted"
    session.session_data = data
    session.version += 1
    session.save()
    version = session.version
    transaction.on_commit(lambda: _forget_cache(family.pk, old_keys, data, version))


def _forget_cache(family_id, keys: list[str], data: dict, version: int) -> None:
    try:
        cache.delete_many(keys)
    except Exception:
        logger.warning("questionnaire cache delete failed", exc_info=True)
    _cache_write(family_id, data, version)
