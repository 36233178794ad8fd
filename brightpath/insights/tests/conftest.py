import datetime as dt
import json

import pytest

from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.tests.stored_weeks import generate_reusing_solve

DEMO_MONDAY = dt.date(2026, 1, 5)


@pytest.fixture(autouse=True)
def _clock(before_the_demo_week):
    """Insights tests start before the demo week (see the root conftest)."""


def planned_family(user):
    """The demo family (Noah 6, Ava 10; New York) with the week of 2026-01-05 planned."""
    family = questionnaire_submit(user=user, data=json.loads(DEMO_FAMILY_FILE.read_text()))
    generate_reusing_solve(family=family, week_start=DEMO_MONDAY)
    return family


@pytest.fixture
def family(user):
    return planned_family(user)


@pytest.fixture
def other_family(other_user):
    """Another family, alike but for its ids: its data must never show to `user`."""
    return planned_family(other_user)
