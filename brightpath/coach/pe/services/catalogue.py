"""The shipped PE catalogue: categories, activities, exercises with their reference
movement patterns, and progressions (catalogue/*.json; the movement engine's
movement/data/patterns.json for the patterns).

`catalogue_load` writes it idempotently, by name (categories) and key (activities,
exercises): a second run changes nothing, an edited file updates the rows it names.
Every entry is checked with the same rules as a teacher's own activity; a bad entry
stops the load before anything is written, naming it ("activities[3].durationMinutes").
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from brightpath.coach.pe import shapes
from brightpath.coach.pe.models import (
    Activity,
    ActivityCategory,
    ActivityCategoryAssociation,
    ActivityProgression,
    Exercise,
    MovementPattern,
)
from brightpath.coach.pe.movement import (
    MovementInputError,
    pattern_from_metrics,
    shipped_patterns,
)
from brightpath.common.errors import Invalid

from .activities import apply_activity_fields
from .common import FieldErrors

CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue"
ACTIVITY_FIELDS = {
    "name": "name",
    "description": "description",
    "activityType": "activity_type",
    "difficulty": "difficulty",
    "equipmentRequired": "equipment_required",
    "durationMinutes": "duration_minutes",
    "intensity": "intensity",
    "space": "space",
    "minAge": "min_age",
    "maxAge": "max_age",
    "instructions": "instructions",
    "safetyGuidelines": "safety_guidelines",
    "variations": "variations",
    "benefits": "benefits",
    "activityMetadata": "activity_metadata",
}


def _read(name: str) -> dict:
    return json.loads((CATALOGUE / name).read_text())


def _prefixed(errors: FieldErrors, prefix: str) -> dict[str, list[str]]:
    return {f"{prefix}.{path}": messages for path, messages in errors.items()}


def _check(categories: list[dict], activities: list[dict], exercises: list[dict]) -> None:
    """Every entry as the services would take it, or Invalid naming each bad one."""
    problems: dict[str, list[str]] = {}
    names = {entry["name"] for entry in categories}
    for index, entry in enumerate(categories):
        errors = FieldErrors()
        errors.merge(shapes.check(shapes.CATEGORY_METADATA, entry.get("metadata", {}), "metadata"))
        if entry.get("parent") and entry["parent"] not in names:
            errors.add("parent", f"No category {entry['parent']!r}.")
        problems.update(_prefixed(errors, f"categories[{index}]"))
    keys = set()
    for index, entry in enumerate(activities):
        errors = FieldErrors()
        apply_activity_fields(
            errors, Activity(), {ACTIVITY_FIELDS[k]: entry[k] for k in ACTIVITY_FIELDS}
        )
        for name in entry["categories"]:
            if name not in names:
                errors.add("categories", f"No category {name!r}.")
        if entry["key"] in keys:
            errors.add("key", "Given twice.")
        keys.add(entry["key"])
        problems.update(_prefixed(errors, f"activities[{index}]"))
    patterns = {entry["exercise"]: entry for entry in shipped_patterns()}
    for index, entry in enumerate(exercises):
        if entry["activity"] not in keys:
            problems[f"exercises[{index}].activity"] = ["No such activity key."]
        if entry["key"] not in patterns:
            problems[f"exercises[{index}].key"] = ["The movement engine has no such pattern."]
            continue
        try:
            pattern_from_metrics(patterns[entry["key"]]["metrics"], exercise=entry["key"])
        except MovementInputError as error:
            problems[f"exercises[{index}].pattern"] = [str(error)]
    if problems:
        raise Invalid(problems)


def _upsert(model, lookup: dict, values: dict) -> tuple[object, str]:
    """(row, "created" | "updated" | "unchanged")."""
    row = model.objects.filter(**lookup).first()
    if row is None:
        return model.objects.create(**lookup, **values), "created"
    changed = {field: value for field, value in values.items() if getattr(row, field) != value}
    if not changed:
        return row, "unchanged"
    for field, value in changed.items():
        setattr(row, field, value)
    row.save()
    return row, "updated"


@transaction.atomic
def catalogue_load() -> dict[str, dict[str, int]]:
    """Write the shipped catalogue; the counts of rows created, updated and unchanged."""
    categories = _read("categories.json")["categories"]
    document = _read("activities.json")
    activities, exercises = document["activities"], document["exercises"]
    _check(categories, activities, exercises)
    counts: dict[str, dict[str, int]] = {}

    def count(kind: str, outcome: str) -> None:
        counts.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})[outcome] += 1

    by_name: dict[str, ActivityCategory] = {}
    for entry in categories:  # parents come first in the file
        parent = by_name.get(entry.get("parent", ""))
        row, outcome = _upsert(
            ActivityCategory,
            {"name": entry["name"]},
            {
                "description": entry["description"],
                "parent": parent,
                "metadata": entry.get("metadata", {}),
            },
        )
        by_name[row.name] = row
        count("categories", outcome)

    by_key: dict[str, Activity] = {}
    for entry in activities:
        values = {ACTIVITY_FIELDS[k]: entry[k] for k in ACTIVITY_FIELDS}
        row, outcome = _upsert(Activity, {"owner": None, "key": entry["key"]}, values)
        wanted = [(by_name[name], i == 0) for i, name in enumerate(entry["categories"])]
        current = {(link.category_id, link.primary_category) for link in row.category_links.all()}
        if current != {(category.pk, primary) for category, primary in wanted}:
            row.category_links.all().delete()
            ActivityCategoryAssociation.objects.bulk_create(
                ActivityCategoryAssociation(activity=row, category=c, primary_category=p)
                for c, p in wanted
            )
            outcome = "updated" if outcome == "unchanged" else outcome
        by_key[row.key] = row
        count("activities", outcome)

    patterns = {entry["exercise"]: entry for entry in shipped_patterns()}
    for entry in exercises:
        pattern = patterns[entry["key"]]
        exercise, outcome = _upsert(
            Exercise,
            {"owner": None, "key": entry["key"]},
            {
                "activity": by_key[entry["activity"]],
                "name": entry["name"],
                "description": pattern["description"],
                "exercise_type": entry["exerciseType"],
                "difficulty": entry["difficulty"],
                "instructions": entry["instructions"],
                "primary_joints": entry["primaryJoints"],
            },
        )
        count("exercises", outcome)
        _, outcome = _upsert(
            MovementPattern,
            {"exercise": exercise, "analysis": None},
            {
                "pattern_type": pattern["patternType"],
                "description": pattern["description"],
                "metrics": pattern["metrics"],
            },
        )
        count("patterns", outcome)

    for entry in document["progressions"]:
        _, outcome = _upsert(
            ActivityProgression,
            {
                "owner": None,
                "from_activity": by_key[entry["from"]],
                "to_activity": by_key[entry["to"]],
            },
            {
                "progression_type": entry["progressionType"],
                "level": entry["level"],
                "requirements": entry["requirements"],
                "difficulty_increase": entry["difficultyIncrease"],
            },
        )
        count("progressions", outcome)
    return counts
