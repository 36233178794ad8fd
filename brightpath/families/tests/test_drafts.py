"""Questionnaire drafts: saved section by section, never lost (seed 000 progress, seed 001 keys).

Every request that writes runs inside `django_capture_on_commit_callbacks(execute=True)`:
in production the view is not atomic, so the cache write-through registered with
`on_commit` runs as soon as the save commits; inside the test transaction it would not.
"""

import datetime as dt
import json
from unittest import mock

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from brightpath.accounts.services import tokens_for
from brightpath.accounts.tests.factories import UserFactory
from brightpath.families import selectors, services
from brightpath.families.models import Family, QuestionnaireSession
from brightpath.onboarding.demo import DEMO_FAMILY_FILE

pytestmark = pytest.mark.django_db

DEMO_FILE = DEMO_FAMILY_FILE
STATE_URL = "/api/questionnaire/"
SECTIONS = [f"section{n}" for n in range(1, 8)]
CHILD_SECTIONS = ["section2", "section3Child", "section4", "section6"]

SECTION1 = {"name": "Sarah Kim", "timeZone": "America/New_York"}
SECTION3 = {
    "commitments": [
        {
            "name": "Work Meeting",
            "frequency": "weekly",
            "daysOfWeek": ["Tuesday"],
            "startTime": "10:00",
            "endTime": "11:30",
        }
    ]
}
NOAH = {"name": "Noah", "age": 6}
AVA = {"name": "Ava", "age": 10}
NOAH_SUBJECTS = {"subjects": [{"name": "Reading", "interestLevel": 5}]}


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user)['access']}")
    return client


def draft_url(section: str, child: str | None = None) -> str:
    if child is None:
        return f"/api/questionnaire/drafts/{section}/"
    return f"/api/questionnaire/drafts/children/{child}/{section}/"


def progress_key(family_id) -> str:
    return f"QUESTIONNAIRE:PROGRESS:{family_id}"


def draft_key(family_id, section: str, child: str | None = None) -> str:
    if child is None:
        return f"QUESTIONNAIRE:DRAFT:{family_id}:{section}"
    return f"QUESTIONNAIRE:DRAFT:{family_id}:child:{child}:{section}"


@pytest.fixture
def save(auth_client, django_capture_on_commit_callbacks):
    """PUT one draft as a request in production would: on_commit callbacks run."""

    def _save(section, draft, status="in_progress", child=None, client=None, **extra):
        body = {"draft": draft, "status": status, **extra}
        with django_capture_on_commit_callbacks(execute=True):
            return (client or auth_client).put(draft_url(section, child), body, format="json")

    return _save


@pytest.fixture
def state(auth_client):
    def _state(client=None) -> dict:
        response = (client or auth_client).get(STATE_URL)
        assert response.status_code == 200, response.content
        return response.json()

    return _state


def family_id_of(user):
    return Family.objects.get(owner=user).pk


