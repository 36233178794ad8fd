"""Every 4xx/5xx of the API answers {"error": {"code", "message", "fields"?}}."""

import pytest
from django.urls import path
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    Unauthenticated,
    flatten_field_errors,
)

pytestmark = pytest.mark.django_db


class _Child(serializers.Serializer):
    age = serializers.IntegerField(min_value=2, max_value=18)


class _Family(serializers.Serializer):
    name = serializers.CharField()
    children = _Child(many=True)


class _ValidatingView(APIView):
    permission_classes: list = []

    def post(self, request):
        _Family(data=request.data).is_valid(raise_exception=True)
        return Response({})


class _CrashingView(APIView):
    permission_classes: list = []

    def get(self, request):
        raise RuntimeError("boom")


# What a service raises, and the DRF exception it raised before: both answer alike.
_NESTED = {"name": ["Required."], "children": [{}, {"age": ["Too old."]}]}
DOMAIN_ERRORS = {
    "invalid": (lambda: Invalid(_NESTED), lambda: exceptions.ValidationError(_NESTED)),
    "invalid-general": (
        lambda: Invalid("Two fixed times clash."),
        lambda: exceptions.ValidationError("Two fixed times clash."),
    ),
    "unauthenticated": (
        lambda: Unauthenticated("This account is disabled."),
        lambda: exceptions.AuthenticationFailed("This account is disabled."),
    ),
    "forbidden": (Forbidden, exceptions.PermissionDenied),
    "not-found": (lambda: NotFound("No such item."), lambda: exceptions.NotFound("No such item.")),
    "not-found-default": (NotFound, exceptions.NotFound),
}


class _RaisingView(APIView):
    permission_classes: list = []

    def get(self, request, name, drf=False):
        domain, drf_exception = DOMAIN_ERRORS[name]
        raise (drf_exception if drf else domain)()


class _ConflictView(APIView):
    permission_classes: list = []

    def get(self, request):
        raise Conflict("Someone else changed this item.", current={"version": 3})


class _NoAuthenticatorsView(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    def get(self, request):
        raise Unauthenticated()


urlpatterns = [
    path("api/test/validate/", _ValidatingView.as_view()),
    path("api/test/crash/", _CrashingView.as_view()),
    path("api/test/raise/<str:name>/", _RaisingView.as_view()),
    path("api/test/raise-drf/<str:name>/", _RaisingView.as_view(), {"drf": True}),
    path("api/test/conflict/", _ConflictView.as_view()),
    path("api/test/no-authenticators/", _NoAuthenticatorsView.as_view()),
]
handler500 = "brightpath.common.views.server_error"


def assert_error_shape(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


@pytest.mark.urls(__name__)
def test_400_names_each_bad_field_by_its_path(api_client):
    response = api_client.post(
        "/api/test/validate/", {"children": [{"age": 4}, {"age": 40}]}, format="json"
    )
    error = assert_error_shape(response, 400, "validation_error")
    assert set(error["fields"]) == {"name", "children[1].age"}
    assert "less than or equal to 18" in error["fields"]["children[1].age"][0]


@pytest.mark.urls(__name__)
def test_malformed_json_is_a_400(api_client):
    response = api_client.post("/api/test/validate/", "{not json", content_type="application/json")
    assert_error_shape(response, 400, "parse_error")


def test_401_without_credentials(api_client):
    error = assert_error_shape(api_client.get("/api/users/me/"), 401, "not_authenticated")
    assert "credentials" in error["message"]


def test_401_with_a_garbage_token(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not.a.token")
    assert_error_shape(api_client.get("/api/users/me/"), 401, "token_not_valid")


def test_404_for_an_unknown_api_url(auth_client):
    assert_error_shape(auth_client.get("/api/no-such-thing/"), 404, "not_found")


def test_405_keeps_the_allow_header(auth_client):
    response = auth_client.delete("/api/users/me/")
    assert_error_shape(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


def test_405_from_a_plain_django_view(api_client):
    assert_error_shape(api_client.post("/healthz"), 405, "method_not_allowed")


@pytest.mark.urls(__name__)
def test_500_in_production_mode_hides_the_exception(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/api/test/crash/", HTTP_X_REQUEST_ID="trace-me-42")
    error = assert_error_shape(response, 500, "server_error")
    assert "boom" not in response.content.decode()
    assert error["requestId"] == "trace-me-42"


def test_html_pages_keep_html_errors(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_flatten_merges_nested_lists_and_general_errors():
    detail = {
        "non_field_errors": ["Two fixed times clash."],
        "children": [{}, {"section4": {"subjects": [{}, {"sessionDuration": ["too long"]}]}}],
    }
    assert flatten_field_errors(detail) == {
        "nonFieldErrors": ["Two fixed times clash."],
        "children[1].section4.subjects[1].sessionDuration": ["too long"],
    }


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("name", "status", "code", "message", "fields"),
    [
        (
            "invalid",
            400,
            "validation_error",
            "Some fields are invalid.",
            {"name": ["Required."], "children[1].age": ["Too old."]},
        ),
        ("invalid-general", 400, "validation_error", "Two fixed times clash.", None),
        ("unauthenticated", 401, "authentication_failed", "This account is disabled.", None),
        (
            "forbidden",
            403,
            "permission_denied",
            "You do not have permission to perform this action.",
            None,
        ),
        ("not-found", 404, "not_found", "No such item.", None),
        ("not-found-default", 404, "not_found", "Not found.", None),
    ],
)
def test_each_domain_error_answers_in_the_one_shape(
    api_client, name, status, code, message, fields
):
    response = api_client.get(f"/api/test/raise/{name}/")
    error = assert_error_shape(response, status, code)
    assert error["message"] == message
    assert error.get("fields") == fields


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("name", list(DOMAIN_ERRORS))
def test_a_domain_error_answers_as_the_drf_exception_it_replaces(api_client, name):
    domain = api_client.get(f"/api/test/raise/{name}/")
    drf = api_client.get(f"/api/test/raise-drf/{name}/")
    assert (domain.status_code, domain.json()) == (drf.status_code, drf.json())
    assert domain.get("WWW-Authenticate") == drf.get("WWW-Authenticate")


@pytest.mark.urls(__name__)
def test_401_names_the_authentication_scheme(api_client):
    response = api_client.get("/api/test/raise/unauthenticated/")
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.urls(__name__)
def test_401_without_a_scheme_to_name_is_a_403_as_in_drf(api_client):
    response = api_client.get("/api/test/no-authenticators/")
    assert_error_shape(response, 403, "authentication_failed")
    assert "WWW-Authenticate" not in response


@pytest.mark.urls(__name__)
def test_409_carries_its_extra_fields(api_client):
    error = assert_error_shape(api_client.get("/api/test/conflict/"), 409, "conflict")
    assert error["message"] == "Someone else changed this item."
    assert error["current"] == {"version": 3}
    assert "fields" not in error
