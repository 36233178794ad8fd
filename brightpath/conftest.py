import copy
import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from brightpath.accounts.services import tokens_for
from brightpath.accounts.tests.factories import UserFactory
from brightpath.onboarding.demo import DEMO_FAMILY_FILE

_DEMO = json.loads(DEMO_FAMILY_FILE.read_text())


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def reused_solves():
    """Generation in the test (a page or API call planning a week) reuses the solver's
    answer for the same week from earlier in the session: see planner/tests/stored_weeks.py."""
    from brightpath.planner.tests.stored_weeks import reusing_solves

    with reusing_solves():
        yield


@pytest.fixture
def user(db):
    return UserFactory()


def _signed_in(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user)['access']}")
    return client


@pytest.fixture
def auth_client(user) -> APIClient:
    return _signed_in(user)


@pytest.fixture
def other_user(db):
    """Someone from another family, for the "their data is a 404" tests."""
    return UserFactory()


@pytest.fixture
def other_client(other_user) -> APIClient:
    return _signed_in(other_user)


@pytest.fixture
def demo_submission() -> dict:
    """The seed's family (Sarah Kim; Noah 6 and Ava 10), a fresh copy per test."""
    return copy.deepcopy(_DEMO)


@pytest.fixture
def before_the_demo_week(monkeypatch):
    """The clock on the Sunday evening before the demo family's week of
    2026-01-05 (New York): that week is next week, plannable and all ahead."""
    moment = dt.datetime(2026, 1, 4, 20, 0, tzinfo=ZoneInfo("America/New_York"))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment
