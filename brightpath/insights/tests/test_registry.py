"""The model registry: versions, one active per name, activation and rollback
(services and the admin), and GET /api/ml/model-status/."""

import pytest
from django.db import IntegrityError, transaction

from brightpath.accounts.tests.factories import UserFactory
from brightpath.common.errors import Conflict
from brightpath.insights.models import REWARD_MODEL, MLModel, TrainingRun
from brightpath.insights.services import ml_model_activate, ml_model_rollback

from .models_by_hand import artifact, constant_trees, register

pytestmark = pytest.mark.django_db


def constant(stars: float) -> dict:
    return artifact(constant_trees(stars), constant_trees(0.8))


def active() -> MLModel | None:
    return MLModel.objects.filter(name=REWARD_MODEL, is_active=True).first()


def test_versions_count_up_and_start_inactive():
    first, second = register(constant(3)), register(constant(4))
    assert (first.version, second.version) == ("1", "2")
    assert active() is None


def test_activation_replaces_the_active_version_and_rollback_returns_to_it():
    v1, v2, v3 = register(constant(3)), register(constant(4)), register(constant(5))
    ml_model_activate(model=v1)
    ml_model_activate(model=v2)
    assert active() == v2
    v1.refresh_from_db()
    assert not v1.is_active
    ml_model_activate(model=v3)
    assert active() == v3

    assert ml_model_rollback(name=REWARD_MODEL) == v2
    assert active() == v2
    assert ml_model_rollback(name=REWARD_MODEL) == v1  # each version remembers its predecessor
    assert active() == v1
    with pytest.raises(Conflict):
        ml_model_rollback(name=REWARD_MODEL)  # v1 replaced nothing
    assert active() == v1
    assert MLModel.objects.count() == 3  # history is kept


def test_rollback_without_an_active_model_is_a_conflict():
    register(constant(3))
    with pytest.raises(Conflict):
        ml_model_rollback(name=REWARD_MODEL)


def test_activating_the_active_version_changes_nothing():
    v1, v2 = register(constant(3)), register(constant(4))
    ml_model_activate(model=v1)
    ml_model_activate(model=v2)
    ml_model_activate(model=v2)
    v2.refresh_from_db()
    assert v2.previous_active == v1


def test_the_database_allows_one_active_version_per_name():
    v1, v2 = register(constant(3)), register(constant(4))
    ml_model_activate(model=v1)
    with pytest.raises(IntegrityError), transaction.atomic():
        MLModel.objects.filter(pk=v2.pk).update(is_active=True)


@pytest.fixture
def staff_client(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    return client


def test_staff_activate_and_roll_back_from_the_admin(staff_client):
    v1, v2 = register(constant(3)), register(constant(4))
    url = "/admin/insights/mlmodel/"
    response = staff_client.post(url, {"action": "activate", "_selected_action": [v1.pk]})
    assert response.status_code == 302
    assert active() == v1
    staff_client.post(url, {"action": "activate", "_selected_action": [v2.pk]})
    assert active() == v2

    staff_client.post(url, {"action": "roll_back", "_selected_action": [v2.pk]})
    assert active() == v1

    # Two at once is refused: which one would be active?
    staff_client.post(url, {"action": "activate", "_selected_action": [v1.pk, v2.pk]})
    assert active() == v1


def test_the_admin_cannot_edit_a_version(staff_client):
    v1 = register(constant(3))
    page = staff_client.get(f"/admin/insights/mlmodel/{v1.pk}/change/")
    assert page.status_code == 200
    assert b'name="artifact"' not in page.content  # shown read-only, never a form field
    assert staff_client.get("/admin/insights/mlmodel/add/").status_code == 403


def test_model_status_reports_the_active_version_its_metrics_and_runs(auth_client):
    v1 = register(constant(3))
    register(constant(4))
    ml_model_activate(model=v1)
    TrainingRun.objects.create(trigger="nightly", status="kept", message="v2 was worse")
    body = auth_client.get("/api/ml/model-status/").json()
    (reward,) = body
    assert reward["name"] == REWARD_MODEL
    assert reward["active"]["version"] == "1"
    assert reward["active"]["performanceMetrics"]["satisfactionMae"] == 0.5
    assert [v["version"] for v in reward["versions"]] == ["2", "1"]
    assert [v["isActive"] for v in reward["versions"]] == [False, True]
    assert "artifact" not in reward["active"]
    assert reward["runs"][0]["status"] == "kept"
    assert reward["training"] is False


def test_training_on_demand_is_for_staff(auth_client, api_client):
    assert auth_client.post("/api/ml/train/").status_code == 403
    staff = UserFactory(is_staff=True)
    api_client.force_authenticate(staff)
    response = api_client.post("/api/ml/train/")
    assert response.status_code == 202
    assert response.json()["taskId"]
