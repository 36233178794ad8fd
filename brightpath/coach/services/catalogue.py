"""Coach's starter catalogue: subject categories and the shared assistants with their
capabilities, from `coach/catalogue/assistants.json` (its `notes` describe it).

`catalogue_load` is idempotent: subjects are matched by name, assistants by name
among the catalogue's (no owner). Operators edit assistants in the admin, and a
reload must not undo that: each catalogue assistant remembers the hash of what
the catalogue last wrote (`configuration["catalogueHash"]`), and a reload
rewrites it only while it still hashes the same; an edited one is kept (and
counted) unless `force`. The `coach_catalogue` command runs it; `make run` runs
the command.
"""

from __future__ import annotations

import hashlib
import json

from django.db import transaction

from brightpath.coach import catalogue
from brightpath.coach.models import (
    AssistantCapability,
    AssistantProfile,
    SubjectAssistant,
    SubjectCategory,
)
from brightpath.common.errors import Invalid

from .assistants import parameters_errors, profile_errors, text_error

HASH_KEY = "catalogueHash"
PROFILE_KEYS = {
    "name",
    "description",
    "tone",
    "gradeBand",
    "subjects",
    "instructions",
    "greeting",
    "capabilities",
    "temperature",
    "topP",
    "maxTokens",
    "contextLength",
    "modelVersion",
}


def _invalid(errors: dict[str, list[str]]) -> Invalid:
    error = Invalid(errors)
    lines = [f"{path}: {'; '.join(msgs)}" for path, msgs in list(error.fields.items())[:5]]
    error.message = "Bad catalogue data: " + " | ".join(lines)
    error.args = (error.message,)
    return error


# --- validation ----------------------------------------------------------------------------


def catalogue_errors(data) -> dict[str, list[str]]:
    if not isinstance(data, dict):
        return {"": ["The catalogue must be an object."]}
    errors: dict[str, list[str]] = {}
    subjects = data.get("subjects", [])
    names: set[str] = set()
    for i, subject in enumerate(subjects if isinstance(subjects, list) else []):
        path = f"subjects[{i}]"
        if not isinstance(subject, dict):
            errors[path] = ["Must be an object."]
            continue
        if problem := text_error(subject.get("name"), 100):
            errors[f"{path}.name"] = [problem]
        elif subject["name"] in names:
            errors[f"{path}.name"] = ["Listed twice (names are unique)."]
        parent = subject.get("parent")
        if parent is not None and parent not in names:
            errors[f"{path}.parent"] = ["Must name a subject listed before it."]
        if not isinstance(subject.get("categoryData", {}), dict):
            errors[f"{path}.categoryData"] = ["Must be an object."]
        if isinstance(subject.get("name"), str):
            names.add(subject["name"])
    kinds = data.get("capabilities", {})
    if not isinstance(kinds, dict):
        errors["capabilities"] = ["Must be an object of capabilities by name."]
        kinds = {}
    for name, kind in kinds.items():
        path = f"capabilities.{name}"
        if not isinstance(kind, dict):
            errors[path] = ["Must be an object."]
            continue
        if problem := text_error(name, 100):
            errors[path] = [problem]
        if problem := text_error(kind.get("description"), 1000):
            errors[f"{path}.description"] = [problem]
        errors.update(parameters_errors(kind.get("parameters", {}), f"{path}.parameters"))
    seen: set[str] = set()
    for i, entry in enumerate(data.get("assistants", [])):
        path = f"assistants[{i}]"
        if not isinstance(entry, dict):
            errors[path] = ["Must be an object."]
            continue
        unknown = set(entry) - PROFILE_KEYS
        if unknown:
            errors[path] = [f"Unknown keys: {', '.join(sorted(unknown))}."]
        for field, messages in profile_errors(_values(entry)).items():
            errors[f"{path}.{field}"] = messages
        if entry.get("name") in seen:
            errors[f"{path}.name"] = ["Listed twice."]
        seen.add(entry.get("name"))
        for j, subject in enumerate(entry.get("subjects", [])):
            if subject not in names:
                errors[f"{path}.subjects[{j}]"] = ["Not a subject of this catalogue."]
        for j, capability in enumerate(entry.get("capabilities", [])):
            item = {"name": capability} if isinstance(capability, str) else capability
            if not isinstance(item, dict) or item.get("name") not in kinds:
                errors[f"{path}.capabilities[{j}]"] = ["Not a capability of this catalogue."]
            elif "parameters" in item:
                errors.update(
                    parameters_errors(item["parameters"], f"{path}.capabilities[{j}].parameters")
                )
    return errors


