"""Celery tasks of the planner (autodiscovered through this package)."""

from .generation import generate_next_week, schedule_generate

__all__ = ["generate_next_week", "schedule_generate"]
