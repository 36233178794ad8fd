"""Schemathesis against the live OpenAPI schema, in-process, as a signed-in parent.

The schema is read from /api/schema/ through the WSGI app, and every operation it
documents is one test (`pytest -m fuzz` runs only these). Each sends requests
made from the operation's documentation, valid and invalid, through the app
and checks every answer: no server error, a status the operation documents,
and a body that matches the documented schema of that status (formats,
nullability and enums included).

Bounded and repeatable, for CI: the coverage phase's cases (each parameter's
boundary values, wrong types, missing fields, unexpected methods: finite and
deterministic), then MAX_EXAMPLES generated cases per operation, derandomized
with a fixed seed and no example database. About a minute on two workers.

Each operation runs as its own parent with the demo family, its week planned,
on the Wednesday morning of that week (New York), so what one operation does
(log out, delete a child, reset a password) cannot spoil another's; an access
token outlives a logout, so none needs signing in again. Path parameters name
the family's real objects unless the case is about invalid path parameters, so
requests reach the views rather than a 404. Throttles are lifted (429 is
documented, but hundreds of requests a minute from one user would get nothing
else), and weeks planned during the run reuse earlier solves or get at most a
second (planner/tests/stored_weeks.py), so the generation endpoints are fuzzed
like the rest.

A failure prints a curl command reproducing it. Each bug this found is kept as
a plain regression test next to the code it fixed (tests/test_documented_answers.py
of accounts, surveys, families, curriculum, planner and common).
"""

import datetime as dt
import json
import os

import pytest
import schemathesis
import werkzeug
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle, UserRateThrottle
from schemathesis.core.parameters import ParameterLocation

from brightpath.accounts.services import tokens_for
from brightpath.accounts.tests.factories import UserFactory
from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.models import ScheduleItem
from brightpath.planner.tests.stored_weeks import generate_reusing_solve, reusing_solves

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# Per operation: examples generated for fuzzing (the coverage phase's boundary cases
# come on top). FUZZ_EXAMPLES=200 FUZZ_SEED=7 dig deeper locally, still repeatably.
MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
SEED = int(os.environ.get("FUZZ_SEED", "2026"))

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "database": "none",
            "mode": "all",
        },
        # Hypothesis' health checks are about generation speed and function-scoped
        # fixtures (the family is made once per operation, on purpose).
        "suppress-health-check": ["all"],
    }
)
APP = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/schema/", APP, config=CONFIG)

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.response_schema_conformance,
]

DEMO_MONDAY = dt.date(2026, 1, 5)
WEDNESDAY = dt.date(2026, 1, 7)


