"""The reward model (seed 002's ScheduleRewardModel, made real): a schedule's
satisfaction (the week's star rating, 1-5) and completion rate (0-1), predicted
from features of the schedule and of the family.

- schedule_features(week, sessions): the feature dict of one planned week
  (engine WeekInput and Sessions); FEATURES is its order.
- train(rows): two gradient-boosted tree ensembles (scikit-learn), fitted on
  a split by family and scored on the held-out families: mean absolute error
  (against always predicting the training mean, for scale) and calibration
  (mean predicted against mean observed, per fifth of the predictions).
- evaluate(model, rows): the same metrics for any model on any rows, so an
  old and a new model can be compared on the same held-out data;
  better_than(new, old): whether the new one is no worse on either target.
- score_week(model, week, sessions): a planned week's predictions (the
  evaluate-schedule API); rank(model, week, alternatives): plans best first;
- RewardModel.to_json() / from_json(): the fitted trees as plain numbers,
  predicted here without scikit-learn: storing and loading a model runs no
  code (no pickle), whatever is in the stored JSON.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import GroupShuffleSplit

from brightpath.planner.engine.model import LEARNING_WINDOWS, Session, WeekInput, target_sessions

FEATURES = (
    "children",
    "adults",
    "mean_age",
    "sessions_per_child",
    "minutes_per_child_day",
    "wanted_share",  # sessions placed / sessions the frequencies ask for
    "best_time_share",  # sessions starting at the child's questionnaire best times
    "learned_coverage",  # sessions of subjects with a learned time
    "learned_fit",  # of those, starting inside it
    "morning_share",
    "core_morning_share",
    "mean_start_hour",
    "start_spread",  # minutes: how much a subject's start wanders across the week
    "day_fill",  # of a child's homeschool hours, the share between first start and last end
    "grouped_share",
    "learning_times_weight",
    "child_interest_weight",
)
VERSION = 1
HYPERPARAMETERS = {
    "n_estimators": 150,
    "max_depth": 3,
    "learning_rate": 0.05,
    "subsample": 0.8,
    "min_samples_leaf": 5,
}
CALIBRATION_BINS = 5
HELD_OUT = 0.25  # share of families whose weeks score a model


# --- features -------------------------------------------------------------


def schedule_features(week: WeekInput, sessions: Sequence[Session]) -> dict[str, float]:
    """The week's features; learned times are read from week.learned_times."""
    children = {c.id: c for c in week.children}
    subjects = {(c.id, s.id): s for c in week.children for s in c.subjects}
    count = max(1, len(sessions))
    wanted = sum(
        target_sessions(s.frequency, len(week.days))[0] for c in week.children for s in c.subjects
    )
    best = 0
    covered = inside = 0
    morning = core = core_morning = grouped = minutes = 0
    starts: dict[tuple, list[int]] = defaultdict(list)
    days: dict[tuple, list[Session]] = defaultdict(list)
    for s in sessions:
        child = children.get(s.child_id)
        windows = [
            LEARNING_WINDOWS[t]
            for t in (child.best_times if child else ())
            if t in LEARNING_WINDOWS
        ]
        best += any(a <= s.start < b for a, b in windows)
        learned = week.learned_time(s.child_id, s.subject_id)
        if learned is not None and learned.windows:
            covered += 1
            inside += any(a <= s.start < b for a, b in learned.windows)
        morning += s.start < 12 * 60
        subject = subjects.get((s.child_id, s.subject_id))
        if subject is not None and subject.is_core:
            core += 1
            core_morning += s.start < 12 * 60
        grouped += bool(s.grouped_with)
        minutes += s.end - s.start
        starts[(s.child_id, s.subject_id)].append(s.start)
        days[(s.child_id, s.day)].append(s)
    spreads = [statistics.pstdev(v) for v in starts.values() if len(v) > 1]
    fills = []
    for (child_id, _), todays in days.items():
        child = children.get(child_id)
        if child is None or child.day_end <= child.day_start:
            continue
        span = max(s.end for s in todays) - min(s.start for s in todays)
        fills.append(span / (child.day_end - child.day_start))
    n_children = max(1, len(week.children))
    return {
        "children": float(len(week.children)),
        "adults": float(week.adults),
        "mean_age": statistics.fmean(c.age for c in week.children) if week.children else 0.0,
        "sessions_per_child": len(sessions) / n_children,
        "minutes_per_child_day": minutes / (n_children * max(1, len(week.days))),
        "wanted_share": len(sessions) / wanted if wanted else 1.0,
        "best_time_share": best / count,
        "learned_coverage": covered / count,
        "learned_fit": inside / covered if covered else 0.0,
        "morning_share": morning / count,
        "core_morning_share": core_morning / core if core else 0.0,
        "mean_start_hour": statistics.fmean(s.start for s in sessions) / 60 if sessions else 0.0,
        "start_spread": statistics.fmean(spreads) if spreads else 0.0,
        "day_fill": statistics.fmean(fills) if fills else 0.0,
        "grouped_share": grouped / count,
        "learning_times_weight": week.preferences.learning_times,
        "child_interest_weight": week.preferences.child_interest,
    }


