"""Scheduling-style dimension scores from the survey's Likert ratings.

Seed 002's schedule generator turns questions q1..q25 into five features, one
per dimension of five consecutive questions, each the mean of its ratings with
reverse-scored items counted as 6 - rating. This module is that computation,
pure Python (no Django), so it can be tested and reused alone.
"""

from statistics import fmean
from typing import TypedDict

RATING_MIN = 1
RATING_MAX = 5
QUESTION_COUNT = 25

# (dimension key, its key in `dimension_scores`, its question numbers), in seed order.
DIMENSIONS: tuple[tuple[str, str, range], ...] = (
    ("flexibility_vs_structure", "flexibilityVsStructure", range(1, 6)),
    ("subject_rotation", "subjectRotation", range(6, 11)),
    ("time_management", "timeManagement", range(11, 16)),
    ("long_term_scheduling", "longTermScheduling", range(16, 21)),
    ("prioritization", "prioritization", range(21, 26)),
)
DIMENSION_KEYS: tuple[str, ...] = tuple(key for key, _, _ in DIMENSIONS)

_DIMENSION_OF_NUMBER = {number: key for key, _, numbers in DIMENSIONS for number in numbers}
_SCORE_KEY = {key: score_key for key, score_key, _ in DIMENSIONS}


class DimensionScores(TypedDict, total=False):
    """Mean rating per dimension, 1.0-5.0, two decimals; a dimension with no answer is absent."""

    flexibilityVsStructure: float
    subjectRotation: float
    timeManagement: float
    longTermScheduling: float
    prioritization: float


def dimension_of(number: int) -> str:
    """The dimension key question `number` (1..25) belongs to."""
    try:
        return _DIMENSION_OF_NUMBER[number]
    except KeyError:
        raise ValueError(f"question number must be 1 to {QUESTION_COUNT}, got {number}") from None


def dimension_scores(ratings: dict[int, int], reverse: set[int]) -> DimensionScores:
    """Mean rating per dimension from {question number: rating 1-5}.

    Questions in `reverse` count as 6 - rating, so a high score always means
    the same end of the dimension. Only answered questions count.
    """
    adjusted: dict[str, list[int]] = {}
    for number, rating in ratings.items():
        if not RATING_MIN <= rating <= RATING_MAX:
            raise ValueError(f"rating of question {number} must be 1 to 5, got {rating}")
        value = RATING_MIN + RATING_MAX - rating if number in reverse else rating
        adjusted.setdefault(dimension_of(number), []).append(value)
    return {
        _SCORE_KEY[key]: round(fmean(adjusted[key]), 2) for key in DIMENSION_KEYS if key in adjusted
    }