class TestSaveAndReadBack:
    def test_before_any_save_the_progress_is_empty_in_seed_000_shape(self, state):
        body = state()
        assert body["currentSection"] == 1
        assert body["progress"] == dict.fromkeys(SECTIONS, "not_started")
        assert body["childrenProgress"] == []
        assert body["lastUpdated"] is None
        assert body["drafts"] == {"children": {}}
        assert body["version"] == 0

    def test_family_section_draft_is_read_back(self, save, state):
        response = save("section1", SECTION1)
        assert response.status_code == 200, response.content
        assert response.json()["drafts"]["section1"] == SECTION1

        body = state()
        assert body["drafts"]["section1"] == SECTION1
        assert body["progress"]["section1"] == "in_progress"
        assert body["currentSection"] == 1
        others = {k: v for k, v in body["progress"].items() if k != "section1"}
        assert others == dict.fromkeys(SECTIONS[1:], "not_started")

    def test_child_section_draft_is_read_back_with_child_progress(self, save, state):
        assert save("section2", NOAH, status="complete", child="temp_child_1").status_code == 200
        assert save("section4", NOAH_SUBJECTS, child="temp_child_1").status_code == 200

        body = state()
        assert body["drafts"]["children"] == {
            "temp_child_1": {"section2": NOAH, "section4": NOAH_SUBJECTS}
        }
        assert body["childrenProgress"] == [
            {
                "childId": "temp_child_1",
                "name": "Noah",
                "section2": "complete",
                "section3Child": "not_started",
                "section4": "in_progress",
                "section6": "not_started",
            }
        ]
        # The family-level progress of a per-child section summarises the children.
        assert body["progress"]["section2"] == "complete"
        assert body["progress"]["section4"] == "in_progress"
        assert body["progress"]["section6"] == "not_started"
        assert body["currentSection"] == 4

    def test_progress_object_has_seed_000_shape(self, save, state):
        before = dt.datetime.now(dt.UTC)
        save("section1", SECTION1, status="complete")
        save("section2", NOAH, child="temp_child_1")
        save("section2", AVA, status="complete", child="temp_child_2")

        body = state()
        assert set(body) == {
            "currentSection",
            "progress",
            "childrenProgress",
            "lastUpdated",
            "drafts",
            "version",
        }
        assert isinstance(body["currentSection"], int)
        assert set(body["progress"]) == set(SECTIONS)
        assert set(body["progress"].values()) <= {"not_started", "in_progress", "complete"}
        assert [entry["childId"] for entry in body["childrenProgress"]] == [
            "temp_child_1",
            "temp_child_2",
        ]
        for entry in body["childrenProgress"]:
            assert set(entry) == {"childId", "name", *CHILD_SECTIONS}
        assert [entry["name"] for entry in body["childrenProgress"]] == ["Noah", "Ava"]
        # One child still in progress: the family's section 2 is in progress.
        assert body["progress"]["section2"] == "in_progress"
        assert dt.datetime.fromisoformat(body["lastUpdated"]) >= before

    def test_each_save_moves_the_version_on(self, save, state):
        first = save("section1", SECTION1).json()["version"]
        second = save("section3", SECTION3).json()["version"]
        assert second == first + 1
        assert state()["version"] == second

    def test_another_user_does_not_see_my_drafts(self, save, state):
        save("section1", SECTION1)
        save("section2", NOAH, child="temp_child_1")

        stranger = state(client_for(UserFactory()))
        assert stranger["drafts"] == {"children": {}}
        assert stranger["childrenProgress"] == []
        assert stranger["progress"] == dict.fromkeys(SECTIONS, "not_started")


class TestCacheAndDatabase:
    def test_seed_001_cache_keys_hold_the_saved_state(self, save, user):
        save("section1", SECTION1)
        save("section2", NOAH, status="complete", child="temp_child_1")
        family_id = family_id_of(user)

        progress = cache.get(progress_key(family_id))
        assert progress is not None
        assert progress["currentSection"] == 2
        assert progress["progress"]["section1"] == "in_progress"
        assert progress["childrenProgress"][0]["childId"] == "temp_child_1"
        assert cache.get(draft_key(family_id, "section1")) == SECTION1
        assert cache.get(draft_key(family_id, "section2", "temp_child_1")) == NOAH

    def test_state_resumes_from_the_database_after_a_cache_flush(self, save, state, user):
        save("section1", SECTION1, status="complete")
        save("section3", SECTION3)
        save("section2", NOAH, child="temp_child_1")
        before_flush = state()
        family_id = family_id_of(user)

        cache.clear()
        assert cache.get(progress_key(family_id)) is None

        assert state() == before_flush
        # The read refilled the cache, so the next read is served from it again.
        assert cache.get(progress_key(family_id))["progress"] == before_flush["progress"]
        assert cache.get(draft_key(family_id, "section3")) == SECTION3
        assert cache.get(draft_key(family_id, "section2", "temp_child_1")) == NOAH

    def test_a_save_during_a_cache_refill_is_not_hidden_by_the_refill(
        self, save, state, user, django_capture_on_commit_callbacks
    ):
        save("section1", SECTION1)
        cache.clear()  # the progress key expired
        refill = selectors.questionnaire_cache_refill

        def refill_after_another_device_saved(*, family, data, version):
            # Between this read of the row and its cache refill, another device saves.
            with django_capture_on_commit_callbacks(execute=True):
                services.questionnaire_draft_save(user=user, section="section3", draft=SECTION3)
            refill(family=family, data=data, version=version)

        with mock.patch.object(
            selectors, "questionnaire_cache_refill", refill_after_another_device_saved
        ):
            state()

        assert QuestionnaireSession.objects.get(user=user).session_data["drafts"]["section3"]
        assert state(client_for(user))["drafts"].get("section3") == SECTION3

    def test_another_device_signed_in_as_the_same_user_sees_the_drafts(self, save, state, user):
        save("section1", SECTION1)
        save("section2", NOAH, child="temp_child_1")
        other_device = client_for(user)

        seen = state(other_device)
        assert seen["drafts"]["section1"] == SECTION1
        assert seen["drafts"]["children"]["temp_child_1"]["section2"] == NOAH

        # ...and what the other device saves shows up on the first.
        assert save("section3", SECTION3, client=other_device).status_code == 200
        mine = state()
        assert mine["drafts"]["section1"] == SECTION1
        assert mine["drafts"]["section3"] == SECTION3

    def test_another_device_sees_the_drafts_after_a_cache_flush(self, save, state, user):
        save("section1", SECTION1)
        cache.clear()
        assert state(client_for(user))["drafts"]["section1"] == SECTION1

    def test_saves_and_reads_work_from_the_database_when_the_cache_is_down(self, save, state, user):
        class DownCache:
            def __getattr__(self, name):
                def fail(*args, **kwargs):
                    raise ConnectionError("Redis is down")

                return fail

        with mock.patch("brightpath.families.drafts.cache", DownCache()):
            first = save("section1", SECTION1)
            child = save("section2", NOAH, status="complete", child="temp_child_1")
            assert (first.status_code, child.status_code) == (200, 200)
            body = state()
            on_other_device = state(client_for(user))

        for seen in (body, on_other_device):
            assert seen["drafts"]["section1"] == SECTION1
            assert seen["drafts"]["children"]["temp_child_1"]["section2"] == NOAH
            assert seen["progress"]["section1"] == "in_progress"
            assert seen["childrenProgress"][0]["section2"] == "complete"
        row = QuestionnaireSession.objects.get(user=user)
        assert row.session_data["drafts"]["section1"] == SECTION1
        # Nothing was cached meanwhile; once the cache is back, reads still agree.
        assert cache.get(progress_key(family_id_of(user))) is None
        assert state() == body


