"""Reward models and training rows made by hand, for tests that must know the answer."""

from __future__ import annotations

import random

from brightpath.insights.learning.reward import FEATURES, VERSION, TrainingRow
from brightpath.insights.models import REWARD_MODEL, MLModel
from brightpath.insights.services import ml_model_register


def constant_trees(base: float, split: tuple[str, float, float, float] | None = None) -> dict:
    """`base`, plus (with split = (feature, threshold, below, above)) one tree
    adding `below` when the feature is <= threshold and `above` otherwise."""
    trees = []
    if split is not None:
        feature, threshold, below, above = split
        trees.append(
            {
                "left": [1, -1, -1],
                "right": [2, -1, -1],
                "feature": [FEATURES.index(feature), -2, -2],
                "threshold": [threshold, -2.0, -2.0],
                "value": [0.0, below, above],
            }
        )
    return {"base": base, "rate": 1.0, "trees": trees}


def artifact(satisfaction: dict, completion: dict) -> dict:
    return {
        "version": VERSION,
        "kind": "gradient_boosting",
        "features": list(FEATURES),
        "featureImportance": {},
        "satisfaction": satisfaction,
        "completion": completion,
    }


def register(artifact_json: dict, *, mae: float = 0.5) -> MLModel:
    return ml_model_register(
        name=REWARD_MODEL,
        parameters={"hyperparameters": {}, "features": list(FEATURES)},
        artifact=artifact_json,
        performance_metrics={"satisfactionMae": mae, "completionMae": mae / 5},
    )


def rated_weeks(families: int, weeks: int, *, seed: int = 1) -> list[TrainingRow]:
    """Weeks whose stars and completion follow two features (plus a little
    noise): a model that learns them predicts held-out families well."""
    rng = random.Random(seed)
    rows = []
    for family in range(families):
        for _ in range(weeks):
            features = {name: rng.random() for name in FEATURES}
            fit = features["learned_fit"]
            rows.append(
                TrainingRow(
                    features=features,
                    satisfaction=min(5.0, max(1.0, 1.5 + 3 * fit + rng.gauss(0, 0.1))),
                    completion=min(1.0, max(0.0, 0.4 + 0.5 * features["morning_share"])),
                    group=f"family {family}",
                )
            )
    return rows