def as_vector(features: dict[str, float]) -> list[float]:
    return [float(features.get(name, 0.0)) for name in FEATURES]


# --- training rows ------------------------------------------------------------


@dataclass(frozen=True)
class TrainingRow:
    """One rated week: its features, what the family said and did, and whose it is
    (rows of one family never straddle the train/held-out split)."""

    features: dict[str, float]
    satisfaction: float  # stars, 1-5
    completion: float  # completion rate, 0-1
    group: str  # the family


# --- the model ------------------------------------------------------------------


@dataclass
class _Trees:
    """A fitted GradientBoostingRegressor as plain numbers."""

    base: float
    rate: float
    trees: list[dict]  # left, right, feature, threshold, value: lists per node

    @classmethod
    def of(cls, fitted: GradientBoostingRegressor) -> _Trees:
        trees = []
        for (estimator,) in fitted.estimators_:
            tree = estimator.tree_
            trees.append(
                {
                    "left": tree.children_left.tolist(),
                    "right": tree.children_right.tolist(),
                    "feature": tree.feature.tolist(),
                    "threshold": [round(float(t), 9) for t in tree.threshold],
                    "value": [float(v) for v in tree.value[:, 0, 0]],
                }
            )
        return cls(
            base=float(fitted.init_.constant_.ravel()[0]), rate=fitted.learning_rate, trees=trees
        )

    def predict(self, x: Sequence[float]) -> float:
        total = self.base
        for tree in self.trees:
            node = 0
            while tree["left"][node] != -1:
                feature = tree["feature"][node]
                node = (
                    tree["left"][node]
                    if x[feature] <= tree["threshold"][node]
                    else tree["right"][node]
                )
            total += self.rate * tree["value"][node]
        return total

    def to_json(self) -> dict:
        return {"base": self.base, "rate": self.rate, "trees": self.trees}

    @classmethod
    def from_json(cls, data: dict, *, features: int) -> _Trees:
        """Read back; ValueError unless every tree is one predict() walks to a
        leaf (children after their parent, features among the `features`)."""
        trees = []
        for t in data["trees"]:
            tree = {
                "left": [int(v) for v in t["left"]],
                "right": [int(v) for v in t["right"]],
                "feature": [int(v) for v in t["feature"]],
                "threshold": [float(v) for v in t["threshold"]],
                "value": [float(v) for v in t["value"]],
            }
            _check_tree(tree, features)
            trees.append(tree)
        return cls(base=float(data["base"]), rate=float(data["rate"]), trees=trees)


def _check_tree(tree: dict, features: int) -> None:
    size = len(tree["left"])
    if size == 0 or any(len(v) != size for v in tree.values()):
        raise ValueError("a stored tree's node lists differ in length")
    for node in range(size):
        left, right = tree["left"][node], tree["right"][node]
        if left == right == -1:
            continue
        # sklearn numbers nodes depth first: a child always comes after its
        # parent, so a walk from the root ends at a leaf (no loop, no overrun).
        if not (node < left < size and node < right < size):
            raise ValueError(f"a stored tree's node {node} has children out of order")
        if not 0 <= tree["feature"][node] < features:
            raise ValueError(f"a stored tree's node {node} splits on no known feature")


@dataclass
class RewardModel:
    satisfaction: _Trees
    completion: _Trees
    feature_importance: dict[str, float] = field(default_factory=dict)
    features: tuple[str, ...] = FEATURES

    def predict(self, features: dict[str, float]) -> tuple[float, float]:
        """(satisfaction 1-5, completion rate 0-1) for one week's features."""
        x = [float(features.get(name, 0.0)) for name in self.features]
        satisfaction = min(5.0, max(1.0, self.satisfaction.predict(x)))
        completion = min(1.0, max(0.0, self.completion.predict(x)))
        return satisfaction, completion

    def to_json(self) -> dict:
        return {
            "version": VERSION,
            "kind": "gradient_boosting",
            "features": list(self.features),
            "hyperparameters": HYPERPARAMETERS,
            "featureImportance": self.feature_importance,
            "satisfaction": self.satisfaction.to_json(),
            "completion": self.completion.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict) -> RewardModel:
        if data.get("version") != VERSION:
            raise ValueError(f"reward model version {data.get('version')!r} is not {VERSION}")
        features = tuple(str(name) for name in data["features"])
        return cls(
            satisfaction=_Trees.from_json(data["satisfaction"], features=len(features)),
            completion=_Trees.from_json(data["completion"], features=len(features)),
            feature_importance={k: float(v) for k, v in data.get("featureImportance", {}).items()},
            features=features,
        )


def score_week(model: RewardModel, week: WeekInput, sessions: Sequence[Session]) -> dict:
    """One planned week scored: {"satisfaction", "completionRate", "features"}."""
    features = schedule_features(week, sessions)
    satisfaction, completion = model.predict(features)
    return {
        "satisfaction": round(satisfaction, 3),
        "completionRate": round(completion, 4),
        "features": features,
    }


