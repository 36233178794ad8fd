"""Answers /api/schema/ did not document, found by common/tests/test_fuzz_api.py."""

import pytest

from brightpath.common.tests.openapi import documented

pytestmark = pytest.mark.django_db


def test_a_session_in_progress_has_no_completion_time_as_documented(auth_client):
    # Was: completedAt null, documented as a non-null date-time.
    started = documented(
        auth_client.post("/api/surveys/sessions/", {}, format="json"),
        "/api/surveys/sessions/",
        "post",
    )
    assert started["completedAt"] is None
    url = f"/api/surveys/sessions/{started['id']}/"
    assert documented(auth_client.get(url), "/api/surveys/sessions/{session_id}/")["status"] == (
        "in_progress"
    )
    abandoned = auth_client.patch(url, {"status": "abandoned"}, format="json")
    assert documented(abandoned, "/api/surveys/sessions/{session_id}/", "patch")["status"] == (
        "abandoned"
    )
