"""Celery tasks of the planner (autodiscovered through this package)."""

from .agenda import send_daily_agendas
from .generation import generate_next_week, schedule_generate
from .living import carry_over_nightly
from .new_schedule import new_schedule

__all__ = [
    "carry_over_nightly",
    "generate_next_week",
    "new_schedule",
    "schedule_generate",
    "send_daily_agendas",
]