class TestConcurrentSaves:
    def test_stale_version_is_refused_with_409_and_changes_nothing(self, save, state, user):
        read = save("section1", SECTION1).json()
        version = read["version"]
        other_device = client_for(user)
        newer = save("section1", {"name": "Kim"}, client=other_device, version=version)
        assert newer.status_code == 200
        after_other_device = state()
        assert after_other_device["drafts"]["section1"] == {"name": "Kim"}

        stale = save("section1", {"name": "Stale"}, status="complete", version=version)

        assert stale.status_code == 409
        error = stale.json()["error"]
        assert error["code"] == "conflict"
        assert error["message"]
        assert state() == after_other_device
        cache.clear()
        assert state() == after_other_device  # the database row did not change either

    def test_current_version_is_accepted(self, save):
        version = save("section1", SECTION1).json()["version"]
        response = save("section3", SECTION3, version=version)
        assert response.status_code == 200
        assert response.json()["version"] == version + 1

    def test_first_save_with_the_version_just_read_is_accepted(self, save, state):
        version = state()["version"]  # no session yet
        response = save("section1", SECTION1, version=version)
        assert response.status_code == 200, response.content
        assert response.json()["version"] == version + 1
        assert state()["drafts"]["section1"] == SECTION1
        # ...and a second device still holding that first version is now stale.
        assert save("section3", SECTION3, version=version).status_code == 409

    def test_two_sections_saved_one_after_the_other_both_survive(self, save, state, user):
        other_device = client_for(user)
        version = state()["version"]
        save("section1", SECTION1)
        save("section3", SECTION3, client=other_device)
        save("section4", NOAH_SUBJECTS, child="temp_child_1")
        save("section2", NOAH, child="temp_child_1", client=other_device)

        body = state()
        assert body["drafts"]["section1"] == SECTION1
        assert body["drafts"]["section3"] == SECTION3
        assert body["drafts"]["children"]["temp_child_1"] == {
            "section4": NOAH_SUBJECTS,
            "section2": NOAH,
        }
        assert body["progress"]["section1"] == body["progress"]["section3"] == "in_progress"
        assert body["version"] > version
        cache.clear()
        assert state() == body


