"""Writes for the planner. Generation is re-exported here; the daily
operations live in their own modules (items, carry_over, ...)."""

from .generation import (
    ANSWER_NOW_TIME_LIMIT,
    GENERATION_METHOD,
    schedule_ensure,
    schedule_generate,
    schedule_snapshot,
)

__all__ = [
    "ANSWER_NOW_TIME_LIMIT",
    "GENERATION_METHOD",
    "schedule_ensure",
    "schedule_generate",
    "schedule_snapshot",
]
