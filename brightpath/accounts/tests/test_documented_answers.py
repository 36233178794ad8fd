"""Answers /api/schema/ did not document, found by common/tests/test_fuzz_api.py."""

import pytest

from brightpath.common.tests.openapi import documented

pytestmark = pytest.mark.django_db


def test_a_new_account_has_no_questionnaire_completion_time_as_documented(api_client):
    # Was: questionnaireCompletedAt null, documented as a non-null date-time.
    new = {"email": "new@example.com", "password": "a-long-passphrase-42", "name": "New"}
    registered = api_client.post("/api/auth/register/", new, format="json")
    body = documented(registered, "/api/auth/register/", "post")
    assert body["user"]["questionnaireCompletedAt"] is None

    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {body['tokens']['access']}")
    me = documented(api_client.get("/api/users/me/"), "/api/users/me/")
    assert me["questionnaireCompleted"] is False
    assert me["questionnaireCompletedAt"] is None
