import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from brightpath.families.services import questionnaire_submit
from brightpath.planner.services import schedule_generate

DEMO_MONDAY = dt.date(2026, 1, 5)
NEW_YORK = ZoneInfo("America/New_York")
DEMO = Path(__file__).resolve().parents[2] / "families" / "fixtures" / "demo_family.json"


@pytest.fixture
def demo_family(user):
    """The demo family (Noah 6, Ava 10; New York) with the week of 2026-01-05 planned."""
    family = questionnaire_submit(user=user, data=json.loads(DEMO.read_text()))
    schedule_generate(family=family, week_start=DEMO_MONDAY, time_limit=1)
    return family


@pytest.fixture
def at(monkeypatch):
    """Set the clock: at(2026, 1, 7, 8, 0) is 08:00 in New York (the demo family's zone)."""

    def set_clock(*parts):
        moment = dt.datetime(*parts, tzinfo=NEW_YORK)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_clock
