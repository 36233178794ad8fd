"""Reads of the insights app: feedback scoped to its family, the model
registry (the system's), learned preferences, the activity log as events."""

from .evaluation import schedule_evaluate
from .feedback import feedback_get, feedback_list, weeks_to_rate
from .preferences import learned_preferences_get
from .registry import active_model, model_status, model_versions

__all__ = [
    "active_model",
    "feedback_get",
    "feedback_list",
    "learned_preferences_get",
    "model_status",
    "model_versions",
    "schedule_evaluate",
    "weeks_to_rate",
]
