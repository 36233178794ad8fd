"""Fifty writers on one family's week at once, over HTTP, against gunicorn on PostgreSQL.

Parents on two devices (and a script) complete, skip and move sessions and replan
the week at the same moment; several of them act on the same item from the same
version they read. gunicorn (config.wsgi, two workers with four threads each)
serves the pytest-django test database, whose rows this test commits
(transactional_db) so the server's processes see them.

What must hold afterwards:
- every request is answered: 2xx, or 409 in the one error shape when it lost a race
  (a stale version, a week replanned meanwhile, or a slot another move just took);
  never a 5xx, never a timeout;
- no lost update: of the writers that read the same version of an item, at most one
  wins; each winner's change is in the item's row, whose version rose once per win;
  a replan keeps every completed and moved session that won before it;
- every schedule's `schedule_data` snapshot equals the snapshot built from its
  `schedule_items` rows, and each child has one active version of the week;
- the activity log has exactly one entry per successful item write.

Row locks (select_for_update on the family) are what it exercises, so it runs on
PostgreSQL only.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from brightpath.accounts.services import tokens_for
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.clock import family_today, minute_of, time_at, week_start_of
from brightpath.planner.models import ActivityLog, Schedule, ScheduleItem
from brightpath.planner.selectors.checks import week_state
from brightpath.planner.services.generation import schedule_snapshot
from brightpath.planner.services.placement import conflicts
from brightpath.planner.tests.stored_weeks import generate_reusing_solve, reusing_solves

from .live_stack import call, database_url, project_env, start_gunicorn

logger = logging.getLogger(__name__)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REQUEST_SECONDS = 60
RACED_ITEMS = 4  # items each written by RACERS writers holding the same version
RACERS = 5
COMPLETES, SKIPS, MOVES = 12, 6, 8
REPLANS = 4  # two for the whole family, one for each child
WRITERS = RACED_ITEMS * RACERS + COMPLETES + SKIPS + MOVES + REPLANS
ITEM_ACTIONS = {"complete": "completed", "skip": "skipped", "move": "rescheduled"}


@pytest.fixture
def server(transactional_db, tmp_path):
    database = settings.DATABASES["default"]
    cache = settings.CACHES["default"]
    env = project_env(
        DATABASE_URL=database_url(database),
        REDIS_URL=cache["LOCATION"] if "redis" in cache["BACKEND"].lower() else "",
        CELERY_BROKER_URL="",  # generation answers at once (201), as with a small family
        CELERY_RESULT_BACKEND="",
        DB_CONN_MAX_AGE="60",
    )
    log = tmp_path / "gunicorn.log"
    base, process = start_gunicorn(env, log, workers=2, threads=4)
    try:
        yield base, log
    finally:
        process.stop()  # before the test database is flushed: no connection left open


@pytest.fixture
def family_week(user, demo_submission):
    """The demo family with next week planned (the real clock: gunicorn has no other)."""
    with reusing_solves():  # the submission plans this week: a set-up solve, reused
        family = questionnaire_submit(user=user, data=demo_submission)
    monday = week_start_of(family_today(family)) + dt.timedelta(days=7)
    generate_reusing_solve(family=family, week_start=monday)
    return family, monday


def _free_slot(family, monday, item) -> tuple[dt.time, dt.time] | None:
    """A start later the same day where the item breaks no hard rule, if there is one."""
    state = week_state(family=family, week_start=monday, leave_out=str(item.pk))
    length = minute_of(item.end_time) - minute_of(item.start_time)
    here = minute_of(item.start_time)
    for start in sorted(range(8 * 60, 18 * 60, 15), key=lambda m: abs(m - here - 60)):
        if start == here:
            continue
        problems = conflicts(
            state,
            item,
            child_id=str(item.schedule.child_id),
            day=item.day_date,
            start=start,
            end=start + length,
        )
        if not problems:
            return time_at(start), time_at(start + length)
    return None


def _jobs(family, monday) -> list[dict]:
    subjects = list(
        ScheduleItem.objects.filter(
            schedule__family=family,
            schedule__week_start_date=monday,
            schedule__is_active=True,
            item_type="subject",
        )
        .select_related("schedule")
        .order_by("day_date", "start_time", "schedule__child_id")
    )
    assert len(subjects) >= RACED_ITEMS + COMPLETES + SKIPS + MOVES, "the demo week is too small"
    jobs = []
    moved_days = set()
    for item in subjects:  # moves first: one a day per child, each to a slot free when read
        key = (item.schedule.child_id, item.day_date)
        if key in moved_days or (slot := _free_slot(family, monday, item)) is None:
            continue
        moved_days.add(key)
        jobs.append({"kind": "move", "item": item, "slot": slot})
        if len(jobs) == MOVES:
            break
    moving = {job["item"].pk for job in jobs}
    picks = iter(item for item in subjects if item.pk not in moving)
    for _ in range(RACED_ITEMS):
        item = next(picks)
        for n in range(RACERS):  # the same version, read by every one of them
            kind = "skip" if n % 2 else "complete"
            jobs.append({"kind": kind, "item": item})
    jobs += [{"kind": "complete", "item": next(picks)} for _ in range(COMPLETES)]
    jobs += [{"kind": "skip", "item": next(picks)} for _ in range(SKIPS)]
    children = sorted({str(i.schedule.child_id) for i in subjects})
    jobs += [{"kind": "replan", "child": None}, {"kind": "replan", "child": None}]
    jobs += [{"kind": "replan", "child": child} for child in children[: REPLANS - 2]]
    return jobs


def _request(job: dict, monday: dt.date) -> tuple[str, str, dict]:
    if job["kind"] == "replan":
        body = {"weekStart": monday.isoformat(), "timeLimit": 1}
        if job["child"]:
            body["childId"] = job["child"]
        return "POST", "/api/schedules/generate/", body
    item = job["item"]
    path = f"/api/schedule-items/{item.pk}/{job['kind']}/"
    body = {"version": item.version}
    if job["kind"] == "complete":
        body["notes"] = "done at the same time as others"
    elif job["kind"] == "skip":
        body["reason"] = "a race"
    else:
        start, end = job["slot"]
        body |= {"date": item.day_date.isoformat(), "startTime": f"{start:%H:%M}"}
        body["endTime"] = f"{end:%H:%M}"
    return "POST", path, body


def test_fifty_concurrent_writers_on_one_week_lose_nothing(server, family_week, user):
    base, log = server
    family, monday = family_week
    token = tokens_for(user)["access"]
    jobs = _jobs(family, monday)
    assert len(jobs) == WRITERS == 50
    logs_before = set(ActivityLog.objects.filter(family=family).values_list("pk", flat=True))
    start = threading.Barrier(len(jobs))

    def send(job: dict):
        method, path, body = _request(job, monday)
        start.wait(timeout=REQUEST_SECONDS)
        return call(base, method, path, body, token=token, timeout=REQUEST_SECONDS)

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        answers = list(pool.map(send, jobs))  # a timeout raises here and fails the test

    # Every request answered: 2xx, or a 409 in the one error shape.
    statuses = Counter(
        f"{job['kind']} {status}" for job, (status, _) in zip(jobs, answers, strict=True)
    )
    logger.info("concurrent writers answered: %s", dict(sorted(statuses.items())))
    unexpected = [
        (job["kind"], status, body)
        for job, (status, body) in zip(jobs, answers, strict=True)
        if not (200 <= status < 300 or status == 409)
    ]
    assert not unexpected, f"{unexpected[:3]}\n{log.read_text()[-3000:]}"
    for status, body in answers:
        if status == 409:
            assert body["error"]["code"] == "conflict" and body["error"]["message"], body

    won = [
        (job, body)
        for job, (status, body) in zip(jobs, answers, strict=True)
        if 200 <= status < 300
    ]
    item_wins = [(job, body) for job, body in won if job["kind"] != "replan"]
    replans = [(job, body) for job, body in won if job["kind"] == "replan"]
    assert item_wins and replans, f"nothing won: {statuses}"

    # No lost update: one winner per version read, and its change is in the row.
    wins_by_item = defaultdict(list)
    for job, body in item_wins:
        wins_by_item[job["item"].pk].append((job, body))
    for item_pk, wins in wins_by_item.items():
        assert len(wins) == 1, f"{len(wins)} writers won from the same version of {item_pk}"
        job, body = wins[0]
        row = ScheduleItem.objects.get(pk=item_pk)
        assert body["version"] == job["item"].version + 1 == row.version
        if job["kind"] == "complete":
            assert row.completed and not row.skipped
        elif job["kind"] == "skip":
            assert row.skipped and not row.completed
        else:
            assert (row.start_time, row.end_time) == job["slot"] and row.pinned
    for job in jobs:  # an item nobody won keeps the version everyone read
        if job["kind"] != "replan" and job["item"].pk not in wins_by_item:
            assert ScheduleItem.objects.get(pk=job["item"].pk).version == job["item"].version

    # A replan keeps every completed and moved session that won before it.
    active = {
        item.calendar_uid: item
        for item in ScheduleItem.objects.filter(
            schedule__family=family, schedule__week_start_date=monday, schedule__is_active=True
        )
    }
    for job, _ in item_wins:
        now = active.get(job["item"].calendar_uid)
        if job["kind"] == "complete":
            assert now is not None and now.completed, f"lost completion of {job['item'].name}"
        elif job["kind"] == "move":
            assert now is not None and (now.start_time, now.end_time) == job["slot"]

    # Snapshots agree with the rows; one active version per child, versions 1..n.
    schedules = list(Schedule.objects.filter(family=family, week_start_date=monday))
    for schedule in schedules:
        assert schedule.schedule_data == schedule_snapshot(schedule), (
            f"snapshot of {schedule.child_id} v{schedule.version} differs from its rows"
        )
    replanned = Counter()
    for job, _ in replans:
        for child in {str(s.child_id) for s in schedules}:
            if job["child"] in (None, child):
                replanned[child] += 1
    for child, count in replanned.items():
        versions = sorted(s.version for s in schedules if str(s.child_id) == child)
        assert versions == list(range(1, count + 2))
        active_ones = [s for s in schedules if str(s.child_id) == child and s.is_active]
        assert [s.version for s in active_ones] == [count + 1]

    # One activity log entry per successful item write, naming the item and what was done.
    new_logs = ActivityLog.objects.filter(family=family).exclude(pk__in=logs_before)
    logged = Counter((entry.schedule_item_id, entry.action) for entry in new_logs)
    expected = Counter((job["item"].pk, ITEM_ACTIONS[job["kind"]]) for job, _ in item_wins)
    assert logged == expected
