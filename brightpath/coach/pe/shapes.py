"""The PE module's JSON shapes, each described once and checked by the service that
writes it.

A shape is built from a few specs (Text, Number, Integer, Flag, Choice, Day, Clock,
ListOf, Obj, MapOf, Anything); `check(spec, value, path)` returns {path: [message]} for every
problem, naming each bad value by its path ("objectives.learningObjectives[0].target"),
and `clean(spec, value)` the value with text trimmed. Unknown keys are refused, so a
typo ("wieght") is an error and not silently stored. Rules across keys (weights that
sum to 1, min below max) are in the functions after the shapes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import vocabulary as v

Errors = dict[str, list[str]]
WEIGHT_TOLERANCE = 1e-6


def _add(errors: Errors, path: str, message: str) -> None:
    errors.setdefault(path or "nonFieldErrors", []).append(message)


@dataclass(frozen=True)
class Text:
    max_length: int = 200
    blank: bool = False

    def check(self, value, path, errors):
        if not isinstance(value, str):
            _add(errors, path, "Must be text.")
        elif not self.blank and not value.strip():
            _add(errors, path, "May not be blank.")
        elif len(value.strip()) > self.max_length:
            _add(errors, path, f"At most {self.max_length} characters.")

    def clean(self, value):
        return value.strip()


@dataclass(frozen=True)
class Number:
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False

    def check(self, value, path, errors):
        if isinstance(value, bool) or not isinstance(value, int | float):
            _add(errors, path, "Must be a number.")
        elif not math.isfinite(value):
            _add(errors, path, "Must be a finite number.")
        elif self.minimum is not None and (
            value <= self.minimum if self.exclusive_minimum else value < self.minimum
        ):
            word = "more than" if self.exclusive_minimum else "at least"
            _add(errors, path, f"Must be {word} {self.minimum}.")
        elif self.maximum is not None and value > self.maximum:
            _add(errors, path, f"Must be at most {self.maximum}.")

    def clean(self, value):
        return value


@dataclass(frozen=True)
class Integer(Number):
    def check(self, value, path, errors):
        if isinstance(value, bool) or not isinstance(value, int):
            _add(errors, path, "Must be a whole number.")
        else:
            super().check(value, path, errors)


@dataclass(frozen=True)
class Flag:
    def check(self, value, path, errors):
        if not isinstance(value, bool):
            _add(errors, path, "Must be true or false.")

    def clean(self, value):
        return value


@dataclass(frozen=True)
class Choice:
    values: tuple[str, ...]

    def check(self, value, path, errors):
        if value not in self.values:
            _add(errors, path, f"Choose one of: {', '.join(self.values)}.")

    def clean(self, value):
        return value


@dataclass(frozen=True)
class Day:
    """An ISO date "YYYY-MM-DD" between 2000 and 2100."""

    def check(self, value, path, errors):
        try:
            day = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            day = None
        if day is None or not dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31):
            _add(errors, path, "Use a date such as 2026-01-05 (2000-2100).")

    def clean(self, value):
        return value


CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


@dataclass(frozen=True)
class Clock:
    def check(self, value, path, errors):
        if not isinstance(value, str) or not CLOCK.fullmatch(value):
            _add(errors, path, 'Use a 24-hour time such as "14:00".')

    def clean(self, value):
        return value


@dataclass(frozen=True)
class ListOf:
    item: Any
    max_items: int = 50
    min_items: int = 0

    def check(self, value, path, errors):
        if not isinstance(value, list):
            _add(errors, path, "Must be a list.")
            return
        if len(value) < self.min_items:
            _add(errors, path, f"Give at least {self.min_items}.")
        if len(value) > self.max_items:
            _add(errors, path, f"At most {self.max_items} items.")
            return
        for index, item in enumerate(value):
            self.item.check(item, f"{path}[{index}]", errors)

    def clean(self, value):
        return [self.item.clean(item) for item in value]


@dataclass(frozen=True)
class Obj:
    fields: dict[str, Any]
    required: tuple[str, ...] = ()

    def check(self, value, path, errors):
        if not isinstance(value, dict):
            _add(errors, path, "Must be an object.")
            return
        for key in value:
            if key not in self.fields:
                known = ", ".join(self.fields)
                _add(errors, _join(path, key), f"Unknown key; the keys are: {known}.")
        for key in self.required:
            if key not in value:
                _add(errors, _join(path, key), "This field is required.")
        for key, spec in self.fields.items():
            if key in value:
                spec.check(value[key], _join(path, key), errors)

    def clean(self, value):
        return {key: self.fields[key].clean(item) for key, item in value.items()}


@dataclass(frozen=True)
class MapOf:
    """An object whose keys are names the teacher chooses (criteria, areas)."""

    value: Any
    key_max_length: int = 50
    max_items: int = 20
    min_items: int = 0

    def check(self, value, path, errors):
        if not isinstance(value, dict):
            _add(errors, path, "Must be an object.")
            return
        if len(value) < self.min_items:
            _add(errors, path, f"Give at least {self.min_items}.")
        if len(value) > self.max_items:
            _add(errors, path, f"At most {self.max_items} entries.")
            return
        for key, item in value.items():
            if not key.strip() or len(key) > self.key_max_length:
                _add(errors, _join(path, key), f"Names are 1 to {self.key_max_length} characters.")
            self.value.check(item, _join(path, key), errors)

    def clean(self, value):
        return {key.strip(): self.value.clean(item) for key, item in value.items()}


@dataclass(frozen=True)
class Anything:
    """Any JSON (free-form details)."""

    def check(self, value, path, errors):
        return None

    def clean(self, value):
        return value


@dataclass
class Shape:
    """A named JSON shape: its spec and the cross-key rules run after it."""

    spec: Any
    rules: list[Callable[[Any, str, Errors], None]] = field(default_factory=list)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def check(shape: Shape | Any, value: Any, path: str) -> Errors:
    """{path: [message]} for each problem of `value` against `shape` ({} when it fits)."""
    spec = shape.spec if isinstance(shape, Shape) else shape
    errors: Errors = {}
    spec.check(value, path, errors)
    if not errors and isinstance(shape, Shape):
        for rule in shape.rules:
            rule(value, path, errors)
    return errors


def clean(shape: Shape | Any, value: Any) -> Any:
    spec = shape.spec if isinstance(shape, Shape) else shape
    return spec.clean(value)


# --- shared pieces ----------------------------------------------------------------------

WORDS = ListOf(Text(100), max_items=30)
SCORE_0_1 = Number(0, 1)
SCORE_0_100 = Number(0, 100)
LEVEL = Choice(v.SKILL_LEVELS)


def _sums_to_one(values: dict, path: str, errors: Errors, what: str) -> None:
    total = sum(values.values())
    if abs(total - 1.0) > WEIGHT_TOLERANCE:
        _add(errors, path, f"The {what} must sum to 1 (they sum to {round(total, 6)}).")


# --- rubric (assessments; a plan's assessment criteria) -------------------------------------

RUBRIC_DOC = """A weighted rubric (seed "Assessment Criteria Rubric" and "Assessment Criteria"):
{"scale": {"min": 0, "max": 10}  (optional, 0-10 by default; min < max),
 "criteria": {name: {"weight": 0-1 (the criteria's weights sum to 1),
                     "minimumScore": on the scale (optional),
                     "evaluationPoints": [str],
                     "subCriteria": {name: weight} (optional; weights sum to 1)}},
 "progressIndicators": [str]}"""

CRITERION = Obj(
    {
        "weight": Number(0, 1, exclusive_minimum=True),
        "minimumScore": Number(),
        "evaluationPoints": WORDS,
        "subCriteria": MapOf(Number(0, 1, exclusive_minimum=True), min_items=1),
    },
    required=("weight",),
)


def _rubric_rules(value, path, errors):
    scale = value.get("scale", {"min": 0, "max": 10})
    if scale["min"] >= scale["max"]:
        _add(errors, _join(path, "scale"), "The minimum score must be less than the maximum.")
        return
    criteria = value["criteria"]
    _sums_to_one(
        {k: c["weight"] for k, c in criteria.items()},
        _join(path, "criteria"),
        errors,
        "criteria's weights",
    )
    for name, criterion in criteria.items():
        here = _join(_join(path, "criteria"), name)
        if "subCriteria" in criterion:
            _sums_to_one(
                criterion["subCriteria"], _join(here, "subCriteria"), errors, "sub-criteria weights"
            )
        minimum = criterion.get("minimumScore")
        if minimum is not None and not scale["min"] <= minimum <= scale["max"]:
            _add(
                errors,
                _join(here, "minimumScore"),
                f"Must be on the scale ({scale['min']} to {scale['max']}).",
            )


RUBRIC = Shape(
    Obj(
        {
            "scale": Obj({"min": Number(), "max": Number()}, required=("min", "max")),
            "criteria": MapOf(CRITERION, min_items=1),
            "progressIndicators": WORDS,
        },
        required=("criteria",),
    ),
    [_rubric_rules],
)

DEFAULT_RUBRIC = {
    "scale": {"min": 0, "max": 10},
    "criteria": {
        "technique": {
            "weight": 0.4,
            "minimumScore": 6.0,
            "evaluationPoints": ["proper form", "movement control", "body positioning"],
            "subCriteria": {"form": 0.5, "accuracy": 0.5},
        },
        "performance": {
            "weight": 0.6,
            "minimumScore": 5.0,
            "evaluationPoints": ["speed", "accuracy", "consistency"],
            "subCriteria": {"speed": 0.3, "consistency": 0.7},
        },
    },
    "progressIndicators": ["improvement_rate", "skill_mastery", "effort_level"],
}


def score_rubric(rubric: dict, scores: Any, path: str = "scores") -> tuple[dict, float, Errors]:
    """Score `scores` on `rubric`: (results per criterion, overall 0-100, errors).

    scores: {criterion: number} or, for a criterion with sub-criteria,
    {criterion: {subCriterion: number}}; numbers on the rubric's scale. Every criterion
    and sub-criterion needs a score; an unknown one is an error.
    """
    errors: Errors = {}
    if not isinstance(scores, dict):
        _add(errors, path, "Must be an object of scores by criterion.")
        return {}, 0.0, errors
    scale = rubric.get("scale", {"min": 0, "max": 10})
    low, high = scale["min"], scale["max"]
    number = Number(low, high)
    criteria = rubric["criteria"]
    for name in scores:
        if name not in criteria:
            _add(errors, _join(path, name), "Not a criterion of the rubric.")
    results: dict[str, dict] = {}
    overall = 0.0
    for name, criterion in criteria.items():
        here = _join(path, name)
        given = scores.get(name)
        if given is None:
            _add(errors, here, "A score is required.")
            continue
        subs = criterion.get("subCriteria")
        if subs:
            if not isinstance(given, dict):
                _add(errors, here, f"Score each of: {', '.join(subs)}.")
                continue
            for sub in given:
                if sub not in subs:
                    _add(errors, _join(here, sub), "Not a sub-criterion of the rubric.")
            value = 0.0
            for sub, weight in subs.items():
                if sub not in given:
                    _add(errors, _join(here, sub), "A score is required.")
                    continue
                number.check(given[sub], _join(here, sub), errors)
                if not errors:
                    value += weight * given[sub]
        else:
            number.check(given, here, errors)
            value = given if not errors else 0.0
        if errors:
            continue
        percent = 100.0 * (value - low) / (high - low)
        minimum = criterion.get("minimumScore")
        results[name] = {
            "score": round(value, 4),
            "percent": round(percent, 2),
            "weight": criterion["weight"],
            "meetsMinimum": minimum is None or value >= minimum - 1e-9,
        }
        overall += criterion["weight"] * percent
    if errors:
        return {}, 0.0, errors
    return results, round(min(100.0, max(0.0, overall)), 2), {}


# --- plans ---------------------------------------------------------------------------------

OBJECTIVES = Shape(
    Obj(
        {
            "learningObjectives": ListOf(
                Obj(
                    {"area": Text(50), "target": Text(200), "successCriteria": WORDS},
                    required=("area", "target"),
                ),
                min_items=1,
                max_items=20,
            ),
            "priorityLevels": MapOf(Choice(v.PRIORITY_LEVELS)),
        },
        required=("learningObjectives",),
    )
)

PLAN_ADAPTATIONS = Shape(
    ListOf(
        Obj({"studentId": Text(36), "description": Text(500)}, required=("description",)),
        max_items=50,
    )
)

PROGRESS_TRACKING = Shape(
    Obj(
        {
            "weeklyMetrics": ListOf(
                Obj(
                    {
                        "week": Integer(1, 60),
                        "attendance": SCORE_0_1,
                        "completionRate": SCORE_0_1,
                        "skillImprovements": MapOf(Number(-1, 1)),
                    },
                    required=("week",),
                ),
                max_items=60,
            ),
            "achievementMilestones": ListOf(
                Obj(
                    {"milestone": Text(100), "achievedDate": Day(), "proficiencyLevel": LEVEL},
                    required=("milestone",),
                )
            ),
            "adaptationHistory": ListOf(
                Obj(
                    {
                        "date": Day(),
                        "type": Text(50),
                        "reason": Text(500),
                        "details": Anything(),
                    },
                    required=("date", "type"),
                )
            ),
        }
    )
)

# --- classes -------------------------------------------------------------------------------


def _term_breaks_in_order(value, path, errors):
    for index, term_break in enumerate(value.get("termBreaks", [])):
        if term_break["endDate"] < term_break["startDate"]:
            _add(
                errors,
                f"{_join(path, 'termBreaks')}[{index}].endDate",
                "Must not be before the start date.",
            )


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

CLASS_SCHEDULE = Shape(
    Obj(
        {
            "weeklySchedule": ListOf(
                Obj(
                    {
                        "day": Choice(WEEKDAYS),
                        "time": Clock(),
                        "durationMinutes": Integer(v.DURATION_MIN, v.DURATION_MAX),
                        "location": Text(100),
                        "equipmentNeeded": WORDS,
                        "setupTimeMinutes": Integer(0, 120),
                        "weatherDependent": Flag(),
                        "backupLocation": Text(100),
                    },
                    required=("day", "time", "durationMinutes"),
                ),
                max_items=14,
            ),
            "exceptions": ListOf(
                Obj(
                    {
                        "date": Day(),
                        "reason": Text(200),
                        "status": Choice(("cancelled", "rescheduled")),
                    },
                    required=("date", "status"),
                )
            ),
            "termBreaks": ListOf(
                Obj(
                    {"startDate": Day(), "endDate": Day(), "type": Text(50)},
                    required=("startDate", "endDate"),
                )
            ),
        }
    ),
    [_term_breaks_in_order],
)

# --- activities and categories -------------------------------------------------------------

ADAPTATION_TEMPLATE = Obj(
    {
        "need": Text(100),
        "adaptationType": Choice(v.ADAPTATION_TYPES),
        "description": Text(500),
        "difficultyAdjustment": Number(-1, 1),
    },
    required=("need", "adaptationType", "description"),
)
EQUIPMENT_NAME = Text(60)

ACTIVITY_METADATA = Shape(
    Obj(
        {
            "prerequisites": WORDS,
            "progressionPath": ListOf(Choice(v.PROGRESSION_LEVELS), max_items=5),
            "equipmentDetails": Obj(
                {"required": ListOf(EQUIPMENT_NAME, 20), "optional": ListOf(EQUIPMENT_NAME, 20)}
            ),
            "safetyConsiderations": WORDS,
            "adaptations": ListOf(ADAPTATION_TEMPLATE, 20),
            "skills": WORDS,
        }
    )
)

CATEGORY_METADATA = Shape(
    Obj(
        {
            "displaySettings": Obj({"color": Text(7), "icon": Text(50), "order": Integer(0, 1000)}),
            "requirements": Obj(
                {
                    "minimumAge": Integer(v.MIN_AGE, v.MAX_AGE),
                    "prerequisiteCategories": WORDS,
                    "equipmentNeeds": Choice(v.EQUIPMENT_LEVELS),
                    "spaceNeeds": Choice(v.SPACES),
                }
            ),
            "curriculumAlignment": Obj({"standards": WORDS, "learningOutcomes": WORDS}),
            "safetyConsiderations": Obj(
                {
                    "riskLevel": Choice(v.RISK_LEVELS),
                    "supervisionRequired": Flag(),
                    "certificationNeeded": Flag(),
                }
            ),
        }
    )
)

# --- students, adaptations, preferences ------------------------------------------------------

ACCOMMODATIONS = Shape(ListOf(Text(200), max_items=20))

ADAPTATION_DATA = Shape(
    Obj(
        {
            "summary": Text(300),
            "modifications": ListOf(Text(300), 20),
            "need": Text(100),
            "equipment": ListOf(EQUIPMENT_NAME, 20),
            "intensityScale": Number(0.1, 1.5),
            "durationMinutes": Integer(v.DURATION_MIN, v.DURATION_MAX),
        },
        required=("summary",),
    )
)

PREFERENCE_METADATA = Shape(Obj({"source": Choice(("teacher", "student")), "observedAt": Day()}))

# --- routines and performances ---------------------------------------------------------------


def _intensity_shares_sum_to_one(value, path, errors):
    if "intensityDistribution" in value:
        shares = value["intensityDistribution"]
        _sums_to_one(shares, _join(path, "intensityDistribution"), errors, "intensity shares")


FOCUS_AREAS = Shape(
    Obj(
        {
            "primaryFocus": Text(50),
            "secondaryFocus": WORDS,
            "targetMuscleGroups": WORDS,
            "intensityDistribution": Obj(
                {"high": SCORE_0_1, "medium": SCORE_0_1, "low": SCORE_0_1},
                required=("high", "medium", "low"),
            ),
            "progressionGoals": WORDS,
        }
    ),
    [_intensity_shares_sum_to_one],
)

PERFORMANCE_DATA = Shape(
    Obj(
        {
            "activities": ListOf(
                Obj(
                    {
                        "activityId": Text(36),
                        "completed": Flag(),
                        "repetitions": Integer(0, 100000),
                        "notes": Text(500, blank=True),
                    },
                    required=("activityId",),
                ),
                max_items=50,
            ),
            "observations": ListOf(Text(300), 20),
        }
    )
)

METRIC_DATA = Shape(Obj({"unit": Text(20), "activityId": Text(36), "note": Text(300, blank=True)}))

FEEDBACK = Shape(
    Obj(
        {
            "strengths": ListOf(Text(200), 20),
            "improvements": ListOf(Text(200), 20),
            "comment": Text(1000, blank=True),
        }
    )
)

GOALS = Shape(
    Obj(
        {
            "targetLevel": LEVEL,
            "targetScore": SCORE_0_100,
            "targetDate": Day(),
            "note": Text(500, blank=True),
        }
    )
)

PROGRESSION_REQUIREMENTS = Shape(
    Obj(
        {
            "minScore": SCORE_0_100,
            "minAssessments": Integer(1, 100),
            "skillLevel": LEVEL,
        }
    )
)

# --- safety ---------------------------------------------------------------------------------

MAINTENANCE_HISTORY = Shape(
    ListOf(
        Obj(
            {"date": Day(), "action": Text(200), "by": Text(100)},
            required=("date", "action"),
        ),
        max_items=100,
    )
)

RISK_FACTORS = Shape(
    ListOf(
        Obj(
            {"factor": Text(200), "likelihood": SCORE_0_1, "severity": SCORE_0_1},
            required=("factor",),
        ),
        max_items=30,
    )
)

MITIGATION_MEASURES = Shape(ListOf(Text(300), max_items=30))

SURFACE = Shape(
    Obj(
        {
            "condition": Choice(v.SURFACE_CONDITIONS),
            "obstructions": ListOf(Text(200), 20),
            "notes": Text(500, blank=True),
        },
        required=("condition",),
    )
)

EQUIPMENT_CONDITION = Shape(
    Obj(
        {
            "overall": Choice(v.EQUIPMENT_CONDITIONS),
            "items": ListOf(
                Obj(
                    {"name": EQUIPMENT_NAME, "condition": Choice(v.EQUIPMENT_CONDITIONS)},
                    required=("name", "condition"),
                ),
                30,
            ),
        }
    )
)

ENVIRONMENT_METADATA = Shape(Obj({"location": Text(100), "indoor": Flag(), "weather": Text(100)}))

INCIDENT_METADATA = Shape(
    Obj(
        {
            "bodyPart": Text(100),
            "firstAidGiven": Flag(),
            "parentNotified": Flag(),
            "witnesses": ListOf(Text(100), 20),
        }
    )
)
