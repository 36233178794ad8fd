"""Generating and storing weeks: versions, kept items, the API and the CLI."""

import datetime as dt
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from brightpath.accounts.tests.factories import UserFactory
from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.models import Schedule, ScheduleItem
from brightpath.planner.services import schedule_generate

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 1, 5)
DEMO = DEMO_FAMILY_FILE


@pytest.fixture
def family(user):
    return questionnaire_submit(user=user, data=json.loads(DEMO.read_text()))


def generate(client, **body):
    return client.post(
        "/api/schedules/generate/",
        {"weekStart": "2026-01-05", "timeLimit": 3, **body},
        format="json",
    )


def test_generate_the_demo_family_week(auth_client, family):
    response = generate(auth_client, timeLimit=1)
    assert response.status_code == 201
    schedules = response.json()["schedules"]
    assert [s["childName"] for s in schedules] == ["Noah", "Ava"]
    noah = schedules[0]
    data = noah["scheduleData"]
    assert data["weekStartDate"] == "2026-01-05" and data["version"] == 1
    assert [d["dayOfWeek"] for d in data["days"]][:5] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
    ]
    monday = data["days"][0]["items"]
    reading = next(i for i in monday if i["name"] == "Reading")
    assert (reading["startTime"], reading["endTime"]) == ("09:00", "09:45")  # fixed time
    soccer = next(i for i in monday if i["name"] == "Soccer Practice")
    assert soccer == {**soccer, "type": "commitment", "isExternal": True, "startTime": "16:00"}
    assert noah["solver"]["status"] in ("OPTIMAL", "FEASIBLE")
    # The snapshot and the items never disagree.
    schedule = Schedule.objects.get(pk=noah["id"])
    snapshot_ids = {i["id"] for d in data["days"] for i in d["items"]}
    assert snapshot_ids == {str(pk) for pk in schedule.items.values_list("pk", flat=True)}


def test_regenerating_keeps_history_and_completed_or_pinned_work(family, user):
    first, _ = schedule_generate(family=family, week_start=MONDAY, time_limit=1)
    noah_v1 = next(s for s in first if s.child.name == "Noah")
    math = noah_v1.items.filter(name="Mathematics").order_by("day_date").first()
    moved = noah_v1.items.filter(name="Mathematics").order_by("day_date")[1]
    ScheduleItem.objects.filter(pk=math.pk).update(
        completed=True, completed_at=dt.datetime(2026, 1, 5, 15, tzinfo=dt.UTC)
    )
    ScheduleItem.objects.filter(pk=moved.pk).update(
        pinned=True, start_time=dt.time(13, 25), end_time=dt.time(13, 55)
    )

    second, _ = schedule_generate(family=family, week_start=MONDAY, time_limit=1)
    noah_v2 = next(s for s in second if s.child.name == "Noah")
    noah_v1.refresh_from_db()
    assert (noah_v1.is_active, noah_v2.is_active, noah_v2.version) == (False, True, 2)
    assert noah_v1.items.count() > 0  # the old version is kept
    kept = noah_v2.items.get(name="Mathematics", day_date=math.day_date)
    assert kept.completed and kept.start_time == math.start_time
    pinned = noah_v2.items.get(name="Mathematics", day_date=moved.day_date)
    assert pinned.pinned and pinned.start_time == dt.time(13, 25)
    assert (
        Schedule.objects.filter(child=noah_v2.child, week_start_date=MONDAY, is_active=True).count()
        == 1
    )


def test_a_week_that_changes_during_the_solve_is_solved_again(family, monkeypatch):
    from brightpath.planner.services import generation

    first, _ = schedule_generate(family=family, week_start=MONDAY, time_limit=1)
    noah = next(s for s in first if s.child.name == "Noah")
    moved = noah.items.filter(name="Mathematics").order_by("day_date").first()
    solved = []

    def parent_moves_math_meanwhile(week, **kwargs):
        if not solved:  # the solve runs outside the lock; the parent acts during it
            ScheduleItem.objects.filter(pk=moved.pk).update(
                pinned=True, start_time=dt.time(13, 25), end_time=dt.time(13, 55)
            )
        solved.append(week)
        return solve(week, **kwargs)

    solve = generation.solve
    monkeypatch.setattr(generation, "solve", parent_moves_math_meanwhile)
    second, _ = schedule_generate(family=family, week_start=MONDAY, time_limit=1)
    assert len(solved) == 2 and solved[0] != solved[1]
    noah_v2 = next(s for s in second if s.child.name == "Noah")
    kept = noah_v2.items.get(name="Mathematics", day_date=moved.day_date)
    assert kept.pinned and kept.start_time == dt.time(13, 25)


