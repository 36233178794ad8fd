"""The shape of a family's learned preferences as the planner stores and reads them.

The insights app learns them (from feedback and the activity log) and writes
them through `services.learned.learned_preferences_save`; the planner reads
them into the engine's input (`selectors/schedules.py:week_input`). The planner
cannot import insights (it sits above the planner), so this module holds the
part of the JSON both sides agree on, its check and its conversion to the
engine's dataclasses::

    {"version": 1,
     "engine": {                                   # what the engine takes, read here
         "weights": {"child_interest": 0.4, "learning_times": 0.3, "parent_involvement": 0.2,
                     "subject_coherence": 0.1, "learned_times": 1.0},
         "learnedTimes": [{"childId": "<uuid>", "subjectId": "<uuid>",
                           "windows": [[480, 720]],   # start windows [start, end), minutes
                           "strength": 0.8}]},        # 0-1 confidence; 0 = ignored
     "explanations": [{"childId", "subjectId", "subjectName", "kind", "text",
                       "at": "2026-12-07"}],          # each change, in a sentence
     ...}                                          # the learner's own state, kept as given

The learner's state (anchors, moves, best times) is the insights package's
business (`insights/learning/preferences.py`, FamilyPreferences.to_json); the
planner only reads `engine`, which that package computes (engine_input), so
rules such as a sibling's window lent at half strength live in one place.

Pure Python (no Django), so it is tested alone.
"""

from __future__ import annotations

from typing import Any

from .engine.model import LearnedTime

SHAPE_VERSION = 1
# The engine's soft-preference weights (engine.model.Preferences) that learning may set.
WEIGHT_KEYS = frozenset(
    {"child_interest", "learning_times", "parent_involvement", "subject_coherence", "learned_times"}
)
MAX_WEIGHT = 10.0
DAY_MINUTES = 24 * 60


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _window_errors(windows: Any, path: str) -> dict[str, list[str]]:
    if not isinstance(windows, list):
        return {path: ["Must be a list of [start, end] minute pairs."]}
    errors: dict[str, list[str]] = {}
    for i, window in enumerate(windows):
        ok = (
            isinstance(window, list | tuple)
            and len(window) == 2
            and all(isinstance(m, int) and not isinstance(m, bool) for m in window)
            and 0 <= window[0] < window[1] <= DAY_MINUTES
        )
        if not ok:
            errors[f"{path}[{i}]"] = ["Must be [start, end] minutes with 0 <= start < end <= 1440."]
    return errors


def _learned_time_errors(learned: Any, path: str) -> dict[str, list[str]]:
    if not isinstance(learned, dict):
        return {path: ["Must be an object."]}
    errors: dict[str, list[str]] = {}
    for key in ("childId", "subjectId"):
        if not isinstance(learned.get(key), str) or not learned.get(key):
            errors[f"{path}.{key}"] = ["Required: an id."]
    errors.update(_window_errors(learned.get("windows"), f"{path}.windows"))
    strength = learned.get("strength", 1.0)
    if not _number(strength) or not 0 <= strength <= 1:
        errors[f"{path}.strength"] = ["Must be a number from 0 to 1."]
    return errors


def _engine_errors(engine: Any) -> dict[str, list[str]]:
    if not isinstance(engine, dict):
        return {"engine": ["Required: an object."]}
    errors: dict[str, list[str]] = {}
    weights = engine.get("weights", {})
    if not isinstance(weights, dict):
        errors["engine.weights"] = ["Must be an object."]
    else:
        for key, value in weights.items():
            if key not in WEIGHT_KEYS:
                errors[f"engine.weights.{key}"] = ["Not a soft-preference weight of the engine."]
            elif not _number(value) or not 0 <= value <= MAX_WEIGHT:
                errors[f"engine.weights.{key}"] = [f"Must be a number from 0 to {MAX_WEIGHT:g}."]
    learned_times = engine.get("learnedTimes", [])
    if not isinstance(learned_times, list):
        errors["engine.learnedTimes"] = ["Must be a list."]
    else:
        for i, learned in enumerate(learned_times):
            errors.update(_learned_time_errors(learned, f"engine.learnedTimes[{i}]"))
    return errors


def shape_errors(data: Any) -> dict[str, list[str]]:
    """Every field of `data` that breaks the shape, by its path; empty when it fits."""
    if not isinstance(data, dict):
        return {"nonFieldErrors": ["Must be an object."]}
    errors: dict[str, list[str]] = {}
    if data.get("version") != SHAPE_VERSION:
        errors["version"] = [f"Must be {SHAPE_VERSION}."]
    errors.update(_engine_errors(data.get("engine")))
    explanations = data.get("explanations", [])
    if not isinstance(explanations, list):
        errors["explanations"] = ["Must be a list."]
    else:
        for i, explanation in enumerate(explanations):
            if not isinstance(explanation, dict) or not isinstance(explanation.get("text"), str):
                errors[f"explanations[{i}].text"] = ["Required: a sentence."]
    return errors


def engine_input(data: dict) -> tuple[dict[str, float], tuple[LearnedTime, ...]]:
    """(weights for engine.model.Preferences, the learned times) from stored, checked data."""
    engine = data.get("engine") or {}
    weights = {k: float(v) for k, v in (engine.get("weights") or {}).items() if k in WEIGHT_KEYS}
    learned = tuple(
        LearnedTime(
            child_id=item["childId"],
            subject_id=item["subjectId"],
            windows=tuple((int(start), int(end)) for start, end in item["windows"]),
            strength=float(item.get("strength", 1.0)),
        )
        for item in engine.get("learnedTimes") or []
        if item.get("windows") and item.get("strength", 1.0) > 0
    )
    return weights, learned
