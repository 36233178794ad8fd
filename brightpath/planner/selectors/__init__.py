"""Reads for the planner, scoped to the user (next_weeks_unplanned is
system-wide, for the beat job). Schedules are re-exported here; views and
records live in their own modules."""

from .schedules import (
    active_schedule,
    family_week,
    next_weeks_unplanned,
    week_input,
    week_size,
)

__all__ = [
    "active_schedule",
    "family_week",
    "next_weeks_unplanned",
    "week_input",
    "week_size",
]
