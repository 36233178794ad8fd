"""Answers /api/schema/ did not document, found by common/tests/test_fuzz_api.py."""

import pytest

from brightpath.common.tests.openapi import documented
from brightpath.onboarding.services import questionnaire_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(user, demo_submission, before_the_demo_week):
    return questionnaire_submit(user=user, data=demo_submission)


def test_commitment_times_are_documented_as_written(auth_client, family):
    # Was: "16:00" answered, documented as `format: time` (RFC 3339: "16:00:00+00:00").
    noah = family.children.get(name="Noah")
    family_commitments = documented(
        auth_client.get("/api/family/commitments/"), "/api/family/commitments/"
    )
    assert family_commitments[0]["startTime"] == "10:00"
    child_commitments = documented(
        auth_client.get(f"/api/children/{noah.pk}/commitments/"),
        "/api/children/{child_id}/commitments/",
    )
    assert child_commitments[0]["endTime"] == "17:00"
    child = documented(auth_client.get(f"/api/children/{noah.pk}/"), "/api/children/{child_id}/")
    assert child["commitments"][0]["startTime"] == "16:00"


def test_a_draft_saved_over_a_newer_one_answers_a_documented_409(auth_client, family):
    # Was: 409 for a stale `version`, not among the documented answers.
    url = "/api/questionnaire/drafts/section1/"
    saved = auth_client.put(url, {"draft": {}, "status": "in_progress"}, format="json")
    version = documented(saved, "/api/questionnaire/drafts/{section}/", "put")["version"]
    stale = {"draft": {}, "status": "in_progress", "version": version - 1}
    conflict = auth_client.put(url, stale, format="json")
    assert conflict.status_code == 409
    assert documented(conflict, "/api/questionnaire/drafts/{section}/", "put")["error"]["code"] == (
        "conflict"
    )
    child_url = "/api/questionnaire/drafts/children/0/section2/"
    conflict = auth_client.put(child_url, stale, format="json")
    assert conflict.status_code == 409
    documented(conflict, "/api/questionnaire/drafts/children/{child_key}/{section}/", "put")
