"""Suite-wide test set-up.

The suite runs on whatever DATABASE_URL/REDIS_URL point at (CI: PostgreSQL and
Redis), otherwise SQLite and the local-memory cache. The header says which.
"""

import os

import pytest
from django.conf import settings


def _backends() -> tuple[str, str]:
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache = "redis" if "redis" in settings.CACHES["default"]["BACKEND"].lower() else "local memory"
    return database, cache


def pytest_report_header(config) -> str:
    database, cache = _backends()
    return f"brightpath: database={database} cache={cache} celery=eager"


def pytest_configure(config) -> None:
    # CI must exercise the real services; a silent fall-back to SQLite would hide failures.
    if os.environ.get("CI", "").lower() not in ("1", "true"):
        return
    if _backends() != ("postgresql", "redis"):
        pytest.exit(f"CI needs PostgreSQL and Redis, got {_backends()}", returncode=3)
    if not os.path.exists("/usr/bin/chromium"):
        pytest.exit("CI needs /usr/bin/chromium for the browser tests", returncode=3)


def pytest_collection_modifyitems(config, items) -> None:
    if _backends()[0] == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://... to run")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_cache_and_eager_celery(settings):
    """Each test starts with an empty cache (throttles, drafts) and inline Celery."""
    from django.core.cache import cache

    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    cache.clear()
    yield
    cache.clear()
