"""Answers /api/schema/ did not document, found by test_fuzz_api.py (schemathesis)."""

import pytest

from brightpath.common.tests.openapi import documented

pytestmark = pytest.mark.django_db


def test_a_body_without_a_content_type_answers_a_documented_415(client):
    # Was: 415 from the parsers, not among the documented answers of any operation.
    response = client.generic("POST", "/api/auth/token/refresh/", b"\xc2\x9d\xc3\xae")
    assert response.status_code == 415
    body = documented(response, "/api/auth/token/refresh/", "post")
    assert body["error"]["code"] == "unsupported_media_type"


def test_a_body_in_a_type_no_parser_reads_answers_a_documented_415(auth_client):
    response = auth_client.generic(
        "PUT", "/api/users/preferences/", b"theme: dark", content_type="application/yaml"
    )
    assert response.status_code == 415
    documented(response, "/api/users/preferences/", "put")


def test_a_body_past_the_size_limit_answers_a_documented_413(api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = api_client.post(
        "/api/auth/login/", {"email": "a@example.com", "password": "x" * 200}, format="json"
    )
    assert response.status_code == 413
    assert documented(response, "/api/auth/login/", "post")["error"]["code"] == (
        "request_too_large"
    )


def test_only_operations_that_read_a_body_document_413_and_415():
    from brightpath.common.tests.openapi import openapi

    for path, operations in openapi()["paths"].items():
        for method, operation in operations.items():
            reads_a_body = "requestBody" in operation
            for status in ("413", "415"):
                assert (status in operation["responses"]) == reads_a_body, (method, path, status)
