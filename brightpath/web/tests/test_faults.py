"""Faults: the stack keeps its promises when a piece of it fails.

Each test breaks one piece of a real stack and checks what a user would see:
gunicorn (config.wsgi) and a Celery worker on a private PostgreSQL cluster
(initdb in a temporary directory) and two private Redis servers, one the cache
and sessions' accelerator (REDIS_URL), one the Celery broker and result store,
all on free ports of 127.0.0.1. The shared PostgreSQL (5432) and Redis (6379)
are never touched.

1. Redis (the cache) stopped: sign-in, reads and writes still succeed from the
   database; when Redis returns the cache fills again.
2. The Celery broker down: generating a week meant for a worker is planned at
   once (201 with a notice) instead of failing or hanging.
3. PostgreSQL restarted under load: requests during the outage answer 503 in the
   one error shape (never 500, never a hang), and succeed afterwards without
   restarting anything.
4. A worker killed (kill -9) mid-task: the task is redelivered and its week is
   stored exactly once, both when the pool's child dies and when the whole worker
   dies and is started again.

They start and stop servers and wait for slow solves, so they are not part of
the default run: `pytest -m faults brightpath/web/tests/test_faults.py`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from .live_stack import (
    BASE_DIR,
    PrivatePostgres,
    PrivateRedis,
    Process,
    call,
    project_env,
    start_gunicorn,
    tools_for_private_servers,
    wait_until,
)

logger = logging.getLogger(__name__)

pytestmark = [pytest.mark.faults]

PASSWORD = "fault-tests-Pa55word!"
EMAIL = "faults@example.com"
# A visibility timeout this short only suits tasks this short: a message taken by
# a worker that died comes back after it, to a worker started again.
VISIBILITY_SECONDS = 20
SLOW_SOLVE_SECONDS = 12  # a generation long enough to be killed in the middle of


SEED = """
import json
import django
django.setup()
from brightpath.accounts.models import User
from brightpath.accounts.services import tokens_for
from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.clock import family_today, week_start_of
from brightpath.planner.models import ScheduleItem
from brightpath.planner.services import schedule_ensure

user = User.objects.create_user({email!r}, password={password!r}, name="Fault Tests")
family = questionnaire_submit(user=user, data=json.loads(DEMO_FAMILY_FILE.read_text()))
monday = week_start_of(family_today(family))
schedule_ensure(family=family, week_start=monday, actor=user)
items = ScheduleItem.objects.filter(
    schedule__family=family, schedule__is_active=True, item_type="subject"
).order_by("day_date", "start_time")
print(json.dumps({{
    "token": tokens_for(user)["access"],
    "week": monday.isoformat(),
    "items": [[str(i.pk), i.version] for i in items],
}}))
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """Private PostgreSQL and Redis servers, the project migrated and seeded, gunicorn."""
    if reason := tools_for_private_servers():
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("faults")
    postgres = PrivatePostgres()
    cache, broker = PrivateRedis(root / "cache"), PrivateRedis(root / "broker")
    processes: list[Process] = []
    try:
        postgres.init().start()
        database_url = postgres.createdb("brightpath")
        cache.start()
        broker.start()
        env = project_env(
            DATABASE_URL=database_url,
            REDIS_URL=cache.url,
            CELERY_BROKER_URL=broker.url,
            CELERY_RESULT_BACKEND=broker.url.removesuffix("/0") + "/1",
            CELERY_TASK_ALWAYS_EAGER="false",
            CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_SECONDS),
            PLANNER_BACKGROUND_ABOVE="0",  # every generation goes to a worker
            DB_CONN_MAX_AGE="60",
        )
        _manage(["migrate", "--noinput"], env, root / "migrate.log")
        seeded = _seed(env | {"CELERY_BROKER_URL": "", "CELERY_RESULT_BACKEND": ""})
        base, web = start_gunicorn(env, root / "gunicorn.log", workers=2, threads=4)
        processes.append(web)
        yield {
            "base": base,
            "env": env,
            "root": root,
            "postgres": postgres,
            "cache": cache,
            "broker": broker,
            "processes": processes,
            **seeded,
        }
    finally:
        for process in processes:
            process.stop()
        cache.stop()
        broker.stop()
        postgres.remove()


