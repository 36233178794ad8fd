"""The reward model (insights.learning.reward): it trains, scores held-out
families better than a constant guess, and survives a JSON round trip."""

import json

import pytest

from brightpath.insights.learning import reward, simulation
from brightpath.planner.engine.greedy import greedy_first_fit


@pytest.fixture(scope="module")
def rows():
    """Rated weeks of 24 simulated families, planned by greedy first fit (fast)."""
    out = []
    for seed in range(24):
        family = simulation.make_family(seed)
        week = simulation.week_for(family, 0, simulation.family_cold_start(family))
        sessions = list(greedy_first_fit(week).sessions)
        for n in range(4):
            outcome = simulation.simulate_week(family, week, sessions, seed=n)
            out.append(
                reward.TrainingRow(
                    features=reward.schedule_features(week, sessions),
                    satisfaction=outcome.stars,
                    completion=outcome.completion_rate,
                    group=str(seed),
                )
            )
    return out


def test_features_of_a_week_are_named_and_in_range(rows):
    features = rows[0].features
    assert set(features) == set(reward.FEATURES)
    assert features["wanted_share"] > 0  # placed / asked: above 1 with optional sessions
    for share in ("best_time_share", "learned_coverage", "morning_share", "day_fill"):
        assert 0 <= features[share] <= 1


def test_training_reports_held_out_error_and_calibration(rows):
    model, metrics = reward.train(rows, seed=0)
    assert metrics["nTrain"] + metrics["nTest"] == len(rows)
    assert metrics["satisfactionMae"] < 1.5
    assert 0 <= metrics["completionMae"] < 0.3
    assert sum(b["n"] for b in metrics["completionCalibration"]) == metrics["nTest"]
    assert metrics["satisfactionCalibrationError"] >= 0
    assert set(metrics["featureImportance"]) == set(reward.FEATURES)
    satisfaction, completion = model.predict(rows[0].features)
    assert 1 <= satisfaction <= 5 and 0 <= completion <= 1


def test_the_model_round_trips_through_json_with_the_same_predictions(rows):
    model = reward.fit(rows[:60], seed=1)
    stored = json.loads(json.dumps(model.to_json()))
    loaded = reward.RewardModel.from_json(stored)
    for row in rows[60:70]:
        assert loaded.predict(row.features) == pytest.approx(model.predict(row.features))


def test_the_json_predictions_match_scikit_learn():
    import numpy as np
    from sklearn.ensemble import GradientBoostingRegressor

    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, size=(80, len(reward.FEATURES)))
    y = 1 + 4 * x[:, 0] * x[:, 1]
    fitted = GradientBoostingRegressor(random_state=0, **reward.HYPERPARAMETERS).fit(x, y)
    trees = reward._Trees.of(fitted)
    assert [trees.predict(row) for row in x[:10]] == pytest.approx(fitted.predict(x[:10]))


def test_a_worse_model_does_not_replace_a_better_one(rows):
    good = reward.fit(rows, seed=0)
    flat = reward.RewardModel(
        satisfaction=reward._Trees(base=1.0, rate=0.1, trees=[]),
        completion=reward._Trees(base=0.0, rate=0.1, trees=[]),
    )
    held_out = rows[-16:]
    assert reward.better_than(reward.evaluate(good, held_out), reward.evaluate(flat, held_out))
    assert not reward.better_than(reward.evaluate(flat, held_out), reward.evaluate(good, held_out))
    assert reward.better_than(reward.evaluate(flat, held_out), None)


def test_training_needs_two_families(rows):
    with pytest.raises(ValueError, match="two families"):
        reward.train([r for r in rows if r.group == "0"])


def test_a_week_is_scored_and_better_fitting_plans_rank_first(rows):
    model = reward.fit(rows, seed=0)
    family = simulation.make_family(4)
    week = simulation.week_for(family, 0)
    plan = list(greedy_first_fit(week).sessions)
    scored = reward.score_week(model, week, plan)
    assert 1 <= scored["satisfaction"] <= 5 and 0 <= scored["completionRate"] <= 1
    assert set(scored["features"]) == set(reward.FEATURES)
    assert sorted(reward.rank(model, week, [plan, plan[:3]])) == [0, 1]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"left": [0, -1, -1]}, "out of order"),  # the root its own child: a walk never ends
        ({"right": [2, -1, 7]}, "out of order"),
        ({"feature": [len(reward.FEATURES), -2, -2]}, "no known feature"),
        ({"value": [0.0]}, "differ in length"),
    ],
)
def test_a_stored_model_that_predict_could_not_walk_is_refused(change, problem):
    tree = {
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "feature": [0, -2, -2],
        "threshold": [0.5, -2.0, -2.0],
        "value": [0.0, 1.0, 2.0],
    }
    good = {"base": 3.0, "rate": 1.0, "trees": [tree]}
    stored = reward.RewardModel(
        satisfaction=reward._Trees.from_json(good, features=len(reward.FEATURES)),
        completion=reward._Trees(base=0.5, rate=1.0, trees=[]),
    ).to_json()
    assert reward.RewardModel.from_json(stored).predict({}) == (4.0, 0.5)
    stored["satisfaction"]["trees"][0] = {**tree, **change}
    with pytest.raises(ValueError, match=problem):
        reward.RewardModel.from_json(stored)
