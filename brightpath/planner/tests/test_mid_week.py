"""A week planned after it began plans only what is still ahead (issue 21 #1)."""

import datetime as dt

import pytest

from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.models import ScheduleItem
from brightpath.planner.services import schedule_generate

from .conftest import DEMO_MONDAY
from .test_carry_over import week_items
from .test_living import hard_rule_violations

pytestmark = pytest.mark.django_db

WEDNESDAY = DEMO_MONDAY + dt.timedelta(days=2)


def _begun(family, day: dt.date, minute: dt.time):
    return week_items(family).filter(day_date__lt=day) | week_items(family).filter(
        day_date=day, start_time__lt=minute
    )


def test_a_week_first_planned_on_wednesday_has_no_work_before_now(
    auth_client, user, demo_submission, at
):
    at(2026, 1, 7, 10, 2)  # Wednesday 10:02 in New York
    family = questionnaire_submit(user=user, data=demo_submission)
    schedule_generate(family=family, week_start=DEMO_MONDAY, time_limit=1)

    assert not _begun(family, WEDNESDAY, dt.time(10, 5)).exists()
    assert week_items(family).filter(day_date__gte=WEDNESDAY).exists()
    assert hard_rule_violations(family, DEMO_MONDAY) == []
    assert auth_client.post("/api/family/carry-over/").status_code == 204  # nothing missed


def test_replanning_mid_week_keeps_the_past_as_it_was(auth_client, demo_family, at):
    past = {
        (i.schedule.child_id, i.subject_id, i.day_date, i.start_time)
        for i in _begun(demo_family, WEDNESDAY, dt.time(10, 5))
    }
    monday = week_items(demo_family).filter(day_date=DEMO_MONDAY)
    done, skipped = monday[0], monday[1]
    ScheduleItem.objects.filter(pk=done.pk).update(completed=True)
    ScheduleItem.objects.filter(pk=skipped.pk).update(skipped=True)
    at(2026, 1, 7, 10, 2)

    schedule_generate(family=demo_family, week_start=DEMO_MONDAY, time_limit=1)

    after = _begun(demo_family, WEDNESDAY, dt.time(10, 5))
    assert {(i.schedule.child_id, i.subject_id, i.day_date, i.start_time) for i in after} == past
    assert week_items(demo_family).get(calendar_uid=done.calendar_uid).completed
    assert week_items(demo_family).get(calendar_uid=skipped.calendar_uid).skipped
    assert hard_rule_violations(demo_family, DEMO_MONDAY) == []


def test_a_past_week_generated_by_a_worker_gets_no_new_work(user, demo_submission, at):
    at(2026, 2, 2, 9, 0)
    family = questionnaire_submit(user=user, data=demo_submission)
    schedules, result = schedule_generate(family=family, week_start=DEMO_MONDAY, time_limit=1)
    assert not week_items(family).exists()
    assert result.unplaced and all("already past" in u.reason for u in result.unplaced)