def rank(
    model: RewardModel, week: WeekInput, alternatives: Sequence[Sequence[Session]]
) -> list[int]:
    """Indexes of alternative plans of one week, best first: by predicted
    satisfaction, then completion (how the engine can choose among weeks)."""
    scored = [model.predict(schedule_features(week, a)) for a in alternatives]
    return sorted(range(len(alternatives)), key=lambda i: (-scored[i][0], -scored[i][1], i))


def held_out_split(
    rows: Sequence[TrainingRow], *, seed: int = 0, held_out: float = HELD_OUT
) -> tuple[list[TrainingRow], list[TrainingRow]]:
    """(rows to fit on, rows to score on), split by family: a family's weeks
    are all on one side, so the score says how the model does on new families."""
    split = GroupShuffleSplit(n_splits=1, test_size=held_out, random_state=seed)
    fit_at, test_at = next(split.split(np.zeros(len(rows)), groups=[r.group for r in rows]))
    return [rows[i] for i in fit_at], [rows[i] for i in test_at]


def train(
    rows: Sequence[TrainingRow], *, seed: int = 0, held_out: float = HELD_OUT
) -> tuple[RewardModel, dict]:
    """Fit on most families, score on the rest: (the model, its held-out metrics).

    Needs rows from at least two families (one to learn from, one to test on)."""
    if len({r.group for r in rows}) < 2:
        raise ValueError("training needs rated weeks from at least two families")
    fitted, test = held_out_split(rows, seed=seed, held_out=held_out)
    model = fit(fitted, seed=seed)
    metrics = evaluate(model, test, reference=fitted)
    metrics["nTrain"] = len(fitted)
    return model, metrics


def fit(rows: Sequence[TrainingRow], *, seed: int = 0) -> RewardModel:
    x = np.array([as_vector(r.features) for r in rows])
    models = {}
    for target in ("satisfaction", "completion"):
        y = np.array([getattr(r, target) for r in rows], dtype=float)
        regressor = GradientBoostingRegressor(random_state=seed, **HYPERPARAMETERS)
        models[target] = regressor.fit(x, y)
    importance = (
        models["satisfaction"].feature_importances_ + models["completion"].feature_importances_
    ) / 2
    return RewardModel(
        satisfaction=_Trees.of(models["satisfaction"]),
        completion=_Trees.of(models["completion"]),
        feature_importance={
            n: round(float(v), 4) for n, v in zip(FEATURES, importance, strict=True)
        },
    )


def evaluate(
    model: RewardModel, rows: Sequence[TrainingRow], *, reference: Sequence[TrainingRow] = ()
) -> dict:
    """Held-out metrics of `model` on `rows`. With `reference` (its training rows),
    also the error of always predicting their mean, for scale."""
    if not rows:
        raise ValueError("no rows to evaluate on")
    predicted = [model.predict(r.features) for r in rows]
    metrics: dict = {"nTest": len(rows), "featureImportance": model.feature_importance}
    for n, target in enumerate(("satisfaction", "completion")):
        observed = [getattr(r, target) for r in rows]
        guesses = [p[n] for p in predicted]
        metrics[f"{target}Mae"] = round(_mae(guesses, observed), 4)
        bins = _calibration(guesses, observed)
        metrics[f"{target}Calibration"] = bins
        metrics[f"{target}CalibrationError"] = round(
            sum(b["n"] * abs(b["predicted"] - b["observed"]) for b in bins) / len(rows), 4
        )
        if reference:
            mean = statistics.fmean(getattr(r, target) for r in reference)
            metrics[f"{target}MeanBaselineMae"] = round(_mae([mean] * len(rows), observed), 4)
    return metrics


def better_than(new: dict, old: dict | None, *, tolerance: float = 1e-9) -> bool:
    """Whether a model with metrics `new` may replace one with `old`: no worse
    held-out error on either target (compare metrics from the same rows)."""
    if old is None:
        return True
    return all(
        new[f"{target}Mae"] <= old[f"{target}Mae"] + tolerance
        for target in ("satisfaction", "completion")
    )


def _mae(predicted: Sequence[float], observed: Sequence[float]) -> float:
    return statistics.fmean(abs(p - o) for p, o in zip(predicted, observed, strict=True))


def _calibration(predicted: Sequence[float], observed: Sequence[float]) -> list[dict]:
    """Mean predicted against mean observed, per fifth of the predictions (sorted)."""
    order = sorted(range(len(predicted)), key=lambda i: predicted[i])
    bins = []
    for chunk in np.array_split(np.array(order), min(CALIBRATION_BINS, len(order))):
        if len(chunk) == 0:
            continue
        bins.append(
            {
                "n": len(chunk),
                "predicted": round(statistics.fmean(predicted[i] for i in chunk), 4),
                "observed": round(statistics.fmean(observed[i] for i in chunk), 4),
            }
        )
    return bins