def _values(entry: dict) -> dict:
    band = entry.get("gradeBand") or {}
    return {
        "name": entry.get("name"),
        "description": entry.get("description"),
        "tone": entry.get("tone", "warm"),
        "grade_from": band.get("from", ""),
        "grade_to": band.get("to", ""),
        "instructions": entry.get("instructions", ""),
        "greeting": entry.get("greeting", ""),
        "temperature": entry.get("temperature", 0.7),
        "top_p": entry.get("topP", 1.0),
        "max_tokens": entry.get("maxTokens", 1024),
        "context_length": entry.get("contextLength", 8192),
    }


# --- writing -------------------------------------------------------------------------------


def _capability_rows(entry: dict, kinds: dict) -> list[dict]:
    rows = []
    for i, capability in enumerate(entry.get("capabilities", [])):
        item = {"name": capability} if isinstance(capability, str) else dict(capability)
        kind = kinds[item["name"]]
        parameters = {**kind.get("parameters", {}), **item.get("parameters", {})}
        rows.append(
            {
                "name": item["name"],
                "description": kind["description"],
                "parameters": parameters,
                "is_enabled": item.get("isEnabled", True),
                "priority": item.get("priority", kind.get("priority", i)),
            }
        )
    return rows


def _row_hash(profile: AssistantProfile) -> str:
    """A hash of what an operator can edit on a catalogue assistant."""
    config = {k: v for k, v in (profile.configuration or {}).items() if k != HASH_KEY}
    state = {
        "name": profile.name,
        "description": profile.description,
        "configuration": config,
        "numbers": [profile.temperature, profile.top_p, profile.max_tokens, profile.context_length],
        "model": profile.model_version,
        "active": profile.is_active,
        "subjects": sorted(profile.subjects.values_list("name", flat=True)),
        "capabilities": sorted(
            [c.name, c.description, c.parameters, c.is_enabled, c.priority]
            for c in profile.capabilities.all()
        ),
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()


def _write_profile(profile: AssistantProfile, entry: dict, kinds: dict, subjects: dict) -> None:
    values = _values(entry)
    profile.name = values["name"]
    profile.description = values["description"]
    profile.model_version = entry.get("modelVersion", "offline")
    profile.temperature = values["temperature"]
    profile.top_p = values["top_p"]
    profile.max_tokens = values["max_tokens"]
    profile.context_length = values["context_length"]
    profile.is_active = True
    configuration = {
        "tone": values["tone"],
        "instructions": values["instructions"],
        "greeting": values["greeting"],
    }
    if values["grade_from"]:
        configuration["gradeBand"] = {"from": values["grade_from"], "to": values["grade_to"]}
    profile.configuration = configuration
    profile.save()
    SubjectAssistant.objects.filter(assistant_profile=profile).delete()
    SubjectAssistant.objects.bulk_create(
        SubjectAssistant(assistant_profile=profile, subject_category=subjects[name])
        for name in entry.get("subjects", [])
    )
    rows = _capability_rows(entry, kinds)
    AssistantCapability.objects.filter(assistant_profile=profile).exclude(
        name__in=[r["name"] for r in rows]
    ).delete()
    for row in rows:
        AssistantCapability.objects.update_or_create(
            assistant_profile=profile, name=row.pop("name"), defaults=row
        )
    profile.configuration = {**profile.configuration, HASH_KEY: _row_hash(profile)}
    profile.save(update_fields=["configuration", "updated_at"])


@transaction.atomic
def catalogue_load(*, data: dict | None = None, force: bool = False) -> dict:
    """Load the catalogue (the shipped one by default). Returns counts:
    {"subjects", "assistants", "created", "updated", "unchanged", "kept": [names]}."""
    data = catalogue.shipped() if data is None else data
    errors = catalogue_errors(data)
    if errors:
        raise _invalid(errors)
    subjects: dict[str, SubjectCategory] = {}
    for item in data.get("subjects", []):
        parent = subjects.get(item.get("parent")) if item.get("parent") else None
        level, path = SubjectCategory.position_from(item["name"], parent)
        subjects[item["name"]], _ = SubjectCategory.objects.update_or_create(
            name=item["name"],
            defaults={
                "description": item.get("description", ""),
                "parent": parent,
                "level": level,
                "path": path,
                "category_data": item.get("categoryData", {}),
            },
        )
    kinds = data.get("capabilities", {})
    counts = {"created": 0, "updated": 0, "unchanged": 0, "kept": []}
    for entry in data.get("assistants", []):
        profile = AssistantProfile.objects.filter(owner__isnull=True, name=entry["name"]).first()
        if profile is None:
            _write_profile(AssistantProfile(), entry, kinds, subjects)
            counts["created"] += 1
            continue
        stored = (profile.configuration or {}).get(HASH_KEY)
        if stored != _row_hash(profile) and not force:
            counts["kept"].append(profile.name)
            continue
        _write_profile(profile, entry, kinds, subjects)
        counts["updated" if _row_hash(profile) != stored else "unchanged"] += 1
    counts["subjects"] = len(subjects)
    counts["assistants"] = len(data.get("assistants", []))
    return counts
