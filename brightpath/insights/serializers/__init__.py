"""The insights API's shapes, in camelCase."""

from .feedback import (
    AdjustmentsSerializer,
    FeedbackCreateSerializer,
    FeedbackDataSerializer,
    FeedbackFilterSerializer,
    FeedbackSerializer,
    LikertResponsesSerializer,
)
from .ml import (
    EvaluateScheduleSerializer,
    EvaluationSerializer,
    LearnedPreferencesSerializer,
    MLModelSerializer,
    ModelStatusSerializer,
    TrainingRunSerializer,
    TrainSerializer,
)

__all__ = [
    "EvaluateScheduleSerializer",
    "EvaluationSerializer",
    "LearnedPreferencesSerializer",
    "MLModelSerializer",
    "ModelStatusSerializer",
    "TrainSerializer",
    "TrainingRunSerializer",
    "AdjustmentsSerializer",
    "FeedbackCreateSerializer",
    "FeedbackDataSerializer",
    "FeedbackFilterSerializer",
    "FeedbackSerializer",
    "LikertResponsesSerializer",
]
