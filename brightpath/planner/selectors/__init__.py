"""Reads for the planner, scoped to the user (next_weeks_unplanned and
living.families_with_plans are system-wide, for the beat jobs). Schedules are
re-exported here; views and records live in their own modules."""

from .schedules import (
    active_schedule,
    family_week,
    next_weeks_unplanned,
    schedule_get,
    schedules_for_user,
    week_input,
    week_size,
    weeks_planned_after,
)

__all__ = [
    "active_schedule",
    "family_week",
    "next_weeks_unplanned",
    "schedule_get",
    "schedules_for_user",
    "week_input",
    "weeks_planned_after",
    "week_size",
]
