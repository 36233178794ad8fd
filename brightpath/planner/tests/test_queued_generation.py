"""A queued generation delivered twice stores its week once (services/queued.py).

A worker that dies after storing the week but before acknowledging the task
gets the task delivered again; the second delivery must not plan a new version.
"""

import pytest

from brightpath.planner.models import Schedule
from brightpath.planner.services.queued import schedule_generate_once

from .conftest import DEMO_MONDAY
from .stored_weeks import reusing_solves

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(user, demo_submission):
    from brightpath.onboarding.services import questionnaire_submit

    return questionnaire_submit(user=user, data=demo_submission)


def test_a_second_delivery_returns_the_stored_week(family):
    with reusing_solves():
        first, status = schedule_generate_once(
            task_id="task-1", family=family, week_start=DEMO_MONDAY, time_limit=1
        )
        again, again_status = schedule_generate_once(
            task_id="task-1", family=family, week_start=DEMO_MONDAY, time_limit=1
        )
    assert status in ("OPTIMAL", "FEASIBLE") and again_status == "stored_already"
    assert sorted(s.pk for s in again) == sorted(s.pk for s in first)
    assert Schedule.objects.filter(family=family, week_start_date=DEMO_MONDAY).count() == 2
    assert all(s.generation_report["taskId"] == "task-1" for s in first)


def test_another_task_plans_a_new_version(family):
    with reusing_solves():
        schedule_generate_once(
            task_id="task-1", family=family, week_start=DEMO_MONDAY, time_limit=1
        )
        second, _ = schedule_generate_once(
            task_id="task-2", family=family, week_start=DEMO_MONDAY, time_limit=1
        )
    assert {s.version for s in second} == {2}
    assert Schedule.objects.filter(family=family, is_active=True).count() == 2
