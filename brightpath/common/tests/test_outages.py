"""An outage of Redis or the database is answered, not a 500.

- The cache (brightpath.common.cache.ResilientRedisCache) reads as empty and
  skips writes while its Redis is down, and deletes on its return the keys a
  failed write left stale (a session signed out during the outage stays out).
- A database error that means "unreachable" (OperationalError, InterfaceError)
  is a 503 with Retry-After: in the one error shape under /api/, a short text
  on the pages, whether it happens in an API view or in the session middleware.

The stack-level proofs (a real Redis stopped, PostgreSQL restarted under load)
are brightpath/web/tests/test_faults.py (`pytest -m faults`).
"""

import contextlib
import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError
from django.test import Client

from brightpath.common.cache import ResilientRedisCache
from brightpath.planner.apis import living

DEAD = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _cache(location: str, **options) -> ResilientRedisCache:
    return ResilientRedisCache(
        location, {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **options}}
    )


def test_a_dead_redis_reads_as_empty_and_skips_writes():
    cache = _cache(DEAD)
    assert cache.get("k") is None and cache.get("k", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("k", 1) is False
    cache.set("k", 1)
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # the keys not stored
    assert cache.delete("k") is False
    cache.delete_many(["a", "b"])
    assert cache.has_key("k") is False and "k" not in cache
    assert cache.touch("k") is False
    with pytest.raises(ValueError):
        cache.incr("counter")  # as for a missing key: callers count nothing


def test_a_failed_flush_is_not_hidden():
    with pytest.raises(Exception):  # noqa: B017 - redis' ConnectionError, whichever subclass
        _cache(DEAD).clear()


@pytest.fixture
def private_redis(tmp_path):
    """A redis-server of this test's own, and a way to make it stop answering for a
    while (SIGSTOP, as in a network partition) with its data still there."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server on PATH")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(tmp_path)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)

        @contextlib.contextmanager
        def unanswering():
            server.send_signal(signal.SIGSTOP)
            try:
                yield
            finally:
                server.send_signal(signal.SIGCONT)

        yield f"redis://127.0.0.1:{port}/0", unanswering
    finally:
        server.send_signal(signal.SIGCONT)
        server.terminate()
        server.wait(timeout=10)


def test_keys_a_failed_write_left_stale_are_deleted_when_redis_returns(private_redis):
    location, unanswering = private_redis
    cache = _cache(location, OUTAGE_RETRY_SECONDS=0)
    cache.set("session:signed-out", "signed in")
    cache.set("session:changed", "old")
    cache.set("untouched", "kept")

    with unanswering():
        cache.delete("session:signed-out")  # the database is changed; Redis cannot be
        cache.set("session:changed", "new")
        assert cache.get("session:changed") is None  # a miss: the reader goes to the database

    assert cache.get("untouched") == "kept"  # the first answer clears what went stale
    assert cache.get("session:signed-out") is None
    assert cache.get("session:changed") is None
    cache.set("session:changed", "new")
    assert cache.get("session:changed") == "new"  # and the cache fills again


def test_while_down_redis_is_not_asked_again_until_the_retry_pause_ends(private_redis):
    location, unanswering = private_redis
    cache = _cache(location, OUTAGE_RETRY_SECONDS=3600)
    cache.set("k", "before")
    with unanswering():
        assert cache.get("k") is None
    assert cache.get("k") is None  # still paused: Redis is not asked
    cache._outage.down_until = 0.1  # the pause is over
    assert cache.get("k") == "before"


# --- the database unreachable ------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_an_api_view_answers_503_in_the_error_shape(auth_client, monkeypatch, error):
    def unreachable(**kwargs):
        raise error("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(living, "family_get", unreachable)
    response = auth_client.get("/api/family/week/")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "service_unavailable"
    assert response.json()["error"]["message"]
    # The id to quote, as a 500 gives it; the same as the response's header.
    assert response.json()["error"]["requestId"] == response["X-Request-ID"]
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_a_page_answers_503_when_the_session_cannot_be_read(user, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(user)

    def unreachable(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", unreachable)
    monkeypatch.setattr("django.contrib.sessions.backends.cached_db.SessionStore.load", unreachable)
    page = client.get("/")
    assert page.status_code == 503 and int(page["Retry-After"]) > 0
    assert b"unavailable" in page.content
    api = client.get("/api/users/me/")
    assert api.status_code == 503
    assert api.json()["error"]["code"] == "service_unavailable"
    assert api.json()["error"]["requestId"] == api["X-Request-ID"]
    assert int(api["Retry-After"]) > 0 and int(page["Retry-After"]) > 0


@pytest.mark.django_db
def test_other_server_errors_stay_500(user, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(living, "family_get", broken)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    response = client.get("/api/family/week/")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"


# --- the broker unreachable --------------------------------------------------------------


@pytest.mark.django_db
def test_a_generation_that_cannot_be_queued_is_planned_at_once_and_says_so(
    auth_client, user, demo_submission, before_the_demo_week, reused_solves, settings, monkeypatch
):
    from kombu.exceptions import OperationalError as BrokerUnreachable

    from brightpath.onboarding.services import questionnaire_submit
    from brightpath.planner.services import queued

    questionnaire_submit(user=user, data=demo_submission)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.PLANNER_BACKGROUND_ABOVE = 0  # every week is meant for a worker

    def unreachable(args, *, family_id):
        raise BrokerUnreachable("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(queued, "_enqueue", unreachable)
    body = {"weekStart": "2026-01-05", "timeLimit": 1}
    response = auth_client.post("/api/schedules/generate/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["notice"] == queued.QUEUE_DOWN_NOTICE
    assert len(response.json()["schedules"]) == 2


class _DriverError(Exception):
    """What the driver raises beneath Django's OperationalError (its __cause__)."""

    def __init__(self, sqlstate=None, sqlite_errorname=None):
        super().__init__("driver")
        if sqlstate is not None:
            self.sqlstate = sqlstate
        if sqlite_errorname is not None:
            self.sqlite_errorname = sqlite_errorname


@pytest.mark.parametrize(
    ("cause", "unavailable"),
    [
        (None, True),  # refused or timed out before any server answered
        (_DriverError(sqlstate="08006"), True),  # connection failure
        (_DriverError(sqlstate="57P01"), True),  # the server shutting down (a restart)
        (_DriverError(sqlstate="40P01"), False),  # a deadlock: this request's fault
        (_DriverError(sqlstate="57014"), False),  # a statement timeout
        (_DriverError(sqlstate="42P01"), False),  # a missing table: a bug, not an outage
        (_DriverError(sqlite_errorname="SQLITE_BUSY"), True),
        (_DriverError(sqlite_errorname="SQLITE_ERROR"), False),
    ],
)
def test_only_a_database_out_of_reach_is_an_outage(cause, unavailable):
    from brightpath.common.errors import is_database_unavailable

    error = OperationalError("from the driver")
    error.__cause__ = cause
    assert is_database_unavailable(error) is unavailable
    assert is_database_unavailable(InterfaceError("connection already closed"))
    assert not is_database_unavailable(ValueError("not a database error"))
