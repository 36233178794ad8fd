"""Writes of the insights app: feedback, the model registry, training, and
preferences learned from use (stored through the planner's service)."""

from .feedback import FeedbackInput, feedback_create
from .preferences import preferences_forget, preferences_refresh
from .registry import ml_model_activate, ml_model_register, ml_model_rollback
from .training import reward_model_train

__all__ = [
    "FeedbackInput",
    "feedback_create",
    "ml_model_activate",
    "ml_model_register",
    "ml_model_rollback",
    "preferences_forget",
    "preferences_refresh",
    "reward_model_train",
]