def test_a_family_setting_changed_during_the_solve_is_seen(family, monkeypatch):
    from brightpath.families.models import Family
    from brightpath.planner.services import generation

    solved = []

    def second_adult_joins_meanwhile(week, **kwargs):
        if not solved:
            Family.objects.filter(pk=family.pk).update(adults=2)
        solved.append(week)
        return solve(week, **kwargs)

    solve = generation.solve
    monkeypatch.setattr(generation, "solve", second_adult_joins_meanwhile)
    schedule_generate(family=family, week_start=MONDAY, time_limit=1)
    assert [week.adults for week in solved] == [1, 2]


@pytest.mark.postgres  # two connections at once
@pytest.mark.django_db(transaction=True)
def test_the_family_is_not_locked_while_the_solver_runs(family, monkeypatch):
    from django.db import connection, transaction

    from brightpath.families.models import Family
    from brightpath.planner.services import generation

    free = []

    def solve_while_another_writer_locks(week, **kwargs):
        def writer():
            with transaction.atomic():  # nowait: raises if the generation held the lock
                Family.objects.select_for_update(nowait=True).get(pk=family.pk)
                free.append(True)
            connection.close()

        thread = threading.Thread(target=writer)
        thread.start()
        thread.join()
        return solve(week, **kwargs)

    solve = generation.solve
    monkeypatch.setattr(generation, "solve", solve_while_another_writer_locks)
    schedule_generate(family=family, week_start=MONDAY, time_limit=1)
    assert free == [True]


def test_one_child_is_replanned_around_the_siblings(family):
    first, _ = schedule_generate(family=family, week_start=MONDAY, time_limit=1)
    ava = family.children.get(name="Ava")
    noah = family.children.get(name="Noah")
    ava_items = set(
        Schedule.objects.get(child=ava, is_active=True).items.values_list(
            "name", "day_date", "start_time"
        )
    )
    again, _ = schedule_generate(family=family, week_start=MONDAY, child=noah, time_limit=1)
    assert [s.child for s in again] == [noah]
    assert (
        set(
            Schedule.objects.get(child=ava, is_active=True).items.values_list(
                "name", "day_date", "start_time"
            )
        )
        == ava_items
    )


def test_child_schedule_is_generated_once_then_read(auth_client, family, short_solves):
    noah = family.children.get(name="Noah")
    first = auth_client.get(f"/api/children/{noah.pk}/schedule/?week=2026-01-07")
    assert first.status_code == 200 and first.json()["weekStartDate"] == "2026-01-05"
    again = auth_client.get(f"/api/children/{noah.pk}/schedule/?week=2026-01-05")
    assert again.json()["id"] == first.json()["id"]
    assert auth_client.get(f"/api/children/{noah.pk}/schedule/?week=soon").status_code == 400


def test_first_look_at_a_childs_week_plans_the_siblings_with_it(auth_client, family, short_solves):
    """The parent is shared, so an unplanned week is planned for the whole family at
    once, not for the child looked at alone."""
    noah = family.children.get(name="Noah")
    auth_client.get(f"/api/children/{noah.pk}/schedule/?week=2026-01-05")
    planned = Schedule.objects.filter(family=family, week_start_date=MONDAY, is_active=True)
    assert sorted(planned.values_list("child__name", flat=True)) == ["Ava", "Noah"]
    # one solve for both: the same solver report, wall time and all
    noah_run, ava_run = (s.generation_report["solver"] for s in planned)
    assert noah_run == ava_run


def test_another_familys_child_is_404(auth_client, family):
    other = questionnaire_submit(user=UserFactory(), data=json.loads(DEMO.read_text()))
    child = other.children.first()
    assert auth_client.get(f"/api/children/{child.pk}/schedule/").status_code == 404
    assert generate(auth_client, childId=str(child.pk)).status_code == 404


