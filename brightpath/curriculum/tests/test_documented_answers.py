"""Answers /api/schema/ did not document, found by common/tests/test_fuzz_api.py."""

import pytest

from brightpath.common.tests.openapi import documented
from brightpath.curriculum.models import CatalogSubject

pytestmark = pytest.mark.django_db


def test_a_resource_without_an_address_is_documented(auth_client, user):
    # Was: url "" answered, documented as `format: uri` (which "" is not).
    piano = CatalogSubject.objects.create(name="Piano", owner=user)
    url = f"/api/subjects/{piano.pk}/resources/"
    created = auth_client.post(url, {"title": "Scales", "resourceType": "book"}, format="json")
    body = documented(created, "/api/subjects/{subject_id}/resources/", "post")
    assert body["url"] == ""
    listed = documented(auth_client.get(url), "/api/subjects/{subject_id}/resources/")
    assert [r["url"] for r in listed["results"]] == [""]
    with_address = {"title": "Scales", "resourceType": "book", "url": "https://example.com/a"}
    changed = auth_client.put(f"/api/resources/{body['id']}/", with_address, format="json")
    assert documented(changed, "/api/resources/{resource_id}/", "put")["url"] == (
        "https://example.com/a"
    )
