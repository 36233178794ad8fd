import re

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db


def _api_routes(patterns=None, prefix="") -> set[str]:
    """Every URL under /api/ as an OpenAPI path ({param} placeholders)."""
    routes: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            routes |= _api_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("api/"):
            routes.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))
    return routes - {"/api/schema/", "/api/docs/"}


def test_schema_lists_every_api_route(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    documented = set(response.json()["paths"])
    routes = _api_routes()
    assert "/api/auth/google/" in routes
    assert routes <= documented, f"undocumented: {sorted(routes - documented)}"


# Actions that take no input: the URL says everything.
BODILESS_ACTIONS = {
    "/api/family/carry-over/",
    "/api/family/carry-overs/{carry_over_id}/undo/",
    "/api/coach/conversations/{conversation_id}/messages/{message_id}/retry/",
    "/api/spark/consent/code/",
    "/api/spark/conversations/{conversation_id}/end/",
    "/api/spark/exit/code/",
    "/api/spark/flags/{message_id}/review/",
}


def test_every_operation_has_request_and_response_shapes(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["responses"], f"{method} {path} documents no response"
            if method in ("post", "put", "patch") and path not in BODILESS_ACTIONS:
                assert "requestBody" in operation, f"{method} {path} documents no request"


def test_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yaml")


def test_swagger_ui_is_served(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()
