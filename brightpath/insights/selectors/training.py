"""The reward model's training data: every rated week, system-wide (the model
holds aggregate parameters only, never a family's rows)."""

from __future__ import annotations

from ..learning.reward import TrainingRow
from ..models import Feedback
from ..questions import SCHEDULE_SATISFACTION
from .evaluation import completion_rate, schedule_feature_values


def rated_weeks():
    """Ratings of weeks whose schedule still exists, oldest first."""
    return (
        Feedback.objects.filter(
            feedback_type=SCHEDULE_SATISFACTION, schedule__isnull=False, rating__isnull=False
        )
        .select_related("schedule__family")
        .order_by("created_at")
    )


def training_rows() -> list[TrainingRow]:
    """One row per rated week: its features, its stars, its completion rate,
    grouped by family (a family's weeks never straddle train and held-out)."""
    rows = []
    for feedback in rated_weeks():
        completion = completion_rate(feedback.schedule)
        if completion is None:
            continue  # nothing was planned: nothing to learn about a plan
        rows.append(
            TrainingRow(
                features=schedule_feature_values(feedback.schedule),
                satisfaction=float(feedback.rating),
                completion=completion,
                group=str(feedback.family_id),
            )
        )
    return rows