def _manage(args: list[str], env: dict, log: Path) -> None:
    with log.open("w") as out:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=600,
            check=False,
        )
    assert result.returncode == 0, log.read_text()[-3000:]


def _seed(env: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SEED.format(email=EMAIL, password=PASSWORD)],
        cwd=BASE_DIR,
        env=env | {"LOG_LEVEL": "ERROR", "PLANNER_BACKGROUND_TIME_LIMIT": "2"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _redis(server: PrivateRedis, *command: str) -> str:
    return subprocess.run(
        ["redis-cli", "-p", str(server.port), *command],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    ).stdout


class Browser:
    """A signed-in web session over real HTTP (cookies, the login form's CSRF token)."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(CookieJar())
        )

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def sign_in(self) -> int:
        _, page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {"username": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            self.base + "/accounts/login/", data=form, headers={"Referer": self.base + "/"}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


# --- 1. Redis stopped --------------------------------------------------------------


def test_redis_down_reads_writes_and_sign_in_still_work(stack):
    base, token, week = stack["base"], stack["token"], stack["week"]
    before = Browser(base)
    assert before.sign_in() == 200
    assert before.get("/")[0] == 200
    item_id, version = stack["items"][0]

    stack["cache"].stop()
    try:
        status, body = call(base, "GET", f"/api/family/week/?week={week}", token=token)
        assert status == 200, body
        status, body = call(
            base,
            "POST",
            f"/api/schedule-items/{item_id}/complete/",
            {"version": version},
            token=token,
        )
        assert status == 200 and body["completed"], body
        stack["items"][0][1] = body["version"]
        status, body = call(
            base, "POST", "/api/auth/login/", {"email": EMAIL, "password": PASSWORD}
        )
        assert status == 200 and body["access"], body
        assert before.get("/")[0] == 200  # a session from before the outage
        during = Browser(base)
        assert during.sign_in() == 200  # and a new one
        assert during.get("/")[0] == 200
    finally:
        stack["cache"].start()

    # Back: reads fill the cache again (after the outage's retry pause).
    def cached_week() -> bool:
        assert call(base, "GET", f"/api/family/week/?week={week}", token=token)[0] == 200
        return "SCHEDULE:WEEK" in _redis(stack["cache"], "--scan", "--pattern", "*SCHEDULE:WEEK*")

    wait_until(cached_week, seconds=60, what="the cache refill")
    status, body = call(base, "GET", f"/api/family/week/?week={week}", token=token)
    completed = [
        i for d in body["days"] for c in d["children"] for i in c["items"] if i["id"] == item_id
    ]
    assert completed and completed[0]["completed"]


# --- 2. The broker down -------------------------------------------------------------


def test_broker_down_generation_is_planned_at_once_and_the_user_told(stack):
    base, token, week = stack["base"], stack["token"], stack["week"]
    stack["broker"].stop()
    try:
        status, body = call(
            base,
            "POST",
            "/api/schedules/generate/",
            {"weekStart": week, "timeLimit": 2},
            token=token,
            timeout=90,
        )
    finally:
        stack["broker"].start()
    assert status == 201, body
    assert "queue is unavailable" in body["notice"]
    assert body["schedules"] and all(s["isActive"] for s in body["schedules"])

    # The broker back, the same processes queue again (no restart).
    def queued() -> bool:
        request = {"weekStart": week, "timeLimit": 1}
        status, body = call(base, "POST", "/api/schedules/generate/", request, token=token)
        assert status in (201, 202), body
        return status == 202

    wait_until(queued, seconds=60, what="queuing again")
    _redis(stack["broker"], "FLUSHALL")  # no worker here: leave nothing queued


# --- 3. PostgreSQL restarted under load ------------------------------------------------


def test_postgres_restart_answers_503_then_recovers_without_a_restart(stack):
    base, token, week = stack["base"], stack["token"], stack["week"]
    answers: list[tuple[int, object]] = []
    stop = threading.Event()

    def load() -> None:
        while not stop.is_set():
            try:
                answers.append(
                    call(base, "GET", f"/api/family/week/?week={week}", token=token, timeout=30)
                )
            except OSError as error:  # a timeout or a dropped connection: a failure
                answers.append((0, repr(error)))

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        wait_until(lambda: len(answers) >= 8, seconds=120, what="the load")
        stack["postgres"].stop("fast")
        outage_began = len(answers)
        wait_until(lambda: len(answers) >= outage_began + 8, seconds=120, what="outage answers")
        stack["postgres"].start()
        recovered_from = len(answers)
        wait_until(
            lambda: any(s == 200 for s, _ in answers[recovered_from:]),
            seconds=120,
            what="recovery",
        )
        back = len(answers)
        wait_until(lambda: len(answers) >= back + 8, seconds=120, what="answers after")
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    statuses = [status for status, _ in answers]
    logger.info(
        "PostgreSQL restart: %d answers, %d x 503 during the outage, then %d x 200",
        len(statuses),
        statuses.count(503),
        len(statuses[back:]),
    )
    assert set(statuses) <= {200, 503}, [a for a in answers if a[0] not in (200, 503)][:3]
    unavailable = [body for status, body in answers if status == 503]
    assert unavailable, "no request saw the outage"
    for body in unavailable:
        assert body["error"]["code"] == "service_unavailable" and body["error"]["message"]
    assert all(status == 200 for status in statuses[back:])  # no restart was needed


# --- 4. A worker killed mid-task -----------------------------------------------------


def _worker(stack, name: str) -> Process:
    log = stack["root"] / f"{name}.log"
    process = Process(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--loglevel",
            "INFO",
            "--hostname",
            f"{name}@faults",
            "--without-gossip",
            "--without-mingle",
        ],
        stack["env"] | {"LOG_LEVEL": "INFO"},
        log,
    ).start()
    stack["processes"].append(process)
    wait_until(lambda: "ready" in log.read_text(), seconds=180, what="the worker", log=log)
    return process


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _versions(stack) -> dict[str, list[int]]:
    status, body = call(
        stack["base"],
        "GET",
        f"/api/schedules/?week={stack['week']}&pageSize=100",
        token=stack["token"],
    )
    assert status == 200, body
    versions: dict[str, list[int]] = {}
    for schedule in body["results"]:
        if schedule["weekStartDate"] == stack["week"]:
            versions.setdefault(schedule["childId"], []).append(schedule["version"])
    return {child: sorted(v) for child, v in versions.items()}


def _enqueue_slow_generation(stack) -> str:
    status, body = call(
        stack["base"],
        "POST",
        "/api/schedules/generate/",
        {"weekStart": stack["week"], "timeLimit": SLOW_SOLVE_SECONDS},
        token=stack["token"],
    )
    assert status == 202, body
    return body["taskId"]


def _state(stack, task_id: str) -> str:
    status, body = call(stack["base"], "GET", f"/api/tasks/{task_id}/", token=stack["token"])
    assert status == 200, body
    return body["state"]


def _one_more_version_each(before: dict, after: dict) -> None:
    assert after.keys() == before.keys()
    for child, versions in before.items():
        assert after[child] == [*versions, versions[-1] + 1], (child, versions, after[child])


@pytest.mark.parametrize("what_dies", ["the pool's child", "the whole worker"])
def test_a_worker_killed_mid_task_finishes_the_task_exactly_once(stack, what_dies):
    _redis(stack["broker"], "FLUSHALL")  # nothing queued from an earlier test
    worker = _worker(stack, "first")
    before = _versions(stack)
    task_id = _enqueue_slow_generation(stack)
    wait_until(lambda: _state(stack, task_id) == "STARTED", seconds=120, what="the task")
    time.sleep(1)  # into the solve, well before its end

    if what_dies == "the pool's child":
        children = _children(worker.pid)
        assert children, "no pool process to kill"
        for child in children:
            os.kill(child, signal.SIGKILL)
        # The worker sees its child lost and requeues the task (acks_late,
        # task_reject_on_worker_lost); the same worker runs it again.
    else:
        worker.stop(signal.SIGKILL)  # the message stays unacknowledged on the broker
        assert _versions(stack) == before
        _worker(stack, "second")  # gets it back once VISIBILITY_SECONDS have passed

    wait_until(
        lambda: _state(stack, task_id) == "SUCCESS",
        seconds=VISIBILITY_SECONDS + 4 * SLOW_SOLVE_SECONDS + 120,
        what="the task's second run",
    )
    time.sleep(2)  # a duplicate run, if there were one, would store now
    _one_more_version_each(before, _versions(stack))
    for process in stack["processes"][1:]:
        process.stop()
    del stack["processes"][1:]