class TestInvalidSaves:
    @pytest.mark.parametrize(
        "url",
        [
            draft_url("section9"),
            draft_url("section4"),  # a child's section, not a family one
            draft_url("section1", child="temp_child_1"),  # a family section under a child
            draft_url("nonsense", child="temp_child_1"),
        ],
    )
    def test_unknown_section_is_400_naming_section(self, auth_client, state, url):
        response = auth_client.put(url, {"draft": {"a": 1}}, format="json")
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "validation_error"
        assert "section" in error["fields"]
        assert state()["version"] == 0  # nothing saved

    @pytest.mark.parametrize("draft", [["Sarah"], "Sarah Kim", 42, None])
    def test_draft_that_is_not_an_object_is_400_naming_draft(self, auth_client, state, draft):
        response = auth_client.put(draft_url("section1"), {"draft": draft}, format="json")
        assert response.status_code == 400
        assert "draft" in response.json()["error"]["fields"]
        assert state()["drafts"] == {"children": {}}

    def test_unknown_status_is_400_naming_status(self, auth_client):
        response = auth_client.put(
            draft_url("section1"), {"draft": SECTION1, "status": "done"}, format="json"
        )
        assert response.status_code == 400
        assert "status" in response.json()["error"]["fields"]

    def test_drafts_need_a_signed_in_user(self, api_client):
        assert api_client.get(STATE_URL).status_code == 401
        response = api_client.put(draft_url("section1"), {"draft": SECTION1}, format="json")
        assert response.status_code == 401


class TestDiscardChild:
    def test_delete_removes_the_child_from_progress_and_drafts(
        self, auth_client, save, state, django_capture_on_commit_callbacks
    ):
        save("section2", NOAH, child="temp_child_1")
        save("section2", AVA, status="complete", child="temp_child_2")

        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client.delete("/api/questionnaire/drafts/children/temp_child_1/")

        assert response.status_code == 204
        body = state()
        assert [entry["childId"] for entry in body["childrenProgress"]] == ["temp_child_2"]
        assert list(body["drafts"]["children"]) == ["temp_child_2"]
        cache.clear()
        assert state() == body  # gone from the database row too

    def test_family_progress_summarises_the_remaining_children_after_a_delete(
        self, auth_client, save, state, django_capture_on_commit_callbacks
    ):
        save("section2", NOAH, status="in_progress", child="temp_child_1")
        save("section2", AVA, status="complete", child="temp_child_2")
        assert state()["progress"]["section2"] == "in_progress"

        with django_capture_on_commit_callbacks(execute=True):
            auth_client.delete("/api/questionnaire/drafts/children/temp_child_1/")

        assert state()["progress"]["section2"] == "complete"

    def test_deleting_the_only_child_resets_its_sections(
        self, auth_client, save, state, django_capture_on_commit_callbacks
    ):
        save("section2", NOAH, status="complete", child="temp_child_1")
        save("section1", SECTION1, status="complete")

        with django_capture_on_commit_callbacks(execute=True):
            auth_client.delete("/api/questionnaire/drafts/children/temp_child_1/")

        progress = state()["progress"]
        assert progress["section2"] == "not_started"
        assert progress["section1"] == "complete"

    def test_delete_without_drafts_is_harmless(self, auth_client, state):
        response = auth_client.delete("/api/questionnaire/drafts/children/temp_child_9/")
        assert response.status_code == 204
        assert state()["childrenProgress"] == []


class TestAfterSubmit:
    def test_submit_clears_the_drafts_and_completes_every_section(
        self, auth_client, save, state, user, django_capture_on_commit_callbacks
    ):
        save("section1", SECTION1)
        save("section2", NOAH, child="temp_child_1")
        assert state()["drafts"]["section1"] == SECTION1  # cached now
        family_id = family_id_of(user)

        with django_capture_on_commit_callbacks(execute=True):
            response = auth_client.post(
                "/api/questionnaire/submit/", json.loads(DEMO_FILE.read_text()), format="json"
            )
        assert response.status_code == 201, response.content

        body = state()
        assert body["progress"] == dict.fromkeys(SECTIONS, "complete")
        assert body["drafts"] == {"children": {}}
        assert body["childrenProgress"] == []
        assert cache.get(draft_key(family_id, "section1")) is None
        assert cache.get(draft_key(family_id, "section2", "temp_child_1")) is None
        cache.clear()
        assert state() == body

    def test_editing_after_a_submit_keeps_the_other_sections_complete(
        self, auth_client, save, state, user, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            auth_client.post(
                "/api/questionnaire/submit/", json.loads(DEMO_FILE.read_text()), format="json"
            )

        save("section1", {"name": "Sarah Kim-Lee"})

        body = state()
        assert body["drafts"]["section1"] == {"name": "Sarah Kim-Lee"}
        assert body["progress"]["section1"] == "in_progress"
        assert body["progress"]["section7"] == "complete"
        assert QuestionnaireSession.objects.get(user=user).status == "in_progress"
