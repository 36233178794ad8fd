"""Every 4xx/5xx of the API answers {"error": {"code", "message", "fields"?}}."""

import pytest
from django.urls import path
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.errors import flatten_field_errors

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


urlpatterns = [
    path("api/test/validate/", _ValidatingView.as_view()),
    path("api/test/crash/", _CrashingView.as_view()),
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
