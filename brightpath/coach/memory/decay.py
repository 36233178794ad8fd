"""Importance fades with time since a fact was last stated (reinforced).

A fact's weight halves toward 1 over its kind's half-life: a student's needs
and the teacher's classes stay relevant for months, a passing remark for weeks.
Stating it again (a merge) or correcting it resets the clock.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from . import vocabulary as v

HALF_LIFE_DAYS = {
    v.STUDENT: 180.0,
    v.CLASS: 180.0,
    v.PREFERENCE: 120.0,
    v.CONSTRAINT: 120.0,
    v.GOAL: 60.0,
    v.WHAT_WORKED: 90.0,
    v.WHAT_FAILED: 90.0,
    v.CONTEXT: 30.0,
}


def decayed_importance(
    importance: float, category: str, reinforced_at: dt.datetime, now: dt.datetime
) -> float:
    """`importance` (1-10) decayed toward 1 by the days since `reinforced_at`."""
    days = max(0.0, (now - reinforced_at).total_seconds() / 86400)
    half_life = HALF_LIFE_DAYS.get(category, 60.0)
    return v.IMPORTANCE_MIN + (importance - v.IMPORTANCE_MIN) * 0.5 ** (days / half_life)


def decayed_importances(
    importance: np.ndarray, half_life_days: np.ndarray, days_since: np.ndarray
) -> np.ndarray:
    """The same, for arrays (the ranking's hot path)."""
    days = np.maximum(days_since, 0.0)
    return v.IMPORTANCE_MIN + (importance - v.IMPORTANCE_MIN) * np.power(0.5, days / half_life_days)