def test_week_must_start_on_monday_and_ml_alias_works(auth_client, family):
    bad = auth_client.post("/api/schedules/generate/", {"weekStart": "2026-01-06"}, format="json")
    assert bad.status_code == 400 and "weekStart" in bad.json()["error"]["fields"]
    ok = auth_client.post(
        "/api/ml/generate-schedule/", {"weekStart": "2026-01-05", "timeLimit": 1}, format="json"
    )
    assert ok.status_code == 201


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL: a real Celery broker")
def test_large_jobs_answer_202_with_a_task_to_poll(auth_client, family, settings):
    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.PLANNER_BACKGROUND_ABOVE = 10  # the demo family counts as large here
    saved = app.conf.broker_url, app.conf.result_backend
    app.conf.task_always_eager = False
    app.conf.broker_url = app.conf.result_backend = settings.REDIS_URL
    try:
        response = generate(auth_client)
        assert response.status_code == 202
        task_id = response.json()["taskId"]
        status = auth_client.get(f"/api/tasks/{task_id}/").json()
        assert status["taskId"] == task_id and status["state"] == "PENDING"  # no worker in tests
    finally:
        app.conf.task_always_eager = True
        app.conf.broker_url, app.conf.result_backend = saved
    assert not Schedule.objects.exists()


def test_the_task_generates_and_reports(family, settings):
    from brightpath.planner.tasks import schedule_generate as task

    settings.PLANNER_BACKGROUND_TIME_LIMIT = 1  # the task is tested here, not the week

    outcome = task.apply(args=(str(family.pk), "2026-01-05")).get()
    assert outcome["status"] in ("OPTIMAL", "FEASIBLE") and len(outcome["scheduleIds"]) == 2
    task.apply(args=(str(family.pk), "2026-01-05")).get()  # idempotent: one active per child
    assert Schedule.objects.filter(is_active=True).count() == 2


def test_a_large_job_takes_the_requests_time_limit_to_the_worker(
    auth_client, family, settings, monkeypatch
):
    from brightpath.planner.services import queued

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.PLANNER_BACKGROUND_ABOVE = 0
    sent = []
    monkeypatch.setattr(queued, "_enqueue", lambda args, family_id: sent.append(args) or "t1")
    assert generate(auth_client).status_code == 202  # timeLimit 3
    body = {"weekStart": "2026-01-05"}
    assert auth_client.post("/api/schedules/generate/", body, format="json").status_code == 202
    assert [args[-1] for args in sent] == [3, None]  # None: the worker's own limit


@pytest.fixture
def short_solves(monkeypatch):
    """Every solve in the test runs for 1 s, whatever generation asks (a first look
    at a week, schedule_ensure, asks for ANSWER_NOW_TIME_LIMIT)."""
    from brightpath.planner.services import generation

    real = generation.solve
    monkeypatch.setattr(
        generation, "solve", lambda week, *, time_limit: real(week, time_limit=min(time_limit, 1))
    )


@pytest.fixture
def time_limits(monkeypatch):
    """The time limits generation is asked for (each solve then runs for 1 s)."""
    from brightpath.planner import services

    asked = []
    real = services.schedule_generate

    def spy(**kwargs):
        asked.append(kwargs["time_limit"])
        return real(**{**kwargs, "time_limit": 1})

    monkeypatch.setattr(services, "schedule_generate", spy)
    return asked


def test_the_task_gives_the_solver_the_background_limit_unless_told(family, settings, time_limits):
    from brightpath.planner.tasks import schedule_generate as task

    settings.PLANNER_BACKGROUND_TIME_LIMIT = 17
    task.apply(args=(str(family.pk), "2026-01-05")).get()
    task.apply(args=(str(family.pk), "2026-01-05", None, None, 3)).get()
    assert time_limits == [17, 3]


def test_an_answer_at_once_gets_the_short_limit_unless_told(auth_client, family, time_limits):
    from brightpath.planner.services import ANSWER_NOW_TIME_LIMIT

    body = {"weekStart": "2026-01-05"}
    assert auth_client.post("/api/schedules/generate/", body, format="json").status_code == 201
    assert generate(auth_client).status_code == 201  # timeLimit 3
    assert time_limits == [ANSWER_NOW_TIME_LIMIT, 3]


