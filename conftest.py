"""Suite-wide test set-up.

The suite runs on whatever DATABASE_URL/REDIS_URL point at (CI: PostgreSQL and
Redis), otherwise SQLite and the local-memory cache. The header says which.
"""

import os
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import override_settings


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
    # The fault tests stop and restart servers of their own for minutes: only when
    # asked for by name (-m faults), never in the default run.
    if "faults" not in (config.option.markexpr or ""):
        skip_faults = pytest.mark.skip(reason="fault test: run with -m faults")
        for item in items:
            if "faults" in item.keywords:
                item.add_marker(skip_faults)
    if _backends()[0] == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://... to run")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Argon2 at its lowest cost: every account a test makes hashes a password."""
    hashers = [h for h in settings.PASSWORD_HASHERS if not h.endswith(".Argon2PasswordHasher")]
    fast = "brightpath.common.tests.hashers.FastArgon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=[fast, *hashers]):
        yield


@pytest.fixture(autouse=True, scope="session")
def _redis_database_per_xdist_worker():
    """Under pytest-xdist (make test), each worker gets a Redis database of its own:
    the cache is cleared around every test (below), and on Redis that flushes the
    whole database. Worker gwN takes the configured database + 1 + N, so a run
    without xdist on the configured one is not flushed either. (pytest-django
    gives each worker its own test database already.)"""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1, ...
    cache = settings.CACHES["default"]
    if not worker or "redis" not in cache["BACKEND"].lower():
        yield
        return
    url = urlsplit(cache["LOCATION"])
    database = int(url.path.strip("/") or 0) + 1 + int(worker.removeprefix("gw"))
    if database > 15:  # Redis has 16 databases unless configured otherwise
        pytest.exit(f"no Redis database left for xdist worker {worker}", returncode=3)
    location = url._replace(path=f"/{database}").geturl()
    with override_settings(CACHES={"default": {**cache, "LOCATION": location}}):
        yield


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


@pytest.fixture(autouse=True)
def _short_event_streams(settings):
    """An event stream (GET /api/family/events/, with REDIS_URL) ends after half a second
    here, so a test or fuzz case that reads one to its end does not wait five minutes."""
    settings.LIVE_UPDATES_STREAM_SECONDS = 0.5


@pytest.fixture(autouse=True, scope="session")
def _solves_stop_at_their_limit():
    """The clock stops a test's solve at its time limit, as the engine did before
    its budget became deterministic time: `make test` runs two workers on two cores,
    where a deterministic budget takes up to twice its limit on the clock, so the
    safety net at WALL_CLOCK_SAFETY x the limit made solve-heavy tests 35% slower.
    The tests of stable weeks pass `clock_limit` themselves and are unaffected."""
    from unittest import mock

    from brightpath.planner.engine import solver

    with mock.patch.object(solver, "WALL_CLOCK_SAFETY", 1.0):
        yield


@pytest.fixture(autouse=True, scope="session")
def _flush_by_delete():
    """Tests that commit (live_server, transaction=True: the browser tests among them)
    empty the database after each test. Django's flush on PostgreSQL is one TRUNCATE of
    every table, which gives each of the ~90 tables new files: about 3 s a test on the
    2-core machines here. DELETE FROM each table in one transaction, with the foreign
    keys checked at its end (Django makes them DEFERRABLE INITIALLY DEFERRED), empties
    the same tables in a few hundredths of a second. Sequences to be reset still go
    through TRUNCATE ... RESTART IDENTITY."""
    from unittest import mock

    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        # Table names from Django's own introspection, quoted.
        deletes = [f"DELETE FROM {self.quote_name(table)};" for table in tables]  # noqa: S608
        return ["SET CONSTRAINTS ALL DEFERRED;", *deletes]

    with mock.patch.object(DatabaseOperations, "sql_flush", sql_flush):
        yield
