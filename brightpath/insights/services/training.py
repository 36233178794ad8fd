"""Training the reward model (issue 17, seed 002's train_reward_model made real).

A run fits a candidate on most families' rated weeks and scores it on the
weeks of the families held out. The active model is scored on the same
held-out weeks, and the candidate is activated only if it is no worse on
either target (satisfaction, completion); otherwise it is kept, inactive, for
the record, and the active model stays. Every run is recorded (TrainingRun),
whatever came of it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..learning.reward import (
    HYPERPARAMETERS,
    RewardModel,
    TrainingRow,
    better_than,
    evaluate,
    fit,
    held_out_split,
)
from ..models import REWARD_MODEL, TrainingRun
from ..selectors.registry import active_model
from ..selectors.training import training_rows
from .registry import ml_model_activate, ml_model_register, versions_locked

logger = logging.getLogger(__name__)

SPLIT_SEED = 0  # the same rows split the same way, so reruns are comparable


def _finish(run: TrainingRun, status: str, message: str, **fields) -> TrainingRun:
    run.status, run.message, run.finished_at = status, message, timezone.now()
    for key, value in fields.items():
        setattr(run, key, value)
    run.save()
    logger.info("reward model training %s", status, extra={"run_id": str(run.pk)})
    return run


def _enough(rows: Sequence[TrainingRow]) -> str | None:
    """Why `rows` are too few to train on, or None."""
    families = len({r.group for r in rows})
    if len(rows) < settings.REWARD_MODEL_MIN_WEEKS:
        return f"{len(rows)} rated weeks; training needs {settings.REWARD_MODEL_MIN_WEEKS}."
    if families < 2:
        return f"Rated weeks from {families} family; training needs two at least."
    return None


def _active_metrics(test: Sequence[TrainingRow]) -> tuple[object, dict | None]:
    """The active model row and its metrics on `test` (None: none to beat)."""
    row = active_model(name=REWARD_MODEL)
    if row is None:
        return None, None
    try:
        return row, evaluate(RewardModel.from_json(row.artifact), test)
    except (KeyError, TypeError, ValueError):
        # A version this code cannot read cannot be used either: nothing to beat.
        logger.warning("active reward model unreadable", extra={"version": row.version})
        return row, None


def reward_model_train(
    *, trigger: str, rows: Sequence[TrainingRow] | None = None, seed: int = SPLIT_SEED
) -> TrainingRun:
    """Train a candidate on `rows` (the rated weeks in the database when None)
    and activate it only if it is no worse than the active model on the same
    held-out weeks. Returns the run, which says what happened."""
    run = TrainingRun.objects.create(model_name=REWARD_MODEL, trigger=trigger)
    try:
        rows = training_rows() if rows is None else list(rows)
        too_few = _enough(rows)
        if too_few:
            return _finish(run, "too_little_data", too_few, examples=len(rows))
        fit_rows, test_rows = held_out_split(rows, seed=seed)
        candidate = fit(fit_rows, seed=seed)
        metrics = evaluate(candidate, test_rows, reference=fit_rows)
        metrics["nTrain"] = len(fit_rows)
        with transaction.atomic():
            # The active model is read and judged under the registry's lock, so a
            # run that activated a better one meanwhile is the one to beat.
            versions_locked(REWARD_MODEL)
            active, active_metrics = _active_metrics(test_rows)
            model = ml_model_register(
                name=REWARD_MODEL,
                parameters={
                    "hyperparameters": HYPERPARAMETERS,
                    "features": list(candidate.features),
                    "trainingData": {
                        "sampleCount": len(rows),
                        "families": len({r.group for r in rows}),
                        "lastUpdated": timezone.now().date().isoformat(),
                        "trigger": trigger,
                    },
                    "comparedWith": (
                        {"version": active.version, "metrics": _headline(active_metrics)}
                        if active is not None and active_metrics is not None
                        else None
                    ),
                },
                artifact=candidate.to_json(),
                feature_importance=candidate.feature_importance,
                performance_metrics={k: v for k, v in metrics.items() if k != "featureImportance"},
                description=f"Trained {trigger} on {len(fit_rows)} weeks, "
                f"scored on {len(test_rows)} held-out weeks.",
            )
            versus = _versus(metrics, active, active_metrics)
            if better_than(metrics, active_metrics):
                ml_model_activate(model=model)
                status, message = "activated", f"v{model.version} is active: {versus}"
            else:
                status, message = "kept", f"v{model.version} was not activated: {versus}"
            return _finish(run, status, message, examples=len(rows), candidate=model)
    except Exception as exc:
        logger.exception("reward model training failed", extra={"run_id": str(run.pk)})
        _finish(run, "failed", f"{type(exc).__name__}: {exc}")
        raise


def _headline(metrics: dict) -> dict:
    return {k: metrics[k] for k in ("satisfactionMae", "completionMae", "nTest") if k in metrics}


def _versus(metrics: dict, active, active_metrics: dict | None) -> str:
    mine = f"held-out MAE {metrics['satisfactionMae']:.3f} stars, {metrics['completionMae']:.3f}"
    if active is None or active_metrics is None:
        return f"{mine} (no active model to compare with)."
    return (
        f"{mine} against v{active.version}'s {active_metrics['satisfactionMae']:.3f} stars, "
        f"{active_metrics['completionMae']:.3f} on the same weeks."
    )
