"""Answers /api/schema/ did not document, found by common/tests/test_fuzz_api.py."""

import pytest

from brightpath.common.tests.openapi import documented

pytestmark = pytest.mark.django_db


def test_the_agenda_email_time_is_documented_as_written(auth_client, demo_family):
    # Was: sendAt "07:00" answered (and the only form read), documented as `format: time`
    # (RFC 3339: "07:00:00+00:00", which the PUT refuses).
    url = "/api/family/agenda-email/"
    assert documented(auth_client.get(url), url)["sendAt"] == "07:00"
    changed = auth_client.put(url, {"enabled": True, "sendAt": "06:30"}, format="json")
    assert documented(changed, url, "put")["sendAt"] == "06:30"
    with_seconds = auth_client.put(url, {"enabled": True, "sendAt": "06:30:00"}, format="json")
    assert with_seconds.status_code == 400
    documented(with_seconds, url, "put")
