from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q

from brightpath.common.models import BaseModel
from brightpath.families.models import Child, Family
from brightpath.planner.models import Schedule

from .questions import FEEDBACK_TYPES, RATING_MAX, RATING_MIN, SCHEDULE_SATISFACTION


class Feedback(BaseModel):
    """What a parent told us about a week (seed 000 `user_feedback`, seed 002 `Feedback`).

    A `schedule_satisfaction` feedback rates one child's week (`schedule`) with
    stars; other kinds (a suggestion) need no rating. `feedback_data` (seed 002)::

        {"likertResponses": {"q1": 4, ..., "q5": 2},       # questions.LIKERT_STATEMENTS, 1-5
         "adjustments": {"timeShifted": true,              # questions.ADJUSTMENTS
                         "blocksResized": false, "subjectsReordered": false}}

    Checked by `services.feedback_create`. `week_start_date` is the rated week's
    Monday, kept when the schedule itself is gone.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="feedback")
    child = models.ForeignKey(
        Child, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    schedule = models.ForeignKey(
        Schedule, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback_type = models.CharField(max_length=50, default=SCHEDULE_SATISFACTION)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    comments = models.TextField(blank=True)
    feedback_data = models.JSONField(default=dict, blank=True)
    week_start_date = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "user_feedback"
        verbose_name_plural = "feedback"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(feedback_type__in=FEEDBACK_TYPES), name="feedback_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True)
                | Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="feedback_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(feedback_type=SCHEDULE_SATISFACTION) | Q(rating__isnull=False),
                name="feedback_satisfaction_rated",
            ),
            # One rating per lived week version: a second one is a 409, not a silent duplicate.
            models.UniqueConstraint(
                fields=["schedule"],
                condition=Q(feedback_type=SCHEDULE_SATISFACTION),
                name="feedback_one_rating_per_schedule",
            ),
        ]
        indexes = [
            models.Index(fields=["family", "created_at"], name="feedback_family_idx"),
            GinIndex(fields=["feedback_data"], name="feedback_data_gin"),
        ]

    def __str__(self) -> str:
        stars = f" {self.rating}*" if self.rating else ""
        return f"{self.feedback_type}{stars} ({self.family})"


REWARD_MODEL = "schedule_reward"
MODEL_NAMES = [REWARD_MODEL]


class MLModel(BaseModel):
    """A trained model, versioned (seed 000 `ml_models`); at most one active per name.

    `artifact` is the fitted model as plain JSON numbers (the reward model's
    `to_json()`), read back by `RewardModel.from_json`: loading it interprets
    numbers and never runs code, so no stored row can execute anything. The
    system writes it only from its own training runs; the admin shows it
    read-only.

    `parameters` (seed 000 "ML Model Parameters JSONB"): {"hyperparameters",
    "features": [names], "trainingData": {"sampleCount", "source", "lastUpdated"}}.
    `feature_importance`: {feature name: importance}. `performance_metrics`:
    {"satisfactionMae", "completionMae", "calibration", "nTrain", "nTest", ...}
    on held-out data, the figures activation is judged by.
    `previous_active` is the model this one replaced when it was last
    activated: rolling back returns to it.
    """

    name = models.CharField(max_length=255)
    version = models.CharField(max_length=50)
    description = models.TextField(blank=True)
    parameters = models.JSONField()
    feature_importance = models.JSONField(default=dict, blank=True)
    performance_metrics = models.JSONField(default=dict, blank=True)
    artifact = models.JSONField()
    is_active = models.BooleanField(default=False)
    activated_at = models.DateTimeField(null=True, blank=True)
    previous_active = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "ml_models"
        verbose_name = "ML model"
        ordering = ["name", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="ml_model_name_version"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(is_active=True), name="ml_model_one_active_per_name"
            ),
            models.CheckConstraint(condition=Q(name__in=MODEL_NAMES), name="ml_model_name_valid"),
        ]
        indexes = [
            models.Index(fields=["is_active"], name="ml_models_is_active_idx"),
            GinIndex(fields=["parameters"], name="ml_models_parameters_gin"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}{' (active)' if self.is_active else ''}"


TRAINING_TRIGGERS = ["nightly", "on_demand"]
# running; activated: the new model is active; kept: it was no better than the
# active one on held-out data, which stays; too_little_data; failed.
TRAINING_STATUSES = ["running", "activated", "kept", "too_little_data", "failed"]


class TrainingRun(BaseModel):
    """One training of a model, whatever came of it: GET /api/ml/model-status/
    reports the latest, so a refused or failed run is visible, not silent."""

    model_name = models.CharField(max_length=255, default=REWARD_MODEL)
    trigger = models.CharField(max_length=20)
    status = models.CharField(max_length=20, default="running")
    examples = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    candidate = models.ForeignKey(
        MLModel, on_delete=models.SET_NULL, null=True, blank=True, related_name="training_runs"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "ml_training_runs"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trigger__in=TRAINING_TRIGGERS), name="training_run_trigger_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=TRAINING_STATUSES), name="training_run_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.model_name} {self.trigger} {self.status} {self.created_at:%Y-%m-%d %H:%M}"
