""" "Your new schedule is ready" (seed 001): finishing the questionnaire plans the
family's current week, inline without a broker (the answer says ready) or on a
worker with one (the answer says pending with the task, and an email follows)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from brightpath.families.models import Family
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner import caches, tasks
from brightpath.planner.models import Schedule
from brightpath.planner.selectors.changes import new_schedule_state
from brightpath.planner.services import new_schedule
from brightpath.planner.tests.stored_weeks import generate_reusing_solve
from brightpath.planner.tests.test_schema_conformance import conforms

MONDAY = dt.date(2026, 1, 5)


@pytest.fixture
def monday_morning(monkeypatch):
    """07:00 on the demo family's Monday (New York): this week is the demo week."""
    moment = dt.datetime(2026, 1, 5, 7, 0, tzinfo=ZoneInfo("America/New_York"))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def submit(client, data):
    return client.post("/api/questionnaire/submit/", data, format="json")


def planned(week_start=MONDAY) -> list[tuple[str, int]]:
    rows = Schedule.objects.filter(week_start_date=week_start, is_active=True)
    return sorted(rows.values_list("child__name", "version"))


@pytest.mark.django_db(transaction=True)
def test_without_a_worker_the_week_is_planned_before_the_answer(
    auth_client, demo_submission, monday_morning, reused_solves
):
    response = submit(auth_client, demo_submission)
    assert response.status_code == 201
    body = conforms(response, "/api/questionnaire/submit/", "post")
    assert body["schedule"] == {"state": "ready"}
    assert planned() == [("Ava", 1), ("Noah", 1)]
    assert mail.outbox == []  # the parent is looking at the answer: no email


@pytest.mark.django_db(transaction=True)
def test_with_a_worker_the_answer_is_pending_and_an_email_says_when_it_is_ready(
    auth_client,
    other_client,
    user,
    demo_submission,
    monday_morning,
    reused_solves,
    settings,
    monkeypatch,
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker is configured
    queued = []
    monkeypatch.setattr(
        tasks.new_schedule, "apply_async", lambda args, task_id: queued.append((args, task_id))
    )
    response = submit(auth_client, demo_submission)
    assert response.status_code == 201
    [(args, task_id)] = queued
    assert conforms(response, "/api/questionnaire/submit/", "post")["schedule"] == {
        "state": "pending",
        "taskId": task_id,
    }
    assert planned() == []  # nothing yet: the worker plans it
    assert auth_client.get(f"/api/tasks/{task_id}/").status_code == 200
    assert other_client.get(f"/api/tasks/{task_id}/").status_code == 404

    outcome = tasks.new_schedule.apply(args=args, task_id=task_id).get()  # the worker
    assert planned() == [("Ava", 1), ("Noah", 1)]
    assert outcome["weekStart"] == "2026-01-05" and len(outcome["scheduleIds"]) == 2
    family = Family.objects.get(owner=user)
    assert new_schedule_state(family=family) == {"state": "ready"}
    [email] = mail.outbox
    assert email.subject == "Your new schedule is ready"
    assert email.to == [user.email]
    assert "the week of Monday, January 5 for Noah and Ava" in email.body
    assert f"{settings.SITE_URL}/week/?week=2026-01-05" in email.body


@pytest.mark.django_db(transaction=True)
def test_a_broker_that_refuses_the_job_still_saves_the_answers(
    auth_client, demo_submission, monday_morning, settings, monkeypatch
):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def refused(**kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.new_schedule, "apply_async", refused)
    response = submit(auth_client, demo_submission)
    assert response.status_code == 201
    assert response.json()["schedule"] == {"state": "pending"}  # planned on first look


@pytest.mark.django_db(transaction=True)
def test_a_resubmission_replans_the_week_keeping_what_was_done(
    user, demo_submission, monday_morning, reused_solves
):
    family = questionnaire_submit(user=user, data=demo_submission)
    assert planned() == [("Ava", 1), ("Noah", 1)]
    done = Schedule.objects.get(child__name="Noah", is_active=True).items.filter(
        item_type="subject", day_date=MONDAY
    )[0]
    done.completed = True
    done.save(update_fields=["completed"])

    questionnaire_submit(user=user, data=demo_submission)
    assert planned() == [("Ava", 2), ("Noah", 2)]
    kept = Schedule.objects.get(child__name="Noah", is_active=True).items
    assert kept.filter(calendar_uid=done.calendar_uid, completed=True).exists()
    assert new_schedule_state(family=family) == {"state": "ready"}


@pytest.mark.django_db
def test_a_first_plan_leaves_a_week_the_parent_already_opened(user, demo_submission):
    family = questionnaire_submit(user=user, data=demo_submission)
    generate_reusing_solve(family=family, week_start=MONDAY)  # opened before the worker ran
    new_schedule.new_schedule_plan(family=family, week_start=MONDAY, replan=False, time_limit=1)
    assert planned() == [("Ava", 1), ("Noah", 1)]


@pytest.mark.django_db
def test_a_failed_plan_is_no_longer_pending(user, demo_submission, monkeypatch):
    family = questionnaire_submit(user=user, data=demo_submission)
    caches.new_schedule_pending(family.pk, "task-1")
    assert new_schedule_state(family=family) == {"state": "pending", "taskId": "task-1"}

    def failing(**kwargs):
        raise RuntimeError("solver crashed")

    monkeypatch.setattr(new_schedule, "schedule_ensure", failing)
    with pytest.raises(RuntimeError):
        new_schedule.new_schedule_plan(family=family, week_start=MONDAY, time_limit=1)
    assert new_schedule_state(family=family)["state"] == "pending"
    assert "taskId" not in new_schedule_state(family=family)  # planned on first look
