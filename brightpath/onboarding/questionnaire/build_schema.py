"""Writes questionnaire.schema.json from the vocabulary, so the two never drift.

    python -m brightpath.onboarding.questionnaire.build_schema

A test fails when the committed file differs from what this builds.
"""

import json
from pathlib import Path

from brightpath.common.birthdates import PATTERN as BIRTH_DATE_PATTERN
from brightpath.families import vocabulary as v

SCHEMA_FILE = Path(__file__).with_name("questionnaire.schema.json")
CLOCK = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "examples": ["09:30"]}
GRID_CLOCK = {
    **CLOCK,
    "pattern": "^([01][0-9]|2[0-3]):[0-5][05]$",
    "description": "On the 5-minute grid.",
}
CLIENT_ID = {
    "type": "string",
    "description": 'Saved object\'s UUID, or a temporary id "temp_..." for a new one.',
}


def _ratings(keys: list[str]) -> dict:
    return {
        "type": "object",
        "description": "Ratings 1-5.",
        "properties": {key: {"type": "integer", "minimum": 1, "maximum": 5} for key in keys},
        "additionalProperties": False,
    }


def _commitments() -> dict:
    return {
        "type": "object",
        "properties": {"commitments": {"type": "array", "items": {"$ref": "#/$defs/commitment"}}},
    }


def build() -> dict:
    commitment = {
        "type": "object",
        "required": ["name", "frequency", "startTime", "endTime"],
        "description": "endTime after startTime. weekly: daysOfWeek. monthly: dayOfMonth, or "
        "weekOfMonth (-1 = last) with one day in daysOfWeek. one-time: date.",
        "properties": {
            "id": CLIENT_ID,
            "name": {"type": "string", "minLength": 1, "maxLength": 255},
            "frequency": {"enum": v.COMMITMENT_FREQUENCIES},
            "daysOfWeek": {"type": "array", "items": {"enum": v.WEEKDAYS}, "uniqueItems": True},
            "dayOfMonth": {"type": "integer", "minimum": 1, "maximum": 31},
            "weekOfMonth": {"enum": [1, 2, 3, 4, 5, -1]},
            "date": {"type": "string", "format": "date"},
            "startTime": CLOCK,
            "endTime": CLOCK,
        },
        "allOf": [
            {
                "if": {"properties": {"frequency": {"const": "weekly"}}},
                "then": {"required": ["daysOfWeek"], "properties": {"daysOfWeek": {"minItems": 1}}},
            },
            {
                "if": {"properties": {"frequency": {"const": "one-time"}}},
                "then": {"required": ["date"]},
            },
            {
                "if": {"properties": {"frequency": {"const": "monthly"}}},
                "then": {"oneOf": [{"required": ["dayOfMonth"]}, {"required": ["weekOfMonth"]}]},
            },
        ],
    }
    subject = {
        "type": "object",
        "required": ["name", "sessionDuration", "frequency", "parentInvolvement", "interestLevel"],
        "description": "Keys beyond these are kept in the subject's metadata. sessionDuration must "
        "fit in the child's homeschool hours; a fixed time must start within them.",
        "properties": {
            "id": CLIENT_ID,
            "name": {"type": "string", "minLength": 1, "maxLength": 100},
            "isCoreSubject": {"type": "boolean", "default": False},
            "sessionDuration": {
                "type": "integer",
                "minimum": v.MIN_SESSION_MINUTES,
                "maximum": v.MAX_SESSION_MINUTES,
                "multipleOf": v.SLOT_MINUTES,
                "description": "Minutes.",
            },
            "frequency": {"enum": v.SUBJECT_FREQUENCIES},
            "parentInvolvement": {"enum": v.PARENT_INVOLVEMENT},
            "fixedTime": {
                "type": "object",
                "properties": {
                    "required": {"type": "boolean", "default": False},
                    "preferredTime": {"oneOf": [GRID_CLOCK, {"type": "null"}]},
                },
                "if": {"properties": {"required": {"const": True}}, "required": ["required"]},
                "then": {
                    "required": ["preferredTime"],
                    "properties": {"preferredTime": GRID_CLOCK},
                },
            },
            "interestLevel": {"type": "integer", "minimum": 1, "maximum": 5},
            "metadata": {"type": "object"},
        },
    }
    child = {
        "type": "object",
        "required": ["section2", "section4", "section6"],
        "properties": {
            "id": CLIENT_ID,
            "section2": {
                "type": "object",
                "required": ["name"],
                "description": "The birth date, or (for compatibility) the age: at least one. "
                f"The child must be {v.MIN_CHILD_AGE}-{v.MAX_CHILD_AGE} today; with both, "
                "they must agree.",
                "anyOf": [{"required": ["birthDate"]}, {"required": ["age"]}],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 255},
                    "birthDate": {
                        "type": "string",
                        "pattern": BIRTH_DATE_PATTERN,
                        "description": '"YYYY-MM-DD", or "YYYY-MM" when only the month and '
                        "year are known. The age, and the breaks it needs, follow from it.",
                        "examples": ["2019-09-14", "2015-05"],
                    },
                    "age": {
                        "type": "integer",
                        "minimum": v.MIN_CHILD_AGE,
                        "maximum": v.MAX_CHILD_AGE,
                        "description": "For compatibility: the age today, when birthDate is "
                        "not given; the birth month is then estimated.",
                    },
                },
            },
            "section3Child": _commitments(),
            "section4": {
                "type": "object",
                "required": ["subjects"],
                "properties": {
                    "subjects": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"$ref": "#/$defs/subject"},
                    }
                },
            },
            "section6": {
                "type": "object",
                "required": ["startTime", "endTime"],
                "description": "endTime after startTime.",
                "properties": {
                    "bestLearningTimes": {
                        "type": "array",
                        "items": {"enum": v.LEARNING_TIMES + list(v.LEARNING_TIME_ALIASES)},
                    },
                    "startTime": GRID_CLOCK,
                    "endTime": GRID_CLOCK,
                },
            },
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://brightpath.local/schemas/questionnaire.schema.json",
        "title": "BrightPath onboarding questionnaire submission",
        "description": "The format of POST /api/questionnaire/submit/ and /api/families/import/ "
        "(seed 000's save_questionnaire_data). Sections 2, 3Child, 4 and 6 repeat per child.",
        "type": "object",
        "required": ["section1", "section5", "section7", "children"],
        "properties": {
            "section1": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 255},
                    "timeZone": {"type": "string", "description": "IANA name; default TIME_ZONE."},
                },
            },
            "section3": _commitments(),
            "section5": {
                "type": "object",
                "required": ["flexibility"],
                "properties": {"flexibility": {"enum": v.SCHEDULING_FLEXIBILITY}},
            },
            "section7": {
                "type": "object",
                "required": ["planningApproach"],
                "properties": {
                    "homeschoolingPhilosophy": _ratings(v.HOMESCHOOLING_PHILOSOPHIES),
                    "schedulingStyle": _ratings(v.SCHEDULING_STYLES),
                    "planningApproach": {"enum": v.PLANNING_APPROACHES},
                    "activityPreferences": _ratings(v.ACTIVITY_PREFERENCES),
                },
            },
            "children": {
                "type": "array",
                "minItems": 1,
                "maxItems": 12,
                "items": {"$ref": "#/$defs/child"},
            },
        },
        "$defs": {"commitment": commitment, "subject": subject, "child": child},
    }


def render() -> str:
    return json.dumps(build(), indent=2) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(render())
    print(f"wrote {SCHEMA_FILE}")
