import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit

from .stored_weeks import generate_reusing_solve

DEMO_MONDAY = dt.date(2026, 1, 5)
NEW_YORK = ZoneInfo("America/New_York")
DEMO = DEMO_FAMILY_FILE


@pytest.fixture(autouse=True)
def _planner_clock(before_the_demo_week):
    """Planner tests start before the demo week (see the root conftest)."""


@pytest.fixture
def demo_family(user):
    """The demo family (Noah 6, Ava 10; New York) with the week of 2026-01-05 planned."""
    family = questionnaire_submit(user=user, data=json.loads(DEMO.read_text()))
    generate_reusing_solve(family=family, week_start=DEMO_MONDAY)  # solved once a session
    return family


@pytest.fixture
def at(monkeypatch):
    """Set the clock: at(2026, 1, 7, 8, 0) is 08:00 in New York (the demo family's zone)."""

    def set_clock(*parts):
        moment = dt.datetime(*parts, tzinfo=NEW_YORK)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_clock