class FamilyObjects:
    """The real value of a path parameter, by (path template, name), made on first use
    through the API so each operation only pays for what it names."""

    def __init__(self, family, headers: dict):
        # The WSGI app as the fuzzer calls it (Django's test client would reconnect
        # close_old_connections after each request: see `connections_kept`).
        self.client = werkzeug.Client(APP)
        self.headers = headers
        self.children = {c.name: str(c.pk) for c in family.children.all()}
        self._known: dict[tuple[str, str], str] = {}

    def value(self, path: str, name: str) -> str | None:
        key = (path, name)
        if key not in self._known:
            made = self._make(path, name)
            if made is None:
                return None
            self._known[key] = made
        return self._known[key]

    def _get(self, url: str):
        response = self.client.get(url, headers=self.headers)
        assert response.status_code == 200, (url, response.text)
        return response.get_json()

    def _first(self, url: str) -> str:
        body = self._get(url)
        return (body["results"] if isinstance(body, dict) else body)[0]["id"]

    def _post(self, url: str, data: dict) -> dict:
        response = self.client.post(url, json=data, headers=self.headers)
        assert response.status_code == 201, (url, response.text)
        return response.get_json()

    def _wednesday_item(self) -> ScheduleItem:
        """One of Noah's sessions today, in his active schedule."""
        return ScheduleItem.objects.filter(
            schedule__child__pk=self.children["Noah"],
            schedule__is_active=True,
            day_date=WEDNESDAY,
            item_type="subject",
        ).first()

    def _lesson_sequence(self) -> dict:
        """A lesson sequence of three lessons, attached to Noah's Mathematics."""
        if "sequence" not in self.__dict__:
            made = self._post("/api/lesson-sequences/", {"name": "Maths", "text": "A\nB\nC"})
            self.sequence = {"sequence_id": made["id"], "lesson_id": made["lessons"][0]["id"]}
            noah = self.children["Noah"]
            maths = next(
                s["id"]
                for s in self._get(f"/api/children/{noah}/subjects/")
                if s["name"] == "Mathematics"
            )
            attach = f"/api/children/{noah}/subjects/{maths}/lesson-sequence/"
            response = self.client.put(
                attach, json={"sequenceId": made["id"]}, headers=self.headers
            )
            assert response.status_code == 200, response.text
        return self.sequence

    def _custom_subject(self) -> str:
        subjects = self._get("/api/subjects/?search=Piano")["results"]
        return next(s["id"] for s in subjects if not s["isStandard"])

    def _make(self, path: str, name: str) -> str | None:
        noah = self.children["Noah"]
        if name == "child_id":
            return noah
        if name == "commitment_id" and path.startswith("/api/children/"):
            return self._first(f"/api/children/{noah}/commitments/")
        if name == "commitment_id":
            return self._first("/api/family/commitments/")
        if name == "subject_id" and path.startswith("/api/children/"):
            return self._first(f"/api/children/{noah}/subjects/")
        if name == "subject_id":
            return self._custom_subject()
        if name == "resource_id":
            url = f"/api/subjects/{self._custom_subject()}/resources/"
            return self._post(url, {"title": "Scales", "resourceType": "book"})["id"]
        if name == "schedule_id":
            return str(self._wednesday_item().schedule_id)
        if name == "item_id":
            return str(self._wednesday_item().pk)
        if name == "feed_id":
            return self._post("/api/calendar-feeds/", {"childId": noah})["id"]
        if name == "day_off_id":
            day_off = {"date": "2026-01-09", "kind": "sick", "label": "Flu"}
            return self._post("/api/family/days-off/", day_off)["dayOff"]["id"]
        if name == "carry_over_id":
            return self._post("/api/family/carry-over/", {})["id"]
        if name in ("sequence_id", "lesson_id"):
            return self._lesson_sequence()[name]
        if name == "session_id":
            return self._post("/api/surveys/sessions/", {})["id"]
        if name == "section":
            return "section2" if "{child_key}" in path else "section1"
        return None  # task_id, child_key: what the fuzzer makes


@pytest.fixture
def connections_kept():
    """As Django's test client does: the end of a request through the WSGI app does not
    close the database connection, which would end the test's transaction (PostgreSQL)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


# Spark and Coach stand on accounts alone: their operations need a signed-in user, not
# the Planner's family (which costs a questionnaire and a planned week to make).
WITHOUT_A_FAMILY = (" /api/spark/", " /api/coach/")


@pytest.fixture
def family_api(db, connections_kept, monkeypatch, settings, before_the_demo_week, request):
    """The demo family with its week planned, the clock on its Wednesday morning, a
    signed-in parent's Authorization header, and the family's objects by name (for
    Spark's and Coach's operations, the signed-in user alone and no objects)."""
    # Every request here comes from one address and one user, hundreds a minute: past
    # the throttles all would be 429s (documented, but nothing left fuzzed). DRF's
    # throttle classes keep the rates they were imported with, hence the classes too.
    rates = dict.fromkeys(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "1000000/min")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    for throttle in (SimpleRateThrottle, ScopedRateThrottle, UserRateThrottle):
        monkeypatch.setattr(throttle, "THROTTLE_RATES", rates)

    user = UserFactory()
    headers = {"Authorization": f"Bearer {tokens_for(user)['access']}"}
    if any(prefix in request.node.name for prefix in WITHOUT_A_FAMILY):
        yield headers, None
        return
    family = questionnaire_submit(user=user, data=json.loads(DEMO_FAMILY_FILE.read_text()))
    generate_reusing_solve(family=family, week_start=DEMO_MONDAY)
    wednesday = dt.datetime.combine(WEDNESDAY, dt.time(8, 0), tzinfo=before_the_demo_week.tzinfo)
    monkeypatch.setattr(timezone, "now", lambda: wednesday)
    with reusing_solves():
        yield headers, FamilyObjects(family, headers)


@schema.parametrize()
def test_the_api_answers_as_documented(case, family_api):
    headers, objects = family_api
    negative_path = case.meta.is_negative_at(ParameterLocation.PATH)
    if objects is not None and case.path_parameters and not negative_path:
        for name in case.path_parameters:
            value = objects.value(case.operation.path, name)
            if value is not None:
                case.path_parameters[name] = value
    case.call_and_validate(headers=headers, checks=CHECKS)