class TestCli:
    def test_prints_the_week_and_exits_0(self, capsys):
        call_command("schedule", str(DEMO), week="2026-01-05", time_limit=1)
        out = capsys.readouterr().out
        assert "Noah (6), 09:00-14:00" in out and "09:00-09:45  Reading" in out

    def test_json_output(self, capsys):
        call_command("schedule", str(DEMO), "--json", week="2026-01-05", time_limit=1)
        data = json.loads(capsys.readouterr().out)
        assert [s["child"] for s in data["schedules"]] == ["Noah", "Ava"]
        assert {"status", "objective", "bestBound", "gap", "wallTime"} <= set(data["solver"])

    def test_invalid_input_exits_2(self, tmp_path):
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps({"section1": {}}))
        result = subprocess.run(
            [sys.executable, "-m", "brightpath", "schedule", str(bad), "--week", "2026-01-05"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[3],
            timeout=120,
        )
        assert result.returncode == 2
        assert "section1.name" in result.stderr

    def test_a_week_not_starting_monday_is_invalid(self):
        with pytest.raises(CommandError) as error:
            call_command("schedule", str(DEMO), week="2026-01-06")
        assert error.value.returncode == 2


class TestReviewedEdges:
    def test_completed_work_of_a_removed_subject_survives_a_regeneration(self, family):
        from brightpath.curriculum.services import subject_plan_delete

        first, _ = schedule_generate(family=family, week_start=MONDAY, time_limit=1)
        noah = next(s for s in first if s.child.name == "Noah")
        done = noah.items.filter(name="Mathematics").first()
        ScheduleItem.objects.filter(pk=done.pk).update(completed=True)
        subject_plan_delete(subject=done.subject)
        second, _ = schedule_generate(family=family, week_start=MONDAY, time_limit=1)
        noah_v2 = next(s for s in second if s.child.name == "Noah")
        copied = noah_v2.items.get(name="Mathematics")
        assert copied.completed and copied.day_date == done.day_date
        assert not noah_v2.items.filter(name="Mathematics", completed=False).exists()

    def test_kept_work_that_clashes_refuses_to_replace_the_week(self, auth_client, family):
        from brightpath.families.services import commitment_create

        first, _ = schedule_generate(family=family, week_start=MONDAY, time_limit=1)
        noah_v1 = next(s for s in first if s.child.name == "Noah")
        done = noah_v1.items.filter(name="Reading").first()
        ScheduleItem.objects.filter(pk=done.pk).update(completed=True)
        commitment_create(
            owner=noah_v1.child,
            answer={
                "name": "Doctor",
                "frequency": "one-time",
                "date": done.day_date.isoformat(),
                "startTime": "09:00",
                "endTime": "10:00",
            },
        )
        response = generate(auth_client, timeLimit=1)
        assert response.status_code == 409
        noah_v1.refresh_from_db()
        assert noah_v1.is_active

    def test_reading_a_new_childs_week_leaves_the_siblings_alone(
        self, auth_client, family, short_solves
    ):
        schedule_generate(family=family, week_start=MONDAY, time_limit=1)
        added = auth_client.post(
            "/api/children/",
            {"name": "Leo", "age": 8, "startTime": "09:00", "endTime": "12:00"},
            format="json",
        ).json()
        auth_client.get(f"/api/children/{added['id']}/schedule/?week=2026-01-05")
        versions = dict(
            Schedule.objects.filter(is_active=True).values_list("child__name", "version")
        )
        assert versions == {"Noah": 1, "Ava": 1, "Leo": 1}

    def test_task_status_is_only_for_the_family_that_started_it(
        self, auth_client, other_client, family
    ):
        from brightpath.planner.caches import task_owner_set

        task_owner_set("abc123", family.pk)
        assert auth_client.get("/api/tasks/abc123/").json()["state"] == "PENDING"
        assert other_client.get("/api/tasks/abc123/").status_code == 404
        assert auth_client.get("/api/tasks/unknown/").status_code == 404


def test_admin_shows_a_generated_week(client, family):
    from brightpath.accounts.models import User

    schedule_generate(family=family, week_start=MONDAY, time_limit=1)
    operator = User.objects.create_superuser("ops@example.com", "Ops-passw0rd!", name="Ops")
    client.force_login(operator)
    listing = client.get("/admin/planner/schedule/").content.decode()
    assert "Noah" in listing and "Ava" in listing
    schedule = Schedule.objects.filter(child__name="Noah").first()
    detail = client.get(f"/admin/planner/schedule/{schedule.pk}/change/").content.decode()
    assert "Reading" in detail
