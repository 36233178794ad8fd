from unittest import mock

import pytest
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_is_200(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_200_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["cache"] == "ok"


def test_readyz_is_503_naming_the_database(client):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "not_ready"
    assert "database" in error["message"]
    assert error["checks"]["database"].startswith("unreachable")
    assert error["checks"]["cache"] == "ok"


def test_readyz_is_503_naming_redis_when_it_is_down(client):
    # A real Redis client pointed at a port where nothing listens.
    dead_redis = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.5}})
    with mock.patch("brightpath.common.health.cache", dead_redis):
        response = client.get("/readyz")
    assert response.status_code == 503
    error = response.json()["error"]
    assert "cache" in error["message"]
    assert "ConnectionError" in error["checks"]["cache"]
    assert error["checks"]["database"] == "ok"


def test_readyz_checks_the_broker_when_not_eager(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["error"]["checks"]["broker"].startswith("unreachable")


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL: a real Redis broker")
def test_readyz_reaches_a_real_redis_broker(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = settings.REDIS_URL
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"
