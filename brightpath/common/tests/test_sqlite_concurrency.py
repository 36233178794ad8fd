"""The embedded default (SQLite, `make run`) serves requests at the same time.

Two requests at once used to answer 500 "database is locked": two transactions
that read and then write (a draft save) both took SQLite's shared lock and then
could not both upgrade it, and SQLite fails one of them at once rather than wait.
The settings now open SQLite in WAL mode with a busy timeout and IMMEDIATE
transactions (config/settings.py).

The test suite's own SQLite database lives in memory, where none of that applies,
so this runs the project's WSGI app with its real settings in a separate process
against a temporary database file, and fires concurrent HTTP requests at it on
127.0.0.1. On PostgreSQL it is skipped: the embedded default is what it tests.
"""

import json
import os
import select
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from brightpath.accounts.services import tokens_for
from brightpath.accounts.tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="tests the embedded default (SQLite); this run uses another database",
    ),
]

BASE_DIR = Path(settings.BASE_DIR)
SERVER_SETTINGS = "config.settings"
STARTUP_SECONDS = 60
REQUEST_SECONDS = 60

# Serve the project (its real settings) with Django's threaded WSGI server on a
# free port of 127.0.0.1; print the port once it listens.
SERVER = """
import django
django.setup()
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application

ThreadedWSGIServer.request_queue_size = 128  # every request of the test connects at once
server = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
server.set_app(get_wsgi_application())
print(server.server_port, flush=True)
server.serve_forever()
"""

FAMILY_SECTIONS = ["section1", "section3", "section5", "section7"]
CHILD_SECTIONS = ["section2", "section3Child", "section4", "section6"]


@pytest.fixture
def tokens() -> list[str]:
    """Three users' access tokens (the users are copied into the database file)."""
    return [tokens_for(UserFactory())["access"] for _ in range(3)]


@pytest.fixture
def database_file(tmp_path, tokens) -> Path:
    """A file database with the test database's schema and users (migrating anew is slower)."""
    path = tmp_path / "brightpath.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return path


@pytest.fixture
def server(database_file, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
        "DATABASE_URL": f"sqlite:///{database_file}",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
        "CELERY_RESULT_BACKEND": "",
        "DEBUG": "true",
        "LOG_LEVEL": "WARNING",
    }
    log = tmp_path / "server.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    try:
        ready, _, _ = select.select([process.stdout], [], [], STARTUP_SECONDS)
        port = process.stdout.readline().strip() if ready else ""
        if not port.isascii() or not port.isdigit():
            pytest.fail(f"the server did not start:\n{log.read_text()[-3000:]}")
        yield f"http://127.0.0.1:{port}", log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def call(base: str, token: str, method: str, path: str, body=None) -> tuple[int, bytes]:
    request = urllib.request.Request(
        base + path,
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with _NO_PROXY.open(request, timeout=REQUEST_SECONDS) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_embedded_default_opens_sqlite_for_concurrent_requests():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20


def test_concurrent_draft_saves_and_reads_all_succeed(server, tokens, database_file):
    base, log = server

    # Every user saves every draft section at once, while reading the questionnaire.
    writes = []
    for number, token in enumerate(tokens):
        for section in FAMILY_SECTIONS:
            writes.append((token, f"/api/questionnaire/drafts/{section}/", f"{section}-{number}"))
        for section in CHILD_SECTIONS:
            writes.append(
                (
                    token,
                    f"/api/questionnaire/drafts/children/temp_child_1/{section}/",
                    f"child-{section}-{number}",
                )
            )
    reads = [(token, "/api/questionnaire/") for token in tokens for _ in range(4)]
    jobs = len(writes) + len(reads)
    start = threading.Barrier(jobs)

    def write(token: str, path: str, value: str):
        start.wait(timeout=REQUEST_SECONDS)
        return call(base, token, "PUT", path, {"draft": {"value": value}, "status": "in_progress"})

    def read(token: str, path: str):
        start.wait(timeout=REQUEST_SECONDS)
        return call(base, token, "GET", path)

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        written = [pool.submit(write, *job) for job in writes]
        read_back = [pool.submit(read, *job) for job in reads]
        answers = [f.result() for f in written + read_back]
    elapsed = time.monotonic() - began

    failures = [(status, body[:300]) for status, body in answers if status != 200]
    assert not failures, (
        f"{len(failures)} failed: {failures[:3]}\nserver log:\n{log.read_text()[-3000:]}"
    )
    assert elapsed < REQUEST_SECONDS

    # Every write was saved: each user's sections hold what that user wrote.
    for number, token in enumerate(tokens):
        status, body = call(base, token, "GET", "/api/questionnaire/")
        assert status == 200
        drafts = json.loads(body)["drafts"]
        for section in FAMILY_SECTIONS:
            assert drafts[section] == {"value": f"{section}-{number}"}
        child = drafts["children"]["temp_child_1"]
        for section in CHILD_SECTIONS:
            assert child[section] == {"value": f"child-{section}-{number}"}
    with closing(sqlite3.connect(database_file)) as check:
        assert check.execute("PRAGMA journal_mode").fetchone() == ("wal",)
