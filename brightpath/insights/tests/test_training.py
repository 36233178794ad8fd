"""Training the reward model: a candidate is activated only when it is no worse
than the active model on the same held-out weeks; every run is recorded."""

import threading

import pytest

from brightpath.insights.learning.reward import RewardModel, evaluate, held_out_split
from brightpath.insights.models import REWARD_MODEL, MLModel, TrainingRun
from brightpath.insights.services import reward_model_train
from brightpath.insights.tasks import train_reward_model

from .models_by_hand import rated_weeks

pytestmark = pytest.mark.django_db

CLEAN = rated_weeks(families=40, weeks=6)  # plenty: the signal is learned
FEW = rated_weeks(families=3, weeks=3, seed=2)  # too few to learn anything


@pytest.fixture(autouse=True)
def _few_weeks_are_enough(settings):
    settings.REWARD_MODEL_MIN_WEEKS = 6


def active() -> MLModel | None:
    return MLModel.objects.filter(name=REWARD_MODEL, is_active=True).first()


def test_the_first_model_is_activated_with_its_held_out_metrics():
    run = reward_model_train(trigger="on_demand", rows=CLEAN)
    assert run.status == "activated", run.message
    model = active()
    assert run.candidate == model and run.examples == len(CLEAN)
    metrics = model.performance_metrics
    # Far better than always guessing the mean, on families it never saw.
    assert metrics["satisfactionMae"] < metrics["satisfactionMeanBaselineMae"] / 2
    assert metrics["nTest"] + metrics["nTrain"] == len(CLEAN)
    assert metrics["satisfactionCalibration"]
    # The two features the stars and the completion follow carry the importance.
    top_two = sorted(model.feature_importance, key=model.feature_importance.get)[-2:]
    assert set(top_two) == {"learned_fit", "morning_share"}
    # The stored artifact is the model: loaded back, it predicts as trained.
    _, test = held_out_split(CLEAN)
    reloaded = evaluate(RewardModel.from_json(model.artifact), test)
    assert reloaded["satisfactionMae"] == metrics["satisfactionMae"]


def test_training_never_activates_a_worse_model():
    good = reward_model_train(trigger="nightly", rows=CLEAN).candidate
    run = reward_model_train(trigger="nightly", rows=FEW)
    assert run.status == "kept", run.message
    assert active() == good  # the better model stays
    worse = run.candidate
    assert not worse.is_active
    assert worse.parameters["comparedWith"]["version"] == good.version
    assert "was not activated" in run.message
    # Judged on the same held-out weeks: the active model is the better there.
    _, test = held_out_split(FEW)
    assert (
        evaluate(RewardModel.from_json(good.artifact), test)["satisfactionMae"]
        < worse.performance_metrics["satisfactionMae"]
    )


def test_a_better_model_replaces_the_active_one_and_can_be_rolled_back():
    weak = reward_model_train(trigger="nightly", rows=FEW).candidate
    assert active() == weak  # nothing to beat
    # The weak model's families, plus many more: better on the weak one's held-out weeks too.
    run = reward_model_train(trigger="nightly", rows=CLEAN)
    assert run.status == "activated", run.message
    strong = active()
    assert strong.previous_active == weak


def test_too_few_rated_weeks_train_nothing(settings):
    settings.REWARD_MODEL_MIN_WEEKS = 30
    run = reward_model_train(trigger="nightly", rows=FEW)
    assert run.status == "too_little_data"
    assert "9 rated weeks" in run.message
    assert not MLModel.objects.exists()


def test_one_familys_weeks_train_nothing():
    one_family = [r for r in CLEAN if r.group == "family 0"]
    run = reward_model_train(trigger="nightly", rows=one_family)
    assert run.status == "too_little_data"
    assert not MLModel.objects.exists()


def test_the_nightly_task_trains_on_the_rated_weeks_in_the_database(
    auth_client, other_client, family, other_family, settings
):
    settings.REWARD_MODEL_MIN_WEEKS = 4
    for client, fam, stars in ((auth_client, family, 5), (other_client, other_family, 2)):
        for schedule in fam.schedules.filter(is_active=True):
            body = {"scheduleId": str(schedule.pk), "rating": stars}
            assert client.post("/api/feedback/", body, format="json").status_code == 201

    result = train_reward_model()  # what beat runs
    assert result["status"] == "activated"
    run = TrainingRun.objects.get()
    assert run.trigger == "nightly" and run.examples == 4 and run.finished_at is not None
    model = active()
    assert model.parameters["trainingData"]["families"] == 2


def test_beat_trains_nightly_and_learns_before_next_week_is_planned(settings):
    from config.celery import app

    app.loader.import_default_modules()
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert {"insights.train_reward_model", "insights.refresh_preferences"} <= set(app.tasks)
    training, learning = (
        schedule["insights.train_reward_model"],
        schedule["insights.refresh_preferences"],
    )
    assert training.hour == {1} and training.day_of_week == set(range(7))  # every night
    planning = schedule["planner.generate_next_week"]
    assert learning.day_of_week == planning.day_of_week
    assert max(learning.hour) < min(planning.hour)  # the new plan uses what was learned


@pytest.mark.postgres  # two connections at once
@pytest.mark.django_db(transaction=True)
def test_the_active_model_is_judged_under_the_registrys_lock(monkeypatch):
    """Two trainings at once: the second to finish is judged against the model
    the first activated, as it reads the active model only once it holds the
    name's versions (a training meanwhile waits), not before."""
    from django.db import DatabaseError, connection, transaction

    from brightpath.insights.learning import reward
    from brightpath.insights.services import ml_model_activate, training

    from .models_by_hand import register

    fit_rows, _ = held_out_split(CLEAN)
    ml_model_activate(model=register(reward.fit(fit_rows).to_json()))
    another_run_waits = []
    judge = training._active_metrics

    def judged(test):
        def another_run():
            try:
                with transaction.atomic():
                    MLModel.objects.select_for_update(nowait=True).filter(name=REWARD_MODEL).first()
                another_run_waits.append(False)
            except DatabaseError:
                another_run_waits.append(True)
            connection.close()

        thread = threading.Thread(target=another_run)
        thread.start()
        thread.join()
        return judge(test)

    monkeypatch.setattr(training, "_active_metrics", judged)
    assert reward_model_train(trigger="nightly", rows=FEW).status == "kept"
    assert another_run_waits == [True]
